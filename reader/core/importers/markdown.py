"""Markdown laws: the LawRefBook/Laws format (shared/corpus/laws) and other editors' dialects.

::

    # 中华人民共和国行政处罚法          title (民法典 files add a second "# 总则" line)
    1996年3月17日 第八届…通过          history lines (题注)
    <!-- INFO END -->
    ## 第一章 总则                      headings: 编/章/节, depth varies per file
    第一条 …                            one paragraph per line

Other editors write the same law differently (see :mod:`.mdblocks` for the block syntax):
YAML front matter with title, date, author and category (:mod:`.frontmatter`); a setext
title, a breadcrumb and a link line above it, the 题注 in parentheses below it; or the
题注 in a ``::: tip 修订信息`` container.  The title is the first heading when it is not a
structural one (第一章, 一、, 目录) — unless the front matter names one; the 题注 is the
container's text, else a parenthesised paragraph (or dated event lines) after the title.

The Markdown marks are removed (the parser downstream sees plain text, as from any other
source) but every character of the text is kept; heading lines are reported separately so the
structure parser can trust them.  Tables become one line per row, cells joined by a tab, the
same shape the .docx importer gives.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reader.core.importers.base import SourceText
from reader.core.importers.frontmatter import split_front_matter
from reader.core.importers.history import derive, parse_date
from reader.core.importers.mdblocks import HEADING, MdLine, read_blocks, strip_marks
from reader.core.importers.txt import decode_text, split_lines
from reader.core.markers import opening_marker
from reader.core.textrepair import repair_line

INFO_END = "<!-- INFO END -->"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TOC_HEAD = re.compile(r"^目\s*录$")
#: A 题注 paragraph: opens with a bracket and a date, closes with a bracket (a few lines) …
_HISTORY_OPEN = re.compile(r"^[（(]")
_HISTORY_CLOSE = re.compile(r"[）)]$")
_HISTORY_MAX_LINES = 8
#: A title line: no sentence punctuation, not longer than this.
_TITLE_PUNCT = re.compile(r"[，。；：！？,;:!?]")
_TITLE_MAX = 60
#: Where a web page was copied from, between the title and the 题注.
_SOURCE_LINE = re.compile(r"^(?:来源|稿源|作者|编辑|责任编辑|发布时间|发布日期|浏览次数)\s*[：:]")
#: … or lines of one dated event each.
_HISTORY_EVENT = re.compile(r"^[0-9０-９]{4}\s*年.*(?:通过|修正|修订|公布|发布|施行|批准)[）)]?$")


def load_md(path: str, data: bytes, digest: str) -> SourceText:
    """Decode and parse a Markdown law file."""
    text, encoding, warnings = decode_text(path, data)
    src = parse_markdown(text, path=path, digest=digest)
    src.meta["encoding"] = encoding
    if warnings:
        src.meta["warnings"] = [*warnings, *src.meta.get("warnings", [])]  # type: ignore[misc]
    return src


def parse_markdown(text: str, path: str = "", digest: str = "") -> SourceText:
    """Split a Markdown law into title, history (with derived metadata) and body lines."""
    raw = split_lines(_COMMENT.sub(lambda m: INFO_END if m[0] == INFO_END else "", text))
    front, raw = split_front_matter(raw)
    info_end = next((i for i, line in enumerate(raw) if line.strip() == INFO_END), -1)
    raw = [line.replace(INFO_END, "") if i != info_end else line for i, line in enumerate(raw)]

    titles: list[str] = []
    history: list[str] = []
    if info_end >= 0:
        start = 0
        # The title: the first "# " line, if the file opens with one.
        first = next((i for i, line in enumerate(raw) if line.strip()), None)
        if first is not None and (m := HEADING.match(raw[first])) and len(m[1]) == 1 and m[2]:
            titles.append(strip_marks(m[2]))
            start = first + 1
        for line in raw[start:info_end]:
            m = HEADING.match(line)
            if m and len(m[1]) == 1:
                if m[2]:
                    titles.append(strip_marks(m[2]))  # 民法典: "# 总则" names the 编 of this file
            elif line.strip():
                history.append(line.strip())
        body = read_blocks(raw[info_end + 1:]).lines
    else:
        blocks = read_blocks(raw)
        body = blocks.lines
        if front.meta.get("title"):
            titles.append(str(front.meta["title"]))
            if body and body[0].depth and _same_title(body[0].text, titles[0]):
                # the page repeats its title as the first heading, maybe in full
                # (环境保护法 / 中华人民共和国环境保护法): the longer one is the title
                titles[0] = max(body.pop(0).text, titles[0], key=lambda t: len(_fold(t)))
        elif body and not _structural(body[0].text) and (body[0].depth or _plain_title(body)):
            titles.append(body.pop(0).text)
        while titles and body and not body[0].depth and (_SOURCE_LINE.match(body[0].text)
                                                         or _fold(body[0].text) == _fold(titles[0])):
            del body[0]  # 来源： 中国人大网 2018年3月21日, or the title once more (as flk prints it)
        history = blocks.history or (_history_paragraph(body) if titles else [])

    lines = [b.text for b in body]
    levels = {i: b.depth for i, b in enumerate(body) if b.depth}
    top = min(levels.values(), default=1)
    headings = {i: level - top + 1 for i, level in levels.items()}

    meta: dict[str, object] = {
        "title": "·".join(titles) if titles else Path(path).stem,
        "history": history,
    }
    if len(titles) > 1:
        meta["subtitle"] = "·".join(titles[1:])
    published = _date_in_name(path) or front.meta.get("date")
    meta.update(derive(history, lines, published, titles[0] if titles else ""))  # type: ignore[arg-type]
    if front.meta.get("issuer"):
        meta["issuer"] = front.meta["issuer"]  # the page names it outright
    if front.meta.get("kind"):
        meta["kind"] = front.meta["kind"]
    if front.meta.get("effective") and not meta.get("effective"):
        meta["effective"] = front.meta["effective"]
    if front.warnings:
        meta["warnings"] = list(front.warnings)
    return SourceText(path, "md", digest, lines, hard_breaks=True, headings=headings, meta=meta)


def _structural(text: str) -> bool:
    """第一章 总则, 一、受案范围, 目录: headings of the body, never the document's title."""
    text = repair_line(text)
    return opening_marker(text) is not None or bool(_TOC_HEAD.match(text))


def _fold(text: str) -> str:
    return re.sub(r"\s", "", repair_line(text))


def _same_title(heading: str, title: str) -> bool:
    """Does the heading name the document the front matter names (one holds the other)?"""
    a, b = _fold(heading), _fold(title)
    return bool(a and b) and (a in b or b in a)


def _plain_title(body: list[MdLine]) -> bool:
    """A title typed as a plain line: short, unpunctuated, and followed by the 题注 or by
    the first heading (its lines are the only evidence, so both must agree)."""
    first = body[0].text
    if len(first) > _TITLE_MAX or _TITLE_PUNCT.search(first) or len(body) < 2:
        return False
    nxt = body[1]
    return bool(nxt.depth) or bool(_HISTORY_OPEN.match(nxt.text) and parse_date(nxt.text)) \
        or bool(_HISTORY_EVENT.match(nxt.text))


def _history_paragraph(body: list[MdLine]) -> list[str]:
    """Take the 题注 off the top of the body: a parenthesised paragraph with a date, or
    lines that each record one event (``2011年1月8日《…的决定》修订``)."""
    if not body or body[0].depth:
        return []
    count = 0
    if _HISTORY_OPEN.match(body[0].text) and parse_date(body[0].text):
        count = next((k + 1 for k, line in enumerate(body[:_HISTORY_MAX_LINES])
                      if _HISTORY_CLOSE.search(line.text)), 0)
        if any(line.depth for line in body[:count]):
            count = 0
    else:
        while count < min(len(body), _HISTORY_MAX_LINES) and not body[count].depth \
                and _HISTORY_EVENT.match(body[count].text):
            count += 1
    history = [line.text for line in body[:count]]
    del body[:count]
    return history


def _date_in_name(path: str) -> dt.date | None:
    """LawRefBook names files ``标题(2021-01-22).md`` after the publication (公布) date."""
    m = re.search(r"[(（](\d{4})-(\d{2})-(\d{2})[)）]$", Path(path).stem)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
