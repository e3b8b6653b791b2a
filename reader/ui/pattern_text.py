"""The core writes its notes and reasons in English; the interface shows them through a
table of (pattern, translatable template) pairs.  One lookup for every such table."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication


def fill(templates: Sequence[tuple[re.Pattern[str], str]], context: str, text: str,
         group: Callable[[str], str]) -> str | None:
    """The first template whose pattern matches all of ``text``, translated in ``context``
    and filled with its groups (each passed through ``group``); None when none matches."""
    for pattern, template in templates:
        m = pattern.fullmatch(text)
        if m:
            return QCoreApplication.translate(context, template).format(*(group(g) for g in m.groups()))
    return None
