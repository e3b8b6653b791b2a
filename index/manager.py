"""The index's life cycle: open, check, repair, rebuild, update, search.

:class:`SearchIndex` owns the index folder and one searcher.  It knows nothing of SQLite:
the library hands it a :class:`Catalog` — what documents exist, in which version, how to
load them, which changes are still pending — and keeps the pending markers itself (inside
its own transactions, so an import and its marker commit together).

States and what happens:

* missing folder, unreadable ``regreader-index.json``, other schema version or analyzer
  fingerprint, a table of contents Whoosh cannot open → full rebuild;
* an error while searching or updating (a corrupted segment) → full rebuild, then the
  operation is tried once more;
* the write lock held longer than ``LOCK_TIMEOUT`` → full rebuild (into a new folder, so
  the lock is not needed);
* documents pending (a crash between the library's commit and the index's), or whose
  version differs from the library's (a restored database) → updated incrementally, or
  rebuilt when they are many.

A full rebuild reports ``progress(done, total)`` and can be cancelled; it builds into a
new folder and swaps it in, so a cancelled or failed rebuild leaves the old index.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Callable, Protocol

from whoosh.index import LockError

from index import indexer
from index.indexer import BuildProgress, DocumentSource, IndexProblem
from index.query import Query, parse
from index.query import literal as make_literal
from index.searcher import IndexSearcher, Results

#: Seconds an incremental update waits for another writer before rebuilding instead.
LOCK_TIMEOUT = 10.0
#: More pending documents than this (or than a third of the library) → rebuild instead.
INCREMENTAL_MAX = 200
#: Full builds of more than this many characters use worker processes.
PARALLEL_MIN_CHARS = 2_000_000


class Catalog(Protocol):
    """What the index needs to know about the library."""

    #: loads documents for a full build (picklable: sent to worker processes)
    source: DocumentSource

    def versions(self) -> dict[str, str]:
        """doc_id → version (changes whenever the document's content may have)."""

    def sizes(self) -> dict[str, int]:
        """doc_id → text size, to balance a parallel build."""

    def pending(self) -> set[str]:
        """Documents changed in the library whose index update is not known to be done."""

    def clear_pending(self, doc_ids: set[str]) -> None:
        """Forget the markers of ``doc_ids`` (their index update is committed)."""

    def changed(self) -> bool:
        """True if someone else may have changed the library since the last call."""

    # optional: ``annotation_versions() -> {ann_id: (doc_id, version)}`` of the
    # annotations to index (their units come from ``source.annotation_units``)


class SearchIndex:
    """The search index of one library folder (thread-safe: one lock around it all)."""

    def __init__(self, folder: Path, catalog: Catalog, procs: int | None = None) -> None:
        self.folder = Path(folder)
        self.catalog = catalog
        self.procs = procs
        self._lock = threading.RLock()
        self._searcher: IndexSearcher | None = None
        self._build_id: str | None = None
        self.last_rebuild_reason: str | None = None

    # -- life cycle ----------------------------------------------------------------------

    def ensure(self, progress: BuildProgress | None = None,
               cancel: Callable[[], bool] | None = None) -> str:
        """Make the index usable and current; return what was done: "ok", "updated" or
        "rebuilt: <reason>".  May take a while (a full build) — call it off the UI thread."""
        with self._lock:
            changed = self.catalog.changed()
            if (self._searcher is not None and not changed and self._current()
                    and not self.catalog.pending()):
                return "ok"
            try:
                ix = indexer.check(self.folder)
            except IndexProblem as problem:
                return self._rebuild(str(problem), progress, cancel)
            try:
                if self._searcher is None or not self._current():
                    self._open(ix)
                return self._sync(progress, cancel)
            except (indexer.BuildCancelled, KeyboardInterrupt):
                raise
            except Exception as exc:  # noqa: BLE001 - unreadable data inside the index
                return self._rebuild(f"broken ({type(exc).__name__}: {exc})", progress, cancel)

    def rebuild(self, progress: BuildProgress | None = None,
                cancel: Callable[[], bool] | None = None, reason: str = "requested") -> str:
        with self._lock:
            return self._rebuild(reason, progress, cancel)

    def apply_pending(self) -> None:
        """After the library committed changes (and marked them pending): apply them to
        the index now, if there is an index.  A failure leaves them pending for the next
        ``ensure`` (every search calls it)."""
        with self._lock:
            if not (self.folder / indexer.META_FILE).exists():
                return  # no index yet: the first search builds it
            try:
                self.ensure()  # applies every pending document, these included
            except Exception:  # noqa: BLE001 - stays pending; search repairs it
                pass

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def status(self) -> dict[str, object]:
        with self._lock:
            try:
                indexer.check(self.folder)
                state = "ok"
            except IndexProblem as problem:
                state = str(problem)
            return {"folder": str(self.folder), "state": state,
                    "pending": len(self.catalog.pending()),
                    "last_rebuild": self.last_rebuild_reason}

    # -- search --------------------------------------------------------------------------

    def search(self, query: str | Query, limit: int = 20, offset: int = 0,
               doc_id: str | None = None, titles_only: bool = False,
               progress: BuildProgress | None = None, literal: bool = False,
               scope: str = "text", exclude: frozenset[str] = frozenset()) -> Results:
        """Search (see index.query for the language; ``literal`` takes the text as it is);
        never raises for a bad query.  ``scope``: "text" (documents), "annotations"
        (notes and tags), "all"; ``exclude``: document ids left out."""
        if isinstance(query, Query):
            parsed = query
        else:
            parsed = make_literal(query) if literal else parse(query)
        with self._lock:
            self.ensure(progress)
            try:
                return self._searcher.search(parsed, limit, offset, doc_id, titles_only, scope,
                                             exclude)
            except Exception as exc:  # noqa: BLE001 - a corrupted segment: rebuild, retry
                self._rebuild(f"broken ({type(exc).__name__}: {exc})", progress, None)
                return self._searcher.search(parsed, limit, offset, doc_id, titles_only, scope,
                                             exclude)

    def warm(self) -> None:
        """Load every unit's text into memory now (the GUI calls this in the background)."""
        with self._lock:
            self.ensure()
            self._searcher.warm()

    # -- internals -----------------------------------------------------------------------

    def _current(self) -> bool:
        return (self._searcher is not None and self._build_id == _read_build_id(self.folder)
                and self._searcher.up_to_date())

    def _open(self, ix) -> None:  # noqa: ANN001
        old, self._searcher = self._searcher, None
        cache = old._cache if old is not None and self._build_id == _read_build_id(self.folder) else None
        if old is not None:
            old.close()
        # a new searcher after every change: whoosh-reloaded's refresh() can keep showing
        # deleted documents
        self._searcher = IndexSearcher(ix, cache)
        self._build_id = _read_build_id(self.folder)

    def _rebuild(self, reason: str, progress: BuildProgress | None,
                 cancel: Callable[[], bool] | None) -> str:
        self.close()
        indexer.remove_leftovers(self.folder)
        pending = self.catalog.pending()
        versions = self.catalog.versions()
        sizes = self.catalog.sizes()
        procs = self.procs
        if procs is None:
            procs = 2 if sum(sizes.values()) >= PARALLEL_MIN_CHARS else 1
        indexer.build(self.folder, self.catalog.source, list(versions), sizes, progress,
                      cancel, procs)
        self.catalog.clear_pending(pending)
        self.catalog.changed()  # what we just read is what the index now holds
        self._open(indexer.check(self.folder))
        self.last_rebuild_reason = reason
        return f"rebuilt: {reason}"

    def _sync(self, progress: BuildProgress | None, cancel: Callable[[], bool] | None) -> str:
        """Apply pending documents and any version differences, incrementally; the same
        for annotations (by their versions)."""
        assert self._searcher is not None
        pending = self.catalog.pending()
        versions = self.catalog.versions()
        indexed = self._searcher.indexed_versions()
        todo = set(pending)
        todo.update(d for d, v in versions.items() if indexed.get(d) != v)
        todo.update(d for d in indexed if d not in versions)
        live = getattr(self.catalog, "annotation_versions", dict)()
        held = self._searcher.indexed_annotation_versions()
        # a re-indexed or removed document loses its annotation units: those staying return
        ann_add = {a for a, (doc, v) in live.items() if held.get(a) != v or doc in todo}
        ann_remove = {a for a in held if a not in live}
        if not todo and not ann_add and not ann_remove:
            return "ok"
        if len(todo) > max(INCREMENTAL_MAX, len(versions) // 3):
            return self._rebuild(f"{len(todo)} documents changed", progress, cancel)
        present = sorted(d for d in todo if d in versions)
        try:
            indexer.update(self._searcher.ix, sorted(todo - set(present)),
                           self.catalog.source(present), timeout=LOCK_TIMEOUT,
                           remove_annotations=sorted(ann_remove),
                           add_annotations=indexer.annotation_units(self.catalog.source,
                                                                    ids=sorted(ann_add)))
        except LockError:
            return self._rebuild("locked by another writer", progress, cancel)
        self.catalog.clear_pending(pending)
        self._open(self._searcher.ix)
        return "updated"


def _read_build_id(folder: Path) -> str | None:
    try:
        return json.loads((folder / indexer.META_FILE).read_text(encoding="utf-8")).get("build_id")
    except (OSError, ValueError):
        return None


__all__ = ["SearchIndex", "Catalog", "LOCK_TIMEOUT"]
