"""Which documents are versions of one another, what date names each version, and which
version is in force.

A law keeps its title through its amendments (立法技术规范: a 修正 or 修订 republishes the
whole text under the same title, with the history in the 题注); a policy document keeps
its issuer and its 文号 family (穗府办〔2020〕12号 → 穗府办〔2023〕5号).  So two documents
are one *lineage* when their titles agree once the decorations editors add are dropped
(中华人民共和国, a trailing （2018年修正）), and neither their issuers nor their 文号 families
disagree.  A renamed law is recognised when the new one repeals the old by name and the
old title is contained in the new (or the reverse): 《环境噪声污染防治法》同时废止 in the
噪声污染防治法.  Anything else the user states himself.

The date of a version is its latest amendment in the 题注, else its adoption (issue
date); a version is in force from its 施行 date, never before it was made; the current
version is the newest one in force.

Pure: strings and dates in, answers out; the store calls it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from reader.core.importers.history import derive
from reader.core.model import Document, identity_key

_PRC = "中华人民共和国"
# An edition note an editor appends to a title: （2018年修正） （2023修订） (2020年版) [试行 is part of the title].
_EDITION = re.compile(r"[（(]\s*\d{4}\s*年?\s*(?:第[一二三四五六七八九十]+次)?\s*(?:修正|修订|修改|版|文本)?\s*[）)]\s*$")
# The part of a 文号 before its year: 穗府办〔2020〕12号 → 穗府办.
_NUMBER_FAMILY = re.compile(r"^(.*?)\s*[〔\[［(（【]\s*\d{4}")
# 《X》同时废止 / 即行废止 / 予以废止 — the act a successor law names its predecessor in.
_REPEALS = re.compile(r"《([^《》]{2,60})》[^。《]{0,20}?(?:同时|即行|予以|自行)?废止")
_AMEND_VERBS = ("修订", "修正", "修改")
_MAKE_VERBS = ("通过", "公布", "发布", "印发", "批准", "颁布")


def title_key(title: str) -> str:
    """The title as versions share it: no 中华人民共和国 prefix, no edition note."""
    t = _EDITION.sub("", title.strip())
    t = t.removeprefix(_PRC) if len(t) > len(_PRC) + 1 else t
    return identity_key(t)


def number_family(doc_number: str | None) -> str:
    """The 文号 without its year and serial: documents of one series share it."""
    if not doc_number:
        return ""
    m = _NUMBER_FAMILY.match(doc_number.strip())
    return identity_key(m.group(1)) if m else identity_key(doc_number)


@dataclass(frozen=True)
class Identity:
    """What decides whether two documents are one lineage."""

    title: str
    doc_number: str | None = None
    issuer: str | None = None

    @property
    def key(self) -> str:
        return title_key(self.title)


def same_lineage(a: Identity, b: Identity) -> bool:
    """Same title (as versions share it), and no conflicting issuer or 文号 family."""
    if not a.key or a.key != b.key:
        return False
    fa, fb = number_family(a.doc_number), number_family(b.doc_number)
    if fa and fb and fa != fb:
        return False
    if a.issuer and b.issuer and identity_key(a.issuer) != identity_key(b.issuer):
        return False
    return True


def repealed_titles(closing_text: str) -> set[str]:
    """The title keys a document's closing provisions repeal (《X》同时废止)."""
    return {title_key(m.group(1)) for m in _REPEALS.finditer(closing_text)}


def renamed_from(new_title: str, closing_text: str, old_title: str) -> bool:
    """Whether a document titled ``new_title`` replaces ``old_title`` under a new name:
    its closing provisions (``closing_text``: its last articles) repeal the old title, and
    one title contains the other (环境噪声污染防治法 → 噪声污染防治法), so a code that
    repeals many laws (民法典: 婚姻法, 继承法…) is not taken for a version of any of them."""
    new_key, old_key = title_key(new_title), title_key(old_title)
    if not new_key or not old_key or new_key == old_key:
        return False
    if not (new_key in old_key or old_key in new_key):
        return False
    return old_key in repealed_titles(closing_text)


@dataclass(frozen=True)
class VersionFacts:
    """The date that names a version, how it was made, and when it took effect."""

    date: date | None
    verb: str  # 修订 / 修正 / 通过 / 公布 … ('' when unknown)
    effective: date | None

    @property
    def label(self) -> str:
        """2023年12月29日修订 — how a version is named in Chinese law databases."""
        if self.date is None:
            return ""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日{self.verb}"

    def in_force(self, on: date) -> bool:
        return self.effective is None or self.effective <= on


def version_facts(front_matter: str, issued: date | None, effective: date | None) -> VersionFacts:
    """The facts of one version from its 题注/front matter and its issue and 施行 dates.

    The version date is the latest act the history records — amendment, adoption or
    promulgation (as reader.core.refs.version_date dates versions) — else the issue date; a
    version takes effect on its own 施行 date — an older 施行 date in the text (本法自2006年
    1月1日起施行 in a law amended in 2018) is the first version's, so a version is never in
    force before it was made."""
    lines = [line.strip() for line in front_matter.splitlines() if line.strip()]
    facts = derive(lines, [], None, "") if lines else {}
    amended = [d for d in facts.get("amended") or [] if isinstance(d, date)]  # type: ignore[union-attr]
    made_on = [d for d in (issued, facts.get("issued"), facts.get("promulgated")) if isinstance(d, date)]
    made = max(amended + made_on, default=None)
    verb = ""
    if made is not None:
        verb = _verb_on(lines, made) or ("修订" if amended else "")
        if not verb:
            verb = "通过" if any("通过" in line for line in lines) else "发布"
    start = effective if effective and (made is None or effective >= made) else made
    return VersionFacts(made, verb, start)


def _verb_on(lines: list[str], day: date) -> str:
    """The act recorded on ``day`` in the history: 修订 / 修正 / 通过 / 公布 …"""
    spelled = f"{day.year}年{day.month}月{day.day}日"
    for line in lines:
        squeezed = re.sub(r"\s+", "", line)
        at = squeezed.find(spelled)
        if at < 0:
            continue
        event = squeezed[at + len(spelled):]
        event = re.split(r"\d{4}年\d{1,2}月\d{1,2}日", event, maxsplit=1)[0]
        for verbs in (_AMEND_VERBS, _MAKE_VERBS):
            found = [(event.rfind(v), v) for v in verbs if v in event]
            if found:
                verb = max(found)[1]
                return "修正" if verb == "修改" else verb
    return ""


@dataclass(frozen=True)
class VersionEntry:
    """One version as the store knows it, for choosing the current one."""

    id: str
    facts: VersionFacts
    order: int  # import order: breaks ties between versions of one date (a corrected text)


def age_key(made: date | None, effective: date | None, order: int) -> tuple[date, date, int]:
    """How versions sort, oldest first: by when they took effect, then when they were made
    (a text without its 题注 still says 本法自2024年7月1日起施行), then by import order — a
    corrected text of one date after the first.  Undated versions count as the oldest: the
    import date is only a last resort."""
    return (effective or made or date.min, made or date.min, order)


def current_version(entries: list[VersionEntry], today: date) -> str:
    """The id of the newest version in force on ``today`` — else, when none is yet, the
    newest."""
    if not entries:
        raise ValueError("a lineage has at least one version")
    ordered = sorted(entries, key=lambda e: age_key(e.facts.date, e.facts.effective, e.order))
    in_force = [e for e in ordered if e.facts.in_force(today)]
    return (in_force or ordered)[-1].id


def content_hash(doc: Document) -> str:
    """What a version *says*: its units' kinds, labels, headings and texts, not the file
    they came in — the same text from a PDF and a Word file is one version."""
    digest = hashlib.sha256()
    for node in doc.walk():
        kind = getattr(node.kind, "value", node.kind)
        digest.update(f"{kind}\x1f{node.label}\x1f{node.heading}\x1f{node.text}\x1e".encode())
    return digest.hexdigest()
