"""Recognising the numbering marks that open structural units.

Legislation (立法技术规范): 第X编 / 第X分编 / 第X章 / 第X节 / 第X条(之X), items （一）,
sub-items 1.  Outlines (GB/T 9704): 一、 / （一） / 1. / （1）.  Whether （一） is an item
or a level-2 heading depends on context, so this module names the *form* of a mark
and leaves its meaning to the structure builder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.core.numerals import CN_NUMERAL_CHARS, cn_to_int

CN = f"[{CN_NUMERAL_CHARS}]+"

# Forms, in the order they are tried.
PART, SUBPART, CHAPTER, SECTION, ARTICLE = "part", "subpart", "chapter", "section", "article"
CN_COMMA, CN_PAREN, NUM_DOT, NUM_PAREN = "cn_comma", "cn_paren", "num_dot", "num_paren"
HEADING_FORMS = (PART, SUBPART, CHAPTER, SECTION)

_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (SUBPART, re.compile(rf"^(第({CN})分编)(?P<sp> |(?=\S)|$)")),
    (PART, re.compile(rf"^(第({CN})编)(?P<sp> |(?=\S)|$)")),
    (CHAPTER, re.compile(rf"^(第({CN}|\d+)章)(?P<sp> |(?=\S)|$)")),
    (SECTION, re.compile(rf"^(第({CN}|\d+)节)(?P<sp> |(?=\S)|$)")),
    (ARTICLE, re.compile(rf"^(第({CN}|\d+)条(?:之({CN}))?)(?P<sp> |(?=\S)|$)")),
    (CN_COMMA, re.compile(rf"^(({CN})、)")),
    (CN_PAREN, re.compile(rf"^(（({CN})）)")),
    (NUM_DOT, re.compile(r"^((\d{1,3})[.．、](?!\d))")),
    (NUM_PAREN, re.compile(r"^(（(\d{1,3})）)")),
]

# What may follow 第X条 when the words merely cite an article (第十条规定的…).
_CITING = re.compile(r"^(规定|的|、|，|。|；|：|和|或|及|与|至|中|所|第|之规定|以外|以下|以上|有关|关于|等|）|”)")
_CITED_UNIT = re.compile(r"^(项|目|款|条|规定|所列|的|、（|和（|或（|至（)")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？]")


@dataclass(frozen=True)
class Marker:
    """A numbering mark at the start of a paragraph."""

    form: str
    label: str  # as printed: 第十七条, （三）, 一、
    number: int
    sub: int  # 之X of 第X条之X (0 otherwise)
    rest: str  # the paragraph text after the label (leading space dropped)
    strong: bool  # followed by a space or alone on its line: surely structural


_CAN_OPEN = frozenset("第（" + CN_NUMERAL_CHARS + "0123456789")


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
        if form in HEADING_FORMS + (ARTICLE,):
            if not spaced and rest and _CITING.match(rest):
                return None
            strong = spaced or not rest
            if form in HEADING_FORMS and not strong:
                strong = len(rest) <= 30 and not _SENTENCE_PUNCT.search(rest)
        else:
            if _CITED_UNIT.match(rest):  # 第（四）项所要求的… wrapped onto a new line
                return None
            strong = True
        return Marker(form, m.group(1), number, sub or 0, rest.lstrip(" "), strong)
    return None


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
