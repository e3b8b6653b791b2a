"""Where references lead: node ids in the same document, documents (and nodes) in the library.

``LibraryIndex`` is the in-memory index the store builds from (doc_id, title, doc_number,
date) rows plus a callable giving a document's node ids on demand.  Finding a document:

1. the title, normalised (``identity_key``): 《中华人民共和国测绘法》 = 中华人民共和国测绘法;
2. the doc number, when the reference gives one: （穗府办规〔2020〕10号）;
3. the title's exact variants (``titles.cited_keys``): 刑法 → 中华人民共和国刑法,
   关于印发X的通知 → X, a volume's parts;
4. an inexact title match above ``titles.INEXACT_THRESHOLD``, marked ``exact=False``.

Several versions of one title: the latest one dated on or before the citing document,
else the earliest after it; a pinpoint into a version later than the citing document is
left unresolved (revisions renumber articles) unless the words cited after it (所称X,
规定的“X”) are in that unit, or — for a pinpoint with no such words — other pinpoints of
the same document into that version were borne out and none contradicted; such links are
marked ``exact=False``.  A law amended by inserting 第X条之一 articles keeps its numbers (刑法).  A volume in parts (民法典): the part holding the article cited.  A
pinpoint the target does not have leaves the reference unresolved with a note, and
``nearest_node_id`` says which unit does exist — it is never silently linked elsewhere.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from reader.core.model import Document, Node, identity_key
from reader.core.refs.model import (
    ARTICLE,
    ATTACHMENT,
    DOCUMENT_KINDS,
    INTERNAL,
    ISSUE,
    RELATIVE,
    REPEAL,
    Pin,
    Ref,
    pinpoint_label,
)
from reader.core.refs.outline import Outline, missing_note
from reader.core.refs.titles import (
    cited_keys,
    inexact_score,
    stored_keys,
    volume_keys,
    volume_title,
)

NodeSource = Callable[[str], "Iterable[str] | Document | None"]
TextSource = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Entry:
    """One library document as the index knows it."""

    doc_id: str
    title: str
    doc_number: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class Found:
    """Candidate documents for a citation, and how they were found."""

    doc_ids: tuple[str, ...]
    exact: bool
    how: str  # 'title' | 'number' | 'variant' | 'volume' | 'inexact'
    score: float = 1.0


class LibraryIndex:
    """Titles and doc numbers → document ids, plus each document's units on demand.

    ``nodes(doc_id)`` returns the document's node ids (or the Document itself); it is
    called at most once per document, only for documents a pinpoint leads into.
    """

    def __init__(self, entries: Iterable[Entry | tuple] = (), nodes: NodeSource | None = None,
                 text: TextSource | None = None) -> None:
        self._nodes = nodes
        self._text = text
        self._docs: dict[str, Document] = {}
        self._node_maps: dict[str, dict] = {}
        self.entries: dict[str, Entry] = {}
        self._by_key: dict[str, list[str]] = {}
        self._by_alt: dict[str, list[str]] = {}
        self._by_volume: dict[str, list[str]] = {}
        self._by_number: dict[str, list[str]] = {}
        self._by_ends: dict[tuple[str, str], set[str]] = {}  # a title key's first and last two characters
        self._keys: dict[str, str] = {}
        self._outlines: dict[str, Outline | None] = {}
        self._found: dict[tuple, Found | None] = {}
        self._chosen: dict[tuple, str] = {}
        for e in entries:
            self.add(*e) if isinstance(e, tuple) else self.add(e.doc_id, e.title, e.doc_number, e.date)

    @classmethod
    def from_documents(cls, docs: Iterable[Document]) -> LibraryIndex:
        """An index over parsed documents (tests, benchmarks, a library held in memory)."""
        by_id: dict[str, Document] = {}
        for d in docs:
            by_id.setdefault(d.id, d)
        index = cls(nodes=by_id.get)  # Documents: pinpoints and unit texts both come from them
        for d in by_id.values():
            index.add(d.id, d.title, d.doc_number, version_date(d))
        return index

    def add(self, doc_id: str, title: str, doc_number: str | None = None, date: date | None = None) -> None:
        entry = Entry(doc_id, title, doc_number, date)
        if doc_id in self.entries:
            if self.entries[doc_id] == entry:  # (the same again: nothing to do)
                return
            self.remove(doc_id)
        self.entries[doc_id] = entry
        keys = stored_keys(title)
        self._keys[doc_id] = keys[0]
        self._by_key.setdefault(keys[0], []).append(doc_id)
        for k in keys[1:]:
            self._by_alt.setdefault(k, []).append(doc_id)
        for k in volume_keys(title):
            self._by_volume.setdefault(k, []).append(doc_id)
        if doc_number:
            self._by_number.setdefault(identity_key(doc_number), []).append(doc_id)
        self._by_ends.setdefault(_ends(keys[0]), set()).add(doc_id)
        self._found.clear()
        self._chosen.clear()

    def remove(self, doc_id: str) -> None:
        entry = self.entries.pop(doc_id, None)
        if entry is None:
            return
        for table in (self._by_key, self._by_alt, self._by_volume, self._by_number):
            for key in [k for k, v in table.items() if doc_id in v]:
                table[key] = [d for d in table[key] if d != doc_id]
                if not table[key]:
                    del table[key]
        key = self._keys.pop(doc_id, "")
        self._by_ends.get(_ends(key), set()).discard(doc_id)
        self._outlines.pop(doc_id, None)
        self._found.clear()
        self._chosen.clear()

    def versions(self, doc_id: str) -> tuple[str, ...]:
        """The documents with the same title as ``doc_id`` (itself included): its versions."""
        return tuple(self._by_key.get(self._keys.get(doc_id, ""), ()))

    # ---- finding documents ---------------------------------------------------------------

    def find(self, title: str | None = None, number: str | None = None) -> Found | None:
        """Candidate documents for a cited title and/or doc number (see the module notes)."""
        memo = (title, number)
        if memo in self._found:
            return self._found[memo]
        found = self._find(title, number)
        self._found[memo] = found
        return found

    def _find(self, title: str | None, number: str | None) -> Found | None:
        keys = cited_keys(title) if title else ()
        wanted = identity_key(number) if number else ""

        def same(ids: Iterable[str]) -> tuple[str, ...]:
            """A cited doc number rules out documents that carry another one (an earlier version)."""
            return tuple(d for d in ids if not (wanted and self.entries[d].doc_number
                                                and identity_key(self.entries[d].doc_number or "") != wanted))

        if keys and (ids := same(self._by_key.get(keys[0], ()))):
            return Found(ids, True, "title")
        if wanted and (ids := tuple(self._by_number.get(wanted, ()))):
            return Found(ids, True, "number")
        for k in keys:
            if ids := same(self._by_key.get(k) or self._by_alt.get(k) or ()):
                return Found(ids, True, "variant")
        for k in keys:
            if ids := same(self._by_volume.get(k, ())):
                return Found(ids, True, "volume")
        if keys:
            found = self._inexact(keys[0])
            if found and (ids := same(found.doc_ids)):
                return Found(ids, False, "inexact", found.score)
        return None

    def _inexact(self, key: str) -> Found | None:
        if len(key) < 8:
            return None
        same_ends = self._by_ends.get(_ends(key))  # else ``inexact_score`` is 0
        if not same_ends:
            return None
        best: tuple[float, list[str]] = (0.0, [])
        n = len(key)
        for doc_id in same_ends:
            stored = self._keys[doc_id]
            if abs(len(stored) - n) > 3 or (len(stored) == n and stored != key):
                continue
            short, long = (key, stored) if n <= len(stored) else (stored, key)
            chars = iter(long)
            if not all(c in chars for c in short):
                continue  # not one title with a few characters inserted
            score = inexact_score(key, stored)
            if score > best[0]:
                best = (score, [doc_id])
            elif score and score == best[0]:
                best[1].append(doc_id)
        if not best[1]:
            return None
        titles = {identity_key(self.entries[d].title) for d in best[1]}
        if len(titles) > 1:
            return None  # two different documents equally close: no guess
        return Found(tuple(sorted(best[1])), False, "inexact", best[0])

    def choose(self, doc_ids: Iterable[str], on: date | None) -> str:
        """Of several versions, the one in force on ``on`` (else the latest)."""
        ids = tuple(doc_ids)
        if len(ids) == 1:
            return ids[0]
        memo = (ids, on)  # (the documents of one date cite the same few laws again and again)
        chosen = self._chosen.get(memo)
        if chosen is None:
            chosen = self._chosen[memo] = self._choose(ids, on)
        return chosen

    def _choose(self, ids: tuple[str, ...], on: date | None) -> str:
        dated = sorted(ids, key=lambda d: (self.entries[d].date or date.min, d))
        if on is not None:
            before = [d for d in dated if self.entries[d].date is None or self.entries[d].date <= on]
            return before[-1] if before else dated[0]  # else the first version after it
        return dated[-1]

    def unit_text(self, doc_id: str, node_id: str) -> str | None:
        """The full text of a unit, when the index can get at it (a Document, or ``text``)."""
        if self._text is not None:
            return self._text(doc_id, node_id)
        doc = self._docs.get(doc_id)
        if doc is None:
            return None
        nodes = self._node_maps.get(doc_id)
        if nodes is None:
            nodes = self._node_maps[doc_id] = {}
            stack = list(doc.nodes)
            while stack:
                node = stack.pop()
                nodes[node.id] = node
                stack.extend(node.children)
        node = nodes.get(node_id)
        return node.full_text() if node is not None else None

    def later_than(self, doc_id: str, on: date | None) -> date | None:
        """The version date of ``doc_id`` when it is later than ``on`` (the citing document's)."""
        d = self.entries[doc_id].date if doc_id in self.entries else None
        return d if d and on and d > on else None

    # ---- units ---------------------------------------------------------------------------

    def outline(self, doc_id: str) -> Outline | None:
        if doc_id not in self._outlines:
            got = self._nodes(doc_id) if self._nodes else None
            if got is None:
                self._outlines[doc_id] = None
            elif isinstance(got, Document):
                self._docs[doc_id] = got
                self._outlines[doc_id] = Outline.of(got)
            else:
                self._outlines[doc_id] = Outline(got)
        return self._outlines[doc_id]


def _ends(key: str) -> tuple[str, str]:
    """A title key's first and last two characters: an inexact match keeps both."""
    return key[:2], key[-2:]


_ADOPTED = re.compile(r"通过|修正|修订|修改|公布|发布|印发|批准")
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")


def version_date(doc: Document) -> date | None:
    """The date of this version of a document: its latest amendment when the front matter
    lists the history (1996年3月17日…通过 / 2021年1月22日…修订), else the issue date.

    Versions of one law share title and first adoption date; this tells them apart.  The
    store should index documents with it (``LibraryIndex.add(..., date=version_date(doc))``)."""
    found = [doc.issued] if doc.issued else []
    if doc.front_matter and "年" in doc.front_matter:
        for line in doc.front_matter.splitlines():
            if "施行" in line and not _ADOPTED.search(line):
                continue  # when it takes effect is not when this version was made
            for m in _DATE.finditer(line):
                try:
                    found.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
                except ValueError:
                    continue
    return max(found) if found else None


def resolve(refs: Iterable[Ref], doc: Document, library: LibraryIndex | None = None) -> list[Ref]:
    """The same references with their targets filled in (new Ref objects; inputs untouched)."""
    out: list[Ref] = []
    own: Outline | None = None
    texts: dict[str | None, str] = {}
    pending: list[Ref] = []
    evidence: dict[str, list[bool]] = {}

    def citing(node_id: str | None) -> str:
        if not texts:
            texts[None] = doc.front_matter
            _node_texts(doc.nodes, texts)
        return texts.get(node_id, "")

    entry = library.entries.get(doc.id) if library is not None else None
    made = entry.date if entry is not None else version_date(doc)  # (the index has it already)
    on = max((d for d in (made, doc.effective) if d), default=None)  # what the citing text knew
    for ref in refs:
        r = ref.unresolved()
        if r.kind in (INTERNAL, RELATIVE, ATTACHMENT):
            if own is None:
                own = library.outline(doc.id) if library is not None and doc.id in library.entries else None
                own = own or Outline.of(doc)
            _internal(r, ref.note, doc, own, library, on)
        elif r.kind in DOCUMENT_KINDS:
            checked = _external(r, doc.id, library, on, citing)
            if r.resolved and not r.exact and "later version" in r.note:
                if checked is None:
                    pending.append(r)
                else:
                    evidence.setdefault(r.target_doc_id or "", []).append(checked)
        out.append(r)
    # Pinpoints into a later version with no words of their own to check stand or fall with the
    # others into that version: kept when some were borne out and none contradicted.
    for r in pending:
        verdicts = evidence.get(r.target_doc_id or "", [])
        if verdicts and all(verdicts):
            r.note += "; its numbering matches the words cited elsewhere in this document"
        else:
            _unlink(r)
    return out


def _node_texts(nodes: list[Node], out: dict[str | None, str]) -> None:
    """Each node's own text by its id, for ``nodes`` and their descendants."""
    for node in nodes:
        out[node.id] = node.text
        if node.children:
            _node_texts(node.children, out)


def _internal(r: Ref, detected_note: str, doc: Document, own: Outline, library: LibraryIndex | None,
              on: date | None) -> None:
    r.target_doc_id = doc.id
    if not r.pinpoint:
        r.note = detected_note or "no unit named"
        return
    _place(r, own)
    if r.resolved or library is None or r.pinpoint[0].unit != ARTICLE:
        return
    vol = volume_title(doc.title)  # 民法典·物权编 citing 本法第一百四十三条 (in 总则)
    if not vol:
        return
    found = library.find(vol)
    if found:
        for doc_id in found.doc_ids:
            outline = library.outline(doc_id)
            if doc_id != doc.id and outline and outline.article(r.pinpoint[0]):
                r.target_doc_id, r.note = doc_id, ""
                _place(r, outline)
                return


def _external(r: Ref, citing: str, library: LibraryIndex | None, on: date | None,
              citing_text: Callable[[str | None], str] = lambda _: "") -> bool | None:
    """Find the target; for a pinpoint into a later version, whether the cited words bear it out
    (True / False), None when there was nothing to check."""
    found = library.find(r.target_title, r.target_doc_number) if library else None
    if found and citing in found.doc_ids and (not found.exact or r.kind in (REPEAL, ISSUE)):
        found = None  # a close title is not the document itself, nor is what it repeals or issues
    if not found:
        r.note = "not in the library"
        return None
    r.exact = found.exact
    ids = found.doc_ids
    if len(ids) > 1 and found.how == "volume":  # 民法典 in parts: the part with the article (else 第一条)
        first = r.pinpoint[:1] if r.pinpoint else (Pin(ARTICLE, 1),)
        holding = [d for d in ids if (o := library.outline(d)) and o.locate(first)[0]]  # type: ignore[union-attr]
        ids = tuple(holding) or ids
    r.target_doc_id = library.choose(ids, on)  # type: ignore[union-attr]
    if not found.exact:
        r.note = f"inexact title match ({found.score:.2f})"
    if not r.pinpoint:
        r.resolved = True
        return None
    later = library.later_than(r.target_doc_id, on)  # type: ignore[union-attr]
    outline = library.outline(r.target_doc_id)  # type: ignore[union-attr]
    if outline is None:
        r.note = (r.note + "; " if r.note else "") + "target's units unknown"
        return None
    note = r.note
    _place(r, outline, scope_free=True)
    if r.resolved and later and not outline.inserts_articles():
        # Revisions renumber articles, so a pinpoint into a later version than the one cited is
        # a guess (审计法 2006 → 2021 shifted them).  It is linked only when the words cited
        # (…第N条所称X / 规定的“X”) are found in that unit, and then marked inexact; 第X条之一
        # amendments (刑法) keep the numbers.
        term = defined_term(citing_text(r.node_id), r.end)
        found_text = library.unit_text(r.target_doc_id, r.target_node_id or "") if term else None  # type: ignore
        r.note = (note + "; " if note else "") + f"only a later version ({later}) is in the library"
        r.exact = False
        if term and found_text and term in found_text:
            r.note += f"; “{term}” is in its {pinpoint_label(r.pinpoint)}"
            return True
        if term and found_text is not None:
            _unlink(r)
            return False
        return None  # no words to check: decided by the other references into that version
    elif note and r.resolved:
        r.note = note
    return None


def _unlink(r: Ref) -> None:
    r.nearest_node_id, r.target_node_id, r.target_node_ids, r.resolved = r.target_node_id, None, (), False
    r.note += f"; its {pinpoint_label(r.pinpoint)} may not be the one cited"


_TERM = re.compile(r"(?:所称的?|所指的?|规定的|中的|关于)[“\"‘]?([\u4e00-\u9fff]{2,16}?)(?:[”\"’]|的规定|，|是指|包括|时|$)")


def defined_term(text: str, end: int) -> str | None:
    """The term a citation defines or quotes right after it: 审计法第十七条所称审计结果报告 →
    审计结果报告; 第四十九条第三项规定的“有具体的诉讼请求” → 有具体的诉讼请求."""
    m = _TERM.match(text, end)
    if not m:
        return None
    term = m.group(1)
    return term[:8] if len(term) >= 3 else None


def _place(r: Ref, outline: Outline, scope_free: bool = False) -> None:
    scope = "" if scope_free else r.scope
    node, nearest, missing = outline.locate(r.pinpoint, scope, r.hint)
    if node is None:
        r.nearest_node_id, r.note = nearest, missing_note(missing, nearest)  # type: ignore[arg-type]
        return
    ids = [node]
    if r.pinpoint_end:
        last, within, missing = outline.locate(r.pinpoint_end, scope, r.hint)
        if last is None:
            r.nearest_node_id, r.note = node, missing_note(missing, within)  # type: ignore[arg-type]
            return
        ids = outline.range_ids(node, last)
    r.target_node_id, r.target_node_ids, r.resolved = node, tuple(ids), True
