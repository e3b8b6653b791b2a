"""The wording of references: pinpoint chains, titles, aliases, law names, doc numbers.

Pure text functions; ``detect`` strings them together with the document's structure.

A *group* is what follows one anchor: 第五条第一款、第二款和第七条至第九条.  It is read
as elements (第五条, 第一款, 第二款, 第七条, 第九条), each a number with a unit or sharing the
unit of a later element (第三、第六项; 第（二）（三）（四）项; 第四至第七项), joined into
*chains* (第五条第一款: units getting smaller without a separator) and chains into a list
(、 和 及 或者 …) or ranges (至 到 —).  A later chain names only its own units and takes the
larger ones from the chain before it (第五条第一款、第二款 → 第五条第二款).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.core.numerals import cn_to_int
from reader.core.refs.lexicon import LAW_NAMES
from reader.core.refs.model import PART, RANK, UNIT_CHAR, Pin, pin

CN_NUM = "零〇一二三四五六七八九十百千两"
_NUM = rf"(?:[{CN_NUM}]+|\d{{1,4}})"

#: One element: [第] number | （number） [之X] [unit].
_ELEM = re.compile(rf"(第)?(?:({_NUM})|[（(]({_NUM})[)）])(分编|编|章|节|条|款|项|目)?(?:(?<=条)之([一二三四五六七八九十]{{1,3}}))?")
_SEP = re.compile(r"以及|或者|、|和|及|或|与|至|到|—|～|~|－|-")
_RANGE_SEPS = frozenset(("至", "到", "—", "～", "~", "－", "-"))
#: After 第X条 these words make it something else than a citation (第二条跑道, 第一条线路).
_NOT_A_CITATION = re.compile(r"[线路道河街桥船轨跑腿江渠堤管隧巷]")


class Chain(NamedTuple):
    """第十七条第二款: units named without a separator; ``to`` is the end of a range.

    A named tuple: a group makes one or more, and a frozen dataclass costs five times as much
    to build."""

    start: int
    end: int
    pins: tuple[Pin, ...]
    to: Chain | None = None


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    number: int
    sub: int
    unit: str | None
    paren: bool
    sep: str | None  # the separator before this element (None: glued to the previous one)


# The common case, one chain with nothing after it that could continue it: 第十七条第二款规定.
_SIMPLE = re.compile(rf"第({_NUM})条(?:第({_NUM})款)?(?:第(?:({_NUM})|（({_NUM})）)项)?"
                     r"(?![、和及或与至到—～~－\-（(第之\d零〇一二三四五六七八九十百千两])")


#: After 第: a number followed by nothing that could give it a unit (第三方, 第622号, 第九届), so
#: no group starts there.  Atomic, so the number is not shortened to find such a character.
NO_UNIT_TAIL = rf"(?>[{CN_NUM}]+|\d{{1,4}})(?![分编章节条款项目以或、和及与至到—～~－\-第（(])"
_NO_UNIT = re.compile("第" + NO_UNIT_TAIL)


def parse_group(text: str, pos: int) -> list[Chain]:
    """The chains of the pinpoint group starting with 第 at ``pos`` ([] if it names no unit)."""
    if _NO_UNIT.match(text, pos):
        return []
    m = _SIMPLE.match(text, pos)
    if m:
        chain = _simple_chain(m, pos)
        if chain is not None:
            return [chain]
    raws = _elements(text, pos)
    if not raws:
        return []
    # 第二百三十六第三款 (条 dropped): a number glued before 第Y款 is an article
    for k, r in enumerate(raws[:-1]):
        if r.unit is None and raws[k + 1].sep is None and raws[k + 1].unit == "款" and not r.paren:
            r.unit = "条"
    # units shared from a later element: 第三、第六项; 第（二）（三）（四）项; 第四至第七项
    carry: str | None = None
    for r in reversed(raws):
        if r.unit:
            carry = r.unit
        else:
            r.unit = carry
    # a paren number glued after 第X条 / 第X款 with no unit anywhere: an item (第五条（三）)
    for k, r in enumerate(raws):
        if r.unit is None and r.paren and r.sep is None and k and raws[k - 1].unit in ("条", "款"):
            r.unit = "项"
    cut = next((k for k, r in enumerate(raws) if r.unit is None), len(raws))
    raws = raws[:cut]
    if not raws:
        return []
    return _chains(raws)


def _simple_chain(m: re.Match[str], pos: int) -> Chain | None:
    """The one chain a ``_SIMPLE`` match names (None: a number too large, read it the long way)."""
    article, paragraph, item, paren_item = m.groups()
    n = cn_to_int(article)
    if n is None or n > 9999:
        return None
    pins = [pin("article", n)]
    for digits, unit in ((paragraph, "paragraph"), (item, "item"), (paren_item, "item")):
        if digits:
            n = cn_to_int(digits)
            if n is None:
                return None
            pins.append(pin(unit, n))
    return Chain(pos, m.end(), tuple(pins))


def _elements(text: str, pos: int) -> list[_Raw]:
    """The elements of a group, each with the separator before it, as written (units not shared)."""
    raws: list[_Raw] = []
    sep: str | None = None
    n = len(text)
    m = _ELEM.match(text, pos)
    while m:
        di, number_text, paren_text, unit, sub_text = m.groups()
        paren = paren_text is not None
        if not raws and di is None:
            break
        if raws and sep is None and di is None and not paren:
            break
        number = cn_to_int(number_text or paren_text)
        if number is None or number > 9999:
            break
        sub = (cn_to_int(sub_text) or 0) if sub_text else 0
        p = m.end()
        raws.append(_Raw(m.start(), p, number, sub, unit, paren, sep))
        s = _SEP.match(text, p)
        if s:
            m = _ELEM.match(text, s.end())
            if m:  # a separator and another element: the list goes on
                sep = s.group()
                continue
        sep = None
        if p < n and text[p] in "第（(":
            m = _ELEM.match(text, p)
            continue
        break
    return raws


def _chains(raws: list[_Raw]) -> list[Chain]:
    chains: list[Chain] = []
    cur: list[_Raw] = []
    range_next = False
    pending_range_start: Chain | None = None

    def close() -> None:
        nonlocal pending_range_start
        if not cur:
            return
        chain = Chain(cur[0].start, cur[-1].end, tuple([pin(UNIT_CHAR[r.unit], r.number, r.sub) for r in cur]))  # type: ignore[index]
        if pending_range_start is not None:
            first = pending_range_start
            chains[-1] = Chain(first.start, chain.end, first.pins, chain)
            pending_range_start = None
        else:
            chains.append(chain)

    for r in raws:
        rank = RANK[UNIT_CHAR[r.unit]]  # type: ignore[index]
        if not cur:
            cur.append(r)
            continue
        prev_rank = RANK[UNIT_CHAR[cur[-1].unit]]  # type: ignore[index]
        if r.sep is None and rank > prev_rank:
            cur.append(r)  # 第十七条第二款
            continue
        if r.sep is None and not (r.paren and rank == prev_rank):
            break  # 第十条第九条: not one reference
        close()
        range_next = r.sep in _RANGE_SEPS
        if range_next and chains and chains[-1].to is None:
            pending_range_start = chains[-1]
        cur = [r]
    close()
    return chains


def chain_is_citation(text: str, chain_end: int, unit: str) -> bool:
    """False for 第二条跑道, 第三条生产线: an ordinal with a measure word, not a pinpoint."""
    if unit != "article" or chain_end >= len(text):
        return True
    return not _NOT_A_CITATION.match(text, chain_end)


# ---- titles ---------------------------------------------------------------------------------

_TITLE_MAX = 160


_TITLE_MARKS = re.compile(r"[《〈》〉\n]")


def title_end(text: str, i: int) -> int:
    """End (after 》) of the title opening with 《 at ``i``, nested 《〈〉》 allowed; -1 if none.

    Only the brackets and line ends matter: the search jumps from one to the next."""
    depth = 0
    for m in _TITLE_MARKS.finditer(text, i, i + _TITLE_MAX):
        c = m.group()
        if c == "《" or c == "〈":
            depth += 1
        elif c == "\n":
            return -1
        else:
            depth -= 1
            if depth <= 0:
                return m.end() if c == "》" else -1
    return -1


_ALIAS = re.compile(r"(?:以下简称|以下称|下称|简称)[:：]?\s*(?:[“\"《「]([^”\"》」（）()，。；]{1,20})[”\"》」]|([^”\"》」（）()，。；、\s]{1,12}))")
_PAREN = re.compile(r"\s?[（(]([^（）()]{1,60})[)）]")
# 穗府办规〔2019〕9号, 国办发〔2016〕39号, 粤自然资发［2021］7号
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})([〔\[［](?:19|20)\d{2}[〕\]］])\s?(第?\d{1,5}号)")
# 广州市人民政府令第123号, 中华人民共和国国务院令第588号
ORDER_NUMBER = re.compile(rf"([\u4e00-\u9fff]{{1,24}}令)\s?(第(?:\d{{1,5}}|[{CN_NUM}]{{1,8}})号)")
_NUMBER_PREFIX_CUT = re.compile(r"依据|根据|按照|依照|参照|贯彻|落实|执行|印发|转发|[见即及和与或、的是为由以经据照于在对按]")
_ORDER_PREFIX_CUT = re.compile(r"依据|根据|按照|依照|参照|贯彻|落实|执行|印发|转发|公布|发布|[见即、的以经]")
_ISSUER = re.compile(r"政府|国务院|部|委|局|署|院|行|会|办|厅")


def doc_number_at(text: str, m: re.Match[str], order: bool) -> tuple[int, str] | None:
    """(start, number) of a doc number match, its prefix trimmed of the words before it."""
    prefix = m.group(1)
    cut = 0
    for c in (_ORDER_PREFIX_CUT if order else _NUMBER_PREFIX_CUT).finditer(prefix):
        cut = c.end()
    prefix = prefix[cut:]
    if order:
        if len(prefix) < 2 or not _ISSUER.search(prefix):
            return None
    elif not prefix:
        return None
    start = m.start(1) + cut
    return start, text[start:m.end()]


def parens_after(text: str, end: int) -> tuple[int, str | None, str | None]:
    """After a title: （doc number）, （以下简称《X》）, or both, in either order.

    Returns (new end, doc number, alias)."""
    number = alias = None
    for _ in range(3):
        m = _PAREN.match(text, end)
        if not m:
            break
        inner = m.group(1)
        got = False
        n = DOC_NUMBER.match(inner) or ORDER_NUMBER.match(inner)
        if n and number is None:
            number = n.group(0)
            got = True
        a = _ALIAS.search(inner)
        if a and alias is None:
            alias = (a.group(1) or a.group(2) or "").strip()
            got = got or bool(alias)
        if not got:
            break
        end = m.end()
    return end, number, alias or None


# ---- law names cited without 《》 -----------------------------------------------------------

_LAW_END = ("法", "法典", "条例", "细则", "通则", "总则")
_GENRE_END = re.compile(r"(法|法典|条例|细则|通则|总则|分则|规定|办法|规则|解释|决定|意见|通知|方案|纲要|章程)$")
_NAME_CUT = re.compile(
    r"依照|依据|根据|按照|参照|比照|对照|适用|违反|符合|属于|认定为|认定|构成|援用|援引|执行|遵守|删去|具有|承担|"
    r"不受|规定的|修正后的|修改后的|修订后的|修正前的|修改前的|修正后|修改后|修订后|修正前|修改前|以及|或者|"
    r"[的和与及或即是为在将对有除按依据经由从向把被于因并又均亦也但则所等中内]")


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+\Z")


def law_name_before(text: str, p: int) -> tuple[int, str, tuple[Pin, ...]] | None | bool:
    """The law's short name glued before the 第 at ``p`` (刑法第…, 民事诉讼法第…).

    Returns (start, name, pins the words already name: 刑法分则 → 第二编); False when the words
    before end with a document genre but no name can be told apart (the pinpoint is then not
    this document's either); None when nothing document-like precedes."""
    m = _CJK_RUN.search(text, max(0, p - 24), p)  # the CJK characters right before p, at most 24
    if m is None:
        return None
    j, run = m.start(), m.group()
    if not _GENRE_END.search(run):
        return None
    found = _known_name(run)
    if found is not None:
        return j + found[0], found[1], ()
    if run.endswith(_BOOKS):  # 刑法分则第三章: the 编 is named by its name
        found = _known_name(run[:-2])
        if found is not None:
            return j + found[0], found[1], (Pin(PART, _BOOKS.index(run[-2:]) + 1),)
    cut = 0
    for m in _NAME_CUT.finditer(run):
        cut = m.end()
    name = run[cut:]
    if len(name) >= 3 and name[0] not in "本该前" and name.endswith(_LAW_END):
        return j + cut, name, ()
    return False


_BOOKS = ("总则", "分则")


def _known_name(run: str) -> tuple[int, str] | None:
    if run.endswith(_LAW_END):
        for i in range(len(run) - 1):
            s = run[i:]
            if s in LAW_NAMES or (s.startswith("中华人民共和国") and s[7:] in LAW_NAMES):
                return i, s
    return None
