"""compare(): article-aligned 对照 of two versions, on real amendment pairs and built cases."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.model import Document, Node, NodeKind
from reader.core.numerals import int_to_cn
from reader.core.pipeline import parse_file
from reader.core.versions import STATUSES, compare
from reader.core.versions_diff import text_diff

SENTENCES = [
    "国家鼓励和支持科学技术研究开发，推动科学技术成果转化。",
    "县级以上人民政府应当将本行政区域的环境保护工作纳入国民经济和社会发展规划。",
    "任何单位和个人不得非法收集、使用、加工、传输他人个人信息。",
    "违反本法规定，构成犯罪的，依法追究刑事责任。",
    "公司应当依法建立健全财务、会计制度，接受社会监督。",
    "有关部门应当在收到申请之日起二十日内作出决定，并书面通知申请人。",
    "本法自公布之日起施行。",
    "监督检查人员执行职务时，应当出示执法证件，遵守保密规定。",
    "用人单位应当保障劳动者的休息休假权利，不得强迫劳动者加班。",
    "省、自治区、直辖市人民代表大会常务委员会可以根据本地区实际情况制定实施办法。",
    "医疗机构应当按照规定报告传染病疫情，不得隐瞒、谎报、缓报。",
    "学校应当加强安全管理，定期开展应急演练，保障学生人身安全。",
]


def law(*articles: list[str], title: str = "测试法") -> Document:
    """A law whose articles hold the given 款, numbered in order."""
    nodes = []
    for n, paras in enumerate(articles, 1):
        label = f"第{int_to_cn(n)}条"
        nodes.append(Node(f"art_{n}", NodeKind.ARTICLE, label, n, "", label, [
            Node(f"art_{n}__para_{k}", NodeKind.PARAGRAPH, "", k, "", text) for k, text in enumerate(paras, 1)]))
    return Document(title=title, nodes=nodes)


def corpus(shared, name: str) -> Document:
    return parse_file(shared / "corpus" / "laws" / name)[0]


def by_old(cmp) -> dict[str, object]:
    return {p.old.label: p for p in cmp.units if p.old}


def covers_each_unit_once(cmp, old: Document, new: Document) -> None:
    """Each article is in exactly one pair, or in every pair of its one split/merged group."""
    for side, doc, grouped in (("old", old, "split"), ("new", new, "merged")):
        seen = Counter(getattr(p, side).node_id for p in cmp.units if getattr(p, side))
        ids = [n.id for n in doc.walk() if n.kind is NodeKind.ARTICLE]
        assert sorted(seen) == sorted(ids)
        for p in cmp.units:
            ref = getattr(p, side)
            if ref and seen[ref.node_id] > 1:
                assert p.status == grouped, (side, ref, p.status)


# --- synthetic cases ---------------------------------------------------------------------

def test_unchanged_document_is_all_same() -> None:
    doc = law(*[[s] for s in SENTENCES[:6]])
    cmp = compare(doc, doc)
    assert {p.status for p in cmp.pairs} == {"same"}
    assert all(p.similarity == 1.0 for p in cmp.pairs)
    assert cmp.summary()["same"] == 6


def test_inserted_article_renumbers_the_rest_as_moved() -> None:
    old = law(*[[s] for s in SENTENCES[:6]])
    new = law(*[[s] for s in SENTENCES[:2]], [SENTENCES[8]], *[[s] for s in SENTENCES[2:6]])
    cmp = compare(old, new)
    assert [p.status for p in cmp.units] == ["same", "same", "added", "moved", "moved", "moved", "moved"]
    moved = [p for p in cmp.units if p.status == "moved"]
    assert all(p.similarity == 1.0 for p in moved)
    assert [(p.old.label, p.new.label) for p in moved][0] == ("第三条", "第四条")


def test_split_article_is_recognised() -> None:
    old = law([SENTENCES[0]], [SENTENCES[1], SENTENCES[2], SENTENCES[3]], [SENTENCES[4]])
    new = law([SENTENCES[0]], [SENTENCES[1]], [SENTENCES[2], SENTENCES[3]], [SENTENCES[4]])
    cmp = compare(old, new)
    split = [p for p in cmp.units if p.status == "split"]
    assert [(p.old.label, p.new.label) for p in split] == [("第二条", "第二条"), ("第二条", "第三条")]
    # each part carries the 款 that went into it
    assert [[d.new for d in p.paragraphs] for p in split] == [["art_2__para_1"], ["art_3__para_1", "art_3__para_2"]]
    covers_each_unit_once(cmp, old, new)


def test_merged_articles_are_recognised() -> None:
    old = law([SENTENCES[0]], [SENTENCES[1], SENTENCES[9]], [SENTENCES[2], SENTENCES[10]], [SENTENCES[4]])
    new = law([SENTENCES[0]], [SENTENCES[1], SENTENCES[9], SENTENCES[2], SENTENCES[10]], [SENTENCES[4]])
    cmp = compare(old, new)
    merged = [p for p in cmp.units if p.status == "merged"]
    assert [(p.old.label, p.new.label) for p in merged] == [("第二条", "第二条"), ("第三条", "第二条")]
    assert by_old(cmp)["第四条"].status == "moved"
    covers_each_unit_once(cmp, old, new)


def test_deleted_and_changed_paragraphs_are_aligned() -> None:
    old = law([SENTENCES[0]], [SENTENCES[1], SENTENCES[2], SENTENCES[3]])
    changed = SENTENCES[3].replace("依法追究刑事责任", "依法从重追究刑事责任")
    new = law([SENTENCES[0]], [SENTENCES[1], changed])
    pair = by_old(compare(old, new))["第二条"]
    assert pair.status == "changed"
    assert [(d.old, d.new) for d in pair.paragraphs] == [
        ("art_2__para_1", "art_2__para_1"), ("art_2__para_2", None), ("art_2__para_3", "art_2__para_2")]
    assert pair.paragraphs[1].segments == [("delete", SENTENCES[2])]
    assert ("insert", "从重") in pair.paragraphs[2].segments


def test_article_moved_out_of_order_is_paired() -> None:
    old = law(*[[s] for s in SENTENCES[:6]])
    new = law(*[[s] for s in [SENTENCES[0], SENTENCES[4], SENTENCES[1], SENTENCES[2], SENTENCES[3], SENTENCES[5]]])
    cmp = compare(old, new)
    assert by_old(cmp)["第五条"].new.label == "第二条"
    assert not [p for p in cmp.units if p.status in ("added", "removed")]


def test_text_diff_reads_as_phrases() -> None:
    segs = text_diff("公司股东应当遵守法律、行政法规和公司章程。", "公司股东应当遵守法律、行政法规、国家统一的会计制度和公司章程。")
    assert "".join(t for op, t in segs if op != "insert") == "公司股东应当遵守法律、行政法规和公司章程。"
    assert "".join(t for op, t in segs if op != "delete") == "公司股东应当遵守法律、行政法规、国家统一的会计制度和公司章程。"
    assert len(segs) <= 5


def test_json_shape() -> None:
    old = law([SENTENCES[0]], [SENTENCES[1]])
    new = law([SENTENCES[0]], [SENTENCES[1] + "另有规定的除外。"], [SENTENCES[5]])
    data = compare(old, new).to_json()
    assert all(set(p) == {"old", "new", "status", "similarity", "paragraphs"} for p in data["pairs"])
    assert data["pairs"][2]["old"] is None and data["pairs"][2]["new"] == {"node_id": "art_3", "label": "第三条"}
    assert data["summary"]["added"] == 1 and data["summary"]["changed"] == 1


# --- property tests ----------------------------------------------------------------------

# real sentences, and near-duplicates from a few characters (the worst case for pairing)
paragraph = st.one_of(st.sampled_from(SENTENCES), st.text(alphabet="公司股东会法律应当依规定的，。", max_size=40))
articles = st.lists(st.lists(paragraph, max_size=3), max_size=12)


@settings(max_examples=60, deadline=None)
@given(articles)
def test_document_compared_with_itself_is_all_same(arts) -> None:
    doc = law(*arts)
    cmp = compare(doc, doc)
    assert {p.status for p in cmp.pairs} <= {"same"}
    assert len(cmp.units) == len(arts)


@settings(max_examples=80, deadline=None)
@given(articles, articles)
def test_every_article_is_in_exactly_one_pair(a, b) -> None:
    old, new = law(*a), law(*b)
    cmp = compare(old, new)
    assert all(p.status in STATUSES and 0.0 <= p.similarity <= 1.0 for p in cmp.pairs)
    covers_each_unit_once(cmp, old, new)


# --- real amendment pairs ----------------------------------------------------------------

@pytest.fixture(scope="module")
def company_law(shared_dir):
    old, new = corpus(shared_dir, "民法商法/公司法(2018-10-26).md"), corpus(shared_dir, "民法商法/公司法(2023-12-29).md")
    return old, new, compare(old, new)


@pytest.mark.parametrize("old_label, new_label", [
    ("第七十一条", "第八十四条"),  # 股权转让
    ("第一百五十一条", "第一百八十九条"),  # 股东代表诉讼
    ("第一百六十六条", "第二百一十条"),  # 法定公积金
    ("第二十条", "第二十一条"),  # 股东不得滥用权利
    ("第四十六条", "第六十七条"),  # 董事会职权
])
def test_company_law_renumbered_articles_are_moved(company_law, old_label, new_label) -> None:
    pair = by_old(company_law[2])[old_label]
    assert (pair.status, pair.new.label) == ("moved", new_label)


def test_company_law_is_mostly_moved_not_removed_and_added(company_law) -> None:
    old, new, cmp = company_law
    s = cmp.summary()
    covers_each_unit_once(cmp, old, new)
    assert s["moved"] > 150
    assert s["removed"] < 45  # 2023 dropped the 一人公司 section and the 核准 articles
    assert s["headings"]["same"] + s["headings"]["moved"] >= 18


def test_accounting_law(shared_dir) -> None:
    old, new = corpus(shared_dir, "经济法/会计法(2017-11-04).md"), corpus(shared_dir, "经济法/会计法(2024-06-28).md")
    cmp = compare(old, new)
    covers_each_unit_once(cmp, old, new)
    pairs = by_old(cmp)
    assert pairs["第一条"].status == "same"
    # 2024 put a 款 before 第二条's only one: an inserted 款, the old one unchanged
    assert [d.segments[0][0] for d in pairs["第二条"].paragraphs] == ["insert", "equal"]
    # 2024 dropped 第三章 (公司、企业会计核算的特别规定) 第二十四、二十五条: the rest moved up by two
    assert (pairs["第二十四条"].status, pairs["第二十五条"].status) == ("removed", "removed")
    assert (pairs["第二十六条"].status, pairs["第二十六条"].new.label) == ("moved", "第二十四条")
    assert (pairs["第二十八条"].new.label, pairs["第二十八条"].similarity) == ("第二十六条", 1.0)
    s = cmp.summary()
    assert s["removed"] <= 5 and s["moved"] >= 20


# --- outline documents -------------------------------------------------------------------

PLAN = """广州市测试工作方案

为推进测试工作，制定本方案。

一、总体要求

（一）指导思想。坚持问题导向，推动工作落实。

（二）工作目标。到2025年，基本建成测试体系。

二、主要任务

{tasks}
三、保障措施

（一）加强资金保障。市财政安排专项资金支持测试工作。
"""
TASKS = ["加强组织领导。各区要成立工作专班，明确责任分工。", "完善工作机制。建立定期会商制度，及时研究解决问题。",
         "强化督查考核。将工作纳入年度考核，定期通报进展。"]


def plan(tmp_path, name: str, tasks: list[str]) -> Document:
    body = "".join(f"（{int_to_cn(k)}）{t}\n\n" for k, t in enumerate(tasks, 1))
    path = tmp_path / name
    path.write_text(PLAN.format(tasks=body), encoding="utf-8")
    return parse_file(path)[0]


def test_outline_units_are_the_smallest_numbered_ones(tmp_path) -> None:
    old = plan(tmp_path, "old.txt", TASKS)
    new = plan(tmp_path, "new.txt", ["深化改革创新。推进审批制度改革，优化营商环境。", *TASKS])
    cmp = compare(old, new)
    rows = [(p.old and p.old.label, p.new and p.new.label, p.status) for p in cmp.units]
    assert rows == [
        ("序言", "序言", "same"), ("一、（一）", "一、（一）", "same"), ("一、（二）", "一、（二）", "same"),
        (None, "二、（一）", "added"), ("二、（一）", "二、（二）", "moved"), ("二、（二）", "二、（三）", "moved"),
        ("二、（三）", "二、（四）", "moved"), ("三、（一）", "三、（一）", "same")]
    # the 一、二、三、 parents are headings, paired as the 章 of a law are
    assert [(p.old.label, p.status) for p in cmp.headings] == [("一、", "same"), ("二、", "same"), ("三、", "same")]


def test_renamed_law_still_pairs_its_surviving_articles(shared_dir) -> None:
    old = corpus(shared_dir, "行政法/环境噪声污染防治法(2018-12-29).md")
    new = corpus(shared_dir, "行政法/噪声污染防治法(2021-12-24).md")
    cmp = compare(old, new)
    covers_each_unit_once(cmp, old, new)
    pairs = by_old(cmp)
    assert (pairs["第二十七条"].status, pairs["第二十七条"].new.label, pairs["第二十七条"].similarity) == (
        "moved", "第三十九条", 1.0)
    assert pairs["第二十二条"].new.label == "第三十四条"  # 建设项目噪声 … rewritten, moved by twelve
    # chapters renumbered after the new 第二章 噪声污染防治标准和规划 are moved, not removed + added
    assert [p.new.label for p in cmp.headings if p.old and p.old.label == "第二章"] == ["第三章"]
