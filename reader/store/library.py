"""Library: the one facade the CLI and the GUI call for everything stored.

A library is a folder: ``library.sqlite3`` (WAL, foreign keys on), ``backups/`` and, later,
``index/``.  Every import of a file is one transaction, so a file that fails to parse or
store leaves the library exactly as it was, and the files after it still get imported.
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from reader.core.errors import ImportFailure, UserError
from reader.core.importers.discover import Skipped, expand_paths
from reader.core.model import Document
from reader.core.pipeline import parse_file
from reader.store import repository, userdata
from reader.store.annotating import AnnotationsMixin, MergeReport, Span, UnknownItem
from reader.store.exporting import ExportingMixin
from reader.store.gcpause import collector_paused
from reader.store.references import ReferencesMixin
from reader.store.repository import DocumentSummary
from reader.store.schema import SCHEMA_VERSION, current_version, migrate

if TYPE_CHECKING:
    from index.searcher import Results

DB_NAME = "library.sqlite3"
BACKUPS_DIR = "backups"
INDEX_DIR = "index"
ENV_LIBRARY = "REGREADER_LIBRARY"
#: The sample library shipped in the checkout (found when installed with ``pip install -e``).
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "samples"

#: ``progress(done, total, path)`` is called after each file.
Progress = Callable[[int, int, str], None]
#: ``cancel()`` is polled before each file; True stops the import between files.
Cancel = Callable[[], bool]
#: Seconds SQLite waits for another process's write lock, per attempt.
BUSY_TIMEOUT = 10.0
#: Attempts to start a write transaction while another process holds the lock.
WRITE_ATTEMPTS = 4


def default_folder() -> Path:
    """``$REGREADER_LIBRARY`` if set, else the platform's per-user data folder."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # imported here: only needed without an override

    return Path(user_data_dir("RegReader", appauthor=False))


class UnknownDocument(UserError):
    """A document id (or prefix) that names no document, or more than one."""

    def __init__(self, doc_id: str, reason: str = "no such document in the library") -> None:
        self.doc_id = doc_id
        super().__init__(f"{doc_id}: {reason}")


@dataclass(frozen=True)
class ImportedDoc:
    """One document an import touched."""

    id: str
    title: str
    file: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "file": self.file}


@dataclass(frozen=True)
class Duplicate:
    """A document already in the library from another file: the existing one is kept."""

    id: str
    title: str
    file: str
    existing_file: str

    @property
    def reason(self) -> str:
        return f"already in the library from {self.existing_file}; kept that copy"

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "file": self.file,
                "existing_file": self.existing_file, "reason": self.reason}


@dataclass(frozen=True)
class Failure:
    """A file that could not be imported (nothing from it was stored).

    ``internal`` marks an unexpected exception (a bug) as opposed to a bad input file.
    """

    file: str
    reason: str
    internal: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "reason": self.reason, "internal": self.internal}


@dataclass
class ImportReport:
    """What an import did, file by file, for the CLI to print and the GUI to show."""

    added: list[ImportedDoc] = field(default_factory=list)
    updated: list[ImportedDoc] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: files found in the folders imported that no importer reads (not failures)
    skipped: list[Skipped] = field(default_factory=list)
    files_done: int = 0
    cancelled: bool = False
    #: re-anchoring of the annotations and link ends of re-imported documents:
    #: anchor state (ok / moved / orphan) → count
    anchors: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "added": [d.to_json() for d in self.added],
            "updated": [d.to_json() for d in self.updated],
            "duplicates": [d.to_json() for d in self.duplicates],
            "failures": [f.to_json() for f in self.failures],
            "skipped": [s.to_json() for s in self.skipped],
            "files": self.files_done,
            "cancelled": self.cancelled,
            **({"anchors": dict(self.anchors)} if self.anchors else {}),
        }


class Library(AnnotationsMixin, ExportingMixin, ReferencesMixin):
    """A RegReader library folder.  Thread-safe: one connection guarded by a lock, so the
    GUI may run imports on a worker thread while the UI thread reads.  Two processes may
    share a library: writes wait for each other (SQLite's lock, retried)."""

    def __init__(self, folder: Path, conn: sqlite3.Connection) -> None:
        self.folder = folder
        self._conn = conn
        self._lock = threading.RLock()
        self._search_index: Any = None  # index.manager.SearchIndex, made on first use

    # -- lifecycle ---------------------------------------------------------------------

    @classmethod
    def open(cls, folder: str | Path | None = None) -> Library:
        """Open (creating if needed) the library in ``folder`` and migrate its schema.

        ``folder`` None means ``$REGREADER_LIBRARY`` or the platform default.  An existing
        library is backed up to ``backups/`` before a schema migration touches it.
        """
        path = Path(folder).expanduser() if folder is not None else default_folder()
        try:
            path.mkdir(parents=True, exist_ok=True)
            (path / BACKUPS_DIR).mkdir(exist_ok=True)
        except OSError as exc:
            raise UserError(f"{path}: cannot create the library folder ({exc.strerror})") from exc
        db = path / DB_NAME
        conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT)
        library = cls(path, conn)
        try:
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; faster imports
                version = current_version(conn)
            except sqlite3.DatabaseError as exc:
                raise UserError(f"{db}: not a RegReader library ({exc})") from exc
            if 0 < version < SCHEMA_VERSION:
                library.backup(f"before-schema-{SCHEMA_VERSION}")
            migrate(conn)
            if not conn.execute("SELECT 1 FROM meta WHERE key = 'categories_seeded'").fetchone():
                with library._transaction():
                    userdata.seed_categories(conn, _now())
        except BaseException:
            conn.close()
            raise
        library._repair_index()
        return library

    def close(self) -> None:
        try:
            self._refs_flush()  # normally done by the import; a marker would redo it anyway
        finally:
            self._close()

    def _close(self) -> None:
        self._final_backup()
        if self._search_index is not None:
            self._search_index.close()
            self._search_index.catalog.close()
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return current_version(self._conn)

    def backup(self, tag: str = "manual") -> Path:
        """Copy the whole library database into ``backups/`` (consistent even under WAL)."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        target = self.folder / BACKUPS_DIR / f"library-{stamp}-{tag}.sqlite3"
        with self._lock:
            with sqlite3.connect(target) as dest:
                self._conn.backup(dest)
            dest.close()
        return target

    # -- reading -----------------------------------------------------------------------

    def documents(self) -> list[DocumentSummary]:
        """All documents (metadata only), newest issue date first."""
        with self._lock:
            return repository.list_summaries(self._conn)

    def document(self, doc_id: str) -> Document:
        """The full document with its node tree; ``doc_id`` may be a unique prefix."""
        with self._lock:
            doc = repository.load_document(self._conn, self._resolve(doc_id))
        assert doc is not None  # _resolve only returns ids that exist
        return doc

    @staticmethod
    def parse(path: str | Path) -> list[Document]:
        """Parse a file exactly as import would, without touching (or needing) a library."""
        return _parse(path)

    # -- writing -----------------------------------------------------------------------

    def import_files(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ImportReport:
        """Import files, each in its own transaction; report what happened per document.

        A folder among ``paths`` stands for the supported files below it (see
        reader.core.importers.discover): the rest are reported as skipped, a folder that
        cannot be read as a failure.  ``progress`` counts the files found.

        A document whose id is already in the library is updated in place when it comes
        from the same file (same path or same content hash) — a re-import.  From a
        different file it is the same document published twice (a plan and its copy in a
        gazette): the copy already in the library is kept and the newcomer is reported as
        a duplicate, so an import never silently swaps the text under the user's notes.
        """
        found = expand_paths(paths, cancel)
        files = found.files
        report = ImportReport(skipped=found.skipped, cancelled=found.cancelled,
                              failures=[Failure(f.path, f.reason) for f in found.unreadable])
        if found.cancelled:
            return report
        with collector_paused():
            self._refs_begin(len(files), self.folder / DB_NAME)
            try:
                self._import_files(files, report, progress, cancel)
            finally:  # references and the search index follow in the same operation, even after a cancel
                try:
                    self._refs_flush()
                finally:
                    self._refs_end()
                    self._index_changed({d.id for d in report.added + report.updated})
        return report

    def _import_files(self, files: list[str], report: ImportReport, progress: Progress | None,
                      cancel: Cancel | None) -> None:
        for done, file in enumerate(files):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            try:
                self._import_one(file, report)
            except ImportFailure as exc:
                report.failures.append(Failure(exc.path, exc.reason))
            except Exception as exc:  # a bug, not a bad file: report it, go on with the rest
                report.failures.append(
                    Failure(file, f"internal error: {type(exc).__name__}: {exc}", internal=True)
                )
            report.files_done = done + 1
            if self._refs_due():
                self._refs_flush()
            if progress is not None:
                progress(done + 1, len(files), file)

    def remove(self, doc_id: str) -> DocumentSummary:
        """Delete a document and its nodes; return what was removed.

        Its annotations and links are kept (``annotations(doc_id)`` still lists them, as
        orphans of a missing document): importing the document again brings them back,
        placed by re-anchoring."""
        with self._lock:
            full_id = self._resolve(doc_id)
            (summary,) = repository.list_summaries(self._conn, full_id)
            with self._transaction():
                self._conn.execute("DELETE FROM documents WHERE id = ?", (full_id,))
                self._refs_removed(full_id)  # references to it: resolved again
                if self._has_index():
                    _mark_pending(self._conn, full_id)
        self._index_changed({full_id})
        return summary

    def ensure_samples(self, samples: Path | None = None) -> ImportReport | None:
        """On the first start of an empty library, import the shipped sample documents.

        Runs once per library: a user who later removes every sample does not get them
        back on the next start.  Returns None when nothing was (or could be) imported.
        """
        folder = samples if samples is not None else SAMPLES_DIR
        with self._lock:
            offered = self._conn.execute(
                "SELECT 1 FROM meta WHERE key = 'samples_offered'"
            ).fetchone()
            empty = self._conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None
            if offered or not empty:
                return None
            files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
            if not files:
                return None
            report = self.import_files(files)
            if not report.added:  # e.g. a parser bug: try again on the next start
                return report
            with self._transaction():
                self._conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('samples_offered', ?)",
                    (_now(),),
                )
        return report

    # -- search (index/: Whoosh; derived data, rebuilt from here whenever needed) ------------

    def search(
        self,
        query: str,
        doc_id: str | None = None,
        titles_only: bool = False,
        limit: int = 20,
        offset: int = 0,
        progress: IndexProgress | None = None,
        literal: bool = False,
        scope: str = "text",
    ) -> Results:
        """Find every unit (article, outline unit, title) containing the query's wording.

        ``query`` uses the language of index.query (words AND, "phrases", -exclusions,
        OR, doc:/type:/year: filters); a malformed query is searched literally, never an
        error; ``literal`` searches the text exactly as given (no operators: for a
        selection of text).  ``doc_id`` (an id or unique prefix) limits the search to one document,
        ``titles_only`` to document titles.  ``scope`` "text" searches the documents,
        "annotations" the notes and tags of annotations (with the same exact-wording
        guarantee; each hit carries its ``annotation_id``), "all" both.  Totals are exact; ``limit``/``offset`` page
        the ranked hits.  Opens, repairs or (re)builds the index first when needed,
        reporting ``progress(done, total)`` documents during a full build.
        """
        full_id = None
        if doc_id is not None:
            with self._lock:
                full_id = self._resolve(doc_id)
        if scope not in SEARCH_SCOPES:
            raise UserError(f"unknown search scope {scope!r} ({', '.join(SEARCH_SCOPES)})")
        return self._index().search(query, limit=limit, offset=offset, doc_id=full_id,
                                    titles_only=titles_only, progress=progress,
                                    literal=literal, scope=scope)

    def ensure_index(self, progress: IndexProgress | None = None,
                     cancel: Cancel | None = None) -> str:
        """Make the search index usable and current (open, repair, or rebuild with
        progress); returns "ok", "updated" or "rebuilt: <reason>".  The GUI calls this
        on a worker thread at start, so the first search does not wait."""
        return self._index().ensure(progress, cancel)

    def rebuild_index(self, progress: IndexProgress | None = None,
                      cancel: Cancel | None = None) -> str:
        """Rebuild the search index from the library (cancel leaves the old one)."""
        return self._index().rebuild(progress, cancel)

    def index_status(self) -> dict[str, Any]:
        """Where the index is, whether it is usable, how many documents wait for it."""
        return self._index().status()

    def _index(self) -> Any:
        if self._search_index is None:
            from index.manager import SearchIndex

            self._search_index = SearchIndex(self.folder / INDEX_DIR,
                                             _IndexCatalog(self.folder / DB_NAME))
        return self._search_index

    def _has_index(self) -> bool:
        """Whether a search index exists (without one, the first search builds it whole,
        so changes need no pending marker)."""
        return (self.folder / INDEX_DIR / "regreader-index.json").exists()

    def _index_changed(self, doc_ids: set[str]) -> None:
        """After a commit: bring the index up to date for ``doc_ids`` (if there is an
        index; any failure leaves the markers for the next search to repair)."""
        if doc_ids:
            self._index().apply_pending()

    def _repair_index(self) -> None:
        """At open: changes a crash kept from the index are applied now."""
        with self._lock:
            pending = self._conn.execute(
                "SELECT 1 FROM meta WHERE key LIKE ? LIMIT 1", (_PENDING + "%",)
            ).fetchone()
        if pending:
            self._index().apply_pending()

    # -- internals ---------------------------------------------------------------------

    def _import_one(self, file: str, report: ImportReport) -> None:
        docs = _parse(file)  # outside the lock and transaction: parsing is the slow part
        path = str(Path(file).resolve())
        added: list[ImportedDoc] = []
        updated: list[ImportedDoc] = []
        duplicates: list[Duplicate] = []
        seen: set[str] = set()
        now = _now()
        indexed = self._has_index()
        anchors: dict[str, int] = {}
        if self.has_user_data([d.id for d in docs]):  # anchors may move: keep the work first
            self.backup_user_data("before-reimport", force=True)
        with self._lock, self._transaction():
            for doc in docs:
                if doc.id in seen:  # the same document twice in one file: keep the first
                    duplicates.append(Duplicate(doc.id, doc.title, path, path))
                    continue
                seen.add(doc.id)
                existing = repository.get_source(self._conn, doc.id)
                if existing is not None and not _same_file(existing.file, existing.sha256,
                                                           path, doc.source.sha256):
                    duplicates.append(Duplicate(doc.id, doc.title, path, existing.file))
                    continue
                doc.source.file = path
                entry = ImportedDoc(doc.id, doc.title, path)
                if indexed:
                    _mark_pending(self._conn, doc.id)
                if repository.save_document(self._conn, doc, now):
                    added.append(entry)
                else:
                    updated.append(entry)
                # the user's notes follow the new text, in the same transaction
                for state, n in self._reanchor_document(doc, now).items():
                    anchors[state] = anchors.get(state, 0) + n
            # cross-references: within these documents now, to others at the end of the import
            saved = [next(d for d in docs if d.id == e.id) for e in added + updated]
            prepared = self._refs_imported(saved, [e.id for e in updated])
        self._refs_committed(prepared)
        # only after the commit: a rolled-back file reports a failure, nothing else
        report.added += added
        report.updated += updated
        report.duplicates += duplicates
        for state, n in anchors.items():
            report.anchors[state] = report.anchors.get(state, 0) + n

    def _resolve(self, doc_id: str) -> str:
        """Exact id, or a prefix naming exactly one document (call with the lock held)."""
        if self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            return doc_id
        if doc_id:
            escaped = doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = self._conn.execute(
                "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",)
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise UnknownDocument(doc_id, "ambiguous: more than one document id starts so")
        raise UnknownDocument(doc_id)

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)


class _Transaction:
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


# -- search index glue ----------------------------------------------------------------------

#: Meta keys marking documents whose index update is not known to be committed.
_PENDING = "index-pending:"
#: ``progress(done, total)``: documents indexed so far during a full index build.
IndexProgress = Callable[[int, int], None]


def _mark_pending(conn: sqlite3.Connection, doc_id: str) -> None:
    """Record, inside the caller's transaction, that ``doc_id`` must be (re)indexed."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                 (_PENDING + doc_id, uuid.uuid4().hex))


class _IndexSource:
    """Loads documents for the index from the library database (picklable: a parallel
    index build sends it to worker processes, which open their own connection)."""

    def __init__(self, db: Path) -> None:
        self.db = str(db)

    def __call__(self, doc_ids: list[str]) -> Iterator[tuple[Document, str]]:
        conn = sqlite3.connect(self.db, timeout=30)
        try:
            for doc_id in doc_ids:
                version = _doc_version(conn, doc_id)
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


def _doc_version(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT updated, source_sha256 FROM documents WHERE id = ?",
                       (doc_id,)).fetchone()
    return f"{row[0]}@{row[1]}" if row else None


class _IndexCatalog:
    """index.manager.Catalog over the library database, on a connection of its own (so
    the index never waits for the Library's lock, and the Library never for the index's)."""

    def __init__(self, db: Path) -> None:
        self.source = _IndexSource(db)
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
                                      (_PENDING + "%",)).fetchall()
        self._seen = {key[len(_PENDING):]: value for key, value in rows}
        return set(self._seen)

    def clear_pending(self, doc_ids: set[str]) -> None:
        """Forget the markers seen by the last pending() (not ones set again since)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "DELETE FROM meta WHERE key = ? AND value = ?",
                    [(_PENDING + d, self._seen[d]) for d in doc_ids if d in self._seen],
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


def _parse(path: str | Path) -> list[Document]:
    """parse_file, with OS errors the importers let through turned into user errors."""
    try:
        docs = parse_file(path)
    except OSError as exc:
        raise ImportFailure(path, exc.strerror or str(exc)) from exc
    if not docs:
        raise ImportFailure(path, "no document found in the file")
    return docs


def _same_file(old_file: str, old_sha: str, new_file: str, new_sha: str) -> bool:
    """A re-import: the same path (perhaps edited since) or the same bytes (perhaps moved)."""
    return old_file == new_file or (bool(old_sha) and old_sha == new_sha)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


SEARCH_SCOPES = ("text", "annotations", "all")

__all__ = [
    "Library", "ImportReport", "MergeReport", "Span", "UnknownItem", "SEARCH_SCOPES", "ImportedDoc", "Duplicate", "Failure", "DocumentSummary",
    "UnknownDocument", "default_folder", "SAMPLES_DIR", "ENV_LIBRARY", "INDEX_DIR",
]
