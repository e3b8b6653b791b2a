"""修改前后对照表 speed: 公司法 2018 → 2023 as a Word table, against python-docx's floor.

    python tests/benchmarks/bench_compare_export.py [--runs R]

* compare  — reader.core.versions.compare of the two parsed versions (for scale);
* export   — reader.export.comparison.export_comparison, changes only (the default) and
             every article (--all): struck / underlined runs, labels, 说明, landscape page,
             repeated header row, written atomically;
* floor    — python-docx alone: one add_table, then add_row + cell.text for the same rows
             (the same plain text per cell, no runs, no styles), saved;
* floor-xml — the same rows appended as bare w:tr / w:tc / w:p / w:r elements (what the
             export does), saved: the cost of python-docx's add_row apart.

Each is timed end to end as the median of R runs.  Figures only, no asserts.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from lxml import etree  # noqa: E402

from tests.benchmarks.benchtools import median_time  # noqa: E402
from reader.core.pipeline import parse_file  # noqa: E402
from reader.core.versions import compare  # noqa: E402
from reader.export.comparison import (  # noqa: E402
    ComparisonOptions, _side, export_comparison, listed, note,
)

LAWS = REPO.parent / "shared" / "corpus" / "laws" / "民法商法"


def plain_rows(cmp, every: bool) -> list[tuple[str, str, str]]:
    """The rows the export writes, as plain cell text."""
    out = []
    for p in cmp.pairs:
        if not listed(p, changes_only=not every):
            continue
        cells = ["\n".join("".join(t for t, _ in para) for para in _side(p, side)) for side in (True, False)]
        out.append((cells[0], cells[1], note(p)))
    return out


def floor(rows: list[tuple[str, str, str]], path: Path) -> None:
    out = docx.Document()
    table = out.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("修改前", "修改后", "说明")):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    out.save(str(path))


def floor_xml(rows: list[tuple[str, str, str]], path: Path) -> None:
    out = docx.Document()
    tbl = out.add_table(rows=1, cols=3)._tbl
    for row in rows:
        tr = etree.SubElement(tbl, qn("w:tr"))
        for text in row:
            tc = etree.SubElement(tr, qn("w:tc"))
            for line in text.split("\n") or [""]:
                t = etree.SubElement(etree.SubElement(etree.SubElement(tc, qn("w:p")), qn("w:r")), qn("w:t"))
                t.text = line
    out.save(str(path))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    old = parse_file(LAWS / "公司法(2018-10-26).md")[0]
    new = parse_file(LAWS / "公司法(2023-12-29).md")[0]
    cmp = compare(old, new)
    print(f"公司法 2018 → 2023: {len(cmp.pairs)} pairs, median of {args.runs} runs")
    print(f"  compare                      {median_time(lambda: compare(old, new), args.runs) * 1000:7.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for every in (False, True):
            rows = plain_rows(cmp, every)
            name = "all" if every else "changes only"
            opts = ComparisonOptions(changes_only=not every)
            t_export = median_time(lambda: export_comparison(cmp, old, new, out / "e.docx", opts), args.runs)
            t_floor = median_time(lambda: floor(rows, out / "f.docx"), args.runs)
            t_xml = median_time(lambda: floor_xml(rows, out / "x.docx"), args.runs)
            size = (out / "e.docx").stat().st_size // 1024
            print(f"  {name:13s} {len(rows):4d} rows: export {t_export * 1000:6.0f} ms ({size} KB)   "
                  f"python-docx add_row floor {t_floor * 1000:6.0f} ms   bare-XML floor {t_xml * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
