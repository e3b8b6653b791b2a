"""PDF lines → paragraphs, from the page geometry alone.

The type area is measured on the file: the body character size (the commonest), each
page's left margin (book pages alternate) and the right edge of the text column.  Between
two consecutive lines A and B a paragraph ends when

* B opens with a structural mark (第X条 followed by a gap, 第X章, 一、, （一）) — unless the
  mark is a word cut by the line break (…统 / 一、领土): A is full and ends no sentence or
  clause, and B is not indented in a file that indents;
* B is indented like a first line (≈2 characters in GB/T 9704) in a file that indents;
* A stops short: the first unbreakable piece of B (a character with the punctuation that
  may not start a line, or a whole Latin word or number; a Chinese character one full em
  whatever its inked box) would have fitted on A, so the typesetter broke there on
  purpose — this holds for justified and ragged text alike;
* the vertical gap is clearly larger than the line pitch (web pages space paragraphs),
  or the character size changes (headings);
* A or B is set apart from the left margin without being a first-line indent (centred
  titles and headings, right-aligned signatures and dates) — except a centred heading
  wrapped onto a second centred line (its first line full, no extra space between).

One case the layout cannot decide: a full line ending with a stop, in a file without
indents or paragraph spacing (book layout).  The file's own habit decides it — the share
of its stops that end a paragraph where the layout does show it.

Wrapped lines are joined without a space, except between two Latin words.  Table rows
(lines cut by wide gaps into aligned cells) become one line each, cells joined by a tab.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.core.importers.pdf_chars import Line, is_wide
from reader.core.markers import ARTICLE, CN_COMMA, HEADING_FORMS, NUM_DOT, opening_marker

#: Characters that may not begin a line (GB/T 15834 line-breaking rules, and ASCII).
_NO_LINE_START = set("，。、；：？！）》」』〕】〉…—·%‰,.;:?!)]}>")
#: Characters that may not end a line: they travel to the next line with what follows.
_NO_LINE_END = set("（《「『〔【〈([{<")
_QUOTES = set("“”‘’\"'")
_LABEL = re.compile(
    r"^(第[零〇一二三四五六七八九十百千两\d]+(?:分编|[编章节条])(?:之[一二三四五六七八九十]+)?)[ \t\u3000]+(?=\S)")
#: Labelled lines that always open a paragraph: a document's closer and 版记, attachments, notes.
_OPENER = re.compile(r"^(?:公开方式|抄送|主送|分送|附件[0-9一二三四五六七八九十]*|注[0-9]*)\s*[:：]")
#: A sentence stop followed by a space inside a line: a paragraph break lost when the text
#: was typeset (Chinese prose never puts a space after 。).
_LOST_BREAK = re.compile(r"(?<=[。！？]) +(?=[\u4e00-\u9fff（《“])")
_STOP = re.compile(r"[。！？][”’）)]?\s*$")
#: A line ending a sentence or a clause.
_CLAUSE_END = re.compile(r"[。；：！？…][”’）)》]*\s*$")


@dataclass
class Geometry:
    """The type area as measured on the file."""

    em: float  # body character size
    pitch: float  # baseline-to-baseline distance of body lines
    width: float  # width of the text column
    lefts: dict[int, float]  # per page: left margin
    indents: bool  # paragraphs open with a first-line indent

    def left(self, page: int) -> float:
        return self.lefts.get(page, min(self.lefts.values(), default=0.0))

    def right(self, page: int) -> float:
        return self.left(page) + self.width


def measure(lines: list[Line]) -> Geometry:
    """Body size, pitch, margins and indent habit of the whole file."""
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.em * 2) / 2] += len(ln.text)
    em = sizes.most_common(1)[0][0] if sizes else 10.0
    body = [ln for ln in lines if abs(ln.em - em) <= 0.1 * em]
    lefts: dict[int, float] = {}
    by_page: dict[int, list[Line]] = {}
    for ln in body:
        by_page.setdefault(ln.page, []).append(ln)
    widths: list[float] = []
    pitches: Counter[float] = Counter()
    for page, page_lines in by_page.items():
        starts = Counter(round(ln.x0) for ln in page_lines)
        shared = [x for x, n in starts.items() if n >= 2] or list(starts)
        lefts[page] = min(ln.x0 for ln in page_lines if round(ln.x0) in shared)
        page_width = _column_width([ln.x1 - lefts[page] for ln in page_lines])
        if page_width:
            widths.append(page_width)
        for a, b in zip(page_lines, page_lines[1:]):
            pitches[round(a.y - b.y, 1)] += 1
    widths.sort()
    width = widths[len(widths) // 2] if widths else max((ln.x1 - lefts[ln.page] for ln in body), default=0.0)
    pitch = _line_pitch(pitches, em)
    return Geometry(em, pitch, width, lefts, _indents(body, lefts, em))


def _indents(body: list[Line], lefts: dict[int, float], em: float) -> bool:
    """Do paragraphs open with a first-line indent?  Counted are lines indented by 1.2–3.5
    characters below a line that starts elsewhere (a list's hanging indent repeats the
    line above, and does not count)."""
    indented = 0
    for above, line in zip(body, body[1:]):
        indent = line.x0 - lefts[line.page]
        if 1.2 * em <= indent <= 3.5 * em and (above.page != line.page or abs(above.x0 - line.x0) > 0.5 * em):
            indented += 1
    return indented >= 0.1 * len(body)


def _line_pitch(pitches: Counter[float], em: float) -> float:
    """The distance between the lines of one paragraph: the smallest common one (web pages
    put a margin between paragraphs, so a larger distance may be the commonest)."""
    total = sum(pitches.values())
    common = [p for p, n in pitches.items() if p >= 0.8 * em and n >= max(3, 0.1 * total)]
    return min(common, default=em * 1.5)


def _column_width(widths: list[float]) -> float:
    """The width of one page's text column: the longest line length found on three lines
    (a line that hangs a stop into the margin is rare; full lines of ragged text end at
    the edge or a character short of it).  0 when no length recurs."""
    widths = sorted(widths, reverse=True)
    for k in range(len(widths) - 2):
        if widths[k] - widths[k + 2] <= 0.6:
            return widths[k]
    return 0.0


def paragraphs(lines: list[Line], geo: Geometry) -> list[tuple[str, int]]:
    """Join the lines of ``lines`` (reading order, furniture gone) into paragraphs, each
    with the page it starts on."""
    rows = _table_rows(lines, geo)
    decisions = [i in rows or (i - 1) in rows or _breaks(lines[i - 1], lines[i], geo) for i in range(1, len(lines))]
    _join_wrapped_headings(lines, decisions, geo)
    habit = _stop_ends_paragraph(lines, decisions)
    spaced = habit and _spaced_paragraphs(lines, geo)
    out: list[tuple[str, int]] = []
    buf: list[str] = []
    page = 0
    for i, line in enumerate(lines):
        if i in rows:
            if buf:
                out.append((_finish(buf), page))
                buf = []
            out.append(("\t".join(text for text, _l, _r in line.table_cells), line.page))
            continue
        decided = decisions[i - 1] if i else None
        if decided is None and i:  # spacing decides on the page, the habit across pages
            decided = habit and not (spaced and lines[i - 1].page == line.page)
        if buf and decided:
            out.append((_finish(buf), page))
            buf = []
        if not buf:
            page = line.page
        buf.append(line.text.strip())
    if buf:
        out.append((_finish(buf), page))
    return [(piece, page) for text, page in out for piece in _LOST_BREAK.split(text) if piece]


def _join_wrapped_headings(lines: list[Line], decisions: list[bool | None], geo: Geometry) -> None:
    """A centred heading too long for one line goes on centred on the next: the first line
    is full and stops mid-phrase, the next is centred at the same size and the normal line
    distance.  Two centred lines that are not a wrap (令 and its number, a title and its
    通过 note) have a first line with room to spare."""
    start = 0
    for i in range(1, len(lines)):
        a, b = lines[i - 1], lines[i]
        if decisions[i - 1] and _centred(lines[start], geo) and _centred(a, geo) and _centred(b, geo) \
                and _set_apart(b, geo) and a.page == b.page and abs(a.em - b.em) <= 0.08 * max(a.em, b.em) \
                and a.y - b.y <= 1.3 * max(geo.pitch, a.em * geo.pitch / geo.em) \
                and _full(a, b, geo) and not _CLAUSE_END.search(a.text):
            decisions[i - 1] = False
        if decisions[i - 1] is not False:
            start = i


def _centred(line: Line, geo: Geometry) -> bool:
    return abs(line.x0 + line.x1 - 2 * geo.left(line.page) - geo.width) <= 2 * geo.em


def _stop_ends_paragraph(lines: list[Line], decisions: list[bool | None]) -> bool:
    """A full line ending with a full stop, in text without first-line indents, may or may
    not end its paragraph: the file's own habit decides — the share of its sentence stops
    that end a paragraph where the layout shows it (laws: most 款 are one or two sentences;
    policy prose: long paragraphs)."""
    if None not in decisions:
        return False
    stops = sum(ln.text.count("。") for ln in lines)
    ending = sum(1 for k, d in enumerate(decisions) if d and lines[k].text.rstrip().endswith("。"))
    return stops > 0 and ending > 0.5 * stops


def _spaced_paragraphs(lines: list[Line], geo: Geometry) -> bool:
    """Does the file set paragraphs apart by vertical space (web pages do), so that a line
    at the normal distance never opens one?  Spacing only before articles and headings
    (book layout) does not count."""
    spaced = 0
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.y - b.y > 1.3 * geo.pitch and abs(b.em - geo.em) <= 0.1 * geo.em:
            marker = opening_marker(_LABEL.sub(lambda m: m.group(1) + " ", b.text.strip(), count=1))
            spaced += marker is None or not marker.strong
    return spaced >= max(3, 0.05 * len(lines))


def _finish(parts: list[str]) -> str:
    """Wrapped pieces joined; one full-width space after a leading structural label."""
    text = parts[0]
    for part in parts[1:]:
        if text[-1:].isascii() and text[-1:].isalnum() and part[:1].isascii() and part[:1].isalnum():
            text += " "
        text += part
    return _LABEL.sub(lambda m: m.group(1) + "\u3000", text, count=1)


def _breaks(a: Line, b: Line, geo: Geometry) -> bool | None:
    """Does a paragraph end between line ``a`` and the next line ``b``?  None: the layout
    cannot tell (a full line ending with a stop, without first-line indents)."""
    marker = opening_marker(_LABEL.sub(lambda m: m.group(1) + " ", b.text.strip(), count=1))
    if (marker is not None and marker.strong and not _wrapped_mark(a, b, marker.form, geo)) or _OPENER.match(b.text):
        return True
    heading_a, heading_b = a.em > geo.em * 1.12, b.em > geo.em * 1.12
    if heading_a or heading_b:
        same = abs(a.em - b.em) <= 0.08 * max(a.em, b.em)
        return not (same and a.page == b.page and _full(a, b, geo) and a.y - b.y <= 2 * a.em)
    left = geo.left(b.page)
    if _set_apart(a, geo) or _set_apart(b, geo):
        return True
    if geo.indents and 1.2 * geo.em <= b.x0 - left <= 3.5 * geo.em:
        return True
    if not _full(a, b, geo):
        return True
    if a.page == b.page and a.y - b.y > 1.3 * geo.pitch:
        return True
    if not geo.indents and _STOP.search(a.text) and not b.text.startswith("但"):
        return None  # (a proviso, 但是…, continues its sentence's paragraph)
    return False


def _wrapped_mark(a: Line, b: Line, form: str, geo: Geometry) -> bool:
    """Is the outline mark opening ``b`` only a word cut by the line break (…统 / 一、领土)?
    Only after a full line that ends neither a sentence nor a clause (an item follows 。；：).
    In a file that indents paragraphs, a line that is not indented opens none, whatever it
    starts with; without indents, only 一、 and 1. are taken for wrapped words (the forms
    normalize joins after a full text line ending in 、 or ，; a （一） cited across the
    break is no mark at all).  第X条 and 第X章/节 set apart by a space always open their unit."""
    if form == ARTICLE or form in HEADING_FORMS or _CLAUSE_END.search(a.text):
        return False
    if abs(a.em - b.em) > 0.08 * max(a.em, b.em) or not _full(a, b, geo):
        return False
    if geo.indents:
        return b.x0 - geo.left(b.page) < 1.2 * geo.em
    return form in (CN_COMMA, NUM_DOT)


def _set_apart(line: Line, geo: Geometry) -> bool:
    """Centred or right-aligned: starts well inside the margin and is not a first line."""
    return line.x0 - geo.left(line.page) > 3.5 * geo.em and line.x1 - line.x0 < 0.85 * geo.width


def _full(a: Line, b: Line, geo: Geometry) -> bool:
    """Would the first unbreakable piece of ``b`` have fitted at the end of ``a``?"""
    room = geo.right(a.page) - a.x1
    return _lead_width(b, a.em) > room + 0.05 * a.em


def _lead_width(line: Line, em: float) -> float:
    """Width of what cannot be separated from the start of ``line``: opening brackets, one
    character (a whole Latin word or number) and the punctuation that may not start a line.
    Quotation marks bind to both neighbours, as in the Unicode line-breaking rules (UAX #14,
    class QU) that browsers and LibreOffice apply."""
    text, lefts, rights = line.text, line.lefts, line.rights
    n = len(text)
    k = 0
    while k < n:
        while k < n and (text[k] in _NO_LINE_END or text[k] in _QUOTES):
            k += 1
        k = _unit_end(text, k)
        stops = k
        while k < n and text[k] in _NO_LINE_START:
            k += 1
        if k < n and text[k] in _QUOTES:
            continue  # a quotation mark glues the next unit on
        if stops < k < n and text[k].isascii() and text[k].isalnum():
            continue  # nor is a number or word broken off the stop it follows (。2014年)
        break
    k = min(max(k, 1), n, len(rights))
    width = rights[k - 1] - lefts[0]
    if text[:1].isascii() and text[:1].isalnum():
        width += 0.3 * em  # the space before a Latin word
    # A glyph's box may be narrower than the advance the line breaker reserved for it (门
    # or 日 inked a point or two inside their square): a wide character takes a full em.
    advance = sum(em if is_wide(ch) else rights[j] - lefts[j] for j, ch in enumerate(text[:k]))
    return max(width, advance)


def _unit_end(text: str, k: int) -> int:
    """End of the unit starting at ``k``: a whole Latin word or number, else one character."""
    n = len(text)
    if k < n and text[k].isascii() and text[k].isalnum():
        while k < n and text[k].isascii() and (text[k].isalnum() or text[k] in ".,-%"):
            k += 1
        return k
    return k + 1


def _table_rows(lines: list[Line], geo: Geometry) -> set[int]:
    """Indices of lines that are table rows: cut into cells by wide gaps, with a
    neighbouring row whose cells start at the same places."""
    cells = [ln.table_cells for ln in lines]
    rows: set[int] = set()
    for i, row in enumerate(cells):
        if len(row) < 2 or (len(row) == 2 and _LABEL.match(row[0][0] + " x")):
            continue
        starts = {round(c[1] / geo.em) for c in row}
        for j in (i - 1, i + 1):
            if 0 <= j < len(cells) and len(cells[j]) >= 2 and lines[j].page == lines[i].page:
                other = {round(c[1] / geo.em) for c in cells[j]}
                if len(starts & other) >= 2 or len(row) >= 3:
                    rows.add(i)
                    break
    return rows
