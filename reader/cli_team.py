"""The CLI's ``team`` commands: a team server for shared review (reader.team).

``team serve DIR`` starts a PostgreSQL team server on this machine in one command;
``team init URL`` makes (or upgrades) one in a database IT already runs; ``team connect``
points this library at it, ``team sync`` pushes and pulls, ``team status`` says where it
stands; ``members`` / ``grant`` manage the team; ``history`` and ``conflicts`` show what a
merge kept.  Every command takes --json."""
from __future__ import annotations

import argparse
import getpass
import re
import secrets
import sys
from typing import TYPE_CHECKING, Any, Callable

from reader.cli_output import error, print_json, print_table, snippet
from reader.team.errors import TeamError

if TYPE_CHECKING:
    from reader.store.library import Library

EXIT_OK = 0
OpenLibrary = Callable[[argparse.Namespace], "Library"]
_LOGIN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def team_commands(sub, common, as_json, open_library: OpenLibrary) -> None:  # noqa: ANN001
    """Add ``team …`` to the CLI's subparsers."""
    team = sub.add_parser("team", help="share annotations through a team's PostgreSQL server",
                          description="Team review: annotations, replies, status and links "
                          "shared through a PostgreSQL server; the library stays the working copy.")
    cmds = team.add_subparsers(title="team commands", metavar="TEAM_COMMAND")
    team.set_defaults(func=lambda args: team.print_help() or EXIT_OK)

    p = cmds.add_parser("serve", parents=[as_json], help="start a team server on this machine",
                        description="Create (first time) and start a PostgreSQL team server in DIR "
                        "with the system's PostgreSQL programs; you become its owner.  Your password "
                        "goes to ~/.pgpass ($PGPASSFILE), never into RegReader.")
    p.add_argument("folder", metavar="DIR", help="where the server keeps its data")
    p.add_argument("--port", type=int, default=None, help="TCP port (default: a free one, kept)")
    p.add_argument("--listen", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; '*' for colleagues on the network)")
    p.add_argument("--member", action="append", default=[], metavar="USER:ROLE",
                   help="also create a colleague's login with a role (reader|reviewer|editor|owner); "
                   "their password is printed once")
    p.add_argument("--stop", action="store_true", help="stop the server instead")
    p.set_defaults(func=_cmd_serve)

    p = cmds.add_parser("init", parents=[as_json], help="create or upgrade the team schema (owner)",
                        description="Create the team schema in the database URL names, or bring it "
                        "up to date.  Run once with the database owner's login; desktops never use it.")
    p.add_argument("url", metavar="URL", help="postgresql://… or service=NAME (no password in it)")
    p.add_argument("--owner", metavar="USER", required=True, help="login role that owns the team")
    p.add_argument("--name", metavar="DISPLAY", default=None, help="the owner's name as shown")
    p.set_defaults(func=_cmd_init)

    p = cmds.add_parser("connect", parents=[common, as_json], help="point this library at a team server")
    p.add_argument("url", metavar="URL", help="postgresql://user@host/db?sslmode=verify-full or service=NAME")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: _status_out(a, lib.team.connect(a.url))))

    p = cmds.add_parser("disconnect", parents=[common, as_json], help="forget the team server")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: (
        lib.team.disconnect(), _status_out(a, lib.team.status()))[1]))

    p = cmds.add_parser("sync", parents=[common, as_json], help="push local changes, pull the team's")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: _sync_out(a, lib)))

    p = cmds.add_parser("status", parents=[common, as_json],
                        help="last sync, pending changes, conflicts (no network)")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: _status_out(a, lib.team.status())))

    p = cmds.add_parser("members", parents=[common, as_json], help="the team and its roles")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: _members_out(a, lib.team.members())))

    p = cmds.add_parser("grant", parents=[common, as_json], help="give a member a role (owner only)")
    p.add_argument("user", metavar="USER", help="their PostgreSQL login role")
    p.add_argument("role", choices=("reader", "reviewer", "editor", "owner"))
    p.add_argument("--name", metavar="DISPLAY", default=None, help="their name as shown to the team")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: _members_out(
        a, [lib.team.grant(a.user, a.role, a.name)])))

    p = cmds.add_parser("history", parents=[common, as_json],
                        help="every earlier value of an annotation's fields")
    p.add_argument("annotation_id", metavar="ANNOTATION_ID", help="its id or a unique prefix")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: _history_out(
        a, lib.team.history(lib.annotations.get(a.annotation_id).id))))

    p = cmds.add_parser("conflicts", parents=[common, as_json], help="what sync merges flagged")
    p.add_argument("--dismiss", metavar="ID", action="append", default=[], help="mark as seen")
    p.set_defaults(func=lambda a: _with(a, open_library, lambda lib: _conflicts_out(a, lib)))


def _with(args: argparse.Namespace, open_library: OpenLibrary, run: Callable[[Any], int]) -> int:
    with open_library(args) as lib:
        return run(lib)


def _status_out(args: argparse.Namespace, status: Any) -> int:
    if args.json:
        print_json(status.to_json())
    elif not status.connected:
        print(f"not connected to a team server ({status.pending} change(s) kept for the first sync)")
    else:
        print(f"server:     {status.server}  as {status.user} ({status.role or '?'})")
        print(f"last sync:  {status.last_sync or 'never'}")
        print(f"pending:    {status.pending} change(s)")
        print(f"conflicts:  {status.conflicts}")
        if status.last_error:
            print(f"last error: {status.last_error}")
    return EXIT_OK


def _sync_out(args: argparse.Namespace, lib: Any) -> int:
    def progress(phase: str, done: int, total: int) -> None:
        if total > 1 and sys.stderr.isatty():
            print(f"\r{phase} {done}/{total}", end="", file=sys.stderr, flush=True)

    report = lib.team.sync(progress)
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    print(f"sent {report.pushed}, received {report.pulled} change(s)"
          + (f" and {report.documents} document(s)" if report.documents else "")
          + (f"; {report.conflicts} conflict(s) flagged (regreader team conflicts)" if report.conflicts else ""))
    for note in report.notes:
        print(f"  {note}")
    if report.waiting:
        print(f"  {report.waiting} change(s) wait: their document is not in this library")
    return EXIT_OK


def _members_out(args: argparse.Namespace, members: list[Any]) -> int:
    if args.json:
        print_json([m.to_json() for m in members])
    else:
        print_table(["user", "role", "name"], [[m.user, m.role, m.display] for m in members])
    return EXIT_OK


def _history_out(args: argparse.Namespace, changes: list[Any]) -> int:
    if args.json:
        print_json([c.to_json() for c in changes])
    elif not changes:
        print("no earlier values: the annotation has not been changed since it was shared")
    else:
        print_table(["when", "who", "field", "was → became"],
                    [[c.at[:19].replace("T", " "), c.by, c.field,
                      f"{snippet(str(c.old), 30)} → {snippet(str(c.new), 30)}"] for c in changes])
    return EXIT_OK


def _conflicts_out(args: argparse.Namespace, lib: Any) -> int:
    for conflict_id in args.dismiss:
        if not lib.team.dismiss(conflict_id):
            raise TeamError(f"{conflict_id}: no such open conflict")
    found = lib.team.conflicts()
    if args.json:
        print_json([c.to_json() for c in found])
    elif not found:
        print("no conflicts")
    else:
        print_table(["id", "item", "when", "by", "what"],
                    [[c.id[:12], f"{c.kind} {c.item_id[:8]}", c.at[:16].replace("T", " "), c.author,
                      c.words] for c in found])
    return EXIT_OK


# -- the server side -----------------------------------------------------------------------

def _cmd_init(args: argparse.Namespace) -> int:
    from reader.team.connection import connect, describe
    from reader.team.server_schema import SCHEMA_VERSION, init

    pg = connect(args.url)
    try:
        applied = init(pg, args.owner, args.name or "")
    except Exception as exc:
        import psycopg

        if isinstance(exc, psycopg.Error):
            from reader.team.connection import from_psycopg

            raise from_psycopg(exc) from exc
        raise
    finally:
        pg.close()
    if args.json:
        print_json({"server": describe(args.url), "schema": SCHEMA_VERSION, "applied": applied,
                    "owner": args.owner})
    else:
        what = f"schema {SCHEMA_VERSION} created" if applied else f"schema {SCHEMA_VERSION} already in place"
        print(f"{describe(args.url)}: {what}; {args.owner} is a team owner")
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    import psycopg

    from reader.team.cluster import LocalCluster, remember_password
    from reader.team.server_schema import ROLES, init

    cluster = LocalCluster.at(args.folder, args.port)
    if args.stop:
        cluster.stop()
        print_json({"stopped": str(cluster.datadir)}) if args.json else print(f"{cluster.datadir}: stopped")
        return EXIT_OK
    owner = _login_name(getpass.getuser())
    members = [_member(m, ROLES) for m in args.member]
    fresh = not cluster.initialised()
    cluster.start(listen=args.listen)
    cluster.wait_ready()
    cluster.add_database("regreader")
    passwords: dict[str, str] = {}
    for user, _role in [(owner, "owner"), *members]:
        password = secrets.token_urlsafe(18)
        if cluster.add_login(user, password):
            passwords[user] = password
    with psycopg.connect(cluster.admin_url("regreader")) as conn:
        init(conn, owner)
        for user, role in members:
            conn.execute("SELECT regreader.grant_role(%s, %s, NULL)", (user, role))
        conn.commit()
    if owner in passwords:
        password = passwords.pop(owner)
        try:
            remember_password(cluster.port, owner, password)
        except OSError as exc:
            error(f"could not write your .pgpass ({exc.strerror}); your password is {password}")
    url = cluster.url(owner)
    if args.json:
        print_json({"server": url, "data": str(cluster.datadir), "created": fresh, "owner": owner,
                    "members": [{"user": u, "role": r, "password": passwords.get(u)} for u, r in members]})
        return EXIT_OK
    print(f"team server {'created and ' if fresh else ''}running in {cluster.datadir} (port {cluster.port})")
    print(f"connect this library:  regreader team connect {url}")
    for user, role in members:
        line = f"  {user} ({role})"
        if user in passwords:
            line += f": password {passwords[user]} — give it to them for their ~/.pgpass"
        print(line)
    print(f"stop it:  regreader team serve {args.folder} --stop")
    return EXIT_OK


def _login_name(name: str) -> str:
    login = re.sub(r"[^a-z0-9_]", "_", name.lower()) or "regreader"
    return login if _LOGIN.match(login) else f"u_{login}"[:63]


def _member(text: str, roles: tuple[str, ...]) -> tuple[str, str]:
    user, _, role = text.partition(":")
    if not _LOGIN.match(user) or role not in roles:
        raise TeamError(f"--member {text!r}: give USER:ROLE, USER a lower-case login name and "
                        f"ROLE one of {', '.join(roles)}")
    return user, role
