"""A new version imported into a library that carries notes, end to end, beside a plain
difflib line diff of the same pair in the same run.

    python tests/benchmarks/bench_versions.py [COUNT]

For each real amendment pair of shared/corpus/laws (公司法, 会计法, 反洗钱法, 专利法实施细则):
a fresh library imports the old version and COUNT (default 1,000) seeded annotations on it
(quotes of 4–60 characters, 10 % whole-clause notes), then imports the new version — which
becomes current, so every annotation follows it in the import's transaction.  Prints the
import's time (parse + store + compare + follow + refs), the time of `versions compare` of
the two versions, difflib's unified line diff of the two files and the ratios; then the
notes: how many followed (must be all: none lost), wrong placements (must be 0: checked
independently of the code under test, by tests.test_version_anchoring.check), recall of the
quotes that stand verbatim in the new version, and the outcomes the reader is told.
"""
from __future__ import annotations

import difflib
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.core.anchoring import Anchor  # noqa: E402
from reader.store.library import Library, Span  # noqa: E402
from tests.test_version_anchoring import AMENDMENTS, check, sample_anchors  # noqa: E402

LAWS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "laws"


def run_pair(old_file: Path, new_file: Path, count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-versions-"))
    try:
        with Library.open(folder) as lib:
            (old,) = lib.import_files([old_file]).added
            old_doc = lib.document(old.id)
            anchors = sample_anchors(old_doc, count, seed=14)
            for a in anchors:
                span = Span() if not a.quote else Span(a.start, a.end)
                lib.annotations.add(old.id, a.node_id, span)
            made = {x.id: x.anchor for x in lib.annotations.list(old.id)}
            t0 = time.perf_counter()
            report = lib.import_files([new_file])
            t_import = time.perf_counter() - t0
            (version,) = report.versions
            t0 = time.perf_counter()
            comparison = lib.versions.compare(version.id)
            t_compare = time.perf_counter() - t0
            new_doc = lib.document(version.id)
            after = {x.id: x for x in lib.annotations.list(version.id, deleted=None)}
            ids = list(made)
            placed: list[Anchor | None] = [None if after[i].orphan else after[i].anchor for i in ids]
            verdict = check([made[i] for i in ids], placed, old_doc, new_doc, comparison)
        lines_old = old_file.read_text(encoding="utf-8").splitlines()
        lines_new = new_file.read_text(encoding="utf-8").splitlines()
        t0 = time.perf_counter()
        list(difflib.unified_diff(lines_old, lines_new, lineterm=""))
        t_diff = time.perf_counter() - t0
        name = old_file.name.split("(")[0]
        articles = len(comparison.units) if hasattr(comparison, "units") else len(comparison.pairs)
        print(f"{name:<12}{articles:>5}{t_import:>9.2f}{t_compare:>9.3f}{t_diff * 1000:>9.1f}"
              f"{t_compare / t_diff:>8.1f}x{len(after):>7}/{len(made):<6}{verdict.wrong:>6}"
              f"{verdict.recalled:>7}/{verdict.verbatim:<6} {dict(Counter(report.followed))}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(count: int) -> None:
    print(f"{count} annotations per pair (seed 14); import and compare in seconds, difflib in ms")
    print(f"{'pair':<12}{'units':>5}{'import':>9}{'compare':>9}{'difflib':>9}{'ratio':>9}"
          f"{'followed':>14}{'wrong':>6}{'recall':>14} outcomes")
    for old_name, new_name in AMENDMENTS:
        run_pair(LAWS / old_name, LAWS / new_name, count)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
