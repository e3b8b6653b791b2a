"""The annotated brief, read back with python-docx: comments on exactly the annotated words,
highlights, bookmarks and hyperlinks, fonts, cover, contents, footer, appendix."""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from docx.oxml.ns import qn

from reader.core.model import HEADING_KINDS, NodeKind
from reader.export import (
    BriefDocument, BriefLink, BriefOptions, BriefRequest, BriefLinkEnd, Scope, export_brief,
)
from reader.export.ooxml import bookmark_name, nearest_highlight
from tests.export_helpers import (
    all_text, body, bookmarks, comment_anchors, comment_references, highlighted, hyperlinks, open_docx,
    paragraphs_text, ref, span, whole,
)
from tests.seeds import parse_seed

TITLE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


@pytest.fixture(scope="module")
def seed3():
    return parse_seed("003")


@pytest.fixture(scope="module")
def reg(seed3):
    return seed3[0]  # 广州市测绘地理信息管理办法 (chapters, articles, paragraphs, items)


@pytest.fixture(scope="module")
def plan_doc(seed3):
    return seed3[2]  # 行动计划 (outline numbering 一、（一）1.)


def _annotations(reg):
    return [
        span(reg, "art_1__para_1", "加强测绘地理信息管理", 1, note="依据是否充分？", colour="#E57373",
             category="风险", tags=("合规", "待核实")),
        # overlapping the first one
        span(reg, "art_1__para_1", "信息管理，推动", 2, note="与第一条的重叠批注", colour="#64B5F6",
             category="疑问", author="Li Ming", created=datetime(2024, 6, 2, 8, 15, 0)),
        # a highlight without a note: no comment
        span(reg, "art_2__para_1", "遵守本办法", 3, colour="#FFD54F"),
        # on the article label itself
        span(reg, "art_4", "第四条", 4, note="标签上的批注", colour="#BA68C8"),
        whole("art_3", 5, note="第三条整条意见"),
        # spans across a reference (本办法第十六条第一款)
        span(reg, "art_43__para_1__item_1", "违反本办法第十六", 6, note="跨越引用的批注"),
    ]


def _refs(reg):
    return [ref(reg, f"art_43__para_1__item_{i}", words, reg.id, target)
            for i, words, target in ((1, "本办法第十六条第一款", "art_16__para_1"),
                                     (2, "本办法第十七条第一款", "art_17__para_1"))]


@pytest.fixture(scope="module")
def full_brief(tmp_path_factory, reg, plan_doc):
    out = tmp_path_factory.mktemp("brief") / "brief.docx"
    link = BriefLink(BriefLinkEnd(reg.id, "art_2", "在本市"), BriefLinkEnd(plan_doc.id, "l1_1__l2_1"), "依据", "注意衔接",
                     author="王五")
    request = BriefRequest(
        [BriefDocument(reg, _annotations(reg), _refs(reg)), BriefDocument(plan_doc)], [link],
        title="测绘办法审阅简报", author="张三", date=datetime(2024, 7, 1).date(),
        options=BriefOptions(review_paragraphs=True))
    result = export_brief(request, out)
    return out, result, open_docx(out)


def test_one_comment_per_note_anchored_on_exactly_the_annotated_words(full_brief, reg):
    _, result, d = full_brief
    notes = [a for a in _annotations(reg) if a.note]
    comments = list(d.comments)
    assert len(comments) == len(notes) == result.comments
    anchors = comment_anchors(d)
    assert sorted(anchors) == sorted(c.comment_id for c in comments) == sorted(comment_references(d))
    by_text = {c.text.splitlines()[0]: c for c in comments}
    for ann in notes:
        c = by_text[ann.note]
        if ann.whole_node:
            continue
        assert anchors[c.comment_id] == ann.quote, ann.note


def test_comment_author_initials_date_tags_preserved(full_brief):
    _, _, d = full_brief
    by_text = {c.text.splitlines()[0]: c for c in d.comments}
    c = by_text["依据是否充分？"]
    assert (c.author, c.initials) == ("张三", "张三")
    assert c.timestamp.replace(tzinfo=None) == datetime(2024, 5, 1, 10, 30, 0)
    assert "标签：合规、待核实" in c.text and "类别：风险" in c.text
    c = by_text["与第一条的重叠批注"]
    assert (c.author, c.initials) == ("Li Ming", "LM")
    assert c.timestamp.replace(tzinfo=None) == datetime(2024, 6, 2, 8, 15, 0)


def test_whole_clause_note_covers_the_whole_article(full_brief, reg):
    _, _, d = full_brief
    c = next(c for c in d.comments if c.text.startswith("第三条整条意见"))
    anchored = comment_anchors(d)[c.comment_id]
    art = reg.find("art_3")
    assert anchored.startswith("第三条")
    for para in art.children:
        assert para.text in anchored
    assert anchored.endswith(art.children[-1].text)


def test_highlights_in_the_nearest_word_colour(full_brief):
    _, result, d = full_brief
    hl = highlighted(d)
    assert "加强测绘地理" in hl["red"]  # #E57373 (a pastel red)
    assert "信息管理，推动" in hl["cyan"]  # #64B5F6, on top where the two overlap
    assert "遵守本办法" in hl["yellow"]
    assert "第四条" in hl["magenta"]
    assert "第三条" in hl["green"]  # a whole-clause note marks the article label
    assert result.highlights == 6


@pytest.mark.parametrize("colour, word", [
    ("#FFFF00", "yellow"), ("#FFD54F", "yellow"), ("#FFB74D", "yellow"), ("#81C784", "green"),
    ("#00FFFF", "cyan"), ("#64B5F6", "cyan"), ("#FF0000", "red"), ("#BA68C8", "magenta"),
    ("#0000FF", "blue"), ("#1B5E20", "darkGreen"), ("#000080", "darkBlue"), ("#C0C0C0", "lightGray"),
    ("#404040", "darkGray"), ("not a colour", "yellow"), ("", "yellow"), ("#abc", "lightGray"),
    ("#9b7ed9", "magenta"), ("#90A4F9", "cyan"),  # pastels: never Word's dark blue
])
def test_nearest_highlight(colour, word):
    assert nearest_highlight(colour) == word


def test_articles_bookmarked_and_references_hyperlinked(full_brief, reg):
    _, result, d = full_brief
    marks = bookmarks(d)
    assert all(TITLE_RE.match(name) for name in marks)
    assert len(set(marks.values())) == len(marks)
    for node in reg.walk():
        if node.kind is NodeKind.ARTICLE:
            assert bookmark_name(reg.id, node.id) in marks, node.id
    links = dict(hyperlinks(d))
    target = bookmark_name(reg.id, "art_16__para_1")
    assert target in marks and links[target] == "本办法第十六条第一款"
    assert links[bookmark_name(reg.id, "art_17__para_1")] == "本办法第十七条第一款"
    assert all(anchor in marks or anchor == "appendix_links" for anchor, _ in hyperlinks(d))
    assert result.hyperlinks >= 2 and result.citations == 0


def test_comment_across_a_hyperlink_keeps_its_exact_words(full_brief):
    _, _, d = full_brief
    c = next(c for c in d.comments if c.text.startswith("跨越引用的批注"))
    assert comment_anchors(d)[c.comment_id] == "违反本办法第十六"


def test_bookmark_names_are_short_unique_and_stable():
    long_node = "art_117__para_12__item_13__sub_4__extra_long_tail"
    a = bookmark_name("doc_32f89f8e73e8", long_node)
    b = bookmark_name("doc_32f89f8e73e8", long_node + "x")
    assert TITLE_RE.match(a) and TITLE_RE.match(b) and a != b
    assert a == bookmark_name("doc_32f89f8e73e8", long_node)
    assert bookmark_name("doc_32f89f8e73e8", "art_1") == "d32f89f8e73e8_art_1"
    assert TITLE_RE.match(bookmark_name("文件-1", "节点 2"))


def test_east_asian_fonts_on_styles_and_runs(full_brief):
    path, _, d = full_brief
    styles = d.styles.element
    default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert default.get(qn("w:eastAsia")) == "仿宋_GB2312" and default.get(qn("w:eastAsiaTheme")) is None
    fonts = {}
    for sid in ("Normal", "Title", "Heading1", "Heading2", "Heading3", "RRBody", "RRReview"):
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{sid}']")
        rf = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert rf.get(qn("w:asciiTheme")) is None, sid
        fonts[sid] = rf.get(qn("w:eastAsia"))
    assert fonts["Normal"] == "仿宋_GB2312" and fonts["Title"] == "方正小标宋简体"
    assert fonts["Heading2"] == "黑体" and fonts["Heading3"] == "楷体_GB2312"
    runs = [r for r in body(d).iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    missing = [r for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") is None
               or not r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia"))]
    assert runs and not missing
    sizes = {s.get(qn("w:styleId")): s.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val"))
             for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) in ("Normal", "Heading1")}
    assert sizes == {"Normal": "32", "Heading1": "44"}  # 三号 16 pt, 二号 22 pt
    labels = [r for r in runs if "".join(t.text for t in r.iter(qn("w:t"))) == "第一条"]
    assert labels[0].find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) == "黑体"
    # the fonts an ordinary Office lacks fall back through the font table
    from lxml import etree
    ft = next(r.target_part for r in d.part.rels.values() if r.reltype.endswith("/fontTable"))
    alt = {f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
           for f in etree.fromstring(ft.blob).findall(qn("w:font")) if f.find(qn("w:altName")) is not None}
    assert alt["仿宋_GB2312"].startswith("仿宋") and alt["方正小标宋简体"].startswith("宋体")


def test_cover_lists_the_documents_with_their_metadata(full_brief, reg, plan_doc):
    _, _, d = full_brief
    paras = paragraphs_text(d)
    assert "测绘办法审阅简报" in paras[:8]
    assert "审阅人：张三" in paras and "日期：2024年7月1日" in paras
    cover = d.tables[0]
    header = [c.text for c in cover.rows[0].cells]
    assert header == ["序号", "文件名称", "文号", "制定机关", "施行日期"]
    row = [c.text for c in cover.rows[1].cells]
    assert row == ["1", reg.title, "广州市人民政府令第190号", "广州市人民政府", "2022年10月1日"]
    assert [c.text for c in cover.rows[2].cells][1:3] == [plan_doc.title, plan_doc.doc_number]
    # the metadata line under each document title
    ps = d.paragraphs
    i = next(i for i, p in enumerate(ps) if p.text == reg.title and p.style.style_id == "Heading1")
    assert ps[i + 1].style.style_id == "RRMeta"
    assert ps[i + 1].text.startswith("广州市人民政府令第190号　广州市人民政府") and "2022年10月1日施行" in ps[i + 1].text


def test_toc_field_with_update_fields(full_brief, reg):
    _, _, d = full_brief
    instr = [t.text for t in body(d).iter(qn("w:instrText"))]
    assert any(i.strip() == 'TOC \\o "1-3" \\h \\z \\u' for i in instr)
    upd = d.settings.element.find(qn("w:updateFields"))
    assert upd is not None and upd.get(qn("w:val")) == "true"
    toc = [p for p in body(d).iter(qn("w:p"))
           if (s := p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) is not None and s.get(qn("w:val")).startswith("TOC")]
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in toc]
    assert reg.title in texts and "第一章 总则" in texts and "附录　关联关系" in texts
    marks = bookmarks(d)
    anchors = [h.get(qn("w:anchor")) for p in toc for h in p.iter(qn("w:hyperlink"))]
    assert anchors and all(a in marks for a in anchors)
    # the field is closed: as many ends as begins
    kinds = [f.get(qn("w:fldCharType")) for f in body(d).iter(qn("w:fldChar"))]
    assert kinds.count("begin") == kinds.count("end") == kinds.count("separate")


def test_footer_page_number_in_official_style(full_brief):
    _, _, d = full_brief
    cover, main = d.sections[0], d.sections[-1]
    assert len(d.sections) == 2
    footer = main.footer
    assert not footer.is_linked_to_previous
    fld = footer._element.find(f".//{qn('w:fldSimple')}")
    assert fld is not None and fld.get(qn("w:instr")).strip() == "PAGE"
    assert "".join(t.text for t in footer._element.iter(qn("w:t"))) == "— 1 —"
    assert main._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert cover._sectPr.find(qn("w:footerReference")) is None  # no number on the cover
    assert round(main.page_width.mm) == 210 and round(main.left_margin.mm) == 28


def test_review_paragraphs_with_tags_and_link_lines(full_brief):
    _, _, d = full_brief
    paras = paragraphs_text(d)
    review = [p for p in paras if p.startswith("审阅意见")]
    assert len(review) == 5
    assert any("“加强测绘地理信息管理”：依据是否充分？（标签：合规、待核实）——张三　2024年5月1日" in p for p in review)
    assert any(p.startswith("关联　〔依据〕→ 《广州市促进创新链产业链融合发展行动计划") for p in paras)
    # under its article: the 审阅意见 of 第一条 follows 第一条's paragraph
    i = next(i for i, p in enumerate(paras) if p.startswith("第一条"))
    assert paras[i + 1].startswith("审阅意见")


def test_links_appendix(full_brief, reg, plan_doc):
    _, result, d = full_brief
    table = d.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "出处", "关系", "指向", "说明"]
    row = [c.text for c in table.rows[1].cells]
    assert row[0] == "1" and row[1] == f"《{reg.title}》第二条\n“在本市”"
    assert row[2] == "依据" and row[3].startswith(f"《{plan_doc.title}》一（一）")
    assert row[4] == "注意衔接（王五）"
    anchors = [h.get(qn("w:anchor")) for h in table._tbl.iter(qn("w:hyperlink"))]
    assert anchors == [bookmark_name(reg.id, "art_2"), bookmark_name(plan_doc.id, "l1_1__l2_1")]
    assert result.links == 1


def test_headings_follow_the_hierarchy(full_brief, reg, plan_doc):
    _, _, d = full_brief
    styled: dict[str, set[str]] = {}
    for p in d.paragraphs:
        styled.setdefault(p.text, set()).add(p.style.style_id)
    assert "Heading1" in styled[reg.title] and "Heading1" in styled[plan_doc.title]
    for node in reg.walk():
        if node.kind in HEADING_KINDS:
            assert "Heading2" in styled[node.text], node.text
    assert "Heading2" in styled[plan_doc.find("l1_1").text]
    assert "Heading3" in styled[plan_doc.find("l1_1__l2_1").text]
    assert "Heading4" in styled[plan_doc.find("l1_2__l2_1__l3_1").text]


def test_full_text_holds_every_node_text(full_brief, reg):
    _, _, d = full_brief
    text = all_text(d)
    for node in reg.walk():
        assert node.text in text, node.id


def test_out_of_brief_reference_is_written_as_its_citation(tmp_path, reg, seed3):
    other = seed3[1]
    refs = _refs(reg) + [
        ref(reg, "art_43__para_1__item_3", "本办法第十七条第二款", reg.id, "art_17__para_2"),
        ref(reg, "art_1__para_1", "《中华人民共和国测绘法》", "doc_elsewhere", None, "《中华人民共和国测绘法》"),
        ref(reg, "art_2__para_1", "本市", other.id, "art_3", f"《{other.title}》第三条"),
    ]
    anns = [span(reg, "art_43__para_1__item_1", "违反", 1, note="只收这一条"),
            span(reg, "art_2__para_1", "在本市行政区域", 2, note="第二条的意见")]
    out = tmp_path / "annotated.docx"
    request = BriefRequest([BriefDocument(reg, anns, refs)], options=BriefOptions(scope=Scope.ANNOTATED))
    result = export_brief(request, out)
    d = open_docx(out)
    text = all_text(d)
    # targets in this document but not in this brief: the place (the title is implied)
    assert "本办法第十六条第一款［见第十六条" in text
    assert "本办法第十七条第一款［见第十七条" in text
    assert "本办法第十七条第二款［见第十七条第二款］" in text
    # a target in a document that is not exported: the full citation, after the comment range
    assert f"在本市行政区域［见《{other.title}》第三条］内" in text
    # a citation that says no more than the words: nothing added
    assert "［见《中华人民共和国测绘法》］" not in text
    assert result.citations == 4 and result.hyperlinks == 0
    assert not [h for h in hyperlinks(d) if h[1].startswith("本办法")]
    # the comment on 在本市行政区域 stays exactly on those words although a citation follows 本市
    c = next(c for c in d.comments if c.text.startswith("第二条的意见"))
    assert comment_anchors(d)[c.comment_id] == "在本市行政区域"
    assert "本市［见" not in comment_anchors(d)[c.comment_id]


def test_annotated_only_keeps_the_annotated_units_and_their_headings(tmp_path, reg):
    anns = [span(reg, "art_10__para_1", "基础测绘规划", 1, note="a"),
            whole("art_30__para_1", 2, note="b")]
    out = tmp_path / "only.docx"
    result = export_brief(BriefRequest([BriefDocument(reg, anns)], options=BriefOptions(scope=Scope.ANNOTATED)),
                          out)
    paras = paragraphs_text(open_docx(out))
    articles = [p for p in paras if re.match(r"^第[一二三四五六七八九十百]+条", p)]
    assert [a[:4] for a in articles] == ["第十条　", "第三十条"]
    chapter_10 = reg.find("art_10")
    assert any(p == "第三章 基础测绘和其他测绘" for p in paras), [p for p in paras if p.startswith("第")]
    assert reg.find("art_11").children[0].text not in "".join(paras)
    assert result.units == 2 and chapter_10 is not None
    assert len(open_docx(out).comments) == 2


def test_resolved_notes_can_be_left_out(tmp_path, reg):
    anns = [span(reg, "art_1__para_1", "推动测绘新技术应用", 1, note="已处理", status="resolved"),
            span(reg, "art_1__para_1", "维护地理信息安全", 2, note="还没处理")]
    out = tmp_path / "open-only.docx"
    opts = BriefOptions(include_resolved=False)
    export_brief(BriefRequest([BriefDocument(reg, anns)], options=opts), out)
    d = open_docx(out)
    assert [c.text.splitlines()[0] for c in d.comments] == ["还没处理"]
    assert "推动测绘新技术应用" not in "".join(highlighted(d).values())
    out2 = tmp_path / "all.docx"
    export_brief(BriefRequest([BriefDocument(reg, anns)]), out2)
    resolved = next(c for c in open_docx(out2).comments if c.text.startswith("已处理"))
    assert "状态：已解决" in resolved.text


def test_comments_off(tmp_path, reg):
    anns = [span(reg, "art_1__para_1", "推动测绘新技术应用", 1, note="意见")]
    out = tmp_path / "plain.docx"
    export_brief(BriefRequest([BriefDocument(reg, anns)], options=BriefOptions(comments=False)), out)
    d = open_docx(out)
    assert len(d.comments) == 0 and not comment_anchors(d)
    assert "推动测绘新技术应用" in highlighted(d)["yellow"]


def test_orphan_annotations_are_listed_after_the_document(tmp_path, reg):
    from reader.export import BriefAnnotation

    orphan = BriefAnnotation(9, "art_999", 0, 4, "已删条文", "疑问", "#64B5F6", "原条文已删除")
    nowhere = BriefAnnotation(10, None, 0, 2, "无处", note="没有节点")
    # its node is still there but the words are gone (the store's re-anchoring said so)
    lost = BriefAnnotation(11, "art_1__para_1", 0, 2, "旧词", note="原文已改", orphan=True)
    out = tmp_path / "orphans.docx"
    result = export_brief(BriefRequest([BriefDocument(reg, [orphan, nowhere, lost])]), out)
    d = open_docx(out)
    paras = paragraphs_text(d)
    i = paras.index("未能定位的批注")
    assert paras[i + 1].startswith("“已删条文”　原条文已删除") and paras[i + 2].startswith("“无处”")
    assert paras[i + 3].startswith("“旧词”　原文已改")
    anchors = comment_anchors(d)
    assert sorted(anchors.values()) == sorted(["“无处”", "“旧词”", "“已删条文”"])
    assert result.orphans == 3 and result.annotations == 0 and not highlighted(d).get("yellow", "").startswith("为了")


def test_offsets_that_drifted_are_placed_by_the_quote(tmp_path, reg):
    from reader.export import BriefAnnotation

    text = reg.find("art_1__para_1").text
    start = text.index("促进测绘地理信息事业发展")
    drifted = BriefAnnotation(1, "art_1__para_1", start + 3, start + 15, "促进测绘地理信息事业发展", note="漂移")
    out = tmp_path / "drift.docx"
    result = export_brief(BriefRequest([BriefDocument(reg, [drifted])]), out)
    d = open_docx(out)
    assert list(comment_anchors(d).values()) == ["促进测绘地理信息事业发展"]
    assert result.warnings and "重新定位" in result.warnings[0]


def test_replies_and_answered_status_go_into_the_note_comment(tmp_path, reg):
    from dataclasses import replace

    from reader.export.model import BriefReply

    noted = replace(span(reg, "art_1__para_1", "加强测绘地理信息管理", 1, note="依据是否充分？"),
                    status="answered",
                    replies=(BriefReply("已核对上位法", "李四", datetime(2024, 5, 2, 9, 0)),
                             BriefReply("同意\n无异议", "王五")))
    # a highlight with a reply only says something: it gets a comment too
    bare = replace(span(reg, "art_2__para_1", "遵守本办法", 2),
                   replies=(BriefReply("这里也要看", "赵六"),))
    out = tmp_path / "replies.docx"
    result = export_brief(BriefRequest([BriefDocument(reg, [noted, bare])],
                                       options=BriefOptions(review_paragraphs=True)), out)
    d = open_docx(out)
    by_first = {c.text.splitlines()[0]: c for c in d.comments}
    lines = by_first["依据是否充分？"].text.splitlines()
    assert lines[1:4] == ["回复（李四　2024年5月2日）：已核对上位法", "回复（王五）：同意", "无异议"]
    assert "状态：已答复" in lines[-1]
    assert comment_anchors(d)[by_first["依据是否充分？"].comment_id] == "加强测绘地理信息管理"
    assert by_first["回复（赵六）：这里也要看"].author == "张三"
    assert result.comments == 2
    paras = paragraphs_text(d)
    assert any(p.startswith("审阅意见") and p.endswith("（已答复）") for p in paras)
    assert "回复（李四　2024年5月2日）：已核对上位法" in paras


def test_replies_written_in_the_library_reach_the_brief(tmp_path):
    from reader.store.library import Library, Span
    from tests.conftest import REPO

    sample = REPO / "resources" / "samples" / "003_d2bd9f2bf5d49910.txt"
    out = tmp_path / "store.docx"
    with Library.open(tmp_path / "lib") as lib:
        assert not lib.import_files([sample]).failures
        doc = next(s.id for s in lib.documents() if "测绘地理信息管理办法" in s.title)
        ann = lib.annotations.add(doc, "art_17__para_2", Span(quote="不得让测绘单位低于测绘成本中标"),
                                  note="低价中标谁负责？", author="王律师")
        lib.annotations.reply(ann.id, "招标单位负责", author="李助理")
        gone = lib.annotations.reply(ann.id, "撤回的回复", author="李助理")
        lib.annotations.delete_reply(gone.id)
        lib.annotations.set_status(ann.id, "answered", author="李助理")
        lib.exports.brief(out)
    [c] = open_docx(out).comments
    lines = c.text.splitlines()
    assert lines[0] == "低价中标谁负责？" and lines[1].startswith("回复（李助理　") and lines[1].endswith("：招标单位负责")
    assert "撤回的回复" not in c.text and "状态：已答复" in lines[-1]
