"""What the command line prints: documents as tables and trees, import reports, search
results, progress, errors — with widths counted in terminal cells, so Chinese text lines up."""
from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterable, TextIO

from reader.core.model import Document, Node, NodeKind
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store.import_report import ImportReport
    from reader.store.repository import DocumentSummary

PROG = "regreader"


# -- output ------------------------------------------------------------------------------


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_list(docs: list[DocumentSummary], folder: Path) -> None:
    if not docs:
        print(f"The library in {folder} is empty. Add files with: {PROG} import FILE...")
        return
    rows = [
        [d.id, d.kind or "", d.doc_number or "", d.issued.isoformat() if d.issued else "",
         _versions_cell(d), d.title]
        for d in docs
    ]
    print_table(["ID", "KIND", "NUMBER", "ISSUED", "VERSION", "TITLE"], rows)
    print(f"\n{len(docs)} document{'s' if len(docs) != 1 else ''} in {folder}")


def _versions_cell(d: DocumentSummary) -> str:
    """The version a row shows, and how many the document has: 2023年12月29日修订 (2/2)."""
    count = f" ({'current, ' if d.current and d.versions > 1 else ''}{d.versions} versions)" if d.versions > 1 else ""
    return (d.version or "—") + count


def print_table(header: list[str], rows: list[list[str]], out: TextIO | None = None) -> None:
    """Columns aligned by display width (CJK characters take two cells); last column free."""
    out = out or sys.stdout
    table = [header, *rows]
    widths = [max(display_width(r[i]) for r in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [pad(cell, w) for cell, w in zip(row, widths)] + [row[-1]]
        out.write("  ".join(cells).rstrip() + "\n")


def print_document(doc: Document, version: str = "") -> None:
    print(doc.title)
    if version:
        print(f"  {version}")
    meta = [
        ("id", doc.id), ("kind", doc.kind), ("number", doc.doc_number), ("issuer", doc.issuer),
        ("issued", doc.issued), ("effective", doc.effective), ("expires", doc.expires),
        ("status", doc.status), ("source", doc.source.file),
    ]
    width = max(len(k) for k, _ in meta)
    for key, value in meta:
        if value:
            print(f"  {key.ljust(width)}  {value}")
    if doc.front_matter:
        print(f"  {'front'.ljust(width)}  {snippet(doc.front_matter, 60)}")
    for warning in doc.warnings:
        print(f"  warning: {warning}")
    print()
    for line in tree_lines(doc.nodes):
        print(line)


def tree_lines(nodes: Iterable[Node], width: int = 72) -> list[str]:
    """A readable outline: one line per node, indented by depth, label then heading or the
    first words of its text."""
    lines: list[str] = []
    stack: list[tuple[Node, int]] = [(n, 0) for n in reversed(list(nodes))]
    while stack:
        node, depth = stack.pop()
        lines.append(node_line(node, depth, width))
        stack.extend((c, depth + 1) for c in reversed(node.children))
    return lines


_KIND_MARK = {
    NodeKind.PARAGRAPH: "¶", NodeKind.PREAMBLE: "[preamble]", NodeKind.TEXT: "·",
    NodeKind.TABLE: "[table]", NodeKind.FOOTNOTE: "[footnote]", NodeKind.ATTACHMENT: "[attachment]",
}


def node_line(node: Node, depth: int, width: int) -> str:
    indent = "  " * depth
    label = node.label or _KIND_MARK.get(node.kind, f"[{node.kind.value}]")
    if node.kind == NodeKind.PARAGRAPH and node.number and not node.label:
        label = f"¶{node.number}"
    body = " ".join((node.heading or node.text).split())
    if node.label and body.startswith(node.label):  # the text opens with its own label
        head, body = indent, body
        room = max(width - display_width(head), 10)
        return f"{head}{snippet(body, room)}"
    head = f"{indent}{label}"
    room = max(width - display_width(head) - 1, 10)
    return f"{head} {snippet(body, room)}".rstrip()


def print_report(report: ImportReport) -> None:
    rows = [["added", d.id, d.title] for d in report.added]
    rows += [["updated", d.id, d.title] for d in report.updated]
    rows += [["version", v.id, f"{v.title} {v.label} — "
              + ("now current" if v.current else "an older version; the current one stays")]
             for v in report.versions]
    rows += [["unchanged", u.id, f"{u.title} — {u.reason}"] for u in report.unchanged]
    rows += [["duplicate", d.id, f"{d.title} — {d.reason}"] for d in report.duplicates]
    if rows:
        print_table(["", "ID", "TITLE"], rows)
    print_skipped(report)
    if report.followed:
        print("notes followed the new version: "
              + ", ".join(f"{n} {k}" for k, n in sorted(report.followed.items())))
    summary = (f"{len(report.added)} added, {len(report.updated)} updated, "
               f"{len(report.versions)} new version{'s' * (len(report.versions) != 1)}, "
               f"{len(report.unchanged)} unchanged, "
               f"{len(report.duplicates)} duplicate, {len(report.failures)} failed")
    if report.skipped:
        summary += f", {len(report.skipped)} skipped"
    if report.cancelled:
        summary += " (cancelled)"
    print(summary)


def print_skipped(report: ImportReport, shown: int = 3) -> None:
    """Files the folders held besides documents, one line per reason (all of them are in
    ``--json``): a folder of a thousand images should not bury the summary."""
    by_reason: dict[str, list[str]] = {}
    for s in report.skipped:
        by_reason.setdefault(s.reason, []).append(Path(s.file).name)
    for reason, names in by_reason.items():
        more = f", … ({len(names) - shown} more)" if len(names) > shown else ""
        print(f"skipped {len(names)} file{'s' * (len(names) != 1)}: {reason}: "
              f"{', '.join(names[:shown])}{more}")


def print_failures(report: ImportReport) -> None:
    for failure in report.failures:
        error(f"{failure.file}: {failure.reason}")


def progress_printer():  # noqa: ANN202 - a closure for Library.import_files
    def progress(done: int, total: int, path: str) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r[{done}/{total}] {snippet(Path(path).name, 60)}\x1b[K{end}")
        sys.stderr.flush()

    return progress


def print_results(results) -> None:  # noqa: ANN001 - index.searcher.Results
    """Hits as a readable list: title and unit, then the snippet with the matches marked
    (reverse video on a terminal, 【】 otherwise)."""
    docs = len(results.by_document)
    if not results.total:
        print(f"no match for {results.query!r}")
        return
    shown = len(results.hits)
    print(f"{results.total} match{'es' if results.total != 1 else ''} in {docs} "
          f"document{'s' if docs != 1 else ''}"
          + (f" (the best {shown} shown)" if shown < results.total else ""))
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    open_, close = ("\x1b[7m", "\x1b[27m") if color else ("【", "】")
    for n, hit in enumerate(results.hits, 1):
        where = {"annotation": "批注"}.get(hit.kind) or hit.label or \
            {"title": "标题", "front_matter": "发文"}.get(hit.kind, f"[{hit.kind}]")
        ref = hit.doc_id + (f" {hit.node_id}" if hit.node_id else "")
        print(f"\n{n:>3}. {hit.doc_title} · {where}  ({ref})")
        print(f"     {hit.marked_snippet(open_, close)}")


def index_progress_printer():  # noqa: ANN202 - a closure for Library.search
    def progress(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rbuilding the search index [{done}/{total}]\x1b[K{end}")
        sys.stderr.flush()

    return progress


def error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


# -- text width helpers ------------------------------------------------------------------


def char_width(ch: str) -> int:
    """Terminal cells of one character: 2 for wide/full-width (CJK), 0 for combining."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal cells."""
    return text + " " * max(width - display_width(text), 0)


def snippet(text: str, width: int) -> str:
    """``text`` on one line (whitespace collapsed), cut to ``width`` cells with an ellipsis."""
    line = " ".join(text.split())
    if display_width(line) <= width:
        return line
    out, used = [], 0
    for ch in line:
        w = char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
