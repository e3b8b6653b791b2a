"""The library database connection, its lock and its transactions — shared by the Library
and the services it composes (annotations, refs, versions, exports), so none of them needs
another to write.

One connection (autocommit mode; every write an explicit ``BEGIN IMMEDIATE`` … ``COMMIT``)
guarded by a re-entrant lock: the GUI may import on a worker thread while the UI thread
reads, and a service may call another inside one transaction.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime, timezone

from reader.core.errors import UserError

#: Seconds SQLite waits for another process's write lock, per attempt.
BUSY_TIMEOUT = 10.0
#: Attempts to start a write transaction while another process holds the lock.
WRITE_ATTEMPTS = 4


class Database:
    """The connection and its lock.  ``with db.lock:`` for reads that must see one state;
    ``with db.lock, db.transaction():`` for writes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.lock = threading.RLock()

    def transaction(self) -> Transaction:
        return Transaction(self.conn)

    def close(self) -> None:
        with self.lock:
            self.conn.close()


class Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (connection in autocommit).

    BEGIN IMMEDIATE takes the write lock up front, waiting up to BUSY_TIMEOUT for another
    process to finish; it is retried WRITE_ATTEMPTS times before the user is told the
    library is busy.  Nothing is lost either way: a write either commits whole or not."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        for attempt in range(WRITE_ATTEMPTS):
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == WRITE_ATTEMPTS - 1:
                    raise UserError("the library is busy: another RegReader has been writing "
                                    "to it for too long; nothing was changed, try again") from exc
                time.sleep(0.1 * (attempt + 1))

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


def now() -> str:
    """UTC ISO time to the second: how the library stamps rows."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
