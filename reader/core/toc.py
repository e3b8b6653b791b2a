"""Where a 目录 (table of contents) ends when the body does not open by repeating its
first entry.

By the drafting rules a 目录 lists only units above the article: 第X编/分编/章/节 with their
titles, and 序言, 附则, 附件/附录, maybe with page numbers or dot leaders.  So the block
ends at the first line that is not such an entry, typically 第一条 when a law puts an article
before its first chapter (全国人民代表大会议事规则) or prints no 第一章 heading.  It is taken
for a 目录 only when the body later repeats one of its entries: a 目录 lists headings the
text carries, and a run of headings that never comes back is body, not navigation.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.numerals import CN_NUMERAL_CHARS

_DOT_LEADER = re.compile(r"(?:[.·…]|\.\s){4,}\s*\d*\s*$")
_PAGE_NO = re.compile(r"[（(]?\d{1,4}[）)]?$")
_UNIT = rf"第[{CN_NUMERAL_CHARS}\d]+(?:分编|编|章|节)"
#: An entry: a unit label with its title, or an unnumbered part of a law.
_ENTRY = re.compile(rf"^(?:{_UNIT}|序言|附则|附件|附录)")
_BARE_UNIT = re.compile(rf"^{_UNIT}$")
_ARTICLE = re.compile(rf"^第[{CN_NUMERAL_CHARS}\d]+条")
_SENTENCE = re.compile(r"[，。；：！？]")
_ENTRY_MAX = 60
_MIN_ENTRIES = 2
_HEAD = re.compile(r"^目录$")
#: A line a 目录 may list, in general: a heading or a whole document title (a gazette
#: issue's contents), without sentence punctuation, never an article.
_LISTED_MAX = 80
_LISTED_PUNCT = re.compile(r"[，。；！？]")


def entry_key(text: str) -> str:
    """An entry as the body repeats it: no spacing, bullet, dot leader or page number."""
    text = _DOT_LEADER.sub("", text).strip()
    return re.sub(r"\s", "", _PAGE_NO.sub("", text)).lstrip("*·•")


def is_article(text: str) -> bool:
    """第X条 …: body text, never a 目录 entry."""
    return _ARTICLE.match(entry_key(text)) is not None


def is_heading(text: str) -> bool:
    """目录, 目　　录: the line that opens a table of contents."""
    return _HEAD.match(re.sub(r"\s", "", text)) is not None


def block_end(texts: Sequence[str], start: int) -> int | None:
    """Where the body starts after a 目录 heading at ``start - 1``: at the repeat of the
    first entry, or after a run of unit entries the body repeats later (:func:`entries_end`).
    None (nothing is removed) unless every line before it looks like an entry, so body
    text is never taken for a table of contents.  One rule for every format."""
    if start >= len(texts):
        return None
    first = entry_key(texts[start])
    for j in range(start, min(len(texts), start + 400)):
        if j - start >= 2 and entry_key(texts[j]) == first:
            return j
        key = entry_key(texts[j])
        if not key or len(key) > _LISTED_MAX or _LISTED_PUNCT.search(key) or _ARTICLE.match(key):
            break
    return entries_end(texts, start)


def _is_entry(key: str) -> bool:
    return bool(_ENTRY.match(key)) and len(key) <= _ENTRY_MAX and not _SENTENCE.search(key)


def entries_end(texts: Sequence[str], start: int) -> int | None:
    """Where the run of unit entries that opens at ``start`` (the line after 目录) ends, or
    None when there is no such run, the line after it is not surely body, or the body
    never repeats any of its entries.

    A title on the line after a bare label (第一章 / 总则) belongs to that entry.
    """
    keys: list[str] = []
    labels: set[str] = set()  # a bare label as printed, the body may print it so too
    j = start
    while j < len(texts):
        key = entry_key(texts[j])
        if _is_entry(key):
            keys.append(key)
        elif keys and _BARE_UNIT.match(keys[-1]) and key and len(key) <= 20 \
                and not _SENTENCE.search(key) and not _ARTICLE.match(key):
            labels.add(keys[-1])
            keys[-1] += key
        else:
            break
        j += 1
    if len(keys) < _MIN_ENTRIES or j >= len(texts):
        return None
    listed = set(keys) | labels
    if not _opens_body(entry_key(texts[j]), listed) or not any(entry_key(t) in listed for t in texts[j:]):
        return None
    return j


def _opens_body(key: str, listed: set[str]) -> bool:
    """The line after the entries is surely body: an article, a sentence (a preamble) or a
    listed heading.  Anything else (a short fragment: an entry wrapped onto a second line)
    leaves the block undecided, and nothing is removed rather than half of it."""
    return bool(_ARTICLE.match(key) or _SENTENCE.search(key)) or key in listed
