"""Command line front end: ``regreader [--library DIR] COMMAND …`` (same as ``python main.py``).

Every command goes through ``Library`` — the CLI is a thin printer around it.  Exit codes:
0 ok, 1 user error (bad file, unknown id), 2 internal error (a bug; short message only,
the traceback with REGREADER_DEBUG=1).
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import TYPE_CHECKING, Sequence

from reader.cli_output import (PROG, error, index_progress_printer, print_document, print_failures, print_json, print_list, print_report, print_results, print_table, progress_printer, snippet)
from reader.core.annotations import DEFAULT_RELATIONS, Annotation, Link, LinkEnd, default_author
from reader.core.errors import UserError
from reader.cli_versions import version_commands, version_line
from reader.cli_review import print_threads, review_commands
from reader.cli_team import team_commands
from index import SEARCH_SCOPES

if TYPE_CHECKING:  # the store loads when a command needs it: the window paints first
    from reader.store.library import Library
    from reader.store.versions import FollowNote

EXIT_OK, EXIT_USER, EXIT_INTERNAL = 0, 1, 2


# -- entry points ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code (the console script exits with it)."""
    _utf8_streams()
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        error(str(exc))
        return EXIT_USER
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `regreader list | head`: the reader went away, not our fault
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("REGREADER_DEBUG"):
            traceback.print_exc()
        error(f"internal error: {type(exc).__name__}: {exc} (set REGREADER_DEBUG=1 for details)")
        return EXIT_INTERNAL


def gui_main(argv: Sequence[str] | None = None) -> int:
    """``regreader-gui [--library DIR] [PATH ...]``: open the window, importing PATHs."""
    parser = argparse.ArgumentParser(prog=f"{PROG}-gui", description="Open the RegReader window.")
    parser.add_argument("--library", metavar="DIR", help="library folder")
    parser.add_argument("files", nargs="*", metavar="PATH",
                        help="files or folders to import on start")
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

    p = sub.add_parser("import", parents=[common, as_json],
                       help="import files, and the supported files in folders, into the library")
    p.add_argument("files", metavar="PATH", nargs="+",
                   help="a file, or a folder (its supported files, in subfolders too)")
    p.add_argument("--version-of", metavar="DOC_ID",
                   help="the files hold versions of this document (a renamed law, say), "
                   "whatever their titles")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("list", parents=[common, as_json], help="list the library's documents")
    p.add_argument("--all-versions", action="store_true",
                   help="list every version (default: the current version of each document)")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("show", parents=[common, as_json], help="show a document's tree")
    p.add_argument("doc_id", metavar="DOC_ID", help="a document id from `list` (or a unique prefix)")
    p.add_argument("--version", metavar="V",
                   help="another version of the document: its number in `versions` (1 = oldest), "
                   "its date (2018-10-26, or a year), its id, or current / previous")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("remove", parents=[common, as_json],
                       help="remove a version of a document (its notes move to the current one)")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--all-versions", action="store_true",
                   help="remove the whole document, every version (its notes are kept for a re-import)")
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
    p.add_argument("--scope", choices=SEARCH_SCOPES, default="text",
                   help="text: the documents (default); annotations: notes and #tags; all: both")
    p.add_argument("--all-versions", action="store_true",
                   help="search the older versions of documents too (default: the current ones)")
    p.set_defaults(func=_cmd_search)

    _annotation_commands(sub, common, as_json)
    _export_command(sub, common, as_json)
    _refs_command(sub, common, as_json)
    version_commands(sub, common, as_json, _open)
    review_commands(sub, common, as_json, _open)
    team_commands(sub, common, as_json, _open)
    return parser


def _annotation_commands(sub, common, as_json) -> None:  # noqa: ANN001 - argparse objects
    author = argparse.ArgumentParser(add_help=False)
    author.add_argument("--author", metavar="NAME", default=None,
                        help="who wrote it (default: $REGREADER_AUTHOR or the login name)")
    p = sub.add_parser(
        "annotate", parents=[common, as_json, author], help="highlight or note a span of a node",
        description="Annotate a span of a node's text, given by --quote or by --start/--end "
        "offsets in the node's own text (see `show --json`); with neither, a note on the "
        "whole clause.  Prints the new annotation's id.")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("node_id", metavar="NODE_ID")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--quote", metavar="TEXT", help="the exact words to annotate")
    where.add_argument("--start", metavar="N", type=_offset, help="first character (0-based)")
    p.add_argument("--end", metavar="N", type=_offset, help="one past the last character")
    p.add_argument("--occurrence", metavar="K", type=_offset, default=0,
                   help="with --quote: annotate its K-th appearance in the node (0 = first)")
    p.add_argument("--note", metavar="TEXT", default="", help="the note (multi-line allowed)")
    p.add_argument("--tag", metavar="TAG", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--color", metavar="NAME", default=None,
                   help="the category (colour) name, e.g. 重点 义务 罚则 疑问 (default: the first)")
    p.set_defaults(func=_cmd_annotate)

    p = sub.add_parser("annotations", parents=[common, as_json],
                       help="list annotations with their anchor status")
    p.add_argument("--doc", metavar="DOC_ID", help="one document only")
    p.add_argument("--orphans", action="store_true", help="only those that lost their place")
    p.add_argument("--deleted", action="store_true", help="the deleted ones (restorable)")
    p.set_defaults(func=_cmd_annotations)

    p = sub.add_parser("link", parents=[common, as_json, author], help="link two clauses",
                       description="Link a node to another (same or different document). "
                       f"Relations: {' '.join(DEFAULT_RELATIONS)} or any other word.")
    for name in ("src_doc", "src_node", "dst_doc", "dst_node"):
        p.add_argument(name, metavar=name.upper())
    p.add_argument("--relation", metavar="R", default=DEFAULT_RELATIONS[0],
                   help=f"default {DEFAULT_RELATIONS[0]}")
    p.add_argument("--note", metavar="TEXT", default="")
    p.add_argument("--src-quote", metavar="TEXT", help="link from these words, not the whole node")
    p.add_argument("--dst-quote", metavar="TEXT", help="link to these words, not the whole node")
    p.set_defaults(func=_cmd_link)

    p = sub.add_parser("links", parents=[common, as_json], help="list links (both directions)")
    p.add_argument("--doc", metavar="DOC_ID", help="links from or to one document")
    p.add_argument("--deleted", action="store_true", help="the deleted ones (restorable)")
    p.set_defaults(func=_cmd_links)

    p = sub.add_parser("annotations-export", parents=[common, as_json],
                       help="write annotations and links as W3C Web Annotation JSON")
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--doc", metavar="DOC_ID", help="one document's only")
    p.add_argument("--deleted", action="store_true", help="include deleted ones (flagged)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("annotations-import", parents=[common, as_json],
                       help="merge annotations from an export (by id; the newer copy wins)")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=_cmd_import_annotations)


def _export_command(sub, common, as_json) -> None:  # noqa: ANN001 - argparse objects
    p = sub.add_parser(
        "export", parents=[common, as_json], help="export an annotated brief (or a document) to Word",
        description="Write a Word (.docx) brief: cover, contents, the chosen documents with "
        "annotations as highlights and native Word comments, references as links or citations, "
        "an appendix of links.  Without --doc: every document that has annotations or links. "
        "--clean writes one document without annotations; --table the annotations as a table.")
    p.add_argument("out", metavar="OUT.docx", help="the file to write (replaced atomically)")
    p.add_argument("--doc", metavar="DOC_ID", action="append", default=None,
                   help="a document to include (repeatable; id or unique prefix)")
    p.add_argument("--annotated-only", action="store_true",
                   help="only the articles that carry annotations or links (default: full text)")
    p.add_argument("--title", metavar="T", default=None, help="the brief's title (default 法规审阅简报)")
    p.add_argument("--author", metavar="NAME", default=None,
                   help="the reviewer named on the cover (default: $REGREADER_AUTHOR or the login name)")
    p.add_argument("--no-comments", action="store_true", help="no Word comments (highlights only)")
    p.add_argument("--review-paragraphs", action="store_true",
                   help="also write each note as an indented 审阅意见 paragraph under its article")
    p.add_argument("--no-resolved", action="store_true", help="leave resolved annotations out")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--clean", action="store_true",
                      help="export one document (--doc) as it reads, without annotations")
    kind.add_argument("--table", action="store_true",
                      help="export the annotations alone as a table (条文, 摘录, 类别, 意见, 标签, 状态)")
    p.set_defaults(func=_cmd_export_docx)


def _offset(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


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
    from reader.store.library import Library

    return Library.open(args.library)


def _cmd_default(args: argparse.Namespace) -> int:
    """No command: the reading window (it imports the samples into an empty library)."""
    return _run_gui(args.library)


def _cmd_parse(args: argparse.Namespace) -> int:
    from reader.store.library import Library

    docs = Library.parse(args.file)  # no library is opened (or created) for a parse
    if args.json:
        print_json({"documents": [d.to_json() for d in docs]})
    else:
        for i, doc in enumerate(docs):
            if i:
                print()
            print_document(doc)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        progress = progress_printer() if sys.stderr.isatty() else None
        report = lib.import_files(args.files, progress=progress, version_of=args.version_of)
    if args.json:
        print_json(report.to_json())
    else:
        print_report(report)
    print_failures(report)
    if any(f.internal for f in report.failures):
        return EXIT_INTERNAL
    return EXIT_USER if report.failures else EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        docs = lib.documents(all_versions=args.all_versions)
        if args.json:
            print_json({"documents": [d.to_json() for d in docs]})
        else:
            print_list(docs, lib.folder)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        doc_id = lib.full_id(args.doc_id)
        if args.version is not None:
            doc_id = lib.versions.find(doc_id, args.version)
        doc = lib.document(doc_id)
        version = next(v for v in lib.versions.list(doc_id) if v.id == doc_id)
    if args.json:
        print_json({"documents": [{**doc.to_json(), "version": version.to_json()}]})
    else:
        print_document(doc, version_line(version))
    return EXIT_OK


def _cmd_remove(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        others = [v.id for v in lib.versions.list(args.doc_id) if v.id != lib.full_id(args.doc_id)]
        gone = lib.remove(args.doc_id, all_versions=args.all_versions)
        current = lib.versions.current(others[0]) if others and not args.all_versions else None
        notes, links = lib.annotations.counts(current or gone.id)
    if args.json:
        print_json({"removed": gone.to_json(), "current": current,
                     "kept": {"annotations": notes, "links": links}})
        return EXIT_OK
    print(f"removed {gone.id}  {gone.title} {gone.version}".rstrip())
    if current:
        print(f"the current version is {current}; it carries the notes ({notes} annotation"
              f"{'s' * (notes != 1)}, {links} link{'s' * (links != 1)})")
    elif notes or links:
        print(f"kept its {notes} annotation{'s' * (notes != 1)} and {links} "
              f"link{'s' * (links != 1)}: they return when the document is imported again")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    with _open(args) as lib:
        progress = index_progress_printer() if sys.stderr.isatty() else None
        results = lib.search(query, doc_id=args.doc, titles_only=args.titles,
                             limit=args.limit, progress=progress, scope=args.scope,
                             all_versions=args.all_versions)
    if args.json:
        print_json(results.to_json())
    else:
        print_results(results)
    return EXIT_OK


def _author(args: argparse.Namespace) -> str:
    return args.author if args.author is not None else default_author()


def _cmd_annotate(args: argparse.Namespace) -> int:
    if args.end is not None and args.start is None:
        raise UserError("--end needs --start")
    if args.start is not None and args.end is None:
        raise UserError("--start needs --end")
    from reader.store.library import Span

    span = Span(args.start, args.end, args.quote, args.occurrence)
    with _open(args) as lib:
        ann = lib.annotations.add(args.doc_id, args.node_id, span, note=args.note, tags=args.tag,
                                  category=args.color, author=_author(args))
    return _print_created(args, "annotation", ann)


def _print_created(args: argparse.Namespace, key: str, item: Annotation | Link) -> int:
    """The new item's id (scripts capture it), or with --json the id and the item."""
    if args.json:
        print_json({"id": item.id, key: item.to_json()})
    else:
        print(item.id)
    return EXIT_OK


def _cmd_annotations(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        anns = lib.annotations.list(args.doc, deleted=True if args.deleted else False,
                                    orphans_only=args.orphans)
        titles = {d.id: d.title for d in lib.documents(all_versions=True)}
        followed = {k: v for d in {a.doc_id for a in anns} if d in titles
                    for k, v in lib.versions.follow_notes(d).items()}
    if args.json:  # "version": how a note followed the current version, when it did
        print_json({"annotations": [{**a.to_json(), **({"version": _followed_json(followed[a.id])}
                                                        if a.id in followed else {})} for a in anns]})
        return EXIT_OK
    if not anns:
        print("no annotations" + (f" in {args.doc}" if args.doc else ""))
        return EXIT_OK
    rows = [[a.id[:8], _state(a.anchor_state, a.doc_present)
             + (f" ({followed[a.id].outcome})" if a.id in followed
                and followed[a.id].outcome not in ("unchanged", a.anchor_state) else ""),
             a.kind, a.category or "-", a.author or "-", a.status, f"{a.doc_id} {a.node_id}",
             _annotation_text(a)] for a in anns]
    print_table(["ID", "ANCHOR", "KIND", "CATEGORY", "AUTHOR", "STATUS", "WHERE", "QUOTE / NOTE"], rows)
    print_threads(anns)
    docs = {a.doc_id for a in anns}
    print(f"\n{len(anns)} annotation{'s' * (len(anns) != 1)} in {len(docs)} document"
          f"{'s' * (len(docs) != 1)}"
          + "".join(f"; {d} is not in the library (removed)" for d in sorted(docs) if d not in titles))
    return EXIT_OK


def _followed_json(note: FollowNote) -> dict[str, str | None]:
    """What happened to a note when its document's new version became current."""
    return {"outcome": note.outcome, "from_doc": note.from_doc, "old_node": note.old_node,
            "old_quote": note.old_quote}


def _state(state: str, present: bool) -> str:
    return state if present else "doc-removed"


def _annotation_text(a: Annotation) -> str:
    quote = f"“{snippet(a.quote, 24)}”" if a.quote else "[whole clause]"
    note = f" — {snippet(a.note, 36)}" if a.note else ""
    tags = " " + " ".join(f"#{t}" for t in a.tags) if a.tags else ""
    return quote + note + tags


def _cmd_link(args: argparse.Namespace) -> int:
    from reader.store.library import Span

    src = Span(quote=args.src_quote) if args.src_quote else Span()
    dst = Span(quote=args.dst_quote) if args.dst_quote else Span()
    with _open(args) as lib:
        link = lib.annotations.link(args.src_doc, args.src_node, args.dst_doc, args.dst_node, src=src,
                        dst=dst, relation=args.relation, note=args.note, author=_author(args))
    return _print_created(args, "link", link)


def _cmd_links(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        links = lib.annotations.links(args.doc, deleted=True if args.deleted else False)
        doc_id = lib.annotations.document_id(args.doc) if args.doc else None
    if args.json:
        print_json({"links": [link.to_json() for link in links]})
        return EXIT_OK
    if not links:
        print("no links" + (f" from or to {args.doc}" if args.doc else ""))
        return EXIT_OK
    rows = []
    for link in links:
        direction = link.touches(doc_id) if doc_id else ""
        rows.append([link.id[:8], {"out": "→", "in": "←"}.get(direction or "", ""), link.relation,
                     _end_text(link.src), _end_text(link.dst),
                     snippet(link.note, 30) if link.note else ""])
    print_table(["ID", "DIR", "RELATION", "FROM", "TO", "NOTE"], rows)
    print(f"\n{len(links)} link{'s' * (len(links) != 1)}")
    return EXIT_OK


def _end_text(end: LinkEnd) -> str:
    state = "" if end.anchor_state == "ok" and end.doc_present else f" [{_state(end.anchor_state, end.doc_present)}]"
    quote = f" “{snippet(end.quote, 14)}”" if end.quote else ""
    return f"{end.doc_id} {end.node_id}{quote}{state}"


def _cmd_export(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        data = lib.annotations.export(args.file, doc_id=args.doc, include_deleted=args.deleted)
    links = sum(1 for item in data["items"] if item.get("motivation") == "linking")
    summary = {"file": args.file, "annotations": len(data["items"]) - links, "links": links}
    if args.json:
        print_json({"exported": summary})
    else:
        print(f"wrote {summary['annotations']} annotations and {links} links to {args.file}")
    return EXIT_OK


def _cmd_import_annotations(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        report = lib.annotations.merge(args.file)
    if args.json:
        print_json({"imported": report.to_json()})
    else:
        print(f"annotations: {report.added} added, {report.updated} updated, {report.kept} kept; "
              f"links: {report.links_added} added, {report.links_updated} updated, "
              f"{report.links_kept} kept"
              + (f"; new categories: {'、'.join(report.categories_added)}" if report.categories_added else ""))
        orphans = report.anchors.get("orphan", 0)
        if orphans:
            print(f"{orphans} could not be placed in this library's text: listed as orphans")
    return EXIT_OK


def _cmd_export_docx(args: argparse.Namespace) -> int:
    author = args.author if args.author is not None else default_author()
    with _open(args) as lib:
        if args.clean:
            if not args.doc or len(args.doc) != 1:
                raise UserError("--clean exports one document: give exactly one --doc DOC_ID")
            result = lib.exports.clean(args.doc[0], args.out)
        elif args.table:
            result = lib.exports.annotation_table(args.out, args.doc, title=args.title, author=author,
                                                  include_resolved=not args.no_resolved)
        else:
            result = lib.exports.brief(args.out, args.doc, annotated_only=args.annotated_only,
                                       title=args.title, author=author,
                                       comments=not args.no_comments,
                                       review_paragraphs=args.review_paragraphs,
                                       include_resolved=not args.no_resolved)
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    print(f"wrote {result.path}: {result.documents} document{'s' * (result.documents != 1)}, "
          f"{result.units} units, {result.annotations} annotations ({result.comments} comments, "
          f"{result.highlights} highlights), {result.hyperlinks} internal links, "
          f"{result.citations} citations, {result.links} links in the appendix"
          + (f", {result.orphans} not placed (listed apart)" if result.orphans else "")
          + f" in {result.seconds:.2f} s")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


# -- cross-references ------------------------------------------------------------------------


def _refs_command(sub, common, as_json) -> None:  # noqa: ANN001 - argparse objects
    p = sub.add_parser(
        "refs", parents=[common, as_json], help="the references a document makes, and those to it",
        description="The cross-references detected in a document (本法第十七条, 前款, 《title》, "
        "doc numbers…) with where they lead, and every reference to the document from the library.",
    )
    p.add_argument("doc_id", metavar="DOC_ID", help="a document id from `list` (or a unique prefix)")
    p.set_defaults(func=_cmd_refs)


def _cmd_refs(args: argparse.Namespace) -> int:
    with _open(args) as lib:
        doc_id = lib.full_id(args.doc_id)
        refs = lib.refs.list(doc_id)
        cited = lib.refs.cited_by(doc_id)
        relations = lib.refs.relations(doc_id)
        titles = lib.titles({r.target_doc_id for r in refs if r.target_doc_id} | {doc_id})
        now = [lib.versions.cited_now(r.target_doc_id, r.target_node_id)
               if r.resolved and r.target_doc_id and r.target_doc_id != doc_id else None for r in refs]
    out_refs = [{"node_id": r.node_id, "start": r.start, "end": r.end, "text": r.text,
                 "kind": r.kind, "target_doc_id": r.target_doc_id, "target_node_id": r.target_node_id,
                 "target_title": (titles.get(r.target_doc_id or "") if r.resolved else None)
                 or r.target_title, "resolved": r.resolved, "exact": r.exact,
                 **({"target_node_ids": list(r.target_node_ids)} if r.target_node_ids else {}),
                 **({"current": c.to_json()} if c is not None else {}),
                 **({"note": r.note} if r.note else {})} for r, c in zip(refs, now)]
    out_cited = [c.to_json() for c in cited]
    if args.json:
        print_json({"doc_id": doc_id, "refs": out_refs, "cited_by": out_cited,
                     "relations": [r.to_json() for r in relations]})
        return EXIT_OK
    print(f"{titles.get(doc_id, '')}  ({doc_id})")
    n_ok = sum(r.resolved for r in refs)
    print(f"\nreferences: {len(refs)}, {n_ok} resolved")
    rows = []
    for r, j, c in zip(refs, out_refs, now):
        if r.resolved:
            where = r.target_node_id or ""
            if r.target_doc_id != doc_id:
                where = f"《{j['target_title']}》 {where}".rstrip()
            where += "" if r.exact else "  (inexact)"
            if c is not None and c.flagged:  # cited in an older version: where it is now
                where += f"  [current version: {c.status}" + (f", now {c.new_label}" if c.new_label
                                                               and c.new_label != c.old_label else "") + "]"
        else:
            where = f"unresolved{': ' + r.note if r.note else ''}"
        rows.append([r.node_id or "(front)", r.text, "→ " + where])
    if rows:
        print_table(["NODE", "TEXT", "TARGET"], rows)
    print(f"\ncited by: {len(cited)}")
    if cited:
        print_table(["DOCUMENT", "NODE", "TEXT", "TARGET"],
                     [[c.doc_title if c.doc_id != doc_id else "(this document)", c.node_id or "(front)",
                       c.text, "→ " + (c.target_node_id or "(document)")] for c in cited])
    if relations:
        print("\nrelated documents:")
        print_table(["RELATION", "COUNT", "TITLE"],
                     [[r.relation.replace("_", " "), str(r.count), r.title] for r in relations])
    return EXIT_OK


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
