"""Text repair of PDF/gazette extracts: physical lines in, clean paragraphs out.

Order matters: characters are repaired first (textrepair), then page furniture, the
table of contents and trailing web junk are removed, footnote bodies are lifted out
of the flow, and finally hard-wrapped lines are joined back into paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core import toc
from reader.core.furniture import is_furniture, page_furniture  # noqa: F401 - is_furniture: public
from reader.core.importers.base import SourceText
from reader.core.markers import CN_COMMA, NUM_DOT, heading_marker, is_caption, opening_marker
from reader.core.tablerows import repair_row
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
    gaps: int = 0  # spaces extraction shows beside digits and Latin letters (see width)

    @property
    def width(self) -> int:
        """The printed width in half-width columns.  Repair drops the spaces around digits
        and Latin words, but on the page they took room: about half a column each."""
        return display_width(self.text) + self.gaps // 2


# --- page furniture ------------------------------------------------------------------

_DOT_LEADER = re.compile(r"(?:[.·…]|\.\s){4,}\s*\d*\s*$")

_WEB_JUNK = re.compile(
    r"https?://|www\.|预览已结束|完整报告|二维码|点击(下载|查看|进入)|扫一扫|分享到|打印本页|关闭窗口|"
    r"返回顶部|上一篇|下一篇|责任编辑|【(打印|关闭)】|来源：\S*网"
)


def clean(src: SourceText) -> CleanText:
    """Turn an importer's lines into repaired paragraphs, footnotes and warnings."""
    out = CleanText(paras=[])
    lines = _repaired_lines(src, out)
    _drop_trailing_junk(lines, out)
    lines = _drop_toc(lines, out, leaders=not src.hard_breaks)
    if src.hard_breaks:
        out.paras = [Para(ln.text, ln.no, src.headings.get(ln.no - 1, 0)) for ln in lines]
        out.footnotes = _importer_footnotes(src)
        return out
    lines = _lift_footnotes(lines, out)
    out.paras = _join_wrapped(lines)
    return out


def _repaired_lines(src: SourceText, out: CleanText) -> list[_Line]:
    """Repaired non-blank lines without page furniture.  Blank lines around furniture
    belong to the page break, so the line after it is marked ``page_break``, not blank."""
    texts = [repair_row(raw) or repair_line(raw) for raw in src.lines]  # a table row keeps its tabs
    furniture = set() if src.hard_breaks else page_furniture(texts)
    lines: list[_Line] = []
    pending_break = False
    blank = False
    for i, (raw, text) in enumerate(zip(src.lines, texts)):
        if not text:
            blank = True
            continue
        if i in furniture:
            out.removed.append(text)
            pending_break = True
            blank = False
            continue
        lines.append(
            _Line(i + 1, text, page_start=raw[:1] in (" ", "\u3000") and not raw[:2].isspace(),
                  page_break=pending_break, blank_before=blank and not pending_break,
                  indent=_indent(raw), gaps=len(_ALNUM_GAP.findall(raw.strip())))
        )
        pending_break = False
        blank = False
    return lines


_ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ%％"
#: A space between a Chinese character and a digit or Latin letter (not between two numbers
#: of a table row, whose spaces are column gaps).
_ALNUM_GAP = re.compile(rf"(?<=[{_ALNUM}]) +(?=[^\s{_ALNUM}\x00-\x7f])|(?<=[^\s{_ALNUM}\x00-\x7f]) +(?=[{_ALNUM}])")


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


def _drop_toc(lines: list[_Line], out: CleanText, leaders: bool = True) -> list[_Line]:
    """Remove a 目录 block (heading and entries) in every layout; with ``leaders`` (PDF
    extracts) also lone dot-leader lines, which only a table of contents prints."""
    keep: list[_Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if toc.is_heading(ln.text):
            end = toc.block_end([x.text for x in lines], i + 1)
            if end is not None:
                out.removed.extend(x.text for x in lines[i:end])
                if end < len(lines):
                    lines[end].page_break = True
                i = end
                continue
        if leaders and _DOT_LEADER.search(ln.text) and len(ln.text) > 6:
            out.removed.append(ln.text)
            i += 1
            continue
        keep.append(ln)
        i += 1
    return keep


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


def _importer_footnotes(src: SourceText) -> list[Footnote]:
    """Footnotes an importer already took out of the flow by layout (PDF: small print at a
    page bottom), as ``meta["footnotes"]``: [{"mark", "text", "line"}]."""
    items = src.meta.get("footnotes") or []
    return [Footnote(str(f["mark"]), repair_line(str(f["text"])), int(f["line"])) for f in items  # type: ignore[union-attr, index]
            if str(f["mark"]) in FOOTNOTE_MARKS]  # type: ignore[index]


def _ends_footnote(ln: _Line) -> bool:
    return ln.page_start or ln.page_break or ln.text[0] in FOOTNOTE_MARKS or heading_marker(ln.text) is not None


# --- paragraph recovery --------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。；：！？…]['\"”’）)》]*$|[。！？]$")
#: Lines that open a paragraph whatever precedes them: the 版记 and closers of GB/T 9704.
_ALWAYS_OPENS = re.compile(r"^(公开方式|抄送|主送|分送|附件?)[:：]")
_LEAD_TOKEN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.%]*")
_ENDS_IN_MARK = re.compile(r"[，。；：！？、…）)》”’」』〉]$")
#: Paragraph-start and continuation samples needed before blanks or indents count as evidence.
_MIN_SAMPLES = 5


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


@dataclass
class _Layout:
    """What this extract's lines say about its paragraphs (see :func:`_layout_of`)."""

    width: int  # display columns of a full line
    blank_breaks: bool  # a blank line between two lines marks a paragraph break
    blanks_mark_all: bool  # … and every paragraph break has one: no blank, no break
    indents: bool  # a first-line indent marks every paragraph


def _page_width(lines: list[_Line]) -> int:
    """The width of a full line: the widest width common among long lines that end in a
    character, not a mark (marks may hang into the margin; a paragraph's first line is
    narrower by its lost indent, and in laws of short paragraphs first lines are the
    commonest)."""
    widths = sorted(ln.width for ln in lines)
    if not widths:
        return 0
    high = widths[min(len(widths) - 1, int(len(widths) * 0.85))]
    counts = Counter(w for ln in lines if (w := ln.width) >= 0.6 * high
                     and not _ENDS_IN_MARK.search(ln.text) and opening_marker(ln.text) is None)
    if sum(counts.values()) < _MIN_SAMPLES:
        return high
    most = max(counts.values())
    return max(w for w, n in counts.items() if n >= min(most, max(3, 0.2 * most)))


def _layout_of(lines: list[_Line]) -> _Layout:
    """Read the extract's conventions from lines whose role is certain: a full line that
    stops mid-sentence is followed by a continuation; a short line that ends a sentence
    is followed by a new paragraph.  What blank lines and indents do at those places
    says what they mean everywhere else."""
    width = _page_width(lines)
    cont: list[_Line] = []  # lines that surely continue a paragraph
    start: list[_Line] = []  # lines that surely open one
    for ln, nxt in zip(lines, lines[1:]):
        if nxt.page_break or opening_marker(nxt.text) is not None:
            continue
        w = ln.width
        if w >= width - 2 and not _ends_sentence(ln.text):
            cont.append(nxt)
        elif w < width - 10 and _ends_sentence(ln.text):
            start.append(nxt)
    return _Layout(width, _blank_lines_are_breaks(lines, cont), _blanks_mark_all(cont, start),
                   _indents_mark_paragraphs(lines, cont, start))


def _share(lines: list[_Line], test: Callable[[_Line], bool]) -> float:
    return sum(1 for ln in lines if test(ln)) / len(lines) if lines else 0.0


def _blank_lines_are_breaks(lines: list[_Line], cont: list[_Line]) -> bool:
    """In some PDF extracts every line is followed by a blank one; then blanks mean nothing."""
    if len(cont) >= _MIN_SAMPLES:
        return _share(cont, lambda ln: ln.blank_before) < 0.5
    if len(lines) < 4:
        return True
    return sum(ln.blank_before for ln in lines[1:]) < 0.5 * (len(lines) - 1)


def _blanks_mark_all(cont: list[_Line], start: list[_Line]) -> bool:
    """Blank lines between paragraphs and none inside them: then a missing blank joins."""
    if len(cont) < _MIN_SAMPLES or len(start) < _MIN_SAMPLES:
        return False
    return _share(start, lambda ln: ln.blank_before) >= 0.8 and _share(cont, lambda ln: ln.blank_before) <= 0.2


def _indents_mark_paragraphs(lines: list[_Line], cont: list[_Line], start: list[_Line]) -> bool:
    """pdftotext -layout and typed text indent a paragraph's first line by two characters
    (two spaces or more); continuation lines start at the margin."""
    if len(cont) >= _MIN_SAMPLES and len(start) >= _MIN_SAMPLES:
        return (_share(start, lambda ln: ln.indent >= 2) >= 0.6
                and _share(cont, lambda ln: ln.indent >= 2) <= 0.2)
    indented = sum(1 for ln in lines if ln.indent >= 3)
    return 0.05 * len(lines) <= indented <= 0.7 * len(lines)


def _join_wrapped(lines: list[_Line]) -> list[Para]:
    """Join hard-wrapped lines back into paragraphs.

    A line continues into the next when it fills the page width (less the two-character
    indent a paragraph's first line loses in extraction), or when it is long and stops
    mid-sentence.  A structural marker opening the next line, a sentence end on a line
    short of the width, or a short unpunctuated line (titles, headings, signatures)
    ends the paragraph.  Where the extract marks paragraphs by blank lines or indents,
    those decide — except that a full line stopping mid-sentence always runs on (a blank
    line there is an extraction accident).  A sentence end on a full line is ambiguous
    without them; the next line decides (see :func:`_opens_after_full_stop`).
    Page furniture between two lines says nothing about a paragraph break.
    """
    if not lines:
        return []
    layout = _layout_of(lines)
    paras: list[Para] = []
    buf: list[str] = [lines[0].text]
    start = lines[0]
    for i in range(len(lines) - 1):
        ln, nxt = lines[i], lines[i + 1]
        after = lines[i + 2] if i + 2 < len(lines) else None
        if _continues(ln, nxt, after, ln is start, layout):
            buf.append(nxt.text)
            continue
        paras.append(Para(widen_parens(_concat(buf)), start.no))
        buf, start = [nxt.text], nxt
    paras.append(Para(widen_parens(_concat(buf)), start.no))
    return paras


_ORDINAL_OPENER = re.compile(r"^[一二三四五六七八九十]+是")


def _continues(ln: _Line, nxt: _Line, after: _Line | None, first_line: bool, layout: _Layout) -> bool:
    """Does ``nxt`` continue the paragraph ``ln`` belongs to (``first_line``: ``ln`` opens it)?"""
    text, width, w = ln.text, layout.width, ln.width
    if heading_marker(text) is not None and w < width - 8:
        return False
    full = w >= width - (8 if first_line else 4)
    ends = _ends_sentence(text)
    marker = opening_marker(nxt.text)
    # a number wrapped onto the next line inside a list (已满十四、/十六、十八周岁) is no outline mark
    listed = full and text.endswith(("、", "，")) and marker is not None and marker.form in (CN_COMMA, NUM_DOT)
    if marker is not None and (marker.strong or ends or not full) and not listed:
        return False
    if (ends and _ORDINAL_OPENER.match(nxt.text)) or is_caption(nxt.text) or _ALWAYS_OPENS.match(nxt.text):
        return False
    mid_sentence = full and not ends
    if layout.blank_breaks and nxt.blank_before and not mid_sentence:
        return False
    if layout.indents and nxt.indent >= 2 and not mid_sentence:
        return False
    if not full:
        if ends:
            return False
        if width > 100:  # one paragraph per line: a long line may stop short at a page break
            return w > 60
        # hard-wrapped: titles, headings and signatures stop well short; a line of numbers
        # (whose extraction spaces took page width) stops only a little short mid-sentence
        return w >= width * 0.8
    if not ends or layout.indents or (layout.blanks_mark_all and not nxt.page_break):
        return True
    return not _opens_after_full_stop(nxt, after, width)


def _opens_after_full_stop(nxt: _Line, after: _Line | None, width: int) -> bool:
    """After a full line ending a sentence, does ``nxt`` open a new paragraph?

    A paragraph's first line lost its two-character indent: it is that much narrower than
    a full line, and it runs on.  A continuation line falls as short only when the first
    word of the line after it (a number, a Latin word) did not fit.  A short line without
    a sentence end is a title or heading.  A line ending a sentence may be the
    paragraph's tail as well as a paragraph of one line: the wrap is kept.
    """
    if _ends_sentence(nxt.text) or after is None:
        return False
    w2 = nxt.width
    if w2 >= width - 1:
        return False
    if w2 < width * 0.8:
        return True
    lead = _LEAD_TOKEN.match(after.text)
    return w2 + (display_width(lead.group()) if lead else 2) <= width


def _concat(parts: list[str]) -> str:
    """Join wrapped pieces; a space survives only between two Latin words."""
    text = parts[0]
    for part in parts[1:]:
        if text[-1:].isascii() and text[-1:].isalnum() and part[:1].isascii() and part[:1].isalpha():
            text += " "
        text += part
    return text
