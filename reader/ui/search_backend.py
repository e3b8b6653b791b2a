"""Search for the search panel, through the Library.

``Library.search`` (the Whoosh index of ``index/``) is used when the library has it; the
results are turned into ``Results`` here so the panel does not depend on its exact types.
A library without it is searched by a plain substring scan over the documents (correct,
only slower), so the panel always works.  Runs on a worker thread (cancel is polled).
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

from reader.core.model import Document, Node, NodeKind
from reader.ui.docinfo import fold

SNIPPET_CONTEXT = 36


@dataclass(frozen=True)
class Hit:
    doc_id: str
    doc_title: str
    node_id: str | None  # None: the title (or front matter) matched
    label: str
    snippet: str
    spans: tuple[tuple[int, int], ...] = ()  # (start, end) in ``snippet`` to highlight
    score: float = 0.0
    annotation_id: str | None = None  # a hit in an annotation's note or tags


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # all matching units (hits may be capped at the limit)
    terms: list[str] = field(default_factory=list)  # what to highlight in the document
    engine: str = "scan"
    cancelled: bool = False
    counts: dict[str, int] = field(default_factory=dict)  # doc_id → matching units (all)
    old_versions: dict[str, str] = field(default_factory=dict)  # older version's doc_id → its label

    def by_document(self) -> list[tuple[str, str, list[Hit]]]:
        """(doc_id, title, hits) in order of each document's best hit."""
        groups: dict[str, tuple[str, list[Hit]]] = {}
        for hit in self.hits:
            groups.setdefault(hit.doc_id, (hit.doc_title, []))[1].append(hit)
        return [(doc_id, title, hits) for doc_id, (title, hits) in groups.items()]

    def count(self, doc_id: str) -> int:
        """Matching units in a document (beyond the hits shown when capped)."""
        return self.counts.get(doc_id) or sum(1 for h in self.hits if h.doc_id == doc_id)


def query_terms(query: str) -> list[str]:
    """The words to highlight: the query's parts without operators and quotes."""
    words = []
    for part in query.replace("“", '"').replace("”", '"').split():
        part = part.strip('"()（）')
        if part and part.upper() not in ("AND", "OR", "NOT") and not part.startswith("-"):
            words.append(part.lstrip("+"))
    return words or ([query.strip()] if query.strip() else [])


def spans_of(text: str, terms: list[str]) -> tuple[tuple[int, int], ...]:
    folded = fold(text)
    spans = []
    for term in {fold(t) for t in terms if t}:
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(merged)


def make_snippet(text: str, terms: list[str], context: int = SNIPPET_CONTEXT) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the first occurrence, with the occurrences marked."""
    text = " ".join(text.split())
    spans = spans_of(text, terms)
    if not spans:
        snippet = text[: context * 2] + ("…" if len(text) > context * 2 else "")
        return snippet, ()
    start = max(0, spans[0][0] - context)
    end = min(len(text), spans[0][1] + context * 2)
    prefix = "…" if start > 0 else ""
    snippet = prefix + text[start:end] + ("…" if end < len(text) else "")
    shift = len(prefix) - start
    return snippet, tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)


def search(library: Any, query: str, doc_id: str | None = None, titles_only: bool = False,
           limit: int = 500, cancel: Callable[[], bool] | None = None,
           progress: Callable[[int, int], None] | None = None, scope: str = "text",
           all_versions: bool = False) -> Results:
    """Search the library; ``progress(done, total)`` reports an index (re)build.
    ``scope`` "annotations" searches the notes and tags of annotations instead of the text;
    ``all_versions`` searches older versions of documents too (their labels in
    ``Results.old_versions``)."""
    query = query.strip()
    terms = query_terms(query)
    if not query:
        return Results(query, terms=terms)
    engine = getattr(library, "search", None)
    if callable(engine):
        results = _from_library(engine, query, terms, doc_id, titles_only, limit, progress, scope,
                                all_versions)
        if all_versions:
            results.old_versions = {s.id: s.version for s in library.documents(all_versions=True)
                                    if not s.current}
        return results
    if scope == "annotations":
        return Results(query, terms=terms)
    return _scan(library, query, terms, doc_id, titles_only, limit, cancel)


# -- Library.search ------------------------------------------------------------------------


def _call(engine: Callable[..., Any], query: str, doc_id: str | None, titles_only: bool, limit: int,
          progress: Callable[[int, int], None] | None = None, scope: str = "text",
          all_versions: bool = False) -> Any:
    try:
        params = inspect.signature(engine).parameters
    except (TypeError, ValueError):
        params = {}
    kwargs: dict[str, Any] = {}
    for name, value in (("doc_id", doc_id), ("titles_only", titles_only), ("limit", limit),
                        ("progress", progress), ("scope", scope), ("all_versions", all_versions)):
        if (value is None and name == "progress") or (name == "scope" and value == "text") \
                or (name == "all_versions" and not value):
            continue
        if name in params or any(p.kind is p.VAR_KEYWORD for p in params.values()):
            kwargs[name] = value
    return engine(query, **kwargs)


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _from_library(engine, query, terms, doc_id, titles_only, limit, progress, scope="text",  # noqa: ANN001
                  all_versions=False) -> Results:  # noqa: ANN001
    raw = _call(engine, query, doc_id, titles_only, limit, progress, scope, all_versions)
    raw_hits = raw if isinstance(raw, list) else _get(raw, "hits", default=[]) or []
    hits = []
    for h in raw_hits:
        text = _get(h, "snippet", "text", default="") or ""
        spans = _get(h, "highlights", "spans", default=None)
        if not isinstance(text, str):  # a structured snippet: [(text, highlighted), …]
            parts = list(text)
            text, spans, pos = "", [], 0
            for piece, marked in parts:
                if marked:
                    spans.append((pos, pos + len(piece)))
                text += piece
                pos += len(piece)
        if spans is None:
            text, spans = make_snippet(text, terms)
        hits.append(Hit(
            doc_id=_get(h, "doc_id", default=""), doc_title=_get(h, "doc_title", "title", default="") or "",
            node_id=_get(h, "node_id", default=None), label=_get(h, "label", default="") or "",
            snippet=text, spans=tuple(tuple(s) for s in spans), score=float(_get(h, "score", default=0.0) or 0.0),
            annotation_id=_get(h, "annotation_id", default=None),
        ))
    total = _get(raw, "total", default=None) if not isinstance(raw, list) else None
    counts = _get(raw, "by_document", default=None) if not isinstance(raw, list) else None
    # highlight in the document what the index matched (its folding may be wider than ours)
    matched: list[str] = []
    for h in raw_hits:
        text = _get(h, "text", default="")
        for span in _get(h, "matches", default=None) or []:
            word = text[span[0]:span[1]] if isinstance(text, str) else ""
            if word and word not in matched and len(matched) < 64:
                matched.append(word)
    return Results(query, hits, int(total) if total is not None else len(hits),
                   matched + [t for t in terms if t not in matched], engine="index",
                   counts=dict(counts) if isinstance(counts, dict) else {})


# -- fallback: a substring scan ---------------------------------------------------------------

_UNIT_KINDS = frozenset({NodeKind.ARTICLE, NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.LEVEL3,
                         NodeKind.LEVEL4, NodeKind.ATTACHMENT})


def scan_units(doc: Document) -> list[tuple[Node, str]]:
    """Articles, or the smallest numbered outline units, with their text; other text too."""
    out: list[tuple[Node, str]] = []

    def visit(nodes: list[Node]) -> None:
        for node in nodes:
            inner = [c for c in node.walk() if c is not node and c.kind in _UNIT_KINDS]
            if node.kind is NodeKind.ARTICLE or (node.kind in _UNIT_KINDS and not inner):
                out.append((node, node.full_text()))
                continue
            if node.text:
                out.append((node, node.text))
            visit(node.children)

    visit(doc.nodes)
    return out


def _scan(library, query, terms, doc_id, titles_only, limit, cancel) -> Results:  # noqa: ANN001
    results = Results(query, terms=terms, engine="scan")
    folded_terms = [fold(t) for t in terms]
    summaries = library.documents()
    if doc_id:
        summaries = [s for s in summaries if s.id == doc_id]
    for summary in summaries:
        if cancel is not None and cancel():
            results.cancelled = True
            break
        title = fold(summary.title)
        if all(t in title for t in folded_terms):
            snippet, spans = make_snippet(summary.title, terms, 200)
            results.total += 1
            results.hits.append(Hit(summary.id, summary.title, None, "", snippet, spans, 2.0))
        if titles_only:
            continue
        doc = library.document(summary.id)
        for node, text in scan_units(doc):
            if all(t in fold(text) for t in folded_terms):
                results.total += 1
                if len(results.hits) < limit:
                    snippet, spans = make_snippet(text, terms)
                    results.hits.append(Hit(summary.id, summary.title, node.id, node.label or "",
                                            snippet, spans, 1.0))
    return results
