"""Metadata from the 题注 (history lines) of a law: issuer, issued, effective, amended.

The lines follow a loose convention — ``DATE BODY第N次会议通过``, ``DATE 国务院令第N号公布``,
``DATE 《…的决定》第二次修正``, ``DATE 施行`` — with real-world noise: lines wrapped in
the middle of a title, two events on one line, the issuer split over lines, parentheses,
Chinese-numeral dates under a 印发通知.  The parse groups lines into dated *events*,
classifies each event by its verb, and reads dates only from events, never from titles
quoted inside them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0}
_CN_DATE = re.compile(r"([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                      r"([一二三四五六七八九十]{1,3})日")
_NUM = r"[一二三四五六七八九十百千零〇\d]+"

# Verbs, in the order they are tested.
_AMEND = re.compile(r"修正|修订|修改|通过的《")
_ADOPT = re.compile(r"通过|批准|公布|发布|颁布|印发|签署|发出|下发")
_READOPT = re.compile(r"通过|批准")
_PROMULGATE = re.compile(r"公布|发布|颁布|印发|发出|下发")
_EFFECT_DATE = re.compile(r"自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起?\s*"
                          r"(?:施行|实施|生效|执行)")
_EFFECT_ON_PROMULGATION = re.compile(r"(?:公布|发布|印发|颁布)之日起?\s*(?:施行|实施|生效|执行)")
_EFFECT_BARE = re.compile(r"^起?\s*(?:施行|实施|执行|生效)$|(?:公布|发布)施行$")
_VERB_END = re.compile(r"(?:通过|批准|公布|发布|颁布|印发|施行|实施|执行|生效|修正|修订)[)）]?\s*$")
# Where a second event starts on the same line: after a verb, maybe "。根据" (…通过根据1994年…).
# Also after a title closing one item of a list of amending acts (根据D1通过的《…决定》、
# D2通过的《…修正案》和D3通过的《…修正案（十一）》修正): each item is an amendment of its own.
_EVENT_BREAK = re.compile(r"(?:(?:通过|批准|公布|发布|颁布|印发|施行|实施|执行|生效|修正|修订)[)）]?"
                          r"[，,。；;]?\s*(?:根据)?|》\s*(?:、|，|,|和|以及))\s*$")
# A dated line with no verb that names an organ or an order: "2020年11月9日 最高人民法院审判委员会".
_ORGAN = re.compile(r"(?:委员会|人民法院|人民检察院|国务院|政务院|部|局|署|办公室"
                    r"|令\s*第?\s*[\d一二三四五六七八九十百]+\s*号)[)）]?$")
# Title "最高人民法院、最高人民检察院关于…": the organs named before 关于.
_TITLE_ORGAN = re.compile(r"[\u4e00-\u9fff]{2,25}"
                          r"(?:委员会|院|部|局|署|办公室|中央军委|银行|政府|大会)")

# A document's own "本法自…起施行" clause (an article, not a quotation inside an amendment).
_BODY_EFFECT = re.compile(
    r"^(?:第" + _NUM + r"条(?:之" + _NUM + r")?\s*|" + _NUM + r"[、.．]\s*)?"
    r"本[^\s，。；：、“”]{1,20}?自\s*"
    r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零O一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月"
    r"[一二三四五六七八九十]{1,3}日|(?:公布|发布|印发|颁布)之日)\s*起\s*(?:施行|实施|生效)"
)
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,15}\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*"
                         r"(第?\s*\d+\s*号)$")


@dataclass
class _Event:
    date: dt.date | None
    text: str  # what follows the date


def derive(history: list[str], body: list[str], published: dt.date | None = None,
           title: str = "") -> dict[str, object]:
    """Return issuer, issued, effective, amended, promulgated (and doc_number when stated).

    ``issued`` is the first adoption or promulgation; ``promulgated`` the first 公布/发布
    (for judicial interpretations that is later than the adoption).  ``published`` is a
    公布 date known from elsewhere (the file name): used when the history has none.  The
    issuer falls back to the organs a title names before 关于 (最高人民法院关于…).
    """
    events = _events(history)
    issued: dt.date | None = None
    promulgated: dt.date | None = None
    issuer: str | None = None
    effective: dt.date | None = None
    amended: list[dt.date] = []
    for ev in events:
        # "通过的《…》" is an amendment only once the document itself has been adopted.
        is_amend = bool(_AMEND.search(ev.text) and (issued or "通过的《" not in ev.text))
        if not is_amend and issued and ev.date and ev.date > issued and _READOPT.search(ev.text):
            # The same body adopting the document again later (最高人民法院审判委员会第1823次
            # 会议通过, after the original adoption) is how SPC interpretations record a revision.
            is_amend = _issuer(ev.text) == issuer
        if is_amend:
            if ev.date:
                amended.append(ev.date)
        elif ev.date and (_ADOPT.search(ev.text) or _ORGAN.search(ev.text)
                          or _is_organ(_clean_body(ev.text))):
            if issued is None:
                issued = ev.date
            if issuer is None:
                issuer = _issuer(ev.text)
            if promulgated is None and _PROMULGATE.search(ev.text):
                promulgated = ev.date
        found = _effective_of(ev, promulgated or issued)
        if found:
            effective = found
    if issued is None:
        issued, cn_issuer = _signed_date(history)
        issuer = issuer or cn_issuer
    issuer = issuer or _amender(events) or _title_issuer(title)
    promulgated = promulgated or published
    issued = issued or promulgated
    if effective is None:
        effective = _body_effective(body, promulgated or issued)
    meta: dict[str, object] = {
        "issuer": issuer,
        "issued": issued,
        "effective": effective,
        "amended": sorted(set(amended)),
        "promulgated": promulgated,
    }
    number = _doc_number(history)
    if number:
        meta["doc_number"] = number
    return meta


def parse_date(text: str) -> dt.date | None:
    """``2021年1月1日`` (any digits, optional spaces) → date; None if absent or impossible."""
    m = _DATE.search(text.translate(_DIGITS))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _events(history: list[str]) -> list[_Event]:
    """Group lines into dated events: a date starts one, undated lines continue the last."""
    events: list[_Event] = []
    for raw in history:
        line = raw.translate(_DIGITS).strip().strip("　")
        line = re.sub(r"^[(（]\s*(?=\d{4}\s*年)", "", line)
        for seg in _segments(line):
            m = _DATE.match(seg)
            if m and events and events[-1].date and events[-1].text.endswith("会议"):
                # Joint adoption over two lines: "D1 法院…第1745次会议" / "D2 检察院…会议通过".
                events[-1].text += "、" + seg
            elif m:
                events.append(_Event(parse_date(m[0]), seg[m.end():].strip(" 　")))
            elif events and events[-1].date and not _VERB_END.search(events[-1].text):
                sep = "" if re.search(r"[《〈<（(、]$", events[-1].text) else "、"
                events[-1].text += sep + seg
            else:
                events.append(_Event(None, seg))
    return events


def _segments(line: str) -> list[str]:
    """Split a line holding several events ("…第一次修订  2012年…第二次修订")."""
    cuts = [0]
    for m in _DATE.finditer(line):
        before = line[cuts[-1]:m.start()]
        if m.start() > 0 and _EVENT_BREAK.search(before):
            cuts.append(m.start())
    cuts.append(len(line))
    pieces = (line[a:b] for a, b in zip(cuts, cuts[1:], strict=False))
    return [piece.strip(" 　，,；;") for piece in pieces if piece.strip()]


def _effective_of(ev: _Event, promulgated: dt.date | None) -> dt.date | None:
    m = _EFFECT_DATE.search(ev.text)
    if m:
        return parse_date(m[1])
    if _EFFECT_ON_PROMULGATION.search(ev.text):
        return ev.date if ev.date and _PROMULGATE.search(ev.text) else promulgated
    if ev.date and _EFFECT_BARE.search(ev.text.rstrip(")）")):
        return ev.date
    return None


def _issuer(text: str) -> str | None:
    """The body in ``第十届全国人民代表大会常务委员会第五次会议通过`` → 全国人民代表大会常务委员会.

    Joint adoptions name several (``…审判委员会第1422次会议、最高人民检察院…会议通过``).
    """
    head = re.split(r"《|〈|<", text, maxsplit=1)[0]
    names: list[str] = []
    for part in re.split(r"、", head):
        name = _clean_body(_DATE.sub("", part, count=1))
        for piece in name.split("、"):
            if piece and piece not in names:
                names.append(piece)
    issuer = "、".join(names)
    return issuer if 2 <= len(issuer) <= 80 else None


def _clean_body(text: str) -> str:
    t = text.strip(" 　()（）")
    t = re.split(r"《|〈|<", t, maxsplit=1)[0]
    t = re.sub(r"(?:讨论|审议)?(?:通过|批准|公布|发布|颁布|印发|签署|发出|下发).*$", "", t)
    t = re.sub(r"第" + _NUM + r"次[\u4e00-\u9fff]{0,4}?会议.*$", "", t)
    t = re.sub(r"(?:\d{4}年度?)?第" + _NUM + r"次?$", "", t)  # a meeting cut short
    t = re.sub(r"\d{4}年度?$", "", t)
    t = re.sub(r"(?:部长|局长|主任|主席)?(?:办公|常务|全体|政治局)?会议$", "", t)
    t = re.sub(r"(?:令|公告|通告|主席团公告)\s*(?:第\s*" + _NUM + r"\s*号)?$|第\s*" + _NUM
               + r"\s*号令$", "", t)
    t = re.sub(r"第" + _NUM + r"届", "", t)
    t = re.sub(r"^(?:由|经)", "", t.strip(" 　"))
    t = re.sub(r"(^|、)中华人民共和国(?!主席)(?=[\u4e00-\u9fff])", r"\1", t)
    t = re.sub(r"中央军委$|中央军委(?=、)", "中央军事委员会", t)
    t = t.strip(" 　，,、")
    if not t or re.search(r"[\d。；：“”]", t):
        return ""
    return t


def _is_organ(name: str) -> bool:
    return bool(name) and all(_TITLE_ORGAN.fullmatch(o) for o in name.split("、"))


def _amender(events: list[_Event]) -> str | None:
    """Without an adoption event, the body that revised it (公安部令第127号修订发布)."""
    for ev in events:
        if ev.date and _AMEND.search(ev.text):
            name = _issuer(ev.text)
            if name:
                return name
    return None


def _title_issuer(title: str) -> str | None:
    head, found, _ = title.strip().partition("关于")
    if not found or not head or len(head) > 60:
        return None
    organs = [o for o in re.split(r"[、\s]+", head) if o]
    if not _is_organ("、".join(organs)):
        return None
    return _clean_body("、".join(organs)) or None


def _signed_date(history: list[str]) -> tuple[dt.date | None, str | None]:
    """A 印发通知 in the history ends ``劳动部 / 一九九四年十二月六日``: its signature."""
    for i, line in enumerate(history):
        m = _CN_DATE.fullmatch(line.strip())
        date = _cn_date(m) if m else None
        if date is None:
            continue
        prev = history[i - 1].strip() if i else ""
        signer = _clean_body(prev) if len(prev) <= 30 else ""
        return date, signer or None
    return None, None


def _cn_date(m: re.Match[str]) -> dt.date | None:
    """一九九四年十二月六日 → 1994-12-06."""
    year = int("".join(str(_CN_DIGIT[c]) for c in m[1]))
    try:
        return dt.date(year, _cn_small(m[2]), _cn_small(m[3]))
    except (ValueError, KeyError):
        return None


def _cn_small(s: str) -> int:
    """一 … 三十一."""
    if "十" not in s:
        return _CN_DIGIT[s]
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _body_effective(body: list[str], promulgated: dt.date | None) -> dt.date | None:
    """The last ``本法自…起施行`` clause of the body (final provisions come last)."""
    for line in reversed(body):
        m = _BODY_EFFECT.search(line.translate(_DIGITS).strip())
        if m:
            if "之日" in m[1]:
                return promulgated
            cn = _CN_DATE.fullmatch(m[1])
            return _cn_date(cn) if cn else parse_date(m[1])
    return None


def _doc_number(history: list[str]) -> str | None:
    """A 文号 on a line of its own (法释〔2021〕11号, 劳社部发[2008]3号), brackets → 〔〕."""
    for line in history:
        s = line.translate(_DIGITS).strip()
        m = _DOC_NUMBER.match(s)
        if m:
            head = re.split(r"\s*[〔\[［(（【]", s, maxsplit=1)[0]
            number = re.sub(r"\s", "", m[2])
            return f"{head}〔{m[1]}〕{number}"
    return None
