"""What goes where in an export, decided before anything is written.

For each document: the parent of every node, the unit each node belongs to (an article
for legislation, the smallest numbered outline unit otherwise — the units search uses),
which nodes are written (all, or in annotated-only scope the units holding an annotation
or a link end plus the headings above them), the annotations placed at their offsets
(or listed as orphans), the references per node, and a bookmark for every article,
heading, unit and reference/link target that is written — so that a reference can be
told, before its words are written, whether its target is in the brief.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.model import HEADING_KINDS, Document, Node, NodeKind
from reader.core.numerals import int_to_cn
from reader.export import ooxml
from reader.export.model import BriefAnnotation, BriefDocument, BriefLink, BriefRef, Scope

#: Nodes that are units of their own wherever they stand (see index/units.py).
STRUCTURAL = frozenset({
    NodeKind.PART, NodeKind.SUBPART, NodeKind.CHAPTER, NodeKind.SECTION, NodeKind.ARTICLE,
    NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.LEVEL3, NodeKind.LEVEL4, NodeKind.ATTACHMENT,
})
OUTLINE = (NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.LEVEL3, NodeKind.LEVEL4)
#: An outline node whose own text is at most this long and that has children is a heading line.
HEADING_MAX = 40


@dataclass
class Placed:
    """An annotation at its place: offsets checked against the node text."""

    ann: BriefAnnotation
    node_id: str
    start: int
    end: int
    whole: bool  # a note on the whole clause (or a span that could not be placed exactly)
    highlight: str  # Word highlight colour name
    order: int  # position in document order, for the review paragraphs


@dataclass
class DocPlan:
    doc: Document
    parent: dict[str, Node | None] = field(default_factory=dict)
    by_id: dict[str, Node] = field(default_factory=dict)
    unit_of: dict[str, Node] = field(default_factory=dict)  # node id → its unit (absent: above units)
    written: set[str] | None = None  # None: every node
    placed: dict[str, list[Placed]] = field(default_factory=dict)  # node id → annotations
    orphans: list[BriefAnnotation] = field(default_factory=list)
    refs: dict[str, list[BriefRef]] = field(default_factory=dict)
    bookmarks: dict[str, str] = field(default_factory=dict)  # node id ("" = the document) → name
    warnings: list[str] = field(default_factory=list)

    def is_written(self, node_id: str) -> bool:
        return node_id in self.by_id and (self.written is None or node_id in self.written)

    def path(self, node_id: str) -> list[Node]:
        out: list[Node] = []
        node = self.by_id.get(node_id)
        while node is not None:
            out.append(node)
            node = self.parent.get(node.id)
        return out[::-1]

    def owner(self, node_id: str) -> str:
        """The node under which this node's notes are reported: its unit, else itself."""
        unit = self.unit_of.get(node_id)
        return unit.id if unit is not None else node_id

    def place(self, node_id: str) -> str:
        """第十七条第二款第三项 / 第三章第一节 / 三（二）: where a node is in its document."""
        path = self.path(node_id)
        article = next((i for i, n in enumerate(path) if n.kind is NodeKind.ARTICLE), None)
        if article is None:
            bits = [n.label or n.heading for n in path if n.kind in HEADING_KINDS or n.kind is NodeKind.ATTACHMENT]
            bits += [n.label.rstrip("、.．") for n in path if n.kind in OUTLINE and n.label]
            return "".join(b for b in bits if b)
        art = path[article]
        out = art.label or f"第{int_to_cn(art.number or 0)}条"
        paras = [c for c in art.children if c.kind is NodeKind.PARAGRAPH]
        for n in path[article + 1:]:
            if n.kind is NodeKind.PARAGRAPH and len(paras) > 1:
                out += f"第{int_to_cn(paras.index(n) + 1)}款"
            elif n.kind in (NodeKind.ITEM, NodeKind.SUBITEM) and n.number:
                out += f"第{int_to_cn(n.number)}{'项' if n.kind is NodeKind.ITEM else '目'}"
        return out

    def citation(self, node_id: str | None) -> str:
        """《title》第十七条第二款 (just 《title》 for the document itself)."""
        where = self.place(node_id) if node_id and node_id in self.by_id else ""
        return f"《{self.doc.title}》{where}"


def is_heading(node: Node) -> bool:
    """Whether a node is written as a Word heading (and so listed in the contents)."""
    if node.kind in HEADING_KINDS or node.kind is NodeKind.ATTACHMENT:
        return len(node.text) <= 2 * HEADING_MAX
    return node.kind in OUTLINE and bool(node.children) and len(node.text.strip()) <= HEADING_MAX


def plan_document(bdoc: BriefDocument, scope: Scope, include_resolved: bool,
                  links: list[BriefLink], targets: set[tuple[str, str]], order_base: int = 0) -> DocPlan:
    doc = bdoc.document
    plan = DocPlan(doc)
    # ids (in document order) and parents
    plan.parent = dict.fromkeys((n.id for n in doc.nodes), None)
    for node in doc.walk():
        plan.by_id[node.id] = node
        plan.parent.update((c.id, node) for c in node.children)
    # which nodes hold numbered structure below them (children before parents) …
    structured: set[str] = set()
    for node in reversed(plan.by_id.values()):
        if any(c.kind in STRUCTURAL or c.id in structured for c in node.children):
            structured.add(node.id)
    # … so a unit is an article, or the topmost node without structure below it
    for nid, node in plan.by_id.items():
        parent = plan.parent[nid]
        unit = plan.unit_of.get(parent.id) if parent is not None else None
        if unit is None and (node.kind is NodeKind.ARTICLE or nid not in structured):
            unit = node
        if unit is not None:
            plan.unit_of[nid] = unit
    order = {nid: i for i, nid in enumerate(plan.by_id)}

    for ann in bdoc.annotations:
        if ann.resolved and not include_resolved:
            continue
        node = None if ann.orphan else plan.by_id.get(ann.node_id or "")
        if node is None:
            plan.orphans.append(ann)
            continue
        placed = _place(ann, node, plan.warnings)
        placed.order = order_base + order[node.id] * 1_000_000 + placed.start
        plan.placed.setdefault(node.id, []).append(placed)
    for spans in plan.placed.values():
        spans.sort(key=lambda p: (p.start, -p.end))

    for ref in bdoc.refs:
        if ref.node_id and ref.node_id in plan.by_id:
            plan.refs.setdefault(ref.node_id, []).append(ref)

    if scope is Scope.ANNOTATED:
        chosen = set(plan.placed)
        for link in links:
            for end in (link.src, link.dst):
                if end.doc_id == doc.id and end.node_id in plan.by_id:
                    chosen.add(end.node_id)
        plan.written = _written(plan, chosen)

    # bookmarks: the document, every article / heading / unit written, every target written
    plan.bookmarks[""] = ooxml.bookmark_name(doc.id)
    for nid, node in plan.by_id.items():
        if not plan.is_written(nid):
            continue
        if (node.kind is NodeKind.ARTICLE or is_heading(node) or plan.unit_of.get(nid) is node
                or (doc.id, nid) in targets):
            plan.bookmarks[nid] = ooxml.bookmark_name(doc.id, nid)
    return plan


def _written(plan: DocPlan, chosen: set[str]) -> set[str]:
    """The chosen nodes' whole units, and every ancestor (the headings that give context)."""
    written: set[str] = set()
    for nid in chosen:
        unit = plan.unit_of.get(nid)
        if unit is not None:
            top = unit
            written.update(n.id for n in unit.walk())
        else:  # a heading above the units: the heading line itself
            top = plan.by_id[nid]
            written.add(top.id)
        parent = plan.parent.get(top.id)
        while parent is not None and parent.id not in written:
            written.add(parent.id)
            parent = plan.parent.get(parent.id)
    return written


def _place(ann: BriefAnnotation, node: Node, warnings: list[str]) -> Placed:
    text = node.text
    colour = ooxml.nearest_highlight(ann.colour)
    if ann.whole_node:
        return Placed(ann, node.id, 0, len(text), True, colour, 0)
    start, end = ann.start, ann.end
    if 0 <= start < end <= len(text) and (not ann.quote or text[start:end] == ann.quote):
        return Placed(ann, node.id, start, end, False, colour, 0)
    if ann.quote:
        hits = []
        i = text.find(ann.quote)
        while i >= 0:
            hits.append(i)
            i = text.find(ann.quote, i + 1)
        if hits:
            best = min(hits, key=lambda h: abs(h - start))
            warnings.append(f"批注 {ann.id}：位置与摘录不符，已按摘录重新定位")
            return Placed(ann, node.id, best, best + len(ann.quote), False, colour, 0)
    if 0 <= start < end <= len(text):
        warnings.append(f"批注 {ann.id}：摘录与原文不符，按记录的位置导出")
        return Placed(ann, node.id, start, end, False, colour, 0)
    warnings.append(f"批注 {ann.id}：位置超出条文，作为整条批注导出")
    return Placed(ann, node.id, 0, len(text), True, colour, 0)
