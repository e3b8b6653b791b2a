"""Documents the parser has never seen: held-out corpus laws written out in the real formats.

    python tests/benchmarks/bench_unseen.py [--out DIR] [--small | --rounds N] [--score [DIR]] [--worst 8]

Generates (tests/unseen_tools.py: LibreOffice gazette PDFs, Chromium-printed pages, flk altChunk
Word files, gov.cn pages, flk text) into a temporary directory — or scores the committed
tests/data/unseen files (or DIR) when soffice/chromium are missing or ``--score`` is given — parses
each file with reader.core.pipeline.parse_file and prints per format: documents split right,
titles right, 章/节 headings right, article recall / precision, text exact, 款 accuracy, leaked
furniture, and the worst mismatches.  The issue's targets are printed beside the figures.
No asserts: tests/test_unseen_formats.py holds the targets.
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

from tests.corpus_tools import Score  # noqa: E402
from tests.unseen_tools import TARGETS, UnseenScore, generate_all, score_unseen, tools_missing  # noqa: E402

COMMITTED = REPO / "tests" / "data" / "unseen"


def row(r: UnseenScore, seconds: float) -> str:
    s = r.score
    return (f"  {r.path.name:24} docs {r.documents_found}/{r.documents_expected} "
            f"titles {'ok' if r.titles_ok else 'WRONG'} headings {'ok' if r.headings_ok else 'WRONG'} "
            f"art {s.matched}/{s.expected} (+{s.found - s.matched}) text {s.text_ratio:.3f} "
            f"款 {s.para_decidable_ratio:.3f} leaks {len(r.leaks)} {seconds:.1f}s")


def report(results: dict[str, list[UnseenScore]], worst: int) -> None:
    print("\n== totals (target: articles recall=precision=1.000, text, 款; 0 leaks)")
    for fmt, rs in results.items():
        total = Score()
        for r in rs:
            total += r.score
        target = TARGETS[fmt]
        split = sum(r.split_ok for r in rs)
        titles = sum(r.titles_ok for r in rs)
        heads = sum(r.headings_ok for r in rs)
        leaks = sum(len(r.leaks) for r in rs)
        meets = (total.matched_ratio >= target[0] and total.precision >= target[0] and total.text_ratio >= target[1]
                 and total.para_decidable_ratio >= target[2] and not leaks and split == titles == len(rs) and not total.errors)
        print(f"{fmt:12} files {len(rs)}  split {split}/{len(rs)}  titles {titles}/{len(rs)}  headings {heads}/{len(rs)}  "
              f"recall {total.matched_ratio:.3f} precision {total.precision:.3f}  text {total.text_ratio:.3f}"
              f" (≥{target[1]})  款 {total.para_ratio:.3f} (≥{target[2]})  leaks {leaks}  errors {total.errors}"
              f"  {'MEETS' if meets else 'below target'}")
    print(f"\n== worst mismatches (up to {worst} per file)")
    for rs in results.values():
        for r in rs:
            problems = [str(m) for m in r.score.mismatches if not m.invisible][:worst] + r.leaks[:3]
            if not r.titles_ok:
                problems.insert(0, f"titles {r.titles_found} (want {r.titles_expected})")
            if not r.headings_ok:
                missing = [h for h in r.headings_expected if h not in r.headings_found]
                extra = [h for h in r.headings_found if h not in r.headings_expected]
                problems.insert(0, f"headings: {len(r.headings_found)} found, {len(r.headings_expected)} wanted;"
                                   f" missing {missing[:3]} extra {extra[:3]}")
            if problems:
                print(f"  {r.path.name}:")
                for p in problems:
                    print(f"    {p[:220]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="generate into this directory (kept)")
    ap.add_argument("--small", action="store_true", help="the small set committed under tests/data/unseen")
    ap.add_argument("--rounds", type=int, default=3, help="files per format and variant (other laws each round)")
    ap.add_argument("--score", type=Path, nargs="?", const=COMMITTED,
                    help="score the files of this directory (default tests/data/unseen) without generating")
    ap.add_argument("--worst", type=int, default=8)
    args = ap.parse_args()
    missing = tools_missing()
    with tempfile.TemporaryDirectory() as tmp:
        if args.score or missing:
            folder = args.score or COMMITTED
            if missing and not args.score:
                print(f"{', '.join(missing)} missing: scoring the committed files")
            files = sorted(p for p in folder.iterdir()
                           if p.suffix != ".json" and p.with_suffix(".gold.json").is_file())
        else:
            out = args.out or Path(tmp)
            t0 = time.perf_counter()
            files = generate_all(out, small=args.small, rounds=args.rounds)
            print(f"generated {len(files)} files into {out} in {time.perf_counter() - t0:.0f}s")
        results: dict[str, list[UnseenScore]] = {}
        for path in files:
            t0 = time.perf_counter()
            r = score_unseen(path)
            results.setdefault(r.fmt, []).append(r)
            print(row(r, time.perf_counter() - t0))
        report(results, args.worst)


if __name__ == "__main__":
    main()
