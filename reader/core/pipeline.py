"""File → documents: load, repair, split, structure.  The one entry point for parsing."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reader.core.doc_kind import document_kind
from reader.core.importers import load
from reader.core.importers.base import SourceText
from reader.core.govmeta import strip_text_box
from reader.core.headnote import apply_headnote, take_headnote
from reader.core.model import Document, Source, document_id
from reader.core.normalize import CleanText, Para, clean
from reader.core.split import DocumentParts, analyse, split_documents, status_on
from reader.core.structure import build_tree

#: LawRefBook folder names → kind of instrument.
_CORPUS_KINDS = {
    "行政法规": "行政法规", "部门规章": "部门规章", "司法解释": "司法解释", "地方性法规": "地方性法规",
    "宪法": "法律", "宪法相关法": "法律", "民法典": "法律", "民法商法": "法律", "刑法": "法律",
    "行政法": "法律", "经济法": "法律", "社会法": "法律", "诉讼与非诉讼程序法": "法律",
}


#: Body paragraphs that may still hold head matter (题注, 公告) when the kind is read.
_KIND_EVIDENCE = 8


def parse_file(path: str | Path) -> list[Document]:
    """Parse one file into its documents (a gazette issue gives several)."""
    return parse_source(load(path))


def parse_source(src: SourceText, today: date | None = None) -> list[Document]:
    """Parse already-decoded source text into documents."""
    today = today or date.today()
    if src.format == "txt":
        strip_text_box(src)  # text copied from a gov.cn page: its metadata box is not body
    cleaned = clean(src)
    source = Source(src.path, src.sha256, src.format)
    if src.format == "md":
        return [_markdown_document(src, cleaned, source, today)]
    chunks = split_documents(cleaned.paras) or [[]]
    documents = []
    for k, chunk in enumerate(chunks):
        parts = analyse(chunk)
        if len(chunks) == 1:
            _apply_stated(parts, src.meta)
        if not parts.title:
            parts.title = Path(src.path).stem
        history = take_headnote(parts)
        version = apply_headnote(parts, history) if history else None
        parts.kind = _kind(parts, {**src.meta, "history": history} if history else src.meta)
        lines = (chunk[0].line, chunks[k + 1][0].line) if k + 1 < len(chunks) else (chunk[0].line if chunk else 0, 1 << 62)
        footnotes = [f for f in cleaned.footnotes if lines[0] <= f.line < lines[1]]
        doc = _document(parts, footnotes, source, today)
        if version and not parts.doc_number:  # versions of one law: as the Markdown path names them
            doc.id = document_id(parts.title, None, version)
        documents.append(doc)
    documents[-1].warnings[:0] = _importer_warnings(src) + cleaned.warnings
    return documents


def _apply_stated(parts: DocumentParts, meta: dict[str, object]) -> None:
    """What the source states outright (a web page's metadata box, a document's properties)
    wins over what analysis guessed from the text."""
    for key in ("title", "doc_number", "issuer"):
        if _text(meta.get(key)):
            setattr(parts, key, meta[key])
    for key in ("issued", "effective"):
        if isinstance(meta.get(key), date):
            setattr(parts, key, meta[key])
    if parts.issued is None and isinstance(meta.get("published"), date):
        parts.issued = meta["published"]  # type: ignore[assignment]


def _corpus_kind(path: Path) -> str | None:
    """The kind a LawRefBook folder names (部门规章/公安部/… one level deeper)."""
    return next((k for d in path.parents[:2] if (k := _CORPUS_KINDS.get(d.name))), None)


def _kind(parts: DocumentParts, meta: dict[str, object]) -> str:
    """法律, 行政法规, 部门规章 … from the head, the 题注 and what the source file states."""
    history = [str(h) for h in meta.get("history") or []]  # type: ignore[union-attr]
    evidence = [p.text for p in parts.front] + history + [p.text for p in parts.body[:_KIND_EVIDENCE]]
    return document_kind(parts.title, parts.doc_number or _text(meta.get("doc_number")),
                         parts.issuer or _text(meta.get("issuer")), evidence, _text(meta.get("kind")))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _importer_warnings(src: SourceText) -> list[str]:
    return [str(w) for w in src.meta.get("warnings") or []]  # type: ignore[union-attr]


def _document(parts: DocumentParts, footnotes: list, source: Source, today: date) -> Document:
    nodes, warnings = build_tree(parts.body, footnotes)
    return Document(
        title=parts.title,
        nodes=nodes,
        doc_number=parts.doc_number,
        issuer=parts.issuer,
        issued=parts.issued,
        effective=parts.effective,
        expires=parts.expires,
        status=status_on(today, parts.effective, parts.expires),
        kind=parts.kind,
        source=source,
        front_matter=parts.front_matter,
        warnings=parts.warnings + warnings,
    )


def _markdown_document(src: SourceText, cleaned: CleanText, source: Source, today: date) -> Document:
    """Markdown laws state their title and history outright; only the body needs parsing."""
    meta = src.meta
    title = str(meta.get("title") or Path(src.path).stem)
    history = [str(h) for h in meta.get("history") or []]  # type: ignore[union-attr]
    parts = DocumentParts(title=title, body=cleaned.paras, front=[Para(t, 0) for t in [title, *history]])
    parts.issuer = meta.get("issuer") or None  # type: ignore[assignment]
    parts.issued = meta.get("issued") or None  # type: ignore[assignment]
    parts.effective = meta.get("effective") or parts.issued  # type: ignore[assignment]
    # a corpus folder names the kind; elsewhere the text, then the page's category, tell it
    parts.kind = _corpus_kind(Path(src.path)) or _kind(parts, meta)
    doc = _document(parts, cleaned.footnotes, source, today)
    # revisions of one law share title and first adoption date: the latest revision tells them apart
    amended = [d for d in meta.get("amended") or [] if isinstance(d, date)]  # type: ignore[union-attr]
    doc.id = document_id(title, None, max(amended, default=parts.issued))
    doc.warnings[:0] = _importer_warnings(src) + cleaned.warnings
    return doc
