"""Reading order of a page's lines: top to bottom, and column by column where a page is
set in columns (a two-column 目录, a bilingual page).

Columns exist only where a vertical strip in the middle of the page is free of text on
every line except a few full-width ones (a title above the columns); lines on the same
baseline on both sides of the strip are cut in two.  Pages without such a strip — nearly
all — are left as they are, and the test is skipped outright unless some line starts in
the right half of the page or has a wide gap.
"""
from __future__ import annotations

from reader.core.importers.pdf_chars import Line

#: The gutter must be at least this many character sizes wide.
_GUTTER = 1.0


def reading_order(lines: list[Line], page_width: float) -> list[Line]:
    """``lines`` (sorted top to bottom) in reading order."""
    if len(lines) < 10 or not _may_have_columns(lines, page_width):
        return lines
    gutter = _gutter(lines, page_width)
    if gutter is None:
        return lines
    g0, g1 = gutter
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        if line.x1 <= g0:
            left.append(line)
        elif line.x0 >= g1:
            right.append(line)
        elif not any(g0 < (lo + hi) / 2 < g1 for lo, hi, ch in zip(line.lefts, line.rights, line.text) if ch != " "):
            cut = next(k for k, lo in enumerate(line.lefts) if lo >= g1)
            left.append(_slice(line, 0, cut))
            right.append(_slice(line, cut, len(line.text)))
        else:  # spans the gutter: ends the column block above it
            out.extend(left + right)
            left, right = [], []
            out.append(line)
    return out + left + right


def _may_have_columns(lines: list[Line], page_width: float) -> bool:
    """Cheap test: lines start in the right half, or have a wide gap mid-page."""
    hits = 0
    for line in lines:
        if line.x0 > 0.45 * page_width or _mid_gap(line, page_width):
            hits += 1
            if hits >= 5:
                return True
    return False


def _mid_gap(line: Line, page_width: float) -> bool:
    """A gap of a character or more in the middle half of the page."""
    return any(0.25 * page_width < (lo + hi) / 2 < 0.75 * page_width for lo, hi in _wide_gaps(line))


def _wide_gaps(line: Line) -> list[tuple[float, float]]:
    """Gaps of a character or more (pdf_chars puts a space into the text for each gap)."""
    out = []
    k = line.text.find(" ")
    while k >= 0:
        if line.rights[k] - line.lefts[k] >= _GUTTER * line.em:
            out.append((line.lefts[k], line.rights[k]))
        k = line.text.find(" ", k + 1)
    return out


def _gutter(lines: list[Line], page_width: float) -> tuple[float, float] | None:
    """The widest text-free strip in the middle half of the page, if lines lie on both
    sides of it and at most a fifth of the lines cross it."""
    em = sorted(ln.em for ln in lines)[len(lines) // 2]
    narrow = [ln for ln in lines if not _spans_page(ln, page_width)]
    if len(narrow) < 0.8 * len(lines):
        return None
    spans = sorted((lo, hi) for ln in narrow for lo, hi, ch in zip(ln.lefts, ln.rights, ln.text) if ch != " ")
    lo_limit, hi_limit = 0.25 * page_width, 0.75 * page_width
    best: tuple[float, float] | None = None
    reach = spans[0][1] if spans else 0.0
    for lo, hi in spans[1:]:
        if lo > reach and lo > lo_limit and reach < hi_limit:
            g0, g1 = max(reach, lo_limit), min(lo, hi_limit)
            if g1 - g0 >= _GUTTER * em and (best is None or g1 - g0 > best[1] - best[0]):
                best = (reach, lo)
        reach = max(reach, hi)
    if best is None:
        return None
    g0, g1 = best
    left = sum(1 for ln in narrow if ln.x0 < g0)
    right = sum(1 for ln in narrow if ln.x1 > g1)
    return best if left >= 5 and right >= 5 else None


def _spans_page(line: Line, page_width: float) -> bool:
    """A full-width line without a wide gap: a title or heading above the columns."""
    if line.x1 - line.x0 < 0.6 * page_width:
        return False
    return not _wide_gaps(line)


def _slice(line: Line, start: int, end: int) -> Line:
    while start < end and line.text[start] == " ":
        start += 1
    while end > start and line.text[end - 1] == " ":
        end -= 1
    return Line(line.text[start:end], line.lefts[start:end], line.rights[start:end], line.y, line.top,
                line.bottom, line.em, line.page, frozenset(k - start for k in line.raised if start <= k < end))
