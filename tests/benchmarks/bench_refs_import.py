"""Import with and without cross-references: what storing references costs an import.

    python tests/benchmarks/bench_refs_import.py [--limit N] [--repeat N]

Imports the corpus (shared/corpus/laws) and the seeds into fresh temporary libraries,
alternately with ``Library.refs_enabled`` False and True, and prints the best time of each
and the difference (the issue's aim: at most 20 % added).  No asserts: figures only.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reader.store.library import Library
from tests.corpus_tools import CORPUS_DIR, corpus_files


def import_all(paths: list[Path], refs: bool) -> tuple[float, tuple]:
    Library.refs_enabled = refs
    with tempfile.TemporaryDirectory(prefix="regreader-bench-refs-") as tmp:
        lib = Library.open(Path(tmp) / "library")
        try:
            start = time.perf_counter()
            lib.import_files(paths)
            secs = time.perf_counter() - start
            counts = lib._conn.execute("SELECT COUNT(*), COALESCE(SUM(resolved), 0) FROM refs").fetchone()
        finally:
            lib.close()
    return secs, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N corpus files")
    ap.add_argument("--repeat", type=int, default=2, help="best of N for each")
    args = ap.parse_args()
    paths = corpus_files(CORPUS_DIR) + sorted((REPO / "resources" / "samples").glob("*.txt"))
    if args.limit:
        paths = paths[:args.limit]
    best = {False: float("inf"), True: float("inf")}
    counts: tuple = ()
    for _ in range(max(1, args.repeat)):
        for refs in (False, True):
            secs, got = import_all(paths, refs)
            best[refs] = min(best[refs], secs)
            counts = got if refs else counts
    Library.refs_enabled = True
    print(f"files {len(paths)}")
    print(f"import without refs {best[False]:7.2f} s")
    print(f"import with refs    {best[True]:7.2f} s   (+{best[True] / best[False] - 1:.0%}; aim ≤ 20 %)")
    print(f"references stored {counts[0]}, resolved {counts[1]}")


if __name__ == "__main__":
    main()
