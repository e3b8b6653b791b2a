"""Export speed: the whole sample library with 200 annotations, against python-docx's floor.

    python tests/benchmarks/bench_export.py [--annotations N] [--runs R]

* brief  — reader.export.export_brief: every seed document in full text, N synthetic
           annotations (two in three with a note → Word comments; the rest highlights;
           some whole-clause notes), review paragraphs on, contents, cover, appendix;
* library — the same through ``library.exports.brief`` (the store read: documents,
           annotations, links, categories, references), on a temporary library holding the
           samples and the same annotations;
* floor  — python-docx alone: a Document with one add_paragraph per node text (the same
           paragraphs, no styles, no annotations), saved.

Each is timed end to end (building and saving) as the median of R runs; the target is
brief < 5 s.  Figures only, no asserts.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import docx  # noqa: E402

from tests.benchmarks.benchtools import median_time  # noqa: E402
from reader.core.pipeline import parse_file  # noqa: E402
from reader.export import (  # noqa: E402
    BriefAnnotation, BriefDocument, BriefLink, BriefOptions, BriefRequest, BriefLinkEnd, export_brief,
)

SAMPLES = REPO / "resources" / "samples"
COLOURS = ["#FFD54F", "#E57373", "#81C784", "#64B5F6", "#BA68C8", "#FFB74D"]
CATEGORIES = ["重点", "风险", "合规", "疑问", "建议", "待办"]


def library() -> list:
    docs, seen = [], set()
    for path in sorted(SAMPLES.glob("*.txt")):
        for doc in parse_file(path):
            if doc.id not in seen:  # a document in two gazettes is one library entry
                seen.add(doc.id)
                docs.append(doc)
    return docs


def synthetic(docs: list, count: int, seed: int = 7) -> tuple[list[BriefDocument], list[BriefLink]]:
    rng = random.Random(seed)
    texts = [(d, n) for d in docs for n in d.walk() if len(n.text) >= 8]
    per_doc: dict[str, list[BriefAnnotation]] = {d.id: [] for d in docs}
    when = datetime(2024, 5, 1, 9, 0)
    for i in range(count):
        doc, node = rng.choice(texts)
        k = rng.randrange(len(COLOURS))
        if i % 10 == 9:
            start = end = 0
            quote = ""
        else:
            start = rng.randrange(len(node.text) - 4)
            end = min(len(node.text), start + rng.randint(2, 30))
            quote = node.text[start:end]
        note = f"第{i + 1}条意见：请核对此处表述是否与上位法一致。" if i % 3 else ""
        per_doc[doc.id].append(BriefAnnotation(
            i + 1, node.id, start, end, quote, CATEGORIES[k], COLOURS[k], note,
            ("合规", "待核实") if i % 4 == 0 else (), "resolved" if i % 7 == 0 else "open",
            "张三" if i % 2 else "Li Ming", when + timedelta(minutes=i), when + timedelta(minutes=i)))
    links = []
    for i in range(10):
        (d1, n1), (d2, n2) = rng.choice(texts), rng.choice(texts)
        links.append(BriefLink(BriefLinkEnd(d1.id, n1.id, n1.text[:6]), BriefLinkEnd(d2.id, n2.id), "参照", f"关联{i}"))
    return [BriefDocument(d, per_doc[d.id]) for d in docs], links


def library_export(folder: Path, bdocs: list[BriefDocument], links: list[BriefLink], out: Path, runs: int):
    """Import the samples into a new library, store the synthetic annotations and links,
    and time library.exports.brief over the annotated documents; (seconds, result)."""
    from reader.store.library import Library, Span

    with Library.open(folder) as lib:
        lib.import_files(sorted(SAMPLES.glob("*.txt")))
        names = [c.name for c in lib.annotations.categories()]
        for bdoc in bdocs:
            for i, a in enumerate(bdoc.annotations):
                span = Span() if a.whole_node else Span(a.start, a.end)
                lib.annotations.add(bdoc.document.id, a.node_id, span, note=a.note, tags=a.tags,
                                    category=names[i % len(names)], status=a.status, author=a.author)
        for link in links:
            lib.annotations.link(link.src.doc_id, link.src.node_id, link.dst.doc_id, link.dst.node_id,
                     relation=link.relation, note=link.note)
        result = lib.exports.brief(out, author="张三", review_paragraphs=True)  # warm-up
        seconds = median_time(lambda: lib.exports.brief(out, author="张三", review_paragraphs=True), runs)
    return seconds, result


def floor(docs: list, path: Path) -> None:
    out = docx.Document()
    for doc in docs:
        out.add_paragraph(doc.title)
        for node in doc.walk():
            if node.text:
                out.add_paragraph(node.text)
    out.save(str(path))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    docs = library()
    nodes = sum(1 for d in docs for n in d.walk() if n.text)
    bdocs, links = synthetic(docs, args.annotations)
    request = BriefRequest(bdocs, links, author="张三", options=BriefOptions(review_paragraphs=True))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        result = export_brief(request, tmp / "brief.docx")  # warm-up, and the counts
        brief_s = median_time(lambda: export_brief(request, tmp / "brief.docx"), args.runs)
        floor_s = median_time(lambda: floor(docs, tmp / "floor.docx"), args.runs)
        lib_s, lib_result = library_export(tmp / "lib", bdocs, links, tmp / "lib.docx", args.runs)
        size = (tmp / "brief.docx").stat().st_size
        floor_size = (tmp / "floor.docx").stat().st_size
    print(f"sample library: {len(docs)} documents, {nodes} paragraphs of text; "
          f"{args.annotations} annotations, {len(links)} links")
    print(f"brief: {result.comments} comments, {result.highlights} highlights, {result.units} units, "
          f"{size / 1024:.0f} KiB")
    print(f"floor (python-docx add_paragraph, no annotations): {floor_s:.3f} s  ({floor_size / 1024:.0f} KiB)")
    print(f"export_brief:                                      {brief_s:.3f} s")
    print(f"library.exports.brief (store read + export):     {lib_s:.3f} s  "
          f"({lib_result.documents} documents, {lib_result.comments} comments, "
          f"{lib_result.hyperlinks} hyperlinks)")
    print(f"ratio brief / floor: {brief_s / floor_s:.2f}×   target < 5 s: {'ok' if brief_s < 5 else 'MISSED'}")
    print(f"ratio library / floor: {lib_s / floor_s:.2f}×   target < 5 s: {'ok' if lib_s < 5 else 'MISSED'}")


if __name__ == "__main__":
    main()
