"""Command line front end: ``regreader [--library DIR] COMMAND …`` (same as ``python main.py``).

Every command goes through ``Library`` — the CLI is a thin printer around it.  Exit codes:
0 ok, 1 user error (bad file, unknown id), 2 internal error (a bug; short message only,
the traceback with REGREADER_DEBUG=1).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Sequence, TextIO

from reader.core.errors import UserError
from reader.core.model import Document, Node, NodeKind
from reader.store.library import ImportReport, Library
from reader.store.repository import DocumentSummary

PROG = "regreader"
EXIT_OK, EXIT_USER, EXIT_INTERNAL = 0, 1, 2


# -- entry points ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code (the console script exits with it)."""
    _utf8_streams()
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        _error(str(exc))
        return EXIT_USER
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `regreader list | head`: the reader went away, not our fault
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("REGREADER_DEBUG"):
            traceback.print_exc()
        _error(f"internal error: {type(exc).__name__}: {exc} (set REGREADER_DEBUG=1 for details)")
        return EXIT_INTERNAL


def gui_main(argv: Sequence[str] | None = None) -> int:
    """``regreader-gui [--library DIR] [FILE ...]``: open the window, importing FILEs."""
    parser = argparse.ArgumentParser(prog=f"{PROG}-gui", description="Open the RegReader window.")
    parser.add_argument("--library", metavar="DIR", help="library folder")
    parser.add_argument("files", nargs="*", metavar="FILE", help="files to import on start")
    args = parser.parse_args(argv)
    return _run_gui(args.library, args.files)


def _run_gui(library: str | None, files: Sequence[str] = ()) -> int:
    from reader.ui.app import run  # Qt loads only when the window is wanted

    return run(sys.argv[:1], files=list(files) or None, library=library)


def _parser() -> argparse.ArgumentParser:
    library_help = "library folder (default: $REGREADER_LIBRARY or the user data folder)"
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="法规阅读器 RegReader — read and annotate Chinese regulations.",
        epilog="Without a command: open the reading window (samples imported into an empty library).",
    )
    parser.add_argument("--library", metavar="DIR", help=library_help)
    parser.set_defaults(func=_cmd_default)
    # --library is also accepted after the command.  A separate action whose default is
    # SUPPRESS, so a value given before the command is not overwritten by a default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS, help=library_help)
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("parse", parents=[common, as_json], help="parse a file (library untouched)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("import", parents=[common, as_json], help="import files into the library")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("list", parents=[common, as_json], help="list the library's documents")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("show", parents=[common, as_json], help="show a document's tree")
    p.add_argument("doc_id", metavar="DOC_ID", help="a document id from `list` (or a unique prefix)")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("remove", parents=[common, as_json], help="remove a document from the library")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.set_defaults(func=_cmd_remove)

    p = sub.add_parser(
        "search", parents=[common, as_json], help="find the units containing some wording",
        description="Find every article / outline unit / title containing the wording. "
        'Words separated by spaces must all occur; "quoted text" is one phrase; -word '
        "excludes; OR between words; filters doc:ID type:KIND year:2022 (or 2018-2022).",
    )
    p.add_argument("query", metavar="QUERY", nargs="+", help="the query (several arguments are joined by spaces)")
    p.add_argument("--doc", metavar="DOC_ID", help="search one document only (id or unique prefix)")
    p.add_argument("--titles", action="store_true", help="search document titles only")
    p.add_argument("--limit", metavar="N", type=_positive_int, default=20, help="hits to show (default 20)")
    p.set_defaults(func=_cmd_search)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# -- commands ----------------------------------------------------------------------------


def _open(args: argparse.Namespace) -> Library:
    return Library.open(args.library)


def _cmd_default(args: argparse.Namespace) -> int:
    """No command: the reading window (it imports the samples into an empty library)."""
    return _run_gui(args.library)


def _cmd_parse(args: argparse.Namespace) -> int:
    docs = Library.parse(args.file)  # no library is opened (or created) for a parse
    if args.json:
        _print_json({"documents": [d.to_json() for d in docs]})
    else:
        for i, doc in enumerate(docs):
            if i:
                print()
            _print_document(doc)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        progress = _progress_printer(len(args.files)) if sys.stderr.isatty() else None
        report = lib.import_files(args.files, progress=progress)
    if args.json:
        _print_json(report.to_json())
    else:
        _print_report(report)
    _print_failures(report)
    if any(f.internal for f in report.failures):
        return EXIT_INTERNAL
    return EXIT_USER if report.failures else EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        docs = lib.documents()
        if args.json:
            _print_json({"documents": [d.to_json() for d in docs]})
        else:
            _print_list(docs, lib.folder)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        doc = lib.document(args.doc_id)
    if args.json:
        _print_json({"documents": [doc.to_json()]})
    else:
        _print_document(doc)
    return EXIT_OK


def _cmd_remove(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        gone = lib.remove(args.doc_id)
    if args.json:
        _print_json({"removed": gone.to_json()})
    else:
        print(f"removed {gone.id}  {gone.title}")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    with _open(args) as lib:
        progress = _index_progress_printer() if sys.stderr.isatty() else None
        results = lib.search(query, doc_id=args.doc, titles_only=args.titles,
                             limit=args.limit, progress=progress)
    if args.json:
        _print_json(results.to_json())
    else:
        _print_results(results)
    return EXIT_OK


# -- output ------------------------------------------------------------------------------


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_list(docs: list[DocumentSummary], folder: Path) -> None:
    if not docs:
        print(f"The library in {folder} is empty. Add files with: {PROG} import FILE...")
        return
    rows = [
        [d.id, d.kind or "", d.doc_number or "", d.issued.isoformat() if d.issued else "", d.title]
        for d in docs
    ]
    _print_table(["ID", "KIND", "NUMBER", "ISSUED", "TITLE"], rows)
    print(f"\n{len(docs)} document{'s' if len(docs) != 1 else ''} in {folder}")


def _print_table(header: list[str], rows: list[list[str]], out: TextIO | None = None) -> None:
    """Columns aligned by display width (CJK characters take two cells); last column free."""
    out = out or sys.stdout
    table = [header, *rows]
    widths = [max(display_width(r[i]) for r in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [pad(cell, w) for cell, w in zip(row, widths)] + [row[-1]]
        out.write("  ".join(cells).rstrip() + "\n")


def _print_document(doc: Document) -> None:
    print(doc.title)
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
        lines.append(_node_line(node, depth, width))
        stack.extend((c, depth + 1) for c in reversed(node.children))
    return lines


_KIND_MARK = {
    NodeKind.PARAGRAPH: "¶", NodeKind.PREAMBLE: "[preamble]", NodeKind.TEXT: "·",
    NodeKind.TABLE: "[table]", NodeKind.FOOTNOTE: "[footnote]", NodeKind.ATTACHMENT: "[attachment]",
}


def _node_line(node: Node, depth: int, width: int) -> str:
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


def _print_report(report: ImportReport) -> None:
    rows = [["added", d.id, d.title] for d in report.added]
    rows += [["updated", d.id, d.title] for d in report.updated]
    rows += [["duplicate", d.id, f"{d.title} — {d.reason}"] for d in report.duplicates]
    if rows:
        _print_table(["", "ID", "TITLE"], rows)
    summary = (f"{len(report.added)} added, {len(report.updated)} updated, "
               f"{len(report.duplicates)} duplicate, {len(report.failures)} failed")
    if report.cancelled:
        summary += " (cancelled)"
    print(summary)


def _print_failures(report: ImportReport) -> None:
    for failure in report.failures:
        _error(f"{failure.file}: {failure.reason}")


def _progress_printer(total: int):  # noqa: ANN202 - a closure for Library.import_files
    def progress(done: int, _total: int, path: str) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r[{done}/{total}] {snippet(Path(path).name, 60)}\x1b[K{end}")
        sys.stderr.flush()

    return progress


def _print_results(results) -> None:  # noqa: ANN001 - index.searcher.Results
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
        where = hit.label or {"title": "标题", "front_matter": "发文"}.get(hit.kind, f"[{hit.kind}]")
        ref = hit.doc_id + (f" {hit.node_id}" if hit.node_id else "")
        print(f"\n{n:>3}. {hit.doc_title} · {where}  ({ref})")
        print(f"     {hit.marked_snippet(open_, close)}")


def _index_progress_printer():  # noqa: ANN202 - a closure for Library.search
    def progress(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rbuilding the search index [{done}/{total}]\x1b[K{end}")
        sys.stderr.flush()

    return progress


def _error(message: str) -> None:
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


# -- streams -----------------------------------------------------------------------------


def _utf8_streams() -> None:
    """Chinese text must print even under LANG=C (whose default encoding is ASCII)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's flush at exit
    does not raise a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
