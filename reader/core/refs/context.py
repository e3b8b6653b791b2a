"""Where a text sits in its document: the units around it, as pins, for relative references."""
from __future__ import annotations

from reader.core.model import Node
from reader.core.refs.model import (
    ARTICLE,
    CHAPTER,
    ITEM,
    LEVEL1,
    LEVEL2,
    PARAGRAPH,
    PART,
    RANK,
    SECTION,
    SUBITEM,
    SUBPART,
    Pin,
    Pinpoint,
    pin,
)


class Ctx:
    """Where a text sits: the units around it, as pins, for relative references.

    The walk keeps the article, its chapter/section and the attachment in one mutable object
    (restored after each subtree); paragraph, item, sub-item and outline numbers are read from
    the node id (art_2__para_1__item_3, l1_3__l2_13) only when a reference asks for them."""

    __slots__ = ("_numbers", "_parsed", "article", "container", "node_id", "scope", "seen")

    def __init__(self, scope: str = "") -> None:
        self.node_id: str | None = None
        self.scope = scope
        self.article: Pin | None = None
        self.container: tuple[Pin, ...] = ()  # part / chapter / section pins, outermost first
        self.seen: tuple[list[Pin], int] = ([], 0)  # the scope's articles so far, and how many precede this one
        self._parsed: str | None = None
        self._numbers: dict[str, int] = {}

    def save(self) -> tuple:
        return (self.node_id, self.scope, self.article, self.container, self.seen)

    def restore(self, saved: tuple) -> None:
        (self.node_id, self.scope, self.article, self.container, self.seen) = saved

    @property
    def prev_articles(self) -> list[Pin]:
        """Articles before this one in its scope, nearest last."""
        seen, count = self.seen
        return seen[:count]

    def _number(self, kind: str) -> int | None:
        if self._parsed != self.node_id:
            self._parsed, self._numbers = self.node_id, {}
            for seg in (self.node_id or "").split("__"):
                head, _, rest = seg.partition("_")
                num = rest.split("_", 1)[0]
                if head in ("para", "item", "sub", "l1", "l2") and num.isdigit():
                    self._numbers[head] = int(num)
        return self._numbers.get(kind)

    @property
    def paragraph(self) -> int | None:
        return self._number("para") if self.article is not None else None

    @property
    def item(self) -> int | None:
        return self._number("item") if self.article is not None else None

    @property
    def subitem(self) -> int | None:
        return self._number("sub") if self.article is not None else None

    @property
    def outline(self) -> tuple[Pin, ...]:
        """一、 / （一） around a text of a document without articles."""
        if self.article is not None:
            return ()
        l1, l2 = self._number("l1"), self._number("l2")
        return ((Pin(LEVEL1, l1),) if l1 else ()) + ((Pin(LEVEL2, l2),) if l2 else ())



def inherit(prev: Pinpoint, pins: tuple[Pin, ...]) -> Pinpoint:
    """``pins`` completed with the larger units of ``prev`` (第五条第一款、第二款 → 第五条第二款)."""
    if not prev:
        return pins
    rank = RANK[pins[0].unit]
    return tuple(p for p in prev if RANK[p.unit] < rank) + pins


_ARTICLE_PINS: dict[int, Pin] = {}


def article_pin(node: Node) -> Pin:
    if "之" not in node.label:  # (every article of every document comes here: a plain dict is quickest)
        n = node.number or 0
        found = _ARTICLE_PINS.get(n)
        if found is None:
            found = _ARTICLE_PINS[n] = pin(ARTICLE, n)
        return found
    seg = node.id.rsplit("__", 1)[-1]
    parts = seg.split("_")
    sub = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() and "之" in node.label else 0
    return pin(ARTICLE, node.number or 0, sub)


def here(ctx: Ctx, unit: str | None) -> Pinpoint:
    """本条 / 本款 / 本项 / 本目 / 本章 / 本节 / 本编 at this position ('' if not inside one)."""
    if unit in (CHAPTER, SECTION, PART, SUBPART):
        for k, p in enumerate(ctx.container):
            if p.unit == unit:
                return ctx.container[:k + 1]
        return ()
    if ctx.article is None:
        return ()
    path: list[Pin] = [ctx.article]
    if unit == ARTICLE:
        return tuple(path)
    if ctx.paragraph is None:
        return ()
    path.append(pin(PARAGRAPH, ctx.paragraph))
    if unit == PARAGRAPH:
        return tuple(path)
    if ctx.item is None:
        return ()
    path.append(pin(ITEM, ctx.item))
    if unit == ITEM:
        return tuple(path)
    if ctx.subitem is None:
        return ()
    return tuple(path) + (pin(SUBITEM, ctx.subitem),)


def before(ctx: Ctx, unit: str | None, count: int) -> tuple[Pinpoint, Pinpoint, str]:
    """前款 / 前两款 / 前条 / 前项: (first, last of a range, note)."""
    if unit == ARTICLE:
        if ctx.article is None:
            return (), (), ""
        seen, before_this = ctx.seen  # (not ctx.prev_articles: no copy of a long list)
        if before_this < count:
            return (), (), "no article before this one"
        return (seen[before_this - count],), ((seen[before_this - 1],) if count > 1 else ()), ""
    path = here(ctx, unit)
    if not path:
        return (), (), ""
    last = path[-1]
    if last.number - count < 1:
        return (), (), f"no {unit} before this one"
    first = path[:-1] + (pin(last.unit, last.number - count),)
    end = path[:-1] + (pin(last.unit, last.number - 1),) if count > 1 else ()
    return first, end, ""
