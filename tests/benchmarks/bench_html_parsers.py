"""Which HTML parser the web-page importer uses: lxml.html vs html5lib vs selectolax (lexbor).

    python tests/benchmarks/bench_html_parsers.py [--rounds 5]

Parses the real pages (../shared/realdocs/html) and the MHT pages inside the Word downloads
(../shared/realdocs/docx) with each parser and prints the time per round and whether the
body text (white space removed) equals html5lib's, the reference implementation of the
HTML5 parsing algorithm.  Then the whole import (reader.core.importers.load) of the same
files, for scale.  Measured 2026-12 (a shared two-core machine): lxml 9–22 ms, lexbor 7–12 ms,
html5lib 160–250 ms per round of 14 pages, the same text on all 14 — lxml.html was chosen
(see reader/core/importers/html.py).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reader.core.importers import load  # noqa: E402
from reader.core.importers.mhtml import mime_html  # noqa: E402

REALDOCS = REPO.parent / "shared" / "realdocs"
_WHITE = re.compile(r"\s+")


def pages() -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REALDOCS / "html").glob("*.html"))]
    for docx in sorted((REALDOCS / "docx").glob("*.docx")):
        with zipfile.ZipFile(docx) as z:
            for name in z.namelist():
                if name.endswith(".mht"):
                    out.append((f"{docx.name}:{name}", mime_html(name, z.read(name))[0]))
    return out


def text_lxml(html: str) -> str:
    import lxml.html

    root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    for el in root.xpath("//script|//style"):
        el.drop_tree()
    body = root.find("body")
    return _WHITE.sub("", body.text_content() if body is not None else "")


def text_html5lib(html: str) -> str:
    import html5lib

    root = html5lib.parse(html, treebuilder="lxml", namespaceHTMLElements=False)
    for el in root.xpath("//script|//style"):
        el.getparent().remove(el)
    body = root.find("body")
    return _WHITE.sub("", "".join(body.itertext()) if body is not None else "")


def text_lexbor(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style"])
    return _WHITE.sub("", tree.body.text(deep=True) if tree.body is not None else "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    docs = pages()
    if not docs:
        sys.exit(f"no pages under {REALDOCS}")
    print(f"{len(docs)} pages, {sum(len(h) for _, h in docs):,} characters")
    parsers: dict[str, Callable[[str], str]] = {
        "lxml.html": text_lxml, "html5lib": text_html5lib, "selectolax/lexbor": text_lexbor}
    texts: dict[str, list[str]] = {}
    for name, fn in parsers.items():
        t0 = time.perf_counter()
        for _ in range(args.rounds):
            texts[name] = [fn(h) for _, h in docs]
        ms = (time.perf_counter() - t0) / args.rounds * 1000
        print(f"  {name:<18} {ms:8.1f} ms per round")
    for name, got in texts.items():
        same = sum(a == b for a, b in zip(got, texts["html5lib"]))
        print(f"  {name:<18} text equal to html5lib's on {same}/{len(docs)} pages")
    files = sorted((REALDOCS / "html").glob("*.html")) + sorted((REALDOCS / "docx").glob("*.docx"))
    t0 = time.perf_counter()
    for f in files:
        load(f)
    print(f"  full import of {len(files)} files: {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
