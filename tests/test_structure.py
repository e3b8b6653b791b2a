"""Drafting rules the structure builder follows, on small texts written for each rule."""
from __future__ import annotations

from reader.core.importers.base import SourceText
from reader.core.model import Document, NodeKind
from reader.core.pipeline import parse_source


def parse(text: str, hard_breaks: bool = True) -> Document:
    docs = parse_source(SourceText("t.txt", "txt", "0", text.split("\n"), hard_breaks=hard_breaks))
    assert len(docs) == 1
    return docs[0]


LAW = """某某市某某管理办法
第一章 总则
第一条 为了加强管理，制定本办法。
第二条 本办法适用于本市。
第十条规定的事项，依照有关规定办理。
第二章 管理
第一节 一般规定
第三条 有下列情形之一的，予以处罚：
（一）未经批准的；
（二）超越范围的：
1.情节较轻的；
2.情节严重的。
前款规定的处罚，由市主管部门决定。
第三条之一 新增的规定。
第五条 本办法自2023年1月1日起施行。"""


def test_legislative_tree_ids_and_nesting() -> None:
    doc = parse(LAW)
    assert doc.title == "某某市某某管理办法"
    assert [n.id for n in doc.nodes] == ["ch_1", "ch_2"]
    section = doc.find("ch_2__sec_1")
    assert section is not None and section.heading == "一般规定"
    art3 = doc.find("art_3")
    assert art3 is not None and [c.id for c in art3.children] == ["art_3__para_1", "art_3__para_2"]
    item2 = doc.find("art_3__para_1__item_2")
    assert item2 is not None and [c.id for c in item2.children] == ["art_3__para_1__item_2__sub_1",
                                                                   "art_3__para_1__item_2__sub_2"]
    assert doc.find("art_3_1") is not None and doc.find("art_3_1").label == "第三条之一"  # type: ignore[union-attr]


def test_a_line_that_cites_an_article_is_not_one() -> None:
    doc = parse(LAW)
    art2 = doc.find("art_2")
    assert art2 is not None and len(art2.children) == 2
    assert art2.children[1].text.startswith("第十条规定的事项")


def test_numbering_that_jumps_is_a_warning_not_a_silent_misparse() -> None:
    doc = parse(LAW)
    assert doc.find("art_5") is not None
    assert any("第五条" in w and "jumps" in w for w in doc.warnings)


def test_every_article_has_explicit_paragraphs() -> None:
    doc = parse(LAW)
    for node in doc.walk():
        if node.kind is NodeKind.ARTICLE:
            assert node.children and all(c.kind is NodeKind.PARAGRAPH for c in node.children)


def test_parts_and_chapters_restart_per_part() -> None:
    doc = parse("某法\n第一编 总则\n第一章 一般规定\n第一条 甲。\n第二编 分则\n第一章 物权\n第二条 乙。")
    assert [n.id for n in doc.walk() if n.kind is NodeKind.CHAPTER] == ["part_1__ch_1", "part_2__ch_1"]


def test_outline_numbering() -> None:
    doc = parse("某某工作方案\n为做好工作，制定本方案。\n一、总体要求\n（一）指导思想。坚持问题导向。\n"
                "1.完善机制。建立制度。\n（1）明确责任。\n二、保障措施\n各区要加强领导。")
    assert doc.nodes[0].kind is NodeKind.PREAMBLE
    l1 = doc.find("l1_1")
    assert l1 is not None and l1.heading == "总体要求"
    l2 = doc.find("l1_1__l2_1")
    assert l2 is not None and l2.heading == "指导思想"
    assert doc.find("l1_1__l2_1__l3_1__l4_1") is not None
    text = doc.find("l1_2__text_1")
    assert text is not None and text.text == "各区要加强领导。"


def test_no_structure_is_one_unit_with_a_warning() -> None:
    doc = parse("一段没有任何编号的文字。\n又一段文字。")
    assert [n.kind for n in doc.nodes] == [NodeKind.PREAMBLE]
    assert any("no recognisable structure" in w for w in doc.warnings)


def test_hard_wrapped_articles_are_rejoined() -> None:
    text = ("第一条　 为了加强测绘地理信息管理ꎬ 推动测绘新技术应用ꎬ 促进测绘地理信\n\n"
            "息事业发展ꎬ 维护地理信息安全ꎬ 根据有关法律、 法规ꎬ 结合本市实际ꎬ 制定本\n\n办法ꎮ\n\n"
            "第二条　 本办法适用于本市行政区域内的测绘活动和测绘成果的管理和使用工\n\n作ꎮ\n\n"
            "１(本文与正式文件同等效力)\n 测绘单位应当遵守本办法ꎮ")
    doc = parse(text, hard_breaks=False)
    art1, art2 = doc.find("art_1"), doc.find("art_2")
    assert art1 is not None and art1.children[0].text.endswith("结合本市实际，制定本办法。")
    assert art2 is not None and [c.text for c in art2.children][1] == "测绘单位应当遵守本办法。"
