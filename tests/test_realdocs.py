"""The real files users have (../shared/realdocs), per format, against the issue's targets.

Each format's files are parsed by the product and scored against an answer key it never
wrote (tests/realdocs_tools.py): the same law in the corpus, or the gazette gold.  The
figures per file are printed by tests/benchmarks/bench_realdocs.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.realdocs_tools import REALDOCS, TARGETS, FormatTotal, score_real

FORMATS = sorted(TARGETS)


def _files(fmt: str) -> list[Path]:
    folder = REALDOCS / fmt
    if not folder.is_dir():
        pytest.skip(f"{folder} not found (shared/ must sit beside the checkout)")
    return sorted(f for f in folder.iterdir() if f.is_file() and not f.name.endswith(".gold.json"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_meets_targets(fmt: str) -> None:
    total = FormatTotal()
    for path in _files(fmt):
        total.add(score_real(path))
    s = total.score
    articles, text, paragraphs = TARGETS[fmt]
    shown = [str(m) for m in s.mismatches if not m.invisible][:8]
    assert not total.wrong_titles, total.wrong_titles
    assert not total.wrong_numbers, total.wrong_numbers
    assert s.errors == 0, shown
    assert s.matched_ratio >= articles and s.precision >= articles, shown
    assert total.text >= text, shown
    assert total.paragraphs >= paragraphs, shown
