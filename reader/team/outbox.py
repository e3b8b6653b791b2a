"""The library's side of sync: what waits to be pushed, what the server last had, where
the last pull stopped.  Plain SQL on the library's connection (schema migration 6); the
caller holds the lock and, for writes, the transaction."""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

#: Kinds in the order they are stored (a note's category before it, replies after it).
ORDER = ("category", "annotation", "reply", "status", "link", "conflict")


@dataclass(frozen=True)
class Pending:
    """An item changed here since its last push; ``stamp`` tells whether it changed again."""

    kind: str
    item_id: str
    stamp: int


@dataclass(frozen=True)
class Base:
    """An item as the server last had it."""

    rev: int
    data: dict[str, Any]


def get(conn: sqlite3.Connection, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM team_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO team_state (key, value) VALUES (?, ?)", (key, value))


def forget(conn: sqlite3.Connection, *keys: str) -> None:
    conn.executemany("DELETE FROM team_state WHERE key = ?", [(k,) for k in keys])


def pending(conn: sqlite3.Connection) -> list[Pending]:
    rows = conn.execute("SELECT kind, item_id, stamp FROM team_outbox").fetchall()
    rank = {k: n for n, k in enumerate(ORDER)}
    return sorted((Pending(*r) for r in rows), key=lambda p: (rank.get(p.kind, 99), p.item_id))


def pending_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM team_outbox").fetchone()[0])


def pending_ids(conn: sqlite3.Connection, kind: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT item_id FROM team_outbox WHERE kind = ?", (kind,))}


def done(conn: sqlite3.Connection, items: list[Pending]) -> None:
    """Pushed: forget each entry unless it was written again since it was read."""
    conn.executemany("DELETE FROM team_outbox WHERE kind = ? AND item_id = ? AND stamp = ?",
                     [(p.kind, p.item_id, p.stamp) for p in items])


def enqueue_all(conn: sqlite3.Connection) -> None:
    """Everything in the library waits to be pushed (a new server knows none of it)."""
    for kind, column, table in (("category", "name", "categories"), ("annotation", "id", "annotations"),
                                ("reply", "id", "replies"), ("link", "id", "links"),
                                ("status", "CAST(id AS TEXT)", "status_log")):
        conn.execute(f"INSERT OR IGNORE INTO team_outbox (kind, item_id, stamp)"
                     f" SELECT '{kind}', {column}, random() FROM {table}")


def bases(conn: sqlite3.Connection, kind: str, ids: list[str]) -> dict[str, Base]:
    out: dict[str, Base] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(f"SELECT item_id, rev, data FROM team_base WHERE kind = ? AND item_id"
                            f" IN ({', '.join('?' * len(chunk))})", (kind, *chunk))
        out.update({r[0]: Base(int(r[1]), json.loads(r[2])) for r in rows})
    return out


def set_bases(conn: sqlite3.Connection, rows: list[tuple[str, str, int, dict[str, Any]]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO team_base (kind, item_id, rev, data) VALUES (?, ?, ?, ?)",
                     [(k, i, rev, json.dumps(d, ensure_ascii=False, sort_keys=True))
                      for k, i, rev, d in rows])


@contextmanager
def muted(conn: sqlite3.Connection) -> Iterator[None]:
    """Writes made inside are the server's: the outbox triggers stay quiet."""
    conn.execute("UPDATE team_mute SET muted = 1")
    try:
        yield
    finally:
        conn.execute("UPDATE team_mute SET muted = 0")


def open_conflicts(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute("SELECT id, kind, item_id, reason, author, at FROM team_conflicts"
                        " WHERE dismissed IS NULL ORDER BY at").fetchall()


def dismiss_conflict(conn: sqlite3.Connection, conflict_id: str, when: str) -> bool:
    return conn.execute("UPDATE team_conflicts SET dismissed = ? WHERE id = ? AND dismissed IS NULL",
                        (when, conflict_id)).rowcount > 0


def reset(conn: sqlite3.Connection) -> None:
    """A different server: nothing is known of it; everything waits to be pushed."""
    conn.execute("DELETE FROM team_base")
    forget(conn, "cursor", "last_sync", "last_error", "error_code", "role", "server_id")
    enqueue_all(conn)
