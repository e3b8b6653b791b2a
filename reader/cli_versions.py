"""The CLI's version commands: ``versions`` (list a document's versions, or say that one
document is a version of another) and ``compare`` (新旧对照 of two versions, or of any two
documents).  Registered by reader.cli; the library is opened by the function it hands in."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Callable

from reader.cli_output import print_json, print_table
from reader.core.errors import UserError
from reader.core.versions import STATUSES, Comparison

if TYPE_CHECKING:
    from reader.store.library import Library
    from reader.store.versions import Change, Version

EXIT_OK = 0
OpenLibrary = Callable[[argparse.Namespace], "Library"]


def version_commands(sub, common, as_json, open_library: OpenLibrary) -> None:  # noqa: ANN001
    """Add ``versions`` and ``compare`` to the CLI's subparsers."""
    p = sub.add_parser(
        "versions", parents=[common, as_json], help="list the versions of a document",
        description="The versions of a document, oldest first: number, date and act (修订/修正/"
        "通过…), when it took effect, which is current, its file and how many notes it carries. "
        "--version-of says the document is a version of another (a renamed law).")
    p.add_argument("doc_id", metavar="DOC_ID", help="any version's id (or a unique prefix)")
    p.add_argument("--version-of", metavar="OTHER",
                   help="make DOC_ID's document (all its versions) versions of OTHER's")
    p.set_defaults(func=lambda args: _cmd_versions(args, open_library))

    p = sub.add_parser(
        "compare", parents=[common, as_json], help="compare two versions of a law (新旧对照)",
        description="Pair the articles of two versions by content, not by number (a renumbered "
        "article is moved, not removed + added; split and merged articles are recognised) and "
        "show what changed; --docx writes the 修改前后对照表 (修改前 | 修改后 | 说明).  "
        "`compare DOC_ID` compares the version before the current one with the current one; "
        "--from / --to choose others; `compare OLD_DOC NEW_DOC` compares any two documents.")
    p.add_argument("old", metavar="DOC_ID", help="the document (any version's id or a unique prefix)")
    p.add_argument("new", metavar="NEW_DOC", nargs="?",
                   help="compare DOC_ID with this document instead of with its own versions")
    p.add_argument("--from", dest="from_", metavar="V",
                   help="the earlier version: number (1 = oldest), date, id, current or previous "
                   "(default: the one before --to)")
    p.add_argument("--to", metavar="V", help="the later version (default: the current one)")
    p.add_argument("--docx", metavar="OUT.docx", help="also write the 修改前后对照表 (replaced atomically)")
    p.add_argument("--all", action="store_true",
                   help="also list unchanged and only renumbered articles (text and --docx; "
                   "default: changes only)")
    p.set_defaults(func=lambda args: _cmd_compare(args, open_library))


def version_line(v: Version) -> str:
    """``version 2 of 2 (current): 2023年12月29日修订, in force from 2024-07-01``."""
    state = " (current)" if v.current else ""
    when = f", in force from {v.in_force_from.isoformat()}" if v.in_force_from else ""
    return f"version {v.number}{state}: {v.label or 'undated'}{when}"


def _cmd_versions(args: argparse.Namespace, open_library: OpenLibrary) -> int:
    with open_library(args) as lib:
        change: Change | None = None
        if args.version_of:
            change = lib.versions.join(args.doc_id, args.version_of)
        versions = lib.versions.list(args.doc_id)
    if args.json:
        print_json({"lineage": versions[0].lineage, "versions": [v.to_json() for v in versions],
                    **({"followed": change.outcomes} if change else {})})
        return EXIT_OK
    rows = [[str(v.number), "*" if v.current else "", v.label or "—",
             v.in_force_from.isoformat() if v.in_force_from else "—", str(v.annotations), v.id,
             v.source.file] for v in versions]
    print_table(["#", "", "VERSION", "IN FORCE", "NOTES", "ID", "FILE"], rows)
    print(f"\n{versions[0].title}: {len(versions)} version{'s' * (len(versions) != 1)}, "
          "* current (the newest in force)")
    if change and change.outcomes:
        print("notes followed the current version: "
              + ", ".join(f"{n} {k}" for k, n in sorted(change.outcomes.items())))
    return EXIT_OK


def _compare_ids(args: argparse.Namespace, lib: Library) -> tuple[str, str]:
    """The two documents to compare, as full ids (UnknownDocument for a bad one)."""
    if args.new is not None:
        if args.from_ is not None or args.to is not None:
            raise UserError("give either two documents or --from/--to, not both")
        return lib.full_id(args.old), lib.full_id(args.new)
    return lib.versions.pair(lib.full_id(args.old), args.from_, args.to)


def _cmd_compare(args: argparse.Namespace, open_library: OpenLibrary) -> int:
    from reader.export.comparison import ComparisonOptions

    with open_library(args) as lib:
        old_id, new_id = _compare_ids(args, lib)
        titles = lib.titles({old_id, new_id})
        comparison = lib.versions.compare_documents(old_id, new_id)
        labels = {v.id: v.label for v in lib.versions.list(old_id) + lib.versions.list(new_id)}
        result = None
        if args.docx:
            result = lib.exports.comparison(old_id, new_id, args.docx,
                                            ComparisonOptions(changes_only=not args.all),
                                            comparison=comparison)
    if args.json:
        print_json({**comparison.to_json(),
                    "versions": {"old": labels.get(old_id, ""), "new": labels.get(new_id, "")},
                    **({"export": result.to_json()} if result else {})})
        return EXIT_OK
    print(f"{titles.get(old_id, '')} {labels.get(old_id, '')} ({old_id}) → "
          f"{titles.get(new_id, '')} {labels.get(new_id, '')} ({new_id})")
    _print_comparison(comparison, every=args.all)
    if result:
        print(f"wrote {result.path}: {result.rows} rows in {result.seconds:.2f} s")
    return EXIT_OK


def _print_comparison(comparison: Comparison, every: bool) -> None:
    """One line per pair (status, old → new, similarity), then the counts."""
    from reader.export.comparison import listed

    rows = [[p.status, p.old.label if p.old else "—", "→", p.new.label if p.new else "—",
             f"{p.similarity:.2f}"] for p in comparison.pairs if listed(p, changes_only=not every)]
    if rows:
        print_table(["STATUS", "OLD", "", "NEW", "SIMILARITY"], rows)
    s = comparison.summary()
    counts = ", ".join(f"{s[k]} {k}" for k in STATUSES if s[k])
    print(f"\narticles: {counts or 'none'} ({s['moved_changed']} of the moved also changed)")
    heads = ", ".join(f"{v} {k}" for k, v in s["headings"].items() if v)
    if heads:
        print(f"headings: {heads}")
    if not every:
        hidden = len(comparison.pairs) - len(rows)
        if hidden:
            print(f"{hidden} unchanged or only renumbered not listed (--all lists them)")
