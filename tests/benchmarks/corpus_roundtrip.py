"""Corpus round trip over all of shared/corpus/laws: how well the parser rebuilds real laws.

    python tests/benchmarks/corpus_roundtrip.py [--limit N] [--garbled-only | --md-only]
                                                [--jobs J] [--worst K]

Each law is parsed twice: the .md through parse_file (the Markdown importer), and its
PDF-like rendering (tests/corpus_tools.to_pdf_like, seeded by the file name) as a txt
SourceText. Both are compared with expected_articles, an independent reading of the
Markdown. Prints, per route: article recall and precision, paragraph-count accuracy (also
over the articles whose breaks the PDF-like text shows), text accuracy, per-folder figures,
and the worst files with their first mismatches. No asserts: figures for the closing note.
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.corpus_tools import CORPUS_DIR, Score, corpus_files, score_file, total, worst


def _score_chunk(args: tuple[list[str], str]) -> list[Score]:
    """Worker: score a chunk of files (paths as str so the pickles stay small)."""
    paths, route = args
    return [score_file(Path(p), route) for p in paths]


def pick(files: list[Path], limit: int | None) -> list[Path]:
    """``limit`` files spread evenly over the sorted corpus (not just the first folder)."""
    if not limit or limit >= len(files):
        return files
    return [files[(2 * k + 1) * len(files) // (2 * limit)] for k in range(limit)]


def run(files: list[Path], route: str, jobs: int) -> tuple[list[Score], float]:
    start = time.perf_counter()
    if jobs <= 1:
        scores = [score_file(f, route) for f in files]
    else:
        size = max(1, len(files) // (jobs * 8))
        chunks = [([str(f) for f in files[i : i + size]], route) for i in range(0, len(files), size)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            scores = [s for chunk in pool.map(_score_chunk, chunks) for s in chunk]
    return scores, time.perf_counter() - start


def pct(x: float) -> str:
    return f"{100 * x:6.2f}%"


def print_totals(results: dict[str, tuple[list[Score], float]]) -> None:
    head = (f"{'route':<5} {'files':>5} {'expected':>8} {'found':>7} {'matched':>7} {'recall':>8} "
            f"{'precis.':>8} {'para':>8} {'para*':>8} {'text':>8} {'errors':>6} {'time':>7}")
    print(head)
    print("-" * len(head))
    for route, (scores, secs) in results.items():
        t = total(scores)
        para_star = pct(t.para_decidable_ratio) if route == "txt" else " " * 7
        print(f"{route:<5} {t.files:>5} {t.expected:>8} {t.found:>7} {t.matched:>7} "
              f"{pct(t.matched_ratio):>8} {pct(t.precision):>8} {pct(t.para_ratio):>8} {para_star:>8} "
              f"{pct(t.text_ratio):>8} {t.errors:>6} {secs:>6.1f}s")
    print("para* = paragraph counts over the articles whose breaks the PDF-like text shows "
          "(a paragraph ending within two columns of the line end, followed by one without "
          "a marker, cannot be told from a wrap)")
    for route, (scores, _secs) in results.items():
        kinds = collections.Counter(m.kind for s in scores for m in s.mismatches)
        ambiguous = sum(s.ambiguous for s in scores)
        extra = f", articles with an invisible break {ambiguous}" if route == "txt" else ""
        print(f"{route} mismatches: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + extra)


def print_folders(results: dict[str, tuple[list[Score], float]]) -> None:
    print("\nBy folder (recall / paragraph counts / text):")
    routes = list(results)
    print(f"{'folder':<20} {'files':>5} {'articles':>8}  " + "  ".join(f"{r:^26}" for r in routes))
    folders: dict[str, dict[str, Score]] = collections.defaultdict(dict)
    for route, (scores, _secs) in results.items():
        for s in scores:
            folder = s.name.split("/", 1)[0]
            folders[folder].setdefault(route, Score(name=folder))
            folders[folder][route] += s
    for folder in sorted(folders):
        any_score = next(iter(folders[folder].values()))
        cells = []
        for r in routes:
            t = folders[folder][r]
            cells.append(f"{pct(t.matched_ratio)} {pct(t.para_ratio)} {pct(t.text_ratio)}")
        print(f"{folder:<20} {any_score.files:>5} {any_score.expected:>8}  " + "  ".join(cells))


def print_worst(route: str, scores: list[Score], n: int) -> None:
    print(f"\nWorst {n} files ({route}):")
    for s in worst(scores, n):
        bad_para = s.matched - s.para_ok
        bad_text = s.matched - s.text_ok
        invisible = sum(1 for m in s.mismatches if m.invisible)
        print(f"  {s.name}")
        print(f"      {s.matched}/{s.expected} matched, {s.found - s.matched} spurious, "
              f"{bad_para} paragraph counts wrong ({invisible} of them at invisible breaks), "
              f"{bad_text} texts wrong" + (", PARSER ERROR" if s.errors else ""))
        real = [m for m in s.mismatches if not m.invisible]
        kinds = collections.Counter(m.kind for m in real)
        shown: set[str] = set()
        for m in real:  # one example of each kind of mismatch
            if m.kind not in shown:
                shown.add(m.kind)
                print(f"      [{kinds[m.kind]}x] {str(m)[:150]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only N files, spread evenly over the corpus")
    ap.add_argument("--garbled-only", action="store_true", help="only the PDF-like (txt) route")
    ap.add_argument("--md-only", action="store_true", help="only the Markdown route")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--worst", type=int, default=15, help="how many worst files to list")
    args = ap.parse_args(argv)
    if not CORPUS_DIR.is_dir():
        print(f"corpus not found: {CORPUS_DIR}", file=sys.stderr)
        return 1
    files = pick(corpus_files(), args.limit)
    routes = ["txt"] if args.garbled_only else ["md"] if args.md_only else ["md", "txt"]
    print(f"Corpus round trip: {len(files)} files from {CORPUS_DIR}, {args.jobs} worker(s)\n")
    results = {route: run(files, route, args.jobs) for route in routes}
    print_totals(results)
    print_folders(results)
    for route in routes:
        print_worst(route, results[route][0], args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
