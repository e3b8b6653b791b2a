"""Where the annotations and links of the open document stand in the reading view.

The reading view typesets a document once; annotations come and go on top of it.  This
layer turns them into document positions — a span annotation covers the characters of its
quote (``Rendered.text_at`` maps a node's text to positions), a whole-clause note and a
link end mark a node's unit — and answers "what is at this position" for hover and click.
It also maps the user's selection back to a node and offsets for a new annotation.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from reader.core.annotations import Annotation, Link
from reader.ui.docinfo import DocInfo
from reader.ui.render import Rendered

NEUTRAL = "#a0a4ab"


@dataclass(frozen=True)
class Mark:
    """A span annotation at document positions [start, end)."""

    ann: Annotation
    start: int
    end: int
    color: str


@dataclass(frozen=True)
class NodeMark:
    """A whole-clause note or a link end, on a node's unit [start, end)."""

    node_id: str
    start: int
    end: int
    notes: tuple[Annotation, ...] = ()
    links: tuple[tuple[Link, str], ...] = ()  # (link, "out" | "in")


@dataclass(frozen=True)
class Selection:
    """A selection mapped to one node's text: ``node.text[start:end]``."""

    node_id: str
    start: int
    end: int
    text: str
    trimmed: bool  # the selection ran over more than this node: only its part is kept


@dataclass
class AnnotationLayer:
    marks: list[Mark] = field(default_factory=list)  # sorted by start
    nodes: dict[str, NodeMark] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    selected: str | None = None
    _starts: list[int] = field(default_factory=list)

    def color(self, category: str) -> str:
        return self.colors.get(category, NEUTRAL)

    @classmethod
    def build(cls, rendered: Rendered | None, info: DocInfo | None, doc_id: str,
              annotations: list[Annotation], links: list[Link], colors: dict[str, str],
              selected: str | None = None) -> AnnotationLayer:
        layer = cls(colors=dict(colors), selected=selected)
        if rendered is None or info is None:
            return layer
        notes: dict[str, list[Annotation]] = {}
        for ann in annotations:
            if ann.doc_id != doc_id or ann.deleted or ann.orphan:
                continue
            node = info.node(ann.node_id)
            if node is None:
                continue
            if ann.on_clause:
                notes.setdefault(ann.node_id, []).append(ann)
                continue
            where = rendered.text_range(ann.node_id, len(node.text))
            if where is None or ann.end > len(node.text):
                notes.setdefault(ann.node_id, []).append(ann)  # not shown verbatim: mark the unit
                continue
            layer.marks.append(Mark(ann, where[0] + ann.start, where[0] + ann.end,
                                    layer.color(ann.category)))
        ends: dict[str, list[tuple[Link, str]]] = {}
        for link in links:
            if link.deleted:
                continue
            for side, direction in (("src", "out"), ("dst", "in")):
                end = link.end(side)
                if end.doc_id == doc_id and not end.orphan and info.node(end.node_id) is not None:
                    ends.setdefault(end.node_id, []).append((link, direction))
        for node_id in set(notes) | set(ends):
            span = rendered.spans.get(node_id)
            if span is not None:
                layer.nodes[node_id] = NodeMark(node_id, span[0], span[1],
                                                tuple(notes.get(node_id, ())),
                                                tuple(ends.get(node_id, ())))
        layer.marks.sort(key=lambda m: (m.start, m.end))
        layer._starts = [m.start for m in layer.marks]
        return layer

    def at(self, pos: int) -> list[Mark]:
        """The span annotations covering document position ``pos`` (innermost last)."""
        hits = []
        for mark in self.marks[:bisect_right(self._starts, pos)]:
            if mark.start <= pos < mark.end:
                hits.append(mark)
        return sorted(hits, key=lambda m: -(m.end - m.start))

    def node_marks_at(self, pos: int) -> list[NodeMark]:
        return [m for m in self.nodes.values() if m.start <= pos < m.end]

    def find(self, ann_id: str) -> tuple[int, int] | None:
        """Document positions of an annotation (its span, or its clause's unit)."""
        for mark in self.marks:
            if mark.ann.id == ann_id:
                return mark.start, mark.end
        for mark in self.nodes.values():
            if any(a.id == ann_id for a in mark.notes):
                return mark.start, mark.end
        return None


def map_selection(rendered: Rendered | None, info: DocInfo | None, start: int,
                  end: int, plain: str) -> Selection | None:
    """The node whose text holds most of the selection [start, end) and the offsets there,
    whitespace at either end dropped.  ``plain`` is the selected text as the view shows
    it (a check: the node's text must say the same, spaces aside)."""
    if rendered is None or info is None or end <= start:
        return None
    best: tuple[int, str, int, int] | None = None
    for node_id, pos in rendered.text_at.items():
        node = info.node(node_id)
        if node is None or pos >= end:
            continue
        lo, hi = max(start, pos), min(end, pos + len(node.text))
        if hi > lo and (best is None or hi - lo > best[0]):
            best = (hi - lo, node_id, lo - pos, hi - pos)
    if best is None:
        return None
    _, node_id, a, b = best
    text = info.node(node_id).text  # type: ignore[union-attr]
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a >= b:
        return None
    quote = text[a:b]
    if "".join(quote.split()) not in "".join(plain.split()):
        return None  # the view shows something else here: refuse rather than guess
    trimmed = len("".join(quote.split())) < len("".join(plain.split()))
    return Selection(node_id, a, b, quote, trimmed)


__all__ = ["AnnotationLayer", "Mark", "NodeMark", "Selection", "map_selection", "NEUTRAL"]
