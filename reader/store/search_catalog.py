"""The search index's view of the library database (index.manager.Catalog): which
documents and annotations exist at which version, which wait to be indexed, and how to
load them — on connections of its own, so the index and the Library never wait for each
other's lock.  A change is marked pending inside the transaction that makes it
(``mark_pending``) and applied to the index after the commit."""
from __future__ import annotations

import sqlite3
import threading
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator

from reader.core.model import Document
from reader.store import repository, userdata

#: Meta keys marking documents whose index update is not known to be committed.
PENDING = "index-pending:"
#: ``progress(done, total)``: documents indexed so far during a full index build.
IndexProgress = Callable[[int, int], None]


def mark_pending(conn: sqlite3.Connection, doc_id: str) -> None:
    """Record, inside the caller's transaction, that ``doc_id`` must be (re)indexed."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                 (PENDING + doc_id, uuid.uuid4().hex))


class IndexSource:
    """Loads documents for the index from the library database (picklable: a parallel
    index build sends it to worker processes, which open their own connection)."""

    def __init__(self, db: Path) -> None:
        self.db = str(db)

    def __call__(self, doc_ids: list[str]) -> Iterator[tuple[Document, str]]:
        conn = sqlite3.connect(self.db, timeout=30)
        try:
            for doc_id in doc_ids:
                version = doc_version(conn, doc_id)
                doc = repository.load_document(conn, doc_id) if version else None
                if doc is not None:
                    yield doc, version
        finally:
            conn.close()

    def annotation_units(self, doc_ids: list[str] | None = None,
                         ids: list[str] | None = None) -> list[Any]:
        """The search units of the annotations (notes and tags) of ``doc_ids`` or by id."""
        from index.units import annotation_unit

        conn = sqlite3.connect(self.db, timeout=30)
        try:
            anns = userdata.searchable_annotations(conn, doc_ids, ids)
        finally:
            conn.close()
        return [annotation_unit(a) for a in anns]


def doc_version(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT updated, source_sha256 FROM documents WHERE id = ?",
                       (doc_id,)).fetchone()
    return f"{row[0]}@{row[1]}" if row else None


class IndexCatalog:
    """index.manager.Catalog over the library database, on a connection of its own (so
    the index never waits for the Library's lock, and the Library never for the index's)."""

    def __init__(self, db: Path) -> None:
        self.source = IndexSource(db)
        self._conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False,
                                     timeout=30)
        self._lock = threading.Lock()
        self._seen: dict[str, str] = {}
        self._data_version: int | None = None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def versions(self) -> dict[str, str]:
        with self._lock:
            rows = self._conn.execute("SELECT id, updated, source_sha256 FROM documents")
            return {r[0]: f"{r[1]}@{r[2]}" for r in rows}

    def annotation_versions(self) -> dict[str, tuple[str, str]]:
        """Searchable annotations: id → (doc_id, version)."""
        with self._lock:
            return userdata.searchable_versions(self._conn)

    def sizes(self) -> dict[str, int]:
        with self._lock:
            rows = self._conn.execute("SELECT doc_id, SUM(LENGTH(text)) FROM nodes GROUP BY doc_id")
            return {r[0]: int(r[1] or 0) for r in rows}

    def pending(self) -> set[str]:
        with self._lock:
            rows = self._conn.execute("SELECT key, value FROM meta WHERE key LIKE ?",
                                      (PENDING + "%",)).fetchall()
        self._seen = {key[len(PENDING):]: value for key, value in rows}
        return set(self._seen)

    def clear_pending(self, doc_ids: set[str]) -> None:
        """Forget the markers seen by the last pending() (not ones set again since)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "DELETE FROM meta WHERE key = ? AND value = ?",
                    [(PENDING + d, self._seen[d]) for d in doc_ids if d in self._seen],
                )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def changed(self) -> bool:
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        changed, self._data_version = version != self._data_version, version
        return changed
