"""Answering queries: exact, counted, ranked, highlighted.

How a term (one literal, folded) is found, per index segment:

* 1 character — the postings of the ``chars`` field: the units, and how often;
* 2 characters — the postings of that bigram in ``body``: the units, and how often;
* 3 or more — the postings of its two rarest bigrams, intersected, give the candidates
  (every unit containing the term contains all its bigrams); each candidate's stored
  text is then checked and counted (``str.count`` on the folded text).  This is the
  phrase query of a bigram index, made exact and counted in one step.

So recall is complete by construction — a unit whose folded text contains the folded
term is always a candidate — and nothing is found that does not contain it.  Postings
are read a whole block at a time (``_decode_postings``) and kept decoded per segment
(the most used, up to ``POSTINGS_CACHE``), and the folded texts of candidates are cached
per segment, so repeated searches neither unpickle nor fold again.  Filters (deleted
units, excluded versions, ``doc:``/``type:``/``year:``, annotations or not) are docnum
ranges — a document's units are consecutive — cut out of the sorted postings by
bisection, and per-document totals are counted by the same runs.

Ranking is BM25F over two fields — the unit's text and its document's title — with
title units boosted; when the query has several words, units holding them written
together (the whole phrase) rank above every unit where they are scattered.

A searcher sees the index as it was when opened.  After a commit, open a new one
(:meth:`IndexSearcher.reopen`): whoosh-reloaded 2.7.5's ``Searcher.refresh()`` can keep
showing deleted documents.  What is known of a segment outlives the searcher
(:class:`_Cache`), so a new searcher after an update only reads the new segments.
"""
from __future__ import annotations

import heapq
import math
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from pickle import loads
from typing import Any, Iterable

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.util.numeric import byte_to_length

from index.analysis import bigrams, fold, fold_with_offsets
from index.query import Query, Term
from index.units import ANNOTATION, TITLE

# BM25F parameters.
K1 = 1.2
B = 0.75
#: Weight of a match in the document's title, relative to one in the unit's text.
DOC_TITLE_WEIGHT = 0.6
#: Extra weight of the title unit itself (a hit in a document's title comes first).
TITLE_UNIT_BOOST = 3.0

SNIPPET_CONTEXT = 18  # characters shown on each side of a match
SNIPPET_MAX = 160  # characters in a snippet, at most (about two lines)


@dataclass
class Hit:
    """One unit that matches.

    ``matches`` are ``[start, end)`` spans of every occurrence in ``text`` (the unit's
    display text); ``snippet`` is a one-line extract (the whole text when short, else
    fragments around the occurrences joined by "…") and ``highlights`` the spans of the
    occurrences inside the snippet, as Python string indices (code points).
    """

    doc_id: str
    doc_title: str
    node_id: str | None
    kind: str
    label: str
    score: float
    text: str
    matches: list[tuple[int, int]]
    snippet: str
    highlights: list[tuple[int, int]]
    annotation_id: str | None = None  # a hit in an annotation's note or tags

    def to_json(self) -> dict[str, Any]:
        out = {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "node_id": self.node_id,
            "kind": self.kind,
            "label": self.label,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "score": round(self.score, 4),
        }
        if self.annotation_id is not None:
            out["annotation_id"] = self.annotation_id
        return out

    def marked_snippet(self, open_: str = "【", close: str = "】") -> str:
        """The snippet with each highlight wrapped in ``open_`` … ``close``."""
        return mark(self.snippet, self.highlights, open_, close)


@dataclass
class Results:
    """What a search found: exact totals, and the best hits (``limit`` of them)."""

    query: str
    total: int = 0
    by_document: dict[str, int] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    literal: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "by_document": dict(self.by_document),
            "hits": [h.to_json() for h in self.hits],
        }


def mark(text: str, spans: Iterable[tuple[int, int]], open_: str, close: str) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], open_, text[start:end], close]
        last = end
    out.append(text[last:])
    return "".join(out)


# -- per-segment data ---------------------------------------------------------------------

#: Decoded postings kept in memory per segment, at most this many (docnum + frequency,
#: 8 bytes each): the common characters and bigrams are the slowest to decode and the
#: most often searched.  Least recently used terms go first.
POSTINGS_CACHE = 2_000_000
#: Terms per field whose postings ``warm`` decodes ahead (a few hundred thousand postings).
WARM_TERMS = 48
#: Per-document totals go by runs of units (two bisections a run) rather than by unit
#: (a lookup a key) from this many keys a run on.
RUNS_MIN_KEYS = 10


class _Segment:
    """What the searcher keeps about one index segment: unit → document ordinal and the
    runs of consecutive units of one document, lengths, which units are titles or
    annotations, the folded texts read so far, decoded postings, the docver/annver terms.
    A segment never changes once written (deletions aside, which each searcher applies),
    so all of it is kept across searchers by segment id — an index commit only adds the
    new segments' data (see :class:`_Cache`)."""

    def __init__(self, reader: Any, docs: _Docs, deleted: frozenset[int]) -> None:
        self.count = reader.doc_count_all()
        self.doc = array("i", [-1]) * self.count
        for term in reader.lexicon("doc_id"):
            ordinal = docs.ordinal(term.decode("utf-8"))
            for docnum in _decode_postings(reader, "doc_id", term)[0]:
                self.doc[docnum] = ordinal
        self.doc_list = self.doc.tolist()  # faster to index in the ranking's inner loop
        self.runs = _runs(self.doc)
        self.titles = frozenset(_decode_postings(reader, "kind", TITLE)[0])
        self.annotations = frozenset(_decode_postings(reader, "kind", ANNOTATION)[0])
        self.lengths = _field_lengths(reader, "body", self.count)
        self.total_length = sum(self.lengths)
        self.folded: list[str | None] = [None] * self.count
        self.warm = False
        self.versions = _docnum_terms(reader, "docver")
        self.annotation_versions = _docnum_terms(reader, "annver")
        self._postings: dict[tuple[str, str], tuple[array, array]] = {}
        self._held = 0
        self._weights: tuple[float, list[float]] | None = None
        for docnum in self.titles:
            if docnum not in deleted:
                stored = reader.stored_fields(docnum)
                docs.set_meta(stored["doc_id"], stored)

    def postings(self, reader: Any, fieldname: str, term: str) -> tuple[array, array]:
        """Every (docnum, frequency) of a term, deleted units included, in docnum order
        (decoded once, then kept while the cache has room)."""
        key = (fieldname, term)
        found = self._postings.pop(key, None)
        if found is None:
            found = _decode_postings(reader, fieldname, term)
            self._held += len(found[0])
            while self._held > POSTINGS_CACHE and self._postings:
                old = self._postings.pop(next(iter(self._postings)))
                self._held -= len(old[0])
        self._postings[key] = found  # most recently used last
        return found

    def weights(self, avg: float) -> list[float]:
        """Per unit: 1 / BM25 length norm (for average length ``avg``), times the boost of
        title units."""
        if self._weights is None or self._weights[0] != avg:
            weights = [1.0 / (1.0 - B + B * n / avg) for n in self.lengths]
            for docnum in self.titles:
                weights[docnum] *= TITLE_UNIT_BOOST
            self._weights = (avg, weights)
        return self._weights[1]


def _runs(doc: array) -> tuple[list[int], list[int]]:
    """The runs of consecutive units of one document: their first docnums and ordinals
    (units of a document are added together, so there is about one run a document)."""
    starts = [0] if len(doc) else []
    starts += [i for i in range(1, len(doc)) if doc[i] != doc[i - 1]]
    return starts, [doc[i] for i in starts]


def _docnum_terms(reader: Any, fieldname: str) -> list[tuple[int, str]]:
    """(docnum, term) of every term of an ID field (deleted units included)."""
    out = []
    for term in reader.lexicon(fieldname):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        out += [(docnum, text) for docnum in _decode_postings(reader, fieldname, term)[0]]
    return out


def _field_lengths(reader: Any, fieldname: str, count: int) -> list[int]:
    try:
        column = reader._perdoc._cached_reader(f"_{fieldname}_L", LENGTHS_COLUMN)
        if column is not None:
            return [byte_to_length(b) for b in column]
    except AttributeError:  # pragma: no cover - another codec
        pass
    return [reader.doc_field_length(i, fieldname) or 0 for i in range(count)]


class _Docs:
    """Document ordinals ↔ ids, with the titles and metadata filters need.  Ordinals are
    never reused, so a searcher opened after a commit keeps them (and the segments'
    ordinal arrays); a removed document keeps its ordinal, with no live unit."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self.titles: list[str] = []
        self.folded_titles: list[str] = []
        self.types: list[str] = []
        self.years: list[int | None] = []

    def ordinal(self, doc_id: str) -> int:
        n = self.index.get(doc_id)
        if n is None:
            n = self.index[doc_id] = len(self.ids)
            self.ids.append(doc_id)
            self.titles.append("")
            self.folded_titles.append("")
            self.types.append("")
            self.years.append(None)
        return n

    def set_meta(self, doc_id: str, stored: dict[str, Any]) -> None:
        n = self.ordinal(doc_id)
        self.titles[n] = stored.get("text") or ""
        self.folded_titles[n] = fold(self.titles[n])
        self.types[n] = fold(stored.get("doctype") or "")
        year = stored.get("year") or ""
        self.years[n] = int(year) if year.isdigit() else None


class _Cache:
    """What outlives one searcher: the segments' data by segment id, the document
    ordinals, and the average unit length BM25 uses (kept while it moves less than
    ``AVG_DRIFT``, so an update elsewhere does not reorder unrelated results)."""

    AVG_DRIFT = 0.05

    def __init__(self) -> None:
        self.segments: dict[Any, _Segment] = {}
        self.docs = _Docs()
        self.avg: float | None = None

    def average(self, avg: float) -> float:
        if self.avg is None or abs(avg - self.avg) > self.AVG_DRIFT * self.avg:
            self.avg = avg
        return self.avg


def _decode_postings(reader: Any, fieldname: str, term: bytes | str) -> tuple[array, array]:
    """All (docnum, weight) of a term in one segment, deleted units included, read a
    block at a time."""
    btext = term.encode("utf-8") if isinstance(term, str) else term
    ids, weights = array("i"), array("f")
    if (fieldname, btext) not in reader:
        return ids, weights
    try:
        info = reader._terms.term_info(fieldname, btext)
        if info.is_inlined():  # a rare term: its postings are in the terms table
            inlined_ids, inlined_weights, _ = info.inlined_postings()
            return array("i", inlined_ids), array("f", inlined_weights)
        m = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    except AttributeError:  # pragma: no cover - not a W3 segment reader
        m = None
    if isinstance(m, W3LeafMatcher):
        postfile = m._postfile
        while True:
            data = postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
            if m._compression:
                data = zlib.decompress(data)
            block_ids, block_weights, _ = loads(data)
            ids.extend(accumulate(block_ids))
            n = m._blocklength
            if block_weights is None:
                weights.extend([1.0] * n)
            elif isinstance(block_weights, float):
                weights.extend([block_weights] * n)
            else:
                weights.extend(block_weights)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:
        m = reader.postings(fieldname, btext) if m is None else m
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    return ids, weights


def _spans(docnums: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted docnums as ``[start, end)`` ranges of consecutive ones."""
    out: list[list[int]] = []
    for d in sorted(docnums):
        if out and out[-1][1] == d:
            out[-1][1] = d + 1
        else:
            out.append([d, d + 1])
    return [(a, b) for a, b in out]


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _kept(ids: Any, drop: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The slices of sorted ``ids`` outside the ``drop`` ranges (None: all of them)."""
    if not drop or not len(ids):
        return None
    out, prev, n = [], 0, len(ids)
    for lo, hi in drop:
        a = bisect_left(ids, lo, prev)
        if a >= n:
            break
        b = bisect_left(ids, hi, a)
        if a > prev:
            out.append((prev, a))
        prev = b
    if prev < n:
        out.append((prev, n))
    return out


def _take(seq: Any, slices: list[tuple[int, int]] | None) -> Any:
    if slices is None:
        return seq
    out = seq[:0]
    for a, b in slices:
        out += seq[a:b]
    return out


# -- the searcher -------------------------------------------------------------------------


@dataclass
class _Leaf:
    """One segment as seen by one searcher: its reader, where its docnums start in the
    searcher's numbering, its cached data and deletions, and the length norms."""

    reader: Any
    offset: int
    seg: _Segment
    deleted: frozenset[int]
    #: per unit: 1 / BM25 length norm, times the boost of title units
    weights: list[float]
    #: filter → the docnum ranges it leaves out (deleted units always)
    drops: dict[Any, list[tuple[int, int]]] = field(default_factory=dict)

    def dropped(self, banned: frozenset[int] = frozenset(), allowed: frozenset[int] | None = None,
                scope: str = "all") -> list[tuple[int, int]]:
        """Docnum ranges of the units a search leaves out: deleted, of ``banned`` documents
        or not of ``allowed`` ones, annotations or not (``scope``)."""
        key = (banned, allowed, scope)
        ranges = self.drops.get(key)
        if ranges is None:
            ranges = _spans(self.deleted)
            if banned or allowed is not None:
                starts, ordinals = self.seg.runs
                ends = starts[1:] + [self.seg.count]
                ranges += [(s, e) for s, e, o in zip(starts, ends, ordinals)
                           if o in banned or (allowed is not None and o not in allowed)]
            notes = _spans(self.seg.annotations)
            if scope == "text":
                ranges += notes
            elif scope == "annotations":
                edges = [0] + [x for span in notes for x in span] + [self.seg.count]
                ranges += [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)
                           if edges[i] < edges[i + 1]]
            ranges = _merge(ranges)
            if len(self.drops) >= 16:
                self.drops.clear()
            self.drops[key] = ranges
        return ranges


class IndexSearcher:
    """Searches one opened state of the index (see the module docstring)."""

    def __init__(self, ix: whoosh_index.Index, cache: _Cache | None = None) -> None:
        self.ix = ix
        self._cache = cache if cache is not None else _Cache()
        self._open()

    def _open(self) -> None:
        self.searcher = self.ix.searcher()
        reader = self.searcher.reader()
        self.generation = self.ix.latest_generation()
        cache = self._cache
        self.docs = cache.docs
        live: dict[Any, _Segment] = {}
        leaves = []
        for leaf, offset in reader.leaf_readers():
            segment = leaf.segment()
            key = segment.segment_id() if segment is not None else id(leaf)
            deleted = (frozenset(segment.deleted_docs()) if segment is not None
                       else _deleted(leaf))
            seg = cache.segments.get(key)
            if seg is None:
                seg = _Segment(leaf, self.docs, deleted)
            live[key] = seg
            leaves.append((leaf, offset, seg, deleted))
        cache.segments = live
        self.unit_count = reader.doc_count()
        total_length = sum(seg.total_length for _, _, seg, _ in leaves)
        avg = cache.average(max(total_length / max(reader.doc_count_all(), 1), 1.0))
        self.avg_length = avg
        self.leaves = [_Leaf(leaf, offset, seg, deleted, seg.weights(avg))
                       for leaf, offset, seg, deleted in leaves]

    def reopen(self) -> IndexSearcher:
        """A new searcher on the index as it is now (caches carried over)."""
        self.close()
        return IndexSearcher(self.ix, self._cache)

    def up_to_date(self) -> bool:
        return self.ix.latest_generation() == self.generation

    def close(self) -> None:
        self.searcher.close()

    def warm(self) -> None:
        """Read every unit's folded text now, and decode the postings of the most frequent
        characters and bigrams (的, 法, 应当: the slowest terms to read from disk), so no
        later search waits for either."""
        for leaf in self.leaves:
            folded = leaf.seg.folded
            for docnum in range(leaf.seg.count):
                if folded[docnum] is None:
                    folded[docnum] = fold(leaf.reader.stored_fields(docnum)["text"])
            leaf.seg.warm = True
            for fieldname in ("chars", "body"):
                for _, term in leaf.reader.most_frequent_terms(fieldname, number=WARM_TERMS):
                    leaf.seg.postings(leaf.reader, fieldname,
                                      term.decode("utf-8") if isinstance(term, bytes) else term)

    def indexed_versions(self) -> dict[str, str]:
        """``doc_id → docver`` of every document the index holds."""
        return self._live_terms("versions")

    def indexed_annotation_versions(self) -> dict[str, str]:
        """``ann_id → version`` of every annotation unit the index holds."""
        return self._live_terms("annotation_versions")

    def _live_terms(self, name: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for leaf in self.leaves:
            for docnum, text in getattr(leaf.seg, name):
                if docnum not in leaf.deleted:
                    key, _, version = text.partition("@")
                    out[key] = version
        return out

    # -- matching (per segment, local docnums) ---------------------------------------------

    def _match_literal(self, leaf: _Leaf, folded: str,
                       drop: list[tuple[int, int]] | None = None) -> tuple[Any, Any]:
        """Local docnums (ascending) containing one folded literal in one segment, and
        how often; units in the ``drop`` ranges (by default: the deleted ones) left out."""
        if not folded:
            return [], []
        reader, seg = leaf.reader, leaf.seg
        if drop is None:
            drop = leaf.dropped()
        if len(folded) <= 2:
            ids, tfs = seg.postings(reader, "chars" if len(folded) == 1 else "body", folded)
            slices = _kept(ids, drop)
            return _take(ids, slices), _take(tfs, slices)
        freqs = []
        for gram in set(bigrams(folded)):
            df = reader.doc_frequency("body", gram)
            if not df:
                return [], []
            freqs.append((df, gram))
        freqs.sort()
        texts = seg.folded
        candidates: Any = seg.postings(reader, "body", freqs[0][1])[0]
        if not seg.warm:
            # texts still to be read from disk: narrow the candidates with more postings
            narrowed = set(candidates)
            for df, gram in freqs[1:3]:
                if not narrowed or df > 8 * len(narrowed):
                    break
                narrowed.intersection_update(seg.postings(reader, "body", gram)[0])
            candidates = sorted(narrowed)
        candidates = _take(candidates, _kept(candidates, drop))
        ids: list[int] = []
        tfs: list[float] = []
        for docnum in candidates:
            text = texts[docnum]
            if text is None:
                text = texts[docnum] = fold(reader.stored_fields(docnum)["text"])
            n = text.count(folded)
            if n:
                ids.append(docnum)
                tfs.append(float(n))
        return ids, tfs

    def _match_term(self, leaf: _Leaf, term: Term) -> dict[int, float]:
        found: dict[int, float] = {}
        for variant in term.variants:
            for docnum, n in zip(*self._match_literal(leaf, variant)):
                found[docnum] = found.get(docnum, 0.0) + n
        return found

    def _match_group(self, leaf: _Leaf, group: list[Term]) -> dict[int, float]:
        if len(group) == 1 and len(group[0].variants) == 1:
            return dict(zip(*self._match_literal(leaf, group[0].variants[0])))
        found: dict[int, float] = {}
        for term in group:
            for docnum, n in self._match_term(leaf, term).items():
                found[docnum] = found.get(docnum, 0.0) + n
        return found

    # -- search --------------------------------------------------------------------------

    def search(self, query: Query, limit: int = 20, offset: int = 0,
               doc_id: str | None = None, titles_only: bool = False,
               scope: str = "text", exclude: frozenset[str] = frozenset()) -> Results:
        """Run a parsed query.  ``doc_id`` restricts to one document (exact id),
        ``exclude`` leaves documents out (the older versions of a document, unless all
        versions are asked for), ``titles_only`` to the title units, ``scope`` to the documents' text ("text"),
        the annotations' notes and tags ("annotations") or both ("all");
        ``limit``/``offset`` page the hits.  Totals are exact whatever the limit."""
        results = Results(query=query.text, literal=query.literal)
        if query.empty:
            return results
        allowed = self._allowed_docs(query, doc_id)
        if allowed is not None and not allowed:
            return results
        banned = frozenset(self.docs.index[d] for d in exclude if d in self.docs.index)
        allowed_key = frozenset(allowed) if allowed is not None else None
        # per segment: the units matching every group, minus exclusions, filtered
        matched: list[tuple[_Leaf, Any, list[Any]]] = []
        dfs = [0] * len(query.groups)
        simple = (len(query.groups) == 1 and len(query.groups[0]) == 1
                  and len(query.groups[0][0].variants) == 1 and not query.excluded)
        for leaf in self.leaves:
            if simple:  # one literal (the common, big case): postings filtered by ranges
                keys, tfs = self._match_literal(leaf, query.groups[0][0].variants[0],
                                                leaf.dropped(banned, allowed_key, scope))
                if titles_only:
                    titles = leaf.seg.titles
                    keep = [i for i, d in enumerate(keys) if d in titles]
                    keys, tfs = [keys[i] for i in keep], [tfs[i] for i in keep]
                dfs[0] += len(keys)
                if len(keys):
                    matched.append((leaf, keys, [tfs]))
                continue
            group_hits = []
            for g, group in enumerate(query.groups):
                found = self._match_group(leaf, group)
                dfs[g] += len(found)
                group_hits.append(found)
                if not found:
                    break
            if not all(group_hits) or len(group_hits) < len(query.groups):
                continue
            smallest = min(group_hits, key=len)
            if len(group_hits) == 1:
                keys = list(smallest)
            else:
                keys = [d for d in smallest if all(d in found for found in group_hits)]
            for term in query.excluded:
                if keys:
                    gone = self._match_term(leaf, term)
                    keys = [d for d in keys if d not in gone]
            if allowed is not None:
                doc = leaf.seg.doc
                keys = [d for d in keys if doc[d] in allowed]
            if banned:
                doc = leaf.seg.doc
                keys = [d for d in keys if doc[d] not in banned]
            if titles_only:
                titles = leaf.seg.titles
                keys = [d for d in keys if d in titles]
            if scope != "all" and (leaf.seg.annotations or scope == "annotations"):
                notes, want = leaf.seg.annotations, scope == "annotations"
                keys = [d for d in keys if (d in notes) == want]
            if keys:
                matched.append((leaf, keys, [[found[d] for d in keys] for found in group_hits]))
        if not matched:
            return results
        counts: Counter[int] = Counter()
        for leaf, keys, _ in matched:
            _count_documents(leaf.seg, keys, counts, ascending=simple)
        results.total = sum(counts.values())
        results.by_document = {self.docs.ids[n]: c for n, c in counts.most_common()}
        ranked = self._rank(query, matched, dfs, set(counts), offset + limit)
        results.hits = [self._hit(query, leaf, docnum, score)
                        for _, score, leaf, docnum in ranked[offset:]]
        return results

    def _allowed_docs(self, query: Query, doc_id: str | None) -> set[int] | None:
        docs = self.docs
        allowed: set[int] | None = None
        if doc_id is not None:
            allowed = {docs.index[doc_id]} if doc_id in docs.index else set()
        if query.doc_prefixes:
            chosen = {n for n, d in enumerate(docs.ids)
                      if any(d.startswith(p) for p in query.doc_prefixes)}
            allowed = chosen if allowed is None else allowed & chosen
        if query.types:
            chosen = {n for n, t in enumerate(docs.types) if any(x in t for x in query.types)}
            allowed = chosen if allowed is None else allowed & chosen
        if query.years:
            chosen = {n for n, y in enumerate(docs.years)
                      if y is not None and any(lo <= y <= hi for lo, hi in query.years)}
            allowed = chosen if allowed is None else allowed & chosen
        return allowed

    def _rank(self, query: Query, matched: list, dfs: list[int], ordinals: set[int],
              top: int) -> list[tuple[float, float, _Leaf, int]]:
        """The ``top`` best hits: BM25F (unit text + document title), whole phrase first."""
        n_units = max(self.unit_count, 1)
        idfs = [math.log(1.0 + (n_units - df + 0.5) / (df + 0.5)) for df in dfs]
        titles = self.docs.folded_titles
        title_tfs = []
        for group in query.groups:
            variants = [v for term in group for v in term.variants]
            ttf = {n: DOC_TITLE_WEIGHT * sum(titles[n].count(v) for v in variants)
                   for n in ordinals}
            title_tfs.append(ttf if any(ttf.values()) else None)
        if len(query.groups) == 1:
            by_ordinal = None
            if title_tfs[0] is not None:
                by_ordinal = [0.0] * len(self.docs.ids)
                for n, t in title_tfs[0].items():
                    by_ordinal[n] = t
            return self._rank_one(idfs[0], matched, by_ordinal, top)
        phrases = query.phrases()
        k1, k1p1 = K1, K1 + 1.0
        best: list[tuple[float, float, _Leaf, int]] = []
        for leaf, keys, group_tfs in matched:
            weight = leaf.weights
            docs = list(map(leaf.seg.doc.__getitem__, keys)) if any(title_tfs) else None
            scores = None
            for idf, tfs, ttf in zip(idfs, group_tfs, title_tfs):
                xs = [tf * weight[d] for d, tf in zip(keys, tfs)]
                if ttf is not None:
                    xs = [x + ttf[o] for x, o in zip(xs, docs)]
                if scores is None:
                    scores = [idf * x * k1p1 / (x + k1) for x in xs]
                else:
                    scores = [s + idf * x * k1p1 / (x + k1) for s, x in zip(scores, xs)]
            assert scores is not None
            # whole phrase first: its hits get a tier above every other hit
            tier = 0.0
            if phrases:
                phrased: set[int] = set()
                for phrase in phrases:
                    phrased.update(self._match_literal(leaf, phrase)[0])
                if phrased:
                    tier = 1e9
                    scores = [s + tier if d in phrased else s for s, d in zip(scores, keys)]
            chosen = heapq.nlargest(top, range(len(keys)), key=scores.__getitem__)
            for i in chosen:
                s = scores[i]
                best.append((s, s - tier if s >= tier > 0 else s, leaf, keys[i]))
            if len(best) > top:
                best = heapq.nlargest(top, best, key=_first)
        best.sort(key=_first, reverse=True)
        return best[:top]

    def _rank_one(self, idf: float, matched: list, ttf: list[float] | None,
                  top: int) -> list[tuple[float, float, _Leaf, int]]:
        """:meth:`_rank` for one group: the score grows with the weighted frequency, so
        the best are chosen by it and only they are scored."""
        k1, k1p1 = K1, K1 + 1.0
        best: list[tuple[float, float, _Leaf, int]] = []
        for leaf, keys, (tfs,) in matched:
            weight = leaf.weights
            if ttf is None:
                xs = [tf * weight[d] for d, tf in zip(keys, tfs)]
            else:  # ttf by ordinal, the units' ordinals as a list: two list lookups a key
                doc = leaf.seg.doc_list
                xs = [tf * weight[d] + ttf[doc[d]] for d, tf in zip(keys, tfs)]
            for i in heapq.nlargest(top, range(len(xs)), key=xs.__getitem__):
                x = xs[i]
                s = idf * x * k1p1 / (x + k1)
                best.append((s, s, leaf, keys[i]))
        best.sort(key=_first, reverse=True)
        return best[:top]

    def _hit(self, query: Query, leaf: _Leaf, docnum: int, score: float) -> Hit:
        stored = leaf.reader.stored_fields(docnum)
        text = stored.get("text") or ""
        matches = find_spans(text, [v for t in query.terms for v in t.variants])
        snippet, highlights = make_snippet(text, matches)
        return Hit(
            doc_id=stored["doc_id"], doc_title=self.docs.titles[leaf.seg.doc[docnum]],
            node_id=stored.get("node_id"), kind=stored.get("kind") or "",
            label=stored.get("label") or "", score=score, text=text, matches=matches,
            snippet=snippet, highlights=highlights, annotation_id=stored.get("ann_id"),
        )


def _count_documents(seg: _Segment, keys: Any, counts: Counter[int], ascending: bool) -> None:
    """Add the matching units of each document to ``counts``: by the runs of units of
    one document when the keys are many and ascending (two bisections a run instead of
    a lookup a key)."""
    starts, ordinals = seg.runs
    if not ascending or len(keys) < RUNS_MIN_KEYS * len(starts):
        counts.update(map(seg.doc.__getitem__, keys))
        return
    pos = [bisect_left(keys, s) for s in starts]
    pos.append(len(keys))
    for i, ordinal in enumerate(ordinals):
        n = pos[i + 1] - pos[i]
        if n:
            counts[ordinal] += n


def _deleted(reader: Any) -> frozenset[int]:
    """The deleted docnums of one segment reader."""
    if not reader.has_deletions():
        return frozenset()
    return frozenset(d for d in range(reader.doc_count_all()) if reader.is_deleted(d))


def _first(item: tuple) -> Any:
    return item[0]


# -- highlighting -------------------------------------------------------------------------


def find_spans(text: str, folded_terms: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of any of ``folded_terms`` in ``text`` (display text), as merged
    ``[start, end)`` spans of ``text``.  Matching is done on the folded text, so the spans
    cover exactly what the search matched, full-width digits and line breaks included."""
    folded, offsets = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in {t for t in folded_terms if t}:
        start = folded.find(term)
        while start >= 0:
            end = start + len(term)
            spans.append((offsets[start], offsets[end - 1] + 1))
            start = folded.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, spans: list[tuple[int, int]], context: int = SNIPPET_CONTEXT,
                 limit: int = SNIPPET_MAX) -> tuple[str, list[tuple[int, int]]]:
    """A one-line extract of ``text`` around ``spans`` and the spans' places in it.

    Short texts are shown whole; otherwise fragments of ``context`` characters around
    the matches, joined by "…", until ``limit`` characters are used.  Line breaks become
    spaces (one character for one, so offsets hold)."""
    flat = text.replace("\r", " ").replace("\n", " ")
    if len(flat) <= limit:
        return flat, list(spans)
    if not spans:
        return flat[:limit - 1] + "…", []
    windows: list[list[int]] = []
    for start, end in spans:
        lo, hi = max(0, start - context), min(len(flat), end + context)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out = ""
    highlights: list[tuple[int, int]] = []
    last_hi = 0
    for lo, hi in windows:
        lead = "…" if lo > last_hi or (lo > 0 and not out) else ""
        room = limit - len(out) - len(lead) - 1
        if room < min(context, hi - lo):
            break
        hi = min(hi, lo + room)
        base = len(out) + len(lead) - lo
        highlights += [(start + base, min(end, hi) + base) for start, end in spans
                       if lo <= start < hi]
        out += lead + flat[lo:hi]
        last_hi = hi
    if last_hi < len(flat):
        out += "…"
    return out, highlights


def open_index(folder: str) -> whoosh_index.Index:
    from index.indexer import INDEX_NAME

    return whoosh_index.open_dir(folder, indexname=INDEX_NAME)


__all__ = ["Hit", "Results", "IndexSearcher", "find_spans", "make_snippet", "mark", "open_index"]
