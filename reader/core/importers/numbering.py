"""Word automatic numbering: the "第一条" / "一、" / "（一）" labels Word draws itself.

Drafters often let Word number articles and items (a list level with text "第%1条" in
Chinese counting).  Those labels are not in the paragraph text, and the structure parser
needs them, so they are rendered here the way Word shows them: counters per list, deeper
levels restarting, the level's number format.  Bullets are left out (they carry no number).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from reader.core.numerals import int_to_cn

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # restart after this (1-based) level; None = after any higher
    legal: bool = False  # isLgl: every number in decimal
    suffix: str = " "


@dataclass
class _List:
    levels: dict[int, _Level] = field(default_factory=dict)


class Numbering:
    """Renders the label of each numbered paragraph, in document order."""

    def __init__(self, numbering_xml: etree._Element | None,
                 styles_xml: etree._Element | None) -> None:
        self._abstract: dict[str, _List] = {}
        self._nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_xml is not None:
            self._read_numbering(numbering_xml)
        if styles_xml is not None:
            self._read_styles(styles_xml)

    def label(self, p: etree._Element) -> str:
        """The label Word shows before paragraph ``p`` ("" if none); advances the counters."""
        num_id, ilvl = self._num_of(p)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides, starts = self._nums[num_id]
        lst = self._abstract.get(abstract_id)
        if lst is None:
            return ""
        levels = {**lst.levels, **overrides}
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        key = abstract_id
        counters = self._counters.setdefault(key, {})
        if starts and num_id not in self._started:  # "restart numbering" instance
            self._started.add(num_id)
            counters.clear()
            for lvl, start in starts.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or restart - 1 >= ilvl:
                del counters[deeper]

        def number(match: re.Match[str]) -> str:
            lvl = int(match[1]) - 1
            spec = levels.get(lvl, _Level())
            value = counters.get(lvl, spec.start)
            return format_number(value, "decimal" if level.legal else spec.fmt)

        text = re.sub(r"%([1-9])", number, level.text)
        return text + level.suffix if text else ""

    def _num_of(self, p: etree._Element) -> tuple[str | None, int]:
        ppr = p.find(_W + "pPr")
        num_id: str | None = None
        ilvl: int | None = None
        style_id = None
        if ppr is not None:
            numpr = ppr.find(_W + "numPr")
            if numpr is not None:
                num_id = _attr(numpr.find(_W + "numId"))
                ilvl = _int(_attr(numpr.find(_W + "ilvl")))
            style_id = _attr(ppr.find(_W + "pStyle"))
        if style_id and (num_id is None or ilvl is None):
            s_num, s_lvl = self._style_num.get(style_id, (None, None))
            num_id = num_id or s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        return num_id, ilvl or 0

    def _read_numbering(self, root: etree._Element) -> None:
        for abstract in root.iter(_W + "abstractNum"):
            lst = _List()
            for lvl in abstract.iter(_W + "lvl"):
                lst.levels[_int(lvl.get(_W + "ilvl")) or 0] = _level(lvl)
            self._abstract[abstract.get(_W + "abstractNumId") or ""] = lst
        for num in root.iter(_W + "num"):
            abstract_id = _attr(num.find(_W + "abstractNumId")) or ""
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl")) or 0
                start = _int(_attr(override.find(_W + "startOverride")))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            self._nums[num.get(_W + "numId") or ""] = (abstract_id, overrides, starts)

    def _read_styles(self, root: etree._Element) -> None:
        based: dict[str, str] = {}
        direct: dict[str, tuple[str | None, int | None]] = {}
        for style in root.iter(_W + "style"):
            sid = style.get(_W + "styleId") or ""
            parent = _attr(style.find(_W + "basedOn"))
            if parent:
                based[sid] = parent
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                direct[sid] = (_attr(numpr.find(_W + "numId")),
                               _int(_attr(numpr.find(_W + "ilvl"))))
        for sid in set(based) | set(direct):
            seen: set[str] = set()
            cur: str | None = sid
            while cur and cur not in direct and cur not in seen:
                seen.add(cur)
                cur = based.get(cur)
            if cur in direct:
                self._style_num[sid] = direct[cur]


def format_number(value: int, fmt: str) -> str:
    """``value`` in a Word number format (chineseCounting → 十二, decimalEnclosedCircle → ⑫)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital") and value > 0:
        return int_to_cn(value)
    if fmt in ("chineseLegalSimplified",) and value > 0:
        return int_to_cn(value).translate(_LEGAL)
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[value - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperRoman", "lowerRoman") and value > 0:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "none":
        return ""
    return str(value)


_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def _level(lvl: etree._Element) -> _Level:
    level = _Level()
    start = _int(_attr(lvl.find(_W + "start")))
    level.start = 1 if start is None else start
    level.fmt = _attr(lvl.find(_W + "numFmt")) or "decimal"
    level.text = _attr(lvl.find(_W + "lvlText")) or ""
    level.restart = _int(_attr(lvl.find(_W + "lvlRestart")))
    legal = lvl.find(_W + "isLgl")
    level.legal = legal is not None and _attr(legal) not in ("0", "false", "off")
    suffix = _attr(lvl.find(_W + "suff")) or "tab"
    level.suffix = "" if suffix == "nothing" else " "
    return level


def _attr(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(_VAL)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
