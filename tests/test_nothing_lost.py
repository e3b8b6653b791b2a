"""Nothing of the source is lost: every character other than removed page furniture
lands, in order, in exactly one node's text or in the front matter."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.importers.base import SourceText
from reader.core.model import Document, NodeKind
from reader.core.normalize import clean
from reader.core.pipeline import parse_source
from reader.core.textrepair import repair_line
from tests.seeds import CORPUS, SEEDS

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def source_of(path: Path) -> SourceText:
    data = path.read_bytes()
    return SourceText(str(path), "txt", hashlib.sha256(data).hexdigest(), data.decode("utf-8").splitlines())


def document_text(doc: Document) -> str:
    """Front matter, body nodes (footnotes aside) and back matter, in source order."""
    head, _, back = doc.front_matter.partition("\n\n")
    if not back and head.startswith("公开方式"):  # back matter only
        head, back = "", head
    body = "".join(n.text for n in doc.walk() if n.kind is not NodeKind.FOOTNOTE)
    return squash(head + body + back)


def assert_nothing_lost(src: SourceText) -> None:
    cleaned = clean(src)
    docs = parse_source(src)
    expected = squash("".join(p.text for p in cleaned.paras))
    assert squash("".join(document_text(d) for d in docs)) == expected
    footnotes = [n.text for d in docs for n in d.walk() if n.kind is NodeKind.FOOTNOTE]
    assert sorted(map(squash, footnotes)) == sorted(squash(f.text) for f in cleaned.footnotes)
    # and normalisation itself only drops what it lists as removed (parentheses split by a
    # line wrap are widened once the paragraph is whole, so widths of brackets are folded)
    fold = str.maketrans("()", "（）")
    repaired = Counter(squash("".join(repair_line(line) for line in src.lines)).translate(fold))
    kept = expected + squash("".join(f.text for f in cleaned.footnotes)) + squash("".join(cleaned.removed))
    assert Counter(kept.translate(fold)) == repaired


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_lose_nothing(path: Path) -> None:
    assert_nothing_lost(source_of(path))


def test_corpus_sample_loses_nothing() -> None:
    if not CORPUS.exists():
        pytest.skip("shared/corpus not present")
    from reader.core.importers import load

    files = sorted(CORPUS.rglob("*.md"))[::25]
    for path in files:
        src = load(path)
        cleaned = clean(src)
        (doc,) = parse_source(src)
        assert squash("".join(n.text for n in doc.walk())) == squash("".join(p.text for p in cleaned.paras)), path


_PIECES = st.sampled_from([
    "第一条", "第十条规定的", "第二章 总则", "第三节", "（一）", "（二）", "一、", "二、", "1.", "2.", "（1）",
    "本办法自2022年10月1日起施行。", "公开方式：主动公开", "附件1", "附件：1.", "表1", "专栏2", "目录",
    "广州市人民政府令", "第190号", "穗府办〔2022〕19号", "2022年8月10日", "前言", "附则", "之一",
    "ꎬ", "ꎮ", "ꎻ", "\U001000b7", "\U001001b0", "«", "»", "２０２２", "　 ", " ", "\n", "\n\n", "。", "；", "：",
    "１(本文与正式文件同等效力)", "— 3 —", "预览已结束", "https://x.cn", "·········· 5", "①",
])
_TEXTS = st.lists(st.one_of(_PIECES, st.text(alphabet="测绘管理单位应当法规定的，。", max_size=40)), max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.booleans())
def test_fuzzed_input_parses_and_loses_nothing(pieces: list[str], hard_breaks: bool) -> None:
    lines = "".join(pieces).split("\n")
    src = SourceText("fuzz.txt", "txt", "0", lines, hard_breaks=hard_breaks)
    assert_nothing_lost(src)
    for doc in parse_source(src):
        ids = [n.id for n in doc.walk()]
        assert len(ids) == len(set(ids)), "node ids are unique"
        assert Document.from_json(doc.to_json()) == doc


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=30))
def test_arbitrary_text_never_crashes(lines: list[str]) -> None:
    src = SourceText("any.txt", "txt", "0", lines)
    assert_nothing_lost(src)
