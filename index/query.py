"""The query language, for people rather than Whoosh syntax.

======================  ==========================================================
``由县级以上人民政府``       exact wording: every unit containing it (the default)
``罚款 县级``               words separated by spaces must all occur (AND)
``"第一条 总则"``           quoted text is one phrase (spaces do not count: 第一条总则)
``-附则``                  excludes units containing the word (``-"a b"`` too)
``罚款 OR 警告``            either word (``|`` works too); binds tighter than AND
``doc:doc_1a2b``          only documents whose id starts so
``type:规章``               only documents whose kind contains 规章
``year:2022``              only documents issued in 2022 (``year:2018-2022`` a range)
======================  ==========================================================

Filters take ``:`` or ``：``.  A query that does not parse — an unclosed quote, ``OR``
with nothing on one side, a filter without a value, nothing but exclusions — is never an
error: it is searched as literal text (``Query.literal``).

Every term is folded like the index (index.analysis.fold), and a 第…条/款/项/章/节/编/目
numeral gets its other spelling as a variant, so 第43条 and 第四十三条 find each other.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from index.analysis import fold
from reader.core.numerals import cn_to_int, int_to_cn

_QUOTES = '"＂'
_SPACE = re.compile(r"\s+")
_FILTER = re.compile(r"^(doc|type|year)[:：](.*)$", re.IGNORECASE | re.DOTALL)
_YEAR = re.compile(r"^(\d{4})(?:(?:-|–|\.\.|~|～|至)(\d{4}))?$")
_NUMBERED = re.compile(r"第([0-9]+|[零〇一二三四五六七八九十百千两]+)(条|款|项|章|节|编|目)")
#: At most this many spellings of one term (2^n for n numerals).
MAX_VARIANTS = 16


@dataclass(frozen=True)
class Term:
    """One literal: what the user typed and its folded spellings (first = as typed)."""

    text: str
    variants: tuple[str, ...]


@dataclass
class Query:
    """A parsed query: an AND of groups, each an OR of terms; minus the exclusions."""

    text: str
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    doc_prefixes: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)
    literal: bool = False

    @property
    def terms(self) -> list[Term]:
        """Every positive term, in query order."""
        return [t for group in self.groups for t in group]

    @property
    def empty(self) -> bool:
        return not any(v for t in self.terms for v in t.variants)

    def phrases(self) -> list[str]:
        """The positive terms written one after another (each combination of their first
        spellings and numeral variants): a unit containing one holds the whole phrase."""
        if len(self.groups) < 2:
            return []
        firsts = [group[0].variants for group in self.groups]
        out = []
        for combo in itertools.islice(itertools.product(*firsts), MAX_VARIANTS):
            out.append("".join(combo))
        return out


class _Malformed(Exception):
    pass


def parse(text: str) -> Query:
    """Parse ``text``; anything malformed becomes one literal term (never raises)."""
    try:
        return _parse(text)
    except _Malformed:
        return literal(text)


def literal(text: str) -> Query:
    """``text`` searched as it is (after folding), as one term."""
    q = Query(text=text, literal=True)
    term = make_term(text)
    if term.variants[0]:
        q.groups.append([term])
    return q


def make_term(text: str) -> Term:
    folded = fold(text)
    return Term(text, numeral_variants(folded))


def numeral_variants(folded: str) -> tuple[str, ...]:
    """``folded`` and its spellings with each 第N条-style numeral written the other way."""
    matches = list(_NUMBERED.finditer(folded))
    if not matches:
        return (folded,)
    options: list[list[str]] = []
    for m in matches:
        number = m.group(1)
        value = cn_to_int(number)
        spellings = [m.group(0)]
        if value is not None and value > 0:
            other = int_to_cn(value) if number.isdigit() else str(value)
            if other != number:
                spellings.append(f"第{other}{m.group(2)}")
        options.append(spellings)
    variants: list[str] = []
    for combo in itertools.islice(itertools.product(*options), MAX_VARIANTS):
        parts, last = [], 0
        for m, spelling in zip(matches, combo):
            parts += [folded[last:m.start()], spelling]
            last = m.end()
        parts.append(folded[last:])
        variant = "".join(parts)
        if variant not in variants:
            variants.append(variant)
    return tuple(variants)


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """Split at whitespace outside quotes: (token, quoted, excluded) triples."""
    out: list[tuple[str, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        prefix = ""
        if text[i] == "-" and i + 1 < n and text[i + 1] in _QUOTES:
            prefix, i = "-", i + 1
        if text[i] in _QUOTES:
            end = next((j for j in range(i + 1, n) if text[j] in _QUOTES), -1)
            if end < 0:
                raise _Malformed("unclosed quote")
            out.append((text[i + 1:end], True, bool(prefix)))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        if j < n and text[j] in _QUOTES:  # a quote glued to a word: ab"cd"
            raise _Malformed("quote inside a word")
        token = text[i:j]
        if token.startswith("-") and len(token) > 1:
            out.append((token[1:], False, True))
        else:
            out.append((token, False, False))
        i = j
    return out


def _parse(text: str) -> Query:
    q = Query(text=text)
    pending_or = False
    for body, quoted, negative in _tokens(text):
        if not quoted and not negative and body in ("OR", "|"):
            if not q.groups or pending_or:
                raise _Malformed("OR without a term before it")
            pending_or = True
            continue
        if not quoted and not negative and (m := _FILTER.match(body)):
            if pending_or:
                raise _Malformed("OR before a filter")
            _add_filter(q, m.group(1).lower(), m.group(2))
            continue
        term = make_term(body)
        if not term.variants[0]:
            if quoted:
                continue  # "" or " ": nothing to look for
            raise _Malformed("empty term")
        if negative:
            if pending_or:
                raise _Malformed("OR before an exclusion")
            q.excluded.append(term)
        elif pending_or:
            q.groups[-1].append(term)
            pending_or = False
        else:
            q.groups.append([term])
    if pending_or:
        raise _Malformed("OR at the end")
    if not q.groups:
        raise _Malformed("nothing to look for")
    return q


def _add_filter(q: Query, name: str, value: str) -> None:
    value = value.strip()
    if not value:
        raise _Malformed(f"{name}: without a value")
    if name == "doc":
        q.doc_prefixes.append(value)
    elif name == "type":
        q.types.append(fold(value))
    else:
        m = _YEAR.match(fold(value))
        if not m:
            raise _Malformed(f"year:{value}")
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        q.years.append((min(lo, hi), max(lo, hi)))


__all__ = ["Query", "Term", "parse", "literal", "make_term", "numeral_variants"]
