"""Character-level repair of PDF/gazette extracts (ARCHITECTURE.md, "Text repair").

Works on one line at a time and is idempotent: clean text passes through unchanged,
so every importer can run it.
"""
from __future__ import annotations

import re
import unicodedata

#: Footnote markers as printed (① …); the PDF font maps them to U+1000B7 onwards.
FOOTNOTE_MARKS = "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1))
_FOOTNOTE_PUA_BASE = 0x1000B7
_PUA_FIXED = {0x1001B0: ".", 0x100170: "-"}

_ASCII_FOLD: dict[int, int | str | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Chinese punctuation stays full-width (GB/T 15834); everything else folds to ASCII.
for _ch in "，。；：？！（）《》〈〉【】〔〕「」『』、“”‘’·—…～％":
    _ASCII_FOLD.pop(ord(_ch), None)
_ASCII_FOLD[ord("％")] = ord("%")
_ASCII_FOLD[0x3000] = ord(" ")
_ASCII_FOLD[0x00A0] = ord(" ")
_ASCII_FOLD[0x2002] = ord(" ")
_ASCII_FOLD[0x2003] = ord(" ")
_ASCII_FOLD[ord("\t")] = ord(" ")
for _cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):  # zero-width characters carry no text
    _ASCII_FOLD[_cp] = None
for _n in range(1, 21):  # ⒈ … ⒛, sub-item numbers printed as one character
    _ASCII_FOLD[0x2487 + _n] = f"{_n}."
_ASCII_FOLD.update({ord("«"): ord("《"), ord("»"): ord("》"), ord("‹"): ord("〈"), ord("›"): ord("〉")})

_ASCII_TO_CJK_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _decode_gbk_pair(cp: int) -> str | None:
    """A code point U+A1A1–U+A9FE read from a GBK byte pair with the wrong table."""
    if not (0xA1A1 <= cp <= 0xA9FE and (cp & 0xFF) >= 0xA1):
        return None
    try:
        return bytes([cp >> 8, cp & 0xFF]).decode("gbk")
    except UnicodeDecodeError:
        return None


_SUSPECT = re.compile("[\uA1A1-\uA9FE\U00100000-\U0010FFFF]")


def _fix_code_points(text: str) -> str:
    """Only lines holding a suspect code point pay for the character loop."""
    return _SUSPECT.sub(_fix_one, text) if _SUSPECT.search(text) else text


def _fix_one(m: re.Match[str]) -> str:
    ch = m.group(0)
    cp = ord(ch)
    fixed = _decode_gbk_pair(cp)
    if fixed is not None:
        return "。" if fixed == "．" else fixed  # ．(A3AE) is the gazette font's sentence stop, i.e. 。
    if cp in _PUA_FIXED:
        return _PUA_FIXED[cp]
    if _FOOTNOTE_PUA_BASE <= cp < _FOOTNOTE_PUA_BASE + len(FOOTNOTE_MARKS):
        return FOOTNOTE_MARKS[cp - _FOOTNOTE_PUA_BASE]
    return ch


def is_cjk(ch: str) -> bool:
    """A Han character or CJK/full-width punctuation (anything printed double-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_tight(ch: str) -> bool:
    """Characters that never want a space beside them in Chinese text."""
    return is_cjk(ch) or ch in "∶%.·-—~“”‘’…" or ch in FOOTNOTE_MARKS


_LEADING_LABEL = re.compile(
    r"^(第[零〇一二三四五六七八九十百千两0-9]+(?:分编|[编章节条])(?:之[一二三四五六七八九十]+)?)\s+(?=\S)"
)
_SPACES = re.compile(r" +")
_ASCII_PARENS = re.compile(r"\(([^()]*)\)")
_PUNCT_NEAR_CJK = re.compile(r"(?<=[^\x00-\x7f])[,;:?!]+|[,;:?!]+(?= *[^\x00-\x7f ])")



def repair_line(line: str) -> str:
    """Repair one extracted line: code points, widths, brackets and extraction spaces.

    A structural label at the start keeps one space after it (``第一条 为了…``) because
    that space is the strongest sign the line really opens an article.
    """
    text = _fix_code_points(line).translate(_ASCII_FOLD).strip()
    if not text:
        return ""
    label = _LEADING_LABEL.match(text)
    head, rest = (label.group(1), text[label.end():]) if label else ("", text)
    rest = _PUNCT_NEAR_CJK.sub(lambda m: "".join(_ASCII_TO_CJK_PUNCT[c] for c in m.group(0)), rest)
    rest = widen_parens(rest)
    rest = _remove_spaces(rest)
    return f"{head} {rest}" if head else rest


def widen_parens(text: str) -> str:
    """ASCII parentheses around Chinese text become full-width ones."""
    return _ASCII_PARENS.sub(_widen_pair, text) if "(" in text else text


def _widen_pair(m: re.Match[str]) -> str:
    inner = m.group(1)
    if any(is_cjk(c) for c in inner) or not inner.strip():
        return f"（{inner}）"
    return m.group(0)


def _remove_spaces(text: str) -> str:
    """Drop the spaces extraction put beside CJK characters; keep those between Latin words."""
    if " " not in text:
        return text
    parts = _SPACES.split(text)
    out = [parts[0]]
    for part in parts[1:]:
        prev = out[-1][-1:] if out[-1] else ""
        nxt = part[:1]
        if prev and nxt and not _is_tight(prev) and not _is_tight(nxt):
            out.append(" ")
        out.append(part)
    return "".join(out)


# East Asian Wide and Fullwidth ranges (UAX #11), for counting without a per-character loop,
# plus the ambiguous punctuation that Chinese typesetting prints full-width (“”‘’…—·).
_WIDE = re.compile(
    "[\u00B7\u2014\u2018\u2019\u201C\u201D\u2026\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF"
    "\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6"
    "\U0001F300-\U0001F64F\U00020000-\U0003FFFD]"
)


def display_width(text: str) -> int:
    """Width in half-width columns, the unit a PDF line's length is measured in."""
    return len(text) + len(_WIDE.findall(text))
