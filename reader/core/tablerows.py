"""Table rows as the importers give them: one line per row, the cells joined by tabs.

Word, Markdown and HTML tables arrive this way (empty cells kept, so columns align).  A
row must stay a row through text repair — its tabs kept, each cell repaired on its own —
so that the structure builder keeps it in a table and no cell is mistaken for something
else: a cell holding only a number is data, not a page number.  A tab typed after a label
(``第一条<TAB>为了…``, ``1.1<TAB>编制目的``) makes no row: that is a numbered paragraph.
"""
from __future__ import annotations

import re

from reader.core.markers import opening_marker
from reader.core.textrepair import repair_line

_DECIMAL_LABEL = re.compile(r"\d{1,2}(?:[.．]\d{1,2}){1,3}")


def repair_row(raw: str) -> str | None:
    """``raw`` repaired cell by cell with its tabs kept, if it is a table row; else None."""
    line = raw.strip(" \u3000\t\r\n")
    if "\t" not in line:
        return None
    cells = [repair_line(cell) for cell in line.split("\t")]
    if len(cells) == 2 and _is_label(cells[0]):
        return None
    return "\t".join(cells)


def is_row(text: str) -> bool:
    """Whether a repaired line is a table row (see :func:`repair_row`)."""
    return "\t" in text


def _is_label(cell: str) -> bool:
    if _DECIMAL_LABEL.fullmatch(cell):
        return True
    m = opening_marker(cell)
    return m is not None and not m.rest
