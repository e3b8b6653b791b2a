"""Structure rules beyond the plain 条/款/项: article captions (条旨), 第X条之一 wherever its
label stands, decimal outlines (1 / 1.1 / 1.1.1) and table rows that keep every cell."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from index.units import document_units
from reader.core.importers import load, load_bytes
from reader.core.importers.base import SourceText
from reader.core.markers import DECIMAL, opening_marker
from reader.core.model import Document, NodeKind
from reader.core.normalize import clean
from reader.core.pipeline import parse_file, parse_source
from reader.core.refs import detect_and_resolve
from reader.core.structure import follows, is_decimal_outline
from reader.export import BriefDocument, BriefRequest, export_brief
from tests.corpus_tools import expected_articles
from tests.export_helpers import open_docx, paragraphs_text


def parse(text: str, hard_breaks: bool = True, name: str = "t.txt") -> Document:
    docs = parse_source(SourceText(name, "txt", "0", text.split("\n"), hard_breaks=hard_breaks))
    assert len(docs) == 1
    return docs[0]


def articles(doc: Document) -> list:
    return [n for n in doc.walk() if n.kind is NodeKind.ARTICLE]


def paras(node) -> list[str]:
    return [c.text for c in node.children if c.kind is NodeKind.PARAGRAPH]


# --- captions ------------------------------------------------------------------------

CAPTIONED = """某某市物业管理条例
第一条【立法宗旨】为了规范物业管理活动，根据《中华人民共和国民法典》，制定本条例。
第二条 【适用范围】 本条例适用于本市行政区域内的物业管理活动。
前款所称物业管理，是指业主对物业进行维修、养护的活动。
第三条（主管部门）市住房城乡建设主管部门负责物业管理活动的监督管理工作，第一条另有规定的除外。
第四条【业主】
业主依法享有物业的各项权利。
第五条 （删去）
第六条 本条例自2024年1月1日起施行。"""


def test_caption_forms_give_articles_with_their_caption_as_heading() -> None:
    doc = parse(CAPTIONED)
    arts = articles(doc)
    assert [a.label for a in arts] == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"]
    assert [a.heading for a in arts] == ["立法宗旨", "适用范围", "主管部门", "业主", "", ""]
    assert [a.id for a in arts] == [f"art_{n}" for n in range(1, 7)]
    art1, art2, art3, art4, art5, _ = arts
    assert art1.text == "第一条【立法宗旨】" and art3.text == "第三条（主管部门）"
    # the caption is no part of the 款 text
    assert paras(art1) == ["为了规范物业管理活动，根据《中华人民共和国民法典》，制定本条例。"]
    assert paras(art2)[0].startswith("本条例适用于") and len(paras(art2)) == 2
    assert paras(art3)[0].startswith("市住房城乡建设主管部门")
    assert paras(art4) == ["业主依法享有物业的各项权利。"]  # caption alone, text on the next line
    assert art5.heading == "" and paras(art5) == ["（删去）"]  # a deleted article is text, not a caption
    assert "【" not in "".join(p for a in arts for p in paras(a))


def test_caption_in_a_wrapped_text_file_makes_the_document_legislative() -> None:
    text = "\n\n".join(CAPTIONED.replace("第二条 【适用范围】 ", "第二条【适用范围】").split("\n"))
    doc = parse(text, hard_breaks=False)
    assert [a.heading for a in articles(doc)][:3] == ["立法宗旨", "适用范围", "主管部门"]


def test_a_cited_item_after_an_article_label_is_no_caption() -> None:
    m = opening_marker("第五条（二）项规定的情形")
    assert m is None or not m.caption
    assert opening_marker("第十条（删除）").caption == ""


def test_caption_is_searchable_refs_still_found_and_exported(tmp_path: Path) -> None:
    doc = parse(CAPTIONED)
    units = {u.node_id: u.text for u in document_units(doc)}
    assert "立法宗旨" in units["art_1"] and "为了规范物业管理活动" in units["art_1"]
    refs = detect_and_resolve(doc)
    assert any(r.node_id == "art_1__para_1" and "民法典" in r.text for r in refs)
    assert any(r.node_id == "art_3__para_1" and r.text == "第一条" and r.resolved for r in refs)
    out = tmp_path / "brief.docx"
    export_brief(BriefRequest([BriefDocument(doc)]), out)
    lines = paragraphs_text(open_docx(out))
    assert any(line.startswith("第一条【立法宗旨】") and "为了规范物业管理活动" in line for line in lines)


# --- 第X条之一 -----------------------------------------------------------------------------

SUB_ARTICLES = """中华人民共和国某某法
第一百二十条 组织、领导恐怖活动组织的，处十年以上有期徒刑。
第一百二十条之一
资助恐怖活动组织的，处五年以下有期徒刑。
第一百二十条 之二 有下列情形之一的，处五年以下有期徒刑：
（一）为恐怖活动培训的；
（二）为恐怖活动准备工具的。
第一百二十条之三　以制作资料宣扬恐怖主义的，依照前款的规定处罚。
第一百二十一条 以暴力劫持航空器的，处十年以上有期徒刑。"""


@pytest.mark.parametrize("hard_breaks", [True, False])
def test_sub_articles_wherever_the_label_stands(hard_breaks: bool) -> None:
    text = SUB_ARTICLES if hard_breaks else "\n\n".join(SUB_ARTICLES.split("\n"))
    doc = parse(text, hard_breaks=hard_breaks)
    arts = articles(doc)
    assert [a.id for a in arts] == ["art_120", "art_120_1", "art_120_2", "art_120_3", "art_121"]
    assert [a.label for a in arts][1:4] == ["第一百二十条之一", "第一百二十条之二", "第一百二十条之三"]
    assert paras(arts[1]) == ["资助恐怖活动组织的，处五年以下有期徒刑。"]
    assert paras(arts[2]) == ["有下列情形之一的，处五年以下有期徒刑："]
    assert [i.label for i in arts[2].children[0].children] == ["（一）", "（二）"]
    assert not any("duplicate" in w or "第120条 (" in w for w in doc.warnings)


def test_criminal_law_sub_articles_keep_unique_stable_ids(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "laws" / "刑法" / "刑法.md"
    want = [a.label for a in expected_articles(path.read_text(encoding="utf-8"))]
    (doc,) = parse_file(path)
    arts = articles(doc)
    assert [a.label for a in arts] == want and any("之" in label for label in want)
    ids = [a.id for a in arts]
    assert len(set(ids)) == len(ids)
    sub = next(a for a in arts if a.label == "第一百二十条之一")
    assert sub.id == "art_120_1" and (sub.number, sub.heading) == (120, "")


# --- decimal outlines --------------------------------------------------------------------

PLAN = """某某市突发事件总体应急预案
1 总则
1.1 编制目的
为了提高政府应对突发事件的能力，制定本预案。
1.2 编制依据
依据《中华人民共和国突发事件应对法》等法律法规。
1.2.1 分级
突发事件分为特别重大、重大、较大和一般四级。
1.5倍以上的损失按特别重大处理。
2 组织体系
2.1 领导机构
市人民政府是本市突发事件应对工作的行政领导机关。主要职责：
1.研究决定重大事项；
2.统一指挥应急处置。
2.1.1 市应急委员会
3日内完成报告。
3 附则
本预案自印发之日起施行。"""


def test_decimal_outline_levels_labels_and_ids() -> None:
    doc = parse(PLAN)
    levels = [(n.id, n.kind, n.label, n.heading) for n in doc.walk()
              if n.kind in (NodeKind.LEVEL1, NodeKind.LEVEL2, NodeKind.LEVEL3)]
    assert levels == [
        ("l1_1", NodeKind.LEVEL1, "1", "总则"),
        ("l1_1__l2_1", NodeKind.LEVEL2, "1.1", "编制目的"),
        ("l1_1__l2_2", NodeKind.LEVEL2, "1.2", "编制依据"),
        ("l1_1__l2_2__l3_1", NodeKind.LEVEL3, "1.2.1", "分级"),
        ("l1_2", NodeKind.LEVEL1, "2", "组织体系"),
        ("l1_2__l2_1", NodeKind.LEVEL2, "2.1", "领导机构"),
        ("l1_2__l2_1__l3_1", NodeKind.LEVEL3, "2.1.1", "市应急委员会"),
        ("l1_3", NodeKind.LEVEL1, "3", "附则"),
    ]
    lists = [(n.id, n.label) for n in doc.walk() if n.kind is NodeKind.SUBITEM]  # 1. lists inside 2.1
    assert lists == [("l1_2__l2_1__sub_1", "1."), ("l1_2__l2_1__sub_2", "2.")]
    assert not any("duplicate" in w for w in doc.warnings)
    text = doc.full_text()
    assert "1.5倍以上的损失按特别重大处理。" in text and "3日内完成报告。" in text
    unit = doc.find("l1_1__l2_2__l3_1")
    assert unit is not None and "1.5倍以上" in unit.full_text()  # a quantity is no heading


def test_decimal_outline_whose_top_level_has_a_dot() -> None:
    doc = parse("某某预案\n1. 总则\n1.1 编制目的\n为了应对突发事件。\n1.2 适用范围\n本市。\n"
                "2. 组织体系\n2.1 指挥机构\n1. 统一指挥；\n2. 分级负责。\n3. 附则\n本预案自印发之日起施行。")
    tops = [(n.id, n.label, n.heading) for n in doc.nodes if n.kind is NodeKind.LEVEL1]
    assert tops == [("l1_1", "1.", "总则"), ("l1_2", "2.", "组织体系"), ("l1_3", "3.", "附则")]
    assert [n.id for n in doc.walk() if n.kind is NodeKind.SUBITEM][:2] == ["l1_2__l2_1__sub_1", "l1_2__l2_1__sub_2"]
    assert doc.find("l1_1__l2_2") is not None and "本预案自印发之日起施行。" in doc.full_text()
    # 2. 专家组 follows an item ending in ；: the list goes on; 2. 附则 after it is the top level
    listed = parse("某某预案\n1. 总则\n1.1 目的\n为了应急。\n1.2 机构\n设立下列机构：\n1. 指挥部；\n2. 专家组\n"
                   "2. 附则\n本预案自印发之日起施行。")
    assert [n.id for n in listed.walk() if n.kind is NodeKind.SUBITEM] == ["l1_1__l2_2__sub_1", "l1_1__l2_2__sub_2"]
    assert [n.label for n in listed.nodes if n.kind is NodeKind.LEVEL1] == ["1.", "2."]


def test_decimal_numbers_need_a_consistent_sequence() -> None:
    assert follows((), (1,)) and follows((1,), (1, 1)) and follows((1, 2), (2,)) and follows((1, 2, 3), (1, 3))
    assert not follows((1,), (3,)) and not follows((1, 1), (1, 1, 2)) and not follows((), (2, 1))
    stray = parse("某某通知\n一、总体要求\n1 个别条款仍在修订\n2.5 万元以下的项目\n二、工作措施\n12 月底前完成。")
    assert not any(n.label[:1].isdigit() and "." not in n.label for n in stray.walk())
    assert [n.label for n in stray.walk() if n.kind is NodeKind.LEVEL1] == ["一、", "二、"]
    assert opening_marker("1.1编制目的").form == DECIMAL and opening_marker("2022年工作要点") is None


def test_no_real_law_or_seed_is_read_as_a_decimal_outline(shared_dir: Path) -> None:
    """Laws and plans number 1. items and quote 1.5倍 or 3日 at line starts: no outline."""
    files = sorted((shared_dir / "corpus" / "laws").rglob("*.md"))[::15] + sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(files) > 100
    flagged = [f.name for f in files if is_decimal_outline(clean(load(f)).paras)]
    assert flagged == []


# --- tables ----------------------------------------------------------------------------

TABLE_LAW = """某某市收费管理办法
第一条 收费标准如下：
序号\t项目\t金额
1\t登记费\t2
2\t\t3
第二条 本办法自2024年1月1日起施行。"""


def test_table_rows_with_numbers_are_kept_as_a_table_in_their_article() -> None:
    doc = parse(TABLE_LAW)
    art1 = doc.find("art_1")
    tables = [c for c in art1.children if c.kind is NodeKind.TABLE]
    assert len(tables) == 1 and tables[0].text == "序号\t项目\t金额\n1\t登记费\t2\n2\t\t3"
    assert paras(art1) == ["收费标准如下："]
    assert paras(doc.find("art_2")) == ["本办法自2024年1月1日起施行。"]


def test_table_rows_of_a_text_file_are_neither_joined_nor_dropped() -> None:
    text = "某某市收费管理办法\n第一条 收费标准如下：\n序号\t金额\n1\t2\n3\t4\n5\t6\n第二条 本办法自公布之日起施行。"
    doc = parse(text, hard_breaks=False)
    table = next(n for n in doc.walk() if n.kind is NodeKind.TABLE)
    assert table.text.split("\n") == ["序号\t金额", "1\t2", "3\t4", "5\t6"]


def test_a_label_then_a_tab_is_a_paragraph_not_a_row() -> None:
    doc = parse("某某办法\n第一条\t为了加强管理，制定本办法。\n第二条\t本办法自公布之日起施行。")
    assert [a.label for a in articles(doc)] == ["第一条", "第二条"]
    assert not any(n.kind is NodeKind.TABLE for n in doc.walk())


def test_a_corpus_table_is_one_table_node_row_by_row(shared_dir: Path) -> None:
    laws = shared_dir / "corpus" / "laws" / "司法解释"
    path = next(laws.glob("*确定罪名的补充规定（二）*.md"))
    (doc,) = parse_file(path)
    table = next(n for n in doc.nodes if n.kind is NodeKind.TABLE)
    rows = table.text.split("\n")
    assert rows[0] == "刑法条文\t罪名" and len(rows) == 6 and all(r.count("\t") == 1 for r in rows)
    assert "第244条之一" in rows[2]
    assert "刑法条文" not in doc.nodes[0].text  # the preamble ends where the table starts


def test_markdown_and_word_tables_keep_numeric_cells(tmp_path: Path) -> None:
    md = "# 某某市收费管理办法\n\n第一条 收费标准如下：\n\n| 序号 | 金额 |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n第二条 本办法自公布之日起施行。\n"
    (doc,) = parse_source(load_bytes("收费.md", md.encode()))
    table = next(n for n in doc.walk() if n.kind is NodeKind.TABLE)
    assert table.text.split("\n")[-2:] == ["1\t2", "3\t4"]
    path = tmp_path / "收费.docx"
    word = docx.Document()
    word.add_paragraph("某某市收费管理办法")
    word.add_paragraph("第一条 收费标准如下：")
    grid = word.add_table(rows=3, cols=1)
    for row, value in zip(grid.rows, ("金额", "7", "8")):
        row.cells[0].text = value
    word.add_paragraph("第二条 本办法自公布之日起施行。")
    word.save(str(path))
    (doc,) = parse_file(path)
    assert {"7", "8"} <= set(doc.find("art_1").full_text().split("\n"))  # one-cell rows: text, kept


@pytest.mark.parametrize("heading", ["（一）目标任务。选择11个城市试点。", "（一）项目管理。严格审批。", "（一）款项拨付。按季度拨付。"])
def test_an_outline_heading_opening_with_a_unit_word_is_not_a_citation(heading: str) -> None:
    """（四）项所要求的 wraps a citation onto a new line; （一）目标任务 opens a level-2 unit."""
    text = f"关于开展试点的方案\n一、总体要求\n{heading}\n二、组织实施\n（一）成立小组。由各部门组成。\n"
    (doc,) = parse_source(load_bytes("方案.txt", text.encode()))
    level1 = doc.nodes[0] if doc.nodes[0].kind is NodeKind.LEVEL1 else doc.nodes[1]
    assert [c.kind for c in level1.children] == [NodeKind.LEVEL2], doc.warnings
    assert not doc.warnings
    assert opening_marker("（四）项所要求的条件") is None


def test_items_in_ascii_or_mixed_brackets_are_items() -> None:
    """Web pages and Word files type （一）, (一), （一) and (1) alike; all are the same item."""
    text = "某某管理办法\n第一条　有下列情形之一的，不予登记：\n(一)材料不全的；\n（二)逾期申报的；\n(三）其他情形。\n第二条　本办法自公布之日起施行。\n"
    (doc,) = parse_source(load_bytes("办法.txt", text.encode()))
    items = [n for n in doc.walk() if n.kind is NodeKind.ITEM]
    assert [n.label for n in items] == ["（一）", "（二）", "（三）"]
    assert [n.id for n in items] == ["art_1__para_1__item_1", "art_1__para_1__item_2", "art_1__para_1__item_3"]
    assert opening_marker("(2020)年度报告") is None
