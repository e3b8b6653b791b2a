"""Real files, per format: how faithfully each comes out against its reference.

    python tests/benchmarks/bench_realdocs.py [--format pdf] [--worst 5] [--baseline]

For every file of ../shared/realdocs (see tests/realdocs_tools.py for the answer keys):
titles, 文号 (web pages), documents found, article recall and precision, article text exact,
款 counts, seconds.  Per format: the totals against the issue's targets.  ``--baseline``
parses the same files with the code of git HEAD~N (``--rev``) in a temporary worktree, side
by side.  No asserts: tests/test_realdocs.py holds the targets.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.benchmarks.benchtools import worktree  # noqa: E402
from tests.realdocs_tools import REALDOCS, TARGETS, FormatTotal, RealScore, realdocs, score_real  # noqa: E402



def run(formats: list[str], worst: int) -> dict[str, FormatTotal]:
    totals: dict[str, FormatTotal] = {}
    for fmt, files in realdocs().items():
        if formats and fmt not in formats:
            continue
        total = FormatTotal()
        print(f"\n== {fmt}")
        for path in files:
            t0 = time.perf_counter()
            r = score_real(path)
            seconds = time.perf_counter() - t0
            total.add(r)
            print(_row(r, seconds))
            for m in [m for m in r.score.mismatches if not m.invisible][:worst]:
                print(f"      {m}")
        totals[fmt] = total
    return totals


def _row(r: RealScore, seconds: float) -> str:
    s = r.score
    title = "ok" if r.titles_ok else f"WRONG {r.titles_found} (want {r.titles_expected})"
    number = ""
    if r.doc_number_expected:
        ok = r.doc_number_found == r.doc_number_expected
        number = f"  文号 {'ok' if ok else f'WRONG {r.doc_number_found!r} (want {r.doc_number_expected!r})'}"
    own = f" ({r.source_differs} the file's own wording)" if r.source_differs else ""
    hidden = s.expected - (s.ambiguous or 0)
    arts = (f"articles {s.matched}/{s.expected} (+{s.found - s.matched})  text {s.text_ratio:.3f}{own}  "
            f"款 {s.para_ratio:.3f} ({s.para_decidable_ratio:.3f} of {hidden} shown)"
            if s.expected or s.found else "no articles")
    err = "  ERROR" if s.errors else ""
    return f"  {r.path.name[:34]:<36} {seconds:5.2f}s  docs {len(r.titles_found)}  title {title}{number}  {arts}{err}"


def summary(totals: dict[str, FormatTotal], label: str) -> None:
    print(f"\n{label}: per format (target articles / text / 款; strict figures in brackets)")
    for fmt, t in totals.items():
        s, want = t.score, TARGETS.get(fmt, (1.0, 0.99, 0.99))
        print(f"  {fmt:<12} files {s.files:2d}  titles {s.files - len(t.wrong_titles)}/{s.files}  "
              f"articles {s.matched_ratio:.3f} (precision {s.precision:.3f})  "
              f"text {t.text:.3f} [{s.text_ratio:.3f}]  款 {t.paragraphs:.3f} [{s.para_ratio:.3f}]  errors {s.errors}   "
              f"target {want[0]:.3f}/{want[1]:.3f}/{want[2]:.3f}  {'met' if t.meets(want) else 'NOT MET'}")


def baseline(rev: str, formats: list[str]) -> None:
    """The same run with the code at ``rev`` (a detached worktree; nothing here changes)."""
    with worktree(rev) as tree:
        for tool in ("realdocs_tools.py", "benchmarks/benchtools.py"):
            (tree / "tests" / tool).write_bytes((REPO / "tests" / tool).read_bytes())
        code = ("import sys; sys.path.insert(0, '.'); from tests.benchmarks import bench_realdocs as b; "
                f"b.summary(b.run({formats!r}, 0), 'baseline {rev}')")
        (tree / "tests" / "benchmarks" / "bench_realdocs.py").write_bytes(Path(__file__).read_bytes())
        out = subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True, text=True)
        print(out.stdout[out.stdout.find(f"baseline {rev}"):] or out.stderr[-2000:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", action="append", default=[], help="only these folders of realdocs/")
    ap.add_argument("--worst", type=int, default=3, help="mismatches shown per file")
    ap.add_argument("--baseline", action="store_true", help="also run the code of --rev, side by side")
    ap.add_argument("--rev", default="HEAD", help="the baseline's revision (default HEAD)")
    args = ap.parse_args()
    if not REALDOCS.is_dir():
        sys.exit(f"{REALDOCS} not found")
    totals = run(args.format, args.worst)
    summary(totals, "this tree")
    if args.baseline:
        baseline(args.rev, args.format)


if __name__ == "__main__":
    main()
