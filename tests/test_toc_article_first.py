"""A 目录 followed by 第一条 rather than by the first chapter heading.

全国人民代表大会议事规则 (2021) officially puts 第一条 before 第一章; the corpus text of the
香港特别行政区维护国家安全法 (2020) prints no 第一章 heading, so its 目录 opens with 第二章 and
the body with 第一条.  Neither body repeats the first entry before the text begins, so the
目录 must end at the first line that is not an entry.  Real text, in every plain layout:
one paragraph per line, hard-wrapped, an HTML page and a Word altChunk.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reader.core.importers import load_bytes
from reader.core.importers.base import SourceText
from reader.core.model import Document, NodeKind
from reader.core.normalize import clean
from reader.core.pipeline import parse_source
from reader.core.toc import entries_end
from tests.corpus_tools import compare, expected_articles
from tests.test_docx_altchunk import _docx
from tests.unseen_tools import flk_text, read_law

RULES = [
    "中华人民共和国全国人民代表大会议事规则",
    "（1989年4月4日第七届全国人民代表大会第二次会议通过　2021年3月11日第十三届全国人民代表大会第四次会议"
    "《关于修改〈中华人民共和国全国人民代表大会议事规则〉的决定》修正）",
    "目　　录",
    "第一章　会议的举行", "第二章　议案的提出和审议", "第三章　审议工作报告、审查国家计划和国家预算",
    "第四章　国家机构组成人员的选举、罢免、任免和辞职", "第五章　询问和质询", "第六章　调查委员会",
    "第七章　发言和表决", "第八章　公　　布", "第九章　附　　则",
    "第一条　根据宪法、全国人民代表大会组织法和全国人民代表大会的实践经验，制定本规则。",
    "第一章　会议的举行",
    "第二条　全国人民代表大会会议于每年第一季度举行，会议召开的日期由全国人民代表大会常务委员会决定并予以公布。",
    "遇有特殊情况，全国人民代表大会常务委员会可以决定适当提前或者推迟召开会议。提前或者推迟召开会议的日期未能在当次"
    "会议上决定的，全国人民代表大会常务委员会可以另行决定或者授权委员长会议决定，并予以公布。",
    "第三条　全国人民代表大会会议由全国人民代表大会常务委员会召集。每届全国人民代表大会第一次会议，在本届全国人民"
    "代表大会代表选举完成后的两个月内，由上届全国人民代表大会常务委员会召集。",
    "第二章　议案的提出和审议",
    "第四条　全国人民代表大会会议有三分之二以上的代表出席，始得举行。",
]

SECURITY = [
    "中华人民共和国香港特别行政区维护国家安全法",
    "（2020年6月30日第十三届全国人民代表大会常务委员会第二十次会议通过）",
    "目　　录",
    "第二章　香港特别行政区维护国家安全的职责和机构", "第一节　职　　责", "第二节　机　　构",
    "第三章　罪行和处罚", "第一节　分裂国家罪", "第二节　颠覆国家政权罪", "第三节　恐怖活动罪",
    "第四节　勾结外国或者境外势力危害国家安全罪", "第五节　其他处罚规定", "第六节　效力范围",
    "第四章　案件管辖、法律适用和程序", "第五章　中央人民政府驻香港特别行政区维护国家安全机构", "第六章　附　　则",
    "第一条　为坚定不移并全面准确贯彻“一国两制”、“港人治港”、高度自治的方针，维护国家安全，防范、制止和惩治与"
    "香港特别行政区有关的分裂国家、颠覆国家政权、组织实施恐怖活动和勾结外国或者境外势力危害国家安全等犯罪，保持"
    "香港特别行政区的繁荣和稳定，保障香港特别行政区居民的合法权益，根据中华人民共和国宪法、中华人民共和国香港特别"
    "行政区基本法和全国人民代表大会关于建立健全香港特别行政区维护国家安全的法律制度和执行机制的决定，制定本法。",
    "第二条　关于香港特别行政区法律地位的香港特别行政区基本法第一条和第十二条规定是香港特别行政区基本法的根本性"
    "条款。香港特别行政区任何机构、组织和个人行使权利和自由，不得违背香港特别行政区基本法第一条和第十二条的规定。",
    "第三条　中央人民政府对香港特别行政区有关的国家安全事务负有根本责任。",
    "香港特别行政区负有维护国家安全的宪制责任，应当履行维护国家安全的职责。",
    "第二章　香港特别行政区维护国家安全的职责和机构",
    "第一节　职　　责",
    "第七条　香港特别行政区应当尽早完成香港特别行政区基本法规定的维护国家安全立法，完善相关法律。",
]

#: (lines, chapter/section headings the body has, articles)
LAWS = {
    "议事规则": (RULES, ["会议的举行", "议案的提出和审议"], ["第一条", "第二条", "第三条", "第四条"]),
    "维护国家安全法": (SECURITY, ["香港特别行政区维护国家安全的职责和机构", "职责"],
                  ["第一条", "第二条", "第三条", "第七条"]),
}


def _hard_wrapped(lines: list[str], width: int = 34) -> list[str]:
    """Printed text: paragraphs indented two ideographic spaces and cut every ``width``
    characters; headings centred on their own lines; a blank line around the 目录."""
    out: list[str] = []
    for line in lines:
        if len(line) <= 30 and "，" not in line:
            out.append("\u3000" * 6 + line)
            continue
        text = "\u3000\u3000" + line
        out.extend(text[k:k + width] for k in range(0, len(text), width))
    return out


def _check(doc: Document, law: str) -> None:
    _, headings, articles = LAWS[law]
    units = [n for n in doc.walk() if n.kind in (NodeKind.CHAPTER, NodeKind.SECTION)]
    assert [n.heading.replace(" ", "") for n in units] == headings
    assert all(n.children for n in units), "an empty chapter or section is a 目录 entry left behind"
    assert [n.label for n in doc.walk() if n.kind is NodeKind.ARTICLE] == articles
    assert not any(n.text.replace(" ", "").replace("\u3000", "") == "目录" for n in doc.walk())
    first = next(n for n in doc.walk() if n.label == "第一条")
    assert first.full_text().rstrip().endswith(("制定本规则。", "制定本法。"))


def _source(lines: list[str], fmt: str = "docx") -> SourceText:
    data = "\n".join(lines).encode()
    return SourceText(f"doc.{fmt}", fmt, hashlib.sha256(data).hexdigest(), lines, hard_breaks=True)


def _txt(lines: list[str]) -> SourceText:
    return load_bytes("law.txt", "\n".join(lines).encode("utf-8"))


@pytest.mark.parametrize("law", LAWS)
def test_paragraph_per_line_text(law: str) -> None:
    _check(parse_source(_source(LAWS[law][0], "txt"))[0], law)


@pytest.mark.parametrize("law", LAWS)
def test_hard_wrapped_text(law: str) -> None:
    src = _txt(_hard_wrapped(LAWS[law][0]))
    assert not src.hard_breaks
    _check(parse_source(src)[0], law)


def _page(lines: list[str]) -> bytes:
    paras = "".join(f"<p>{line}</p>" for line in lines[1:])
    return (f"<html><head><meta charset='utf-8'><title>{lines[0]}</title></head><body>"
            f"<div class='content'><h1>{lines[0]}</h1>{paras}</div></body></html>").encode("utf-8")


@pytest.mark.parametrize("law", LAWS)
def test_html_page(law: str) -> None:
    _check(parse_source(load_bytes("law.html", _page(LAWS[law][0])))[0], law)


@pytest.mark.parametrize("law", LAWS)
def test_word_altchunk(law: str) -> None:
    data = _docx('<w:altChunk r:id="c1"/>', {"word/chunk.htm": ("text/html", _page(LAWS[law][0]))},
                 {"c1": "word/chunk.htm"})
    _check(parse_source(load_bytes("law.docx", data))[0], law)


# --- the whole laws, as the national database's text download prints them -----------------

CORPUS = {"议事规则": "全国人民代表大会议事规则(2021-03-11).md",
          "维护国家安全法": "香港特别行政区维护国家安全法(2020-06-30).md"}


@pytest.mark.parametrize("law", CORPUS)
@pytest.mark.parametrize("wrapped", [False, True])
def test_whole_law_from_the_corpus(shared_dir: Path, law: str, wrapped: bool) -> None:
    path = shared_dir / "corpus" / "laws" / "宪法相关法" / CORPUS[law]
    if not path.is_file():
        pytest.skip(f"{path.name} missing")
    parsed = read_law(path)
    assert parsed is not None
    lines = flk_text(parsed).splitlines()
    src = _txt(_hard_wrapped(lines) if wrapped else lines)
    assert src.hard_breaks is not wrapped
    doc = parse_source(src)[0]
    units = [n for n in doc.walk() if n.kind in (NodeKind.CHAPTER, NodeKind.SECTION)]
    assert [n.heading.replace(" ", "") for n in units] == [h.heading for h in parsed.headings]
    assert not any(n.text.replace(" ", "") == "目录" for n in doc.walk())
    score = compare(expected_articles(path.read_text(encoding="utf-8")), [doc], name=path.name)
    assert score.matched == score.expected == score.found, [str(m) for m in score.mismatches[:5]]
    assert score.text_ratio == 1.0, [str(m) for m in score.mismatches[:5]]


# --- never swallow body text ------------------------------------------------------------------

def test_headings_after_a_bare_目录_line_stay_when_the_body_never_repeats_them() -> None:
    # 目录 with its entries lost: 第一章/第一节 are the body's own headings.
    lines = ["目录", "第一章　总则", "第一节　一般规定", "第一条　为了规范示例，制定本办法。", "第二条　本办法自公布之日起施行。"]
    assert [p.text for p in clean(_source(lines)).paras][1:3] == ["第一章 总则", "第一节 一般规定"]


def test_a_wrapped_first_article_line_is_not_an_entry() -> None:
    # Hard-wrapped: the first line of 第一条 has no sentence punctuation, and the body
    # repeats 第一章 right after it; the article must not go with the 目录.
    lines = ["目录", "第一章 会议的举行", "第二章 附则", "第一条　根据宪法、全国人民代表大会组织法和全国人民",
             "代表大会的实践经验，制定本规则。", "第一章 会议的举行", "第二条　本规则自公布之日起施行。"]
    src = SourceText("doc.txt", "txt", "x", lines, hard_breaks=False)
    assert clean(src).paras[0].text.startswith("第一条")


def test_an_entry_split_over_two_lines_is_one_entry() -> None:
    texts = ["第一章", "总则", "第二章　附则", "第一条　为了规范示例，制定本办法。", "第一章", "总则"]
    assert entries_end(texts, 0) == 3
    assert entries_end(texts[:4], 0) is None  # nothing repeats them: not a 目录


def test_a_目录_cut_short_by_a_wrapped_entry_is_left_whole() -> None:
    # Hard-wrapped: an entry's last character on its own line.  Removing the entries up to
    # it would leave the rest of the 目录 in the body; removing nothing is the safe choice.
    lines = ["目录", "第一章　总则", "第二章　外商投资经营国际海上运输及其辅助性业务的特别规", "定", "第三章　附则",
             "第一条　为了规范示例，制定本条例。", "第一章　总则", "第二条　本条例自公布之日起施行。"]
    assert entries_end(lines, 1) is None
    src = SourceText("doc.txt", "txt", "x", lines, hard_breaks=False)
    assert "第三章 附则" in [p.text for p in clean(src).paras]
