"""The 题注 of a law: the parenthesised history under its title, lifted out of the body.

立法技术规范 puts a law's history — adopted, amended, revised, with dates and the bodies
that acted — in parentheses right under the title: ``（1984年3月12日第六届全国人民代表大会
常务委员会第四次会议通过　根据1992年9月4日…第一次修正　…）``.  It is front matter, not
a preamble: it carries the dates that tell one version of a law from another (the
Markdown importer reads the same facts from its history lines), and no annotation or
reference points into it.
"""
from __future__ import annotations

import re
from datetime import date

from reader.core.importers.history import derive
from reader.core.split import DocumentParts
from reader.core.textrepair import FOOTNOTE_MARKS

_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_VERB = re.compile(r"通过|修正|修订|公布|发布|批准|施行|颁布")
_OPEN, _CLOSE = "（(", "）)"
_ITEM = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]")
# One event of an unbracketed 题注: a date, who acted, and the act; or 自…起施行.
_EVENT_LINE = re.compile(r"^(?:根据)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。，；]{0,80}?(?:通过|修正|修订|公布|发布|批准|施行|颁布)$"
                         r"|^自\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日起施行$")
#: A 题注 is short next to the body; more paragraphs than this are not one.
_MAX_PARAS = 8
#: Short lines allowed between the title and the 题注.
_MAX_LEAD = 2
# Where one event of a one-line 题注 ends and the next begins.
_EVENT_SPLIT = re.compile(r"[\u3000 ]+|[；;](?=\s*(?:根据|\d{4}\s*年))|(?<=[过正订布准行])(?=根据)")


def take_headnote(parts: DocumentParts) -> list[str]:
    """Move a 题注 opening the body into the front matter; return its event lines."""
    body = parts.body
    # a source line or two may stand between title and 题注 (来源：中国人大网 …)
    start = next((k for k in range(min(len(body), _MAX_LEAD + 1)) if body[k].text[:1] in _OPEN), None)
    if start is None:
        return _take_event_lines(parts)
    if any(len(p.text) > 40 or p.text.endswith("。") for p in body[:start]):
        return []
    end = next((k for k in range(start, min(len(body), start + _MAX_PARAS)) if _bare(body[k].text)[-1:] in _CLOSE), None)
    if end is None:
        return []
    text = "".join(p.text for p in body[start: end + 1])
    if _ITEM.match(text) or "。" in text or not (_DATE.search(text[:40]) and _VERB.search(text)):
        return []  # an item （一）, or sentences: body text, not a history
    parts.front.extend(body[: end + 1])
    del body[: end + 1]
    inner = _bare(text).strip()[1:-1]
    return [e.removeprefix("根据") for e in (s.strip() for s in _EVENT_SPLIT.split(inner)) if e]


def _take_event_lines(parts: DocumentParts) -> list[str]:
    """A 题注 printed without brackets, one event a line, as older pages and books do:
    1994年7月5日第八届…会议通过 / 1994年7月5日中华人民共和国主席令第二十八号公布 / 自1995年1月1日起施行."""
    body = parts.body
    end = 0
    while end < min(len(body), _MAX_PARAS) and _EVENT_LINE.match(body[end].text):
        end += 1
    if end == 0:
        return []
    parts.front.extend(body[:end])
    events = [p.text.removeprefix("根据") for p in body[:end]]
    del body[:end]
    return events


def _bare(text: str) -> str:
    """The text without the footnote mark a 题注 may end with: （…修正）①."""
    return text.rstrip().rstrip(FOOTNOTE_MARKS).rstrip()


def apply_headnote(parts: DocumentParts, history: list[str]) -> date | None:
    """Fill issuer, issued and effective from the 题注 where the head said nothing; return
    the date that names this version (the latest amendment, else the adoption)."""
    facts = derive(history, [p.text for p in parts.body], None, parts.title)
    if parts.issuer is None and isinstance(facts.get("issuer"), str):
        parts.issuer = facts["issuer"]  # type: ignore[assignment]
    if parts.issued is None and isinstance(facts.get("issued"), date):
        parts.issued = facts["issued"]  # type: ignore[assignment]
    if isinstance(facts.get("effective"), date) and (parts.effective is None or parts.effective == parts.issued):
        parts.effective = facts["effective"]  # type: ignore[assignment]
    amended = [d for d in facts.get("amended") or [] if isinstance(d, date)]  # type: ignore[union-attr]
    return max(amended, default=parts.issued)
