"""Paragraphs → Node tree, after the numbering grammar of Chinese legislation and outlines.

Legislation (立法技术规范): 编 > 分编 > 章 > 节 > 条 > 款 > 项 > 目; articles are numbered
through the whole document, paragraphs (款) are unnumbered and always explicit.
Outlines (GB/T 9704): 一、 > （一） > 1. > （1）, under optional 章/节; technical plans
number decimally, 1 > 1.1 > 1.1.1 > 1.1.1.1.  A mark is taken as structure only when its
form, its position and its number agree; what the builder doubts it keeps as text and
reports in the warnings.  Table rows (cells joined by tabs) are kept together as tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reader.core import markers as mk
from reader.core.markers import Marker, opening_marker
from reader.core.model import Node, NodeKind
from reader.core.normalize import Footnote, Para
from reader.core.numerals import cn_to_int
from reader.core.tablerows import is_row
from reader.core.textrepair import FOOTNOTE_MARKS

_RANK = {
    NodeKind.PART: 1, NodeKind.SUBPART: 2, NodeKind.CHAPTER: 3, NodeKind.SECTION: 4,
    NodeKind.ARTICLE: 5, NodeKind.PARAGRAPH: 6, NodeKind.ITEM: 7, NodeKind.SUBITEM: 8,
    NodeKind.LEVEL1: 5, NodeKind.LEVEL2: 6, NodeKind.LEVEL3: 7, NodeKind.LEVEL4: 8,
}
_HEADING_KIND = {mk.PART: NodeKind.PART, mk.SUBPART: NodeKind.SUBPART, mk.CHAPTER: NodeKind.CHAPTER,
                 mk.SECTION: NodeKind.SECTION}
_OUTLINE_KIND = {mk.CN_COMMA: NodeKind.LEVEL1, mk.CN_PAREN: NodeKind.LEVEL2, mk.NUM_DOT: NodeKind.LEVEL3,
                 mk.NUM_PAREN: NodeKind.LEVEL4}
_DECIMAL_KIND = {1: NodeKind.LEVEL1, 2: NodeKind.LEVEL2, 3: NodeKind.LEVEL3, 4: NodeKind.LEVEL4}
#: In a decimal outline, 一、/（一）/1./（1） are lists (items) inside the deepest decimal unit.
_BELOW_DECIMAL = 4
_ID_PREFIX = {
    NodeKind.PART: "part", NodeKind.SUBPART: "subpart", NodeKind.CHAPTER: "ch", NodeKind.SECTION: "sec",
    NodeKind.ARTICLE: "art", NodeKind.PARAGRAPH: "para", NodeKind.ITEM: "item", NodeKind.SUBITEM: "sub",
    NodeKind.LEVEL1: "l1", NodeKind.LEVEL2: "l2", NodeKind.LEVEL3: "l3", NodeKind.LEVEL4: "l4",
}
_ATTACHMENT = re.compile(
    r"^附(?:件|表|录|图)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?\s*(?P<title>[^\d\s:：][^。；，]{0,40})?$"
    r"|^附[:：]\s*(?P<title2>[^。；，]{0,60})$")  # 附： alone, its title on the next line
# Body prose after a flattened table or box: 二是…, or a run-in heading such as 生态农业。依托…
_PROSE_RESUMES = re.compile(r"^([一二三四五六七八九十]+是|[^，。：；、（）\d]{2,12}。[^。]{20,})")
_ATTACHMENT_LIST = re.compile(r"^附件[:：]")
_TABLE_TITLE = re.compile(r"(表|清单|一览|目录|名单)(（[^）]*）)?$")
_UNNUMBERED_HEADINGS = {"前言", "序言", "附则", "结束语", "总则"}
_RUN_IN_HEADING = re.compile(r"^([^。；：，]{2,40})[。．]")
_SENTENCE = re.compile(r"[，。；：！？]")
# The article that puts a law in force: 本法自公布之日起施行, 本条例自2020年1月1日起施行.
_IN_FORCE = re.compile(r"^本(?:法|条例|规定|办法|细则|决定|规则|解释)[^。]{0,10}?自[^。]{1,30}?起(?:施行|实施|生效)")
_DOTTED_TOP_MAX = 15  # 3. 附则: a top-level heading without subsections is a few words


@dataclass
class _Open:
    node: Node
    rank: int
    counters: dict[str, int] = field(default_factory=dict)  # last number seen per child kind


class TreeBuilder:
    """Stack machine that places each paragraph under the unit it belongs to."""

    def __init__(self, legislative: bool, decimal: bool = False) -> None:
        self.legislative = legislative
        self.decimal = decimal  # the document numbers its outline 1 / 1.1 / 1.1.1
        self.decimal_path: tuple[int, ...] = ()  # the last decimal number taken as structure
        self.table_rows = False  # the open table has tab-separated rows: a line without tabs ends it
        self.roots: list[Node] = []
        self.stack: list[_Open] = []
        self.warnings: list[str] = []
        self.ids: set[str] = set()
        self.last_article = (0, 0)
        self.attachment: Node | None = None
        self.table: tuple[Node, int] | None = None  # open table and the rank that ends it
        self.preamble: Node | None = None
        self.root_counters: dict[str, int] = {}
        self.attachment_title_pending = False
        self.listing: Node | None = None  # an open "附件：1.… 2.…" list
        self.running: dict[str, int] = {}
        self.suffixes: dict[str, int] = {}  # last _N given to an id base, so naming stays linear
        self.more_text: dict[int, list[str]] = {}  # text appended to a node, joined once at the end

    # -- public -----------------------------------------------------------------------
    def add(self, para: Para, nxt: Para | None = None) -> None:
        text = para.text
        if para.heading_depth:
            self._heading_line(para)
            return
        if self.legislative and self._innermost(NodeKind.ARTICLE) and _is_bare_heading(text, nxt):
            self._unnumbered_heading(para)  # 附 则 / 网络素养促进: a chapter title without 第X章
            return
        if self._attachment_start(para) or self._annex_after_last_article(para, nxt):
            return
        marker = opening_marker(text)
        if self.attachment_title_pending:
            self.attachment_title_pending = False
            if self._attachment_title(para, marker):
                return
        if self.listing is not None:
            if marker is not None and marker.form == mk.NUM_DOT:
                self._append(self.listing, text)
                return
            self.listing = None
        if is_row(text):
            self._table_row(para)
            return
        if self.table_rows:
            self.table = None  # the rows of a table end at the first line that is not a row
            self.table_rows = False
        if self.decimal:
            marker = _as_decimal(marker, nxt, self._next_dotted_top())
        kind = self._accept(marker, para) if marker else None
        if self.table is not None:
            table, end_rank = self.table
            resumes = mk.TABLE_CAPTION.match(text) or _PROSE_RESUMES.match(text)
            if not resumes and (kind is None or _RANK.get(kind, 0) > end_rank):
                self._append(table, text)
                return
            self.table = None
        if kind is not None and marker is not None:
            self._open_marked(kind, marker, para)
        elif mk.TABLE_CAPTION.match(text):
            self._open_table(para)
        else:
            self._plain(para)

    def finish(self, footnotes: list[Footnote]) -> list[Node]:
        for node in (n for root in self.roots for n in root.walk()):
            parts = self.more_text.pop(id(node), None)
            if parts:
                node.text = "\n".join([node.text, *parts] if node.text else parts)
        for fn in footnotes:
            self._attach_footnote(fn)
        return self.roots

    # -- classification -----------------------------------------------------------------
    def _accept(self, m: Marker, para: Para) -> NodeKind | None:
        """Decide whether a mark at a paragraph start is structure here, and of what kind."""
        if m.form == mk.DECIMAL:
            if not self.decimal or not follows(self.decimal_path, m.path) or \
                    (self.legislative and self._innermost(NodeKind.ARTICLE)):
                return None
            return _DECIMAL_KIND[len(m.path)]
        if m.form in _HEADING_KIND:
            if not m.strong:
                return None
            return _HEADING_KIND[m.form]
        if m.form == mk.ARTICLE:
            if not self.legislative:
                return None
            expected = self.last_article[0] + 1
            if m.number == expected or (m.sub and m.number == self.last_article[0]):
                return NodeKind.ARTICLE
            if m.strong:
                self.warnings.append(
                    f"line {para.line}: {m.label} follows 第{self.last_article[0]}条 (numbering jumps or repeats)")
                return NodeKind.ARTICLE
            self.warnings.append(f"line {para.line}: '{para.text[:20]}…' starts like an article but is kept as text")
            return None
        if self.decimal and not self.legislative:
            return NodeKind.SUBITEM if m.form == mk.NUM_DOT else NodeKind.ITEM
        if self.legislative:
            if m.form == mk.CN_COMMA and _is_group_heading(m.rest):
                return NodeKind.LEVEL1  # 一、管辖 between the articles of a judicial interpretation
            article = self._innermost(NodeKind.ARTICLE)
            if article is None:
                return _OUTLINE_KIND[m.form]
            if m.form == mk.CN_PAREN:
                return NodeKind.ITEM
            if m.form in (mk.NUM_DOT, mk.NUM_PAREN):
                return NodeKind.SUBITEM if self._innermost(NodeKind.ITEM) else None
            return None
        return _OUTLINE_KIND[m.form]

    # -- node creation --------------------------------------------------------------------
    def _open_marked(self, kind: NodeKind, m: Marker, para: Para) -> None:
        rank = _RANK[kind]
        if self.legislative and kind is NodeKind.LEVEL1:
            rank = _RANK[NodeKind.SECTION]  # groups articles, as a 节 would
        if m.form == mk.DECIMAL:
            self.decimal_path = m.path
        elif self.decimal and not self.legislative and kind in (NodeKind.ITEM, NodeKind.SUBITEM):
            rank += _BELOW_DECIMAL
        self._close_to(rank)
        parent = self.stack[-1] if self.stack else None
        self._check_sequence(parent, kind, m, para)
        if kind is NodeKind.ARTICLE:
            self.last_article = (m.number, m.sub)
            node = self._new(kind, None, f"art_{m.number}" + (f"_{m.sub}" if m.sub else ""), m.label, m.number)
            node.text = m.label + m.printed_caption  # 第一条【立法宗旨】: the caption is no 款 text
            node.heading = m.caption
            self._push(node, rank, parent)
            if m.rest:
                self._new_paragraph(m.rest)
            return
        if kind is NodeKind.ITEM and self.legislative and parent is not None and m.number > 1:
            parent = self._resume_item_list(parent, m.number)
        if kind in (NodeKind.ITEM, NodeKind.SUBITEM) and self.legislative:
            if parent is None or parent.node.kind is NodeKind.ARTICLE:
                self._new_paragraph("")  # items always hang under a paragraph
                parent = self.stack[-1]
        node = self._new(kind, parent, f"{_ID_PREFIX[kind]}_{m.number}", m.label, m.number)
        node.text = para.text
        if kind in _HEADING_KIND.values():
            node.heading = m.rest
        elif kind in _OUTLINE_KIND.values():
            node.heading = _outline_heading(m.rest)
        self._push(node, rank, parent)

    def _heading_line(self, para: Para) -> None:
        """A Markdown heading: 编/章/节 by its words, else an unnumbered heading."""
        m = opening_marker(para.text)
        if m and m.form in _HEADING_KIND:
            self._open_marked(_HEADING_KIND[m.form], m, para)
            return
        kind = NodeKind.CHAPTER if para.heading_depth <= 1 else NodeKind.SECTION
        self._close_to(_RANK[kind])
        parent = self.stack[-1] if self.stack else None
        node = self._new(kind, parent, "h", "", None)
        node.heading = para.text.replace(" ", "")
        node.text = para.text
        self._push(node, _RANK[kind], parent)

    def _plain(self, para: Para) -> None:
        text = para.text
        top = self.stack[-1] if self.stack else None
        if self.legislative and top is not None and top.rank >= _RANK[NodeKind.ARTICLE]:
            self._close_to(_RANK[NodeKind.PARAGRAPH])
            if self._innermost(NodeKind.ARTICLE) is not None:
                self._new_paragraph(text)
                return
        if top is None and self.attachment is None and not self._has_structure():
            if text.replace(" ", "") in _UNNUMBERED_HEADINGS:
                self._unnumbered_heading(para)
                return
            if self.preamble is None:
                self.preamble = self._new(NodeKind.PREAMBLE, None, "preamble", "", None)
                self.preamble.text = text
                self.roots.append(self.preamble)
            else:
                self._append(self.preamble, text)
            return
        if text.replace(" ", "") in _UNNUMBERED_HEADINGS and not self.legislative:
            self._unnumbered_heading(para)
            return
        parent = self.stack[-1] if self.stack else None
        node = self._new(NodeKind.TEXT, parent, "text", "", None)
        node.text = text
        self._attach(node, parent)
        if _ATTACHMENT_LIST.match(text):
            self.listing = node

    def _unnumbered_heading(self, para: Para) -> None:
        """前言, 附则 … standing alone: a chapter-level heading without a number."""
        self._close_to(_RANK[NodeKind.CHAPTER])
        parent = self.stack[-1] if self.stack else None
        node = self._new(NodeKind.CHAPTER, parent, "h", "", None)
        node.heading = para.text.replace(" ", "")
        node.text = para.text
        self._push(node, _RANK[NodeKind.CHAPTER], parent)

    def _next_dotted_top(self) -> int | None:
        """The next top-level number when the top level is printed 1. / 2. (else None) and
        no 1./2. list is still open (its items end with ；until the last one's 。)."""
        top = self._innermost(NodeKind.LEVEL1)
        if top is None or not top.node.label.endswith("."):
            return None
        item = self._innermost(NodeKind.SUBITEM)
        if item is not None and item.node.text.endswith(("；", "，", "：")):
            return None
        return self.decimal_path[0] + 1

    def _has_structure(self) -> bool:
        return any(n.kind is not NodeKind.PREAMBLE for n in self.roots)

    def _open_table(self, para: Para, caption: bool = True) -> None:
        container = next((o for o in reversed(self.stack) if o.node.kind not in
                          (NodeKind.PARAGRAPH, NodeKind.ITEM, NodeKind.SUBITEM)), None)
        if container is not None:
            self._close_to(container.rank + 1)
        parent = self.stack[-1] if self.stack else None
        node = self._new(NodeKind.TABLE, parent, "table", "", None)
        node.heading = para.text if caption else ""
        node.text = para.text
        self._attach(node, parent)
        self.table = (node, parent.rank if parent else 0)

    def _table_row(self, para: Para) -> None:
        """A row of a Word/Markdown/HTML table (cells joined by tabs): into the open table,
        else a new one.  Every cell is kept, a cell holding only a number included."""
        self.attachment_title_pending = False
        if self.table is not None:
            self._append(self.table[0], para.text)
        else:
            self._open_table(para, caption=False)
        self.table_rows = True

    def _attachment_start(self, para: Para) -> bool:
        m = _ATTACHMENT.match(para.text)
        if not m or para.text.replace(" ", "") == "附则" or opening_marker(para.text) is not None:
            return False
        title = (m.group("title") or m.group("title2") or "").strip()
        number = cn_to_int(m.group(1)) if m.group(1) else (self.attachment.number or 1) + 1 if self.attachment else 1
        self.table = None
        self.table_rows = False
        self.decimal_path = ()  # an attachment numbers its outline afresh
        self.stack.clear()
        label = para.text[: len(para.text) - len(title)].strip(" ：:") if title else para.text.replace(" ", "")
        node = self._new(NodeKind.ATTACHMENT, None, f"att_{number}", label, number)
        node.text = para.text
        node.heading = title
        self.roots.append(node)
        self.attachment = node
        self.stack.append(_Open(node, 0))
        self.attachment_title_pending = not title
        return True

    def _annex_after_last_article(self, para: Para, nxt: Para | None) -> bool:
        """A table's title after the article that puts the law in force (本法自…起施行, the
        last article by 立法技术规范) opens an annex even without 附件: 个人所得税税率表一."""
        article = self._innermost(NodeKind.ARTICLE) if self.legislative and self.attachment is None else None
        text = para.text
        if article is None or nxt is None or not is_row(nxt.text) or is_row(text) or len(text) > 40 \
                or _SENTENCE.search(text) or opening_marker(text) is not None:
            return False
        if not any(_IN_FORCE.match(c.text) for c in article.node.children):
            return False
        self.table = None
        self.table_rows = False
        self.stack.clear()
        node = self._new(NodeKind.ATTACHMENT, None, "att_1", "", 1)
        node.text = node.heading = text
        self.roots.append(node)
        self.attachment = node
        self.stack.append(_Open(node, 0))
        return True

    def _attachment_title(self, para: Para, marker: Marker | None) -> bool:
        """The short lines after 附件N are its title; a 表 attachment is kept whole as a table."""
        text, att = para.text, self.attachment
        if att is None or marker is not None or len(text) > 60 or re.search(r"[。；：，]", text):
            return False
        att.heading += text
        self._append(att, text)
        if _TABLE_TITLE.search(att.heading):
            table = self._new(NodeKind.TABLE, self.stack[-1], "table", "", None)
            table.heading = att.heading
            self._attach(table, self.stack[-1])
            self.table = (table, 0)
        elif len(att.heading) < 40:
            self.attachment_title_pending = True  # titles wrap onto a second line
        return True

    # -- helpers ------------------------------------------------------------------------
    def _append(self, node: Node, text: str) -> None:
        """Add a line to a growing node (preamble, table) without quadratic copying."""
        self.more_text.setdefault(id(node), []).append(text)

    def _new_paragraph(self, text: str) -> None:
        article = self._innermost(NodeKind.ARTICLE)
        assert article is not None
        self._close_to(_RANK[NodeKind.PARAGRAPH])
        count = sum(1 for c in article.node.children if c.kind is NodeKind.PARAGRAPH) + 1
        node = self._new(NodeKind.PARAGRAPH, article, f"para_{count}", "", count)
        node.text = text
        self._push(node, _RANK[NodeKind.PARAGRAPH], article)

    def _resume_item_list(self, paragraph: _Open, number: int) -> _Open:
        """（二） after an unnumbered paragraph that followed （一）: that paragraph was
        the rest of item （一）, not a new 款 (real documents do this)."""
        article = self._innermost(NodeKind.ARTICLE)
        if paragraph.node.kind is not NodeKind.PARAGRAPH or article is None or \
                any(c.kind is NodeKind.ITEM for c in paragraph.node.children):
            return paragraph
        paras = [c for c in article.node.children if c.kind is NodeKind.PARAGRAPH]
        k = paras.index(paragraph.node)
        prev = next((p for p in reversed(paras[:k]) if p.children), None)
        if prev is None or prev.children[-1].kind is not NodeKind.ITEM or prev.children[-1].number != number - 1:
            return paragraph
        item = prev.children[-1]
        for stray in paras[paras.index(prev) + 1:]:
            article.node.children.remove(stray)
            self.ids.discard(stray.id)
            if item.children:  # after its sub-items: keep source order with a text child
                more = self._new(NodeKind.TEXT, _Open(item, _RANK[NodeKind.ITEM]), "text", "", None)
                more.text = stray.full_text()
                item.children.append(more)
            else:
                self._append(item, stray.full_text())
        self._close_to(_RANK[NodeKind.PARAGRAPH])
        opened = _Open(prev, _RANK[NodeKind.PARAGRAPH], {NodeKind.ITEM.value: number - 1})
        self.stack.append(opened)
        return opened

    def _check_sequence(self, parent: _Open | None, kind: NodeKind, m: Marker, para: Para) -> None:
        if kind is NodeKind.ARTICLE:
            return
        counters = parent.counters if parent else self.root_counters
        last = counters.get(kind.value, 0)
        running = self.running.get(kind.value, 0)  # some plans number (一)…(十八) through the document
        if m.number not in (last + 1, running + 1):
            self.warnings.append(f"line {para.line}: {m.label} follows number {last} (numbering jumps or repeats)")
        counters[kind.value] = m.number
        self.running[kind.value] = m.number

    def _new(self, kind: NodeKind, parent: _Open | None, segment: str, label: str, number: int | None) -> Node:
        if kind is NodeKind.ARTICLE or parent is None:
            base = segment
            if parent is None and self.attachment is not None and kind is not NodeKind.ATTACHMENT:
                base = f"{self.attachment.id}__{segment}"
        elif parent.node.kind is NodeKind.ARTICLE or _descends_from_article(parent.node):
            base = f"{parent.node.id}__{segment}"
        elif kind in _HEADING_KIND.values() and parent.node.kind not in _HEADING_KIND.values() \
                and parent.node.kind is not NodeKind.ATTACHMENT:
            base = segment
        else:
            base = f"{parent.node.id}__{segment}"
        if segment in ("text", "table", "h") or base in self.ids:
            n = self.suffixes.get(base, 0) + 1
            while f"{base}_{n}" in self.ids:
                n += 1
            self.suffixes[base] = n
            if segment not in ("text", "table", "h"):
                self.warnings.append(f"duplicate unit {base} renamed {base}_{n}")
            base = f"{base}_{n}"
        self.ids.add(base)
        return Node(id=base, kind=kind, label=label, number=number)

    def _push(self, node: Node, rank: int, parent: _Open | None) -> None:
        self._attach(node, parent)
        self.stack.append(_Open(node, rank))

    def _attach(self, node: Node, parent: _Open | None) -> None:
        if parent is None:
            self.roots.append(node)
        else:
            parent.node.children.append(node)

    def _close_to(self, rank: int) -> None:
        while self.stack and self.stack[-1].rank >= rank and self.stack[-1].node.kind is not NodeKind.ATTACHMENT:
            self.stack.pop()

    def _innermost(self, kind: NodeKind) -> _Open | None:
        return next((o for o in reversed(self.stack) if o.node.kind is kind), None)

    def _attach_footnote(self, fn: Footnote) -> None:
        number = FOOTNOTE_MARKS.index(fn.mark) + 1
        for root in self.roots:
            for node in root.walk():
                if fn.mark in node.text and not any(c.kind is NodeKind.FOOTNOTE and c.label == fn.mark
                                                    for c in node.children):
                    seg = f"{node.id}__fn_{number}"
                    while seg in self.ids:
                        seg += "_"
                    self.ids.add(seg)
                    node.children.append(Node(id=seg, kind=NodeKind.FOOTNOTE, label=fn.mark, number=number,
                                              text=fn.text))
                    return
        self.warnings.append(f"line {fn.line}: footnote {fn.mark} has no marker in the text; kept at the end")
        self.roots.append(Node(id=f"fn_{number}", kind=NodeKind.FOOTNOTE, label=fn.mark, number=number,
                               text=fn.text))


def _descends_from_article(node: Node) -> bool:
    return node.id.startswith("art_")


def _is_bare_heading(text: str, nxt: Para | None) -> bool:
    """A short unpunctuated line directly before an article opens a new group of articles."""
    if nxt is None or len(text) > 20 or re.search(r"[，。；：、“”（）《》\d]", text):
        return False
    m = opening_marker(nxt.text)
    return m is not None and m.form == mk.ARTICLE and m.strong and opening_marker(text) is None


def _is_group_heading(rest: str) -> bool:
    return 0 < len(rest) <= 24 and not re.search(r"[，。；：、]", rest)


def _outline_heading(rest: str) -> str:
    """The run-in heading of an outline unit: the whole line if short, else its first sentence."""
    bare = rest.rstrip("。．")
    if len(bare) <= 40 and not re.search(r"[。；，：]", bare):
        return bare
    m = _RUN_IN_HEADING.match(rest)
    return m.group(1) if m else ""


def is_legislative(paras: list[Para]) -> bool:
    """Legislation numbers its articles 第一条, 第二条 … in sequence; outlines do not.

    A book of the Civil Code starts at 第四百六十三条, so the start is not required,
    only a run of consecutive article numbers.
    """
    numbers = []
    for p in paras:
        m = opening_marker(p.text)
        if m and m.form == mk.ARTICLE and m.strong:
            numbers.append(m.number)
    if len(numbers) == 1:
        return numbers[0] == 1
    steps = sum(1 for a, b in zip(numbers, numbers[1:]) if b in (a, a + 1))
    return len(numbers) >= 2 and steps >= 0.5 * (len(numbers) - 1)


def follows(prev: tuple[int, ...], new: tuple[int, ...]) -> bool:
    """Whether decimal number ``new`` may come right after ``prev``: its first child
    (1.2 → 1.2.1), its next sibling (1.2 → 1.3) or the next sibling of an ancestor
    (1.2.3 → 2); the outline starts at 1 (or 1.1)."""
    if not prev:
        return all(n == 1 for n in new)
    k = len(new)
    if k == len(prev) + 1:
        return new[:-1] == prev and new[-1] == 1
    return k <= len(prev) and new[:-1] == prev[: k - 1] and new[-1] == prev[k - 1] + 1


def _as_decimal(m: Marker | None, nxt: Para | None, next_top: int | None = None) -> Marker | None:
    """``1. 总则`` right above ``1.1 …``: the top level of a decimal outline printed with a
    dot (a list item 1. is never followed by 1.1); once the top level is printed so, a short
    bare heading with the next top number (``3. 附则``) continues it."""
    if m is None or m.form != mk.NUM_DOT or len(m.rest) > 30 or _SENTENCE.search(m.rest):
        return m
    child = opening_marker(nxt.text) if nxt is not None else None
    opens = child is not None and child.form == mk.DECIMAL and child.path == (m.number, 1)
    if opens or (m.number == next_top and len(m.rest) <= _DOTTED_TOP_MAX and not re.search(r"[、。．]", m.rest)):
        return replace(m, form=mk.DECIMAL, path=(m.number,), strong=False)
    return m


def is_decimal_outline(paras: list[Para]) -> bool:
    """Technical plans (应急预案) and standards number 1 总则 / 1.1 编制目的 / 2 …  Taken as
    structure only when most such numbers form one consistent sequence that goes at least
    one level deep, so numbers opening ordinary sentences do not make an outline."""
    path: tuple[int, ...] = ()
    candidates = accepted = deep = 0
    for k, p in enumerate(paras):
        m = _as_decimal(opening_marker(p.text), paras[k + 1] if k + 1 < len(paras) else None)
        if m is None or m.form != mk.DECIMAL:
            continue
        candidates += 1
        if follows(path, m.path):
            path = m.path
            accepted += 1
            deep += len(path) > 1
    return accepted >= 3 and deep >= 1 and accepted >= 0.6 * candidates


def build_tree(paras: list[Para], footnotes: list[Footnote] | None = None) -> tuple[list[Node], list[str]]:
    """Build the node tree of one document body; returns (nodes, warnings)."""
    builder = TreeBuilder(is_legislative(paras), is_decimal_outline(paras))
    for k, para in enumerate(paras):
        builder.add(para, paras[k + 1] if k + 1 < len(paras) else None)
    nodes = builder.finish(footnotes or [])
    if not any(n.kind is not NodeKind.PREAMBLE for n in nodes) and paras:
        builder.warnings.append("no recognisable structure: the text is kept as one unit")
    return nodes, builder.warnings
