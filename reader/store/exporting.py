"""The library's exports: Word briefs, clean documents, annotation tables and the
修改前后对照表 of two documents.

The :class:`Exports` service is ``library.exports``.  It reads the store (documents
through the library, annotations, links and categories through ``library.annotations``,
detected references through ``library.refs``) into the plain records of
:mod:`reader.export.model` and hands them to the export core, which never reads the store
itself.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.core.annotations import Annotation, Link, LinkEnd, parse_time
from reader.core.errors import UserError
from reader.core.model import Document
from reader.core.refs.model import pinpoint_label
from reader.core.versions import Comparison, compare
from reader.export.files import check_target
from reader.export.model import (
    DEFAULT_TITLE,
    BriefAnnotation,
    BriefDocument,
    BriefLink,
    BriefLinkEnd,
    BriefOptions,
    BriefRef,
    BriefReply,
    BriefRequest,
    ExportResult,
    NothingToExport,
    Scope,
)
from reader.store.annotating import Annotations
from reader.store.references import References
from reader.store.repository import DocumentSummary

if TYPE_CHECKING:  # the writers load python-docx: imported when an export runs
    from reader.export.comparison import ComparisonOptions, ComparisonResult
    from reader.export.plan import DocPlan

#: ``progress(done, total)``, called now and then while an export runs.
ExportProgress = Callable[[int, int], None]
#: ``cancel()``, polled while an export runs; True stops it and nothing is written.
ExportCancel = Callable[[], bool]

DEFAULT_COLOUR = "#FFFF00"


class Documents(Protocol):
    """The document lookups an export needs (the Library provides them)."""

    def documents(self) -> list[DocumentSummary]: ...
    def document(self, doc_id: str) -> Document: ...
    def full_id(self, doc_id: str) -> str: ...


class Exports:
    """Exports of one library: ``library.exports``."""

    def __init__(self, documents: Documents, annotations: Annotations, refs: References) -> None:
        self._docs = documents
        self._annotations = annotations
        self._refs = refs

    # -- what can be exported ------------------------------------------------------------

    def annotated_documents(self) -> list[str]:
        """Ids of the documents (in library order) that carry a live annotation or link end."""
        used: set[str] = {a.doc_id for a in self._annotations.list()}
        for link in self._annotations.links():
            used.update((link.src.doc_id, link.dst.doc_id))
        return [d.id for d in self._docs.documents() if d.id in used]

    def counts(self) -> dict[str, tuple[int, int]]:
        """Document id → (live annotations, links touching it): for the export dialog."""
        out: dict[str, list[int]] = {}
        for ann in self._annotations.list():
            out.setdefault(ann.doc_id, [0, 0])[0] += 1
        for link in self._annotations.links():
            for doc_id in {link.src.doc_id, link.dst.doc_id}:
                out.setdefault(doc_id, [0, 0])[1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    # -- the three exports ---------------------------------------------------------------

    def brief(self, out_path: str | Path, doc_ids: Iterable[str] | None = None, *,
              annotated_only: bool = False, title: str | None = None,
              author: str | None = None, comments: bool = True,
              review_paragraphs: bool = False, include_resolved: bool = True,
              progress: ExportProgress | None = None,
              cancel: ExportCancel | None = None) -> ExportResult:
        """Write the annotated brief (审阅简报) of ``doc_ids`` to ``out_path`` (.docx).

        ``doc_ids`` None: every document that carries an annotation or a link — and
        :class:`NothingToExport` when there is none.  Raises ExportError (a UserError
        naming the file and the reason) when the file cannot be written; the target is
        then left as it was."""
        check_target(out_path)  # fail before reading the store
        request = self.brief_request(out_path, doc_ids, annotated_only=annotated_only, title=title,
                                     author=author, comments=comments,
                                     review_paragraphs=review_paragraphs,
                                     include_resolved=include_resolved)
        from reader.export.brief import export_brief

        return export_brief(request, out_path, progress=progress, cancel=cancel)

    def clean(self, doc_id: str, out_path: str | Path,
              progress: ExportProgress | None = None,
              cancel: ExportCancel | None = None) -> ExportResult:
        """Write one document as it reads (no annotations) to ``out_path`` (.docx)."""
        check_target(out_path)
        from reader.export.brief import export_clean

        return export_clean(self._docs.document(doc_id), out_path, progress=progress,
                            cancel=cancel)

    def annotation_table(self, out_path: str | Path, doc_ids: Iterable[str] | None = None, *,
                         title: str | None = None, author: str | None = None,
                         include_resolved: bool = True,
                         progress: ExportProgress | None = None,
                         cancel: ExportCancel | None = None) -> ExportResult:
        """Write the annotations alone (条文, 摘录, 类别, 意见, 标签, 状态) as a table."""
        check_target(out_path)
        request = self.brief_request(out_path, doc_ids, title=title, author=author,
                                     include_resolved=include_resolved, with_refs=False)
        from reader.export.table import export_annotation_table

        return export_annotation_table(request, out_path, progress=progress, cancel=cancel)

    # -- 新旧对照 of two documents --------------------------------------------------------

    def comparison(self, old_id: str, new_id: str, out_path: str | Path,
                   options: ComparisonOptions | None = None, *,
                   comparison: Comparison | None = None,
                   progress: ExportProgress | None = None,
                   cancel: ExportCancel | None = None) -> ComparisonResult:
        """Write the 修改前后对照表 of ``old_id`` → ``new_id`` to ``out_path`` (.docx, A4
        landscape, 修改前 | 修改后 | 说明).  ``options``: changes only (default) or every
        article, title and column captions.  ``comparison``: one already computed by
        ``library.versions.compare_documents`` for the same two documents (the GUI has it), else computed here.
        Returns what was written (``.to_json()`` for a dict).  Raises ExportError naming the
        file and the reason when it cannot be written; the target is then left as it was."""
        check_target(out_path)  # fail before the work
        old = self._docs.document(old_id)
        new = self._docs.document(new_id)
        if comparison is None or (comparison.old_id, comparison.new_id) != (old.id, new.id):
            comparison = compare(old, new)
        from reader.export.comparison import ComparisonOptions, export_comparison

        return export_comparison(comparison, old, new, out_path, options or ComparisonOptions(),
                                 progress=progress, cancel=cancel)

    # -- building the request ------------------------------------------------------------

    def brief_request(self, out_path: str | Path, doc_ids: Iterable[str] | None = None, *,
                      annotated_only: bool = False, title: str | None = None,
                      author: str | None = None, comments: bool = True,
                      review_paragraphs: bool = False, include_resolved: bool = True,
                      with_refs: bool = True) -> BriefRequest:
        """The export request for ``doc_ids`` (see :meth:`brief`), read from the store."""
        if doc_ids is None:
            ids = self.annotated_documents()
            if not ids:
                raise NothingToExport(out_path, "文库中没有批注或关联，简报会是空的"
                                                "（请用 --doc 选择要导出全文的文件）")
        else:
            ids = []
            for doc_id in doc_ids:
                full = self._docs.full_id(doc_id)
                if full not in ids:
                    ids.append(full)
            if not ids:
                raise NothingToExport(out_path, "没有选择任何文件")
        chosen = set(ids)
        colours = {c.name: c.color for c in self._annotations.categories(include_deleted=True)}
        docs: dict[str, Document | None] = {}
        plans: dict[str, DocPlan] = {}  # documents outside the brief, for citations
        documents = []
        for doc_id in ids:
            doc = self._docs.document(doc_id)
            docs[doc_id] = doc
            anns = [_annotation(a, colours) for a in self._annotations.list(doc_id)]
            refs = self._brief_refs(doc_id, chosen, docs, plans) if with_refs else []
            documents.append(BriefDocument(doc, anns, refs))
        links = [self._brief_link(link, chosen, docs, plans) for link in self._annotations.links()
                 if link.src.doc_id in chosen or link.dst.doc_id in chosen]
        options = BriefOptions(scope=Scope.ANNOTATED if annotated_only else Scope.FULL,
                               comments=comments, review_paragraphs=review_paragraphs,
                               include_resolved=include_resolved)
        return BriefRequest(documents, links, title=(title or "").strip() or DEFAULT_TITLE,
                            author=(author or "").strip(), date=date.today(), options=options)

    def _other_document(self, doc_id: str, docs: dict[str, Document | None]) -> Document | None:
        if doc_id not in docs:
            try:
                docs[doc_id] = self._docs.document(doc_id)
            except UserError:  # removed from the library
                docs[doc_id] = None
        return docs[doc_id]

    def _citation(self, doc_id: str, node_id: str | None, docs: dict[str, Document | None],
                  plans: dict[str, DocPlan]) -> str:
        """《title》第X条第X款 of a place in a document outside the brief ("" if unknown)."""
        if doc_id not in plans:
            doc = self._other_document(doc_id, docs)
            if doc is None:
                return ""
            from reader.export.plan import plan_document

            plans[doc_id] = plan_document(BriefDocument(doc), Scope.FULL, True, [], set())
        return plans[doc_id].citation(node_id)

    def _brief_refs(self, doc_id: str, chosen: set[str], docs: dict[str, Document | None],
                    plans: dict[str, DocPlan]) -> list[BriefRef]:
        out = []
        for ref in self._refs.list(doc_id):
            target = getattr(ref, "target_doc_id", None)
            cite = ""
            if target and target not in chosen:
                cite = self._citation(target, getattr(ref, "target_node_id", None), docs, plans)
            elif not target and getattr(ref, "target_title", None):
                cite = f"《{ref.target_title}》{pinpoint_label(getattr(ref, 'pinpoint', ()) or ())}"
            out.append(BriefRef(ref.node_id, ref.start, ref.end, ref.text, target,
                                getattr(ref, "target_node_id", None), cite))
        return out

    def _brief_link(self, link: Link, chosen: set[str], docs: dict[str, Document | None],
                    plans: dict[str, DocPlan]) -> BriefLink:
        def end(e: LinkEnd) -> BriefLinkEnd:
            cite = "" if e.doc_id in chosen else self._citation(e.doc_id, e.node_id, docs, plans)
            return BriefLinkEnd(e.doc_id, e.node_id, e.quote, cite)

        return BriefLink(end(link.src), end(link.dst), link.relation, link.note, link.id,
                         link.author, _time(link.created))


def _annotation(a: Annotation, colours: dict[str, str]) -> BriefAnnotation:
    whole = a.kind == "clause_note"
    return BriefAnnotation(
        id=a.id, node_id=a.node_id, start=0 if whole else a.start, end=0 if whole else a.end,
        quote="" if whole else a.quote, category=a.category,
        colour=colours.get(a.category, DEFAULT_COLOUR), note=a.note, tags=tuple(a.tags),
        status=a.status, author=a.author, created=_time(a.created), modified=_time(a.modified),
        orphan=a.orphan or not a.doc_present,
        replies=tuple(BriefReply(r.text, r.author, _time(r.created)) for r in a.replies if not r.deleted))


def _time(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return parse_time(text)
    except ValueError:
        return None


__all__ = ["Documents", "ExportCancel", "ExportProgress", "Exports"]
