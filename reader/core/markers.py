"""Recognising the numbering marks that open structural units.

Legislation (立法技术规范): 第X编 / 第X分编 / 第X章 / 第X节 / 第X条(之X), items （一）,
sub-items 1.  Outlines (GB/T 9704): 一、 / （一） / 1. / （1）; technical plans and
standards (应急预案, GB/T 1.1) number decimally: 1 / 1.1 / 1.1.1.  Whether （一） is an
item or a level-2 heading, or 1.1 an outline number or a quantity, depends on context, so
this module names the *form* of a mark and leaves its meaning to the structure builder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.core.numerals import CN_NUMERAL_CHARS, cn_to_int

CN = f"[{CN_NUMERAL_CHARS}]+"
_SUB_CHARS = "一二三四五六七八九十"  # 之一 … 之十九: never 百/千, so 之一千… cannot be read as a number

# Forms, in the order they are tried.
PART, SUBPART, CHAPTER, SECTION, ARTICLE = "part", "subpart", "chapter", "section", "article"
CN_COMMA, CN_PAREN, NUM_DOT, NUM_PAREN = "cn_comma", "cn_paren", "num_dot", "num_paren"
DECIMAL = "decimal"
HEADING_FORMS = (PART, SUBPART, CHAPTER, SECTION)

_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (SUBPART, re.compile(rf"^(第({CN})分编)(?P<sp> |(?=\S)|$)")),
    (PART, re.compile(rf"^(第({CN})编)(?P<sp> |(?=\S)|$)")),
    (CHAPTER, re.compile(rf"^(第({CN}|\d+)章)(?P<sp> |(?=\S)|$)")),
    (SECTION, re.compile(rf"^(第({CN}|\d+)节)(?P<sp> |(?=\S)|$)")),
    # 第一百二十条之一; extraction may leave a space before 之 (第一百二十条 之一)
    (ARTICLE, re.compile(rf"^(第({CN}|\d+)条(?: ?之([{_SUB_CHARS}]+))?)(?P<sp> |(?=\S)|$)")),
    (CN_COMMA, re.compile(rf"^(({CN})、)")),
    # brackets as typed: （一）, (一), and the mixed （一) of hand-edited web text
    (CN_PAREN, re.compile(rf"^([（(]({CN})[）)])")),
    (NUM_DOT, re.compile(r"^((\d{1,3})[.．、](?!\d))")),
    (NUM_PAREN, re.compile(r"^([（(](\d{1,3})[）)])")),
]

# What may follow 第X条 when the words merely cite an article (第十条规定的…).
_CITING = re.compile(r"^(规定|的|、|，|。|；|：|和|或|及|与|至|中|所|第|之规定|以外|以下|以上|有关|关于|等|）|”)")
# A unit word after （四） cites it only when a citing word follows: （四）项所要求的, but
# （一）目标任务 and （二）项目管理 open headings.
_CITED_UNIT = re.compile(r"^((项|目|款|条)(?=[的所规中、和或及至，。；之以第（）“”]|$)|规定|所列|的|、（|和（|或（|至（)")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？]")
# An article caption (条旨) right after the label: 第一条【立法宗旨】, 第一条（立法目的）…
_BRACKET_CAPTION = re.compile(r"^ ?【(?P<cap>[^【】，。；：]{1,30})】 ?")
_PAREN_CAPTION = re.compile(r"^（(?P<cap>[^（），。；：、\d]{2,20})）(?=\S)")
# What a parenthesis after 第X条 holds when it is text, not a caption: （一） cited, （删去）
_NOT_CAPTION = re.compile(rf"^([{CN_NUMERAL_CHARS}]+|.*(删去|删除|废止|已失效|略))$")
# Decimal outline numbers: 1 / 1.1 / 1.1.1 / 1.1.1.1, then the heading (extraction may drop the
# space: 1.1编制目的); a quantity (1.5倍, 2 000万元, 3%) is told apart by what follows.
_DECIMAL = re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){0,3})(?: |(?=[\u4e00-\u9fff“《（(]))(?P<rest>[^\t]*)$")
# Units only: 分级, 个人防护, 部门职责 are headings, so 分, 个, 部 … alone do not count.
_QUANTITY = re.compile(r"^(倍|万|亿|元|%|％|‰|℃|米|公里|公顷|亩|吨|平方|立方|小时|分钟|个(工作日|月|小时|以上|以下)|周?岁|"
                       r"年|月|日|天|次|人次|余|多|以上|以下|至|到|[－\-~～、，。；：])")


@dataclass(frozen=True)
class Marker:
    """A numbering mark at the start of a paragraph."""

    form: str
    label: str  # as printed: 第十七条, （三）, 一、
    number: int
    sub: int  # 之X of 第X条之X (0 otherwise)
    rest: str  # the paragraph text after the label and caption (leading space dropped)
    strong: bool  # followed by a space or alone on its line: surely structural
    caption: str = ""  # an article's 条旨 without its brackets (第一条【立法宗旨】 → 立法宗旨)
    printed_caption: str = ""  # … and as printed: 【立法宗旨】, （立法目的）
    path: tuple[int, ...] = ()  # a decimal outline number: 1.2.3 → (1, 2, 3)


_CAN_OPEN = frozenset("第（(" + CN_NUMERAL_CHARS + "0123456789")


@lru_cache(maxsize=8192)
def opening_marker(text: str) -> Marker | None:
    """The numbering mark that opens ``text``, if any (not yet judged in context)."""
    if not text or text[0] not in _CAN_OPEN:
        return None
    for form, pattern in _FORMS:
        m = pattern.match(text)
        if not m:
            continue
        number = cn_to_int(m.group(2))
        if number is None:
            return None
        sub = cn_to_int(m.group(3)) if form == ARTICLE and m.group(3) else 0
        spaced = (m.groupdict().get("sp") or "") == " "
        rest = text[m.end():]
        label = m.group(1).replace(" ", "")
        if form in (CN_PAREN, NUM_PAREN):
            label = f"（{m.group(2)}）"  # one spelling, whatever the brackets typed
        if form in HEADING_FORMS + (ARTICLE,):
            if not spaced and rest and _CITING.match(rest):
                return None
            strong = spaced or not rest
            if form in HEADING_FORMS and not strong:
                strong = len(rest) <= 30 and not _SENTENCE_PUNCT.search(rest)
            if form == ARTICLE:
                caption, printed, rest = _caption(rest)
                if caption:
                    return Marker(form, label, number, sub or 0, rest.lstrip(" "), True, caption, printed)
        else:
            if _CITED_UNIT.match(rest):  # 第（四）项所要求的… wrapped onto a new line
                return None
            strong = True
        return Marker(form, label, number, sub or 0, rest.lstrip(" "), strong)
    return decimal_marker(text)


def _caption(rest: str) -> tuple[str, str, str]:
    """(caption, caption as printed, text after it) when ``rest`` opens with an article
    caption, else ("", "", rest)."""
    m = _BRACKET_CAPTION.match(rest)
    if m is None:
        m = _PAREN_CAPTION.match(rest)
        if m is None or _NOT_CAPTION.match(m.group("cap")):
            return "", "", rest
    return m.group("cap").strip(), m.group(0).strip(" "), rest[m.end():]


_CJK_START = re.compile(r"[\u4e00-\u9fff“《（(]")


def decimal_marker(text: str) -> Marker | None:
    """1 总则 / 1.1 编制目的 / 1.1.1 …: a decimal outline number opening ``text``, if its
    form fits; whether the document really numbers this way is for the builder to judge."""
    m = _DECIMAL.match(text)
    if not m:
        return None
    rest = m.group("rest").lstrip(" ")
    path = tuple(int(x) for x in re.split(r"[.．]", m.group(1)))
    if not rest or not _CJK_START.match(rest) or _QUANTITY.match(rest) or 0 in path:
        return None
    if len(path) == 1 and (len(rest) > 30 or _SENTENCE_PUNCT.search(rest)):
        return None  # a top-level number is a heading line: 1 总则, never 3 日内…。
    # never strong: a wrapped line may open with a number, so line joining must not break on it
    return Marker(DECIMAL, ".".join(map(str, path)), path[-1], 0, rest, False, path=path)


def heading_marker(text: str) -> Marker | None:
    """A 编/分编/章/节 heading line (short, no sentence punctuation)."""
    m = opening_marker(text)
    if m and m.form in HEADING_FORMS and len(m.rest) <= 40 and not _SENTENCE_PUNCT.search(m.rest):
        return m
    return None


TABLE_CAPTION = re.compile(r"^(表|附表|专栏|图)\s*\d{1,3}(?!\d)")


def is_caption(text: str) -> bool:
    """表1 …, 专栏3 …, 图2 …: the caption line of a flattened table, box or chart."""
    return bool(TABLE_CAPTION.match(text)) and len(text) <= 50 and not _SENTENCE_PUNCT.search(text)
