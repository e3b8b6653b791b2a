"""``library.team``: this library's link to a team server — connect, sync, status, members.

Offline-first: the library works the same without a server; connecting only records where
the server is (never a password) and queues everything for the first push.  Network calls
(connect, sync, members, grant, history) are slow and may fail: the GUI runs them on a
worker; ``status`` and ``conflicts`` read only the library and are safe anywhere."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from reader.core.lineage import content_hash
from reader.core.model import Document
from reader.store import repository
from reader.store.db import Database, now
from reader.store.import_report import ImportReport
from reader.team import connection, outbox
from reader.team.documents import payload
from reader.team.errors import TeamError
from reader.team.server_schema import ROLES, check_version
from reader.team.sync import Progress, SyncReport, my_role, sync

#: ``store(docs, path, when, done) -> prepared`` stores parsed documents as an import does;
#: ``committed(prepared)`` settles their cross-references and index after the commit.
StoreDocuments = Callable[[list[Document], str, str, ImportReport], Any]


@dataclass(frozen=True)
class TeamStatus:
    connected: bool
    server: str = ""
    user: str = ""
    role: str = ""
    last_sync: str | None = None
    pending: int = 0
    conflicts: int = 0
    last_error: str = ""
    error_code: str = ""  # reader.team.errors.CODES: the window says it in its own words

    def to_json(self) -> dict[str, Any]:
        return {"connected": self.connected, "server": self.server, "user": self.user,
                "role": self.role, "last_sync": self.last_sync, "pending": self.pending,
                "conflicts": self.conflicts, "last_error": self.last_error,
                "error_code": self.error_code}


@dataclass(frozen=True)
class Member:
    user: str
    role: str
    display: str = ""

    def to_json(self) -> dict[str, str]:
        return {"user": self.user, "role": self.role, "display": self.display}


@dataclass(frozen=True)
class FieldChange:
    """An earlier value of one field of a shared item, kept by the server."""

    field: str
    old: Any
    new: Any
    by: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new, "by": self.by, "at": self.at}


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: str
    item_id: str
    reason: str
    author: str
    at: str

    @property
    def words(self) -> str:
        """The reason in English words (the window has its own, in the user's language)."""
        code, _, detail = self.reason.partition(":")
        if code == "field":
            return (f"its {detail} was changed on two sides at once: the later change was kept, "
                    "the earlier is in the history")
        if code == "kept" and detail == "deleted-here":
            return "deleted on one side while edited on another: kept"
        if code == "kept":
            return "edited on one side while deleted on another: kept"
        if code == "refused":
            return "a change your team role may not share (someone else's item): kept only here"
        return self.reason

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "item_id": self.item_id, "reason": self.reason,
                "words": self.words, "author": self.author, "at": self.at}


class Team:
    """Sync of one library with its team server (see reader.team)."""

    def __init__(self, db: Database, store: StoreDocuments, committed: Callable[[Any], None]) -> None:
        self.db = db
        self._store = store
        self._committed = committed

    # -- local, fast ---------------------------------------------------------------------

    def status(self) -> TeamStatus:
        with self.db.lock:
            conn = self.db.conn
            url = outbox.get(conn, "url")
            if not url:
                return TeamStatus(False, pending=outbox.pending_count(conn))
            return TeamStatus(True, connection.describe(url), outbox.get(conn, "user"),
                              outbox.get(conn, "role"), outbox.get(conn, "last_sync") or None,
                              outbox.pending_count(conn), len(outbox.open_conflicts(conn)),
                              outbox.get(conn, "last_error"), outbox.get(conn, "error_code"))

    def conflicts(self) -> list[Conflict]:
        with self.db.lock:
            return [Conflict(*row) for row in outbox.open_conflicts(self.db.conn)]

    def dismiss(self, conflict_id: str) -> bool:
        """The user has seen a conflict: it is no longer shown (it stays in the history)."""
        with self.db.lock, self.db.transaction():
            return outbox.dismiss_conflict(self.db.conn, conflict_id, now())

    def disconnect(self) -> None:
        """Forget the server (the library keeps every note; the outbox keeps filling)."""
        with self.db.lock, self.db.transaction():
            outbox.forget(self.db.conn, "url", "user", "role", "last_error", "error_code")

    # -- over the network ------------------------------------------------------------------

    def connect(self, url: str) -> TeamStatus:
        """Check that ``url`` reaches a team server we are a member of, then remember it.
        A server other than the one before starts afresh: everything is pushed to it."""
        connection.parse(url)
        with self._server(url) as pg:
            check_version(pg)
            role = my_role(pg)
            user, server_id = pg.execute(
                "SELECT current_user, (SELECT system_identifier::text FROM pg_control_system())"
                " || '/' || current_database()").fetchone()
            pg.commit()
        with self.db.lock, self.db.transaction():
            conn = self.db.conn
            if outbox.get(conn, "server_id") != server_id:
                outbox.reset(conn)
            for key, value in (("url", url.strip()), ("user", user), ("role", role),
                               ("server_id", server_id), ("last_error", ""), ("error_code", "")):
                outbox.put(conn, key, value)
        return self.status()

    def sync(self, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> SyncReport:
        """Push this library's changes, pull everyone else's.  TeamError in words on failure
        (kept as ``status().last_error``); nothing half-done is kept on either side."""
        url = self._url()
        try:
            with self._server(url) as pg:
                report = sync(pg, self, progress, cancelled)
        except TeamError as exc:
            if exc.code != "cancelled":  # stopping a sync is not a failure to report
                with self.db.lock, self.db.transaction():
                    outbox.put(self.db.conn, "last_error", str(exc))
                    outbox.put(self.db.conn, "error_code", exc.code)
            raise
        with self.db.lock, self.db.transaction():
            for key, value in (("last_sync", report.at), ("last_error", ""), ("error_code", ""),
                               ("role", report.role)):
                outbox.put(self.db.conn, key, value)
        return report

    def members(self) -> list[Member]:
        with self._server(self._url()) as pg:
            check_version(pg)
            rows = pg.execute("SELECT username, role, display FROM regreader.members"
                              " ORDER BY array_position(%s::text[], role) DESC, username",
                              (list(ROLES),)).fetchall()
        return [Member(*r) for r in rows]

    def grant(self, user: str, role: str, display: str | None = None) -> Member:
        if role not in ROLES:
            raise TeamError(f"no such team role {role!r}: one of {', '.join(ROLES)}")
        with self._server(self._url()) as pg:
            check_version(pg)
            with pg.transaction():
                pg.execute("SELECT regreader.grant_role(%s, %s, %s)", (user, role, display))
            row = pg.execute("SELECT username, role, display FROM regreader.members"
                             " WHERE username = %s", (user,)).fetchone()
        return Member(*row)

    def history(self, item_id: str, kind: str = "annotation") -> list[FieldChange]:
        """Every earlier value of the item's fields, oldest first; for an annotation also its
        review status as it moved (a status change is an item of its own on the server)."""
        with self._server(self._url()) as pg:
            check_version(pg)
            rows = pg.execute("SELECT field, old, new, changed_by, changed_at, rev FROM regreader.history"
                              " WHERE kind = %s AND item_id = %s", (kind, item_id)).fetchall()
            statuses = [] if kind != "annotation" else pg.execute(
                "SELECT data->>'status', created_by, changed_at, rev FROM regreader.items"
                " WHERE kind = 'status' AND data->>'annotation_id' = %s ORDER BY rev", (item_id,)).fetchall()
            names = dict(pg.execute("SELECT username::text, display FROM regreader.members").fetchall())
        changes = [(rev, FieldChange(f, o, n, names.get(b) or b, a.isoformat(timespec="seconds")))
                   for f, o, n, b, a, rev in rows]
        before = "open"
        for status, by, at, rev in statuses:
            changes.append((rev, FieldChange("status", before, status, names.get(by) or by,
                                             at.isoformat(timespec="seconds"))))
            before = status
        return [change for _, change in sorted(changes, key=lambda c: (c[0], c[1].field))]

    # -- what sync needs of the library (reader.team.sync.Host) ----------------------------

    def doc_hash(self, doc_id: str) -> str | None:
        """The document's content hash (computed and stored if an older library lacks it)."""
        row = self.db.conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        if row[0]:
            return str(row[0])
        doc = repository.load_document(self.db.conn, doc_id)
        if doc is None:
            return None
        value = content_hash(doc)
        self.db.conn.execute("UPDATE documents SET content_hash = ? WHERE id = ?", (value, doc_id))
        return value

    def doc_id(self, digest: str) -> str | None:
        row = self.db.conn.execute("SELECT id FROM documents WHERE content_hash = ?"
                                   " ORDER BY is_current DESC, import_seq LIMIT 1", (digest,)).fetchone()
        return row[0] if row else None

    def payload(self, doc_id: str) -> tuple[dict[str, Any], list[list[Any]]]:
        doc = repository.load_document(self.db.conn, doc_id)
        if doc is None:
            raise TeamError(f"document {doc_id} vanished during the sync; nothing was sent")
        return payload(doc)

    def store_documents(self, docs: list[Document], when: str) -> Any:
        return [self._store([doc], doc.source.file, when, ImportReport()) for doc in docs]

    def committed(self, prepared: Any) -> None:
        for part in prepared:
            self._committed(part)

    # -- plumbing --------------------------------------------------------------------------

    def _url(self) -> str:
        with self.db.lock:
            url = outbox.get(self.db.conn, "url")
        if not url:
            raise TeamError("this library is not connected to a team server: "
                            "`regreader team connect URL` first", "not-connected")
        return url

    @staticmethod
    def _server(url: str) -> Iterator[Any]:
        return _Server(url)


class _Server:
    """``with _Server(url) as pg``: a connection closed afterwards, errors in words."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pg: Any = None

    def __enter__(self) -> Any:
        self.pg = connection.connect(self.url)
        return self.pg

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> bool:
        try:
            self.pg.close()
        except Exception:
            pass
        if exc is not None and not isinstance(exc, TeamError):
            import psycopg

            if isinstance(exc, psycopg.Error):
                raise connection.from_psycopg(exc) from exc
        return False
