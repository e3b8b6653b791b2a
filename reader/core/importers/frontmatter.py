"""YAML front matter of Markdown pages (VuePress, Hugo, Jekyll): what it says about the law.

::

    ---
    title: 广东省环境保护条例            → title
    date: 2019-11-29                   → a date the page is filed under (the 公布 date is
                                         taken from it only when the 题注 names none)
    author: 广东省人民代表大会常务委员会  → issuer
    category:                          → the kind of instrument it states, when it
      - 地方性法规                        names one (法律, 行政法规, 地方性法规, 规章 …)
    tag: [粤, 环评]                     → the same, when no category does
    ---

Scrapers of the national law database write ``office`` (issuer), ``publish`` (公布 date),
``effective_date`` (施行 date) and ``type`` (kind) instead; both spellings are read.

The block is parsed by a real YAML parser (Hugo's ``+++`` blocks by the standard library's
TOML parser): editors write quoted strings, flow and block lists, dates and nested keys, and
a hand-made reader gets some of them wrong.  A block that does not parse is left in the
text (with a warning), since then it may not be front matter at all.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field

import yaml

from reader.core.importers.history import parse_date

#: A category or tag that names a kind of instrument (法律, 行政法规, 地方性法规, 规章,
#: 地方政府规章, 司法解释 …) rather than a subject (环评) or a place (粤).
_KIND_NAME = re.compile(r"^(?:宪法|法律|宪法相关法|司法解释|规范性文件|[\u4e00-\u9fff]{0,4}(?:法规|规章|条例))$")
#: Keys editors and scrapers use, in the order they are trusted (flk.npc.gov.cn dumps write
#: office / publish / effective_date / type; blogs author / date / category).
_ISSUER_KEYS = ("author", "office", "issuer", "publisher", "department", "发布机关", "制定机关")
_DATE_KEYS = ("date", "publish", "publish_date", "publishDate", "pubdate", "公布日期", "发布日期")
_EFFECTIVE_KEYS = ("effective_date", "effective", "施行日期", "实施日期")
_KIND_KEYS = ("category", "categories", "type", "tag", "tags", "法律性质", "效力级别")
#: Opening line → closing line and parser: YAML between ``---`` (or ``---`` … ``...``),
#: TOML between ``+++``.
_YAML_OPEN, _YAML_CLOSE = re.compile(r"^---\s*$"), re.compile(r"^(---|\.\.\.)\s*$")
_TOML_OPEN = _TOML_CLOSE = re.compile(r"^\+\+\+\s*$")
#: Front matter is short; a lone "---" further down is a thematic break, not its end.
MAX_LINES = 200


@dataclass
class FrontMatter:
    """What the block states, already mapped to document metadata."""

    meta: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def split_front_matter(lines: list[str]) -> tuple[FrontMatter, list[str]]:
    """(front matter, the lines after it); the lines unchanged when there is none."""
    first = lines[0].lstrip("\ufeff") if lines else ""
    if _YAML_OPEN.match(first):
        close, language = _YAML_CLOSE, "YAML"
    elif _TOML_OPEN.match(first):
        close, language = _TOML_CLOSE, "TOML"
    else:
        return FrontMatter(), lines
    end = next((i for i in range(1, min(len(lines), MAX_LINES)) if close.match(lines[i])), None)
    if end is None:
        return FrontMatter(), lines
    block = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(block) if language == "YAML" else tomllib.loads(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return FrontMatter(warnings=[f"front matter is not valid {language}{where}; kept as text"]), lines
    if data is not None and not isinstance(data, dict):
        return FrontMatter(), lines  # "---" / text / "---": rules around a paragraph
    return FrontMatter(meta=_meta(data or {})), lines[end + 1:]


def _meta(data: dict[object, object]) -> dict[str, object]:
    meta: dict[str, object] = {}
    title = _text(data.get("title"))
    if title:
        meta["title"] = title
    author = next((t for key in _ISSUER_KEYS if (t := _text(data.get(key)))), "")
    if author:
        meta["issuer"] = author
    when = next((d for key in _DATE_KEYS if (d := _date(data.get(key)))), None)
    if when:
        meta["date"] = when
    effective = next((d for key in _EFFECTIVE_KEYS if (d := _date(data.get(key)))), None)
    if effective:
        meta["effective"] = effective
    kind = next((k for key in _KIND_KEYS if (k := _kind(data.get(key)))), None)
    if kind:
        meta["kind"] = kind
    return meta


def _text(value: object) -> str:
    """A scalar, or the names of a list / {name: …} author, joined by 、."""
    if isinstance(value, list):
        return "、".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return ""


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.match(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
        return parse_date(value)
    return None


def _kind(value: object) -> str | None:
    """The first entry that names a kind of instrument, as the page spells it (the kind
    reader, reader.core.doc_kind, maps it and trusts it only when the text is silent)."""
    for entry in value if isinstance(value, list) else [value]:
        name = _text(entry)
        if _KIND_NAME.match(name):
            return name
    return None
