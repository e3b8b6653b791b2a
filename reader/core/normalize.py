"""Text repair of PDF/gazette extracts: physical lines in, clean paragraphs out.

Order matters: characters are repaired first (textrepair), then page furniture, the
table of contents and trailing web junk are removed, footnote bodies are lifted out
of the flow, and finally hard-wrapped lines are joined back into paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.importers.base import SourceText
from reader.core.markers import heading_marker, is_caption, opening_marker
from reader.core.textrepair import FOOTNOTE_MARKS, display_width, repair_line, widen_parens


@dataclass
class Para:
    """A recovered paragraph and the 1-based source line it starts on."""

    text: str
    line: int
    heading_depth: int = 0  # Markdown heading depth; 0 for ordinary paragraphs


@dataclass
class Footnote:
    mark: str
    text: str
    line: int


@dataclass
class CleanText:
    paras: list[Para]
    footnotes: list[Footnote] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Line:
    no: int  # 1-based line number in the source
    text: str  # repaired
    page_start: bool = False  # extraction indents the first line of a page by one space
    page_break: bool = False  # page furniture was removed just before this line
    blank_before: bool = False
    indent: int = 0  # leading white space in half-width columns


# --- page furniture ------------------------------------------------------------------

_FURNITURE = [
    re.compile(r"^\d{1,4}（本文与正式文件同等效力）$"),  # gazette footer (page number reversed)
    re.compile(r"^[-—–]{1,2}\d{1,4}[-—–]{1,2}$"),  # — 3 —
    re.compile(r"^第\d{1,4}页(共\d{1,4}页)?$"),
    re.compile(r"^\S{2,24}公报\d{4}年第\d{1,3}期(（总第\d+期）)?$"),  # running header
    re.compile(r"^(-\s*)?\d{1,4}(\s*-)?$"),  # a bare page number
]
_DOT_LEADER = re.compile(r"(?:[.·…]|\.\s){4,}\s*\d*\s*$")
_TOC_HEAD = re.compile(r"^目录$")

_WEB_JUNK = re.compile(
    r"https?://|www\.|预览已结束|完整报告|二维码|点击(下载|查看|进入)|扫一扫|分享到|打印本页|关闭窗口|"
    r"返回顶部|上一篇|下一篇|责任编辑|【(打印|关闭)】|来源：\S*网"
)


def is_furniture(text: str) -> bool:
    """Page numbers, gazette footers and running headers: not part of any document."""
    return any(p.match(text) for p in _FURNITURE)


def clean(src: SourceText) -> CleanText:
    """Turn an importer's lines into repaired paragraphs, footnotes and warnings."""
    out = CleanText(paras=[])
    lines = _repaired_lines(src, out)
    _drop_trailing_junk(lines, out)
    if src.hard_breaks:
        out.paras = [Para(ln.text, ln.no, src.headings.get(ln.no - 1, 0)) for ln in lines]
        return out
    lines = _drop_toc(lines, out)
    lines = _lift_footnotes(lines, out)
    out.paras = _join_wrapped(lines)
    return out


def _repaired_lines(src: SourceText, out: CleanText) -> list[_Line]:
    lines: list[_Line] = []
    pending_break = False
    blank = False
    for i, raw in enumerate(src.lines):
        text = repair_line(raw)
        if not text:
            blank = True
            continue
        if not src.hard_breaks and is_furniture(text):
            out.removed.append(text)
            pending_break = True
            continue
        lines.append(
            _Line(i + 1, text, page_start=raw[:1] in (" ", "\u3000") and not raw[:2].isspace(),
                  page_break=pending_break, blank_before=blank, indent=_indent(raw))
        )
        pending_break = False
        blank = False
    return lines


def _indent(raw: str) -> int:
    width = 0
    for ch in raw:
        if ch == " ":
            width += 1
        elif ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def _drop_trailing_junk(lines: list[_Line], out: CleanText) -> None:
    """Web pages append 'preview ended', links and QR prompts: cut them, and say so."""
    cut = len(lines)
    while cut and _WEB_JUNK.search(lines[cut - 1].text):
        cut -= 1
    if cut == len(lines):
        return
    out.removed.extend(ln.text for ln in lines[cut:])
    out.warnings.append(f"line {lines[cut].no}: trailing web text removed")
    if cut and not _ends_sentence(lines[cut - 1].text):
        out.warnings.append(f"line {lines[cut - 1].no}: the text appears cut short here")
    del lines[cut:]


def _toc_key(text: str) -> str:
    return re.sub(r"\d+$", "", _DOT_LEADER.sub("", text)).replace(" ", "")


def _drop_toc(lines: list[_Line], out: CleanText) -> list[_Line]:
    """Remove a 目录 block: its entries end where the body repeats the first entry."""
    keep: list[_Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _TOC_HEAD.match(ln.text.replace(" ", "")):
            end = _toc_end(lines, i + 1)
            if end is not None:
                out.removed.extend(x.text for x in lines[i:end])
                if end < len(lines):
                    lines[end].page_break = True
                i = end
                continue
        if _DOT_LEADER.search(ln.text) and len(ln.text) > 6:
            out.removed.append(ln.text)
            i += 1
            continue
        keep.append(ln)
        i += 1
    return keep


def _toc_end(lines: list[_Line], start: int) -> int | None:
    if start >= len(lines):
        return None
    first = _toc_key(lines[start].text)
    for j in range(start + 1, min(len(lines), start + 400)):
        if _toc_key(lines[j].text) == first and j - start >= 2:
            return j
    return None


# --- footnotes -----------------------------------------------------------------------

def _lift_footnotes(lines: list[_Line], out: CleanText) -> list[_Line]:
    """Footnote bodies sit at a page bottom (before or after the footer): move them out.

    A footnote starts with a marker already seen in the body; its lines run until the
    next page starts (leading space), page furniture, or another footnote.
    """
    seen: set[str] = set()
    body: list[_Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        mark = ln.text[0]
        if mark in FOOTNOTE_MARKS and mark in seen:
            j = i
            marks: list[str] = []
            while j < len(lines) and lines[j].text in FOOTNOTE_MARKS and lines[j].text in seen:
                marks.append(lines[j].text)
                j += 1
            k = j
            while k < len(lines) and (k == j or not _ends_footnote(lines[k])):
                k += 1
            if marks:  # lone markers, then their bodies in order
                texts = [p.text for p in _join_wrapped(lines[j:k])]
                if len(texts) != len(marks):
                    out.warnings.append(f"line {ln.no}: {len(marks)} footnote marks but {len(texts)} footnote texts")
                    texts = (texts + [""] * len(marks))[: len(marks) - 1] + ["".join(texts[len(marks) - 1:])]
                for m, t in zip(marks, texts):
                    out.footnotes.append(Footnote(m, m + t, ln.no))
            else:
                text = "".join(x.text for x in lines[i:k])
                out.footnotes.append(Footnote(mark, text, ln.no))
            for m in marks or [mark]:
                seen.discard(m)
            if k < len(lines):
                lines[k].page_break = lines[k].page_break or lines[k].page_start
            i = k
            continue
        seen.update(ch for ch in ln.text if ch in FOOTNOTE_MARKS)
        body.append(ln)
        i += 1
    return body


def _ends_footnote(ln: _Line) -> bool:
    return ln.page_start or ln.page_break or ln.text[0] in FOOTNOTE_MARKS or heading_marker(ln.text) is not None


# --- paragraph recovery --------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。；：！？…]['\"”’）)》]*$|[。！？]$")


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _page_width(lines: list[_Line]) -> int:
    """The width of a full line: a high percentile of line widths."""
    widths = sorted(display_width(ln.text) for ln in lines)
    if not widths:
        return 0
    return widths[min(len(widths) - 1, int(len(widths) * 0.85))]


def _blank_lines_are_breaks(lines: list[_Line]) -> bool:
    """In PDF extracts every line is followed by a blank one; then blanks mean nothing."""
    if len(lines) < 4:
        return True
    return sum(ln.blank_before for ln in lines[1:]) < 0.5 * (len(lines) - 1)


def _join_wrapped(lines: list[_Line]) -> list[Para]:
    """Join hard-wrapped lines back into paragraphs.

    A line continues into the next when it fills the page width (less the two-character
    indent a paragraph's first line loses in extraction), or when it is long and stops
    mid-sentence.  A structural marker opening the next line, a sentence end on a line
    short of the width, or a short unpunctuated line (titles, headings, signatures)
    ends the paragraph.  A sentence end on a full line is ambiguous; the next line's
    width decides: an indented (narrower) line opens a new paragraph.
    """
    if not lines:
        return []
    width = _page_width(lines)
    blanks_break = _blank_lines_are_breaks(lines)
    indents = _indents_mark_paragraphs(lines)
    paras: list[Para] = []
    buf: list[str] = [lines[0].text]
    start = lines[0]
    first_line = True
    for i in range(len(lines) - 1):
        ln, nxt = lines[i], lines[i + 1]
        after = lines[i + 2] if i + 2 < len(lines) else None
        if _continues(ln.text, nxt, after, first_line, width, blanks_break, indents):
            buf.append(nxt.text)
            first_line = False
            continue
        paras.append(Para(widen_parens(_concat(buf)), start.no))
        buf, start, first_line = [nxt.text], nxt, True
    paras.append(Para(widen_parens(_concat(buf)), start.no))
    return paras


_ORDINAL_OPENER = re.compile(r"^[一二三四五六七八九十]+是")


def _indents_mark_paragraphs(lines: list[_Line]) -> bool:
    """pdftotext and typed text indent a paragraph's first line by two characters."""
    indented = sum(1 for ln in lines if ln.indent >= 3)
    return 0.05 * len(lines) <= indented <= 0.7 * len(lines)


def _continues(text: str, nxt: _Line, after: _Line | None, first_line: bool, width: int,
               blanks_break: bool, indents: bool = False) -> bool:
    if blanks_break and nxt.blank_before:
        return False
    if indents and nxt.indent >= 3:
        return False
    w = display_width(text)
    if heading_marker(text) is not None and w < width - 8:
        return False
    full = w >= width - (8 if first_line else 4)
    ends = _ends_sentence(text)
    marker = opening_marker(nxt.text)
    if marker is not None and (marker.strong or ends or not full):
        return False
    if (ends and _ORDINAL_OPENER.match(nxt.text)) or is_caption(nxt.text):
        return False
    if not full:
        if ends:
            return False
        if width > 100:  # one paragraph per line: a long line may stop short at a page break
            return w > 60
        # hard-wrapped: titles, headings and signatures stop well short; a line of numbers
        # (whose extraction spaces took page width) stops only a little short mid-sentence
        return w >= width * 0.8
    if not ends or indents:
        return True
    w2 = display_width(nxt.text)
    next_is_indented = width - 10 <= w2 <= width - 3 and after is not None
    return not next_is_indented


def _concat(parts: list[str]) -> str:
    """Join wrapped pieces; a space survives only between two Latin words."""
    text = parts[0]
    for part in parts[1:]:
        if text[-1:].isascii() and text[-1:].isalnum() and part[:1].isascii() and part[:1].isalpha():
            text += " "
        text += part
    return text
