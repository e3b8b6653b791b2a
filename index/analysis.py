"""Text analysis for search: one folding of characters, used on both sides.

Search means "find this exact wording", so the index and the query must see text the
same way.  ``fold`` maps every character on its own (a homomorphism: ``fold(a + b) ==
fold(a) + fold(b)``), so whenever a unit's text contains the query, the folded text
contains the folded query — recall cannot be lost by normalisation.  Per character:

* NFKC width folding (２０２２ → 2022, ＡＢＣ → ABC, ，→ , and CJK compatibility
  ideographs → unified ones) and case folding;
* what text repair does to single characters: «» → 《》, ‹› → 〈〉, GBK byte pairs read
  as Yi syllables (ꎬ → ，), the gazette font's private-use marks — so raw extracted
  text pasted into the search box finds the repaired text;
* whitespace and invisible format characters (zero-width space, BOM) removed: text
  repair removes the spaces extraction put between CJK characters, and a hard line wrap
  in a source must not hide a match;
* traditional → simplified (醫療保險 → 医疗保险) by the one-to-one character table of
  OpenCC (``opencc-python-reimplemented``'s TSCharacters.txt; first candidate).  Only the
  character table is used: it keeps lengths, so positions and highlights stay exact.

The analyzers below are what Whoosh pickles into the index, so they live at this stable
import path (``index.analysis``) and carry :data:`ANALYZER_VERSION`; :data:`FINGERPRINT`
(version + Unicode version + the T2S table's digest) is written beside the index, and a
change of it makes the index rebuild itself.
"""
from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import Composable, Token, Tokenizer

#: Bump when fold() or the tokenizers change what they produce: the index rebuilds.
ANALYZER_VERSION = 1

# Code point ranges outside the BMP whose NFKC form differs (mathematical alphanumerics,
# enclosed alphanumerics, CJK compatibility ideographs supplement).
_EXTRA_RANGES = ((0x1D400, 0x1D800), (0x1F100, 0x1F300), (0x2F800, 0x2FA20))


def _t2s_source() -> tuple[dict[str, str], str]:
    """OpenCC's traditional → simplified character table and its digest."""
    try:
        import opencc  # opencc-python-reimplemented
    except ImportError:  # pragma: no cover - a declared dependency
        return {}, "no-t2s"
    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    try:
        data = path.read_bytes()
    except OSError:  # pragma: no cover
        return {}, "no-t2s"
    table: dict[str, str] = {}
    for line in data.decode("utf-8").splitlines():
        key, _, values = line.partition("\t")
        target = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(target) == 1 and target != key:
            table[key] = target
    return table, hashlib.sha1(data).hexdigest()[:12]


_T2S, _T2S_DIGEST = _t2s_source()

#: Written beside the index; a different value means the index must be rebuilt.
FINGERPRINT = f"{ANALYZER_VERSION}/unicode-{unicodedata.unidata_version}/t2s-{_T2S_DIGEST}"


def _fold_one(ch: str) -> str:
    """The folded form of one character ('' for whitespace and format characters)."""
    if ch.isspace() or unicodedata.category(ch) == "Cf":
        return ""
    ch = _repair_one(ch)
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        if c.isspace() or unicodedata.category(c) == "Cf":
            continue
        out.append(_T2S.get(c, c))
    return "".join(out)


def _repair_one(ch: str) -> str:
    """What text repair makes of a lone character (reader.core.textrepair), so raw PDF
    text pasted into the search box finds the repaired text: «» → 《》, ‹› → 〈〉, a
    GBK byte pair misread as a Yi syllable (ꎬ → ，), the gazette's private-use marks."""
    from reader.core.textrepair import _fix_code_points

    fixed = _fix_code_points(ch)
    return {"«": "《", "»": "》", "‹": "〈", "›": "〉"}.get(fixed, fixed)


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Code point → folded string, only for characters that change."""
    table: dict[int, str] = {}
    ranges = ((0, 0x10000), *_EXTRA_RANGES, (0x100000, 0x100200))
    for lo, hi in ranges:
        for cp in range(lo, hi):
            if 0xD800 <= cp < 0xE000:  # surrogates
                continue
            ch = chr(cp)
            folded = _fold_one(ch)
            if folded != ch:
                table[cp] = folded
    for key, target in _T2S.items():  # traditional characters outside the BMP
        if ord(key) not in table and key != target:
            table[ord(key)] = _fold_one(key)
    return table


def fold(text: str) -> str:
    """The searchable form of ``text`` (see the module docstring)."""
    return text.translate(_fold_table())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index of the original character
    it came from; one extra entry (``len(text)``) closes the list, so a folded match
    ``[s, e)`` covers the original ``[offsets[s], end)`` where ``end`` is the first
    original index after ``offsets[e - 1]``: use :func:`original_span`."""
    table = _fold_table()
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = table.get(ord(ch), ch)
        if folded:
            out.append(folded)
            offsets.extend([i] * len(folded))
    offsets.append(len(text))
    return "".join(out), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """The original ``[start, end)`` of the folded match ``[start, end)`` (end > start)."""
    return offsets[start], offsets[end - 1] + 1


def bigrams(folded: str) -> list[str]:
    """Overlapping character bigrams of folded text (one unigram if it is a single char)."""
    if len(folded) < 2:
        return [folded] if folded else []
    return [folded[i:i + 2] for i in range(len(folded) - 1)]


# -- Whoosh analyzers (pickled into the index: keep the class names and this module) ------


class NgramTokenizer(Tokenizer):
    """Folded character n-grams with positions (n = 1 or 2), for any script.

    Position i is the n-gram starting at folded character i, so a folded string of
    length L ≥ 2 is found by the phrase of its L-1 overlapping bigrams; a one-character
    string by the unigram term.
    """

    def __init__(self, size: int = 2) -> None:
        self.size = size

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.size == self.size

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        folded = fold(value)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = folded
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            yield t
            return
        grams = bigrams(folded) if self.size == 2 else list(folded)
        for i, gram in enumerate(grams):
            t.text = gram
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = gram
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + i
                t.endchar = start_char + i + len(gram)
            yield t


def NgramAnalyzer(size: int = 2) -> Composable:  # noqa: N802 - Whoosh's naming style
    """The analyzer of the ``body``/``title`` (bigram) and ``chars`` (unigram) fields."""
    return NgramTokenizer(size)



__all__ = [
    "ANALYZER_VERSION", "FINGERPRINT", "fold", "fold_with_offsets", "original_span",
    "bigrams", "NgramTokenizer", "NgramAnalyzer",
]
