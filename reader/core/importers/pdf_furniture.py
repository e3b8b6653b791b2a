"""Page furniture of a PDF: running headers and footers, page numbers, browser print
headers, web-page leftovers on the first page, and 目录 (table of contents) pages.

A line is furniture when it sits in the top or bottom band of its page (outside the type
area) and either looks like a page number, or repeats (digits aside) at the same height on
several pages — the running header of a gazette (广州市人民政府公报 2022年第27期), a
browser's date and page title, its URL and "1/12".  Position and repetition are measured
on the file itself, so odd and even pages with different headers are both caught; in a
short file, twice on alternating pages is enough when the line is also set like a header
(smaller print, or centred, or flush with the outer margin).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.core import toc
from reader.core.importers.pdf_chars import Line

#: Share of the page height at the top and at the bottom where headers and footers live.
BAND = 0.13

_PAGE_NUMBER = [
    re.compile(r"^[-—–－―~～\s]*\d{1,4}[-—–－―~～\s]*$"),  # 3, — 3 —, - 3 -
    re.compile(r"^第\d{1,4}页[,，]?(共\d{1,4}页)?$"),  # 第 3 页 共 9 页
    re.compile(r"^共\d{1,4}页[,，]?第\d{1,4}页$"),
    re.compile(r"^\d{1,4}/\d{1,4}$"),  # 1/12 (browser)
    re.compile(r"^(?:page|p\.)?\d{1,4}(?:of\d{1,4})?$", re.I),
    re.compile(r"^\d{0,4}[（(]本文与正式文件同等效力[)）]\d{0,4}$"),
    re.compile(r"^[·•]?\d{1,4}[·•]?$"),
]
_BROWSER = re.compile(
    r"^(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})(?:[T ]?\d{1,2}:\d{2}(?::\d{2})?)?"  # print date
    r"|https?://|file:///|about:blank|www\.", re.I)
_DOMAIN = re.compile(r"^[\w.-]+\.(?:com|cn|net|org|gov|top|info|io|site)(?:\.cn)?(?:/\S*)?$", re.I)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_BREADCRUMB = re.compile(r"\S\s*[»›>]\s*\S")
_DOT_LEADER = re.compile(r"(?:(?:[.·…．]\s?){4,}|…{2,})\s*[（(]?\d{0,4}[)）]?$")
_TOC_HEAD = re.compile(r"^目[录次]$")
_PAGE_REF = re.compile(r"[（(]?\d{1,4}[)）]?$")  # an entry's page number, printed without dot leaders
_CATEGORY = re.compile(r"^[\u4e00-\u9fff]{2,15}$")  # a group heading of a gazette's contents (市政府文件)
_TOC_ENTRY = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+(?:分编|编|章|节)|附则|附件|附录|附表)")
_SENTENCE = re.compile(r"[。；！？]")
_SPACING = re.compile(r"[\s\u200b\ufeff]+")  # \s covers the ideographic space


@dataclass
class Page:
    """One page's lines in reading order, with the page's size."""

    number: int  # 0-based
    width: float
    height: float
    lines: list[Line]


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", _compact(text))


def _compact(text: str) -> str:
    """The text without any spacing: 目　　录 set with ideographic spaces is 目录."""
    return _SPACING.sub("", text)


def _bands(page: Page) -> list[tuple[str, int, bool]]:
    """(band, index, apart) of the lines that may be furniture: up to three at each edge
    inside the band; ``apart`` when a gap or a change to smaller print separates the line
    from the type area (a short last line of the body sits on the text grid, a footer
    does not)."""
    lines = page.lines
    n = len(lines)
    steps = sorted(a.y - b.y for a, b in zip(lines, lines[1:]) if a.y > b.y)
    pitch = steps[len(steps) // 2] if steps else 0.0
    top = [k for k in range(min(3, n)) if lines[k].top >= page.height * (1 - BAND)]
    bottom = [k for k in range(max(0, n - 3), n) if lines[k].bottom <= page.height * BAND and k not in top]
    top_edge = max((k for k in top if k + 1 < n and _separated(lines[k], lines[k + 1], pitch)), default=-1)
    bottom_edge = min((k for k in bottom if k > 0 and _separated(lines[k - 1], lines[k], pitch)), default=n)
    return [("top", k, k <= top_edge) for k in top] + [("bottom", k, k >= bottom_edge) for k in bottom]


def _separated(upper: Line, lower: Line, pitch: float) -> bool:
    """A gap wider than the page's usual line distance, or a step down to small print."""
    small = min(upper.em, lower.em) < 0.8 * max(upper.em, lower.em)
    return upper.y - lower.y > 1.25 * pitch or small


def remove_furniture(pages: list[Page]) -> list[str]:
    """Drop headers, footers and page numbers from ``pages`` in place; return what went."""
    seen: Counter[tuple[str, str, int]] = Counter()
    for page in pages:
        keys = {(band, _key(page.lines[k].text), round(page.lines[k].y)) for band, k, apart in _bands(page) if apart}
        for key in keys:
            seen[key] += 1
    need = max(2, min(3, len(pages)))
    alternating = _alternating(pages)
    removed: list[str] = []
    for page in pages:
        drop = set()
        for band, k, apart in _bands(page):
            line = page.lines[k]
            near = [(band, _key(line.text), round(line.y) + d) for d in (-1, 0, 1)]
            if any(p.match(_compact(line.text)) for p in _PAGE_NUMBER):
                drop.add(k)
            elif apart and (_is_browser_furniture(line) or any(seen[key] >= need for key in near)
                            or (page.number, k) in alternating):
                drop.add(k)
        removed.extend(page.lines[k].text for k in sorted(drop))
        page.lines = [ln for k, ln in enumerate(page.lines) if k not in drop]
    return removed


def _alternating(pages: list[Page]) -> set[tuple[int, int]]:
    """(page, index) of running headers that alternate between recto and verso pages.

    A short file whose odd and even pages carry different headers shows each only once or
    twice, too few to go by repetition alone.  A line counts when it repeats on every other
    page — on each page of one parity but the first, and never on the others — and every
    time it sits where a header does (``_header_like``).  A document title opening page 1
    is set at body size or larger, so it never counts there.
    """
    if len(pages) < 3 or not any(page.lines for page in pages):
        return set()
    body_em, left, right = _type_area(pages)
    where: dict[tuple[str, str, int], set[tuple[int, int]]] = {}
    for page in pages:
        for band, k, apart in _bands(page):
            line = page.lines[k]
            if apart and _header_like(line, page, body_em, left, right):
                where.setdefault((band, _key(line.text), round(line.y)), set()).add((page.number, k))
    found: set[tuple[int, int]] = set()
    for band, key, y in where:
        spots = set().union(*(where.get((band, key, y + d), set()) for d in (-1, 0, 1)))
        numbers = {n for n, _k in spots}
        parity = {n % 2 for n in numbers}
        if len(numbers) < 2 or len(parity) != 1:
            continue
        wanted = {p.number for p in pages if p.number % 2 in parity and p.number > 0}
        if wanted <= numbers:
            found |= spots
    return found


def _type_area(pages: list[Page]) -> tuple[float, float, float]:
    """The body's character size and the left and right edges of its lines."""
    lines = [ln for page in pages for ln in page.lines]
    ems = sorted(ln.em for ln in lines)
    x0s = sorted(ln.x0 for ln in lines)
    x1s = sorted(ln.x1 for ln in lines)
    return ems[len(ems) // 2], x0s[len(x0s) // 10], x1s[len(x1s) * 9 // 10]


def _header_like(line: Line, page: Page, body_em: float, left: float, right: float) -> bool:
    """Set like a running header: never larger than the body, and either in smaller print,
    or short and centred, or short and flush with the outer margin (the right one on odd
    pages, the left one on even pages).  A unit heading (第一章, 附件) at a page top counts
    only in smaller print, and so does anything on the first page, where the title is."""
    small = line.em < 0.9 * body_em
    if small:
        return True
    if line.em > 1.05 * body_em or page.number == 0 or _TOC_ENTRY.match(_compact(line.text)):
        return False
    if line.x1 - line.x0 > 0.6 * (right - left):
        return False
    centred = abs((line.x0 + line.x1) / 2 - (left + right) / 2) <= line.em
    outer = abs(line.x1 - right) <= line.em if page.number % 2 == 0 else abs(line.x0 - left) <= line.em
    return centred or outer


def _is_browser_furniture(line: Line) -> bool:
    """A browser's print header/footer: date and time, URL, or a bare domain."""
    text = line.text.strip()
    return bool(_BROWSER.match(text) or _DOMAIN.match(text))


def remove_web_head(page: Page) -> list[str]:
    """Web-page leftovers above and around the title of a saved or printed page: a site
    name, a breadcrumb (首页 » 法律), a bare URL.  Only on the first page, and only before
    the first line that is not such a leftover and is set in body size or larger."""
    removed: list[str] = []
    keep: list[Line] = []
    title_seen = False
    biggest = max((ln.em for ln in page.lines), default=0.0)
    for line in page.lines:
        text = line.text.strip()
        web = bool(_URL_ONLY.match(text) or _DOMAIN.match(text)) or (
            not title_seen and _BREADCRUMB.search(text) is not None and len(text) <= 40)
        if web and len(keep) < 6:
            removed.append(line.text)
            continue
        title_seen = title_seen or line.em >= biggest * 0.99
        keep.append(line)
    page.lines = keep
    return removed


def is_toc_line(text: str) -> bool:
    """A table-of-contents entry: a dot leader to a page number, or a bare unit heading."""
    t = _compact(text).lstrip("*•·")
    if _DOT_LEADER.search(t):
        return True
    return bool(_TOC_ENTRY.match(t)) and len(t) <= 40 and not _SENTENCE.search(t)


def remove_toc(pages: list[Page]) -> list[str]:
    """Drop a 目录 block (its heading and entries) and stray dot-leader lines."""
    flat = [page.lines[k] for page in pages for k in range(len(page.lines))]
    where = [(page.number, k) for page in pages for k in range(len(page.lines))]
    drop: set[tuple[int, int]] = set()
    i = 0
    while i < len(flat):
        text = _compact(flat[i].text)
        if _TOC_HEAD.match(text):
            end = _toc_end(flat, i + 1)
            if end > i + 1:
                drop.update(where[i:end])
                i = end
                continue
        elif _DOT_LEADER.search(text) and len(text) > 6:
            drop.add(where[i])
        i += 1
    removed: list[str] = []
    for page in pages:
        removed.extend(ln.text for k, ln in enumerate(page.lines) if (page.number, k) in drop)
        page.lines = [ln for k, ln in enumerate(page.lines) if (page.number, k) not in drop]
    return removed


def _toc_end(lines: list[Line], start: int) -> int:
    """Index after the last entry of a 目录 that starts at ``start`` (``start`` itself when
    there is none, and nothing is removed).

    With dot leaders, entries run while lines carry one (or wrap onto a line that does), and
    the first line without one is body text; a few leaders among group headings (a
    gazette's 市政府令) also mark the block as navigation.  Without any leader, the body
    begins where the first entry is printed again as a heading; failing that, the run of
    unit entries is a 目录 only on reader.core.toc's terms — at least two entries, body right
    after them, and one of them printed again in the body — since a 目录 heading may stand
    directly over the body's own 第一章 / 第一节 headings.
    """
    texts = [_compact(ln.text) for ln in lines[start:start + 600]]
    leaders = sum(1 for t in texts[:6] if _DOT_LEADER.search(t)) >= 3
    first = None
    for j, t in enumerate(texts):
        nxt = texts[j + 1] if j + 1 < len(texts) else ""
        wrapped = not _SENTENCE.search(t) and len(t) <= 40 and _DOT_LEADER.search(nxt) is not None
        category = _CATEGORY.match(t) is not None and any(_DOT_LEADER.search(x) for x in texts[j + 1:j + 3])
        if leaders and not _DOT_LEADER.search(t) and not wrapped and not category:
            return start + j
        entry = _PAGE_REF.sub("", _DOT_LEADER.sub("", t)).lstrip("*•·")
        if not leaders and j >= 2 and entry == first:
            return start + j
        if not (is_toc_line(t) or wrapped or category):
            break
        first = first or entry
    else:
        j = len(texts)
    if leaders or any(_DOT_LEADER.search(t) for t in texts[:j]):
        return start + j
    end = toc.entries_end([ln.text for ln in lines], start)
    return start if end is None else end
