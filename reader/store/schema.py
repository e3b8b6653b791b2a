"""Library schema: an ordered list of migrations and the code that applies them.

The library holds user data that cannot be rebuilt (annotations arrive later), so the
schema only ever moves forward, one numbered migration at a time, each in its own
transaction.  A library written by a newer RegReader is refused rather than guessed at.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from reader.core.errors import UserError

# Migration N (1-based) is MIGRATIONS[N - 1].  Append only; never edit a released one.
MIGRATIONS: list[str] = [
    # 1: documents and their node trees.
    """
    CREATE TABLE documents (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        kind          TEXT NOT NULL,
        doc_number    TEXT,
        issuer        TEXT,
        issued        TEXT,            -- ISO date or NULL
        effective     TEXT,
        expires       TEXT,
        status        TEXT NOT NULL DEFAULT '',
        source_file   TEXT NOT NULL,   -- absolute path of the file it was imported from
        source_sha256 TEXT NOT NULL,
        source_format TEXT NOT NULL,
        front_matter  TEXT NOT NULL DEFAULT '',
        warnings      TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
        imported      TEXT NOT NULL,   -- UTC ISO timestamp of the first import
        updated       TEXT NOT NULL    -- UTC ISO timestamp of the last re-import
    );
    CREATE INDEX documents_source ON documents(source_file);

    CREATE TABLE nodes (
        doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        node_id   TEXT NOT NULL,
        parent_id TEXT,                -- node_id of the parent, NULL at top level
        ord       INTEGER NOT NULL,    -- position in document order (pre-order walk)
        kind      TEXT NOT NULL,
        label     TEXT NOT NULL DEFAULT '',
        number    INTEGER,
        heading   TEXT NOT NULL DEFAULT '',
        text      TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (doc_id, node_id),
        UNIQUE (doc_id, ord)
    );

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open library (0 for a brand-new file)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Bring the schema up to SCHEMA_VERSION; return the migrations applied.

    ``conn`` must be in autocommit mode (isolation_level=None) so each migration can be
    one explicit transaction: a migration that fails leaves the previous version intact.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"
    )
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise UserError(
            f"the library was written by a newer RegReader (schema {version}, "
            f"this version knows up to {SCHEMA_VERSION}); please upgrade"
        )
    applied: list[int] = []
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                (number, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(number)
    return applied


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit behind our back).

    Cut at each ``;`` that completes a statement, so ``;`` inside literals stays put."""
    statements: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\n;"):
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \t\n;"):
        statements.append(buffer.strip())
    return statements
