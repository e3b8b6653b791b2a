"""What the reading window needs to know about a Document's tree: parents, the unit a node
belongs to, the first words of a unit and its citation (《title》第十七条第二款).

Pure Python (no Qt), so it is unit-tested without a display.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from reader.core.model import HEADING_KINDS, Document, Node, NodeKind
from reader.core.numerals import int_to_cn

#: Kinds shown as rows of the article tree (paragraphs, items and plain text are not).
TREE_KINDS = frozenset({
    NodeKind.PART, NodeKind.SUBPART, NodeKind.CHAPTER, NodeKind.SECTION, NodeKind.ARTICLE,
    NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.ATTACHMENT, NodeKind.PREAMBLE,
})
#: Outline kinds whose labels make up a citation in documents without articles.
_OUTLINE_KINDS = (NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.LEVEL3, NodeKind.LEVEL4)
_ARTICLE_LABEL = re.compile(r"^第(.+?)条(?:之(.+))?$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Location:
    """A place to return to: a document and the unit at the top of the view."""

    doc_id: str
    node_id: str | None = None


class DocInfo:
    """Indexes one Document: node by id, parent of each node, and citations."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_id: dict[str, Node] = {}
        self.parent: dict[str, Node | None] = {}
        stack: list[tuple[Node, Node | None]] = [(n, None) for n in reversed(doc.nodes)]
        while stack:
            node, parent = stack.pop()
            self.by_id[node.id] = node
            self.parent[node.id] = parent
            stack.extend((c, node) for c in reversed(node.children))

    def node(self, node_id: str) -> Node | None:
        return self.by_id.get(node_id)

    def path(self, node_id: str) -> list[Node]:
        """The node and its ancestors, outermost first ([] for an unknown id)."""
        node = self.by_id.get(node_id)
        out: list[Node] = []
        while node is not None:
            out.append(node)
            node = self.parent.get(node.id)
        return out[::-1]

    def tree_node(self, node_id: str) -> Node | None:
        """The innermost unit on the node's path that the article tree shows."""
        for node in reversed(self.path(node_id)):
            if node.kind in TREE_KINDS:
                return node
        return None

    def article(self, node_id: str) -> Node | None:
        """The article (条) the node is in, or — outside legislation — its outline unit."""
        path = self.path(node_id)
        for node in path:
            if node.kind is NodeKind.ARTICLE:
                return node
        for node in reversed(path):
            if node.kind in TREE_KINDS and node.kind not in HEADING_KINDS:
                return node
        return path[-1] if path else None

    # -- citations -------------------------------------------------------------------------

    def cite_label(self, node_id: str) -> str:
        """第十七条第二款第三项 / 第三章第一节 / 三（二）: the unit's place in the document."""
        path = self.path(node_id)
        article = next((n for n in path if n.kind is NodeKind.ARTICLE), None)
        if article is not None:
            parts = [article.label or f"第{int_to_cn(article.number or 0)}条"]
            paragraphs = [c for c in article.children if c.kind is NodeKind.PARAGRAPH]
            for node in path[path.index(article) + 1:]:
                if node.kind is NodeKind.PARAGRAPH and len(paragraphs) > 1:
                    parts.append(f"第{int_to_cn(paragraphs.index(node) + 1)}款")
                elif node.kind is NodeKind.ITEM and node.number:
                    parts.append(f"第{int_to_cn(node.number)}项")
                elif node.kind is NodeKind.SUBITEM and node.number:
                    parts.append(f"第{int_to_cn(node.number)}目")
            return "".join(parts)
        parts = []
        for node in path:
            if node.kind in HEADING_KINDS or node.kind is NodeKind.ATTACHMENT:
                parts.append(node.label or node.heading)
            elif node.kind in _OUTLINE_KINDS and node.label:
                parts.append(node.label.rstrip("、.．"))
        return "".join(p for p in parts if p)

    def citation(self, start_id: str | None, end_id: str | None = None) -> str:
        """《title》and the place of a unit, or of a range of units (第十七条至第十九条)."""
        title = f"《{self.doc.title}》"
        if not start_id:
            return title
        first = self.cite_label(start_id)
        if end_id and end_id != start_id:
            a, b = self.article(start_id), self.article(end_id)
            if a is not None and b is not None and a is not b:
                first_unit, last_unit = self.cite_label(a.id), self.cite_label(b.id)
                if first_unit and last_unit:
                    return f"{title}{first_unit}至{last_unit}"
            elif a is not None and a is b and self.cite_label(end_id) != first:
                return f"{title}{self.cite_label(a.id)}"
        return title + first

    # -- text -----------------------------------------------------------------------------

    def first_words(self, node: Node, limit: int = 24) -> str:
        """The heading of a unit, else the first words of its text without its label."""
        if node.heading:
            return node.heading
        for n in node.walk():
            text = n.text
            if n is node and node.kind in HEADING_KINDS:
                continue
            if n.label and text.startswith(n.label):
                text = text[len(n.label):]
            text = _SPACE.sub(" ", text).strip()
            if text:
                return text if len(text) <= limit else text[:limit] + "…"
        return ""

    def display_text(self, node: Node) -> str:
        """A unit's full text as the reading view shows it (第十七条　text…, or with its
        caption: 第一条【立法宗旨】　text…)."""
        captioned = bool(node.heading) and node.text.startswith(node.label)
        if node.kind is NodeKind.ARTICLE and (node.text == node.label or captioned) and node.children:
            body = node.children[0].full_text()
            rest = [c.full_text() for c in node.children[1:]]
            return "\n".join([f"{node.text}\u3000{body}", *[r for r in rest if r]])
        return node.full_text()


def article_key(label: str) -> tuple[int, int] | None:
    """第十七条 → (17, 0), 第十七条之一 → (17, 1); None for other labels."""
    from reader.core.numerals import cn_to_int

    m = _ARTICLE_LABEL.match(label or "")
    if not m:
        return None
    number = cn_to_int(m.group(1))
    if number is None:
        return None
    sub = cn_to_int(m.group(2)) if m.group(2) else 0
    return number, sub or 0


def fold(text: str) -> str:
    """Full-/half-width and case folding that keeps every character in its place (so a
    position in the folded text is a position in the original)."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch.lower())
            continue
        n = unicodedata.normalize("NFKC", ch)
        out.append(n.lower() if len(n) == 1 else ch)
    return "".join(out)


def literal_rich_text(text: str) -> str:
    """Rich text that shows ``text`` as is.  For places where Qt guesses the format (tooltips,
    message box details): a title like ``<img src=…>`` would otherwise be rendered."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""
