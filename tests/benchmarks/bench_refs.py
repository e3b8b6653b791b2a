"""Cross-reference speed: detection and resolution over the whole corpus, against its parse time.

    python tests/benchmarks/bench_refs.py [--limit N] [--repeat N]

Parses every law in shared/corpus/laws (and the seeds) with parse_file, then times, on the
same documents: detect() for each, building a LibraryIndex over all of them, and resolve()
for each against it.  The figure that matters is (detect + index + resolve) / parse: the
issue allows at most 20 % on top of import.  No asserts: figures only.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reader.core.pipeline import parse_file
from reader.core.refs import LibraryIndex, detect, resolve
from tests.corpus_tools import CORPUS_DIR, corpus_files

SEEDS = REPO / "resources" / "samples"


def timed(fn):
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N corpus files")
    ap.add_argument("--repeat", type=int, default=3, help="best of N for the reference passes")
    args = ap.parse_args()
    paths = corpus_files(CORPUS_DIR) + sorted(SEEDS.glob("*.txt"))
    if args.limit:
        paths = paths[:args.limit]

    docs, parse_s = timed(lambda: [d for p in paths for d in parse_file(p)])
    chars = sum(len(n.text) for d in docs for n in d.walk())

    best: dict[str, float] = {}
    refs: list = []
    resolved: list = []
    for _ in range(max(1, args.repeat)):
        refs, t_detect = timed(lambda: [detect(d) for d in docs])
        index, t_index = timed(lambda: LibraryIndex.from_documents(docs))
        resolved, t_resolve = timed(lambda idx=index, found=refs: [resolve(r, d, idx) for r, d in zip(found, docs)])
        for k, v in (("detect", t_detect), ("index", t_index), ("resolve", t_resolve)):
            best[k] = min(best.get(k, v), v)
    total = sum(best.values())

    kinds = Counter((r.kind, r.resolved) for rs in resolved for r in rs)
    n_refs = sum(len(rs) for rs in resolved)
    print(f"files {len(paths)}, documents {len(docs)}, {chars / 1e6:.1f} M characters of node text")
    print(f"parse            {parse_s:7.2f} s")
    for k in ("detect", "index", "resolve"):
        print(f"{k:16s} {best[k]:7.2f} s   ({best[k] / parse_s:6.1%} of parse)")
    print(f"refs total       {total:7.2f} s   ({total / parse_s:6.1%} of parse; aim ≤ 20 %)")
    print(f"references {n_refs} ({n_refs / total / 1000:.0f} k/s), resolved "
          f"{sum(v for (k, ok), v in kinds.items() if ok)}")
    for (kind, ok), v in sorted(kinds.items()):
        print(f"  {kind:11s} {'resolved' if ok else 'unresolved':10s} {v:6d}")


if __name__ == "__main__":
    main()
