"""Annotation anchors and re-anchoring, in the manner of the Hypothesis client.

An anchor remembers where a span was (node id and offsets in the node's own text) and
what it said (the quote, up to 32 characters either side, a hash of the node text).
When a document is re-imported the span is placed again, most certain way first:

1. same node, same text → unchanged;
2. the quote exactly within the same node (nearest the old offset, best context);
3. the quote exactly elsewhere in the document, chosen by its context;
4. an approximate match of quote and context above a threshold.

Below the threshold nothing is placed: the annotation becomes an orphan.  A wrong
placement is worse than none, so short quotes are never matched approximately and an
exact quote that occurs several times needs its context to decide.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.core.model import Document, Node

CONTEXT = 32
CLAUSE_CONTEXT = 64
#: Minimum similarity of the quote itself for an approximate placement.
QUOTE_THRESHOLD = 0.80
#: Minimum similarity of quote-with-context around an exact hit in the same node / elsewhere.
NODE_WINDOW = 0.6
DOCUMENT_WINDOW = 0.8
#: Minimum similarity of a clause's opening for a whole-clause note to follow it.
CLAUSE_THRESHOLD = 0.85
#: Quotes shorter than this are only ever placed exactly.
MIN_FUZZY_QUOTE = 6


class AnchorError(ValueError):
    """The requested span does not exist in the node (bad offsets, quote not found)."""


@dataclass(frozen=True)
class Anchor:
    """Where a span is, and what it says, in one node's own text."""

    node_id: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    node_hash: str


@dataclass(frozen=True)
class Placement:
    """The outcome of re-anchoring: the new anchor (None for an orphan) and how it was found."""

    anchor: Anchor | None
    method: str  # unchanged | node | document | fuzzy | orphan
    score: float

    @property
    def orphan(self) -> bool:
        return self.anchor is None


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def make_anchor(node: Node, start: int, end: int) -> Anchor:
    """Anchor the span [start, end) of ``node.text``; a whole-clause note uses 0, 0."""
    text = node.text
    if not (0 <= start <= end <= len(text)):
        raise AnchorError(f"offsets {start}-{end} are outside {node.id} (length {len(text)})")
    return Anchor(node.id, start, end, text[start:end], text[max(0, start - CONTEXT):start],
                  text[end:end + CONTEXT], text_hash(text))


def anchor_clause(node: Node) -> Anchor:
    """Anchor a note on a whole clause: remembered by the opening of its full text."""
    full = node.full_text()
    return Anchor(node.id, 0, 0, "", "", full[:CLAUSE_CONTEXT], text_hash(full))


def anchor_quote(node: Node, quote: str, occurrence: int = 0) -> Anchor:
    """Anchor the ``occurrence``-th appearance of ``quote`` in ``node.text``."""
    if not quote:
        raise AnchorError("the quote is empty")
    pos = -1
    for _ in range(occurrence + 1):
        pos = node.text.find(quote, pos + 1)
        if pos < 0:
            raise AnchorError(f"'{quote}' does not occur in {node.id}")
    return make_anchor(node, pos, pos + len(quote))


class FlatText:
    """The document's node texts laid end to end, to search across nodes at once."""

    def __init__(self, doc: Document) -> None:
        self.nodes = [n for n in doc.walk()]
        self.starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for node in self.nodes:
            self.starts.append(pos)
            parts.append(node.text)
            pos += len(node.text) + 1
        self.text = "\n".join(parts)
        self.by_id = {n.id: n for n in self.nodes}

    def locate(self, pos: int, length: int) -> tuple[Node, int] | None:
        """The node holding [pos, pos+length) entirely, and the offset within it."""
        k = bisect_right(self.starts, pos) - 1
        node = self.nodes[k]
        local = pos - self.starts[k]
        return (node, local) if local + length <= len(node.text) else None


def reanchor(anchor: Anchor, doc: Document) -> Placement:
    """Place ``anchor`` in the (new version of the) document."""
    return _reanchor(anchor, FlatText(doc))


def reanchor_all(anchors: list[Anchor], doc: Document) -> list[Placement]:
    """Place many anchors in one document (its text is laid out once for all of them)."""
    if not anchors:
        return []
    flat = FlatText(doc)
    return [_reanchor(anchor, flat) for anchor in anchors]


def _reanchor(anchor: Anchor, flat: FlatText) -> Placement:
    if not anchor.quote:  # a note on a whole clause
        return place_clause(anchor, flat)
    node = flat.by_id.get(anchor.node_id)
    if node is not None and text_hash(node.text) == anchor.node_hash:
        return Placement(anchor, "unchanged", 1.0)
    if node is not None:
        found = best_exact(anchor, node.text, anchor.start)
        if found is not None and window_score(anchor, node.text, found[0]) >= NODE_WINDOW:
            return Placement(make_anchor(node, found[0], found[0] + len(anchor.quote)), "node", found[1])
    exact = best_exact(anchor, flat.text, None)
    if exact is not None and window_score(anchor, flat.text, exact[0]) >= DOCUMENT_WINDOW:
        placed = flat.locate(exact[0], len(anchor.quote))
        if placed is not None:
            target, local = placed
            return Placement(make_anchor(target, local, local + len(anchor.quote)), "document", exact[1])
    if len(anchor.quote) >= MIN_FUZZY_QUOTE:
        fuzzy = best_fuzzy(anchor, flat)
        if fuzzy is not None:
            return fuzzy
    return Placement(None, "orphan", 0.0)


def window_score(anchor: Anchor, text: str, start: int) -> float:
    """Similarity of prefix + quote + suffix to the text around a hit: the same words
    printed elsewhere (a deleted sentence repeated in another article) score low."""
    end = start + len(anchor.quote)
    window = text[max(0, start - len(anchor.prefix)):end + len(anchor.suffix)]
    return SequenceMatcher(None, anchor.prefix + anchor.quote + anchor.suffix, window, autojunk=False).ratio()


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) matches the remembered prefix and suffix."""
    scores = []
    if anchor.prefix:
        before = text[max(0, start - len(anchor.prefix)):start]
        scores.append(SequenceMatcher(None, anchor.prefix, before, autojunk=False).ratio())
    if anchor.suffix:
        after = text[end:end + len(anchor.suffix)]
        scores.append(SequenceMatcher(None, anchor.suffix, after, autojunk=False).ratio())
    return sum(scores) / len(scores) if scores else 1.0


def best_exact(anchor: Anchor, text: str, near: int | None) -> tuple[int, float] | None:
    """The exact occurrence of the quote with the best context (ties: nearest ``near``).

    One occurrence is taken as it is; among several, the winner must be clearly
    supported by its context, else the choice is refused rather than guessed.
    """
    hits = []
    pos = text.find(anchor.quote)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(anchor.quote, pos + 1)
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0], 1.0
    scored = sorted(((_context_score(anchor, text, h, h + len(anchor.quote)), h) for h in hits), reverse=True)
    best, second = scored[0], scored[1]
    if best[0] - second[0] >= 0.15 and best[0] >= 0.5:
        return best[1], best[0]
    if near is not None and best[0] >= 0.5:
        return min((h for s, h in scored if s == best[0]), key=lambda h: abs(h - near)), best[0]
    return None


def best_fuzzy(anchor: Anchor, flat: FlatText) -> Placement | None:
    """Approximate match: candidates come from exact pieces of the quote, then get scored."""
    quote, text = anchor.quote, flat.text
    size = len(quote)
    seeds = _seed_pieces(quote)
    candidates: set[int] = set()
    for offset, piece in seeds:
        pos = text.find(piece)
        found = 0
        while pos >= 0 and found < 50:
            candidates.add(max(0, pos - offset))
            pos = text.find(piece, pos + 1)
            found += 1
    best: tuple[float, float, int, int] | None = None
    for cand in candidates:
        for length in {size, int(size * 0.9), int(size * 1.1)}:
            for shift in (-2, -1, 0, 1, 2):
                start = max(0, cand + shift)
                end = min(len(text), start + max(1, length))
                similarity = SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
                if similarity < QUOTE_THRESHOLD:
                    continue
                window = text[max(0, start - len(anchor.prefix)):end + len(anchor.suffix)]
                score = SequenceMatcher(None, anchor.prefix + quote + anchor.suffix, window, autojunk=False).ratio()
                if best is None or score > best[0]:
                    best = (score, similarity, start, end)
    if best is None or best[0] < DOCUMENT_WINDOW:
        return None
    score, _, start, end = best
    placed = flat.locate(start, end - start)
    if placed is None:
        return None
    node, local = placed
    return Placement(make_anchor(node, local, local + end - start), "fuzzy", score)


def _seed_pieces(quote: str) -> list[tuple[int, str]]:
    """Short exact pieces spread over the quote: an edit rarely touches all of them."""
    k = 4 if len(quote) >= 12 else 3
    step = max(1, (len(quote) - k) // 4)
    return [(i, quote[i:i + k]) for i in range(0, max(1, len(quote) - k + 1), step)]


def place_clause(anchor: Anchor, flat: FlatText) -> Placement:
    """A whole-clause note follows the clause whose text it remembers, under any id."""
    node = flat.by_id.get(anchor.node_id)
    if node is not None:
        full = node.full_text()
        if text_hash(full) == anchor.node_hash:
            return Placement(anchor, "unchanged", 1.0)
        same = _opening_similarity(anchor.suffix, full)
        if same >= CLAUSE_THRESHOLD:
            return Placement(anchor_clause(node), "node", same)
    kind = _unit_kind(anchor.node_id)  # an article's note follows an article, not its first 款
    scored = sorted(((_opening_similarity(anchor.suffix, n.full_text()), n.id) for n in flat.nodes
                     if _unit_kind(n.id) == kind), reverse=True)
    if scored and scored[0][0] >= CLAUSE_THRESHOLD and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.1):
        return Placement(anchor_clause(flat.by_id[scored[0][1]]), "document", scored[0][0])
    return Placement(None, "orphan", 0.0)


def _unit_kind(node_id: str) -> str:
    """'art_17__para_2' → 'para': the kind of unit an id names, whatever its number."""
    return re.sub(r"_\d.*$", "", node_id.rsplit("__", 1)[-1])


def _opening_similarity(remembered: str, full: str) -> float:
    return SequenceMatcher(None, remembered, full[:len(remembered)], autojunk=False).ratio()
