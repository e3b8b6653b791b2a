"""Library: the one facade the CLI and the GUI call for everything stored.

Documents, imports and search are the Library's own methods; the rest are services it
composes over one shared :class:`~reader.store.db.Database`: ``library.annotations``
(reader.store.annotating), ``library.refs`` (reader.store.references) and
``library.exports`` (reader.store.exporting).  The services never import this module:
what they need of the Library (resolving a document id, loading documents) is handed in.

A library is a folder: ``library.sqlite3`` (WAL, foreign keys on), ``backups/`` and, later,
``index/``.  Every import of a file is one transaction, so a file that fails to parse or
store leaves the library exactly as it was, and the files after it still get imported.
"""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from index import SEARCH_SCOPES
from reader.core.errors import ImportFailure, UserError
from reader.core.importers.discover import expand_paths
from reader.core.lineage import title_key, version_facts
from reader.core.model import Document
from reader.core.pipeline import parse_file
from reader.store import repository, userdata
from reader.store.annotating import Annotations, MergeReport, Span, UnknownItem
from reader.store.db import BUSY_TIMEOUT, Database, now
from reader.store.exporting import Exports
from reader.store.gcpause import collector_paused
from reader.store.import_report import Duplicate, Failure, ImportedDoc, ImportReport
from reader.store.references import References, select_in, stored_unit_text
from reader.store.repository import DocumentSummary
from reader.store.schema import SCHEMA_VERSION, current_version, migrate
from reader.store.search_catalog import PENDING, IndexCatalog, IndexProgress, mark_pending
from reader.store.team import Team
from reader.store.versions import VersionAdded, Versions, Unchanged

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


class Library:
    """A RegReader library folder: its documents, imports and search here; the user's
    work in ``annotations``, cross-references in ``refs``, Word exports in ``exports``
    (services sharing one :class:`~reader.store.db.Database`).  Thread-safe: one
    connection guarded by a lock, so the GUI may run imports on a worker thread while the
    UI thread reads.  Two processes may share a library: writes wait for each other
    (SQLite's lock, retried)."""

    def __init__(self, folder: Path, conn: sqlite3.Connection) -> None:
        self.folder = folder
        self.db = Database(conn)
        self.annotations = Annotations(self.db, folder, self._resolve,
                                       to_current=lambda items, when: self.versions.gather(items, when))
        self.refs = References(self.db, self._resolve)
        self.versions = Versions(self.db, lambda d: repository.load_document(self.db.conn, d),
                                 self._resolve)
        self.exports = Exports(self, self.annotations, self.refs)
        self.team = Team(self.db, lambda docs, path, when, done: self._store(
            docs, path, when, None, done, self._has_index()), self._team_committed)
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
                with library.db.transaction():
                    userdata.seed_categories(conn, now())
            if conn.execute("SELECT 1 FROM documents WHERE title_key IS NULL LIMIT 1").fetchone():
                with library.db.transaction():  # stored before versions: date them once
                    library.versions.fill_derived()
        except BaseException:
            conn.close()
            raise
        library._repair_index()
        return library

    def close(self) -> None:
        try:
            self.refs.flush()  # normally done by the import; a marker would redo it anyway
        finally:
            self._close()

    def _close(self) -> None:
        self.annotations.final_backup()
        if self._search_index is not None:
            self._search_index.close()
            self._search_index.catalog.close()
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self.db.lock:
            return current_version(self.db.conn)

    def data_version(self) -> int:
        """Changes when another connection (another RegReader) commits to the library:
        the GUI polls it to show a colleague's or a second window's edits."""
        with self.db.lock:
            return int(self.db.conn.execute("PRAGMA data_version").fetchone()[0])

    def backup(self, tag: str = "manual") -> Path:
        """Copy the whole library database into ``backups/`` (consistent even under WAL)."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        target = self.folder / BACKUPS_DIR / f"library-{stamp}-{tag}.sqlite3"
        with self.db.lock:
            with sqlite3.connect(target) as dest:
                self.db.conn.backup(dest)
            dest.close()
        return target

    # -- reading -----------------------------------------------------------------------

    def documents(self, all_versions: bool = False) -> list[DocumentSummary]:
        """The documents (metadata only), newest issue date first: the current version of
        each, or every version with ``all_versions``."""
        with self.db.lock:
            return repository.list_summaries(self.db.conn, current_only=not all_versions)

    def document(self, doc_id: str) -> Document:
        """The full document with its node tree; ``doc_id`` may be a unique prefix."""
        with self.db.lock:
            doc = repository.load_document(self.db.conn, self._resolve(doc_id))
        assert doc is not None  # _resolve only returns ids that exist
        return doc

    def full_id(self, doc_id: str) -> str:
        """The full id of a document given by id or unique prefix (UnknownDocument if none)."""
        with self.db.lock:
            return self._resolve(doc_id)

    def titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Titles of the documents ``doc_ids`` that exist."""
        with self.db.lock:
            return dict(select_in(self.db.conn, "SELECT id, title FROM documents WHERE id IN ({})",
                                  sorted(set(doc_ids))))

    def unit_text(self, doc_id: str, node_id: str | None) -> str:
        """The full text of a unit (its own text and everything inside it); the document's
        front matter for ``node_id`` None; '' when there is no such unit."""
        with self.db.lock:
            if node_id is None:
                row = self.db.conn.execute("SELECT front_matter FROM documents WHERE id = ?",
                                           (doc_id,)).fetchone()
                return row[0] if row else ""
            return stored_unit_text(self.db.conn, doc_id, node_id) or ""

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
        version_of: str | None = None,
    ) -> ImportReport:
        """Import files, each in its own transaction; report what happened per document.

        A folder among ``paths`` stands for the supported files below it (see
        reader.core.importers.discover): the rest are reported as skipped, a folder that
        cannot be read as a failure.  ``progress`` counts the files found.

        The same file again (same path and bytes, or the same bytes moved) is parsed again
        and updated in place — a re-import.  A document already in the library (same
        lineage: reader.core.lineage; or ``version_of``, a document id, when the user says
        so) with other content — an amendment, a corrected text, from any file — is added
        as a new *version* (reader.store.versions): the newest in force becomes current and
        the notes follow it; with the same content nothing changes and the report says so.
        """
        found = expand_paths(paths, cancel)
        files = found.files
        report = ImportReport(skipped=found.skipped, cancelled=found.cancelled,
                              failures=[Failure(f.path, f.reason) for f in found.unreadable])
        if found.cancelled:
            return report
        with collector_paused():
            self.refs.begin(len(files), self.folder / DB_NAME)
            try:
                self._import_files(files, report, progress, cancel, version_of)
            finally:  # references and the search index follow in the same operation, even after a cancel
                try:
                    self.refs.flush()
                finally:
                    self.refs.end()
                    self._index_changed({d.id for d in report.added + report.updated + report.versions})
        return report

    def _import_files(self, files: list[str], report: ImportReport, progress: Progress | None,
                      cancel: Cancel | None, version_of: str | None) -> None:
        for done, file in enumerate(files):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            try:
                self._import_one(file, report, version_of)
            except ImportFailure as exc:
                report.failures.append(Failure(exc.path, exc.reason))
            except Exception as exc:  # a bug, not a bad file: report it, go on with the rest
                report.failures.append(
                    Failure(file, f"internal error: {type(exc).__name__}: {exc}", internal=True)
                )
            report.files_done = done + 1
            if self.refs.due():
                self.refs.flush()
            if progress is not None:
                progress(done + 1, len(files), file)

    def remove(self, doc_id: str, all_versions: bool = False) -> DocumentSummary:
        """Delete a version of a document (every version with ``all_versions``) and its
        nodes; return what was removed (the version named).

        Nothing of the user's goes with it.  A version with other versions beside it first
        sends its annotations and links to the current one (the next newest in force, when
        it was current itself), orphans included.  The last version keeps them
        (``annotations.list(doc_id)`` still lists them, as orphans of a missing document):
        importing the document again brings them back, placed by re-anchoring."""
        with self.db.lock:
            full_id = self._resolve(doc_id)
            (summary,) = repository.list_summaries(self.db.conn, full_id)
            doomed = [v.id for v in self.versions.list(full_id)] if all_versions else [full_id]
            doomed.sort(key=lambda d: d == self.versions.current(full_id))  # the current one last
            if self.annotations.has_user_data(doomed):
                self.annotations.backup("before-remove", force=True)
            with self.db.transaction():
                for version_id in doomed:
                    self.versions.before_remove(version_id, now())
                    self.db.conn.execute("DELETE FROM documents WHERE id = ?", (version_id,))
                    self.refs.removed(version_id)  # references to it: resolved again
                    if self._has_index():
                        mark_pending(self.db.conn, version_id)
        self._index_changed(set(doomed))
        return summary

    def ensure_samples(self, samples: Path | None = None) -> ImportReport | None:
        """On the first start of an empty library, import the shipped sample documents.

        Runs once per library: a user who later removes every sample does not get them
        back on the next start.  Returns None when nothing was (or could be) imported.
        """
        folder = samples if samples is not None else SAMPLES_DIR
        with self.db.lock:
            offered = self.db.conn.execute(
                "SELECT 1 FROM meta WHERE key = 'samples_offered'"
            ).fetchone()
            empty = self.db.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None
            if offered or not empty:
                return None
            files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
            if not files:
                return None
            report = self.import_files(files)
            if not report.added:  # e.g. a parser bug: try again on the next start
                return report
            with self.db.transaction():
                self.db.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('samples_offered', ?)",
                    (now(),),
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
        all_versions: bool = False,
    ) -> Results:
        """Find every unit (article, outline unit, title) containing the query's wording.

        ``query`` uses the language of index.query (words AND, "phrases", -exclusions,
        OR, doc:/type:/year: filters); a malformed query is searched literally, never an
        error; ``literal`` searches the text exactly as given (no operators: for a
        selection of text).  ``doc_id`` (an id or unique prefix) limits the search to one document,
        ``titles_only`` to document titles.  ``scope`` "text" searches the documents,
        "annotations" the notes and tags of annotations (with the same exact-wording
        guarantee; each hit carries its ``annotation_id``), "all" both.  Only the current
        version of each document is searched, unless ``all_versions`` (or ``doc_id`` names
        an older version).  Totals are exact; ``limit``/``offset`` page
        the ranked hits.  Opens, repairs or (re)builds the index first when needed,
        reporting ``progress(done, total)`` documents during a full build.
        """
        full_id = None
        with self.db.lock:
            if doc_id is not None:
                full_id = self._resolve(doc_id)
            older = frozenset() if all_versions or full_id else frozenset(
                r[0] for r in self.db.conn.execute("SELECT id FROM documents WHERE is_current = 0"))
        if scope not in SEARCH_SCOPES:
            raise UserError(f"unknown search scope {scope!r} ({', '.join(SEARCH_SCOPES)})")
        return self._index().search(query, limit=limit, offset=offset, doc_id=full_id,
                                    titles_only=titles_only, progress=progress,
                                    literal=literal, scope=scope, exclude=older)

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
                                             IndexCatalog(self.folder / DB_NAME))
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
        with self.db.lock:
            pending = self.db.conn.execute(
                "SELECT 1 FROM meta WHERE key LIKE ? LIMIT 1", (PENDING + "%",)
            ).fetchone()
        if pending:
            self._index().apply_pending()

    # -- internals ---------------------------------------------------------------------

    def _import_one(self, file: str, report: ImportReport, version_of: str | None = None) -> None:
        docs = _parse(file)  # outside the lock and transaction: parsing is the slow part
        path = str(Path(file).resolve())
        done = ImportReport()
        when = now()
        indexed = self._has_index()
        if self._notes_may_move(docs, version_of):  # keep the work first
            self.annotations.backup("before-reimport", force=True)
        with self.db.lock, self.db.transaction():
            prepared = self._store(docs, path, when, version_of, done, indexed)
        self.refs.committed(prepared)
        report.merge(done)  # only after the commit: a rolled-back file reports a failure, nothing else

    def _store(self, docs: list[Document], path: str, when: str, version_of: str | None,
               done: ImportReport, indexed: bool) -> Any:
        """Store parsed documents (inside the caller's transaction): new, a new version, the
        same text again, or the same file parsed again.  Returns the cross-references to
        settle once the transaction has committed (``refs.committed``)."""
        seen: set[str] = set()
        for doc in docs:
            if doc.id in seen:  # the same document twice in one file: keep the first
                done.duplicates.append(Duplicate(doc.id, doc.title, path, path))
                continue
            seen.add(doc.id)
            doc.source.file = path
            placed = self.versions.place(doc, path, version_of)
            if placed.action == "unchanged":
                done.unchanged.append(Unchanged(doc.id, doc.title, path, placed.target))
                continue
            doc.id = placed.target
            if indexed:
                mark_pending(self.db.conn, doc.id)
            is_new = repository.save_document(self.db.conn, doc, when)
            if placed.action == "version":
                self._add_version(doc, placed.lineage or doc.id, path, when, done)
            elif is_new:
                done.added.append(ImportedDoc(doc.id, doc.title, path))
            else:  # the same file parsed again: the notes follow the new parse
                done.updated.append(ImportedDoc(doc.id, doc.title, path))
                _count(done.anchors, self.annotations.reanchor_document(doc, when))
        # cross-references: within these documents now, to others at the end of the import
        saved_ids = [e.id for e in done.added + done.updated + done.versions]
        saved = [next(d for d in docs if d.id == i) for i in saved_ids]
        return self.refs.imported(saved, [e.id for e in done.updated])

    def _team_committed(self, prepared: Any) -> None:
        """Documents a team sync brought: their cross-references, then the index."""
        self.refs.committed(prepared)
        self._index_changed({"team"})

    def _add_version(self, doc: Document, lineage: str, path: str, when: str,
                     done: ImportReport) -> None:
        """``doc`` (just saved) is a new version of ``lineage``: it becomes current if it is
        the newest in force, and then the notes of the previous current version follow."""
        self.versions.attach(doc.id, lineage)
        change = self.versions.settle(lineage, when)
        label = version_facts(doc.front_matter, doc.issued, doc.effective).label
        current = change is not None and change.current == doc.id
        done.versions.append(VersionAdded(doc.id, doc.title, path, lineage, label, current,
                                          change.previous if current and change else None))
        if change is not None:
            _count(done.followed, change.outcomes)

    def _notes_may_move(self, docs: list[Document], version_of: str | None) -> bool:
        """Whether importing ``docs`` may move annotations: they (or documents of their
        titles, which they may be new versions of) carry some."""
        with self.db.lock:
            keys = sorted({title_key(d.title) for d in docs})
            related = [r[0] for r in select_in(self.db.conn, "SELECT id FROM documents WHERE"
                                               " title_key IN ({})", keys)]
            if version_of is not None:
                related.append(self._resolve(version_of))
        return self.annotations.has_user_data([d.id for d in docs] + related)

    def _resolve(self, doc_id: str) -> str:
        """Exact id, or a prefix naming exactly one document (call with the lock held)."""
        if self.db.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            return doc_id
        if doc_id:
            escaped = doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = self.db.conn.execute(
                "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",)
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise UnknownDocument(doc_id, "ambiguous: more than one document id starts so")
        raise UnknownDocument(doc_id)


def _parse(path: str | Path) -> list[Document]:
    """parse_file, with OS errors the importers let through turned into user errors."""
    try:
        docs = parse_file(path)
    except OSError as exc:
        raise ImportFailure(path, exc.strerror or str(exc)) from exc
    if not docs:
        raise ImportFailure(path, "no document found in the file")
    return docs


def _count(into: dict[str, int], counts: dict[str, int]) -> None:
    for key, n in counts.items():
        into[key] = into.get(key, 0) + n



__all__ = [
    "Library", "ImportReport", "MergeReport", "Span", "UnknownItem", "SEARCH_SCOPES", "ImportedDoc",
    "Duplicate", "Failure", "DocumentSummary", "VersionAdded", "Unchanged",
    "UnknownDocument", "default_folder", "SAMPLES_DIR", "ENV_LIBRARY", "INDEX_DIR",
]
