"""Gazette extracts of regulations the parser has never seen: 款, text, articles, documents.

    python tests/benchmarks/bench_gazette_extracts.py [--gazettes N] [--worst K] [--no-baseline]

Corpus laws (shared/corpus/laws, those with articles) are split once, by a seeded shuffle,
into a tuning half and a held-out half.  From each half, N gazette files of 1–3 laws are
typeset by tests/gazette_tools.render_gazette (width 28–40, indents kept or dropped, blank
lines after every line / between paragraphs / nowhere, page footers and running headers,
page breaks mid-sentence, 令 and 印发通知 heads) and parsed as txt sources.  Printed per
half, for today's code and for git HEAD's reader/core/normalize.py (loaded from ``git
show`` into a temporary module, the rest of the parser shared): article recall and
precision, 款 counts right (all articles, and those whose break the extract shows), article
text exact, and gazettes whose documents were split right (one per law, each holding
exactly its law's article labels).  ``--worst`` lists mismatches of the tuning half only:
the held-out half is for reporting, never for looking at.  No asserts.
"""
from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reader.core import pipeline  # noqa: E402
from tests.corpus_tools import (  # noqa: E402
    CORPUS_DIR,
    Score,
    compare,
    error_score,
    fold_label,
    parsed_articles,
    txt_source,
)
from tests.gazette_tools import (  # noqa: E402
    Gazette,
    gazette_halves,
    sample_gazettes,
)

@dataclass
class Result:
    """One code version on one half."""

    score: Score = field(default_factory=Score)
    gazettes: int = 0
    split_right: int = 0
    documents: int = 0
    documents_found: int = 0
    by_layout: dict[str, Score] = field(default_factory=lambda: collections.defaultdict(Score))
    seconds: float = 0.0


def baseline_clean(rev: str = "HEAD") -> Callable:
    """``clean`` of ``rev``'s normalize.py, loaded into a temporary module (no checkout)."""
    source = subprocess.run(["git", "show", f"{rev}:reader/core/normalize.py"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    module = types.ModuleType("baseline_normalize")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{rev}:reader/core/normalize.py", "exec"), module.__dict__)
    return module.clean


@contextmanager
def using(clean: Callable | None) -> Iterator[None]:
    saved = pipeline.clean
    if clean is not None:
        pipeline.clean = clean
    try:
        yield
    finally:
        pipeline.clean = saved


def layout_keys(g: Gazette) -> list[str]:
    lay = g.layout
    return [f"indent {'kept' if lay.indent else 'dropped'}", f"blanks {lay.blanks}",
            "garbled" if lay.garbled else "clean", f"footer {lay.footer}",
            "headers" if lay.headers else "no headers"]


def score(g: Gazette, into: Result) -> None:
    expected = g.articles
    name = " + ".join(g.names)
    src = txt_source(Path(g.names[0]).with_suffix(".txt"), g.text)
    try:
        docs = pipeline.parse_source(src)
    except Exception as exc:  # noqa: BLE001 - a crash is a result
        s = error_score(expected, name, exc, g.ambiguous)
        docs = []
    else:
        s = compare(expected, docs, name=name, ambiguous=g.ambiguous)
    into.score += s
    for key in layout_keys(g):
        into.by_layout[key] += s
    into.gazettes += 1
    into.documents += len(g.expected)
    into.documents_found += len(docs)
    labels = [[fold_label(a.label) for a in parsed_articles(d)] for d in docs]
    if labels == [[fold_label(a.label) for a in e] for e in g.expected]:
        into.split_right += 1


def run(gs: list[Gazette], clean: Callable | None) -> Result:
    result = Result()
    start = time.perf_counter()
    with using(clean):
        for g in gs:
            score(g, result)
    result.seconds = time.perf_counter() - start
    return result


def pct(x: float) -> str:
    return f"{100 * x:7.2f}%"


def print_table(rows: dict[str, Result]) -> None:
    head = (f"{'half / code':<22} {'files':>5} {'articles':>8} {'recall':>8} {'precis.':>8} {'款':>8} "
            f"{'款*':>8} {'text':>8} {'split ok':>9} {'docs':>9} {'errors':>6} {'time':>6}")
    print(head)
    print("-" * len(head))
    for label, r in rows.items():
        t = r.score
        print(f"{label:<22} {r.gazettes:>5} {t.expected:>8} {pct(t.matched_ratio)} {pct(t.precision)} "
              f"{pct(t.para_ratio)} {pct(t.para_decidable_ratio)} {pct(t.text_ratio)} "
              f"{r.split_right:>4}/{r.gazettes:<4} {r.documents_found:>4}/{r.documents:<4} {t.errors:>6} {r.seconds:5.1f}s")
    print("款 = articles with the right paragraph count; 款* = the same over articles whose breaks the "
          "extract shows; split ok = files whose documents hold exactly their law's articles; "
          "docs = documents found / documents typeset; errors = files the parser raised on")


def print_layouts(r: Result) -> None:
    print("\nTuning half, today's code, by layout (articles / 款 / 款* / text):")
    for key in sorted(r.by_layout):
        t = r.by_layout[key]
        print(f"  {key:<22} {t.expected:>6} {pct(t.para_ratio)} {pct(t.para_decidable_ratio)} {pct(t.text_ratio)}")


def print_worst(gs: list[Gazette], k: int) -> None:
    print(f"\nTuning half, today's code: first {k} mismatches (at breaks the extract shows)")
    shown = 0
    for g in gs:
        try:
            s = compare(g.articles, pipeline.parse_source(txt_source(Path("x.txt"), g.text)), ambiguous=g.ambiguous)
        except Exception as exc:  # noqa: BLE001 - a crash is a result
            s = error_score(g.articles, "", exc, g.ambiguous)
        for m in s.mismatches:
            if not m.invisible and shown < k:
                print(f"  {' + '.join(g.names)[:60]} [{g.layout.blanks}, indent {g.layout.indent!r}, "
                      f"w{g.layout.width}]: {str(m)[:160]}")
                shown += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gazettes", type=int, default=150, help="gazette files per half")
    ap.add_argument("--worst", type=int, default=0, help="list this many tuning-half mismatches")
    ap.add_argument("--no-baseline", action="store_true", help="skip the baseline's normalize.py")
    ap.add_argument("--rev", default="HEAD", help="the baseline's revision (default HEAD)")
    args = ap.parse_args(argv)
    if not CORPUS_DIR.is_dir():
        print(f"corpus not found: {CORPUS_DIR}", file=sys.stderr)
        return 1
    tune_laws, held_laws = gazette_halves()
    print(f"Laws with articles: {len(tune_laws)} tuning, {len(held_laws)} held out; "
          f"{args.gazettes} gazette files per half\n")
    tune = list(sample_gazettes(tune_laws, args.gazettes, "tune"))
    held = list(sample_gazettes(held_laws, args.gazettes, "held"))
    base = None if args.no_baseline else baseline_clean(args.rev)
    rows: dict[str, Result] = {}
    for half, gs in (("tuning", tune), ("held-out", held)):
        if base is not None:
            rows[f"{half} / {args.rev}"] = run(gs, base)
        rows[f"{half} / today"] = run(gs, None)
    print_table(rows)
    print_layouts(rows["tuning / today"])
    if args.worst:
        print_worst(tune, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
