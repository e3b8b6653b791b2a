"""Plain-text layout per file (hard-wrapped or one paragraph per line), encodings, 目录.

Real inputs: an excerpt of a flk download (tests/data/txt), the seeds (PDF and web
extracts), ../shared/realdocs/txt and corpus laws typeset both ways.
"""
from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from reader.core.importers import load, load_bytes
from reader.core.importers.base import SourceText
from reader.core.importers.layout import MIN_LINES, one_paragraph_per_line
from reader.core.model import Document, NodeKind
from reader.core.normalize import clean
from reader.core.pipeline import parse_file, parse_source
from tests.corpus_tools import Score, compare, expected_articles, render_pdf_like, sample_files, split_md

DATA = Path(__file__).parent / "data" / "txt"
FLK = DATA / "flk_会计法_excerpt.txt"
#: 款 per article of the excerpt (第一条 … 第十八条), counted in the file by hand.
FLK_PARAGRAPHS = "121131232112353111"


def articles(doc: Document) -> list:
    return [n for n in doc.walk() if n.kind is NodeKind.ARTICLE]


def paragraph_counts(doc: Document) -> str:
    return "".join(str(sum(c.kind is NodeKind.PARAGRAPH for c in a.children)) for a in articles(doc))


def flk_text() -> str:
    return FLK.read_bytes().decode("utf-8-sig")


# ----------------------------------------------------------------- one paragraph per line


def test_flk_download_is_read_one_paragraph_per_line() -> None:
    src = load(FLK)
    assert src.meta["encoding"] == "utf-8-sig" and src.hard_breaks is True
    (doc,) = parse_file(FLK)
    assert doc.title == "中华人民共和国会计法"
    assert [a.label for a in articles(doc)][-1] == "第十八条" and len(articles(doc)) == 18
    assert paragraph_counts(doc) == FLK_PARAGRAPHS  # each line its own 款: none merged
    art14 = doc.find("art_14")
    assert art14 is not None and art14.children[4].text.startswith("记账凭证应当根据经过审核的原始凭证")
    assert len([n for n in doc.walk() if n.kind is NodeKind.ITEM]) == 6


def test_flk_table_of_contents_is_removed() -> None:
    (doc,) = parse_file(FLK)
    chapters = [n for n in doc.walk() if n.kind is NodeKind.CHAPTER]
    assert [c.heading for c in chapters] == ["总则", "会计核算"]  # not 目录's six entries first
    assert all(c.children for c in chapters)
    assert not any("目录" in n.text.replace(" ", "") for n in doc.walk())


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-le+bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be+bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),  # no BOM: told by its NUL bytes
    "utf-16-be": lambda t: t.encode("utf-16-be"),
}
NEWLINES = {"crlf": "\r\n", "lf": "\n", "cr": "\r"}


@pytest.mark.parametrize("newline", NEWLINES)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_flk_excerpt_in_every_encoding_and_newline(encoding: str, newline: str) -> None:
    text = flk_text().replace("\r\n", "\n").replace("\n", NEWLINES[newline])
    src = load_bytes("会计法.txt", ENCODINGS[encoding](text))
    assert src.meta["encoding"] == encoding.removesuffix("+bom")
    assert src.lines == load(FLK).lines
    assert src.hard_breaks is True
    (doc,) = parse_source(src)
    assert doc.title == "中华人民共和国会计法" and paragraph_counts(doc) == FLK_PARAGRAPHS


def test_utf16_without_bom_says_how_it_was_read() -> None:
    src = load_bytes("a.txt", flk_text().encode("utf-16-le"))
    assert any("UTF-16-LE" in w for w in src.meta["warnings"])  # type: ignore[union-attr]


def test_binary_with_nul_bytes_is_still_refused() -> None:
    import random

    from reader.core.errors import ImportFailure

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000)) + b"\x00\x00"
    with pytest.raises(ImportFailure, match="binary"):
        load_bytes("a.txt", data)


# ----------------------------------------------------------------------- hard-wrapped


@pytest.mark.parametrize("index", range(5))
def test_seeds_stay_hard_wrapped(seed_files: list[Path], index: int) -> None:
    # 000/002-004 are PDF extracts; 001 is a web preview whose paragraphs are split at
    # page ends (and whose title spans two lines): it needs the paragraph joiner too.
    assert load(seed_files[index]).hard_breaks is False


def test_a_short_file_stays_with_the_joiner() -> None:
    lines = flk_text().splitlines()[16:16 + MIN_LINES - 1]
    assert len([ln for ln in lines if ln.strip()]) < MIN_LINES
    assert one_paragraph_per_line(lines) is False


def test_wrapped_lines_that_happen_to_end_sentences_are_still_wraps() -> None:
    # A PDF extract of short paragraphs: most lines end with 。, but four open lines stop
    # at the same width — hard wraps.
    wrapped = ["第一条　本办法适用于本市行政区域内的建设工程安全生产监督管理活动，以及与其", "有关的单位和个人。"]
    short = [f"第{n}条　本办法由市住房城乡建设行政主管部门负责组织实施。" for n in "二三四五六七八九十"]
    lines = wrapped * 4 + short * 2
    assert one_paragraph_per_line(lines) is False


def test_realdocs_flk_files_are_one_paragraph_per_line(shared_dir: Path) -> None:
    from tests.realdocs_tools import score_real

    files = sorted((shared_dir / "realdocs" / "txt").glob("*.txt"))
    assert files
    total = Score(name="txt")
    for path in files:
        assert load(path).hard_breaks, path.name
        result = score_real(path)
        assert result.titles_ok, (path.name, result.titles_found)
        total += result.score
    assert total.matched_ratio == 1.0 and total.precision == 1.0
    assert total.text_ratio >= 0.99
    assert total.para_ratio >= 0.995, [str(m) for m in total.mismatches][:5]


def _one_per_line(md_text: str) -> str:
    """A corpus law as text saved from a web page: title, 题注 and body, a line each."""
    front, body = split_md(md_text)
    lines = [ln.lstrip("#").strip() for ln in front]
    lines += [ln.strip().lstrip("#").strip() for _, ln in body if not ln.strip().startswith("<!--")]
    return "\r\n".join(lines) + "\r\n"


def test_corpus_laws_typeset_both_ways_are_told_apart(shared_dir: Path) -> None:
    files = sample_files(shared_dir / "corpus" / "laws")
    per_line_found = 0
    total = Score(name="one per line")
    for path in files:
        md = path.read_text(encoding="utf-8")
        assert not one_paragraph_per_line(render_pdf_like(md, seed=path.name).text.split("\n")), path.name
        data = _one_per_line(md).encode("utf-8")
        src = load_bytes(str(path.with_suffix(".txt")), data)
        per_line_found += src.hard_breaks
        if src.hard_breaks:
            total += compare(expected_articles(md), parse_source(src), name=path.name)
    assert per_line_found >= 0.9 * len(files)
    assert total.matched_ratio >= 0.999 and total.para_ratio >= 0.995, [str(m) for m in total.mismatches][:5]


# ---------------------------------------------------------------- 目录 in every layout


def _source(lines: list[str], hard_breaks: bool = True) -> SourceText:
    data = "\n".join(lines).encode()
    return SourceText("doc.docx", "docx", hashlib.sha256(data).hexdigest(), lines, hard_breaks=hard_breaks)


BODY = ["第一章　总则", "第一条　为了规范行政处罚的设定和实施，制定本法。", "第二章　行政处罚的种类和设定",
        "第二条　行政处罚的种类：", "（一）警告、通报批评；"]


def test_table_of_contents_goes_from_paragraph_per_line_text() -> None:
    toc = ["目　　录", "第一章　总　　则", "第二章　行政处罚的种类和设定"]
    out = clean(_source(["中华人民共和国行政处罚法", *toc, *BODY]))
    assert [p.text for p in out.paras] == ["中华人民共和国行政处罚法", *(t.replace("　", " ") for t in BODY)]
    assert out.removed == ["目录", "第一章 总则", "第二章 行政处罚的种类和设定"]


def test_a_目录_line_before_body_text_is_kept() -> None:
    # No entries: the line after 目录 is body text, so nothing is a table of contents.
    lines = ["目录", "第一条　为了规范行政处罚的设定和实施，制定本法。", "第二条　本法所称行政处罚。",
             "第一条　为了规范行政处罚的设定和实施，制定本法。"]
    assert len(clean(_source(lines)).paras) == 4


def test_a_目录_whose_entries_never_repeat_is_kept() -> None:
    lines = ["目录", "第一章　总则", "第二章　附则", "正文从这里开始，没有重复目录的条目。"]
    assert [p.text for p in clean(_source(lines)).paras][1:3] == ["第一章 总则", "第二章 附则"]


def test_dot_leaders_outside_a_目录_stay_in_paragraph_per_line_text() -> None:
    lines = ["申请人签名：……………………", "第一条　本办法自公布之日起施行。"]
    assert [p.text for p in clean(_source(lines)).paras][0].startswith("申请人签名")


def test_a_gazette_目录_of_long_titles_with_page_numbers_goes() -> None:
    title = "广州市人民政府办公厅关于印发广州市促进创新链产业链融合发展行动计划（2022—2025年）的通知"
    toc = ["目　录", f"{title}（3）", "广州市测绘地理信息管理办法…………（15）"]
    body = [title, "各区人民政府，市政府各部门、各直属机构：", "广州市测绘地理信息管理办法"]
    out = clean(_source([*toc, *body], hard_breaks=False))
    assert out.removed == ["目录", f"{title}（3）", "广州市测绘地理信息管理办法…………（15）"]
    assert out.paras[0].text.startswith(title)
