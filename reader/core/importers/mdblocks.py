"""Markdown blocks of the dialects laws are written in → plain lines and heading depths.

Every source line of running text is one paragraph (laws are typed one 款 or 项 per line;
a two-space or backslash hard break only says so again).  Besides ATX headings and tables
(LawRefBook) this reads what other editors write:

* setext headings — a line underlined with ``===`` (depth 1) or ``---`` (depth 2);
  ``---`` after a blank line is a thematic break and goes;
* markdown-it / VuePress containers — ``::: tip 修订信息`` holds the 题注 (history), a
  ``::: details 目录`` container (with its ``::: tabs``, ``@tab``, ``[[toc]]`` and link
  rows) is a table of contents and goes, any other container keeps its text;
* inline HTML and entities (``<p id="t1">``, ``<b>``, ``<br>``, ``&emsp;``) via
  :mod:`reader.core.importers.inline_html`; attribute blocks ``{align="center"}``;
* list bullets, block quotes and indents (tabs, full-width spaces) around the text;
* page furniture that is not body: a breadcrumb before the title
  (``[法律法规读本](../duben) >> 2021-行政处罚法``) and lines that are only a link
  (``<http://www.npc.gov.cn/…>``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.importers.inline_html import has_html, html_lines
from reader.core.markers import ARTICLE, opening_marker
from reader.core.textrepair import repair_line

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|={3,}[ \t]*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CONTAINER = re.compile(r"^\s*:{3,}\s*([\w-]+)?\s*(.*?)\s*:*\s*$")
_TAB = re.compile(r"^\s*@tab\b")
_TOC_MARK = re.compile(r"^\s*\[\[?toc\]?\]\s*$", re.I)
_LINK_ONLY = re.compile(r"^(?:<(?:https?|ftp)://[^>\s]+>|(?:https?|ftp)://\S+|www\.\S+"
                        r"|\[[^\]]*\]\((?:https?://|www\.)[^)\s]*(?:\s+\"[^\"]*\")?\))$")
_BREADCRUMB = re.compile(r"^\[[^\]]+\]\([^)]*\)\s*(?:>>|>|»|›|→|/|\\)")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_ATTRS = re.compile(r"\s*\{\s*(?:(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s\"'{}]+))\s*)+\}\s*$")
_HARD_BREAK = re.compile(r"(?<!\\)\\$")
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

#: Container titles that hold a law's history (题注) and a table of contents.
_HISTORY_TITLE = re.compile(r"修订|修正|修改|沿革|题注|历史")
_TOC_TITLE = re.compile(r"目\s*录|\btoc\b", re.I)


@dataclass
class MdLine:
    """One paragraph line; ``depth`` > 0 for a heading (1 = ``#`` / ``===``)."""

    text: str
    depth: int = 0


@dataclass
class MdBlocks:
    lines: list[MdLine] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # from a 修订信息 container


def strip_marks(text: str) -> str:
    """Remove inline emphasis, code and link marks; keep their text."""
    if _INLINE_MARK.search(text):
        for pattern, repl in _INLINE:
            text = pattern.sub(repl, text)
        text = _ESCAPE.sub(r"\1", text)
    return text


class _Reader:
    def __init__(self) -> None:
        self.out = MdBlocks()
        self.stack: list[str] = []  # roles of the open containers: "history" | "toc" | "plain"
        self.fence: str | None = None
        self.after_text = False  # the previous source line was running text (setext)

    def read(self, raw: list[str]) -> MdBlocks:
        for line in raw:
            self._line(line)
        return self.out

    def _line(self, line: str) -> None:
        if self.fence is not None:
            if line.strip().startswith(self.fence):
                self.fence = None
            elif line.strip():
                self._emit(line.strip())
            return
        was_text, self.after_text = self.after_text, False
        stripped = line.strip()
        if not stripped:
            return
        if self._container(stripped):
            return
        if self._in("toc") or self._in("history"):
            if self._starts_body(line):
                self._close_front()
            elif self._in("toc"):
                return
        if _TAB.match(line) or _TOC_MARK.match(line):
            return
        if (m := _SETEXT.match(line)) and was_text and self.out.lines and not self._in("history"):
            self.out.lines[-1].depth = 1 if m[1][0] == "=" else 2
            return
        if _RULE.match(line):
            return
        if fence := _FENCE.match(line):
            self.fence = fence[1][:3]
            return
        if m := HEADING.match(line):
            text = self._text(_ATTRS.sub("", m[2] or ""))
            if text:
                self.out.lines.append(MdLine(" ".join(text), len(m[1])))
            return
        if _LINK_ONLY.match(stripped) or (not self.out.lines and _BREADCRUMB.match(stripped)):
            return
        if stripped.startswith("|"):
            if not TABLE_RULE.match(stripped):
                for text in self._text(_table_row(stripped)):
                    self._emit(text)
            return
        stripped = _BULLET.sub("", _QUOTE.sub("", stripped)) if stripped[0] in ">-*+" else stripped
        for text in self._text(_HARD_BREAK.sub("", _ATTRS.sub("", stripped))):
            self._emit(text)
        self.after_text = True

    def _container(self, stripped: str) -> bool:
        """Open or close a ``:::`` container; True when the line was one."""
        if not stripped.startswith(":::") or not (m := _CONTAINER.match(stripped)):
            return False
        if not m[1]:
            if self.stack:
                self.stack.pop()
            return True
        title = f"{m[1]} {m[2]}"
        role = "toc" if _TOC_TITLE.search(title) else "history" if _HISTORY_TITLE.search(m[2]) else "plain"
        self.stack.append(role)
        return True

    def _in(self, role: str) -> bool:
        return role in self.stack

    def _close_front(self) -> None:
        """History and 目录 containers left open end where the body starts (editors forget
        a ``:::``, or nest containers with markers of one length, which close the inner one)."""
        while self._in("toc") or self._in("history"):
            self.stack.pop()

    @staticmethod
    def _starts_body(line: str) -> bool:
        """An ATX heading or an article: body, whatever container was left open.  (A plain
        ``第一章 总则`` line is not: inside a 目录 container that is an entry.)"""
        if HEADING.match(line):
            return True
        pieces = html_lines(line) if has_html(line) else [line]
        text = repair_line(strip_marks(next((p for p in pieces if p.strip()), "")))
        marker = opening_marker(text)
        return marker is not None and marker.form == ARTICLE

    def _text(self, source: str) -> list[str]:
        """Non-empty display lines of one source line: HTML read, Markdown marks removed."""
        pieces = html_lines(source) if has_html(source) else [source]
        out: list[str] = []
        for piece in pieces:
            out.extend(t.strip() for t in strip_marks(piece.strip()).split("\n") if t.strip())
        return out

    def _emit(self, text: str) -> None:
        if self._in("history"):
            self.out.history.append(text)
        else:
            self.out.lines.append(MdLine(text))


def read_blocks(raw: list[str]) -> MdBlocks:
    """Read dialect Markdown lines into paragraph lines, heading depths and history."""
    return _Reader().read(raw)


def _table_row(line: str) -> str:
    """``| a | b |`` → ``a\\tb`` (``\\|`` is a literal bar)."""
    inner = line[1:-1] if line.endswith("|") and not line.endswith("\\|") else line[1:]
    cells = re.split(r"(?<!\\)\|", inner)
    return "\t".join(cell.strip().replace("\\|", "|") for cell in cells)
