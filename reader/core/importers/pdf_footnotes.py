"""Footnote bodies at the bottom of a page, lifted out of the running text.

A footnote block is the run of lines at a page bottom (furniture already gone) set
smaller than the body and below a gap: glued into the body it would split a sentence in
two.  Each footnote opens with its mark (①, 1, [1], 注1); marks printed as raised small
digits in the body become the circled mark the structure builder attaches footnotes by.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.importers.pdf_chars import Line
from reader.core.importers.pdf_furniture import Page
from reader.core.textrepair import FOOTNOTE_MARKS

_COLOPHON = re.compile(r"^(?:抄送|主送|分送|公开方式|联系人|联系电话)[:：]|印发$")
_MARK = re.compile(r"^(?:([①-⑳])|\[?(\d{1,2})[\].．、)）]?(?=\s|[^\d.]))\s*")


@dataclass
class Footnotes:
    items: list[tuple[str, str, int]] = field(default_factory=list)  # (mark, text with the mark, page)
    warnings: list[str] = field(default_factory=list)


def lift_footnotes(pages: list[Page], body_em: float) -> Footnotes:
    """Remove footnote blocks from ``pages`` (in place) and return them."""
    notes = Footnotes()
    for page in pages:
        block = _block(page, body_em)
        if not block:
            continue
        del page.lines[len(page.lines) - len(block):]
        texts = _split(block)
        for mark, text in texts:
            if mark is None:
                mark = FOOTNOTE_MARKS[min(len(notes.items), len(FOOTNOTE_MARKS) - 1)]
                notes.warnings.append(f"page {page.number + 1}: a footnote without a mark was moved to the "
                                      f"notes as {mark}")
            else:
                _mark_body(page.lines, mark)
            notes.items.append((mark, text if text.startswith(mark) else mark + text, page.number))
    return notes


def _block(page: Page, body_em: float) -> list[Line]:
    """The small-print lines closing the page, if they stand apart from the body."""
    lines = page.lines
    k = len(lines)
    while k > 0 and lines[k - 1].em <= 0.93 * body_em:
        k -= 1
    if k == len(lines) or k == 0:
        return []
    block = lines[k:]
    above = lines[k - 1]
    gap = above.bottom - block[0].top
    marked = _MARK.match(block[0].text.strip()) is not None
    smaller = max(ln.em for ln in block) <= (0.93 if marked else 0.88) * body_em
    if not smaller or gap < 0.5 * body_em or len(block) > max(3, len(lines) // 3):
        return []
    if any(_COLOPHON.search(ln.text.replace(" ", "")) for ln in block):
        return []  # the 版记 of a document (抄送 …, … 印发) is small print too, but body
    return block


def _split(block: list[Line]) -> list[tuple[str | None, str]]:
    """The block's footnotes: a new one starts at a line opening with a mark."""
    out: list[tuple[str | None, str]] = []
    for line in block:
        text = line.text.strip()
        m = _MARK.match(text)
        if m:
            mark = m.group(1) or _circled(int(m.group(2)))
            out.append((mark, text[m.end():]))
        elif out:
            mark, prev = out[-1]
            out[-1] = (mark, prev + text)
        else:
            out.append((None, text))
    return out


def _circled(n: int) -> str | None:
    return FOOTNOTE_MARKS[n - 1] if 1 <= n <= len(FOOTNOTE_MARKS) else None


def _mark_body(lines: list[Line], mark: str) -> None:
    """Print the footnote's raised number in the body as its circled mark."""
    number = str(FOOTNOTE_MARKS.index(mark) + 1)
    for line in reversed(lines):
        if mark in line.text:
            return
        for k, ch in enumerate(line.text):
            if k in line.raised and ch.isdigit():
                end = k
                while end < len(line.text) and end in line.raised and line.text[end].isdigit():
                    end += 1
                if line.text[k:end] == number:
                    line.text = line.text[:k] + mark + " " * (end - k - 1) + line.text[end:]
                    return
