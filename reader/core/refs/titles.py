"""Titles as cited versus titles as stored: the keys that make them meet, and how close is close.

Every key is ``identity_key`` (width, brackets, quotes and spaces folded).  A cited title
also meets a stored one through these variants, all of them exact matches:

* the country prefix: 刑法 ↔ 中华人民共和国刑法;
* abbreviations: 税收征管法 → 税收征收管理法;
* an issuing notice and what it issues: 《…关于印发X的通知》 ↔ X (this library keeps the
  notice as the front matter of the document it issues);
* a volume in parts: 中华人民共和国民法典 ↔ 中华人民共和国民法典·合同编 (and the other 编).

Anything else is an *inexact* match, accepted only when one title is the other with at most
two inserted runs of three characters in all, the same first and last two characters, a
similarity ratio of at least ``INEXACT_THRESHOLD``, and nothing inserted that changes what
the document is (numbers, 实施/细则/暂行/试行/修订/补充…): 国家城乡融合发展试验区广清接合片区实施方案
meets 国家城乡融合发展试验区广东广清接合片区实施方案, but 广州市测绘管理办法 does not meet
广州市测绘地理信息管理办法, nor 刑法修正案（八） 刑法修正案（九）.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from reader.core.model import identity_key
from reader.core.refs.lexicon import ABBREVIATIONS

INEXACT_THRESHOLD = 0.92
_MAX_INSERTED = 3
_MAX_RUNS = 2
_COUNTRY = "中华人民共和国"
_ISSUED = re.compile(r"关于(?:印发|转发|发布|颁布|公布)[《〈“]?(.+?)[》〉”]?的(?:通知|决定|命令|公告)$")
_EDITION = re.compile(r"[（(](?:\d{4}年?)?(?:修订|修正|修改|版)[)）]$")
# Characters that must not make up the difference of an inexact match.
_MEANINGFUL = frozenset("0123456789零〇一二三四五六七八九十百千两实施细则办法条例规定暂行试行修订正补充若干解释意见通知决定印发关于废止"
                        "第次批号年")


def issued_title(title: str) -> str | None:
    """'…关于印发广州市引进人才入户管理办法的通知' → '广州市引进人才入户管理办法' (None if not a notice)."""
    m = _ISSUED.search(title)
    return m.group(1) if m else None


def volume_title(title: str) -> str | None:
    """'中华人民共和国民法典·合同编' → '中华人民共和国民法典' (None when not a part of a volume)."""
    for sep in ("·", "・", "•"):
        if sep in title:
            head = title.split(sep, 1)[0].strip()
            return head or None
    return None


def _country_variants(key: str) -> list[str]:
    if key.startswith(_COUNTRY):
        short = key[len(_COUNTRY):]
        return [short] if len(short) >= 2 else []
    return [_COUNTRY + key]


@lru_cache(maxsize=4096)
def stored_keys(title: str) -> tuple[str, ...]:
    """Keys under which a library document is found by its title (the first is its own)."""
    key = identity_key(title)
    keys = [key]
    if key.startswith(_COUNTRY) and len(key) > len(_COUNTRY) + 1:
        keys.append(key[len(_COUNTRY):])
    inner = issued_title(title)
    if inner:
        keys.append(identity_key(inner))
    return tuple(k for k in dict.fromkeys(keys) if k)


def volume_keys(title: str) -> list[str]:
    """Keys of the volume a part belongs to (民法典 for 民法典·合同编), [] if not a part."""
    vol = volume_title(title)
    if not vol:
        return []
    key = identity_key(vol)
    return [key] + [k for k in _country_variants(key) if not k.startswith(_COUNTRY)]


@lru_cache(maxsize=4096)
def cited_keys(title: str) -> tuple[str, ...]:
    """Keys to try for a cited title, most literal first (all count as exact matches).
    Cached: a library cites the same few hundred titles over and over."""
    key = identity_key(title)
    keys = [key]
    stripped = _EDITION.sub("", title)
    if stripped != title:
        keys.append(identity_key(stripped))
    for k in list(keys):
        keys.extend(_country_variants(k))
        short = k.removeprefix(_COUNTRY)
        if short in ABBREVIATIONS:
            full = ABBREVIATIONS[short]
            keys.extend([identity_key(full), _COUNTRY + identity_key(full)])
    inner = issued_title(title)
    if inner:
        keys.append(identity_key(inner))
    return tuple(k for k in dict.fromkeys(keys) if k)


def inexact_score(cited: str, stored: str) -> float:
    """Similarity of two keys when one is the other with a little inserted, else 0.0."""
    if cited == stored:
        return 1.0
    short, long = (cited, stored) if len(cited) <= len(stored) else (stored, cited)
    if len(short) < 8 or len(long) - len(short) > _MAX_INSERTED or len(long) == len(short):
        return 0.0
    if short[:2] != long[:2] or short[-2:] != long[-2:]:
        return 0.0
    ops = SequenceMatcher(None, short, long, autojunk=False).get_opcodes()
    runs = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if tag != "insert":
            return 0.0
        runs += 1
        if runs > _MAX_RUNS or any(c in _MEANINGFUL for c in long[j1:j2]):
            return 0.0
    ratio = 2 * len(short) / (len(short) + len(long))
    return ratio if ratio >= INEXACT_THRESHOLD else 0.0

