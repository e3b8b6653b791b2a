"""Go to article (Ctrl+G): what the user typed → the node it names.

Accepted: ``43``, ``43条``, ``第43条``, ``第四十三条``, ``第十七条之一``, ``第十七条第二款``,
``第十七条第二款第三项`` (also ``第（三）项``), ``17.2`` / ``17-2-3`` (article.paragraph.item),
``第三章`` / ``第二节`` / ``第一编``; in a document without articles a bare number or ``三、``
names the outline heading 三、.  Pure functions, no Qt.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.core.model import Document, Node, NodeKind
from reader.core.numerals import CN_NUMERAL_CHARS, cn_to_int
from reader.ui.docinfo import article_key

_N = rf"[0-9{CN_NUMERAL_CHARS}]+"
_UNIT = re.compile(rf"^第?(?P<n>{_N})(?P<unit>编|章|节)$")
_ARTICLE = re.compile(
    rf"^第?(?P<art>{_N})(?:条(?:之(?P<sub>{_N}))?)?"
    rf"(?:第?(?P<para>{_N})款)?"
    rf"(?:第?[（(]?(?P<item>{_N})[）)]?项)?"
    rf"(?:第?(?P<subitem>{_N})目)?$"
)
_DOTTED = re.compile(r"^(\d+)(?:[.\-/](\d+))?(?:[.\-/](\d+))?$")
_OUTLINE = re.compile(rf"^(?P<n>{_N})[、.]?$")
_UNIT_KINDS = {"编": NodeKind.PART, "章": NodeKind.CHAPTER, "节": NodeKind.SECTION}


@dataclass(frozen=True)
class GotoTarget:
    """A parsed go-to request: an article (with 款/项/目) or a 编/章/节 by number."""

    number: int
    unit: str = "条"  # 条, 编, 章 or 节
    sub: int = 0  # 之一 → 1
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None
    bare: bool = False  # only a number was typed (an outline heading in plain documents)


def _num(text: str | None) -> int | None:
    return cn_to_int(text) if text else None


def parse_goto(text: str) -> GotoTarget | None:
    """Parse a go-to request; None when the text names no unit."""
    s = unicodedata.normalize("NFKC", text or "")
    s = re.sub(r"\s+", "", s).replace("（", "(").replace("）", ")")
    if not s:
        return None
    m = _UNIT.match(s)
    if m:
        n = _num(m.group("n"))
        return GotoTarget(n, unit=m.group("unit")) if n else None
    m = _DOTTED.match(s)
    if m:
        art, para, item = (int(g) if g else None for g in m.groups())
        if not art:
            return None
        return GotoTarget(art, paragraph=para, item=item, bare=para is None)
    m = _ARTICLE.match(s)
    if m:
        art = _num(m.group("art"))
        if not art:
            return None
        bare = s.lstrip("第") == m.group("art")
        return GotoTarget(
            art, sub=_num(m.group("sub")) or 0, paragraph=_num(m.group("para")),
            item=_num(m.group("item")), subitem=_num(m.group("subitem")), bare=bare,
        )
    m = _OUTLINE.match(s)
    if m and _num(m.group("n")):
        return GotoTarget(_num(m.group("n")) or 0, bare=True)
    return None


def resolve_goto(doc: Document, target: GotoTarget | str) -> str | None:
    """The id of the node a go-to request names in ``doc``, or None if there is none."""
    if isinstance(target, str):
        parsed = parse_goto(target)
        if parsed is None:
            return None
        target = parsed
    if target.unit != "条":
        kind = _UNIT_KINDS[target.unit]
        node = next((n for n in doc.walk() if n.kind is kind and n.number == target.number), None)
        return node.id if node else None
    article = next((n for n in doc.walk() if n.kind is NodeKind.ARTICLE
                    and article_key(n.label) == (target.number, target.sub)), None)
    if article is None:
        if target.bare:  # a plan or notice: 三 → the outline heading 三、
            node = next((n for n in doc.walk() if n.kind is NodeKind.LEVEL1
                         and n.number == target.number), None)
            return node.id if node else None
        return None
    node: Node | None = article
    paragraphs = [c for c in article.children if c.kind is NodeKind.PARAGRAPH]
    if target.paragraph is not None:
        if not 1 <= target.paragraph <= len(paragraphs):
            return None
        node = paragraphs[target.paragraph - 1]
    if target.item is not None:
        scope = [node] if target.paragraph is not None else paragraphs or [article]
        node = next((c for p in scope for c in p.children
                     if c.kind is NodeKind.ITEM and c.number == target.item), None)
        if node is None:
            return None
        if target.subitem is not None:
            node = next((c for c in node.children
                         if c.kind is NodeKind.SUBITEM and c.number == target.subitem), None)
    return node.id if node else None
