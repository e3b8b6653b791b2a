"""Paragraphs of web pages, repaired by the rules of the drafting format.

What a page calls a paragraph is not always one: editors break lines inside a ``<p>``
(``<br>`` or newlines in ``<pre>``) in the middle of a sentence, glue a chapter heading to
the end of an article, or put several articles in one ``<p>``.  Legislative drafting
(立法技术规范) fixes where units start — every 第X编/章/节/条 label opens a new unit, and a
unit's text ends with a sentence end — so those rules, not the page's markup, decide:

* a 第X编/分编/章/节/条 label that follows a sentence end inside a line starts a new line
  (an article label only when it is set off by a space or continues the numbering, so that
  a sentence opening with a citation, 第十条规定的…, stays whole);
* a *soft* break (inside one block) that falls inside a sentence is joined: the line before
  it does not end a sentence, the line after it opens no numbered unit, and neither is a
  heading, a date or a short line without sentence punctuation (a title or signature), nor
  are they two events of a 题注 (…通过 / 根据…修正);
* an article label standing alone is continued by the paragraph after it when that holds
  the rest of the label or its caption (<p>第二百三十四条</p><p>之一</p><p>【罪名】…</p>),
  soft break or not: a label is never split from its 之X or 条旨.

Breaks between blocks (``<p>``, ``<div>``, ``<li>`` …) are the page's real paragraphs and stay.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.markers import ARTICLE, HEADING_FORMS, heading_marker, opening_marker

#: A sentence ends with one of these, maybe followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[。；：！？…:;!?][”’」』）)》〉\]】]*$")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？、,;:!?]")
_DATE_LINE = re.compile(r"^[\d０-９〇○零一二三四五六七八九十]{4}\s*年\s*[\d０-９一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d０-９一二三四五六七八九十]{1,3}\s*日$")
# Where a new unit may start inside a line: right after a sentence end (and white space).
_UNIT_START = re.compile(r"(?<=[。；！？!?;])[”’」』）)》]*[ \u3000\t]*(?=第[一二三四五六七八九十百千零〇两\d]+(?:分编|编|章|节|条))")
# The 题注 under a title lists events, one a line: "…会议通过" / "根据2009年…第一次修正".
_EVENT_END = re.compile(r"(?:通过|批准|公布|发布|施行|修正|修订)[)）]?$")
_EVENT_START = re.compile(r"^(?:根据)?\d{4}年\d{1,2}月\d{1,2}日")
# The 之X of a 第X条之X label set apart from its 第X条 (a page's own paragraph or line).
_SUB_LABEL = re.compile(r"^之[一二三四五六七八九十]+(?![\u4e00-\u9fff])")
# An article caption (条旨) opening a line: 【立法宗旨】…
_CAPTION_START = re.compile(r"^【[^【】，。；：]{1,30}】")
#: A line without sentence punctuation up to this long is a title, heading or signature.
SHORT_LINE = 30


@dataclass
class Block:
    """One line of a page and how it is separated from the line before it."""

    text: str
    soft: bool = False  # True: a <br> or a newline inside the same block precedes it


def _marker_text(text: str) -> str:
    """The markers module reads repaired text, whose ideographic spaces are plain ones."""
    return text.replace("\u3000", " ").replace("\xa0", " ")


def repair(blocks: list[Block]) -> list[str]:
    """Lines as the drafting rules read them (see the module docstring)."""
    lines: list[str] = []
    last_article = 0
    for block in blocks:
        pieces = _split_units(block.text, last_article)
        for k, piece in enumerate(pieces):
            if k == 0 and lines and _continues_label(lines[-1], piece):
                lines[-1] += piece  # <p>第二百三十四条</p><p>之一</p>: one label, 第二百三十四条之一
            elif k == 0 and block.soft and lines and _joins(lines[-1], piece):
                lines[-1] += piece
            else:
                lines.append(piece)
            last_article = _article_number(piece) or last_article
    return lines


def _split_units(text: str, last_article: int) -> list[str]:
    """Cut a line before each unit label that follows a sentence end."""
    pieces: list[str] = []
    start = 0
    last_article = _article_number(text) or last_article
    for m in _UNIT_START.finditer(text):
        head = text[start:m.end()]
        rest = text[m.end():]
        marker = opening_marker(_marker_text(rest))
        if marker is None or not (marker.form in HEADING_FORMS or marker.form == ARTICLE):
            continue
        if marker.form in HEADING_FORMS and not marker.strong:
            continue
        if marker.form == ARTICLE and not (rest[len(marker.label):][:1] in (" ", "\u3000")
                                          or marker.number == last_article + 1):
            continue
        pieces.append(head.rstrip(" \u3000\t"))
        last_article = marker.number if marker.form == ARTICLE else last_article
        start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _article_number(line: str) -> int:
    marker = opening_marker(_marker_text(line))
    return marker.number if marker is not None and marker.form == ARTICLE else 0


def _continues_label(before: str, after: str) -> bool:
    """``before`` is an article label alone and ``after`` continues it: its 之X
    (第X条 / 之一) or its 条旨 (第X条 / 【立法宗旨】…), which belong on the label's line."""
    sub, caption = _SUB_LABEL.match(after), _CAPTION_START.match(after)
    if not (sub or caption):
        return False
    marker = opening_marker(_marker_text(before.strip()))
    if marker is None or marker.form != ARTICLE or marker.rest or marker.caption:
        return False
    return bool(caption) or not marker.sub


def _joins(before: str, after: str) -> bool:
    """Whether a soft break between ``before`` and ``after`` falls inside a sentence."""
    if _SENTENCE_END.search(before) or opening_marker(_marker_text(after)) is not None:
        return False
    if heading_marker(_marker_text(before)) is not None or _DATE_LINE.match(after) or _DATE_LINE.match(before):
        return False
    if _EVENT_END.search(before) and _EVENT_START.match(after):
        return False
    if not _SENTENCE_PUNCT.search(before) and len(before) <= SHORT_LINE:
        marker = opening_marker(_marker_text(before))
        return marker is not None and marker.form == ARTICLE  # 第十条 专利申请权 / 和专利权…
    return True
