"""Compare (对照) two versions of one document, article by article.

Units are paired by content, not by number: when an amendment inserts an article, every
later article is renumbered, and a reader (and an annotation) must see 第七十一条 → 第八十四条
"moved", not one article removed and another added.  Units are the articles of legislation;
for outline documents (一、/（一）/1.) the smallest numbered units; a 序言 is a unit too.
The 编/章/节 headings (and outline units that only group others) are paired as well, by their
title and by the units they hold.

Pure: Documents in, a Comparison out; storage and GUI build on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from rapidfuzz.distance import Indel

from reader.core.model import HEADING_KINDS, Document, Node, NodeKind
from reader.core.versions_align import Group, align, monotone, moves
from reader.core.versions_diff import Para, ParagraphDiff, paragraph_diffs

STATUSES = ("same", "changed", "moved", "added", "removed", "split", "merged")

_OUTLINE = frozenset({NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.LEVEL3, NodeKind.LEVEL4})
#: A heading pair needs this much from its title and the units it holds (each weighing half).
_HEADING_MIN = 0.5


@dataclass(frozen=True)
class Ref:
    """A unit or heading of one version, as the JSON names it."""

    node_id: str
    label: str

    def to_json(self) -> dict[str, str]:
        return {"node_id": self.node_id, "label": self.label}


@dataclass
class Pair:
    """One row of the 对照.  Split and merged groups give one Pair per part, all sharing the
    split (merged) unit's Ref and status, so each row still shows one old and one new unit.

    ``moved``: the number it is cited by changed (its text may have changed too: similarity
    < 1).  For a heading, same / changed speak of its title and the text under it outside
    its units; the similarity weighs the title and the share of its units paired alike."""

    old: Ref | None
    new: Ref | None
    status: str
    similarity: float
    paragraphs: list[ParagraphDiff] = field(default_factory=list)
    heading: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old.to_json() if self.old else None,
            "new": self.new.to_json() if self.new else None,
            "status": self.status,
            "similarity": round(self.similarity, 4),
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


@dataclass
class Comparison:
    """Pairs in reading order: the new version's order, removed units after the unit that
    preceded them in the old one."""

    old_id: str
    new_id: str
    pairs: list[Pair]

    @property
    def units(self) -> list[Pair]:
        return [p for p in self.pairs if not p.heading]

    @property
    def headings(self) -> list[Pair]:
        return [p for p in self.pairs if p.heading]

    def summary(self) -> dict[str, Any]:
        """Counts of pairs per status, for units and for headings; moved_changed counts the
        moved units whose text changed too."""
        out: dict[str, Any] = {s: sum(p.status == s for p in self.units) for s in STATUSES}
        out["moved_changed"] = sum(p.status == "moved" and p.similarity < 1.0 for p in self.units)
        out["headings"] = {s: sum(p.status == s for p in self.headings) for s in STATUSES}
        return out

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old_id, "new": self.new_id,
                "pairs": [p.to_json() for p in self.pairs], "summary": self.summary()}


@dataclass
class _Unit:
    node: Node
    label: str  # the number as cited: 第五条, 第二章第一节, 二、（一）
    paras: list[Para]
    position: int  # index among units and headings, in document order
    text: str = ""

    def __post_init__(self) -> None:
        heading = self.node.heading
        lead = [heading] if heading and not (self.paras and self.paras[0].text.startswith(heading)) else []
        self.text = "\n".join(lead + [p.text for p in self.paras])

    @property
    def ref(self) -> Ref:
        return Ref(self.node.id, self.label)


def compare(old: Document, new: Document) -> Comparison:
    """Align the units and headings of ``old`` and ``new`` and diff what changed."""
    ou, oh = _units(old)
    nu, nh = _units(new)
    groups = align([u.text for u in ou], [u.text for u in nu])
    pairs = [p for g in groups for p in _unit_pairs(g, ou, nu)]
    pairs += _heading_pairs(oh, nh, {g.olds[0]: g.news[0] for g in groups if len(g.olds) == len(g.news) == 1},
                            ou, nu)
    return Comparison(old.id, new.id, _ordered(pairs, ou + oh, nu + nh))


def _units(doc: Document) -> tuple[list[_Unit], list[_Unit]]:
    """The comparable units and the headings, each in document order.

    With articles, the articles are the units and 编/章/节 the headings.  Without, every
    numbered node (章/节, 一、/（一）/1.) that holds no other numbered node is a unit, and those
    that do are headings.  Text under a heading but outside its units (an intro before the
    （一）s) is diffed with the heading; text outside any heading is a unit of its own."""
    has_articles = any(n.kind is NodeKind.ARTICLE for n in doc.walk())
    numbered = frozenset({NodeKind.ARTICLE}) if has_articles else HEADING_KINDS | _OUTLINE
    units: list[_Unit] = []
    heads: list[_Unit] = []
    position = 0

    def visit(nodes: Iterable[Node], prefix: str, head: _Unit | None) -> None:
        nonlocal position
        for n in nodes:
            holds = any(c.kind in numbered for c in n.walk() if c is not n)
            if (n.kind in HEADING_KINDS and (has_articles or holds)) or (holds and n.kind in _OUTLINE | numbered):
                title = n.heading or _own_text(n)
                h = _Unit(n, prefix + n.label if n.label else _label(n), [Para(n.id, title)], position)
                h.text = title
                heads.append(h)
                position += 1
                visit(n.children, prefix + n.label, h)
            elif n.kind in numbered or n.kind is NodeKind.PREAMBLE or (head is None and not holds):
                # articles are numbered through the whole law; other units within their parent
                label = n.label if n.kind is NodeKind.ARTICLE else prefix + n.label
                units.append(_Unit(n, label or _label(n), _paras(n), position))
                position += 1
            elif holds:
                visit(n.children, prefix, head)
            else:
                head.paras.append(Para(n.id, n.full_text()))  # type: ignore[union-attr]

    visit(doc.nodes, "", None)
    return units, heads


def _paras(node: Node) -> list[Para]:
    """An article's 款; another unit's own text and the paragraphs under it."""
    if node.kind is NodeKind.ARTICLE:
        paras = [Para(c.id, c.full_text()) for c in node.children if c.kind is NodeKind.PARAGRAPH]
        if paras:
            return paras
    own = _own_text(node)
    return ([Para(node.id, own)] if own else []) + [Para(c.id, c.full_text()) for c in node.children]


def _own_text(node: Node) -> str:
    """The node's text without its number (第X条, 一、, （一）)."""
    text = node.text
    if node.label and text.startswith(node.label):
        text = text[len(node.label):]
    return text.strip()


def _label(node: Node) -> str:
    if node.kind is NodeKind.PREAMBLE:
        return node.label or "序言"
    return node.label or node.heading or node.id


def _unit_pairs(g: Group, ou: list[_Unit], nu: list[_Unit]) -> list[Pair]:
    olds, news = [ou[i] for i in g.olds], [nu[j] for j in g.news]
    if not news:
        return [Pair(olds[0].ref, None, "removed", 0.0, [ParagraphDiff(p.node_id, None, [("delete", p.text)])
                                                       for p in olds[0].paras])]
    if not olds:
        return [Pair(None, news[0].ref, "added", 0.0, [ParagraphDiff(None, p.node_id, [("insert", p.text)])
                                                     for p in news[0].paras])]
    diffs = paragraph_diffs([p for u in olds for p in u.paras], [p for u in news for p in u.paras])
    if len(olds) == len(news) == 1:
        o, n = olds[0], news[0]
        return [Pair(o.ref, n.ref, _status(o, n), g.similarity, diffs)]
    status = "split" if len(news) > 1 else "merged"
    parts = news if status == "split" else olds
    owner = _owners(diffs, [{p.node_id for p in u.paras} for u in parts], new_side=status == "split")
    return [Pair(olds[0].ref if status == "split" else u.ref, u.ref if status == "split" else news[0].ref,
                 status, g.similarity, [d for d, k in zip(diffs, owner) if k == idx])
            for idx, u in enumerate(parts)]


def _owners(diffs: list[ParagraphDiff], parts: list[set[str]], new_side: bool) -> list[int]:
    """Which part each 款 diff belongs to; a 款 only on the other side stays with the part before."""
    owner, last = [], 0
    for d in diffs:
        key = d.new if new_side else d.old
        if key is not None:
            last = next((k for k, ids in enumerate(parts) if key in ids), last)
        owner.append(last)
    return owner


def _status(o: _Unit, n: _Unit) -> str:
    if o.label != n.label:
        return "moved"
    return "same" if o.text == n.text and [p.text for p in o.paras] == [p.text for p in n.paras] else "changed"


def _heading_pairs(oh: list[_Unit], nh: list[_Unit], unit_map: dict[int, int],
                   ou: list[_Unit], nu: list[_Unit]) -> list[Pair]:
    """Headings paired by title and by the units under them, order first, then moves."""
    members_old = [_members(h, ou) for h in oh]
    members_new = [_members(h, nu) for h in nh]
    sim: list[dict[int, float]] = []
    for a, ma in zip(oh, members_old):
        mapped = {unit_map[i] for i in ma if i in unit_map}
        row = {}
        for j, (b, mb) in enumerate(zip(nh, members_new)):
            if a.node.kind is not b.node.kind:
                continue
            union = len(ma | mb) or 1
            overlap = len(mapped & mb) / union if ma or mb else 1.0
            row[j] = 0.5 * Indel.normalized_similarity(a.text, b.text) + 0.5 * overlap
        sim.append(row)
    pairs = monotone(sim, len(nh), floor=_HEADING_MIN)
    free_old = set(range(len(oh))) - {i for i, _ in pairs}
    free_new = set(range(len(nh))) - {j for _, j in pairs}
    pairs += moves(sim, free_old, free_new, floor=_HEADING_MIN)
    out = [Pair(oh[i].ref, nh[j].ref, _status(oh[i], nh[j]), sim[i][j], _title_diff(oh[i], nh[j]), True)
           for i, j in pairs]
    out += [Pair(oh[i].ref, None, "removed", 0.0, _title_diff(oh[i], None), True) for i in sorted(free_old)]
    out += [Pair(None, nh[j].ref, "added", 0.0, _title_diff(None, nh[j]), True) for j in sorted(free_new)]
    return out


def _members(h: _Unit, units: list[_Unit]) -> set[int]:
    ids = {n.id for n in h.node.walk()}
    return {k for k, u in enumerate(units) if u.node.id in ids}


def _title_diff(a: _Unit | None, b: _Unit | None) -> list[ParagraphDiff]:
    """The title and any text under the heading outside its units."""
    return paragraph_diffs(a.paras if a else [], b.paras if b else [])


def _ordered(pairs: list[Pair], old: list[_Unit], new: list[_Unit]) -> list[Pair]:
    """New-version order; a pair with no new side goes after the pair of its old predecessor."""
    old_pos = {u.node.id: u.position for u in old}
    new_pos = {u.node.id: u.position for u in new}
    # for each old position, the new position of the nearest paired old item at or before it
    paired_at: dict[int, int] = {}
    for p in pairs:
        if p.old and p.new:
            paired_at[old_pos[p.old.node_id]] = max(paired_at.get(old_pos[p.old.node_id], -1),
                                                    new_pos[p.new.node_id])
    anchor, last = {}, -1
    for pos in range(len(old)):
        last = max(last, paired_at.get(pos, -1))
        anchor[pos] = last

    def key(p: Pair) -> tuple[float, int, int]:
        if p.new:
            return (new_pos[p.new.node_id], 0, old_pos[p.old.node_id] if p.old else -1)
        return (anchor[old_pos[p.old.node_id]] + 0.5, 1, old_pos[p.old.node_id])

    return sorted(pairs, key=key)
