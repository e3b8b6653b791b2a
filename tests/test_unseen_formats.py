"""Documents the parser was never tuned on, in the real formats, against the issue's targets.

tests/data/unseen holds small files written by tests/unseen_tools.py from held-out corpus laws
(LibreOffice gazette PDFs, Chromium-printed pages, flk altChunk Word files, gov.cn pages, flk
text), each with its answer key ``<file>.gold.json`` built from the corpus Markdown.  The
figures, and many more such files, come from tests/benchmarks/bench_unseen.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.corpus_tools import CORPUS_DIR
from tests.unseen_scoring import furniture_leaks, score_unseen
from tests.unseen_tools import TARGETS, read_document

UNSEEN = Path(__file__).parent / "data" / "unseen"
FILES = sorted(p for p in UNSEEN.iterdir() if p.suffix != ".json" and p.with_suffix(".gold.json").is_file())


def test_every_format_is_there() -> None:
    formats = {json.loads(p.with_suffix(".gold.json").read_text(encoding="utf-8"))["format"] for p in FILES}
    assert formats == set(TARGETS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_unseen_file_meets_targets(path: Path) -> None:
    r = score_unseen(path)
    s = r.score
    articles, text, paragraphs = TARGETS[r.fmt]
    shown = [str(m) for m in s.mismatches if not m.invisible][:8]
    assert s.errors == 0, shown
    assert r.split_ok, f"{r.documents_found} documents, want {r.documents_expected}"
    assert r.titles_ok, (r.titles_found, r.titles_expected)
    assert r.headings_ok, (r.headings_found, r.headings_expected)
    assert s.matched_ratio >= articles and s.precision >= articles, shown
    assert s.text_ratio >= text, shown
    assert s.para_decidable_ratio >= paragraphs, shown
    assert not r.leaks, r.leaks
    assert not r.lost, r.lost


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_answer_key_is_the_corpus(path: Path, shared_dir: Path) -> None:
    """The committed keys were written from the corpus, not from the parser: re-reading the
    named corpus laws gives the same documents."""
    key = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    laws = [read_document(CORPUS_DIR / source) for source in key["sources"]]
    assert all(laws), key["sources"]
    assert [law.gold() for law in laws] == key["documents"]


def test_furniture_in_a_node_is_reported() -> None:
    """The leak check sees a running header glued to an article and a page number left as
    a paragraph, and ignores furniture-like text the law itself holds."""
    from reader.core.model import Document, Node, NodeKind

    article_1 = {"label": "第一条", "lines": ["依照《杭州市人民政府公报》刊登的规定。"]}
    key = {"furniture": ["杭州市人民政府公报", r"—\s*\d+\s*—", "公开方式"],
           "documents": [{"title": "某条例", "headings": [], "articles": [article_1]}]}
    article = Node("a1", NodeKind.ARTICLE, "第一条", text="第一条",
                   children=[Node("p1", NodeKind.PARAGRAPH, text="依照规定。杭州市人民政府公报"),
                             Node("p2", NodeKind.PARAGRAPH, text="— 3 —")])
    leaks = furniture_leaks([Document("某条例", [article])], key)
    assert len(leaks) == 1 and "— 3 —" in leaks[0]
