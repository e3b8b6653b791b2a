"""Cross-reference detection and resolution: one test per form of reference, and the traps."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.core.model import Document, identity_key
from reader.core.pipeline import parse_file
from reader.core.refs import (
    ATTACHMENT,
    DOC_NUMBER,
    EXTERNAL,
    INTERNAL,
    ISSUE,
    RELATIVE,
    REPEAL,
    LibraryIndex,
    Pin,
    Ref,
    detect,
    detect_and_resolve,
    resolve,
)
from reader.core.refs.grammar import parse_group
from reader.core.refs.titles import inexact_score
from tests.seeds import REPO, SEEDS, by_title

# The seed files as shipped (shared/seeds when present: resources/samples is a copy of them
# that other tests may be rewriting while these run).
_SEED_DIRS = [d for d in (REPO.parent / "shared" / "seeds", SEEDS) if d.is_dir()]


def parse_seed(prefix: str) -> list[Document]:
    return parse_file(next(p for d in _SEED_DIRS for p in sorted(d.glob(f"{prefix}_*.txt"))))


def law(tmp_path: Path, body: str, title: str = "中华人民共和国测试法", history: str = "2020年1月1日 通过",
        name: str = "law") -> Document:
    """A law in the corpus Markdown form (# title, history, ## chapters, 第N条 …)."""
    path = tmp_path / f"{name}.md"
    path.write_text(f"# {title}\n\n{history}\n\n<!-- INFO END -->\n\n{body.strip()}\n", "utf-8")
    return parse_file(path)[0]


def refs_of(doc: Document, library: LibraryIndex | None = None) -> list[Ref]:
    return detect_and_resolve(doc, library or LibraryIndex.from_documents([doc]))


def one(refs: list[Ref], text: str) -> Ref:
    found = [r for r in refs if r.text == text]
    assert len(found) == 1, [r.text for r in refs]
    return found[0]


BASIC = """
## 第一章 总则

第一条 为了测试，制定本法。

第二条 本法所称测试，包括下列事项：

（一）甲；

（二）乙；

（三）丙。

前款第一项、第二项由国务院规定。

依照本条第一款规定的事项，适用前两款。

第三条 违反前条规定的，依照本法第二条第一款第（三）项处理。

## 第二章 附则

### 第一节 一般规定

第四条 本节所称事项，适用本章规定；本法第二十条规定的除外。

第五条 第二条第二款和第三款、第三条至第四条的规定，参照执行。

第五条之一 有第六条之一情形的，不适用本条。
"""


# ---- detection and resolution within the document ------------------------------------------

def test_absolute_and_relative_units_resolve_to_the_most_specific_node(tmp_path: Path) -> None:
    refs = refs_of(law(tmp_path, BASIC))
    assert one(refs, "本法第二条第一款第（三）项").target_node_id == "art_2__para_1__item_3"
    assert one(refs, "前条").target_node_id == "art_2"
    first = one(refs, "前款第一项")
    assert (first.kind, first.target_node_id) == (RELATIVE, "art_2__para_1__item_1")
    assert one(refs, "第二项").target_node_id == "art_2__para_1__item_2"  # 前款第一项、第二项
    assert one(refs, "本条第一款").target_node_id == "art_2__para_1"
    both = one(refs, "前两款")
    assert both.target_node_ids == ("art_2__para_1", "art_2__para_2") and both.is_range
    assert one(refs, "本节").target_node_id == "ch_2__sec_1"
    assert one(refs, "本章").target_node_id == "ch_2"
    assert all(r.resolved for r in refs if r.text not in ("本法第二十条", "第六条之一"))


def test_lists_and_ranges(tmp_path: Path) -> None:
    refs = refs_of(law(tmp_path, BASIC))
    art5 = [r for r in refs if r.node_id == "art_5__para_1"]
    assert [r.text for r in art5] == ["第二条第二款", "第三款", "第三条至第四条"]
    assert art5[1].target_node_id == "art_2__para_3"  # 第二条第二款和第三款: 第三款 of 第二条
    assert art5[2].target_node_ids == ("art_3", "art_4")
    bis = one(refs, "第六条之一")
    assert bis.pinpoint == (Pin("article", 6, 1),) and not bis.resolved  # 之一 read, and not in the law


def test_range_with_an_article_inserted_between(tmp_path: Path) -> None:
    doc = law(tmp_path, "第一条 甲。\n\n第二条 乙。\n\n第二条之一 丙。\n\n第三条 丁。\n\n第四条 违反本法第一条至第三条的，处罚。")
    r = one(refs_of(doc), "本法第一条至第三条")
    assert r.target_node_ids == ("art_1", "art_2", "art_2_1", "art_3")


def test_article_the_document_lacks_is_reported_not_linked(tmp_path: Path) -> None:
    r = one(refs_of(law(tmp_path, BASIC)), "本法第二十条")
    assert not r.resolved and r.target_node_id is None and "第二十条" in r.note
    assert r.target_doc_id is not None  # the document is known; the article is not


def test_paragraph_the_article_lacks_is_reported_with_the_article_as_nearest(tmp_path: Path) -> None:
    doc = law(tmp_path, "第一条 甲。\n\n第二条 违反本法第一条第三款的，处罚。")
    r = one(refs_of(doc), "本法第一条第三款")
    assert not r.resolved and r.nearest_node_id == "art_1" and "第三款" in r.note


def test_shared_unit_suffixes() -> None:
    def units(text: str) -> list[tuple]:
        return [tuple((p.unit, p.number, p.sub) for p in c.pins) for c in parse_group(text, 0)]

    assert units("第（二）（三）（四）项") == [(("item", 2, 0),), (("item", 3, 0),), (("item", 4, 0),)]
    assert units("第三、第六项") == [(("item", 3, 0),), (("item", 6, 0),)]
    assert units("第五条第一、二款") == [(("article", 5, 0), ("paragraph", 1, 0)), (("paragraph", 2, 0),)]
    assert units("第二十七条和二十八条") == [(("article", 27, 0),), (("article", 28, 0),)]
    assert units("第二百六十条之一") == [(("article", 260, 1),)]
    assert units("第二百三十六第三款") == [(("article", 236, 0), ("paragraph", 3, 0))]  # 条 dropped
    ranged = parse_group("第四至第七项", 0)
    assert len(ranged) == 1 and ranged[0].to is not None and ranged[0].to.pins == (Pin("item", 7),)


def test_bare_item_reference_reads_from_the_paragraph_that_lists_items(tmp_path: Path) -> None:
    doc = law(tmp_path, """
第一条 有下列情形之一的，处罚：

（一）甲；

（二）乙。

有第一项情形，情节严重的，从重处罚。

第二条 有本法第一条第（二）项情形的，从轻。
""")
    refs = refs_of(doc)
    assert one(refs, "第一项").target_node_id == "art_1__para_1__item_1"
    assert one(refs, "本法第一条第（二）项").target_node_id == "art_1__para_1__item_2"


def test_not_references(tmp_path: Path) -> None:
    doc = law(tmp_path, """
第一条 2022年起，本项目的基本条件由该法人确定，第一次会议于第三方场地召开，建设第二条跑道。

第二条 本法施行前已经取得资格的，继续有效。
""")
    assert refs_of(doc) == []


# ---- other documents ---------------------------------------------------------------------------

def test_titles_with_and_without_pinpoints_and_a_pinpoint_in_another_document(tmp_path: Path) -> None:
    target = law(tmp_path, "第一条 甲。\n\n第二条 乙。\n\n第三条 丙。\n\n丁。", title="中华人民共和国测绘法", name="t")
    doc = law(tmp_path, """
第一条 根据《中华人民共和国测绘法》《广州市创新产品目录》，制定本办法。

第二条 依照《中华人民共和国测绘法》第三条第二款的规定执行。
""", title="广州市测绘管理办法")
    refs = refs_of(doc, LibraryIndex.from_documents([doc, target]))
    title = one(refs, "《中华人民共和国测绘法》")
    assert (title.kind, title.target_doc_id, title.target_node_id, title.resolved) == (EXTERNAL, target.id, None, True)
    catalogue = one(refs, "《广州市创新产品目录》")  # still a title; not in the library
    assert catalogue.kind == EXTERNAL and not catalogue.resolved and catalogue.target_title == "广州市创新产品目录"
    pin = one(refs, "《中华人民共和国测绘法》第三条第二款")
    assert (pin.target_doc_id, pin.target_node_id) == (target.id, "art_3__para_2")  # not this document's 第三条


def test_nested_titles_aliases_and_that_law(tmp_path: Path) -> None:
    doc = law(tmp_path, """
第一条 根据《广东省实施〈中华人民共和国献血法〉办法》《广州市献血管理规定》（以下简称《规定》），制定本办法。

第二条 符合《规定》第二十六条、第二十七条和二十八条规定的，给予优待。

第三条 依照《中华人民共和国行政处罚法》（以下简称“处罚法”），违反处罚法第三条的，依照该法第四条处理。
""", title="广州市无偿献血激励与优待办法")
    refs = refs_of(doc)
    assert one(refs, "《广东省实施〈中华人民共和国献血法〉办法》").target_title == "广东省实施〈中华人民共和国献血法〉办法"
    alias = one(refs, "《规定》第二十六条")
    assert alias.target_title == "广州市献血管理规定" and alias.pinpoint == (Pin("article", 26),)
    assert [r.text for r in refs if r.node_id == "art_2__para_1"] == ["《规定》第二十六条", "第二十七条", "二十八条"]
    assert one(refs, "处罚法第三条").target_title == "中华人民共和国行政处罚法"
    assert one(refs, "该法第四条").target_title == "中华人民共和国行政处罚法"
    assert not any("以下简称" in r.text or r.text == "《规定》" for r in refs)  # the definition is not a citation


def test_law_short_names_resolve_to_the_full_title(tmp_path: Path) -> None:
    criminal = law(tmp_path, "## 第一编 总则\n\n第一条 甲。\n\n第二条 乙。\n\n## 第二编 分则\n\n### 第八章 贪污贿赂罪\n\n"
                   "第三条 丙。\n\n第四条 丁。", title="中华人民共和国刑法", name="xf")
    doc = law(tmp_path, "第一条 应当依照刑法第三条的规定，以及刑法分则第八章定罪。",
              title="最高人民法院关于办理贪污案件的解释")
    refs = refs_of(doc, LibraryIndex.from_documents([doc, criminal]))
    r = one(refs, "刑法第三条")
    assert (r.kind, r.target_title, r.target_doc_id, r.target_node_id) == (EXTERNAL, "刑法", criminal.id, "art_3")
    assert one(refs, "刑法分则第八章").target_node_id == "part_2__ch_8"


def test_doc_numbers_orders_and_own_numbers() -> None:
    docs = parse_seed("003") + parse_seed("004")
    measures = by_title(docs, "村镇工业集聚区")
    numbers = [r for r in detect(measures) if r.kind == DOC_NUMBER]
    assert [r.text for r in numbers] == ["穗府办规〔2019〕9号"]
    assert all("穗府办规〔2022〕12号" not in r.text for r in detect(measures))  # its own number
    insurance = by_title(docs, "社会医疗保险规定")
    repeal = one(detect(insurance), "《广州市社会医疗保险办法》")
    assert (repeal.kind, repeal.target_doc_number) == (REPEAL, "广州市人民政府令第123号")


def test_repeal_and_issue(tmp_path: Path) -> None:
    doc = law(tmp_path, "第一条 本办法自2022年1月1日起施行，《广州市测绘管理办法》同时废止。\n\n第二条 市政府印发《广州市测绘规划》。")
    refs = detect(doc)
    assert one(refs, "《广州市测绘管理办法》").kind == REPEAL
    assert one(refs, "《广州市测绘规划》").kind == ISSUE


def test_own_title_in_front_matter_is_not_a_reference_but_an_earlier_version_repealed_is() -> None:
    docs = parse_seed("003") + parse_seed("004")
    survey = by_title(docs, "测绘地理信息管理办法")
    assert not [r for r in detect(survey) if r.node_id is None]  # 《广州市测绘地理信息管理办法》已经…通过
    experts = by_title(docs, "物业管理专家管理办法")
    old = [r for r in detect(experts) if r.kind == REPEAL]
    assert len(old) == 1 and old[0].target_doc_number == "穗建规字〔2020〕20号"


def test_front_matter_references_have_no_node() -> None:
    blood = by_title(parse_seed("004"), "献血激励")
    front = [r for r in detect(blood) if r.node_id is None]
    assert [r.text for r in front] == ["《广州市献血管理规定》"]
    assert blood.front_matter[front[0].start:front[0].end] == "《广州市献血管理规定》"


def test_offsets_point_at_the_words() -> None:
    docs = parse_seed("003") + parse_seed("004")
    for doc in docs:
        texts = {n.id: n.text for n in doc.walk()}
        for r in detect(doc):
            text = doc.front_matter if r.node_id is None else texts[r.node_id]
            assert text[r.start:r.end] == r.text


def test_seed_measures_cite_their_own_articles_paragraphs() -> None:
    survey = by_title(parse_seed("003"), "测绘地理信息管理办法")
    refs = refs_of(survey)
    assert one(refs, "本办法第十六条第一款").target_node_id == "art_16__para_1"
    assert one(refs, "本办法第二十二条第二款").target_node_id == "art_22__para_2"


def test_seed_alias_pinpoints_item_of_an_external_measure() -> None:
    rules = by_title(parse_seed("004"), "入户管理办法实施细则")
    refs = detect(rules)
    r = one(refs, "《办法》第五条第（九）项")
    assert r.target_doc_number == "穗府办规〔2020〕10号" and r.pinpoint == (Pin("article", 5), Pin("item", 9))
    assert [x.text for x in refs if x.node_id == "art_17__para_1"] == ["《办法》第五条第（二）", "（三）", "（四）项"]


def test_notice_without_articles_is_cited_by_its_outline() -> None:
    notice = by_title(parse_seed("004"), "困难群众消费性减免")
    r = one(refs_of(notice), "本通知第一条第（一）至第（八）项")
    assert r.target_node_ids == tuple(f"l1_1__l2_{k}" for k in range(1, 9))


def test_attachments() -> None:
    plan = by_title(parse_seed("003"), "对口帮扶梅州市")
    atts = [r for r in refs_of(plan) if r.kind == ATTACHMENT]
    assert [r.target_node_id for r in atts] == ["att_1", "att_2"]
    seed0 = parse_seed("000")[0]
    see = [r for r in refs_of(seed0) if r.kind == ATTACHMENT]
    assert len(see) == 1 and see[0].text == "附件" and not see[0].resolved  # the extract lost its attachment


# ---- the library: titles, numbers, versions --------------------------------------------------

def test_inexact_title_resolves_above_the_threshold_and_is_marked() -> None:
    seeds = parse_seed("000") + parse_seed("001")
    library = LibraryIndex.from_documents(seeds)
    r = next(r for r in refs_of(seeds[0], library) if r.kind == EXTERNAL)
    assert r.target_title == "国家城乡融合发展试验区广清接合片区实施方案"
    assert r.resolved and not r.exact and r.target_doc_id == seeds[1].id


def test_inexact_matching_refuses_different_documents() -> None:
    key = identity_key
    assert inexact_score(key("国家城乡融合发展试验区广清接合片区实施方案"), key("国家城乡融合发展试验区广东广清接合片区实施方案")) > 0.92
    assert inexact_score(key("广州市测绘管理办法"), key("广州市测绘地理信息管理办法")) == 0.0  # the repealed one
    assert inexact_score(key("中华人民共和国刑法修正案（八）"), key("中华人民共和国刑法修正案（九）")) == 0.0
    assert inexact_score(key("中华人民共和国专利法"), key("中华人民共和国专利法实施细则")) == 0.0
    assert inexact_score(key("国务院关于职工工作时间的规定"), key("国务院关于职工工作时间的补充规定")) == 0.0


def test_title_variants_doc_numbers_and_notices() -> None:
    index = LibraryIndex([("d1", "中华人民共和国刑法", None, None), ("d2", "广州市引进人才入户管理办法", "穗府办规〔2020〕10号", None),
                          ("d3", "中华人民共和国民法典·总则", None, None), ("d4", "中华人民共和国民法典·物权编", None, None)])
    assert index.find("刑法").doc_ids == ("d1",)
    assert index.find("《中华人民共和国 刑法》").doc_ids == ("d1",)
    assert index.find("广州市人民政府办公厅关于印发广州市引进人才入户管理办法的通知").doc_ids == ("d2",)
    assert index.find(None, "穗府办规[2020]10号").doc_ids == ("d2",)
    assert index.find("广州市引进人才入户管理办法", "穗府办规〔2019〕9号") is None  # another version
    assert set(index.find("民法典").doc_ids) == {"d3", "d4"}


def test_versions_and_later_versions(tmp_path: Path) -> None:
    old = law(tmp_path, "第一条 旧甲。\n\n第二条 旧乙。", title="中华人民共和国示例法", history="2000年1月1日 通过", name="o")
    new = law(tmp_path, "第一条 新甲。\n\n第二条 新乙。\n\n第三条 新丙所称合格评定，是指认证。",
              title="中华人民共和国示例法", history="2000年1月1日 通过\n\n2020年1月1日 修订", name="n")
    assert old.id != new.id
    early = law(tmp_path, "第一条 依照示例法第二条处理。", title="示例法实施细则", history="2010年1月1日 公布", name="e")
    late = law(tmp_path, "第一条 依照示例法第二条处理。", title="示例法实施办法", history="2021年1月1日 公布", name="l")
    index = LibraryIndex.from_documents([old, new, early, late])
    assert one(refs_of(early, index), "示例法第二条").target_doc_id == old.id  # the version it knew
    assert one(refs_of(late, index), "示例法第二条").target_doc_id == new.id

    index = LibraryIndex.from_documents([new, early])  # only a later version than the citing one
    r = one(refs_of(early, index), "示例法第二条")
    assert not r.resolved and r.nearest_node_id == "art_2" and "later version" in r.note
    checked = law(tmp_path, "第一条 示例法第三条所称合格评定，依照本细则执行。", title="示例法细则",
                  history="2010年1月1日 公布", name="c")
    r = one(refs_of(checked, LibraryIndex.from_documents([new, checked])), "示例法第三条")
    assert r.resolved and not r.exact  # the words cited are in that article: linked, marked inexact


def test_library_from_node_ids_only_and_json_round_trip(tmp_path: Path) -> None:
    target = law(tmp_path, "第一条 甲。\n\n乙。", title="中华人民共和国测绘法", name="t")
    doc = law(tmp_path, "第一条 依照《中华人民共和国测绘法》第一条第二款执行。", title="测绘办法")
    ids = [n.id for n in target.walk()]
    index = LibraryIndex([(target.id, target.title, None, date(2020, 1, 1))], nodes=lambda d: ids if d == target.id else None)
    detected = detect(doc)
    [r] = resolve(detected, doc, index)
    assert r.target_node_id == "art_1__para_2"
    again = Ref.from_json(detected[0].to_json())
    assert again == detected[0]
    data = r.to_json()
    assert {"node_id", "start", "end", "text", "target_doc_id", "target_node_id", "target_title", "resolved",
            "exact"} <= set(data)
    # resolve leaves its input alone, so stored refs can be resolved again when targets arrive
    assert detected[0].target_node_id is None


def test_unresolved_external_resolves_when_the_target_arrives(tmp_path: Path) -> None:
    doc = law(tmp_path, "第一条 依照《中华人民共和国测绘法》第一条执行。", title="测绘办法")
    detected = detect(doc)
    index = LibraryIndex.from_documents([doc])
    assert not resolve(detected, doc, index)[0].resolved
    target = law(tmp_path, "第一条 甲。", title="中华人民共和国测绘法", name="t")
    index = LibraryIndex.from_documents([doc, target])
    assert resolve(detected, doc, index)[0].target_node_id == "art_1"


# ---- amendments and volumes -------------------------------------------------------------------

def test_amendment_pinpoints_name_the_amended_law(tmp_path: Path) -> None:
    criminal = law(tmp_path, "第一条 甲。\n\n第二条 乙。\n\n丙。\n\n第二条之一 丁。", title="中华人民共和国刑法", name="xf")
    amendment = law(tmp_path, """
一、将刑法第二条修改为：“违反规定的，处罚。”

增加一款作为第二款：“犯前款罪的，从重处罚。”

二、将第一条修改为：“甲。”
""", title="中华人民共和国刑法修正案（九十九）", history="2009年1月1日 通过", name="a")
    refs = refs_of(amendment, LibraryIndex.from_documents([criminal, amendment]))
    assert one(refs, "第二款").target_node_id == "art_2__para_2"
    assert one(refs, "前款").target_node_id == "art_2__para_1"  # inside the new wording: of the amended article
    assert one(refs, "第一条").target_doc_id == criminal.id  # bare 第X条 of an amendment: the amended law


def test_volume_in_parts_finds_the_part_with_the_article(tmp_path: Path) -> None:
    general = law(tmp_path, "第一条 甲。", title="中华人民共和国民法典·总则", name="g")
    property_ = law(tmp_path, "第二百零五条 乙。\n\n第二百零六条 依照本法第一条处理。", title="中华人民共和国民法典·物权编", name="p")
    doc = law(tmp_path, "第一条 依照民法典第二百零五条处理。", title="最高人民法院关于物权的解释")
    index = LibraryIndex.from_documents([general, property_, doc])
    assert one(refs_of(doc, index), "民法典第二百零五条").target_doc_id == property_.id
    internal = one(refs_of(property_, index), "本法第一条")
    assert (internal.kind, internal.target_doc_id, internal.target_node_id) == (INTERNAL, general.id, "art_1")


@pytest.mark.parametrize("text", ["第十条规定的", "第十条第一款规定", "违反第十条"])
def test_bare_article_citing_forms(tmp_path: Path, text: str) -> None:
    doc = law(tmp_path, f"第一条 {text}，处罚。\n\n" + "\n\n".join(f"第{n}条 甲。" for n in "二三四五六七八九十"))
    [r] = refs_of(doc)
    assert r.kind == INTERNAL and r.target_node_id.startswith("art_10")
