"""The five seed files (real PDF/web extracts): every document, its metadata and structure."""
from __future__ import annotations

from datetime import date

import pytest

from reader.core.model import Document, Node, NodeKind
from tests.seeds import by_title, parse_seed


def kinds(doc: Document, kind: NodeKind) -> list[Node]:
    return [n for n in doc.walk() if n.kind is kind]


def paragraph_counts(doc: Document) -> str:
    return "".join(str(sum(c.kind is NodeKind.PARAGRAPH for c in a.children)) for a in kinds(doc, NodeKind.ARTICLE))


@pytest.fixture(scope="module")
def gazette27() -> list[Document]:
    return parse_seed("003")


@pytest.fixture(scope="module")
def gazette32() -> list[Document]:
    return parse_seed("004")


def test_gazette_27_splits_into_its_six_documents(gazette27: list[Document]) -> None:
    assert [d.doc_number for d in gazette27] == [
        "广州市人民政府令第190号", "广州市人民政府令第191号", "穗府办〔2022〕19号", "穗府办〔2022〕20号",
        "穗府办规〔2022〕12号", "穗建规字〔2022〕7号",
    ]


def test_order_metadata_and_front_matter(gazette27: list[Document]) -> None:
    doc = gazette27[0]
    assert doc.title == "广州市测绘地理信息管理办法"
    assert doc.kind == "地方政府规章"  # a city government's 令
    assert doc.issuer == "广州市人民政府"
    assert (doc.issued, doc.effective) == (date(2022, 8, 10), date(2022, 10, 1))
    assert "现予公布" in doc.front_matter and "市长郭永航" in doc.front_matter
    assert "公开方式：主动公开" in doc.front_matter  # back matter kept, not lost, not body text
    assert not any("公开方式" in n.text for n in doc.walk())


def test_surveying_regulation_structure(gazette27: list[Document]) -> None:
    doc = gazette27[0]
    chapters = kinds(doc, NodeKind.CHAPTER)
    assert [c.heading for c in chapters][:2] == ["总则", "测绘基准和测绘系统"]
    assert len(chapters) == 10 and chapters[-1].heading == "附则"
    articles = kinds(doc, NodeKind.ARTICLE)
    assert [a.number for a in articles] == list(range(1, 45))
    assert paragraph_counts(doc) == "11222112211111123222221322132121333331222111"
    art17 = doc.find("art_17")
    assert art17 is not None and art17.label == "第十七条" and art17.text == "第十七条"
    assert [p.id for p in art17.children] == ["art_17__para_1", "art_17__para_2", "art_17__para_3"]
    assert art17.children[2].text.startswith("中标的测绘单位不得转让")
    items = doc.find("art_43__para_1")
    assert items is not None and [i.label for i in items.children] == [f"（{n}）" for n in "一二三四五六七八"]
    assert doc.find("art_12__para_1__item_3").text.startswith("（三）1∶2000、1∶500比例尺地形图")  # type: ignore[union-attr]


def test_hotline_regulation_has_no_chapters(gazette27: list[Document]) -> None:
    doc = gazette27[1]
    assert doc.title == "广州市政务服务便民热线管理办法" and doc.effective == date(2022, 11, 1)
    assert not kinds(doc, NodeKind.CHAPTER)
    assert paragraph_counts(doc) == "12123212112212133243212211121"
    assert len(kinds(doc, NodeKind.ITEM)) == 29
    assert "12345" in doc.find("art_2__para_1").text  # type: ignore[union-attr]


def test_issued_plan_takes_the_plan_title_not_the_notice(gazette27: list[Document]) -> None:
    doc = gazette27[2]
    assert doc.title == "广州市促进创新链产业链融合发展行动计划（2022—2025年）"
    assert doc.issuer == "广州市人民政府办公厅" and doc.issued == date(2022, 7, 29)
    assert "关于印发广州市促进" in doc.front_matter
    level1 = kinds(doc, NodeKind.LEVEL1)
    assert [n.heading for n in level1] == ["总体要求", "六大重点行动", "保障措施"]
    level3 = kinds(doc, NodeKind.LEVEL3)
    assert [n.number for n in level3] == list(range(1, 21))  # numbered through the document
    assert level3[0].heading == "发挥重大创新平台引领产业发展作用"


def test_joint_plan_with_toc_footnotes_and_attachments(gazette27: list[Document]) -> None:
    doc = by_title(gazette27, "梅州")
    assert doc.issuer == "广州市人民政府办公厅、梅州市人民政府办公室"
    assert not any("目录" == n.text for n in doc.walk())
    chapters = kinds(doc, NodeKind.CHAPTER)
    assert [c.heading for c in chapters][:2] == ["前言", "基础环境"] and len(chapters) == 9
    assert len(kinds(doc, NodeKind.SECTION)) == 26
    notes = kinds(doc, NodeKind.FOOTNOTE)
    assert [n.label for n in notes] == list("①②③④⑤⑥")
    assert notes[0].text.startswith("①“一核一带一区”区域发展格局：")
    assert not any(n.text.startswith("①") for n in doc.walk() if n.kind is not NodeKind.FOOTNOTE)
    owner = next(n for n in doc.walk() if any(c is notes[0] for c in n.children))
    assert "区域发展格局①" in owner.text
    attachments = kinds(doc, NodeKind.ATTACHMENT)
    assert [a.id for a in attachments] == ["att_1", "att_2"]
    assert attachments[0].heading == "广州市对口帮扶梅州市助推苏区振兴发展主要指标目标表"
    assert attachments[0].children[0].kind is NodeKind.TABLE


def test_measures_with_registration_number_and_expiry(gazette27: list[Document]) -> None:
    doc = gazette27[4]
    assert doc.doc_number == "穗府办规〔2022〕12号" and doc.kind == "规范性文件"
    assert doc.front_matter.startswith("GZ0220220012")
    assert doc.title == "广州市支持村镇工业集聚区更新改造试点项目的土地规划管理若干措施（试行）"
    assert doc.effective == date(2022, 8, 22) and doc.expires == date(2025, 8, 21)
    assert doc.status == "已失效"
    assert [n.number for n in kinds(doc, NodeKind.LEVEL2)] == list(range(1, 19))


def test_opinion_valid_five_years(gazette27: list[Document]) -> None:
    doc = gazette27[5]
    assert doc.doc_number == "穗建规字〔2022〕7号"
    assert doc.issuer == "广州市住房和城乡建设局、广州市规划和自然资源局"
    assert (doc.effective, doc.expires) == (date(2022, 5, 23), date(2027, 5, 22))
    assert len(kinds(doc, NodeKind.LEVEL1)) == 9


def test_gazette_32(gazette32: list[Document]) -> None:
    numbers = [d.doc_number for d in gazette32]
    assert numbers == ["广州市人民政府令第193号", "穗府办〔2022〕26号", "穗府办规〔2022〕14号",
                       "穗建规字〔2022〕8号", "穗卫规字〔2022〕2号", "穗人社规字〔2022〕2号"]
    insurance, plan, relief, experts, blood, talent = gazette32
    assert insurance.title == "广州市社会医疗保险规定" and len(kinds(insurance, NodeKind.ARTICLE)) == 26
    assert relief.title == "广州市人民政府办公厅关于印发困难群众消费性减免和补贴政策的通知"
    assert relief.issued == date(2022, 10, 18)  # signed at the end: the notice is the document
    assert experts.title == "广州市物业管理专家管理办法" and len(kinds(experts, NodeKind.ARTICLE)) == 23
    assert len(kinds(blood, NodeKind.CHAPTER)) == 4 and len(kinds(blood, NodeKind.ARTICLE)) == 20
    assert talent.issuer == "广州市人力资源和社会保障局、广州市公安局"
    assert len(kinds(talent, NodeKind.CHAPTER)) == 5 and len(kinds(talent, NodeKind.ARTICLE)) == 23
    # 第五条第（二）（三）\n（四）项所要求的 — a wrapped citation is not an item
    assert not any(n.text.startswith("（四）项") for n in talent.walk())


def test_item_continued_after_a_paragraph_keeps_its_list(gazette32: list[Document]) -> None:
    blood = gazette32[4]
    art10 = blood.find("art_10")
    assert art10 is not None and len(art10.children) == 1
    assert [i.label for i in art10.children[0].children][:2] == ["（一）", "（二）"]
    assert "符合《规定》第二十七条" in art10.children[0].children[0].text


def test_plan_and_its_gazette_copy_are_one_document(gazette32: list[Document]) -> None:
    (original,) = parse_seed("002")
    copy = gazette32[1]
    assert original.id == copy.id
    assert original.title == copy.title == "广清一体化“十四五”发展规划"
    assert original.issuer == "广州市人民政府办公厅、清远市人民政府办公室"
    assert original.issued == date(2022, 9, 21)
    assert len(kinds(original, NodeKind.CHAPTER)) == 11 and len(kinds(original, NodeKind.SECTION)) == 34
    assert "抄送：省政府办公厅。" in original.front_matter
    tables = kinds(original, NodeKind.TABLE)
    assert any(t.heading.startswith("专栏1") for t in tables)
    assert not any("·····" in n.text for n in original.walk())
    boxes = [t.heading[:3] for t in kinds(copy, NodeKind.TABLE) if t.heading.startswith("专栏")]
    assert boxes == [f"专栏{n}" for n in range(1, 9)]
    # body prose after a flattened table is body text again, not table rows
    table1 = next(t for t in kinds(original, NodeKind.TABLE) if t.heading.startswith("表1"))
    assert "二是交通基础设施互联互通成效明显" not in table1.text


def test_plan_without_front_matter() -> None:
    (doc,) = parse_seed("000")
    assert doc.title == "国家城乡融合发展试验区广清接合片区广州（片区）实施方案"
    assert doc.doc_number is None and doc.front_matter.replace("\n", "") == doc.title
    assert doc.nodes[0].kind is NodeKind.PREAMBLE
    assert [n.heading for n in kinds(doc, NodeKind.LEVEL1)][0] == "发展改革基础"
    level2 = kinds(doc, NodeKind.LEVEL2)
    assert level2[0].heading == "城乡要素合理配置进一步提升"


def test_web_extract_cut_short_is_imported_with_a_warning() -> None:
    (doc,) = parse_seed("001")
    assert doc.doc_number == "粤府函〔2021〕76号" and doc.issuer == "广东省人民政府"
    assert doc.title == "国家城乡融合发展试验区广东广清接合片区实施方案"
    assert any("cut short" in w for w in doc.warnings)
    assert not any("yunbaogao" in n.text or "预览已结束" in n.text for n in doc.walk())
    assert doc.full_text().endswith("深化“人地钱挂钩”配套政策。建立")
