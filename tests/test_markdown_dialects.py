"""Markdown as other editors write laws: setext headings, YAML front matter, VuePress
containers, inline HTML.  Real excerpts in tests/data/md (sources in its README), the
whole files in ../shared/realdocs/md; LawRefBook files are covered by test_importers and
test_corpus_roundtrip."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.importers import load
from reader.core.importers.markdown import parse_markdown
from reader.core.model import Document, NodeKind
from reader.core.pipeline import parse_file
from tests.corpus_tools import Score

DATA = Path(__file__).parent / "data" / "md"
NOT_BODY = ("目录", "[[toc]]", "@tab", ":::", "http", "读本", "(#t", "<", "&emsp;", "{align")


def kinds(doc: Document, kind: NodeKind) -> list:
    return [n for n in doc.walk() if n.kind is kind]


def paragraph_counts(doc: Document) -> str:
    return "".join(str(sum(c.kind is NodeKind.PARAGRAPH for c in a.children)) for a in kinds(doc, NodeKind.ARTICLE))


def only(name: str) -> Document:
    (doc,) = parse_file(DATA / name)
    return doc


def assert_clean_body(doc: Document) -> None:
    """No markup, navigation or table of contents left in any node, no empty chapter."""
    for node in doc.walk():
        assert not any(junk in node.text for junk in NOT_BODY), (node.id, node.text[:60])
    assert all(c.children for c in kinds(doc, NodeKind.CHAPTER) + kinds(doc, NodeKind.SECTION))


# ------------------------------------------------------------------ setext dialect


def test_setext_title_link_line_and_history() -> None:
    doc = only("setext_2021-行政处罚法_excerpt.md")
    assert doc.title == "中华人民共和国行政处罚法" and doc.kind == "法律"
    assert doc.issuer == "全国人民代表大会" and doc.issued == dt.date(1996, 3, 17)
    assert doc.front_matter.count("\n") == 1 and "2021年1月22日" in doc.front_matter
    assert_clean_body(doc)


def test_setext_chapters_sections_bullets_and_two_space_breaks() -> None:
    doc = only("setext_2021-行政处罚法_excerpt.md")
    assert [(c.label, c.heading) for c in kinds(doc, NodeKind.CHAPTER)] == [
        ("第一章", "总则"), ("第二章", "行政处罚的种类和设定"), ("第五章", "行政处罚的决定")]
    assert [s.heading for s in kinds(doc, NodeKind.SECTION)] == ["一般规定"]
    assert len(kinds(doc, NodeKind.ARTICLE)) == 14
    assert paragraph_counts(doc) == "11113122123113"
    items = doc.find("art_9__para_1")
    assert items is not None and [i.label for i in items.children] == [f"（{n}）" for n in "一二三四五六"]
    assert items.children[0].text == "（一）警告、通报批评；"  # the "* " bullet is gone


def test_setext_headings_everywhere_and_full_width_indents() -> None:
    doc = only("setext_2012-治安管理处罚法_excerpt.md")
    assert doc.title == "中华人民共和国治安管理处罚法"
    assert doc.issued == dt.date(2005, 8, 28) and doc.issuer == "全国人民代表大会常务委员会"
    assert "根据2012年10月26日" in doc.front_matter  # the 题注's second line
    assert [c.heading for c in kinds(doc, NodeKind.CHAPTER)] == ["总则", "处罚的种类和适用"]
    assert len(kinds(doc, NodeKind.ARTICLE)) == 13 and paragraph_counts(doc) == "1112312112211"
    assert len(kinds(doc, NodeKind.ITEM)) == 4
    assert_clean_body(doc)


def test_a_source_line_before_the_history_and_indented_paragraphs() -> None:
    doc = only("setext_2018-监察法_excerpt.md")
    assert doc.title == "中华人民共和国监察法" and doc.issued == dt.date(2018, 3, 20)
    assert "来源" not in doc.front_matter and not any("来源" in n.text for n in doc.walk())
    assert paragraph_counts(doc) == "111311"  # 第四条's 款 are indented four spaces
    assert_clean_body(doc)


def test_a_title_typed_as_a_plain_line() -> None:
    doc = only("plain_title_2013-传染病防治法_excerpt.md")
    assert doc.title == "中华人民共和国传染病防治法"
    assert doc.issued == dt.date(1989, 2, 21) and doc.front_matter.count("\n") == 3  # 题注: 3 lines
    assert paragraph_counts(doc) == "11532"
    assert_clean_body(doc)


def test_the_front_matter_title_wins_over_an_outline_heading() -> None:
    src = parse_markdown("---\ntitle: 最高人民法院关于适用《行政诉讼法》的解释\n---\n\n## 一、受案范围\n\n"
                         "第一条　公民、法人或者其他组织对行政行为不服提起诉讼的，属于人民法院行政诉讼的受案范围。\n",
                         path="x.md")
    assert src.meta["title"] == "最高人民法院关于适用《行政诉讼法》的解释"
    assert src.lines[0] == "一、受案范围" and src.headings == {0: 1}


# --------------------------------------------------------------- VuePress dialect


def test_front_matter_and_revision_tip() -> None:
    doc = only("vuepress_建设项目环境保护管理条例_excerpt.md")
    assert doc.title == "建设项目环境保护管理条例" and doc.kind == "行政法规"
    assert doc.issuer == "国务院" and doc.issued == dt.date(1998, 11, 29)
    assert "国务院令第253号发布" in doc.front_matter and "<建设项目环境保护管理条例>" in doc.front_matter
    assert_clean_body(doc)


def test_html_paragraphs_breaks_and_bold_labels() -> None:
    doc = only("vuepress_建设项目环境保护管理条例_excerpt.md")
    assert [c.heading for c in kinds(doc, NodeKind.CHAPTER)] == ["总则", "环境影响评价"]
    assert len(kinds(doc, NodeKind.ARTICLE)) == 8 and paragraph_counts(doc) == "11111122"
    art8 = doc.find("art_8")
    assert art8 is not None and len(art8.children[0].children) == 7  # （一）…（七） after <br>
    assert art8.children[1].text.startswith("建设项目环境影响报告表")


def test_a_break_without_an_indent_still_starts_a_paragraph() -> None:
    doc = only("vuepress_广东省环境保护条例_excerpt.md")
    assert doc.title == "广东省环境保护条例" and doc.kind == "地方性法规"
    assert doc.issuer == "广东省人民代表大会常务委员会"
    assert paragraph_counts(doc) == "111435"
    art35 = doc.find("art_35")
    assert art35 is not None and art35.children[-1].text.startswith("饮食服务、服装干洗")
    assert_clean_body(doc)


def test_front_matter_is_read_with_a_yaml_parser() -> None:
    src = parse_markdown(
        "---\ntitle: \"某某条例: 2020 修订\"\nauthor: [省人民政府, 省司法厅]\ndate: '2020/3/1'\n"
        "categories: [粤, 规章]\nhead:\n  - [meta, {name: x}]\n---\n\n第一条　本条例自公布之日起施行。\n",
        path="x.md")
    assert src.meta["title"] == "某某条例: 2020 修订"
    assert src.meta["issuer"] == "省人民政府、省司法厅"
    assert src.meta["kind"] == "规章" and src.meta["issued"] == dt.date(2020, 3, 1)
    assert src.lines == ["第一条　本条例自公布之日起施行。"]


def test_front_matter_that_is_not_yaml_is_kept_as_text() -> None:
    src = parse_markdown("---\ntitle: [unclosed\n---\n第一条　正文。\n", path="x.md")
    assert any("not valid YAML" in w for w in src.meta["warnings"])  # type: ignore[union-attr]
    assert "第一条　正文。" in src.lines


def test_a_table_of_contents_container_left_open_ends_at_the_body() -> None:
    text = ("::: details 目录\n::: tabs\n@tab 章节\n[[toc]]\n@tab 条例\n- 第1~2条：\n  [1](#t1)&emsp;[2](#t2)\n"
            ":::\n\n## 第一章&emsp;总则{align=center}\n\n"
            "<p id=\"t1\">&emsp;&emsp;<b>第一条</b>&emsp;为了……，制定本条例。</p>\n"
            "<p id=\"t2\">&emsp;&emsp;<b>第二条</b>&emsp;甲&lt;乙&gt;&nbsp;丙。<br>\n&emsp;&emsp;第二款。</p>\n")
    src = parse_markdown(text, path="x.md")
    assert src.lines == ["第一章\u2003总则", "第一条\u2003为了……，制定本条例。", "第二条\u2003甲<乙>\xa0丙。", "第二款。"]
    assert src.headings == {0: 1}


def test_a_history_container_left_open_ends_at_the_first_article() -> None:
    src = parse_markdown("::: tip 修订信息\n（2020年1月1日省人民政府令第1号公布）\n第一条　正文。\n", path="x.md")
    assert src.meta["history"] == ["（2020年1月1日省人民政府令第1号公布）"]
    assert src.lines == ["第一条　正文。"] and src.meta["issued"] == dt.date(2020, 1, 1)


def test_a_thematic_break_is_not_a_heading_but_an_underline_is() -> None:
    src = parse_markdown("# 某某办法\n\n第一章 总则\n---\n第一条　正文。\n\n---\n\n第二条　正文。\n", path="x.md")
    assert src.meta["title"] == "某某办法"
    assert src.lines == ["第一章 总则", "第一条　正文。", "第二条　正文。"] and src.headings == {0: 1}


def test_a_breadcrumb_is_navigation_only_before_the_title() -> None:
    src = parse_markdown("[读本](../a) >> 某某法\n\n某某法\n===\n\n第一条　见[附件](#a) > 说明。\n", path="x.md")
    assert src.meta["title"] == "某某法" and src.lines == ["第一条　见附件 > 说明。"]


# ------------------------------------------------------------------- the real files


def test_realdocs_markdown_dialects_meet_the_targets(shared_dir: Path) -> None:
    from tests.realdocs_tools import score_real

    files = sorted((shared_dir / "realdocs" / "md").glob("*.md"))
    assert len(files) >= 6
    total = Score(name="md")
    for path in files:
        result = score_real(path)
        assert result.titles_ok, (path.name, result.titles_found, result.titles_expected)
        total += result.score
        assert load(path).meta["history"] or "公示办法" in path.name, path.name  # 题注 found
    assert total.matched_ratio == 1.0 and total.precision == 1.0
    assert total.text_ratio >= 0.99 and total.para_ratio >= 0.99, [str(m) for m in total.mismatches][:5]


@pytest.mark.parametrize("name", ["2012-治安管理处罚法.md", "2021-行政处罚法.md", "环境保护法.md"])
def test_realdocs_tables_of_contents_leave_no_empty_chapters(shared_dir: Path, name: str) -> None:
    (doc,) = parse_file(shared_dir / "realdocs" / "md" / name)
    assert_clean_body(doc)


def test_hugo_toml_front_matter() -> None:
    src = parse_markdown('+++\ntitle = "某某办法"\ndate = 2021-05-21\ncategories = ["规章"]\n+++\n'
                         "第一条　本办法自公布之日起施行。\n", path="x.md")
    assert (src.meta["title"], src.meta["kind"], src.meta["issued"]) == ("某某办法", "规章", dt.date(2021, 5, 21))
    assert src.lines == ["第一条　本办法自公布之日起施行。"]


def test_history_given_line_by_line_under_the_title() -> None:
    src = parse_markdown("# 某某条例\n\n2001年1月1日国务院令第1号公布\n"
                         "2011年1月8日《国务院关于废止和修改部分行政法规的决定》修订\n\n"
                         "第一条　本条例自2001年3月1日起施行。\n", path="x.md")
    assert src.meta["history"] == ["2001年1月1日国务院令第1号公布",
                                   "2011年1月8日《国务院关于废止和修改部分行政法规的决定》修订"]
    assert (src.meta["issuer"], src.meta["issued"]) == ("国务院", dt.date(2001, 1, 1))
    assert src.meta["amended"] == [dt.date(2011, 1, 8)] and len(src.lines) == 1


_PIECES = ["---", "===", ":::", "::: tip 修订信息", "::: details 目录", "@tab 条例", "[[toc]]", "<p id=\"t1\">",
           "</p>", "<br>", "&emsp;", "&lt;", "**", "* ", "> ", "# ", "## ", "\t", "　", "  ", "{align=center}",
           "[a](#t1)", "<http://a.cn/x>", "[读本](../a) >> ", "第一章 总则", "第一条　", "（2020年1月1日通过）",
           "（一）", "正文。", "|", "```", "+++", "\\"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=5).map("".join), max_size=25))
def test_any_mix_of_dialect_marks_parses(lines: list[str]) -> None:
    src = parse_markdown("\n".join(lines), path="x.md")
    assert all(line and line == line.strip() for line in src.lines)
    assert all(0 <= i < len(src.lines) and depth >= 1 for i, depth in src.headings.items())


@given(st.lists(st.text(alphabet="第一二条章节款项法规定的，。；：（）、甲乙丙 　", min_size=1, max_size=30), max_size=20))
def test_plain_lines_are_kept_as_they_are(lines: list[str]) -> None:
    kept = [ln.strip() for ln in lines if ln.strip()]
    src = parse_markdown("# 标题\n<!-- INFO END -->\n" + "\n".join(kept), path="x.md")
    assert src.lines == kept


def test_a_less_than_sign_that_opens_no_tag_is_text() -> None:
    src = parse_markdown("# 某某办法\n\n第一条　当a<b且c>d时，适用<b>本</b>办法；温度<5℃的除外。\n", path="x.md")
    assert src.lines == ["第一条　当a<b且c>d时，适用本办法；温度<5℃的除外。"]


def test_a_heading_that_repeats_the_front_matter_title_is_the_title() -> None:
    src = parse_markdown("---\ntitle: 环境保护法\n---\n\n# 中华人民共和国环境保护法\n\n## 第一章 总则\n\n"
                         "第一条　为保护和改善环境，制定本法。\n", path="x.md")
    assert src.meta["title"] == "中华人民共和国环境保护法"
    assert src.lines == ["第一章 总则", "第一条　为保护和改善环境，制定本法。"] and src.headings == {0: 1}
