"""Import speed: parse and import the whole corpus and the seeds, against the floor.

    python tests/benchmarks/bench_import.py [--limit N] [--no-parse] [--no-library] [--no-scaling]
                                            [--repeat N]

The floor is merely reading and decoding the same files (bytes → str), measured in the same
run, so "parse/floor" says what structure costs on this machine. Sets:

* corpus .md     — shared/corpus/laws, parse_file through the Markdown importer;
* corpus as PDF  — the same laws rendered by tests/corpus_tools.to_pdf_like, written as .txt
                   files, parse_file through the txt importer (the text-repair path);
* seeds          — shared/seeds (or resources/samples), the real gazette extracts.

Then, when reader.store.library.Library exists, the full corpus with the seeds (and the
seeds alone) imported into fresh temporary libraries without cross-references, with them,
and with them prepared in this process only (in turn, --repeat times each): the baseline for
what references add (aim, issue 6: at most 20 %; a large import prepares them in a worker
process when a core is spare, the last variant shows a machine without one). Last, a
scaling check: one synthetic gazette made of the PDF-like laws concatenated, cut at 1, 5
and 20 MB, parsed (and imported); time per MB must stay flat — a quadratic step shows as a
growing ratio. Aim (issue 2): parsing within 10× of the floor, the corpus imported in under
a minute. No asserts: figures only.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.corpus_tools import CORPUS_DIR, corpus_files, to_pdf_like

SEED_DIRS = (REPO.parent / "shared" / "seeds", REPO / "resources" / "samples")
MB = 1_000_000


@dataclass
class Run:
    """One timed pass over a set of files."""

    files: int
    nbytes: int
    chars: int
    seconds: float
    docs: int = 0
    articles: int = 0
    errors: int = 0


def decode(data: bytes) -> str:
    """The floor's decoding: what any importer must at least do."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def floor(paths: list[Path], repeat: int = 3) -> Run:
    """Read + decode every file; best of ``repeat`` (the first pass also warms the cache)."""
    best: Run | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        nbytes = chars = 0
        for p in paths:
            data = p.read_bytes()
            nbytes += len(data)
            chars += len(decode(data))
        run = Run(len(paths), nbytes, chars, time.perf_counter() - start)
        best = run if best is None or run.seconds < best.seconds else best
    assert best is not None
    return best


def parse_all(paths: list[Path], base: Run, repeat: int = 1) -> Run:
    """parse_file on every file (best of ``repeat``); a file that raises counts as an error."""
    from reader.core.model import NodeKind
    from reader.core.pipeline import parse_file

    best: Run | None = None
    for _ in range(repeat):
        gc.collect()
        docs = articles = errors = 0
        start = time.perf_counter()
        for p in paths:
            try:
                result = parse_file(p)
            except Exception:  # noqa: BLE001 - counted and shown, the benchmark goes on
                errors += 1
                continue
            docs += len(result)
            articles += sum(1 for d in result for n in d.walk() if n.kind == NodeKind.ARTICLE)
        run = Run(len(paths), base.nbytes, base.chars, time.perf_counter() - start, docs, articles, errors)
        best = run if best is None or run.seconds < best.seconds else best
    assert best is not None
    return best


def library_import(paths: list[Path], refs: bool = True, worker: bool = True) -> tuple[float, str] | None:
    """Import ``paths`` into a fresh temporary library; None when there is no Library yet.

    ``refs`` False: without cross-references (``References.enabled``), the baseline their
    cost is measured against.  ``worker`` False: references prepared in this process even
    when a worker would be used (a machine without a core to spare)."""
    try:
        from reader.store import refs_worker
        from reader.store.library import Library
        from reader.store.references import References
    except ImportError:
        return None
    References.enabled = refs
    least = refs_worker.WORKER_MIN_FILES
    refs_worker.WORKER_MIN_FILES = least if worker else sys.maxsize
    with tempfile.TemporaryDirectory(prefix="regreader-bench-lib-") as tmp:
        lib = Library.open(Path(tmp) / "library")
        try:
            gc.collect()
            start = time.perf_counter()
            report = lib.import_files(paths)
            secs = time.perf_counter() - start
            stored, resolved = lib.db.conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(resolved), 0) FROM refs").fetchone()
        finally:
            lib.close()
            References.enabled = True
            refs_worker.WORKER_MIN_FILES = least
    parts = [f"{len(getattr(report, name, []))} {name}" for name in ("added", "updated", "versions", "unchanged", "duplicates", "failures")]
    if refs:
        parts.append(f"{stored} references, {resolved} resolved")
    failures = getattr(report, "failures", [])
    if failures:
        first = failures[0]
        parts.append(f"first failure: {getattr(first, 'file', '')}: {getattr(first, 'reason', first)}"[:160])
    return secs, ", ".join(parts)


#: The imports refs_cost compares: label, references on, worker allowed.
VARIANTS = (("without refs", False, True), ("with refs", True, True), ("refs, 1 process", True, False))


def refs_cost(name: str, paths: list[Path], repeat: int) -> bool:
    """The files imported without cross-references, with them (a worker process prepares them
    when the import is large and a core is spare) and with them all in this process, in turn,
    ``repeat`` times each: what detecting, resolving and storing them adds (issue 6's aim: at
    most 20 %).  Printed as the ratio of the best times and as the median of the ratios of
    each pair (the machine's speed drifts between runs; both figures resist that)."""
    from reader.store import refs_worker

    runs: dict[str, list[tuple[float, str]]] = {label: [] for label, _, _ in VARIANTS}
    library_import(paths[:20])  # warm-up (imports, compiled patterns): not in the first pair
    for _ in range(repeat):
        for label, refs, worker in VARIANTS:
            result = library_import(paths, refs, worker)
            if result is None:
                print("  reader.store.library.Library not available yet — skipped")
                return False
            runs[label].append(result)
    size = sum(p.stat().st_size for p in paths) / MB
    best = {label: min(r[0] for r in results) for label, results in runs.items()}
    for label, _, _ in VARIANTS:
        summary = runs[label][-1][1]
        print(f"  {name:<12} {len(paths):>5} files {size:>7.2f} MB  {label:<15} {best[label]:>8.2f} s "
              f"({len(paths) / best[label]:.1f} files/s)  {summary}")
    base = VARIANTS[0][0]
    uses_worker = len(paths) >= refs_worker.WORKER_MIN_FILES and refs_worker.spare_cores() >= 1
    for label, _, worker in VARIANTS[1:]:
        pairs = sorted(b[0] / a[0] - 1 for a, b in zip(runs[base], runs[label]))
        how = ("a worker process" if uses_worker else "in process (too few files or cores for a worker)") \
            if worker else "in process"
        print(f"  {label}: cross-references add {best[label] / best[base] - 1:+.1%} (best times of {repeat}),"
              f" {statistics.median(pairs):+.1%} (median of the pairs; aim ≤ 20 %) — prepared {how}")
    return True


# --- printing -------------------------------------------------------------------------

HEAD = (f"{'set':<22} {'step':<12} {'files':>6} {'MB':>7} {'seconds':>9} {'files/s':>9} "
        f"{'MB/s':>8} {'Mchars/s':>9} {'×floor':>7}  result")


def row(name: str, step: str, run: Run, base: Run | None = None, note: str = "") -> str:
    secs = max(run.seconds, 1e-9)
    ratio = f"{run.seconds / base.seconds:7.1f}" if base and base.seconds > 0 else f"{'':>7}"
    return (f"{name:<22} {step:<12} {run.files:>6} {run.nbytes / MB:>7.2f} {run.seconds:>9.3f} "
            f"{run.files / secs:>9.1f} {run.nbytes / MB / secs:>8.2f} {run.chars / 1e6 / secs:>9.2f} "
            f"{ratio}  {note}")


def bench_set(name: str, paths: list[Path]) -> None:
    base = floor(paths)
    parsed = parse_all(paths, base, repeat=3 if base.nbytes < 2 * MB else 1)
    print(row(name, "read+decode", base))
    note = f"{parsed.docs} docs, {parsed.articles} articles" + (f", {parsed.errors} ERRORS" if parsed.errors else "")
    print(row("", "parse_file", parsed, base, note))


def render_corpus(files: list[Path], out_dir: Path) -> list[Path]:
    """Write every law's PDF-like rendering as a .txt file (seeded by its corpus path)."""
    out: list[Path] = []
    for k, f in enumerate(files):
        name = str(f.relative_to(CORPUS_DIR))
        target = out_dir / f"{k:04d}.txt"
        target.write_text(to_pdf_like(f.read_text(encoding="utf-8"), seed=name), encoding="utf-8")
        out.append(target)
    return out


def synthetic(parts: Iterable[Path], sizes_mb: list[int], out_dir: Path) -> list[tuple[int, Path]]:
    """One gazette-like file per size: PDF-like laws concatenated, cut at a law boundary."""
    texts: list[str] = []
    total = 0
    result: list[tuple[int, Path]] = []
    targets = sorted(sizes_mb)
    it = iter(parts)
    for size in targets:
        while total < size * MB:
            part = next(it, None)
            if part is None:
                break
            text = part.read_text(encoding="utf-8")
            texts.append(text)
            total += len(text.encode("utf-8"))
        if total < size * MB * 0.9:
            break  # not enough corpus for this size
        path = out_dir / f"synthetic_{size}MB.txt"
        path.write_text("\n".join(texts), encoding="utf-8")
        result.append((size, path))
    return result


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def scaling(rendered: list[Path], tmp: Path, with_library: bool) -> None:
    from reader.core.pipeline import parse_file

    print("\nScaling: one synthetic gazette of PDF-like laws, cut at law boundaries")
    files = synthetic(rendered, [1, 5, 20], tmp)
    if not files:
        print("  not enough corpus text")
        return
    head = f"{'size':>6} {'MB':>7} {'floor s':>8} {'parse s':>9} {'s/MB':>8} {'vs 1 MB':>8} {'docs':>6}"
    if with_library:
        head += f" {'import s':>9} {'s/MB':>8}"
    print(head)
    per_mb_first: float | None = None
    for size, path in files:
        mb = path.stat().st_size / MB
        base = floor([path], repeat=2)
        try:
            secs, docs = timed(lambda path=path: parse_file(path))
            ndocs = str(len(docs))  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001
            print(f"{size:>4}MB {mb:>7.2f} {base.seconds:>8.3f}  parse failed: {type(exc).__name__}: {exc}"[:200])
            continue
        per_mb = secs / mb
        per_mb_first = per_mb_first or per_mb
        line = (f"{size:>4}MB {mb:>7.2f} {base.seconds:>8.3f} {secs:>9.3f} {per_mb:>8.3f} "
                f"{per_mb / per_mb_first:>8.2f} {ndocs:>6}")
        if with_library:
            imported = library_import([path])
            if imported is not None:
                line += f" {imported[0]:>9.3f} {imported[0] / mb:>8.3f}  {imported[1]}"
        print(line)
    print("  'vs 1 MB' is time per MB relative to the 1 MB file: ~1.0 everywhere means linear.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N corpus files (quick look)")
    ap.add_argument("--no-library", action="store_true", help="skip the library imports")
    ap.add_argument("--no-scaling", action="store_true", help="skip the 1/5/20 MB scaling check")
    ap.add_argument("--no-parse", action="store_true", help="skip the parse-only sets")
    ap.add_argument("--repeat", type=int, default=5, help="library imports: N of each (default 5)")
    ap.add_argument("--no-memory", action="store_true",
                    help="skip the peak memory of a whole-corpus import through the CLI")
    args = ap.parse_args(argv)

    seeds_dir = next((d for d in SEED_DIRS if d.is_dir() and any(d.glob("*.txt"))), None)
    seeds = sorted(seeds_dir.glob("*.txt")) if seeds_dir else []
    corpus = corpus_files() if CORPUS_DIR.is_dir() else []
    if args.limit:
        corpus = corpus[: args.limit]
    if not corpus and not seeds:
        print("neither the corpus nor the seeds were found", file=sys.stderr)
        return 1
    print(f"Import benchmark — corpus: {len(corpus)} files ({CORPUS_DIR}); seeds: {len(seeds)} ({seeds_dir})")
    with tempfile.TemporaryDirectory(prefix="regreader-bench-") as tmp_name:
        tmp = Path(tmp_name)
        rendered: list[Path] = []
        if not (args.no_parse and args.no_scaling):
            start = time.perf_counter()
            (tmp / "pdf").mkdir()
            rendered = render_corpus(corpus, tmp / "pdf")
            print(f"(rendered the corpus as PDF-like text in {time.perf_counter() - start:.1f}s; not timed below)\n")
        print(HEAD)
        print("-" * len(HEAD))
        if corpus and not args.no_parse:
            bench_set("corpus .md", corpus)
            bench_set("corpus as PDF (.txt)", rendered)
        if seeds and not args.no_parse:
            bench_set("seeds (.txt)", seeds)

        if not args.no_library:
            print("\nLibrary import (fresh temporary library):")
            for name, paths in (("corpus+seeds", corpus + seeds), ("seeds", seeds)):
                if paths and not refs_cost(name, paths, args.repeat):
                    break
        if not args.no_scaling and rendered:
            scaling(rendered, tmp, with_library=not args.no_library)
        if corpus and not args.no_memory:
            peak_memory(corpus, tmp)
    return 0


def peak_memory(corpus: list[Path], tmp: Path) -> None:
    """Peak RSS of `regreader import` of the whole corpus (its reference worker included:
    the largest process of the tree), beside a Python that only reads and decodes the same
    files — measured in child processes, so this process's own memory does not count."""
    import resource
    import subprocess

    def peak(code: str, *args: str) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=REPO,
                       stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return max(after, before) / 1024, time.perf_counter() - start

    folder = corpus[0].parents[1] if len(corpus) > 50 else corpus[0].parent
    listing = tmp / "corpus-files.txt"
    listing.write_text("\n".join(map(str, corpus)), encoding="utf-8")
    floor_mb, _ = peak("import sys, pathlib\nfor p in pathlib.Path(sys.argv[1]).read_text().splitlines():"
                       " pathlib.Path(p).read_bytes().decode('utf-8', 'replace')", str(listing))
    mb, seconds = peak("import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))",
                       "--library", str(tmp / "memory-library"), "import", str(folder))
    print(f"\npeak RSS, whole corpus imported by `regreader import` ({len(corpus)} files, {seconds:.1f} s):"
          f" {mb:.0f} MB   (floor: read+decode in a bare Python {floor_mb:.0f} MB; aim < 600 MB)")


if __name__ == "__main__":
    sys.exit(main())
