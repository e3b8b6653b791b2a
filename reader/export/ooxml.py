"""WordprocessingML pieces python-docx has no API for, built as lxml elements.

Runs with East Asian fonts, highlights, internal hyperlinks, bookmarks, comment range
markers and fields (PAGE, TOC, PAGEREF).  Everything that carries user or document text
goes through :func:`clean` first: XML 1.0 cannot hold most control characters, and a
document extracted from a PDF may contain them.
"""
from __future__ import annotations

import colorsys
import copy
import hashlib
import re
from datetime import date, datetime
from functools import lru_cache

from lxml import etree

from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """``text`` without the characters XML cannot hold (control characters, lone surrogates)."""
    if not text:
        return ""
    return _NOT_XML.sub("", text)


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A child ``w:tag`` with ``w:``-qualified attributes (``val="x"`` → ``w:val="x"``)."""
    el = etree.SubElement(parent, qn(f"w:{tag}"))
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def el(tag: str, **attrs: str) -> etree._Element:
    e = etree.Element(qn(f"w:{tag}"), nsmap={"w": W_NS})
    for key, value in attrs.items():
        e.set(qn(f"w:{key}"), value)
    return e


# -- run properties ----------------------------------------------------------------------


@lru_cache(maxsize=512)
def _rpr_template(style: str | None, font: str | None, latin: str | None, bold: bool,
                  colour: str | None, size: float | None, highlight: str | None,
                  underline: bool) -> etree._Element:
    rpr = el("rPr")
    if style:
        sub(rpr, "rStyle", val=style)
    if font:
        # python-docx's font.name sets ascii/hAnsi only; Chinese text takes w:eastAsia
        lat = latin or font
        sub(rpr, "rFonts", ascii=lat, hAnsi=lat, eastAsia=font, cs=lat)
    if bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    if colour:
        sub(rpr, "color", val=colour)
    if size:
        half = str(round(size * 2))
        sub(rpr, "sz", val=half)
        sub(rpr, "szCs", val=half)
    if highlight:
        sub(rpr, "highlight", val=highlight)
    if underline:
        sub(rpr, "u", val="single")
    return rpr


def rpr(style: str | None = None, font: str | None = None, *, latin: str | None = None,
        bold: bool = False, colour: str | None = None, size: float | None = None,
        highlight: str | None = None, underline: bool = False) -> etree._Element | None:
    """A shared ``w:rPr`` template (copy it into each run with :func:`run`)."""
    if not (style or font or bold or colour or size or highlight or underline):
        return None
    return _rpr_template(style, font, latin, bold, colour, size, highlight, underline)


def run(parent: etree._Element, text: str, props: etree._Element | None = None) -> etree._Element:
    """A ``w:r`` holding ``text`` (tabs → w:tab, newlines → w:br), appended to ``parent``."""
    r = etree.SubElement(parent, qn("w:r"))
    if props is not None:
        r.append(copy.deepcopy(props))
    text = clean(text)
    if "\t" not in text and "\n" not in text and "\r" not in text:
        _t(r, text)
        return r
    for i, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        if i:
            etree.SubElement(r, qn("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, qn("w:tab"))
            if piece:
                _t(r, piece)
    return r


def _t(r: etree._Element, text: str) -> None:
    t = etree.SubElement(r, qn("w:t"))
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# -- paragraphs --------------------------------------------------------------------------


def paragraph(style: str | None = None, *, align: str | None = None, keep_next: bool = False,
              page_break_before: bool = False, indent_chars: int | None = None,
              left_chars: int | None = None) -> etree._Element:
    """A ``w:p`` with a style and the few direct paragraph properties the export uses."""
    p = el("p")
    if style or align or keep_next or page_break_before or indent_chars is not None or left_chars is not None:
        ppr = sub(p, "pPr")
        if style:
            sub(ppr, "pStyle", val=style)
        if keep_next:
            sub(ppr, "keepNext")
        if page_break_before:
            sub(ppr, "pageBreakBefore")
        if indent_chars is not None or left_chars is not None:
            ind = sub(ppr, "ind")
            if left_chars is not None:
                ind.set(qn("w:leftChars"), str(left_chars * 100))
                ind.set(qn("w:left"), str(left_chars * 320))
            if indent_chars is not None:
                ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
                ind.set(qn("w:firstLine"), str(indent_chars * 320))
        if align:
            sub(ppr, "jc", val=align)
    return p


def page_break(parent: etree._Element) -> None:
    r = etree.SubElement(parent, qn("w:r"))
    sub(r, "br", type="page")


# -- bookmarks, hyperlinks, comments ------------------------------------------------------

_BOOKMARK_BAD = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(doc_id: str, node_id: str | None = None) -> str:
    """A Word bookmark name for a document (or a node in it): a letter first, ≤ 40 characters
    of ``[A-Za-z0-9_]``, derived from the ids so it is the same in every export."""
    doc = _BOOKMARK_BAD.sub("_", doc_id.removeprefix("doc_"))
    name = f"d{doc}" if node_id is None else f"d{doc}_{_BOOKMARK_BAD.sub('_', node_id)}"
    if len(name) <= 40:
        return name
    digest = hashlib.sha1(f"{doc_id}\x00{node_id}".encode()).hexdigest()[:8]
    return f"{name[:31]}_{digest}"


def bookmark_start(parent: etree._Element, bid: int, name: str) -> None:
    sub(parent, "bookmarkStart", id=str(bid), name=name)


def bookmark_end(parent: etree._Element, bid: int) -> None:
    sub(parent, "bookmarkEnd", id=str(bid))


def hyperlink(parent: etree._Element, anchor: str) -> etree._Element:
    """An internal hyperlink (to a bookmark) appended to ``parent``; runs go inside it."""
    h = sub(parent, "hyperlink", anchor=anchor, history="1")
    return h


def comment_start(parent: etree._Element, cid: int) -> None:
    sub(parent, "commentRangeStart", id=str(cid))


def comment_end(parent: etree._Element, cid: int) -> None:
    """The end of a comment range and the reference run Word shows the comment mark on."""
    sub(parent, "commentRangeEnd", id=str(cid))
    r = sub(parent, "r")
    sub(sub(r, "rPr"), "rStyle", val="CommentReference")
    sub(r, "commentReference", id=str(cid))


def word_datetime(value: datetime | date) -> str:
    """``w:date`` as Word writes it: the wall-clock time the user saw, no zone suffix.

    (Word reads the value as local time; python-docx would convert to UTC and shift it.)"""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    elif value.tzinfo is not None:
        value = value.astimezone()  # a stored UTC time → the local time the user saw
    return value.replace(microsecond=0, tzinfo=None).isoformat()


# -- fields --------------------------------------------------------------------------------


def simple_field(parent: etree._Element, instr: str, placeholder: str,
                 props: etree._Element | None = None) -> etree._Element:
    """``w:fldSimple`` (e.g. PAGE) with a cached result Word and LibreOffice replace."""
    f = sub(parent, "fldSimple", instr=instr)
    run(f, placeholder, props)
    return f


def field_begin(parent: etree._Element, instr: str, props: etree._Element | None = None) -> None:
    """The first half of a complex field: begin (dirty: Word recomputes it), the
    instruction, separate; the cached result and :func:`field_end` follow."""
    begin = _bare_run(parent, props)
    sub(begin, "fldChar", fldCharType="begin", dirty="true")
    it = sub(_bare_run(parent, props), "instrText")
    it.text = f" {instr} "
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    sub(_bare_run(parent, None), "fldChar", fldCharType="separate")


def _bare_run(parent: etree._Element, props: etree._Element | None) -> etree._Element:
    r = etree.SubElement(parent, qn("w:r"))
    if props is not None:
        r.append(copy.deepcopy(props))
    return r


def field_end(parent: etree._Element) -> None:
    r = etree.SubElement(parent, qn("w:r"))
    sub(r, "fldChar", fldCharType="end")


# -- highlight palette ---------------------------------------------------------------------

#: Word's highlight colours (ST_HighlightColor) by hue, the light row and the dark row.
#: Black and white are never used: a black highlight hides the text, a white one shows nothing.
_BRIGHT = {0: "red", 60: "yellow", 120: "green", 180: "cyan", 240: "blue", 300: "magenta"}
_DARK = {0: "darkRed", 60: "darkYellow", 120: "darkGreen", 180: "darkCyan", 240: "darkBlue",
         300: "darkMagenta"}
HIGHLIGHTS = frozenset({*_BRIGHT.values(), *_DARK.values(), "lightGray", "darkGray"})
#: Highlights on which black text is hard to read: their text is written white.
DARK_HIGHLIGHTS = frozenset({*_DARK.values(), "blue", "darkGray"})
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def parse_hex(colour: str | None) -> tuple[int, int, int] | None:
    """'#FFD54F' / 'ffd54f' / '#fd5' → (255, 213, 79); None when it is not a hex colour."""
    m = _HEX.match((colour or "").strip())
    if not m:
        return None
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@lru_cache(maxsize=256)
def nearest_highlight(colour: str | None) -> str:
    """The Word highlight colour nearest to a category colour (yellow when unreadable).

    Nearest by hue: category colours are mostly pastel, and a pastel green should become
    Word's green, not the dark green a plain RGB/Lab distance picks.  Greyish colours map to
    the greys, very dark ones to the dark row.
    """
    rgb = parse_hex(colour)
    if rgb is None:
        return "yellow"
    hue, light, _ = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    chroma = (max(rgb) - min(rgb)) / 255
    if chroma < 0.15:
        return "lightGray" if light >= 0.5 else "darkGray"
    row = _DARK if light < 0.3 else _BRIGHT
    if light >= 0.6:  # a pastel (lavender, sky blue) reads as cyan or magenta, not as Word's dark blue
        row = {h: name for h, name in row.items() if name != "blue"}
    deg = hue * 360
    return row[min(row, key=lambda h: min(abs(deg - h), 360 - abs(deg - h)))]


# -- small formatting helpers ----------------------------------------------------------------


def cn_date(d: date | datetime | None) -> str:
    """2022-10-01 → 2022年10月1日 (the way Chinese official documents write dates)."""
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


def initials(author: str) -> str:
    """What Word shows in a comment mark: 'Li Ming' → 'LM'; a Chinese name as is (≤ 3 chars)."""
    author = author.strip()
    if not author:
        return ""
    if author.isascii():
        return "".join(w[0].upper() for w in author.split() if w)[:4]
    return author if len(author) <= 3 else author[:2]
