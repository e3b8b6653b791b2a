"""Plain-text layout, decided once per file: hard-wrapped lines or one paragraph per line.

Two kinds of .txt arrive.  A PDF extract is *hard-wrapped*: most lines stop at a common
width, mid-sentence, and only a paragraph's last line ends with 。；： — typically a fifth
to a quarter of the lines.  Text saved from the national law database (flk) or copied from
a web page has *one paragraph per line*: the lines are as long as their 款 or 项, their
lengths spread widely, and every line of running text ends a sentence (headings, titles,
dates and signatures are short and unpunctuated).  Deciding line by line (is this line
"full"?) cannot tell a long 款 that ends with 。 from a wrapped line that happens to; the
file as a whole can.

The decision uses the long lines only (a long line is where the two layouts differ: short
lines end paragraphs in both): a file is one paragraph per line when nearly all of its long
lines end a sentence and no three open lines stop at one width among the wider lines.
Blank lines do not tell the layouts apart (extractors put one after every line or none,
web copies one between paragraphs or none), so they are not used.  Small files stay
"wrapped", the cautious reading, because the paragraph joiner also handles unwrapped text;
so do web extracts whose paragraphs were cut at page ends (seed 001), which need it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.core.markers import heading_marker
from reader.core.textrepair import display_width, repair_line

#: Fewer non-blank lines than this cannot show a layout.
MIN_LINES = 6
#: A line at least this share of the file's 90th-percentile width counts as long.
LONG_SHARE = 0.6
#: One paragraph per line: at least this share of the long lines ends a sentence …
CLOSED_SHARE = 0.9
#: … and fewer than this many open lines stop at one common width among the wider lines
#: (hard wraps do, by the dozen; in one-per-line text long lines spread over hundreds of
#: columns, so even three open ones of the same width are a sign of wraps).
WRAP_CLUSTER = 3

# A sentence end, possibly followed by closing quotes or brackets; a line that is one
# parenthesis as a whole (a 题注 such as "（2021年8月20日…通过）"); or a history line
# (题注 given line by line: "2009年8月27日…《关于修改部分法律的决定》第一次修正").
_CLOSED = re.compile(
    r"[。；：！？…][”’」』）)》〉\"']*$|^[（(].*[）)]$|(?:通过|修正|修订|公布|发布|施行|批准)[）)]?$"
)


def one_paragraph_per_line(lines: Sequence[str]) -> bool:
    """True when ``lines`` (as decoded, before any repair) hold one paragraph per line."""
    texts = [t for t in (repair_line(line) for line in lines if not _is_table_row(line)) if t]
    if len(texts) < MIN_LINES:
        return False
    widths = [display_width(t) for t in texts]
    ranked = sorted(widths)
    cut = LONG_SHARE * ranked[int(0.9 * (len(ranked) - 1))]
    long_lines = [t for t, w in zip(texts, widths) if w >= cut]
    closed = sum(1 for t in long_lines if _CLOSED.search(t))
    if closed < CLOSED_SHARE * len(long_lines):
        return False
    return not _wrap_width(texts, widths, ranked[int(0.75 * (len(ranked) - 1))])


def _wrap_width(texts: list[str], widths: list[int], floor: int) -> bool:
    """Do open lines (no sentence end, not headings) among the wider lines stop within two
    columns of one common width?  That is the signature of hard wraps."""
    open_widths = Counter(w for t, w in zip(texts, widths)
                          if w >= floor and not _CLOSED.search(t) and heading_marker(t) is None)
    return any(sum(open_widths[w - d] for d in range(3)) >= WRAP_CLUSTER for w in open_widths)


def _is_table_row(line: str) -> bool:
    """Table rows (cells separated by tabs or bars, not an indent) are not running text."""
    text = line.strip()
    return "\t" in text or text.startswith("|")
