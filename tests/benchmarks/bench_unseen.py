"""Documents the parser has never seen: held-out corpus laws written out in the real formats.

    python tests/benchmarks/bench_unseen.py [--out DIR] [--small | --rounds N] [--score [DIR]] [--worst 8]
                                            [--rev HEAD | --no-baseline]

Generates (tests/unseen_tools.py: LibreOffice gazette PDFs, Chromium-printed pages, flk altChunk
Word files, gov.cn pages, flk text) into a temporary directory — or scores the committed
tests/data/unseen files (or DIR) when soffice/chromium are missing or ``--score`` is given — parses
each file with reader.core.pipeline.parse_file and prints per format: documents split right,
titles right, 章/节 headings right, article recall / precision, text exact, 款 accuracy, leaked
furniture, and the worst mismatches.  The issue's targets are printed beside the figures.
The baseline: the same files parsed by the code of git ``--rev`` (default HEAD) in a temporary
worktree, its totals printed below.  No asserts: tests/test_unseen_formats.py holds the targets.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from collections import Counter  # noqa: E402

from tests.benchmarks.benchtools import worktree  # noqa: E402
from tests.corpus_tools import Score  # noqa: E402
from tests.unseen_scoring import UnseenScore, score_unseen  # noqa: E402
from tests.unseen_tools import TARGETS, generate_all, tools_missing  # noqa: E402

COMMITTED = REPO / "tests" / "data" / "unseen"


def row(r: UnseenScore, seconds: float) -> str:
    s = r.score
    return (f"  {r.path.name:24} docs {r.documents_found}/{r.documents_expected} "
            f"titles {'ok' if r.titles_ok else 'WRONG'} headings {'ok' if r.headings_ok else 'WRONG'} "
            f"art {s.matched}/{s.expected} (+{s.found - s.matched}) text {s.text_ratio:.3f} "
            f"款 {s.para_decidable_ratio:.3f} leaks {len(r.leaks)} lost {len(r.lost)} {seconds:.1f}s")


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
        lost = sum(len(r.lost) for r in rs)
        meets = (total.matched_ratio >= target[0] and total.precision >= target[0]
                 and total.text_ratio >= target[1] and total.para_decidable_ratio >= target[2]
                 and not (leaks or lost or total.errors) and split == titles == heads == len(rs))
        print(f"{fmt:12} files {len(rs)}  split {split}/{len(rs)}  titles {titles}/{len(rs)}  "
              f"headings {heads}/{len(rs)}  recall {total.matched_ratio:.3f} precision {total.precision:.3f}  "
              f"text {total.text_ratio:.3f} (≥{target[1]})  款 {total.para_decidable_ratio:.3f} (≥{target[2]}; "
              f"strict {total.para_ratio:.3f})  leaks {leaks}  lost {lost}  errors {total.errors}  "
              f"{'MEETS' if meets else 'below target'}")
    print(f"\n== worst mismatches (up to {worst} per file)")
    for rs in results.values():
        for r in rs:
            problems = [str(m) for m in r.score.mismatches if not m.invisible][:worst] + r.leaks[:3]
            problems += [f"lost: {x}" for x in r.lost[:3]]
            if not r.titles_ok:
                problems.insert(0, f"titles {r.titles_found} (want {r.titles_expected})")
            if not r.headings_ok:
                missing = list((Counter(r.headings_expected) - Counter(r.headings_found)).elements())
                extra = list((Counter(r.headings_found) - Counter(r.headings_expected)).elements())
                problems.insert(0, f"headings: {len(r.headings_found)} found, {len(r.headings_expected)} wanted;"
                                   f" missing {missing[:3]} extra {extra[:3]}")
            if problems and worst:
                print(f"  {r.path.name} ({', '.join(r.sources)}; {r.layout}):")
                for p in problems:
                    print(f"    {p[:220]}")


def baseline(rev: str, folder: Path) -> None:
    """Score ``folder`` with the parser of ``rev`` (a detached worktree beside this one, the
    test tools of this tree copied in; nothing in this tree changes)."""
    with worktree(rev) as tree:
        for tool in ("corpus_tools.py", "gazette_tools.py", "realdocs_tools.py", "unseen_tools.py", "unseen_scoring.py",
                     "benchmarks/bench_unseen.py",
                     "benchmarks/benchtools.py"):
            shutil.copyfile(REPO / "tests" / tool, tree / "tests" / tool)
        out = subprocess.run([sys.executable, "tests/benchmarks/bench_unseen.py", "--score", str(folder),
                              "--worst", "0", "--no-baseline"], cwd=tree, capture_output=True, text=True)
        text = out.stdout.partition("== totals")[2].partition("== worst")[0] or out.stderr[-2000:]
        print(f"\n== baseline: the parser of {rev}, totals {text.strip()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="generate into this directory (kept)")
    ap.add_argument("--small", action="store_true", help="the small set committed under tests/data/unseen")
    ap.add_argument("--rounds", type=int, default=3, help="files per format and variant (other laws each round)")
    ap.add_argument("--score", type=Path, nargs="?", const=COMMITTED,
                    help="score the files of this directory (default tests/data/unseen) without generating")
    ap.add_argument("--worst", type=int, default=8)
    ap.add_argument("--rev", default="HEAD", help="the baseline's revision")
    ap.add_argument("--no-baseline", action="store_true", help="skip the baseline run")
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
        if not args.no_baseline and files:
            baseline(args.rev, files[0].parent.resolve())


if __name__ == "__main__":
    main()
