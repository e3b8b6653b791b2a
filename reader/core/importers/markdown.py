"""Markdown laws in the LawRefBook/Laws format (shared/corpus/laws).

::

    # 中华人民共和国行政处罚法          title (民法典 files add a second "# 总则" line)
    1996年3月17日 第八届…通过          history lines (题注)
    <!-- INFO END -->
    ## 第一章 总则                      headings: 编/章/节, depth varies per file
    第一条 …                            one paragraph per line

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
from reader.core.importers.history import derive
from reader.core.importers.txt import decode_text, split_lines

INFO_END = "<!-- INFO END -->"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_INLINE_MARK = re.compile(r"[*_~`\[<\\]")
_INLINE = (
    # **bold**, __bold__, ~~strike~~ (but not a fill-in blank such as "________")
    (re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*"), r"\1"),
    (re.compile(r"__(?=[^\s_])(.+?)(?<=[^\s_])__"), r"\1"),
    (re.compile(r"~~(?=[^\s~])(.+?)(?<=[^\s~])~~"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),  # `code`
    (re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # [text](url)
    (re.compile(r"<br\s*/?>", re.I), "\n"),  # an HTML line break is a break
)


def load_md(path: str, data: bytes, digest: str) -> SourceText:
    """Decode and parse a Markdown law file."""
    text, encoding, warnings = decode_text(path, data)
    src = parse_markdown(text, path=path, digest=digest)
    src.meta["encoding"] = encoding
    if warnings:
        src.meta["warnings"] = warnings
    return src


def parse_markdown(text: str, path: str = "", digest: str = "") -> SourceText:
    """Split a Markdown law into title, history (with derived metadata) and body lines."""
    raw = split_lines(_COMMENT.sub(lambda m: INFO_END if m[0] == INFO_END else "", text))
    info_end = next((i for i, line in enumerate(raw) if line.strip() == INFO_END), -1)
    raw = [line.replace(INFO_END, "") if i != info_end else line for i, line in enumerate(raw)]

    titles: list[str] = []
    history: list[str] = []
    start = 0
    # The title: the first "# " line, if the file opens with one.
    first = next((i for i, line in enumerate(raw) if line.strip()), None)
    if first is not None and (m := _HEADING.match(raw[first])) and len(m[1]) == 1 and m[2]:
        titles.append(_inline(m[2]))
        start = first + 1
    if info_end >= 0:
        for line in raw[start:info_end]:
            m = _HEADING.match(line)
            if m and len(m[1]) == 1:
                if m[2]:
                    titles.append(_inline(m[2]))  # 民法典: "# 总则" names the 编 of this file
            elif line.strip():
                history.append(line.strip())
        start = max(start, info_end + 1)

    lines, levels = _body(raw[start:])
    top = min(levels.values(), default=1)
    headings = {i: level - top + 1 for i, level in levels.items()}

    meta: dict[str, object] = {
        "title": "·".join(titles) if titles else Path(path).stem,
        "history": history,
    }
    if len(titles) > 1:
        meta["subtitle"] = "·".join(titles[1:])
    meta.update(derive(history, lines, _date_in_name(path), titles[0] if titles else ""))
    return SourceText(path, "md", digest, lines, hard_breaks=True, headings=headings, meta=meta)


def _date_in_name(path: str) -> dt.date | None:
    """LawRefBook names files ``标题(2021-01-22).md`` after the publication (公布) date."""
    m = re.search(r"[(（](\d{4})-(\d{2})-(\d{2})[)）]$", Path(path).stem)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _body(raw: list[str]) -> tuple[list[str], dict[int, int]]:
    """Body lines without Markdown marks, and {line index: heading level}."""
    lines: list[str] = []
    levels: dict[int, int] = {}
    for line in raw:
        m = _HEADING.match(line)
        if m:
            text = _inline(m[2] or "").strip()
            if text:
                levels[len(lines)] = len(m[1])
                lines.append(text)
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if _TABLE_RULE.match(stripped):
                continue
            stripped = _table_row(stripped)
        for part in _inline(stripped).split("\n"):
            part = part.strip()
            if part:
                lines.append(part)
    return lines, levels


def _table_row(line: str) -> str:
    """``| a | b |`` → ``a\\tb`` (``\\|`` is a literal bar)."""
    inner = line[1:-1] if line.endswith("|") and not line.endswith("\\|") else line[1:]
    cells = re.split(r"(?<!\\)\|", inner)
    return "\t".join(cell.strip().replace("\\|", "|") for cell in cells)


def _inline(text: str) -> str:
    """Remove inline emphasis, code and link marks; keep their text."""
    if _INLINE_MARK.search(text):
        for pattern, repl in _INLINE:
            text = pattern.sub(repl, text)
        text = _ESCAPE.sub(r"\1", text)
    return text
