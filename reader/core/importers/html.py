"""Web pages (.html, .htm) saved from government sites: the document, not the page.

A saved page of gov.cn, npc.gov.cn or a city government holds one document inside a lot of
furniture: navigation, breadcrumbs, share and print buttons, related links, footers, and
the metadata box (索引号, 发文机关, 发文字号 …, see govmeta.py).  The importer

1. decodes the bytes (byte-order mark, then the page's own ``<meta charset>`` — read with
   the HTML parser from the page head — then UTF-8/GB18030 detection as for text files);
2. parses the page with lxml.html (libxml2): within a factor two of lexbor (selectolax) and
   over ten times faster than html5lib, with the same text as html5lib on all 14 real pages
   (tests/benchmarks/bench_html_parsers.py); it is installed with python-docx anyway, and
   its ElementTree API (text/tail, ancestors) is what the box and block walks need;
3. drops what is never text (scripts, styles, forms' controls, hidden elements) and what is
   furniture by its markup (nav/aside/footer, role=navigation, class or id such as
   ``breadcrumb`` or ``share`` when they hold little text);
4. moves the metadata box into ``meta`` (never into the body or the title);
5. finds the main content generically: known containers of the big CMSs when present,
   else the smallest element holding nearly all of the page's Chinese text outside links;
6. turns blocks into lines: p, div, h1–h6, li, pre lines and ``<br>`` break lines; a table
   gives one line per row, cells joined by a tab (the docx importer's shape), a table used
   only for layout gives its cells' blocks; a 目录 of the page (links to the headings below)
   goes; and htmlrepair.py mends paragraphs by the drafting rules.

Every line is a real paragraph (``hard_breaks``).  ``html_lines`` is the same conversion
without the page logic, for HTML that is a document by itself (a Word altChunk).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from reader.core import govmeta, toc
from reader.core.errors import ImportFailure
from reader.core.importers.base import SourceText
from reader.core.importers.htmlrepair import Block, repair
from reader.core.importers.txt import decode_text
from reader.core.markers import heading_marker

#: Never text.
_NEVER_TEXT = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "canvas", "svg", "math", "head", "title", "meta", "link", "base", "button", "select",
    "option", "optgroup", "datalist", "textarea", "input", "map", "area", "audio", "video", "source",
    "track", "img", "picture",
})
#: Furniture by element: site navigation, side bars, page footers.
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "menu"})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar",
                              "complementary", "toolbar"})
#: Furniture by class or id token (words of the name split at - _ and spaces).
_FURNITURE_NAMES = frozenset({
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "share", "sharebox",
    "bdsharebuttonbox", "footer", "sidebar", "toolbar", "related", "position", "location", "banner",
    "topbar", "copyright", "pagination", "pager", "qrcode", "qr", "login", "search", "dyfx", "fenxiang",
})
#: An element named like furniture is kept when it holds this much Chinese text outside links.
_FURNITURE_MAX_TEXT = 200
#: Containers of the document text in the CMSs of gov.cn, npc.gov.cn and many local sites.
_CONTENT_IDS = frozenset({"ucap-content", "zoom", "fontzoom", "content", "article", "zwnr", "printcontent"})
_CONTENT_CLASSES = frozenset({"pages_content", "trs_editor", "article", "article-content", "zoom",
                              "content", "view", "zw", "wzy_content", "xxgk_content"})
#: A known container is taken when it holds at least this share of the page's text.
KNOWN_SHARE = 0.5
#: Otherwise the content is the smallest element holding at least this share.
CONTENT_SHARE = 0.8

_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
    "section", "article", "main", "header", "center", "address", "figure", "figcaption", "hr",
    "form", "fieldset", "legend", "caption", "details", "summary", "body", "html", "tbody", "thead",
    "tfoot", "tr", "td", "th", "table",
})
_WHITE = re.compile(r"[ \t\n\r\f\v\xa0]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
#: Whole lines that are page furniture (print/close buttons, share bars, page info).
_FURNITURE_LINE = re.compile(
    r"^(?:[【\[]?(?:打印本页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏|保存|纠错|分享到?|"
    r"字体|字号|大|中|小|默认|复制链接|微信|微博|QQ空间)[】\]]?[\s:：|]*)+$"
    r"|^扫一扫在手机(?:上)?打开当前页$|^(?:当前位置|您(?:现在)?的位置|所在位置)[:：]"
    r"|^(?:责任编辑|浏览次数|访问量|点击数|阅读数)[:：]\S{0,30}$"
    r"|^(?:上一篇|下一篇)[:：]"
)
_HEADINGS = ("h1", "h2", "h3")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜| - | — |－|——)\s*")


@dataclass
class Page:
    """What a page holds: its document's lines and the metadata it states."""

    lines: list[str]
    meta: dict[str, object] = field(default_factory=dict)


def load_html(path: str, data: bytes, digest: str) -> SourceText:
    """Import a saved web page as the one document it shows."""
    text, encoding, warnings = decode_html(path, data)
    return page_source(path, text, digest, "html", {"encoding": encoding}, warnings)


def page_source(path: str, text: str, digest: str, fmt: str, meta: dict[str, object],
                warnings: list[str]) -> SourceText:
    """A decoded page → SourceText; ImportFailure when it shows no document text."""
    page = read_page(parse(path, text))
    if not page.lines:  # some sites hide the text until a script shows it
        page = read_page(parse(path, text), hidden=True)
    if not page.lines:
        raise ImportFailure(path, "the web page has no body text (only navigation, metadata "
                                  "or images)")
    meta.update(page.meta)
    if warnings:
        meta["warnings"] = warnings
    return SourceText(path, fmt, digest, page.lines, hard_breaks=True, meta=meta)


def decode_html(path: str, data: bytes) -> tuple[str, str, list[str]]:
    """Decode a page: a byte-order mark wins, then the page's declared charset (if the
    bytes fit it), then detection as for plain text."""
    if not data.strip():
        raise ImportFailure(path, "file is empty")
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(path, data)
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared, []
        except UnicodeDecodeError:
            text, encoding, warnings = decode_text(path, data)
            return text, encoding, [f"the page declares {declared} but is {encoding}", *warnings]
    return decode_text(path, data)


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares (Python codec name), read by parsing the
    head as Latin-1 (lossless for the ASCII markup).  GB2312/GBK map to GB18030, their
    superset; a single-byte Western charset on bytes that are valid UTF-8 is a
    mis-declaration of UTF-8 and ignored."""
    head = data[:16384]
    try:
        root = lxml.html.document_fromstring(head, parser=lxml.html.HTMLParser(encoding="iso-8859-1"))
    except (etree.ParserError, ValueError):
        return None
    for meta in root.iter("meta"):
        name = meta.get("charset")
        if not name and (meta.get("http-equiv") or "").lower() == "content-type":
            content = (meta.get("content") or "").lower()
            name = content.split("charset=", 1)[1] if "charset=" in content else None
        if name:
            return _codec(name.strip(" \"';"), data)
    return None


def _codec(name: str, data: bytes) -> str | None:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in ("gb2312", "gbk", "hz"):
        return "gb18030"
    if codec in ("latin-1", "iso8859-1", "cp1252", "ascii"):
        try:
            data.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            return None  # neither: let detection decide (Chinese pages are never Latin-1)
    return codec


def parse(path: str, text: str) -> etree._Element:
    """Parse decoded HTML (given as UTF-8 so that no ``<meta charset>`` re-decodes it)."""
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailure(path, f"not a readable web page ({exc})") from None
    return root


def read_page(root: etree._Element, hidden: bool = False) -> Page:
    """The document a page shows: content lines, title and metadata box (``hidden``: with
    the elements the page hides)."""
    page_title = _collapse(root.findtext(".//title") or "")
    _drop_never_text(root, hidden)
    meta, box = govmeta.find_box(root)
    if box is not None:
        _remove(box)
    _drop_furniture(root)
    body = root.find("body")
    if body is None:
        return Page([], meta)
    weights = _text_weights(body)
    content = _main_content(body, weights)
    lines = [ln for ln in repair(_Walker().blocks_of(content)) if not _FURNITURE_LINE.match(ln)]
    lines = _drop_toc(lines)
    heading = _heading(root, content, page_title)
    if "title" not in meta and heading:
        meta["title"] = heading
    title = str(meta.get("title") or "")
    if lines and title and not _opens_with(lines, title):
        lines.insert(0, title)
    return Page(lines, meta)


def html_lines(root: etree._Element) -> list[str]:
    """All text of an HTML document as lines, the way Word shows it (no page logic)."""
    _drop_never_text(root)
    body = root.find("body")
    if body is None:
        return []
    return _drop_toc(repair(_Walker().blocks_of(body)))


# --- cleaning ----------------------------------------------------------------------------

def _drop_never_text(root: etree._Element, hidden: bool = False) -> None:
    doomed = [el for el in root.iter() if not isinstance(el.tag, str) or el.tag in _NEVER_TEXT
              or not hidden and (el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""))]
    for el in doomed:
        if el.tag != "body":
            _remove(el)


def _remove(el: etree._Element) -> None:
    """Remove an element but keep its tail (the text after it belongs to its parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _names(el: etree._Element) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(re.split(r"[\s_\-]+", raw)) - {""}


def _is_furniture(el: etree._Element) -> bool:
    if el.tag in _FURNITURE_TAGS or (el.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    if el.tag == "header":
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    return bool(_names(el) & _FURNITURE_NAMES)


def _drop_furniture(root: etree._Element) -> None:
    body = root.find("body")
    if body is None:
        return
    doomed = [el for el in body.iter() if isinstance(el.tag, str) and el is not body and _is_furniture(el)]
    for el in doomed:
        attached = next(reversed(list(el.iterancestors())), None) is root
        if attached and (el.tag in _FURNITURE_TAGS or _text_weights(el)[el] <= _FURNITURE_MAX_TEXT):
            _remove(el)


# --- main content -----------------------------------------------------------------------

def _text_weights(top: etree._Element) -> dict[etree._Element, int]:
    """Chinese characters outside links, per element (children counted before parents)."""
    weights: dict[etree._Element, int] = {}
    for el in reversed(list(top.iter())):
        if not isinstance(el.tag, str):
            continue
        if el.tag == "a":
            weights[el] = 0
            continue
        own = len(_CJK.findall(el.text or ""))
        for child in el:
            own += weights.get(child, 0) + len(_CJK.findall(child.tail or ""))
        weights[el] = own
    return weights


def _main_content(body: etree._Element, weights: dict[etree._Element, int]) -> etree._Element:
    """The innermost known content container holding most of the text, else the smallest
    element holding nearly all of it (text in links does not count: menus are links)."""
    total = weights.get(body, 0)
    if total == 0:
        return body
    known = [el for el in body.iter() if isinstance(el.tag, str) and _is_known_container(el)
             and weights.get(el, 0) >= KNOWN_SHARE * total]
    if known:
        return known[-1]  # document order: an inner container comes after the one holding it
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        best = max(children, key=lambda c: weights.get(c, 0), default=None)
        if best is None or weights.get(best, 0) < CONTENT_SHARE * total:
            return node
        node = best


def _is_known_container(el: etree._Element) -> bool:
    ident = (el.get("id") or "").lower()
    classes = set((el.get("class") or "").lower().split())
    return ident in _CONTENT_IDS or bool(classes & _CONTENT_CLASSES)


def _heading(root: etree._Element, content: etree._Element, page_title: str) -> str | None:
    """The document's heading: the first h1–h3 in the content, else the last one before
    it, else the page <title> without its site suffix when the page shows that text."""
    candidates = [h for h in content.iter(*_HEADINGS)][:1]
    if not candidates:
        for el in root.iter():
            if el is content:
                break
            if el.tag in _HEADINGS:
                candidates = [el]
    for h in candidates:
        text = _collapse("".join(h.itertext()))
        if text and _CJK.search(text) and len(text) <= 120 and heading_marker(text) is None:
            return text
    if page_title:
        first = _TITLE_SEPARATORS.split(page_title)[0]
        shown = "".join(root.itertext())
        if first and _squeeze(first) in _squeeze(shown):
            return first  # the page shows it (a title block outside the content, often)
    return None


def _opens_with(lines: list[str], title: str) -> bool:
    """The title is printed in the content's first lines (maybe over several)."""
    return _squeeze(title) in _squeeze("".join(lines[:20]))


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _collapse(text: str) -> str:
    return _WHITE.sub(" ", text).strip(" \u3000")


# --- blocks → lines ---------------------------------------------------------------------

class _Walker:
    """Walks an element in document order, breaking lines where blocks and <br> do."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.soft = False  # the next line follows a soft break
        self.after_br = False  # nothing but white space since the last <br>
        self.pre = 0

    def blocks_of(self, el: etree._Element) -> list[Block]:
        self._walk(el, tail=False)
        self._break(soft=False)
        return self.blocks

    def _break(self, soft: bool) -> None:
        text = _collapse("".join(self.buf))
        text = text if text.strip() else ""  # an en/em space alone spaces lines, it is no text
        self.buf.clear()
        if text:
            self.blocks.append(Block(text, self.soft))
            self.soft = soft
        else:
            self.soft = self.soft and soft
        self.after_br = self.after_br and not text and soft  # a block's end starts afresh

    def _text(self, text: str | None) -> None:
        if not text:
            return
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                self._break(soft=True)
            self.buf.append(part)

    def _walk(self, el: etree._Element, tail: bool = True) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            # <br><br> leaves a blank line: the page's way of starting a new paragraph
            self._break(soft=not (self.after_br and not "".join(self.buf).strip()))
            self.after_br = True
        elif tag == "table":
            self._break(soft=False)
            self._table(el)
            self._break(soft=False)
        elif tag:
            block = tag in _BLOCKS or tag == "pre"
            if block:
                self._break(soft=False)
            self._text(el.text)
            for child in el:
                self._walk(child)
            if block:
                self._break(soft=False)
        if tail:
            self._text(el.tail)

    def _table(self, table: etree._Element) -> None:
        rows = [tr for tr in table.iter("tr") if _nearest(tr, "table") is table]
        cells = [[c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")] for tr in rows]
        texts = [[_cell_text(c) for c in row] for row in cells]
        if all(sum(1 for t in row if t) <= 1 for row in texts):
            for row in cells:  # a layout table: its cells are blocks
                for cell in row:
                    self._walk(cell, tail=False)
                    self._break(soft=False)
            return
        for row in texts:
            if any(row):  # empty cells kept, so columns stay aligned
                self.blocks.append(Block("\t".join(row)))


def _cell_text(cell: etree._Element) -> str:
    """A cell's lines on one line, separated by spaces (nested tables included)."""
    walker = _Walker()
    return " ".join(b.text.replace("\t", " ") for b in walker.blocks_of(cell))


def _nearest(el: etree._Element, tag: str) -> etree._Element | None:
    return next(el.iterancestors(tag), None)


def _drop_toc(lines: list[str]) -> list[str]:
    """A 目录 of headings that the text repeats below is navigation: it goes."""
    for i, line in enumerate(lines[:200]):
        if toc.is_heading(line) and (end := toc.block_end(lines, i + 1)) is not None:
            return lines[:i] + lines[end:]
    return lines
