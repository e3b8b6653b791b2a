"""The CLI's review commands: ``reply`` (answer an annotation: a thread under it) and
``status`` (open / answered / resolved, logged with who and when), and the threads that
``annotations`` prints under its table.  Registered by reader.cli; the library is opened
by the function it hands in."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Callable, Sequence

from reader.cli_output import print_json, snippet
from reader.core.annotations import STATUSES, Annotation, default_author

if TYPE_CHECKING:
    from reader.store.library import Library

EXIT_OK = 0
OpenLibrary = Callable[[argparse.Namespace], "Library"]


def review_commands(sub, common, as_json, open_library: OpenLibrary) -> None:  # noqa: ANN001
    """Add ``reply`` and ``status`` to the CLI's subparsers."""
    author = argparse.ArgumentParser(add_help=False)
    author.add_argument("--author", metavar="NAME", default=None,
                        help="who says so (default: $REGREADER_AUTHOR or the login name)")
    p = sub.add_parser(
        "reply", parents=[common, as_json, author], help="reply to an annotation",
        description="Add a reply to the thread under an annotation.  Prints the reply's id.")
    p.add_argument("annotation_id", metavar="ANNOTATION_ID", help="its id or a unique prefix")
    p.add_argument("text", metavar="TEXT", help="the reply (multi-line allowed)")
    p.set_defaults(func=lambda args: _cmd_reply(args, open_library))

    p = sub.add_parser(
        "status", parents=[common, as_json, author], help="set an annotation's review status",
        description="Set the review status: open (to be looked at), answered (replied to), "
        "resolved (settled).  Every change is kept with who made it and when.")
    p.add_argument("annotation_id", metavar="ANNOTATION_ID", help="its id or a unique prefix")
    p.add_argument("status", metavar="|".join(STATUSES), choices=STATUSES)
    p.set_defaults(func=lambda args: _cmd_status(args, open_library))


def _author(args: argparse.Namespace) -> str:
    return args.author if args.author is not None else default_author()


def _cmd_reply(args: argparse.Namespace, open_library: OpenLibrary) -> int:
    with open_library(args) as lib:
        reply = lib.annotations.reply(args.annotation_id, args.text, author=_author(args))
    if args.json:
        print_json({"id": reply.id, "reply": reply.to_json()})
    else:
        print(reply.id)
    return EXIT_OK


def _cmd_status(args: argparse.Namespace, open_library: OpenLibrary) -> int:
    with open_library(args) as lib:
        ann = lib.annotations.set_status(args.annotation_id, args.status, author=_author(args))
    if args.json:
        print_json({"id": ann.id, "annotation": ann.to_json()})
    else:
        print("\n".join(thread_lines(ann)))
    return EXIT_OK


def thread_lines(ann: Annotation) -> list[str]:
    """An annotation's head line (id, author, status and who set it) and its replies."""
    last = ann.status_history[-1] if ann.status_history else None
    by = f" by {last.author or '?'} {last.at[:16].replace('T', ' ')}" if last else ""
    what = snippet(ann.note, 40) if ann.note else f"“{snippet(ann.quote, 30)}”"
    lines = [f"{ann.id[:8]} {ann.author or '-'} [{ann.status}{by}]: {what}"]
    lines += [f"  ↳ {r.author or '-'} {r.created[:16].replace('T', ' ')}: {snippet(r.text, 60)}"
              for r in ann.replies]
    return lines


def print_threads(anns: Sequence[Annotation]) -> None:
    """Under the ``annotations`` table: the annotations that have replies, with them."""
    threaded = [a for a in anns if a.replies]
    if threaded:
        print("\nreplies:")
        for ann in threaded:
            print("\n".join(thread_lines(ann)))
