"""Annotations following a law onto its amended version: follow() beside anchoring.reanchor_all.

    python tests/benchmarks/bench_version_anchoring.py [COUNT]

For each real amendment pair of shared/corpus/laws (公司法, 会计法, 反洗钱法, 专利法实施细则),
COUNT (default 1,000) seeded annotations on random spans of the old version (quotes of 4–60
characters, 10 % whole-clause notes) are placed on the new version twice in the same run: by
follow() (the comparison's pairs first) and by reanchor_all() (document-wide, no comparison).
Prints for each: time, wrong placements (must be 0), recall of quotes standing verbatim with
their context in the new version, and follow()'s outcomes and methods.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.core.anchoring import reanchor_all  # noqa: E402
from reader.core.pipeline import parse_file  # noqa: E402
from reader.core.version_anchoring import follow  # noqa: E402
from reader.core.versions import compare  # noqa: E402
from tests.test_version_anchoring import AMENDMENTS, check, placements, sample_anchors  # noqa: E402

LAWS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "laws"


def main(count: int) -> None:
    print(f"{count} annotations per pair (seed 14); times in seconds")
    print(f"{'pair':<14}{'method':<14}{'time':>7}{'placed':>8}{'wrong':>7}{'recall':>12}  outcomes / methods")
    for old_name, new_name in AMENDMENTS:
        old, new = parse_file(LAWS / old_name)[0], parse_file(LAWS / new_name)[0]
        anchors = sample_anchors(old, count, seed=14)
        t0 = time.perf_counter()
        cmp = compare(old, new)
        t1 = time.perf_counter()
        followed = follow(anchors, old, new, cmp)
        t2 = time.perf_counter()
        baseline = reanchor_all(anchors, new)
        t3 = time.perf_counter()
        name = old_name.split("/")[1].split("(")[0]
        ours = check(anchors, placements(followed), old, new, cmp)
        theirs = check(anchors, placements(baseline), old, new, cmp)
        outcomes = Counter(r.outcome for r in followed)
        methods = Counter(r.method for r in followed)
        print(f"{name:<14}{'follow':<14}{t2 - t1:>7.2f}{ours.placed:>8}{ours.wrong:>7}"
              f"{ours.recalled:>6}/{ours.verbatim:<5}  {dict(outcomes)} {dict(methods)}")
        print(f"{'':<14}{'+compare':<14}{t2 - t0:>7.2f}")
        print(f"{'':<14}{'reanchor_all':<14}{t3 - t2:>7.2f}{theirs.placed:>8}{theirs.wrong:>7}"
              f"{theirs.recalled:>6}/{theirs.verbatim:<5}  {dict(Counter(p.method for p in baseline))}")
        if theirs.kinds:
            print(f"{'':<16}baseline wrong by kind: {dict(theirs.kinds)}")
        for example in theirs.examples[:3]:
            print(f"{'':<16}baseline wrong: {example}")
        for example in ours.examples[:3]:
            print(f"{'':<16}follow wrong: {example}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
