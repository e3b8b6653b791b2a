"""Search units: the pieces of a document a search hit points at.

* the document title (``kind`` "title", no node);
* the front matter (令/印发通知 text; ``kind`` "front_matter", no node), when there is one;
* every article (条) with its paragraphs and items — legislation;
* the smallest numbered outline unit (一、/（一）/1./（1）) with the text under it — plans
  and notices;
* any other node holding text that is not inside such a unit: the heading line of a
  chapter or of an outline level that has numbered children, a preamble, an unnumbered
  paragraph, a table, an attachment without structure.

So every character of a document's text is in exactly one unit (titles and front matter
aside), and a substring scan over the units is the ground truth search is measured
against.  Annotations add one unit each (their note and tags, see :func:`annotation_unit`),
searched only when asked for (``scope`` "annotations" or "all").  A unit's text is ``Node.full_text()`` of its node (own text only for a container
whose children are units of their own).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from reader.core.annotations import Annotation
from reader.core.model import Document, Node, NodeKind

#: Nodes that are units of their own wherever they stand.
_STRUCTURAL = frozenset({
    NodeKind.PART, NodeKind.SUBPART, NodeKind.CHAPTER, NodeKind.SECTION, NodeKind.ARTICLE,
    NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.LEVEL3, NodeKind.LEVEL4, NodeKind.ATTACHMENT,
})

TITLE = "title"
FRONT_MATTER = "front_matter"
ANNOTATION = "annotation"


@dataclass(frozen=True)
class Unit:
    """One searchable unit of a document."""

    doc_id: str
    node_id: str | None  # None for the title and the front matter
    kind: str  # a NodeKind value, or "title" / "front_matter" / "annotation"
    label: str
    text: str
    ord: int  # position in the document (title 0, front matter 1, then document order)
    ann_id: str | None = None  # an annotation's unit: its id …
    version: str = ""  # … and its index version (see Annotation.index_version)


def annotation_unit(ann: Annotation) -> Unit:
    """An annotation's note and tags (``#tag`` lines) as a unit of its document, at its node."""
    return Unit(ann.doc_id, ann.node_id, ANNOTATION, ann.category, ann.searchable_text, 0,
                ann.id, ann.index_version)


def document_units(doc: Document) -> list[Unit]:
    """The units of ``doc`` in document order (see the module docstring)."""
    units = [Unit(doc.id, None, TITLE, "", doc.title, 0)]
    if doc.front_matter.strip():
        units.append(Unit(doc.id, None, FRONT_MATTER, "", doc.front_matter, 1))
    for node, text in _node_units(doc.nodes):
        if text.strip():
            units.append(Unit(doc.id, node.id, node.kind.value, node.label, text, len(units)))
    return units


def _has_structure(node: Node) -> bool:
    stack = list(node.children)
    while stack:
        n = stack.pop()
        if n.kind in _STRUCTURAL:
            return True
        stack.extend(n.children)
    return False


def _node_units(nodes: list[Node]) -> Iterator[tuple[Node, str]]:
    # iterative pre-order walk, so deep trees cannot hit the recursion limit
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node.kind == NodeKind.ARTICLE or not _has_structure(node):
            yield node, node.full_text()
            continue
        if node.text:
            yield node, node.text
        stack.extend(reversed(node.children))
