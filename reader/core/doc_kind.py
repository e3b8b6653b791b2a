"""The kind of a legal instrument (法律、行政法规、部门规章 …), from who made it and how.

One reading for every format.  The evidence, strongest first (立法法 assigns each kind to its
maker and its instrument of promulgation):

* the title: 宪法 and its amendments;
* a 国家监察委员会公告 → 监察法规;
* a judicial interpretation's number: 法释〔2021〕1号, 高检发释字〔2019〕1号;
* the order that promulgates it: 主席令 → 法律, 国务院令 / 国令 → 行政法规, a ministry's,
  commission's, bureau's, administration's or bank's 令 → 部门规章, a provincial or city
  government's 令 → 地方政府规章;
* the 题注 (history line): adopted by 全国人民代表大会 (or its standing committee) → 法律,
  by a local 人民代表大会 (or its standing committee, incl. 批准 of a city's regulation) →
  地方性法规; 人大常委会公告 likewise; 国务院令第N号发布 → 行政法规; an interpretation
  adopted by the 审判委员会 / 检察委员会 of the Supreme People's Court or Procuratorate →
  司法解释;
* the issuer named in the metadata;
* otherwise a 规范性文件 — or, as the library has always grouped them, 规划 for plans
  (规划/纲要/计划/方案) and 通知 for a notice without a 文号.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

LAW, ADMIN_REGULATION, DEPARTMENT_RULE, LOCAL_REGULATION = "法律", "行政法规", "部门规章", "地方性法规"
LOCAL_RULE, JUDICIAL, CONSTITUTION, NORMATIVE = "地方政府规章", "司法解释", "宪法", "规范性文件"
PLAN, NOTICE, SUPERVISORY = "规划", "通知", "监察法规"
#: Every value :func:`document_kind` returns.
KINDS = (CONSTITUTION, LAW, ADMIN_REGULATION, SUPERVISORY, JUDICIAL, DEPARTMENT_RULE, LOCAL_REGULATION,
         LOCAL_RULE, NORMATIVE, PLAN, NOTICE)

_CONSTITUTION = re.compile(r"^(中华人民共和国)?宪法(修正案)?(（[^）]*）)?$")
_JUDICIAL_NUMBER = re.compile(r"法释\s*[〔\[［(（【]|高检发释字")
_CN_COUNT = "〇零一二三四五六七八九十百千"
# 国务院令第706号, 中华人民共和国交通运输部令2019年第1号, 中国人民银行令〔2019〕第3号,
# 主席令（第十二号）, 国务院、中央军事委员会第14号令
_ORDER = re.compile(rf"(?P<org>[\u4e00-\u9fff、]{{1,40}}?)(?:令\s*[（(]?\s*(?:\d{{4}}\s*年|[〔\[［(（]\s*\d{{4}}\s*[〕\]］)）])?"
                    rf"\s*第\s*(?:\d{{1,5}}|[{_CN_COUNT}]{{1,8}})\s*号|第\s*(?:\d{{1,5}}|[{_CN_COUNT}]{{1,8}})\s*号令)")
# the adopting body of a 题注: 2019年3月15日第十三届全国人民代表大会第二次会议通过
_ADOPTED = re.compile(r"(?P<body>[^（）()，。；、《》\s]{0,30}?)人民代表大会(?:常务委员会)?第[^次]{1,8}次(?:全体)?会议"
                      r"(?:审议)?(?:通过|批准|修订|修正)")
_NPC_NOTICE = re.compile(r"^(?P<body>[^（）()，。；、《》\s]{0,30}?)人民代表大会常务委员会公告")
_SUPERVISORY_NOTICE = re.compile(r"^(中华人民共和国)?国家监察委员会公告")
_ORDER_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,30}令$")
# A 题注 line (or a history line of Markdown metadata) opens with its date.
_HISTORY = re.compile(r"^[（(]?\s*\d{4}\s*年")
_UNCLOSED = re.compile(r"^[（(][^）)]*$")
_HEAD_MAX = 40  # a head line (令, 文号, 公告) is short; longer lines are sentences
_JUDICIAL_ADOPTION = re.compile(r"最高人民(?:法院|检察院)(?:第[^届]{1,6}届)?(?:审判|检察)委员会第[^次]{1,8}次会议")
# rules adopted by a ministry's or a government's own meeting, regulations the State Council adopted
_DEPARTMENT_ADOPTION = re.compile(r"(?:部|委|局|署|行|室)务会议|(?:部长|局长|主任|署长|行长)办公会议")
_GOVERNMENT_ADOPTION = re.compile(r"(?P<gov>[^（）()，。；、《》\s]{0,30}?人民政府)(?:第[^次]{1,12}次)?常务会议")
_STATE_COUNCIL_ADOPTION = re.compile(r"国务院(?:第[^次]{1,8}次)?常务会议|国务院批准|国务院(?:发布|公布)")
_LOCAL = re.compile(r"省|自治区|(?<!城)市(?!场)|州|县|盟|旗|特别行政区")  # not 市场, 城市
_MINISTRY = re.compile(r"(部|委员会|委|总局|局|署|银行|行|办公室|办|院)$")
# A title that names its instrument: 中华人民共和国……法 is a law, a 条例 is made by the State
# Council or, under a place name (广东省…, 广州市…), by a local people's congress.
_LAW_TITLE = re.compile(r"(?<![办方算做疗])法(典)?(（[^）]*）)?$")
_REGULATION_TITLE = re.compile(r"条例(（[^）]*）)?$")
_PLACE_TITLE = re.compile(r"^[^省市州县区旗盟《（]{2,8}(省|市|自治区|自治州|州|县|区|旗|盟)")
_JUDICIAL_TITLE = re.compile(r"(解释|规定|规则|批复|决定|安排)(（[^）]*）)?$")
_SUPREME = re.compile(r"^最高人民(法院|检察院)")
_ADMIN_TITLE = re.compile(r"(条例|规定|办法|细则|规则)(（[^）]*）)?$")
_PLAN_TITLE = re.compile(r"(规划|纲要|计划|方案)(（[^）]*）)?$")
_NOTICE_TITLE = re.compile(r"关于.{2,120}的(通知|决定|意见|批复|函|通告|公告|命令|报告)$")
_STATED = {LAW: LAW, ADMIN_REGULATION: ADMIN_REGULATION, DEPARTMENT_RULE: DEPARTMENT_RULE,
           LOCAL_REGULATION: LOCAL_REGULATION, LOCAL_RULE: LOCAL_RULE, JUDICIAL: JUDICIAL,
           CONSTITUTION: CONSTITUTION, SUPERVISORY: SUPERVISORY, "地方规章": LOCAL_RULE,
           "地方政府规章": LOCAL_RULE, "行政规章": DEPARTMENT_RULE}


def document_kind(title: str, doc_number: str | None = None, issuer: str | None = None,
                  lines: Iterable[str] = (), stated: str | None = None) -> str:
    """The kind of a document (one of :data:`KINDS`).

    ``lines`` are its front matter and the first paragraphs of its body, where the 令,
    the 题注 or an 公告 stand; ``stated`` is a kind its source file names (a Markdown
    category), trusted only when the text itself says nothing.
    """
    title = title.strip()
    if _CONSTITUTION.match(title):
        return CONSTITUTION
    texts = [t.strip() for t in lines if t and t.strip()]
    number = doc_number or ""
    heads = [t for t in texts if len(t) <= _HEAD_MAX]
    if _JUDICIAL_NUMBER.search(number) or any(_JUDICIAL_NUMBER.search(t) for t in heads):
        return JUDICIAL
    if any(_SUPERVISORY_NOTICE.match(t) for t in heads):
        return SUPERVISORY
    for text in [number, *_order_heads(heads)]:
        kind = _order_kind(text)
        if kind:
            return kind
    # the first event of the 题注 tells who made it (国务院批准 before a ministry's 令 that
    # published it is a State Council regulation); a 题注 wrapped over two lines is read joined
    history = [t + texts[k + 1] if _UNCLOSED.match(t) and k + 1 < len(texts) else t
               for k, t in enumerate(texts) if _HISTORY.match(t)]
    for text in history + [t for t in heads if _NPC_NOTICE.match(t)]:
        kind = _adoption_kind(text) or _order_kind(text)
        if kind:
            return kind
    kind = _issuer_kind(issuer or "", title, doc_number)
    if kind:
        return kind
    if stated and stated.strip() == "规章":
        return LOCAL_RULE if (issuer or "").endswith("人民政府") else DEPARTMENT_RULE
    if stated and stated.strip() in _STATED:
        return _STATED[stated.strip()]
    kind = _title_kind(title) if not doc_number else None
    if kind:
        return kind
    if doc_number and "规" in doc_number.split("〔")[0]:
        return NORMATIVE  # a registered normative document (穗府办规〔2022〕12号)
    if _PLAN_TITLE.search(title):
        return PLAN
    if _NOTICE_TITLE.search(title) and not doc_number:
        return NOTICE
    return NORMATIVE


def _order_heads(heads: list[str]) -> list[str]:
    """The 令 lines of a head: 国务院令第706号, or 中华人民共和国国务院令 over 第706号."""
    found = [t for t in heads if _ORDER.match(t)]
    found += [a + b for a, b in zip(heads, heads[1:]) if _ORDER_HEAD.match(a) and _ORDER.match(a + b)]
    return found


def _order_kind(text: str) -> str | None:
    """The kind an order (令) promulgates, from the organ that signs it."""
    m = _ORDER.search(text)
    if m is None:
        return None
    org = m.group("org")
    if org.endswith("主席"):
        return LAW
    if "国务院" in org or org == "国":  # 国务院、中央军事委员会令 too
        return ADMIN_REGULATION
    if org.endswith("人民政府"):
        return LOCAL_RULE
    if _MINISTRY.search(org):
        return DEPARTMENT_RULE
    return None


def _adoption_kind(text: str) -> str | None:
    """The kind a 题注 or 公告 line shows: who adopted (or approved) the document."""
    if _JUDICIAL_ADOPTION.search(text):
        return JUDICIAL
    m = _ADOPTED.search(text) or _NPC_NOTICE.search(text)
    if m is not None:
        body = m.group("body")
        if "全国" in body:
            return LAW
        if _LOCAL.search(body):
            return LOCAL_REGULATION
    if _STATE_COUNCIL_ADOPTION.search(text):
        return ADMIN_REGULATION
    g = _GOVERNMENT_ADOPTION.search(text)
    if g and _LOCAL.search(g.group("gov")):
        return LOCAL_RULE
    d = _DEPARTMENT_ADOPTION.search(text)
    if d and not _LOCAL.search(text[: d.start()]):  # a city bureau's 局务会议 makes no rule
        return DEPARTMENT_RULE
    return None


def _issuer_kind(issuer: str, title: str, doc_number: str | None) -> str | None:
    """Kinds the issuer decides with the title: the national and local people's congresses,
    the State Council's regulations (条例, 规定, 办法 … without a 国发 文号, which a notice
    or opinion carries), the Supreme People's Court's and Procuratorate's interpretations."""
    if issuer.startswith("全国人民代表大会"):
        return LAW
    if issuer.endswith(("人民代表大会常务委员会", "人民代表大会")) and _LOCAL.search(issuer):
        return LOCAL_REGULATION
    if issuer in ("国务院", "中华人民共和国国务院", "政务院") and _ADMIN_TITLE.search(title) and not doc_number:
        return ADMIN_REGULATION
    organs = issuer.replace("，", "、").split("、") if issuer else []
    if organs and all(_SUPREME.match(o) for o in organs) and _JUDICIAL_TITLE.search(title):
        return JUDICIAL
    return None


def _title_kind(title: str) -> str | None:
    """What the title alone says, when nothing else does."""
    name = title.removeprefix("中华人民共和国")
    if _LAW_TITLE.search(name) and not _PLACE_TITLE.match(name):
        return LAW
    if _REGULATION_TITLE.search(name):
        return LOCAL_REGULATION if _PLACE_TITLE.match(name) else ADMIN_REGULATION
    if _SUPREME.match(title) and _JUDICIAL_TITLE.search(title):
        return JUDICIAL
    return None
