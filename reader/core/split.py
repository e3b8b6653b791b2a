"""One source → several documents, each with its front matter and metadata.

A gazette issue (政府公报) prints documents one after another.  Each opens with a head
(a 政府令 with its number, or a 文件 head with a 文号) and closes with ``公开方式`` and
possibly a 版记 (抄送 … 印发).  The head up to the signing date is the front matter;
the title that follows names the document itself (for an 印发 notice, the plan or
measures it issues rather than "关于印发…的通知").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from reader.core.markers import opening_marker
from reader.core.normalize import Para
from reader.core.numerals import cn_to_int

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_LINE = re.compile(r"^(?:\S{0,60}?(?:办公厅|办公室|委员会|人民政府|局|厅|委|部|署|院))?(\d{4})年(\d{1,2})月(\d{1,2})日$")
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})[〔\[［(（【](\d{4})[〕\]］)）】]第?(\d{1,4})号")
_ORDER_HEAD = re.compile(r"^(\S{2,30}?)令$")
_ORDER_NUMBER = re.compile(r"^第(\d{1,4})号$")
_FILE_HEAD = re.compile(r"^\S{2,40}文件$")
_CLOSER = re.compile(r"^公开方式[:：]")
_REGISTRATION = re.compile(r"^[A-Z]{2}\d{8,14}$")
_COLOPHON_START = re.compile(r"^(抄送|主送|分送)[:：]")
_COLOPHON_END = re.compile(r"印发$")
_NOTICE_TITLE = re.compile(r"关于.{2,120}的(?:补充|紧急|指导|实施|若干)?(通知|决定|意见|批复|函|通告|公告|命令|报告)$")
_ISSUE_NOTICE = re.compile(r"关于印发(.+)的通知$")
_QUOTED_TITLE = re.compile(r"《([^《》]{4,80})》")
_BOOK_TITLE = re.compile(r"《[^《》]+》")
_TITLE_PUNCT = re.compile(r"[，。；：！？]")
_ISSUER = re.compile(r"\S+?(?:办公厅|办公室|委员会|人民政府|局|厅|委|部|署|院)(?!办公)")  # 国务院办公厅 is one organ
_EFFECTIVE = re.compile(r"自(\d{4}年\d{1,2}月\d{1,2}日|印发之日|公布之日|发布之日)起(?:施行|实施|试行|执行|生效)")
_SENTENCE = re.compile(r"[。；\n]")
_SELF = re.compile(r"本(?:[\u4e00-\u9fff]{0,8}?)(?:办法|规定|细则|意见|通知|方案|决定|规则|措施|条例|公告|通告|指引|制度|政策|计划|规划|文件)")
_VALID_FOR = re.compile(r"有效期(?:为|至)?(\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}|[一二三四五六七八九十])年?")


@dataclass
class DocumentParts:
    """One document cut out of a source, before its body is structured."""

    title: str
    body: list[Para]
    front: list[Para] = field(default_factory=list)
    back: list[Para] = field(default_factory=list)
    doc_number: str | None = None
    issuer: str | None = None
    issued: date | None = None
    effective: date | None = None
    expires: date | None = None
    kind: str = "规范性文件"  # read by the pipeline (reader.core.doc_kind), with the source's metadata
    warnings: list[str] = field(default_factory=list)

    @property
    def front_matter(self) -> str:
        front = "\n".join(p.text for p in self.front)
        back = "\n".join(p.text for p in self.back)
        return "\n\n".join(part for part in (front, back) if part)


def split_documents(paras: list[Para]) -> list[list[Para]]:
    """Cut a source into the paragraph runs of its documents (closer and 版记 included)."""
    chunks: list[list[Para]] = []
    current: list[Para] = []
    i = 0
    while i < len(paras):
        text = paras[i].text
        if current and _opens_document(paras, i) and _has_body(current):
            chunks.append(current)
            current = []
        current.append(paras[i])
        i += 1
        if _CLOSER.match(text):
            i = _take_colophon(paras, i, current)
            chunks.append(current)
            current = []
    if current:
        if chunks and not _has_body(current):
            chunks[-1].extend(current)  # stray lines after the last closer
        else:
            chunks.append(current)
    return chunks


def _opens_document(paras: list[Para], i: int) -> bool:
    text = paras[i].text
    nxt = paras[i + 1].text if i + 1 < len(paras) else ""
    if _REGISTRATION.match(text):
        return True
    if _ORDER_HEAD.match(text) and _ORDER_NUMBER.match(nxt):
        return True
    return bool(_FILE_HEAD.match(text) and _DOC_NUMBER.search(nxt))


def _has_body(paras: list[Para]) -> bool:
    return len(paras) >= 6


def _take_colophon(paras: list[Para], i: int, into: list[Para]) -> int:
    """After 公开方式 comes the 版记: 抄送 … then '… 年月日印发'."""
    if i < len(paras) and _COLOPHON_START.match(paras[i].text):
        for j in range(i, min(len(paras), i + 30)):
            if _COLOPHON_END.search(paras[j].text):
                into.extend(paras[i:j + 1])
                return j + 1
        into.append(paras[i])
        return i + 1
    if i < len(paras) and _COLOPHON_END.search(paras[i].text) and DATE.search(paras[i].text):
        into.append(paras[i])
        return i + 1
    return i


def analyse(chunk: list[Para]) -> DocumentParts:
    """Separate front matter, title, body and back matter of one document; read its metadata."""
    back_at = next((k for k, p in enumerate(chunk) if _CLOSER.match(p.text)), len(chunk))
    paras, back = chunk[:back_at], chunk[back_at:]
    head_end = _front_matter_end(paras)
    front = paras[:head_end]
    title_paras, body_start = _title_block(paras, head_end)
    while body_start < len(paras) and _is_order_line(paras[body_start].text):
        title_paras.append(paras[body_start])  # 仲裁法 /（中华人民共和国主席令第31号）: its number, not its title
        body_start += 1
    front_text = [p.text for p in front] + [_unbracket(p.text) for p in title_paras if _is_order_line(p.text)]
    title = "".join(p.text for p in title_paras if not _is_order_line(p.text))
    title = title or _title_from_front(front_text) or (paras[0].text[:40] if paras else "")
    if _BOOK_TITLE.fullmatch(title):  # 《中华人民共和国选举法》: the marks quote a title, they are not in it
        title = title[1:-1]
    parts = DocumentParts(title=title, body=paras[body_start:], front=front + title_paras, back=back)
    _read_metadata(parts, front_text)
    return parts


def _front_matter_end(paras: list[Para]) -> int:
    """Index after the head: the signing date of a 令 or an 印发 notice."""
    window = paras[:40]
    has_head = any(_ORDER_HEAD.match(p.text) or _DOC_NUMBER.search(p.text) or _ISSUE_NOTICE.search(p.text)
                   or "印发给你们" in p.text or "现予公布" in p.text for p in window[:12])
    if not has_head:
        return 0
    for k, p in enumerate(window):
        if _DATE_LINE.match(p.text):
            return k + 1
        if opening_marker(p.text) is not None and k > 2:
            break
    # a notice that is itself the document: head ends with its title (and addressees)
    for k, p in enumerate(window[:12]):
        if _NOTICE_TITLE.search(p.text) or _NOTICE_TITLE.search("".join(x.text for x in window[max(0, k - 2):k + 1])):
            end = k + 1
            if end < len(paras) and _DOC_NUMBER.fullmatch(paras[end].text.strip()):
                end += 1  # web pages print the 文号 under the title
            if end < len(paras) and paras[end].text.endswith(("：", ":")) and len(paras[end].text) < 120:
                end += 1
            return end
    return 0


def _is_title_line(text: str) -> bool:
    if len(text) > 50 or _TITLE_PUNCT.search(text) or text.replace(" ", "") in ("目录", "前言", "序言"):
        return False
    if DATE.search(text) or _DOC_NUMBER.search(text) or _is_order_line(text):
        return False
    return opening_marker(text) is None


def _is_order_line(text: str) -> bool:
    """A 令号 standing alone, bracketed or not: 中华人民共和国主席令第31号, （国务院令第706号）."""
    return _ORDER_LINE.match(_unbracket(text)) is not None


def _unbracket(text: str) -> str:
    bare = unicodedata.normalize("NFKC", text).strip()
    return bare[1:-1].strip() if bare[:1] == "(" and bare[-1:] == ")" else bare


def _title_block(paras: list[Para], start: int) -> tuple[list[Para], int]:
    """Consecutive short unpunctuated lines after the head form the title."""
    end = start
    while end < len(paras) and end - start < 4 and _is_title_line(paras[end].text):
        end += 1
    if end == len(paras) and end - start > 1:  # nothing but short lines: only the first is the title
        end = start + 1
    return paras[start:end], end


def _title_from_front(front: list[str]) -> str | None:
    """No title after the head: an issued document's 《title》, else the notice's own title."""
    joined = "".join(front)
    m = _QUOTED_TITLE.search(joined)
    if m and re.search(r"印发给你们|现予印发|现予公布|现印发", joined):
        return m.group(1)
    start = next((k for k, t in enumerate(front) if "关于" in t), None)
    if start is None:
        return None
    for end in range(start, min(len(front), start + 4)):
        run = "".join(front[start:end + 1])
        if _NOTICE_TITLE.search(run):
            return run
    return None


def _read_metadata(parts: DocumentParts, front: list[str]) -> None:
    parts.doc_number = doc_number_in(front)
    signed = front if any(_DATE_LINE.match(t) for t in front) else [p.text for p in parts.body[-6:]]
    dates = [_to_date(m) for t in signed if (m := _DATE_LINE.match(t))]
    parts.issued = dates[-1] if dates else None
    parts.issuer = _issuer(signed) or _issuer(front)
    body_text = "\n".join(p.text for p in parts.body)
    parts.effective = _effective(body_text, parts.issued) or _effective("\n".join(front), parts.issued)
    parts.expires = _expires(body_text + "\n".join(front), parts.effective or parts.issued)


_CN_COUNT = "〇零一二三四五六七八九十百千"
_NUMBER = (rf"(?:(?P<year>\d{{4}}\s*年)|[〔\[［(（]\s*(?P<byear>\d{{4}})\s*[〕\]］)）])?\s*"
           rf"第\s*(?P<n>\d{{1,5}}|[{_CN_COUNT}]{{1,8}})\s*号")
# 国令第706号, 中华人民共和国主席令（第十二号）, 中华人民共和国交通运输部令2019年第1号,
# 中国人民银行令〔2019〕第3号
_ORDER_LINE = re.compile(rf"^(?P<org>\S{{1,30}}?令)\s*[（(]?\s*{_NUMBER}\s*[）)]?$")
_ORDER_NUMBER_LINE = re.compile(rf"^[（(]?\s*{_NUMBER}\s*[）)]?$")  # under an X令 line
# 国办发明电〔2018〕15号, 国发[2019]5号, 穗府办规（2022）第12号 …
_FILE_NUMBER = re.compile(r"(?P<org>[\u4e00-\u9fff]{1,12})\s*[〔\[［(（【]\s*(?P<year>\d{4})\s*[〕\]］)）】]\s*"
                          r"第?\s*(?P<n>\d{1,5})\s*号")


def doc_number_in(lines: list[str]) -> str | None:
    """The 令号 (广州市人民政府令第190号) or 文号 (穗府办规〔2022〕12号) of a head, normalised:
    any bracket becomes 〔〕, 第 and spaces go from a 文号, a 令号 counts in Arabic digits."""
    lines = [unicodedata.normalize("NFKC", t).strip() for t in lines]  # full-width digits, brackets
    for k, text in enumerate(lines):
        m = _ORDER_LINE.match(text)
        if m is None and _ORDER_HEAD.match(text) and k + 1 < len(lines):
            n = _ORDER_NUMBER_LINE.match(lines[k + 1])
            if n:
                return _order_number(text, n)
        if m:
            return _order_number(m.group("org"), m)
    found = [(not _stands_alone(t, m), k, m) for k, t in enumerate(lines) for m in [_FILE_NUMBER.search(t)]
             if m and "印发" not in t[: m.start()]]
    if not found:
        return None
    _cited, _k, m = min(found, key=lambda f: f[:2])  # a line that is the 文号 beats one citing it
    return f"{m.group('org')}〔{m.group('year')}〕{int(m.group('n'))}号"


def _stands_alone(text: str, m: re.Match[str]) -> bool:
    """The 文号 line of a head: nothing before it, at most 签发人 after it."""
    rest = text[m.end():].strip(" ")
    return m.start() == 0 and (not rest or rest.startswith("签发人"))


def _order_number(org: str, m: re.Match[str]) -> str:
    year = re.sub(r"\s", "", m.group("year") or "") or (f"〔{m.group('byear')}〕" if m.group("byear") else "")
    return f"{org}{year}第{cn_to_int(m.group('n'))}号"


def _issuer(front: list[str]) -> str | None:
    for text in front:
        m = _ORDER_HEAD.match(text)
        if m and m.group(1).endswith(("人民政府", "委员会", "部", "局", "院")):
            return m.group(1)
    date_at = next((k for k in range(len(front) - 1, -1, -1) if _DATE_LINE.match(front[k])), None)
    names: list[str] = []
    if date_at is not None:
        on_line = DATE.split(front[date_at])[0]
        names = _ISSUER.findall(on_line) if on_line else []
        k = date_at - 1
        while k >= 0 and not _TITLE_PUNCT.search(front[k]) and len(front[k]) <= 40:
            found = _ISSUER.findall(front[k])
            if not found or "".join(found) != front[k]:
                break
            names = found + names
            k -= 1
    if not names:
        heads = [t[:-2] for t in front if _FILE_HEAD.match(t)]
        names = [n for h in heads for n in _ISSUER.findall(h)]
    return "、".join(dict.fromkeys(names)) or None


def _to_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _effective(text: str, issued: date | None) -> date | None:
    for m in _EFFECTIVE.finditer(text):
        d = DATE.match(m.group(1))
        if d:
            return _to_date(d)
        if issued:
            return issued
    return None


def _expires(text: str, start: date | None) -> date | None:
    """The document's own term (本办法有效期5年; 有效期5年 as a sentence of its own),
    never that of what it regulates (注册商标的有效期为十年)."""
    m = next((m for sentence in _SENTENCE.split(text)
              if _SELF.search(sentence) or sentence.lstrip(" \u3000").startswith("有效期")
              for m in [_VALID_FOR.search(sentence)] if m), None)
    if not m:
        return None
    d = DATE.match(m.group(1))
    if d:
        return _to_date(d)
    if start is None:
        return None
    years = int(m.group(1)) if m.group(1).isdigit() else "一二三四五六七八九十".index(m.group(1)) + 1
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return date.fromordinal(end.toordinal() - 1)


def status_on(today: date, effective: date | None, expires: date | None) -> str:
    """现行有效 / 尚未施行 / 已失效, as of ``today``."""
    if expires and expires < today:
        return "已失效"
    if effective and effective > today:
        return "尚未施行"
    return "现行有效"
