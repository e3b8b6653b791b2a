"""Push and pull: the library and the team server brought level, each side in transactions.

Push first: every item changed here since its last push is merged into the server's row
field by field — a field this library changed since it last saw the row takes our value,
the others keep the server's — in one server transaction holding the team's write lock,
so revs follow commit order and no update is lost.  An earlier value is never lost: the
server's history trigger keeps it, and a field both sides changed, or a note edited on
one side and deleted on the other (kept, not deleted), is flagged as a conflict item that
syncs to everyone.  Then pull: every row with a rev above the cursor, checked, is written
here in one local transaction together with the new cursor — a dropped connection before
that commit leaves the library as it was, and the next sync starts from the same cursor.
A field changed here and not yet pushed keeps the local value (it will be pushed, later
in server order, and win there too)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from reader.core.model import Document
from reader.store import userdata
from reader.store.db import Database, now
from reader.team import outbox, wire
from reader.team.connection import from_psycopg
from reader.team.documents import document_from_payload
from reader.team.errors import BadServerData, Cancelled, TeamError
from reader.team.outbox import ORDER, Pending
from reader.team.server_schema import WRITE_LOCK, check_version

Progress = Callable[[str, int, int], None]
PAGE = 5000  # rows a pull reads at a time


class Host(Protocol):
    """What sync needs of the library (reader.store.team implements it)."""

    db: Database

    def doc_hash(self, doc_id: str) -> str | None: ...
    def doc_id(self, digest: str) -> str | None: ...
    def payload(self, doc_id: str) -> tuple[dict[str, Any], list[list[Any]]]: ...
    def store_documents(self, docs: list[Document], when: str) -> Any: ...
    def committed(self, prepared: Any) -> None: ...


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    documents: int = 0
    conflicts: int = 0
    refused: int = 0  # changes this member's team role may not share
    waiting: int = 0  # changes whose document is not in this library
    at: str = ""
    role: str = ""  # the member's team role, as the server said during this sync
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "pulled": self.pulled, "documents": self.documents,
                "conflicts": self.conflicts, "refused": self.refused, "waiting": self.waiting,
                "at": self.at, "role": self.role, "notes": self.notes}


@dataclass
class _Item:
    entry: Pending
    kind: str
    server_id: str
    data: dict[str, Any]


def my_role(pg: Any) -> str:
    """The caller's team role; TeamError if they are not a member."""
    role, user = pg.execute("SELECT regreader.my_role(), current_user").fetchone()
    pg.commit()
    if role is None:
        raise TeamError(f"{user} is not a member of this team: a team owner runs "
                        f"`regreader team grant {user} reviewer`", "not-member")
    return str(role)


def sync(pg: Any, host: Host, progress: Progress | None = None,
         cancelled: Callable[[], bool] | None = None) -> SyncReport:
    """One sync: check the server, push, pull.  TeamError (in words) on any failure, with
    the unfinished step rolled back on both sides."""
    report = SyncReport()
    step = progress or (lambda _w, _d, _t: None)
    stop = cancelled or (lambda: False)
    try:
        check_version(pg)
        pg.commit()
        role = report.role = my_role(pg)
        step("push", 0, 1)
        mine = _push(pg, host, role, report, stop)
        if stop():
            raise Cancelled("sync cancelled after sending this library's changes")
        step("pull", 0, 1)
        _pull(pg, host, report, step, stop, mine)
    except TeamError:
        _rollback(pg)
        raise
    except Exception as exc:
        _rollback(pg)
        import psycopg

        if isinstance(exc, psycopg.Error):
            raise from_psycopg(exc) from exc
        raise
    report.at = now()
    return report


def _rollback(pg: Any) -> None:
    try:
        pg.rollback()
    except Exception:  # the connection is gone: the server rolled back for us
        pass


# -- push ------------------------------------------------------------------------------------

def _push(pg: Any, host: Host, role: str, report: SyncReport, stop: Callable[[], bool]) -> list[int]:
    """Send what waits here; returns the revs the server gave it (the pull skips them)."""
    conn = host.db.conn
    with host.db.lock:
        entries = outbox.pending(conn)
        items, gone = _read_pending(host, entries, report)
        base = {(k, i): b for k in ORDER
                for i, b in outbox.bases(conn, k, [x.server_id for x in items if x.kind == k]).items()}
    if role == "reader":
        report.refused = len(items)
        if items:
            report.notes.append(f"{len(items)} change(s) stay in this library: a reader's "
                                "changes are not shared")
        _finish_push(host, [], gone, [], [])
        return []
    if not items:
        _finish_push(host, [], gone, [], [])
        return []
    from psycopg.types.json import Jsonb

    with pg.transaction():
        pg.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        _send_documents(pg, host, items, Jsonb)
        kinds = [x.kind for x in items]
        ids = [x.server_id for x in items]
        server = {(r[0], r[1]): (int(r[2]), r[3]) for r in pg.execute(
            "SELECT kind, id, rev, data FROM regreader.items"
            " WHERE (kind, id) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
            (kinds, ids))}  # no FOR UPDATE: the write lock serialises writers, and FOR UPDATE
        # would hide from a reviewer the rows it may not change (and make them look new)
        me = pg.execute("SELECT current_user").fetchone()[0]
        inserts, updates, conflicts = [], [], []
        for item in items:
            key = (item.kind, item.server_id)
            if key not in server:
                inserts.append(item)
                continue
            rev, theirs = server[key]
            merged, flags = merge(item.data, base.get(key), rev, theirs)
            conflicts += [(item, text) for text in flags]
            if merged != theirs:
                updates.append((item, merged))
        if inserts:
            with pg.cursor() as cur:
                cur.executemany(
                    "INSERT INTO regreader.items (kind, id, rev, created_by, changed_by, changed_at,"
                    " doc, doc2, data) VALUES (%s, %s, 0, '', '', now(), %s, %s, %s)",
                    [(x.kind, x.server_id, *_docs(x.kind, x.data), Jsonb(x.data)) for x in inserts])
        refused = _update(pg, updates, Jsonb)
        when = now()
        conflict_rows = [(_conflict_id(x, text), {"kind": x.kind, "item_id": x.server_id,
                                                   "reason": text, "at": when})
                         for x, text in conflicts]
        if conflict_rows:
            with pg.cursor() as cur:
                cur.executemany(
                    "INSERT INTO regreader.items (kind, id, rev, created_by, changed_by, changed_at,"
                    " data) VALUES ('conflict', %s, 0, '', '', now(), %s) ON CONFLICT DO NOTHING",
                    [(cid, Jsonb(d)) for cid, d in conflict_rows])
        refused_ids = {id(x) for x in refused}
        shared = [x for x in items if id(x) not in refused_ids]
        after = {(r[0], r[1]): (int(r[2]), r[3]) for r in pg.execute(
            "SELECT kind, id, rev, data FROM regreader.items"
            " WHERE (kind, id) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
            ([x.kind for x in shared] + ["conflict"] * len(conflict_rows),
             [x.server_id for x in shared] + [c for c, _ in conflict_rows]))}
        if stop():
            raise Cancelled("sync cancelled: nothing was sent")
    report.pushed = len(inserts) + len(updates) - len(refused)
    report.conflicts += len(conflict_rows)
    report.refused += len(refused)
    if refused:
        report.notes.append(f"{len(refused)} change(s) to others' items stay in this library: "
                            "your team role may change only your own")
    _finish_push(host, shared, gone, refused, [(c, d, after.get(("conflict", c)), me)
                                               for c, d in conflict_rows], after)
    return [rev for rev, _ in after.values()]


def _update(pg: Any, updates: list[tuple[_Item, dict[str, Any]]], jsonb: Any) -> list[_Item]:
    """Write the merged rows; returns those the database did not change — row-level
    security hides from an UPDATE the rows this member may not edit (no error: 0 rows)."""
    if not updates:
        return []
    with pg.cursor() as cur:
        cur.executemany("UPDATE regreader.items SET doc = %s, doc2 = %s, data = %s"
                        " WHERE kind = %s AND id = %s RETURNING id",
                        [(*_docs(x.kind, d), jsonb(d), x.kind, x.server_id) for x, d in updates],
                        returning=True)
        changed = []
        while True:
            changed.append(cur.fetchone() is not None)
            if not cur.nextset():
                break
    return [x for (x, _), ok in zip(updates, changed) if not ok]


def _read_pending(host: Host, entries: list[Pending], report: SyncReport
                  ) -> tuple[list[_Item], list[Pending]]:
    """The pending items as the server would store them; entries for items that no longer
    exist are ``gone``.  Items on documents not in this library wait (counted)."""
    conn = host.db.conn
    items: list[_Item] = []
    gone: list[Pending] = []
    for entry in entries:
        if entry.kind == "status":
            status = wire.read_status(conn, entry.item_id)
            if status is None:
                gone.append(entry)
            else:
                items.append(_Item(entry, "status", status[0], status[1]))
            continue
        if entry.kind not in wire.FIELDS or entry.kind == "conflict":
            gone.append(entry)
            continue
        data = wire.read_local(conn, entry.kind, entry.item_id, host.doc_hash)
        if data is not None:
            items.append(_Item(entry, entry.kind, entry.item_id, data))
        elif _exists(conn, entry.kind, entry.item_id):
            report.waiting += 1
        else:
            gone.append(entry)
    return items, gone


def _exists(conn: Any, kind: str, item_id: str) -> bool:
    table, column = {"annotation": ("annotations", "id"), "reply": ("replies", "id"),
                     "link": ("links", "id"), "category": ("categories", "name")}[kind]
    return conn.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", (item_id,)).fetchone() is not None


def _send_documents(pg: Any, host: Host, items: list[_Item], jsonb: Any) -> None:
    """The documents the items sit on, for colleagues who never had the file."""
    needed = sorted({d for x in items for d in wire.documents_of(x.kind, x.data)})
    if not needed:
        return
    have = {r[0] for r in pg.execute("SELECT id FROM regreader.documents WHERE id = ANY(%s)", (needed,))}
    missing = [d for d in needed if d not in have]
    rows = []
    with host.db.lock:
        for digest in missing:
            doc_id = host.doc_id(digest)
            if doc_id is not None:
                data, nodes = host.payload(doc_id)
                rows.append((digest, jsonb(data), jsonb(nodes)))
    if rows:
        with pg.cursor() as cur:
            cur.executemany("INSERT INTO regreader.documents (id, data, nodes) VALUES (%s, %s, %s)"
                            " ON CONFLICT (id) DO NOTHING", rows)


def _docs(kind: str, data: dict[str, Any]) -> tuple[str | None, str | None]:
    docs = wire.documents_of(kind, data)
    return (docs[0] if docs else None, docs[1] if len(docs) > 1 else None)


def _conflict_id(item: _Item, text: str) -> str:
    import hashlib

    return hashlib.sha256(f"{item.kind}|{item.server_id}|{text}|{now()}".encode()).hexdigest()[:32]


def merge(ours: dict[str, Any], base: outbox.Base | None, rev: int, theirs: dict[str, Any]
          ) -> tuple[dict[str, Any], list[str]]:
    """The server row after our push, and the conflicts to flag (reason codes).

    Fields we changed since ``base`` take our value (last writer wins, and we write last);
    the rest keep theirs; tags merge as a set (a tag added on one side and another on the
    other: both kept).  A field both sides changed is flagged ``field:NAME`` (their value
    stays in the history).  A deletion meets an edit: the item is kept and flagged."""
    known = base.data if base is not None else {}
    mine = {f for f, v in ours.items() if f not in wire.FIXED and (base is None or known.get(f) != v)}
    merged = dict(theirs)
    flags: list[str] = []
    since = base is not None and rev > base.rev
    for f in sorted(mine):
        if theirs.get(f) == ours[f]:
            continue
        changed_there = since and theirs.get(f) != known.get(f)
        if f == "tags" and changed_there:
            merged[f] = merge_tags(known.get(f) or [], ours[f], theirs.get(f) or [])
            continue
        if changed_there and f != "deleted":
            flags.append(f"field:{f}")
        merged[f] = ours[f]
    edited_there = since and any(theirs.get(f) != known.get(f) for f in theirs if f != "deleted")
    if "deleted" in mine and ours.get("deleted") and not theirs.get("deleted") and edited_there:
        merged["deleted"] = None
        flags.append("kept:deleted-here")
    elif theirs.get("deleted") and "deleted" not in mine and mine - {"deleted"} and since:
        merged["deleted"] = None
        flags.append("kept:deleted-there")
    return merged, flags


def merge_tags(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Three-way merge of tag lists as sets, in their order: removed on either side is gone,
    added on either side is there."""
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    out = [t for t in theirs if t not in removed]
    return out + [t for t in ours if t not in removed and t not in out]


def _finish_push(host: Host, shared: list[_Item], gone: list[Pending], refused: list[_Item],
                 conflicts: list[tuple[str, dict[str, Any], Any, str]],
                 after: dict[tuple[str, str], tuple[int, dict[str, Any]]] | None = None) -> None:
    """After the server committed: remember what it has, take back its merge, clear the
    outbox (entries written again meanwhile stay)."""
    if not (shared or gone or refused or conflicts):
        return  # nothing was sent: no write transaction for an idle sync
    conn = host.db.conn
    after = after or {}
    when = now()
    with host.db.lock, host.db.transaction():
        bases = []
        with outbox.muted(conn):
            for item in shared:
                rev, data = after[(item.kind, item.server_id)]
                bases.append((item.kind, item.server_id, rev, data))
                if data != item.data and item.kind != "status" and _untouched(conn, item.entry):
                    wire.write_local(conn, item.kind, item.server_id, data, _author(conn, item),
                                     when, lambda d: host.doc_id(d) or "")
            for cid, data, stored, me in conflicts:
                wire.write_local(conn, "conflict", cid, data, me, when, lambda d: "")
                if stored:
                    bases.append(("conflict", cid, stored[0], stored[1]))
            for item in refused:
                wire.write_local(conn, "conflict", f"refused-{item.kind}-{item.server_id}"[:100], {
                    "kind": item.kind, "item_id": item.server_id, "at": when,
                    "reason": "refused:role"},
                    "", when, lambda d: "")
        outbox.set_bases(conn, bases)
        outbox.done(conn, [x.entry for x in shared + refused] + gone)
        if conflicts or refused:
            userdata.bump_revision(conn)


def _untouched(conn: Any, entry: Pending) -> bool:
    row = conn.execute("SELECT stamp FROM team_outbox WHERE kind = ? AND item_id = ?",
                       (entry.kind, entry.item_id)).fetchone()
    return row is not None and row[0] == entry.stamp


def _author(conn: Any, item: _Item) -> str:
    table = {"annotation": "annotations", "reply": "replies", "link": "links"}.get(item.kind)
    if table is None:
        return ""
    row = conn.execute(f"SELECT author FROM {table} WHERE id = ?", (item.server_id,)).fetchone()
    return row[0] if row else ""


# -- pull ------------------------------------------------------------------------------------

def _pull(pg: Any, host: Host, report: SyncReport, step: Progress, stop: Callable[[], bool],
          mine: list[int]) -> None:
    """Everything above the cursor but what this sync just pushed (``mine``: known here)."""
    conn = host.db.conn
    with host.db.lock:
        cursor = int(outbox.get(conn, "cursor", "0") or 0)
    top = int(pg.execute("SELECT COALESCE(MAX(rev), 0) FROM regreader.items").fetchone()[0])
    rows: list[tuple[str, str, int, str, Any, dict[str, Any]]] = []
    position = cursor
    while position < top:
        page = pg.execute("SELECT kind, id, rev, created_by, changed_at, data FROM regreader.items"
                          " WHERE rev > %s AND rev <= %s AND NOT rev = ANY(%s) ORDER BY rev LIMIT %s",
                          (position, top, mine, PAGE)).fetchall()
        if not page:
            break
        for kind, item_id, rev, creator, changed_at, data in page:
            if not isinstance(rev, int) or not isinstance(creator, str) or rev <= position:
                raise BadServerData("the team server sent rows out of order or without a revision;"
                                " nothing was applied")
            rows.append((kind, item_id, rev, creator[:100], changed_at, wire.check(kind, item_id, data)))
            position = rev
        step("pull", position - cursor, top - cursor)
        if stop():
            raise Cancelled("sync cancelled: nothing was received")
    names = {str(r[0]): str(r[1] or r[0])[:100] for r in pg.execute(
        "SELECT username, display FROM regreader.members")} if rows else {}
    docs = _fetch_documents(pg, host, rows)
    pg.commit()
    _check_parents(conn, host, rows)
    if stop():
        raise Cancelled("sync cancelled: nothing was received")
    when = now()
    with host.db.lock, host.db.transaction():
        prepared = host.store_documents(docs, when) if docs else None
        pulled, flagged = _apply(host, rows, names, when)
        outbox.put(conn, "cursor", str(max(top, cursor)))
        if pulled:
            userdata.bump_revision(conn)  # windows and other processes see the new work
    if prepared is not None:
        host.committed(prepared)
    report.pulled = pulled
    report.documents = len(docs)
    report.conflicts += flagged


def _fetch_documents(pg: Any, host: Host, rows: list[Any]) -> list[Document]:
    wanted = sorted({d for r in rows for d in wire.documents_of(r[0], r[5])})
    with host.db.lock:
        missing = [d for d in wanted if host.doc_id(d) is None]
    docs = []
    found: set[str] = set()
    for start in range(0, len(missing), 50):
        for digest, data, nodes in pg.execute(
                "SELECT id, data, nodes FROM regreader.documents WHERE id = ANY(%s)",
                (missing[start:start + 50],)):
            docs.append(document_from_payload(digest, data, nodes))
            found.add(digest)
    lost = [d for d in missing if d not in found]
    if lost:
        raise BadServerData(f"the team server has notes on a document it does not have "
                        f"({lost[0][:12]}…); nothing was applied")
    return docs


def _check_parents(conn: Any, host: Host, rows: list[Any]) -> None:
    """A reply or status change must come with its note (here or in this pull)."""
    coming = {r[1] for r in rows if r[0] == "annotation"}
    with host.db.lock:
        for kind, item_id, _rev, _by, _at, data in rows:
            if kind in ("reply", "status") and data["annotation_id"] not in coming and not \
                    conn.execute("SELECT 1 FROM annotations WHERE id = ?", (data["annotation_id"],)).fetchone():
                raise BadServerData(f"the team server sent a {kind} ({item_id[:12]}) for a note it does "
                                "not have; nothing was applied")


def _apply(host: Host, rows: list[Any], names: dict[str, str], when: str) -> tuple[int, int]:
    """Write the pulled rows; (rows applied, conflicts among them)."""
    conn = host.db.conn
    rank = {k: n for n, k in enumerate(ORDER)}
    rows = sorted(rows, key=lambda r: (rank[r[0]], r[2]))
    pending = {k: outbox.pending_ids(conn, k) for k in ORDER}
    held_status = {a for a, in conn.execute(
        "SELECT s.annotation_id FROM status_log s JOIN team_outbox o ON o.kind = 'status'"
        " AND o.item_id = CAST(s.id AS TEXT)")}
    bases: dict[tuple[str, str], outbox.Base] = {}
    for kind in ORDER:
        ids = [r[1] for r in rows if r[0] == kind]
        bases.update({(kind, i): b for i, b in outbox.bases(conn, kind, ids).items()})
    new_bases = []
    applied = flagged = 0

    def local_doc(digest: str) -> str:
        doc_id = host.doc_id(digest)
        if doc_id is None:  # _fetch_documents stored every one: a broken server otherwise
            raise BadServerData(f"document {digest[:12]}… missing after the pull; nothing was applied")
        return doc_id

    with outbox.muted(conn):
        for kind, item_id, rev, creator, changed_at, data in rows:
            base = bases.get((kind, item_id))
            if base is not None and base.rev == rev:
                continue  # our own push coming back
            new_bases.append((kind, item_id, rev, data))
            value = data
            if item_id in pending.get(kind, ()) and kind in ("annotation", "reply", "link", "category"):
                local = wire.read_local(conn, kind, item_id, host.doc_hash)
                if local is not None:
                    value = _keep_local(local, base, data)
            author = names.get(creator, creator)
            stamp = changed_at.isoformat(timespec="seconds") if hasattr(changed_at, "isoformat") else when
            wire.write_local(conn, kind, item_id, value, author, stamp, local_doc)
            if kind == "status" and data["annotation_id"] in held_status:
                _restore_local_status(conn, data["annotation_id"])
            applied += 1
            flagged += kind == "conflict"
        outbox.set_bases(conn, new_bases)
    return applied, flagged


def _keep_local(local: dict[str, Any], base: outbox.Base | None, server: dict[str, Any]
                ) -> dict[str, Any]:
    """A pulled row meets local changes not pushed yet: those fields keep the local value
    (pushed next, they win by server order too); tags merge as a set.  Without a base the
    item was never seen from the server: all local values stay."""
    if base is None:
        return local
    out = {}
    for f, value in server.items():
        mine = local.get(f)
        if mine == base.data.get(f):
            out[f] = value
        elif f == "tags":
            out[f] = merge_tags(base.data.get(f) or [], mine or [], value or [])
        else:
            out[f] = mine
    return out


def _restore_local_status(conn: Any, annotation_id: str) -> None:
    """A status set here and not yet pushed stays the note's status (it is the later one)."""
    row = conn.execute("SELECT s.status FROM status_log s JOIN team_outbox o ON o.kind = 'status'"
                       " AND o.item_id = CAST(s.id AS TEXT) WHERE s.annotation_id = ?"
                       " ORDER BY s.at DESC, s.id DESC LIMIT 1", (annotation_id,)).fetchone()
    if row:
        conn.execute("UPDATE annotations SET status = ? WHERE id = ?", (row[0], annotation_id))

