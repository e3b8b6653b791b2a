"""Cross-references against the labelled set: precision and recall of detection and resolution.

The set (tests/data/refs_labelled.json) holds every reference in the seed regulations and in
35 laws of shared/corpus/laws, each with its correct target; see its "about" for how it was
made.  The library it resolves against is tests/data/refs_labelled_library.json (all corpus
laws and seeds); a source is parsed only when a pinpoint leads into it.

    python tests/test_refs_labelled.py [-v]   # prints the figures and (some or all) errors
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reader.core.model import Document
from reader.core.pipeline import parse_file
from reader.core.refs import LibraryIndex, Ref, detect, resolve
from tests.seeds import CORPUS, SEEDS

DATA = REPO / "tests" / "data"
LABELS = DATA / "refs_labelled.json"  # the development set: seeds + 35 corpus laws
HOLDOUT = DATA / "refs_labelled_holdout.json"  # 14 more laws, labelled after the rules were written
LIBRARY = DATA / "refs_labelled_library.json"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus/laws not available")


_SEED_DIRS = [d for d in (REPO.parent / "shared" / "seeds", SEEDS) if d.is_dir()]  # as shipped


def _path(source: str) -> Path:
    kind, _, rest = source.partition(":")
    if kind == "corpus":
        return CORPUS / rest
    return next(p for d in _SEED_DIRS for p in sorted(d.glob(f"{rest}_*.txt")))


@cache
def _parsed(source: str) -> tuple[Document, ...]:
    return tuple(parse_file(_path(source)))


def _document(source: str, doc_id: str) -> Document:
    return next(d for d in _parsed(source) if d.id == doc_id)


def library() -> LibraryIndex:
    rows = json.loads(LIBRARY.read_text("utf-8"))["entries"]
    where = {r["doc_id"]: r["source"] for r in rows}
    index = LibraryIndex(nodes=lambda doc_id: _document(where[doc_id], doc_id) if doc_id in where else None)
    for r in rows:
        index.add(r["doc_id"], r["title"], r["doc_number"], date.fromisoformat(r["date"]) if r["date"] else None)
    return index


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact_spans: int = 0
    resolvable: int = 0
    resolved: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)  # gold not detected
    spurious: list[str] = field(default_factory=list)  # detected, not in gold
    wrong: list[str] = field(default_factory=list)  # resolved to the wrong place
    unresolved: list[str] = field(default_factory=list)  # resolvable, not resolved

    def figures(self) -> dict[str, float]:
        return {
            "detection_precision": self.matched / self.predicted if self.predicted else 1.0,
            "detection_recall": self.matched / self.gold if self.gold else 1.0,
            "resolution_precision": self.correct / self.resolved if self.resolved else 1.0,
            "resolution_recall": self.correct / self.resolvable if self.resolvable else 1.0,
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _unit(node_id: str | None) -> str | None:
    """The article (or outline unit) a node belongs to: stable when paragraphs are re-split."""
    return node_id.split("__", 1)[0] if node_id else None


def _same_target(ref: Ref, gold: dict, doc: Document) -> bool:
    if not gold["resolvable"] or not ref.resolved:
        return False
    if ref.target_doc_id != gold["target_doc_id"] or ref.target_node_id != gold.get("target_node"):
        return False
    return not gold.get("target_nodes") or list(ref.target_node_ids) == gold["target_nodes"]


def evaluate(path: Path = LABELS) -> Score:
    labels = json.loads(path.read_text("utf-8"))
    index = library()
    score = Score()
    for entry in labels["documents"]:
        doc = _document(entry["source"], entry["doc_id"])
        refs = resolve(detect(doc), doc, index)
        golds = entry["refs"]
        score.gold += len(golds)
        score.predicted += len(refs)
        score.resolvable += sum(1 for g in golds if g["resolvable"])
        score.resolved += sum(1 for r in refs if r.resolved)
        taken: set[int] = set()
        where = f"{entry['source']}"
        for g in golds:
            span = (g["start"], g["end"])
            candidates = [k for k, r in enumerate(refs) if k not in taken and r.node_id == g["node"]
                          and _overlap((r.start, r.end), span)]
            exact = [k for k in candidates if (refs[k].start, refs[k].end) == span]
            if not candidates:  # the parser has since split or joined paragraphs: same words, same article
                candidates = [k for k, r in enumerate(refs) if k not in taken and r.text == g["text"]
                              and _unit(r.node_id) == _unit(g["node"])]
            k = (exact or candidates or [None])[0]
            if k is None:
                score.misses.append(f"{where} {g['node']} {g['text']}")
                continue
            taken.add(k)
            r = refs[k]
            score.matched += 1
            score.exact_spans += bool(exact)
            if _same_target(r, g, doc):
                score.correct += 1
            elif r.resolved:
                score.wrong.append(f"{where} {g['node']} {g['text']} → {r.target_node_id or r.target_doc_id} "
                                   f"(gold {g.get('target_node') or g.get('target_doc_id')})")
            elif g["resolvable"]:
                score.unresolved.append(f"{where} {g['node']} {g['text']}: {r.note}")
        for k, r in enumerate(refs):
            if k not in taken:
                score.spurious.append(f"{where} {r.node_id} {r.text}")
                if r.resolved:
                    score.wrong.append(f"{where} {r.node_id} {r.text} (not a reference)")
    return score


@pytest.fixture(scope="module", params=[LABELS, HOLDOUT], ids=["development", "holdout"])
def score(request: pytest.FixtureRequest) -> Score:
    return evaluate(request.param)


def test_labelled_set_is_substantial() -> None:
    labels = json.loads(LABELS.read_text("utf-8"))
    corpus_docs = [d for d in labels["documents"] if d["source"].startswith("corpus:")]
    assert len(corpus_docs) >= 30
    assert sum(len(d["refs"]) for d in labels["documents"]) >= 500
    assert {d["source"] for d in labels["documents"]} & {
        d["source"] for d in json.loads(HOLDOUT.read_text("utf-8"))["documents"]} == set()


def test_detection_precision_and_recall(score: Score) -> None:
    f = score.figures()
    assert f["detection_precision"] >= 0.98, score.spurious
    assert f["detection_recall"] >= 0.95, score.misses


def test_resolution_precision_and_recall(score: Score) -> None:
    f = score.figures()
    assert f["resolution_precision"] >= 0.98, score.wrong
    assert f["resolution_recall"] >= 0.95, score.unresolved


def main() -> None:
    verbose = "-v" in sys.argv
    for path in (LABELS, HOLDOUT):
        s = evaluate(path)
        print(f"== {path.name}")
        for name, items in (("missed", s.misses), ("spurious", s.spurious), ("wrong target", s.wrong),
                            ("left unresolved", s.unresolved)):
            for line in items if verbose else items[:5]:
                print(f"  {name}: {line}")
        print(f"  labelled references {s.gold}, detected {s.predicted}, matched {s.matched} "
              f"(exact span {s.exact_spans}); resolvable {s.resolvable}, resolved {s.resolved}, correct {s.correct}")
        for k, v in s.figures().items():
            print(f"  {k:22s} {v:.3f}")


if __name__ == "__main__":
    main()
