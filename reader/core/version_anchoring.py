"""Annotations follow a document onto its new version.

anchoring.py places an anchor anywhere in a document by its quote and context; between
two versions of one law we know more: compare() pairs every article of the old version
with the article(s) it became.  So an annotation is looked for first where its article
went (moved: in the renumbered article; split: in all the parts; merged: in the merged
article), its 款 first, and only then anywhere in the document.  An approximate match is
accepted only inside the paired article: elsewhere, similar words are other words.

Nothing is ever placed on other words.  Beyond anchoring.py's rules (context decides
between repeated quotes; thresholds for approximate matches) a document-wide hit is kept
only in an article that *gained* the quote — more occurrences than in the old article(s)
paired with it — since the occurrences an article already had are that article's own
words, not the annotation's.  Likewise a whole-clause note found by its opening elsewhere
may not take a clause that is itself the successor of another old clause.

Pure: anchors and Documents in, one Followed per anchor out; storage and GUI build on it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from reader.core.anchoring import (DOCUMENT_WINDOW, MIN_FUZZY_QUOTE, NODE_WINDOW, Anchor,
                                   Placement, best_exact, best_fuzzy, FlatText, place_clause, window_score,
                                   anchor_clause, make_anchor, text_hash)
from reader.core.model import Document, Node
from reader.core.versions import Comparison, Pair, compare

OUTCOMES = ("unchanged", "moved", "changed", "orphan")


@dataclass(frozen=True)
class Followed:
    """Where one annotation went on the new version, and what the reader should be told.

    ``outcome``: unchanged (same words, same unit, same number); moved (same words, in a
    renumbered or another unit: ``old_label`` → ``new_label``); changed (placed, but the words
    under it changed: ``anchor.quote`` was annotated, ``new_text`` is there now); orphan (the
    words are gone: the annotation keeps ``anchor``, made on the old version).  ``method``
    says how it was found: unchanged | node | unit | document | fuzzy | orphan."""

    anchor: Anchor
    placement: Anchor | None
    outcome: str
    method: str
    score: float
    old_label: str
    new_label: str = ""
    new_text: str = ""

    @property
    def node_id(self) -> str | None:
        return self.placement.node_id if self.placement else None

    @property
    def start(self) -> int | None:
        return self.placement.start if self.placement else None

    @property
    def end(self) -> int | None:
        return self.placement.end if self.placement else None


def follow(anchors: list[Anchor], old_doc: Document, new_doc: Document,
           comparison: Comparison | None = None) -> list[Followed]:
    """Place each anchor made on ``old_doc`` in ``new_doc`` (compared here unless given)."""
    if not anchors:
        return []
    follower = _Follower(old_doc, new_doc, comparison or compare(old_doc, new_doc))
    return [follower.follow(a) for a in anchors]


class _Units:
    """One version cut into the comparison's units: which unit holds each node, and the
    nodes (and text) of each.  A heading's unit is its own line, not the articles under it;
    nodes outside every unit (title, 题注) form the unit ''."""

    def __init__(self, doc: Document, unit_ids: set[str], labels: dict[str, str]) -> None:
        self.nodes: dict[str, Node] = {n.id: n for n in doc.walk()}
        self.labels = labels
        self.owner: dict[str, str] = {}
        self.scope: dict[str, list[Node]] = {"": []}

        def visit(node: Node, unit: str) -> None:
            if node.id in unit_ids:
                unit = node.id
                self.scope[unit] = []
            self.owner[node.id] = unit
            self.scope[unit].append(node)
            for child in node.children:
                visit(child, unit)

        for root in doc.nodes:
            visit(root, "")
        self.text = {u: "\n".join(n.text for n in nodes) for u, nodes in self.scope.items()}


class _Follower:
    """Both versions cut into units once, the comparison's pairs indexed: then each anchor
    is followed in a few look-ups."""

    def __init__(self, old_doc: Document, new_doc: Document, comparison: Comparison) -> None:
        pairs = comparison.pairs
        self.old = _Units(old_doc, {p.old.node_id for p in pairs if p.old},
                          {p.old.node_id: p.old.label for p in pairs if p.old})
        self.new = _Units(new_doc, {p.new.node_id for p in pairs if p.new},
                          {p.new.node_id: p.new.label for p in pairs if p.new})
        self.partners: dict[str, list[str]] = {"": [""]}
        self.sources: dict[str, set[str]] = {"": {""}}
        self.para: dict[str, str] = {}  # old 款 → the new 款 it became
        for p in pairs:
            if p.old and p.new:
                self._pair(p)
        self.claimed = set(self.para.values()) | {u for us in self.partners.values() for u in us}
        self.flat = FlatText(new_doc)
        self._flats: dict[tuple[str, ...], FlatText] = {}

    def _pair(self, p: Pair) -> None:
        assert p.old and p.new
        news = self.partners.setdefault(p.old.node_id, [])
        if p.new.node_id not in news:
            news.append(p.new.node_id)
        self.sources.setdefault(p.new.node_id, set()).add(p.old.node_id)
        self.para.update({d.old: d.new for d in p.paragraphs if d.old and d.new})

    # --- the annotation's old unit and its successors -------------------------------

    def _counterpart(self, old_id: str) -> str | None:
        """The new node that old node ``old_id`` became: its paired unit or 款 (or the 项 of
        the same number under the paired 款)."""
        news = self.partners.get(old_id)
        if news is not None and old_id and len(news) == 1:
            return news[0]
        parts = old_id.split("__")
        for k in range(len(parts), 0, -1):
            head = "__".join(parts[:k])
            if head in self.para:
                candidate = "__".join([self.para[head], *parts[k:]])
                return candidate if candidate in self.new.nodes else None
        return None

    def _scope_flat(self, units: list[str]) -> FlatText:
        """The paired unit(s) laid end to end (headings without the articles under them)."""
        key = tuple(units)
        if key not in self._flats:
            nodes = [replace(n, children=[]) for u in units for n in self.new.scope.get(u, [])]
            self._flats[key] = FlatText(Document(title="", nodes=nodes, id="scope"))
        return self._flats[key]

    # --- following ------------------------------------------------------------------

    def follow(self, anchor: Anchor) -> Followed:
        unit = self.old.owner.get(anchor.node_id, "")
        old_label = self.old.labels.get(unit, "")
        news = self.partners.get(unit, []) if anchor.node_id in self.old.nodes else []
        found = (self._clause(anchor, unit, news) if not anchor.quote else self._quote(anchor, news))
        if found is None or found.anchor is None:
            return Followed(anchor, None, "orphan", "orphan", 0.0, old_label)
        return self._judge(anchor, unit, old_label, found)

    def _quote(self, anchor: Anchor, news: list[str]) -> Placement | None:
        target = self.new.nodes.get(self._counterpart(anchor.node_id) or "")
        if target is not None and text_hash(target.text) == anchor.node_hash:
            return Placement(replace(anchor, node_id=target.id), "unchanged", 1.0)
        near = self._near(anchor, target, news)
        if near is not None and near[1] >= 1.0:
            return near[0]
        old = self.old.nodes.get(anchor.node_id)
        # a bare 第X条 line is that article's number, wherever else the number is printed now
        if old is None or not (old.label and old.text == old.label):
            wide = self._exact(anchor, self._gainers(anchor.quote), DOCUMENT_WINDOW, "document")
            if wide is not None and (near is None or wide[1] > near[1]):
                return wide[0]  # the same words with their very context moved elsewhere
        if near is not None:
            return near[0]
        if news and len(anchor.quote) >= MIN_FUZZY_QUOTE:
            return best_fuzzy(anchor, self._scope_flat(news))
        return None

    def _near(self, anchor: Anchor, target: Node | None, news: list[str]) -> tuple[Placement, float] | None:
        """The quote in the 款 its own became (nearest its old offset), else in the paired unit(s)."""
        if target is not None:
            own = FlatText(Document(title="", nodes=[replace(target, children=[])], id="node"))
            found = self._exact(anchor, own, NODE_WINDOW, "node", near=anchor.start)
            if found is not None:
                return found
        return self._exact(anchor, self._scope_flat(news), NODE_WINDOW, "unit") if news else None

    @staticmethod
    def _exact(anchor: Anchor, flat: FlatText, window: float, method: str,
               near: int | None = None) -> tuple[Placement, float] | None:
        """The exact quote chosen by its context, and how well its context matches."""
        if not flat.nodes:
            return None
        whole = anchor.prefix + anchor.quote + anchor.suffix
        first = flat.text.find(whole)
        if first >= 0 and flat.text.find(whole, first + 1) < 0:  # alike contexts cannot tie with it
            hit: tuple[int, float] | None = (first + len(anchor.prefix), 1.0)
        else:
            hit = best_exact(anchor, flat.text, near)
        if hit is None:
            return None
        score = window_score(anchor, flat.text, hit[0])
        located = flat.locate(hit[0], len(anchor.quote))
        if score < window or located is None:
            return None
        node, local = located
        return Placement(make_anchor(node, local, local + len(anchor.quote)), method, hit[1]), score

    def _gainers(self, quote: str) -> FlatText:
        """The new units holding the quote more often than the old units paired with them."""
        gained = [u for u, text in self.new.text.items()
                  if text.count(quote) > sum(self.old.text.get(o, "").count(quote)
                                             for o in self.sources.get(u, ()))]
        return self._scope_flat(gained)

    def _clause(self, anchor: Anchor, unit: str, news: list[str]) -> Placement | None:
        """A whole-clause note follows its clause when the clause is paired (an article to
        its successor, the part of a split article that opens alike, the merged article; a
        款 to its paired 款); else it is looked for by its opening, among unclaimed clauses."""
        target: str | None = None
        if anchor.node_id == unit and news:
            target = max(news, key=lambda u: _opening(anchor.suffix, self.new.nodes[u].full_text()))
        elif anchor.node_id in self.old.nodes:
            target = self._counterpart(anchor.node_id)
        if target is not None:
            node = self.new.nodes[target]
            return Placement(anchor_clause(node), "unit", _opening(anchor.suffix, node.full_text()))
        found = place_clause(anchor, self.flat)
        if found.anchor is None or found.anchor.node_id in self.claimed:
            return None
        return Placement(found.anchor, "document", found.score)

    def _judge(self, anchor: Anchor, unit: str, old_label: str, found: Placement) -> Followed:
        placed = found.anchor
        assert placed is not None
        node = self.new.nodes[placed.node_id]
        new_unit = self.new.owner.get(node.id, "")
        new_label = self.new.labels.get(new_unit, "")
        if anchor.quote:
            now = node.text[placed.start:placed.end]
            same = now == anchor.quote
        else:
            now = node.full_text()
            was = self.old.nodes.get(anchor.node_id)
            same = (_unnumbered(was) == _unnumbered(node) if was is not None
                    else text_hash(now) == anchor.node_hash)
        at_home = new_unit in self.partners.get(unit, []) and new_label == old_label
        outcome = "changed" if not same else "unchanged" if at_home else "moved"
        return Followed(anchor, placed, outcome, found.method, found.score, old_label, new_label, now)


def _opening(remembered: str, full: str) -> float:
    return SequenceMatcher(None, remembered, full[:len(remembered)], autojunk=False).ratio()


def _unnumbered(node: Node) -> str:
    """A clause's full text without its own number: renumbering does not change its words."""
    full = node.full_text()
    return full[len(node.label):] if node.label and full.startswith(node.label) else full
