"""HTML inside Markdown: ``<p id="t2">&emsp;&emsp;<b>第二条</b>&emsp;…<br>`` → text lines.

Markdown editors for laws (VuePress sites and the like) put structure into raw HTML: a
``<p>`` per article, ``<br>`` between its 款, ``<b>`` around the label, ``&emsp;`` for the
indents.  The fragment is read by the standard library's HTML parser (tags may open on
one line and close on another, entities come in every spelling), never by patterns over
tags: a break tag or a block boundary ends a line, every other tag keeps only its text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

#: Tags whose start or end is a line boundary.
_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "center",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
    "hr", "figure", "figcaption", "details", "summary",
})
#: Tags whose content is never text.
_HIDDEN = frozenset({"script", "style", "template", "noscript"})

# A tag as CommonMark recognises raw HTML (name of ASCII letters, digits and hyphens, then
# attributes, "/" or ">"): "<b>", "</p>", "<br/>", '<p id="t1">'.  Any other "<" is text
# (当a<b且c>d时), so it is escaped before the parser could take it for a tag.
_TAG = r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*)>"
_HINT = re.compile(_TAG + r"|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_TEXT_LT = re.compile(r"<(?!" + _TAG[1:] + r"|!--)")


def has_html(text: str) -> bool:
    """Does ``text`` hold a tag or an entity (anything the HTML reader would change)?"""
    return bool(_HINT.search(text))


def html_lines(text: str) -> list[str]:
    """The text of an HTML fragment, one entry per line it shows (blank entries kept)."""
    reader = _TextReader()
    reader.feed(_TEXT_LT.sub("&lt;", text))
    reader.close()
    return "".join(reader.parts).split("\n")


class _TextReader(HTMLParser):
    """Collects text; line breaks at ``<br>``, block boundaries and table cells (tab)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br" or tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th") and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
