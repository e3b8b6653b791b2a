"""Libraries as an older RegReader wrote them: the schema up to a given migration, built
from the migrations themselves, for the tests that open them with today's code."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.store.schema import MIGRATIONS, _statements


def library_at_schema(folder: Path, version: int) -> sqlite3.Connection:
    """A new library folder whose database stops at schema ``version``; the caller adds
    rows and closes the connection (autocommit)."""
    folder.mkdir()
    conn = sqlite3.connect(folder / "library.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    for number, script in enumerate(MIGRATIONS[:version], 1):
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (?, '2026-01-01T00:00:00+00:00')", (number,))
    return conn
