"""PDF import: fidelity on the real PDFs, speed against bare extraction, memory per page.

    python tests/benchmarks/bench_pdf.py [--pages 100] [--skip-plumber] [--synthetic 20 --seed 1]

1. Fidelity: every PDF of ../shared/realdocs (gazette-pdf against its gold, pdf against
   the same law in the corpus): documents, titles, articles, article text exact, 款.
2. Library choice: pypdfium2 against pdfplumber (pdfminer.six) on 中华人民共和国民法典.pdf —
   seconds to get every character with its box, and how far the two libraries' boxes of
   the same characters lie apart.
3. Generality: ``--synthetic`` corpus laws typeset as PDFs in three layouts (the tests'
   PDF writer), scored against their Markdown.
4. Speed: a ``--pages``-page PDF made here from the real files (PdfDocument.import_pages),
   parsed by parse_file, beside pypdfium2's bare text-and-box extraction of the same file
   in the same run (targets: under 3 s, within 3x of the bare extraction).
5. Memory: peak RSS of parse_file in a fresh process for files of 25 … 4x``--pages`` pages
   (it should stay flat: pages are read one at a time and closed).
No asserts: tests/test_pdf_import.py holds the targets.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pypdfium2 as pdfium  # noqa: E402

from tests.corpus_tools import Score  # noqa: E402
from tests.realdocs_tools import REALDOCS, score_real  # noqa: E402

CIVIL_CODE = REALDOCS / "pdf" / "中华人民共和国民法典.pdf"


def fidelity() -> None:
    print("== fidelity (real files)")
    for folder in ("gazette-pdf", "pdf"):
        total = Score(name=folder)
        for path in sorted((REALDOCS / folder).glob("*.pdf")):
            t0 = time.perf_counter()
            r = score_real(path)
            seconds = time.perf_counter() - t0
            s = r.score
            total += s
            title = "ok" if r.titles_ok else f"WRONG {r.titles_found}"
            print(f"  {path.name[:30]:<32} {seconds:5.2f}s docs {len(r.titles_found)} title {title}  "
                  f"articles {s.matched}/{s.expected} (+{s.found - s.matched})  text {s.text_ratio:.3f}  "
                  f"款 {s.para_ratio:.3f}")
        print(f"  {folder}: articles {total.matched_ratio:.3f} (precision {total.precision:.3f})  "
              f"text {total.text_ratio:.3f}  款 {total.para_ratio:.3f}")


def synthetic(count: int, seed: int) -> None:
    """Corpus laws typeset three ways by the tests' PDF writer (GB/T 9704 gazette with
    indents, book without indents or spacing, web page with paragraph spacing): the
    importer's paragraphs against the Markdown, on files no rule was fitted to."""
    import random

    from reader.core.importers import load_bytes
    from reader.core.pipeline import parse_source
    from tests.corpus_tools import compare, corpus_files, expected_articles, split_md
    from tests.test_pdf_import import Layout, pdf_bytes

    files = random.Random(seed).sample(corpus_files(), count)
    layouts = {
        "gazette (indents)": Layout(),
        "book (no indents)": Layout(indent=0, header="", footer="{n}", chars=40, em=10.5, pitch=18, left=70),
        "web page (spacing)": Layout(indent=0, header="", footer="", spacing=10, chars=50, left=34, em=10.7, pitch=16),
    }
    print(f"\n== synthetic: {count} corpus laws (seed {seed}) typeset as PDF three ways")
    for name, layout in layouts.items():
        total = Score(name=name)
        for f in files:
            md = f.read_text(encoding="utf-8")
            blocks = [("center", next((ln[2:] for ln in md.splitlines() if ln.startswith("# ")), f.stem))]
            for _n, line in split_md(md)[1]:
                t = line.strip()
                if t and not t.startswith(("<!--", "|")):
                    blocks.append(("center", t.lstrip("#").strip()) if t.startswith("#") else ("body", t))
            docs = parse_source(load_bytes(f.stem + ".pdf", pdf_bytes(layout.typeset(blocks))))
            total += compare(expected_articles(md), docs, name=f.name)
        print(f"  {name:<20} {total.summary()}")


def bare_extraction(path: Path) -> tuple[int, float]:
    """pypdfium2 alone: every page's text and every character's box (the baseline)."""
    t0 = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    chars = 0
    for number in range(len(pdf)):
        page = pdf[number]
        textpage = page.get_textpage()
        textpage.get_text_range()
        n = textpage.count_chars()
        for k in range(n):
            textpage.get_charbox(k, loose=True)
        chars += n
        textpage.close()
        page.close()
    pdf.close()
    return chars, time.perf_counter() - t0


def library_choice() -> None:
    print(f"\n== pypdfium2 vs pdfplumber on {CIVIL_CODE.name}")
    chars, seconds = bare_extraction(CIVIL_CODE)
    print(f"  pypdfium2   {chars:7d} characters with boxes  {seconds:6.2f}s")
    try:
        import pdfplumber
    except ImportError:
        print("  pdfplumber not installed")
        return
    t0 = time.perf_counter()
    with pdfplumber.open(str(CIVIL_CODE)) as doc:
        count = sum(len(page.chars) for page in doc.pages)
        plumber = [(c["text"], c["x0"], c["x1"], doc.pages[0].height - c["bottom"]) for c in doc.pages[0].chars]
    seconds_p = time.perf_counter() - t0
    print(f"  pdfplumber  {count:7d} characters with boxes  {seconds_p:6.2f}s  ({seconds_p / seconds:.1f}x slower)")
    pdf = pdfium.PdfDocument(str(CIVIL_CODE))
    textpage = pdf[0].get_textpage()
    ours = []
    for k in range(textpage.count_chars()):
        ch = textpage.get_text_range(k, 1)
        if ch.strip():
            left, bottom, right, _top = textpage.get_charbox(k, loose=True)
            ours.append((ch, left, right, bottom))
    plumber = [c for c in plumber if c[0].strip()]
    pairs = [(a, b) for a, b in zip(ours, plumber) if a[0] == b[0]]
    dx = sorted(max(abs(a[1] - b[1]), abs(a[2] - b[2])) for a, b in pairs)
    if dx:
        print(f"  page 1: {len(pairs)}/{len(plumber)} characters paired in order; left/right edges differ by "
              f"median {dx[len(dx) // 2]:.3f} pt, max {dx[-1]:.3f} pt")


def make_pdf(pages: int, into: Path) -> Path:
    """A ``pages``-page PDF from the real files (the 民法典, then the other laws, repeated)."""
    sources = [CIVIL_CODE, *sorted((REALDOCS / "gazette-pdf").glob("*.pdf"))]
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for src in sources:
            doc = pdfium.PdfDocument(str(src))
            take = min(len(doc), pages - len(out))
            out.import_pages(doc, list(range(take)))
            doc.close()
            if len(out) >= pages:
                break
    path = into / f"made_{pages}.pdf"
    out.save(str(path))
    out.close()
    return path


def speed(pages: int, into: Path) -> None:
    from reader.core.pipeline import parse_file

    path = make_pdf(pages, into)
    print(f"\n== speed: {pages} pages made from the real files ({path.stat().st_size // 1024} KB)")
    parse_file(path)  # warm-up: module imports, PDFium's font loading
    rows = []
    for _ in range(3):
        chars, bare = bare_extraction(path)
        t0 = time.perf_counter()
        docs = parse_file(path)
        full = time.perf_counter() - t0
        rows.append((bare, full))
    bare, full = min(rows, key=lambda r: r[1])
    articles = sum(1 for d in docs for n in d.walk() if n.kind.value == "article")
    print(f"  pypdfium2 bare text+boxes  {bare:6.2f}s  ({chars} characters)")
    print(f"  parse_file                 {full:6.2f}s  ({len(docs)} documents, {articles} articles)  "
          f"= {full / bare:.2f}x bare   target < 3 s and < 3x")


#: VmHWM is the peak of this process image (ru_maxrss would carry the parent's peak over
#: fork and exec on Linux).
_RSS = """
import resource, sys
sys.path.insert(0, {repo!r})
from reader.core.pipeline import parse_file
{work}
try:
    status = open("/proc/self/status").read()
    print(int(status.split("VmHWM:")[1].split()[0]))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_rss_mb(work: str) -> float:
    code = _RSS.format(repo=str(REPO), work=work)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(run.stdout.split()[-1]) / 1024


def memory(pages: int, into: Path) -> None:
    print("\n== memory: peak RSS of parse_file in a fresh process")
    print(f"  imports only                      peak RSS {_peak_rss_mb(''):7.1f} MB")
    for n in (25, pages, 2 * pages, 4 * pages):
        path = make_pdf(n, into)
        loaded = _peak_rss_mb(f"from reader.core.importers import load; src = load({str(path)!r})")
        parsed = _peak_rss_mb(f"docs = parse_file({str(path)!r})")
        print(f"  {n:4d} pages {path.stat().st_size / 2**20:6.1f} MB file  peak RSS: import (load) "
              f"{loaded:6.1f} MB, whole parse_file {parsed:6.1f} MB")
    print("  (what grows with the pages is the text and the document tree kept in the result, not the PDF pages)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--skip-plumber", action="store_true")
    ap.add_argument("--synthetic", type=int, default=20, help="corpus laws to typeset (0: none)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    fidelity()
    if args.synthetic:
        synthetic(args.synthetic, args.seed)
    if not args.skip_plumber:
        library_choice()
    with tempfile.TemporaryDirectory() as tmp:
        speed(args.pages, Path(tmp))
        memory(args.pages, Path(tmp))


if __name__ == "__main__":
    main()
