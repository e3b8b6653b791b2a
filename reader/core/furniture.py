"""Page furniture of PDF/gazette extracts: page numbers, gazette footers, running headers.

Furniture is told by position and repetition, not by shape alone.  Decorated page numbers
(``— 3 —``, ``第3页共9页``, the gazette footer ``13（本文与正式文件同等效力）``) and the
dated gazette header (``广州市人民政府公报2022年第27期``) are unmistakable.  A line holding
only a number is a page number only when such lines count the pages in sequence, a page's
worth of lines apart; a number alone inside the body (a table cell, a formula's result)
stays.  A running header is a short line that comes back at page boundaries, page after
page; the same words met once, or only where documents begin, are text.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict

from reader.core.markers import opening_marker
from reader.core.textrepair import display_width

_DATED_HEADER = re.compile(r"^\S{2,24}公报\d{4}年第\d{1,3}期(（总第\d+期）)?$")  # a running header
_SHAPED = [
    re.compile(r"^\d{1,4}（本文与正式文件同等效力）$"),  # gazette footer (page number reversed)
    re.compile(r"^[-—–]{1,2}\d{1,4}[-—–]{1,2}$"),  # — 3 —, - 3 -
    re.compile(r"^(?:[-—–]\d{1,4}|\d{1,4}[-—–])$"),  # - 3, 3 - (one dash lost in extraction)
    re.compile(r"^第\d{1,4}页(共\d{1,4}页)?$"),
    _DATED_HEADER,
]
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_SENTENCE_END = re.compile(r"[。；：！？]['\"”’）)》]*$")
_PUNCT_END = re.compile(r"[。；：！？，、]['\"”’）)》]*$")

#: Consecutive page numbers sit at least this many text lines apart: fewer lines than this
#: make a table's row numbers, not pages.
MIN_PAGE_LINES = 12
#: A running header is met at this share of page tops or more (two alternating headers: half).
HEADER_SHARE = 0.4
#: Page boundaries a running header must come back at.
HEADER_MIN_PAGES = 3


def is_furniture(text: str) -> bool:
    """A line whose shape alone says page furniture (bare numbers need their context:
    see :func:`page_furniture`)."""
    return any(p.match(text) for p in _SHAPED)


def page_furniture(texts: list[str]) -> set[int]:
    """Indices of the furniture lines among repaired lines (blank lines are ``""``)."""
    found = {i for i, t in enumerate(texts) if t and is_furniture(t)}
    if sum(1 for i in found if not _DATED_HEADER.match(texts[i])) < 2:
        found |= _page_numbers(texts)  # a page carries one number: decorated ones leave none bare
    return found | _running_headers(texts, found)


def _page_numbers(texts: list[str]) -> set[int]:
    """Bare numbers that run in sequence across the file, a page apart."""
    content = [i for i, t in enumerate(texts) if t]
    cands = [(k, int(texts[i]), i) for k, i in enumerate(content) if _BARE_NUMBER.match(texts[i])]
    found: dict[int, int] = {}  # line index → page number
    while len(cands) >= 2:
        run = _longest_run(cands)
        if len(run) < 2:
            break
        found.update((i, value) for _k, value, i in run)
        taken = set(run)
        cands = [c for c in cands if c not in taken]
    for _k, value, i in cands:  # a short page between runs: its number still continues them
        before = max((j for j in found if j < i), default=None)
        after = min((j for j in found if j > i), default=None)
        fits_before = before is None or found[before] == value - 1
        fits_after = after is None or found[after] == value + 1
        if fits_before and fits_after and (before, after) != (None, None):
            found[i] = value
    if not found and len(content) > 1 and _BARE_NUMBER.match(texts[content[-1]]):
        found[content[-1]] = int(texts[content[-1]])  # the number of a file's only page closes it
    return set(found)


def _longest_run(cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest run n, n+1, n+2 … in file order, pages at least MIN_PAGE_LINES apart;
    among equally long runs the one with the most even page lengths."""
    by_value: dict[int, list[int]] = defaultdict(list)
    best: list[tuple[int, int, int]] = []  # per candidate: (run length, unevenness, previous)
    for j, (rank, value, _i) in enumerate(cands):
        entry = (1, 0, -1)
        for k in by_value.get(value - 1, ()):
            if rank - cands[k][0] < MIN_PAGE_LINES:
                continue
            length, uneven, prev = best[k]
            if prev >= 0:
                uneven += abs((rank - cands[k][0]) - (cands[k][0] - cands[prev][0]))
            if (length + 1, -uneven) > (entry[0], -entry[1]):
                entry = (length + 1, uneven, k)
        best.append(entry)
        by_value[value].append(j)
    j = max(range(len(best)), key=lambda k: (best[k][0], -best[k][1]))
    run = []
    while j >= 0:
        run.append(cands[j])
        j = best[j][2]
    return run[::-1]


def _header_like(text: str, line_width: int) -> bool:
    """Short (well short of a full line), no closing punctuation, no numbering mark."""
    return (display_width(text) <= min(80, 0.75 * line_width) and not _PUNCT_END.search(text)
            and opening_marker(text) is None)


def _line_width(texts: list[str], content: list[int]) -> int:
    """Roughly the width of a full line: a high percentile of the lines' widths."""
    widths = sorted(display_width(texts[i]) for i in content)
    return widths[int(len(widths) * 0.85)] if widths else 0


def _running_headers(texts: list[str], furniture: set[int]) -> set[int]:
    """Short lines met again and again right at page boundaries, above or below the page
    number.  A header comes back on every page or every other page (two alternating
    headers), or at least at many page tops, once where a sentence runs on across the page
    break — which tells it from a title that merely opens each document on a new page."""
    content = [i for i, t in enumerate(texts) if t and i not in furniture]
    if not content:
        return set()
    width = _line_width(texts, content)
    if not furniture:
        return _repeated_lines(texts, content, width)
    tops: dict[int, int | None] = {content[0]: None}  # a page's first line → the last line before
    bottoms: dict[int, None] = {}
    for b in sorted(furniture):
        k = bisect.bisect(content, b)
        if k < len(content):
            tops.setdefault(content[k], content[k - 1] if k else None)
        if k:
            bottoms.setdefault(content[k - 1], None)
    found: set[int] = set()
    pairs: list[tuple[list[int], list[int]]] = []  # (places, pages at which one text repeats)
    for places in (list(tops), list(bottoms)):
        at: dict[str, list[int]] = defaultdict(list)
        for page, i in enumerate(places):
            if _header_like(texts[i], width):
                at[texts[i]].append(page)
        for text, pages in at.items():
            if len(pages) < 2:
                continue
            steady = len({b - a for a, b in zip(pages, pages[1:])}) == 1 and pages[1] - pages[0] <= 2
            often = len(pages) >= HEADER_MIN_PAGES and len(pages) >= HEADER_SHARE * len(places)
            if (steady and len(pages) >= HEADER_MIN_PAGES) or (often and _runs_across(texts, tops, text)):
                found.update(places[p] for p in pages)
            elif steady:
                pairs.append((places, pages))
    # a second header met on two pages only, or two headers taking turns on a few pages
    turns = sorted(p for _places, pages in pairs for p in pages)
    if found or (len(turns) >= HEADER_MIN_PAGES and turns == list(range(turns[0], turns[0] + len(turns)))):
        for places, pages in pairs:
            found.update(places[p] for p in pages)
    return found


def _runs_across(texts: list[str], tops: dict[int, int | None], text: str) -> bool:
    """Somewhere the header sits between the two halves of a sentence."""
    return any(texts[i] == text and before is not None and len(texts[before]) >= 12
               and not _SENTENCE_END.search(texts[before]) for i, before in tops.items())


def _repeated_lines(texts: list[str], content: list[int], width: int) -> set[int]:
    """No page numbers to find the pages by: a header comes back at a steady interval of a
    page's worth of lines (most gaps alike; a document's short last page breaks the beat)."""
    at: dict[str, list[int]] = defaultdict(list)
    for k, i in enumerate(content):
        if _header_like(texts[i], width):
            at[texts[i]].append(k)
    found: set[int] = set()
    for ranks in at.values():
        if len(ranks) < HEADER_MIN_PAGES:
            continue
        gaps = [b - a for a, b in zip(ranks, ranks[1:])]
        beat = max(set(gaps), key=gaps.count)
        steady = sum(1 for g in gaps if abs(g - beat) <= 2)
        if beat >= MIN_PAGE_LINES and steady >= max(2, len(gaps) / 2):
            found.update(content[k] for k in ranks)
    return found
