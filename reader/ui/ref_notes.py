"""Why a reference did not resolve (or resolved only inexactly), in the interface's language.

The core writes its notes in plain English for the command line and JSON
(``reader.core.refs``: "not in the library; inexact title match (0.93)"); the window shows
them in Chinese (or English) through these translatable templates, one "; "-separated part
at a time.  A part no template knows is shown as it is.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from reader.core.numerals import cn_to_int
from reader.ui.pattern_text import fill

#: The core's unit names → the interface's (source strings are the Chinese unit characters).
_UNITS = {"article": QT_TRANSLATE_NOOP("RefNotes", "条"), "paragraph": QT_TRANSLATE_NOOP("RefNotes", "款"),
          "item": QT_TRANSLATE_NOOP("RefNotes", "项"), "subitem": QT_TRANSLATE_NOOP("RefNotes", "目"),
          "chapter": QT_TRANSLATE_NOOP("RefNotes", "章"), "section": QT_TRANSLATE_NOOP("RefNotes", "节"),
          "part": QT_TRANSLATE_NOOP("RefNotes", "编"), "subpart": QT_TRANSLATE_NOOP("RefNotes", "分编"),
          "attachment": QT_TRANSLATE_NOOP("RefNotes", "附件")}
_BY_CHAR = {char: name for name, char in _UNITS.items()}
#: One step of a pinpoint label as the core writes it (``Pin.label``): 第十条之一, 第（三）项, 附件2.
_STEP = re.compile(r"第([〇零一二三四五六七八九十百千两\d]+)(分编|条|款|项|目|章|节|编)(?:之([一二三四五六七八九十]+))?"
                   r"|第（([〇零一二三四五六七八九十百千两\d]+)）(项)|(附件)(\d+)")

_N = "RefNotes"  # the translation context (spelled out below too: lupdate reads literals)
# (pattern, translatable template with {0}… for the groups) — the source strings are Chinese
_TEMPLATES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), t) for p, t in (
    (r"not in the library", QT_TRANSLATE_NOOP("RefNotes", "库中没有所引文件")),
    (r"inexact title match \(([\d.]+)\)", QT_TRANSLATE_NOOP("RefNotes", "标题近似匹配（相似度 {0}）")),
    (r"target has no (\S+)(?: in \S+)?", QT_TRANSLATE_NOOP("RefNotes", "所引文件中没有{0}")),
    (r"target's units unknown", QT_TRANSLATE_NOOP("RefNotes", "所引文件的条文结构未知")),
    (r"only a later version \(([\d-]+)\) is in the library", QT_TRANSLATE_NOOP("RefNotes", "库中只有较晚的版本（{0}）")),
    (r"“(.+)” is in its (\S+)", QT_TRANSLATE_NOOP("RefNotes", "该版本{1}中有“{0}”")),
    (r"its (\S+) may not be the one cited", QT_TRANSLATE_NOOP("RefNotes", "该版本的{0}可能不是所引的那一条")),
    (r"its numbering matches the words cited elsewhere in this document",
     QT_TRANSLATE_NOOP("RefNotes", "本文件其他引文的措辞印证了该版本的条文编号")),
    (r"no unit named", QT_TRANSLATE_NOOP("RefNotes", "未指明具体条款")),
    (r"no (\w+) before this one", QT_TRANSLATE_NOOP("RefNotes", "此前没有{0}")),
    (r"which attachment is not said", QT_TRANSLATE_NOOP("RefNotes", "未说明是哪个附件")),
    (r"document has no attachment", QT_TRANSLATE_NOOP("RefNotes", "本文件没有附件")),
)]


def translate(note: str) -> str:
    """``note`` (as the core wrote it) in the interface's language."""
    separator = QCoreApplication.translate("RefNotes", "；")
    return separator.join(_part(p.strip()) for p in note.split(";") if p.strip())


def _part(part: str) -> str:
    filled = fill(_TEMPLATES, _N, part, lambda g: _unit(g) if g in _UNITS else _label(g))
    return part if filled is None else filled


def _unit(name: str) -> str:
    return QCoreApplication.translate(_N, _UNITS[name])


def _label(text: str) -> str:
    """A pinpoint label (第十条之一第二款) in the interface's language: as it is in Chinese;
    'article 10-1 paragraph 2' where the unit names are translated.  Anything else (a quoted
    word) as it is."""
    if _unit("article") == _UNITS["article"]:
        return text
    steps, end = [], 0
    for m in _STEP.finditer(text):
        if m.start() != end:
            return text
        number, char, sub, item, item_char, attachment, attachment_number = m.groups()
        if attachment:
            steps.append(f"{_unit('attachment')} {attachment_number}")
        elif item:
            steps.append(f"{_unit('item')} ({cn_to_int(item)})")
        else:
            steps.append(f"{_unit(_BY_CHAR[char])} {cn_to_int(number)}" + (f"-{cn_to_int(sub)}" if sub else ""))
        end = m.end()
    return " ".join(steps) if steps and end == len(text) else text

