"""A document's numbered units, read from its node ids alone, for turning pinpoints into ids.

Node ids spell their numbering path (art_17, art_17_1 for 第十七条之一, art_17__para_2__item_3,
att_1__art_3, ch_2, part_1__ch_2, ch_1__sec_2, l1_2__l2_3, att_1), so a pinpoint names the
id it leads to and the lookup is a set membership test; the store can hand over a list of
ids without building Documents.  A document without articles (a notice, a plan) is cited
the same way by its outline: 本通知第一条 is its 一、, 第（三）项 its （三）.
"""
from __future__ import annotations

from collections.abc import Iterable

from reader.core.model import Document, Node
from reader.core.refs.model import (
    ARTICLE,
    ATTACHMENT,
    CHAPTER,
    ITEM,
    LEVEL1,
    LEVEL2,
    PARAGRAPH,
    PART,
    SECTION,
    SUBITEM,
    SUBPART,
    Pin,
)


class Outline:
    """Membership of ids plus the few orderings a range needs, built lazily."""

    @classmethod
    def of(cls, doc: Document) -> Outline:
        """The outline of a parsed document (ids in document order)."""
        return cls(node_ids(doc))

    def __init__(self, ids: Iterable[str]) -> None:
        self.order = list(ids)
        self.ids = set(self.order)
        self._has_articles: bool | None = None
        self._inserts: bool | None = None
        self._articles: dict[str, list[str]] | None = None
        self._chapters: dict[int, list[tuple[str, int | None]]] | None = None

    # ---- lazily built --------------------------------------------------------------------

    def has_articles(self) -> bool:
        if self._has_articles is None:
            self._has_articles = "art_1" in self.ids or bool(self._article_order())
        return self._has_articles

    def inserts_articles(self) -> bool:
        """Whether the document has 第X条之一 articles: amended by insertion, numbers kept."""
        if self._inserts is None:
            self._inserts = any(_last(i).count("_") == 2 for i in self._article_order().get("", []))
        return self._inserts

    def _article_order(self) -> dict[str, list[str]]:
        if self._articles is None:
            self._articles = {}
            for i in self.order:  # art_3, or att_1__art_3 (not art_3__para_1)
                if i.startswith("art_"):
                    if "__" not in i:
                        self._articles.setdefault("", []).append(i)
                elif i.startswith("att_"):
                    head, _, last = i.rpartition("__")
                    if last.startswith("art_") and "__" not in head:
                        self._articles.setdefault(head, []).append(i)
        return self._articles

    def _chapter_table(self) -> dict[int, list[tuple[str, int | None]]]:
        if self._chapters is None:
            self._chapters = {}
            for i in self.order:
                if "ch_" not in i:
                    continue
                segs = i.split("__")
                if segs[-1].startswith("ch_") and segs[-1][3:].isdigit():
                    part = next((int(s[5:]) for s in segs[:-1] if s.startswith("part_") and s[5:].isdigit()), None)
                    self._chapters.setdefault(int(segs[-1][3:]), []).append((i, part))
        return self._chapters

    # ---- lookups -------------------------------------------------------------------------

    def article(self, pin: Pin, scope: str = "") -> str | None:
        seg = f"art_{pin.number}_{pin.sub}" if pin.sub else f"art_{pin.number}"
        if scope and f"{scope}__{seg}" in self.ids:
            return f"{scope}__{seg}"
        if seg in self.ids:
            return seg
        for s in self._article_order():
            if s and s != scope and f"{s}__{seg}" in self.ids:
                return f"{s}__{seg}"
        if not pin.sub and not self.has_articles():  # a notice: 本通知第一条 is its 一、
            for s in (scope, "") if scope else ("",):
                candidate = f"{s}__l1_{pin.number}" if s else f"l1_{pin.number}"
                if candidate in self.ids:
                    return candidate
        return None

    def child(self, parent: str, kind: str, number: int) -> str | None:
        candidate = f"{parent}__{kind}_{number}"
        return candidate if candidate in self.ids else None

    def item(self, article_id: str, number: int, hint: str = "") -> str | None:
        """An item of an article whose paragraph was not named (第五条第（九）项, bare 第一项):
        the paragraph the reference sits in, else the nearest one before it, else the first
        paragraph that has such an item."""
        if _last(article_id).startswith("l1_"):
            return self.child(article_id, "l2", number)
        paras: list[str] = []
        k = 1
        while f"{article_id}__para_{k}" in self.ids:
            paras.append(f"{article_id}__para_{k}")
            k += 1
        with_item = [p for p in paras if f"{p}__item_{number}" in self.ids]
        if not with_item:
            return None
        here = _paragraph_of(hint, article_id)
        if here in paras:
            before = [p for p in with_item if paras.index(p) <= paras.index(here)]
            if before:
                return f"{before[-1]}__item_{number}"
        return f"{with_item[0]}__item_{number}"

    def chapter(self, number: int, part: int | None) -> str | None:
        found = self._chapter_table().get(number, [])
        if part is not None:
            found = [f for f in found if f[1] == part] or found
        return found[0][0] if len(found) == 1 or (found and part is not None) else None

    def range_ids(self, first: str, last: str) -> list[str]:
        """Every unit from ``first`` to ``last`` when they are siblings, in document order."""
        if first == last:
            return [first]
        parent_a, _, seg_a = first.rpartition("__")
        parent_b, _, seg_b = last.rpartition("__")
        if seg_a.startswith("art_") and seg_b.startswith("art_"):
            order = self._article_order().get(parent_a if parent_a.startswith("att_") else "", [])
            if first in order and last in order:
                a, b = order.index(first), order.index(last)
                if a <= b:
                    return order[a:b + 1]
            return [first, last]
        kind_a, _, num_a = seg_a.rpartition("_")
        kind_b, _, num_b = seg_b.rpartition("_")
        if parent_a == parent_b and kind_a == kind_b and num_a.isdigit() and num_b.isdigit() \
                and int(num_a) <= int(num_b):
            prefix = f"{parent_a}__{kind_a}_" if parent_a else f"{kind_a}_"
            return [f"{prefix}{n}" for n in range(int(num_a), int(num_b) + 1) if f"{prefix}{n}" in self.ids]
        return [first, last]

    def locate(self, pins: tuple[Pin, ...], scope: str = "", hint: str = "") -> tuple[str | None, str | None, Pin | None]:
        """(node id, deepest unit that exists, the first unit missing) for a pinpoint path;
        ``missing_note`` words the failure (only when it is shown: building it costs more
        than the lookup)."""
        node: str | None = None
        part_number: int | None = None
        for pin in pins:
            unit, n = pin.unit, pin.number
            found: str | None = None
            if unit == ARTICLE:  # (the commonest first)
                found = self.article(pin, scope)
            elif unit == PARAGRAPH:
                found = self.child(node, "para", n) if node is not None else None
            elif unit == ATTACHMENT:
                found = f"att_{n}" if f"att_{n}" in self.ids else None
            elif unit == PART:
                part_number = n
                found = f"part_{n}" if f"part_{n}" in self.ids else None
            elif unit == SUBPART:
                found = self.child(node, "subpart", n) if node else (f"subpart_{n}" if f"subpart_{n}" in self.ids else None)
            elif unit == CHAPTER:
                found = self.child(node, "ch", n) if node else self.chapter(n, part_number)
            elif unit == SECTION:
                if node:
                    found = self.child(node, "sec", n)
                else:
                    secs = [i for i in self.order if _last(i) == f"sec_{n}"]
                    found = secs[0] if len(secs) == 1 else None
            elif unit == LEVEL1:
                found = f"{scope}__l1_{n}" if scope else f"l1_{n}"
                found = found if found in self.ids else None
            elif unit == LEVEL2:
                found = self.child(node, "l2", n) if node else (f"l2_{n}" if f"l2_{n}" in self.ids else None)
            elif node is None:
                found = None
            elif unit == ITEM:
                found = self.child(node, "item", n) if _last(node).startswith("para_") else self.item(node, n, hint)
            elif unit == SUBITEM:
                found = self.child(node, "sub", n) or self.child(node, "l3", n)
            if found is None:
                return None, node, pin
            node = found
        return node, node, None


def node_ids(doc: Document) -> list[str]:
    """The ids of a document's nodes in document order."""
    ids: list[str] = []
    _in_order(doc.nodes, ids)
    return ids


def _in_order(nodes: list[Node], out: list[str]) -> None:
    """Append the ids of ``nodes`` and their descendants to ``out`` in document order (a loop
    per list of siblings: cheaper than a stack of every node; documents are a few levels deep)."""
    for node in nodes:
        out.append(node.id)
        if node.children:
            _in_order(node.children, out)


def _last(node_id: str) -> str:
    return node_id.rpartition("__")[2]


def _paragraph_of(node_id: str, article_id: str) -> str:
    """'art_13__para_4__item_2' in art_13 → 'art_13__para_4' ('' when elsewhere)."""
    if not node_id.startswith(article_id + "__para_"):
        return ""
    rest = node_id[len(article_id) + 2:]
    return f"{article_id}__{rest.split('__', 1)[0]}"


def missing_note(pin: Pin, within: str | None) -> str:
    """What ``Outline.locate`` could not find, in words: 'target has no 第十条 in ch_2'."""
    return f"target has no {pin.label()}" + (f" in {within}" if within else "")

