"""Files of the supported kinds from other sources than shared/realdocs: lawyers' Word
collections (altChunk pages with 【条旨】 and 之一 labels set apart), flk text dumps with
their own front matter, books' unbracketed 题注.  Each test holds a trimmed excerpt of the
real file whose reading went wrong."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reader.core.model import Node, NodeKind
from reader.core.pipeline import parse_file
from reader.core.split import _expires


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _articles(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for n in nodes:
        if n.kind == NodeKind.ARTICLE:
            out.append(n)
        out.extend(_articles(n.children))
    return out


def _body_text(nodes: list[Node]) -> str:
    return "\n".join(n.text + "\n" + _body_text(n.children) for n in nodes)


_LAW_BODY = "第一章 总则\n第一条 为保证公正、及时地仲裁经济纠纷，制定本法。\n第二条 平等主体之间发生的合同纠纷，可以仲裁。\n"


def test_order_number_under_the_title_is_the_number_not_the_title(tmp_path: Path) -> None:
    """仲裁法 as a lawyer's collection prints it: （中华人民共和国主席令第 31 号） under the title."""
    path = _write(tmp_path, "仲裁法.txt", "中华人民共和国仲裁法\n（中华人民共和国主席令第 31 号）\n"
                  "（1994年8月31日第八届全国人民代表大会常务委员会第九次会议通过）\n" + _LAW_BODY)
    doc = parse_file(path)[0]
    assert doc.title == "中华人民共和国仲裁法"
    assert doc.doc_number == "中华人民共和国主席令第31号"
    assert doc.issued == date(1994, 8, 31)
    assert "主席令" not in _body_text(doc.nodes)


def test_book_title_marks_around_the_whole_title_are_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path, "选举法.txt", "《中华人民共和国选举法》\n" + _LAW_BODY)
    assert parse_file(path)[0].title == "中华人民共和国选举法"


def test_unbracketed_headnote_lines_are_front_matter(tmp_path: Path) -> None:
    """劳动法 in a Word collection: one event a line, no brackets, full-width digits."""
    path = _write(tmp_path, "劳动法.txt", "中华人民共和国劳动法\n"
                  "１９９４年７月５日第八届全国人民代表大会常务委员会第八次会议通过\n"
                  "１９９４年７月５日中华人民共和国主席令第二十八号公布\n"
                  "自１９９５年１月１日起施行\n" + _LAW_BODY)
    doc = parse_file(path)[0]
    assert (doc.issuer, doc.issued, doc.effective) == ("全国人民代表大会常务委员会", date(1994, 7, 5), date(1995, 1, 1))
    assert "通过" not in _body_text(doc.nodes)
    assert "起施行" in doc.front_matter


def test_headnote_ending_with_a_footnote_mark_is_still_the_headnote(tmp_path: Path) -> None:
    path = _write(tmp_path, "刑法.txt", "中华人民共和国刑法\n（1979年7月1日第五届全国人民代表大会第二次会议通过"
                  "　1997年3月14日第八届全国人民代表大会第五次会议修订）①\n" + _LAW_BODY)
    doc = parse_file(path)[0]
    assert (doc.issuer, doc.issued) == ("全国人民代表大会", date(1979, 7, 1))
    assert "修订" not in _body_text(doc.nodes)


def test_term_of_what_a_law_regulates_does_not_expire_the_law() -> None:
    start = date(2020, 1, 1)
    assert _expires("第三十九条 注册商标的有效期为十年，自核准注册之日起计算。", start) is None
    assert _expires("第十条 本办法自2020年1月1日起施行，有效期5年。", start) == date(2024, 12, 31)
    assert _expires("本意见有效期至2025年12月31日。", start) == date(2025, 12, 31)
    assert _expires("本办法自2020年1月1日起施行。有效期3年。", start) == date(2022, 12, 31)


_PAGE = """<html><head><meta charset="utf-8"><title>中华人民共和国刑法</title></head><body>
<p>中华人民共和国刑法</p>
<p>（1979年7月1日第五届全国人民代表大会第二次会议通过　1997年3月14日第八届全国人民代表大会第五次会议修订）①<br />
\u2002<br />
<em><strong>目录</strong></em><br />
<a href="#a">第一章 刑法的任务</a><br />
<a href="#b">第二章 犯罪</a></p>
<h3>第一章 刑法的任务</h3>
<p>第二百三十三条<br />
【过失致人死亡罪】过失致人死亡的，处三年以上七年以下有期徒刑。<br />
第二百三十四条<br />
【故意伤害罪】故意伤害他人身体的，处三年以下有期徒刑、拘役或者管制。</p>
<p>第二百三十四条</p>
<p>之一</p>
<p>【组织出卖人体器官罪】组织他人出卖人体器官的，处五年以下有期徒刑，并处罚金。</p>
<p>第二百三十五条</p>
<p>【过失致人重伤罪】过失伤害他人致人重伤的，处三年以下有期徒刑或者拘役。</p>
<h3>第二章 犯罪</h3>
<p>第二百三十六条</p>
<p>【强奸罪】以暴力、胁迫或者其他手段强奸妇女的，处三年以上十年以下有期徒刑。</p>
</body></html>
"""


def test_sub_label_in_its_own_paragraph_joins_its_article_label(tmp_path: Path) -> None:
    """<p>第二百三十四条</p><p>之一</p>: one label, as a lawyer's Word file (altChunk) has it."""
    doc = parse_file(_write(tmp_path, "刑法.html", _PAGE))[0]
    arts = _articles(doc.nodes)
    assert [a.label for a in arts] == ["第二百三十三条", "第二百三十四条", "第二百三十四条之一", "第二百三十五条", "第二百三十六条"]
    assert arts[2].heading == "组织出卖人体器官罪"
    assert arts[2].children[0].text.startswith("组织他人出卖人体器官的")


def test_blank_line_of_two_line_breaks_ends_a_paragraph(tmp_path: Path) -> None:
    """<br>\u2002<br> leaves a blank line: the 题注 ends there, 目录 is not glued to it."""
    doc = parse_file(_write(tmp_path, "刑法.html", _PAGE))[0]
    assert (doc.issuer, doc.issued) == ("全国人民代表大会", date(1979, 7, 1))
    assert "目录" not in doc.front_matter


_FLK_DUMP = """---
id: "ZmY4MDgxODE4NjhkNjQyMjAxODY5NzhjN2I4MzA0YzE%3D"
title: "上海市住房租赁条例"
office: "上海市人民代表大会常务委员会"
publish: "2022-11-23 00:00:00"
effective_date: "2023-02-01 00:00:00"
type: "地方性法规"
status: "已修改"
---

# 上海市住房租赁条例

上海市住房租赁条例

（2022年11月23日上海市第十五届人民代表大会常务委员会第四十六次会议通过）

第一章 总则

第一条
为了规范住房租赁行为，保障住房租赁当事人合法权益，结合本市实际，制定本条例。

第二条 本市行政区域内的住房租赁及其监督管理，适用本条例。
"""


def test_flk_dump_front_matter_and_repeated_title(tmp_path: Path) -> None:
    """A scraper's dump of the national database: office / publish / effective_date / type,
    and the title printed again above the 题注."""
    doc = parse_file(_write(tmp_path, "上海市住房租赁条例.md", _FLK_DUMP))[0]
    assert (doc.title, doc.issuer) == ("上海市住房租赁条例", "上海市人民代表大会常务委员会")
    assert (doc.issued, doc.effective, doc.kind) == (date(2022, 11, 23), date(2023, 2, 1), "地方性法规")
    assert doc.nodes[0].kind == NodeKind.CHAPTER  # no preamble left of title and 题注
    assert [a.label for a in _articles(doc.nodes)] == ["第一条", "第二条"]


def test_bare_fu_colon_opens_an_attachment(tmp_path: Path) -> None:
    """附： alone (its title on the next line) ends the last article, as 附：… does."""
    path = _write(tmp_path, "解释.md", "# 最高人民法院关于办理某类刑事案件的解释\n\n"
                  "第一条 实施本解释规定的行为，依照处罚较重的规定追究刑事责任。\n\n"
                  "第二条 禁止使用的药品，依照有关部门公告的药物品种目录确定。\n\n"
                  "附：\n\n农业部 卫生部 国家药品监督管理局\n")
    doc = parse_file(path)[0]
    last = _articles(doc.nodes)[-1]
    assert _body_text([last]).strip().endswith("药物品种目录确定。")
    assert any(n.kind == NodeKind.ATTACHMENT for n in doc.nodes)


def test_table_after_the_article_in_force_is_an_annex(tmp_path: Path) -> None:
    """个人所得税法 from the national database as text: 税率表 after 本法自公布之日起施行。"""
    path = _write(tmp_path, "中华人民共和国个人所得税法_20180831.txt",
                  "中华人民共和国个人所得税法\n\n第一条　在中国境内有住所，或者无住所而一个纳税年度内在中国境内居住累计满"
                  "一百八十三天的个人，为居民个人。居民个人从中国境内和境外取得的所得，依照本法规定缴纳个人所得税。\n\n"
                  "第二条　下列各项个人所得，应当缴纳个人所得税：\n（一）工资、薪金所得；\n（二）劳务报酬所得。\n\n"
                  "第三条　本法自公布之日起施行。\n\n\n\n个人所得税税率表一（综合所得适用）\n"
                  "级数\t全年应纳税所得额\t税率（%）\n1\t不超过36000元的\t3\n2\t超过36000元至144000元的部分\t10\n")
    doc = parse_file(path)[0]
    last = _articles(doc.nodes)[-1]
    assert _body_text([last]).strip().endswith("本法自公布之日起施行。")
    annex = [n for n in doc.nodes if n.kind == NodeKind.ATTACHMENT]
    assert annex and annex[0].heading == "个人所得税税率表一（综合所得适用）"
    assert any(c.kind == NodeKind.TABLE for c in annex[0].children)
