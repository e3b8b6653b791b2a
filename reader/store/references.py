"""The library's cross-references: what each document cites, and what cites it.

The :class:`References` service is ``library.refs``.  References are *derived* data
(reader.core.refs detects and resolves them from the text), stored in the ``refs``,
``ref_targets`` and ``ref_keys`` tables (schema migration 3) and redone from the documents
whenever needed (``rebuild``; ``ensure`` after a ``REFS_VERSION`` change).

* Import: each saved document is *prepared* (``refs_prepared``: its references detected,
  those within itself resolved) — in a worker process during a large import
  (``refs_worker``), else here.  Everything is stored at the end of the import (or every
  ``FLUSH_EVERY`` documents), the references to other documents resolved then, once,
  against everything it brought; a marker row per document (``refs_pending:``) finishes
  the work on next use if the process dies first.  Then the references stored *earlier*
  that may lead to the new documents — unresolved or inexact ones whose cited title or doc
  number matches (``ref_keys``), a volume's parts citing each other, and those leading to
  another version or an earlier import of them — are resolved again, so a reference
  resolves by itself when its target arrives later.
* Remove: the document's own references go with it (foreign key); references to it are
  resolved again (to another version, or left unresolved with their title and pinpoint).
* ``cited_by`` answers from indexes: ``refs_target`` on the first unit a reference leads
  to, ``ref_targets`` for the other units of a range (never by scanning texts).

The in-memory :class:`~reader.core.refs.LibraryIndex` (titles and doc numbers → ids) is
built on first use from the documents table and kept in step by the flush and remove.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reader.core.model import Document, identity_key
from reader.core.refs import ISSUE, REPEAL, LibraryIndex, Ref, resolve, version_date
from reader.core.refs.titles import inexact_score, stored_keys, volume_keys
from reader.store.db import Database
from reader.store.gcpause import collector_paused
from reader.store.refs_prepared import (
    NUMBER,
    SELECT,
    Stored,
    Waiting,
    citing_document,
    edge_key,
    prepare,
    ref_from_row,
    stored,
    volume_key,
)
from reader.store.refs_worker import Preparer

#: Bump when detection or resolution changes what is stored: libraries rebuild their refs.
REFS_VERSION = "3"  # 2: ref_targets holds only the rest of a range; 3: parts of a volume cite each other
_META_KEY = "refs_version"
#: meta key prefix marking a document whose references are not all stored yet; the value
#: says why: its import is under way (or was cut short), or everything is being redone.
_PENDING = "refs_pending:"
_LATE, _ALL = "import", "rebuild"
#: An import resolves the waiting references at least every this many documents (memory).
FLUSH_EVERY = 2000
#: Documents redone per transaction by ``ensure`` (readers wait at most this long).
REDO_CHUNK = 20
#: Relations between documents as ``relations`` reports them.
CITES, CITED_BY, REPEALS, REPEALED_BY, ISSUES, ISSUED_BY = (
    "cites", "cited_by", "repeals", "repealed_by", "issues", "issued_by")

_log = logging.getLogger(__name__)

_COLUMNS = ("doc_id, node_id, span_start, span_end, text, kind, target_title, target_doc_number,"
            " target_doc_id, target_node_id, resolved, exact, note, data")


@dataclass(frozen=True)
class Citation:
    """One reference to a unit (or document), seen from its target: who cites it, where."""

    doc_id: str  # the citing document
    doc_title: str
    node_id: str | None  # the citing unit (None: front matter)
    start: int
    end: int
    text: str  # the words of the reference
    kind: str
    target_doc_id: str
    target_node_id: str | None  # the unit named (may be inside the one asked about)
    exact: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "node_id": self.node_id, "text": self.text,
                "target_node_id": self.target_node_id, "doc_title": self.doc_title,
                "start": self.start, "end": self.end, "kind": self.kind, "exact": self.exact}


@dataclass(frozen=True)
class Relation:
    """Another document related to this one: it cites / repeals / issues this one, or the reverse."""

    relation: str  # CITED_BY, REPEALED_BY, ISSUED_BY, CITES, REPEALS, ISSUES
    doc_id: str
    title: str
    count: int = 1  # references making the relation

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.relation, "doc_id": self.doc_id, "title": self.title,
                "count": self.count}


class References:
    """Cross-references of one library: ``library.refs`` (see the module notes).  Reads
    and writes through the shared :class:`~reader.store.db.Database`; document ids are
    resolved by the library's ``resolve`` (an exact id or a unique prefix; called with the
    lock held)."""

    #: False: imports store no references (benchmarks measure the cost this way).
    enabled: bool = True

    def __init__(self, db: Database, resolve: Callable[[str], str]) -> None:
        self.db = db
        self._resolve = resolve
        self._current = False  # stored references known to be up to date (this process)
        self._prep: Preparer | None = None  # made on first use
        self._library_index: LibraryIndex | None = None  # built on first use

    # -- reading -----------------------------------------------------------------------

    def list(self, doc_id: str) -> list[Ref]:
        """Every reference ``doc_id`` makes, in document order of nodes, then offset."""
        with self.db.lock:
            full_id = self._resolve(doc_id)
            self._ready()
            rows = self.db.conn.execute(
                f"SELECT {SELECT} FROM refs r LEFT JOIN nodes n ON n.doc_id = r.doc_id"
                " AND n.node_id = r.node_id WHERE r.doc_id = ?"
                " ORDER BY n.ord IS NOT NULL, n.ord, r.span_start, r.id", (full_id,)).fetchall()
        return [ref_from_row(r) for r in rows]

    def cited_by(self, doc_id: str, node_id: str | None = None,
                 include_self: bool = True) -> list[Citation]:
        """References leading to ``doc_id`` (to ``node_id`` or a unit inside it, when given),
        from the whole library, the document itself included unless ``include_self`` is
        False.  Answered from indexes (``refs_target``, ``ref_targets``), never by scanning."""
        with self.db.lock:
            full_id = self._resolve(doc_id)
            self._ready()
            # the first unit a reference leads to is in refs, the rest of a range in ref_targets
            direct, ranged = "r.target_doc_id = ? AND r.resolved = 1", "t.doc_id = ?"
            unit = ""
            params: list[Any] = [full_id]
            if node_id:  # the unit and everything inside it (ids nest: art_17 ⊃ art_17__para_2)
                unit = " AND ({0} = ? OR ({0} >= ? AND {0} < ?))"
                params += [node_id, node_id + "__", node_id + "_`"]
            others = " AND r.doc_id != ?" if not include_self else ""
            rows = self.db.conn.execute(
                "SELECT r.id, r.doc_id, d.title, r.node_id, r.span_start, r.span_end,"
                " r.text, r.kind, r.target_node_id, r.exact, n.ord"
                " FROM refs r JOIN documents d ON d.id = r.doc_id"
                " LEFT JOIN nodes n ON n.doc_id = r.doc_id AND n.node_id = r.node_id"
                f" WHERE r.id IN (SELECT r.id FROM refs r WHERE {direct}{unit.format('r.target_node_id')}"
                f" UNION SELECT t.ref_id FROM ref_targets t WHERE {ranged}{unit.format('t.node_id')}){others}"
                " ORDER BY r.doc_id != ?, d.issued IS NULL, d.issued DESC, d.title, r.doc_id,"
                " n.ord IS NOT NULL, n.ord, r.span_start",
                (*params, *params, *([full_id] if others else []), full_id)).fetchall()
        return [Citation(r[1], r[2], r[3], r[4], r[5], r[6], r[7], full_id, r[8], bool(r[9]))
                for r in rows]

    def relations(self, doc_id: str) -> list[Relation]:
        """Documents that cite, repeal or issue ``doc_id``, and those it repeals or issues
        (and cites), one entry per (relation, document)."""
        with self.db.lock:
            full_id = self._resolve(doc_id)
            self._ready()
            incoming = self.db.conn.execute(
                "SELECT r.kind, r.doc_id, d.title, COUNT(*) FROM refs r JOIN documents d"
                " ON d.id = r.doc_id WHERE r.target_doc_id = ? AND r.resolved = 1"
                " AND r.doc_id != ? GROUP BY r.kind, r.doc_id ORDER BY d.issued DESC, d.title",
                (full_id, full_id)).fetchall()
            outgoing = self.db.conn.execute(
                "SELECT r.kind, r.target_doc_id, d.title, COUNT(*) FROM refs r JOIN documents d"
                " ON d.id = r.target_doc_id WHERE r.doc_id = ? AND r.resolved = 1"
                " AND r.target_doc_id != ? GROUP BY r.kind, r.target_doc_id"
                " ORDER BY d.issued DESC, d.title", (full_id, full_id)).fetchall()
        found: dict[tuple[str, str], list[Any]] = {}
        for rows, names in ((incoming, {REPEAL: REPEALED_BY, ISSUE: ISSUED_BY}),
                            (outgoing, {REPEAL: REPEALS, ISSUE: ISSUES})):
            default = CITED_BY if rows is incoming else CITES
            for kind, other, title, n in rows:
                rel = names.get(kind, default)
                entry = found.setdefault((rel, other), [title, 0])
                entry[1] += n
        order = {r: i for i, r in enumerate((REPEALED_BY, ISSUED_BY, CITED_BY, REPEALS, ISSUES, CITES))}
        rels = [Relation(rel, other, title, n) for (rel, other), (title, n) in found.items()]
        return sorted(rels, key=lambda r: order[r.relation])  # stable: the query's order within

    # -- writing -----------------------------------------------------------------------

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Detect and resolve every document's references again, from the stored documents;
        returns how many references were stored."""
        with self.db.lock, self.db.transaction():
            self._mark_all()
        self._redo(progress)  # (a few documents per transaction: readers are not held up)
        with self.db.lock:
            return self.db.conn.execute("SELECT COUNT(*) FROM refs").fetchone()[0]

    def ensure(self, progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> bool:
        """Bring the stored references up to date (after a ``REFS_VERSION`` change, or an
        import cut short by a crash), a few documents per transaction so readers are never
        held up long.  False when ``cancel`` stopped it (the rest is done on next use)."""
        with self.db.lock:
            if self._current:
                return True
            with self.db.transaction():
                self._check()
        return self._redo(progress, cancel)

    def outdated(self) -> bool:
        """Whether stored references are being (or must be) redone: a window shows none
        meanwhile and asks again after ``ensure``; answered without doing the work."""
        with self.db.lock:
            if self._current:
                return False
            outdated = self._version_stale() or self._marked(1) != []
            self._current = not outdated  # (the window asks on every move: once is enough)
            return outdated

    # -- called by the Library's import and remove -------------------------------------

    def begin(self, files: int, db: Path) -> None:
        """An import of ``files`` files into ``db`` starts: prepare in a worker process if it
        is large."""
        if self.enabled:
            self._ready()  # (a library made or upgraded just now: before any file is saved)
            self._preparer().start(files, db)

    def end(self) -> None:
        """The import is over (its references flushed): stop the worker, if any."""
        self._preparer().close()

    def imported(self, docs: list[Document], replaced: list[str]) -> list[Waiting | str]:
        """``docs`` were just saved (inside the file's transaction); ``replaced``: the ids of
        those that were in the library already (their old references go now).

        Their references are prepared (``refs_prepared.prepare``: detected, and those within
        themselves resolved) here, or by the worker once the transaction has committed
        (``committed``).  They are stored by ``flush`` at the end of the import
        (with a marker row meanwhile, in case the process dies), those to other documents
        resolved then, against every document the import brought: none is resolved twice — a
        whole corpus imports in one pass, in any order — and the rows are written together, not
        page by page with every file.  The caller hands over what this returns only once the
        transaction has committed."""
        if not self.enabled or not docs:
            return []
        self._ready(in_transaction=True)
        if replaced:
            self.db.conn.executemany("DELETE FROM refs WHERE doc_id = ?", [(d,) for d in replaced])
        self.db.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                 [(_PENDING + d.id, _LATE) for d in docs])
        if self._preparer().remote:
            return [doc.id for doc in docs]  # read back by the worker once committed
        return [prepare(doc) for doc in docs]

    def committed(self, items: list[Waiting | str]) -> None:
        """The transaction of ``imported``'s ``items`` committed: hand them over."""
        if items:
            with self.db.lock:
                self._preparer().add(items)

    def due(self) -> bool:
        """Whether enough references wait that the import should flush them now (memory)."""
        return len(self._preparer()) >= FLUSH_EVERY

    def flush(self) -> None:
        """Store the prepared references (``imported``), those to other documents resolved
        now; then resolve again the references stored earlier that these documents may answer.
        Documents the worker did not answer are still marked: prepared here, now."""
        with self.db.lock:
            preparer = self._preparer()
            if not len(preparer):
                return
            waiting, lost = preparer.collect()
            latest = {w.id: w for w in waiting}  # re-imported within the batch: the last
            try:
                with self.db.transaction(), collector_paused():
                    marked = self._marked_among(list(latest))  # not removed or rebuilt since
                    index = self._ref_index()
                    prepared = [w for w in latest.values() if w.id in marked]
                    for w in prepared:
                        index.add(w.id, w.head[0], w.head[1], w.date)
                    citing, first = self._store_prepared(prepared, index)
                    self._reresolve(self._refs_leading_to(citing, index, first), index)
                    self.db.conn.executemany("DELETE FROM meta WHERE key = ?",
                                             [(_PENDING + doc_id,) for doc_id in marked])
            except BaseException:
                self._library_index = None
                self._current = False  # the markers stay: redone on next use
                raise
            if lost:
                self._redo()

    def removed(self, doc_id: str) -> None:
        """``doc_id`` was just deleted (its refs went with it): re-resolve those leading to it."""
        if not self.enabled:
            return
        try:
            self._ready(in_transaction=True)
            self.db.conn.execute("DELETE FROM meta WHERE key = ?", (_PENDING + doc_id,))
            index = self._ref_index()
            index.remove(doc_id)
            ids = [r[0] for r in self.db.conn.execute(
                "SELECT DISTINCT ref_id FROM ref_targets WHERE doc_id = ?", (doc_id,))]
            ids += [r[0] for r in self.db.conn.execute(
                "SELECT id FROM refs WHERE target_doc_id = ?", (doc_id,))]
            self._reresolve(ids, index)
        except BaseException:
            self._library_index = None
            raise

    # -- internals -----------------------------------------------------------------------

    def _preparer(self) -> Preparer:
        preparer = self._prep
        if preparer is None:
            preparer = self._prep = Preparer()
        return preparer

    def _ready(self, in_transaction: bool = False) -> None:
        """Make sure the stored references are current before they are read or added to:
        redo whatever a ``REFS_VERSION`` change or a crashed import left marked."""
        if self._current:
            return
        if in_transaction:
            self._check()
        else:
            with self.db.transaction():
                self._check()
        self._redo(None, None, in_transaction)

    def _check(self) -> None:
        """After a ``REFS_VERSION`` change, drop every reference and mark every document."""
        if self._version_stale():
            self._mark_all()

    def _version_stale(self) -> bool:
        row = self.db.conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
        return not row or row[0] != REFS_VERSION

    def _mark_all(self) -> None:
        self.db.conn.execute("DELETE FROM refs")  # ref_targets and ref_keys follow (cascade)
        self.db.conn.execute("DELETE FROM meta WHERE key LIKE ?", (_PENDING + "%",))
        self.db.conn.execute("INSERT INTO meta (key, value) SELECT ? || id, ? FROM documents",
                             (_PENDING, _ALL))
        self.db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             (_META_KEY, REFS_VERSION))
        self._preparer().discard()
        self._library_index = None

    def _marked(self, limit: int = -1) -> list[tuple[str, str]]:
        """(doc_id, why) of documents marked and not handed over for preparing (this process's)."""
        queued = self._preparer().pending()
        rows = self.db.conn.execute("SELECT substr(key, ?), value FROM meta WHERE key LIKE ?"
                                    " ORDER BY key", (len(_PENDING) + 1, _PENDING + "%")).fetchall()
        out = [(doc_id, why) for doc_id, why in rows if doc_id not in queued]
        return out if limit < 0 else out[:limit]

    def _marked_among(self, doc_ids: list[str]) -> set[str]:
        return {r[0][len(_PENDING):] for r in select_in(
            self.db.conn, "SELECT key FROM meta WHERE key IN ({})", [_PENDING + d for d in doc_ids])}

    def _redo(self, progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None, in_transaction: bool = False) -> bool:
        """Detect and resolve again every marked document, ``REDO_CHUNK`` per transaction
        (``in_transaction``: all in the caller's).  A document marked by a crashed import
        may answer references stored earlier: those are resolved again too."""
        from reader.store import repository

        with self.db.lock:
            marked = self._marked()
        total, done = len(marked), 0
        while marked:
            if cancel is not None and cancel():
                return False
            chunk, marked = marked[:REDO_CHUNK], marked[REDO_CHUNK:]
            with self.db.lock, nullcontext() if in_transaction else self.db.transaction(), collector_paused():
                index = self._ref_index()
                late: list[Document] = []
                prepared: list[Waiting] = []
                for doc_id, why in chunk:
                    self.db.conn.execute("DELETE FROM refs WHERE doc_id = ?", (doc_id,))
                    self.db.conn.execute("DELETE FROM meta WHERE key = ?", (_PENDING + doc_id,))
                    doc = repository.load_document(self.db.conn, doc_id)
                    if doc is None:
                        continue
                    if why != _ALL:  # (imported since the index was built, perhaps)
                        index.add(doc.id, doc.title, doc.doc_number, version_date(doc))
                        late.append(doc)
                    try:
                        prepared.append(prepare(doc))
                    except Exception:  # a bug in detection: this document keeps none, the rest go on
                        _log.exception("%s (%s): its references could not be detected", doc.title, doc_id)
                _, first = self._store_prepared(prepared, index)
                if late:
                    self._reresolve(self._refs_leading_to(late, index, first), index)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        self._current = True
        return True

    def _ref_index(self) -> LibraryIndex:
        index = self._library_index
        if index is None:
            index = LibraryIndex(nodes=self._ref_nodes, text=self._ref_text)
            for doc_id, title, number, issued, front in self.db.conn.execute(
                    "SELECT id, title, doc_number, issued, front_matter FROM documents"):
                index.add(doc_id, title, number, version_date(_stub(issued, front)))
            self._library_index = index
        return index

    def _ref_nodes(self, doc_id: str) -> list[str]:
        return [r[0] for r in self.db.conn.execute(
            "SELECT node_id FROM nodes WHERE doc_id = ? ORDER BY ord", (doc_id,))]

    def _ref_text(self, doc_id: str, node_id: str) -> str | None:
        return stored_unit_text(self.db.conn, doc_id, node_id)

    def _store_prepared(self, prepared: list[Waiting], index: LibraryIndex) -> tuple[list[Document], int]:
        """Store prepared documents' references, those still waiting resolved against
        ``index`` (the library); returns the citing documents (stand-ins) and the first id
        their references got (all after it are theirs)."""
        ids = [w.id for w in prepared]
        for start in range(0, len(ids), 500):  # (whatever was stored for them meanwhile goes)
            chunk = ids[start:start + 500]
            self.db.conn.execute(f"DELETE FROM refs WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)
        citing: list[Document] = []
        forms: list[Stored] = []
        for w in prepared:
            doc = w.citing()
            citing.append(doc)
            forms += w.own
            volume = w.volume
            forms += [stored(w.id, r, volume) for r in resolve(w.refs, doc, index)]
        return citing, self._insert_refs(forms)

    def _insert_refs(self, forms: list[Stored]) -> int:
        """Insert references in their stored form, ids in one run; returns the first."""
        next_id = self.db.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM refs").fetchone()[0]
        if not forms:
            return next_id
        ids = range(next_id, next_id + len(forms))
        self.db.conn.executemany(f"INSERT INTO refs (id, {_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                                 [(i, *row) for i, (row, _, _) in zip(ids, forms)])
        self._index_refs(zip(ids, forms))
        return next_id

    def _index_refs(self, items: Iterable[tuple[int, Stored]]) -> None:
        """Fill ref_targets and ref_keys for references stored as ``ids``."""
        targets: list[tuple[int, str, str]] = []
        keys: list[tuple[int, str, str]] = []
        for ref_id, (_, units, cited) in items:
            if units:
                targets += [(ref_id, doc_id, unit) for doc_id, unit in units]
            if cited:
                keys += [(ref_id, key, edge) for key, edge in cited]
        if targets:
            self.db.conn.executemany("INSERT INTO ref_targets (ref_id, doc_id, node_id) VALUES (?, ?, ?)",
                                     targets)
        if keys:
            self.db.conn.executemany("INSERT INTO ref_keys (ref_id, key, edge) VALUES (?, ?, ?)", keys)

    def _refs_leading_to(self, docs: list[Document], index: LibraryIndex, before: int) -> list[int]:
        """Ids of other documents' references that ``docs`` (just imported) may resolve:
        unresolved or inexact ones citing their titles or numbers, those of other parts of
        their volume that their own parts did not answer, and those leading to them (a
        re-import) or to another version of them.  Only ids below ``before``: those from
        ``before`` on were resolved just now, with everything these documents know."""
        keys: set[str] = set()
        edges: list[tuple[str, str]] = []
        targets: set[str] = set()
        for doc in docs:
            own = stored_keys(doc.title)
            keys.update(own)
            keys.update(volume_keys(doc.title))
            if doc.doc_number:
                keys.add(NUMBER + identity_key(doc.doc_number))
            if volume_key(doc.title):
                keys.add(volume_key(doc.title))
            if own and len(own[0]) >= 8:
                edges.append((edge_key(own[0]), own[0]))
            targets.add(doc.id)
            targets.update(index.versions(doc.id))  # other versions of it
        conn = self.db.conn
        found = {r[0] for r in select_in(conn, "SELECT ref_id FROM ref_keys WHERE key IN ({}) AND ref_id < ?",
                                         sorted(keys), after=(before,))}
        wanted: dict[str, list[str]] = {}
        for edge, key in edges:
            wanted.setdefault(edge, []).append(key)
        for ref_id, edge, key in select_in(conn, "SELECT ref_id, edge, key FROM ref_keys WHERE edge IN ({})"
                                           " AND ref_id < ?", sorted(wanted), after=(before,)):
            # inexact: only titles close enough count
            if any(abs(len(key) - len(own)) <= 3 and _close(key, own) for own in wanted[edge]):
                found.add(ref_id)
        found.update(r[0] for r in select_in(conn, "SELECT id FROM refs WHERE target_doc_id IN ({}) AND id < ?",
                                             sorted(targets), after=(before,)))
        return sorted(found)

    def _reresolve(self, ref_ids: Iterable[int], index: LibraryIndex) -> None:
        """Resolve the stored references ``ref_ids`` again against ``index``; update rows."""
        ids = sorted(set(ref_ids))
        if not ids:
            return
        by_doc: dict[str, list[tuple[int, Ref]]] = {}
        for row in select_in(self.db.conn, f"SELECT r.id, {SELECT} FROM refs r WHERE r.id IN ({{}})", ids):
            by_doc.setdefault(row[1], []).append((row[0], ref_from_row(row[1:])))
        updates: list[tuple[Any, ...]] = []
        done: list[tuple[int, Stored]] = []
        for doc_id, items in by_doc.items():
            doc = self._citing_stub(doc_id, {r.node_id for _, r in items})
            if doc is None:
                continue
            again = resolve([r for _, r in items], doc, index)
            volume = volume_key(doc.title)
            for (ref_id, _), ref in zip(items, again):
                form = stored(doc_id, ref, volume)
                updates.append((*form[0][8:], ref_id))
                done.append((ref_id, form))
        self.db.conn.executemany(
            "UPDATE refs SET target_doc_id = ?, target_node_id = ?, resolved = ?, exact = ?,"
            " note = ?, data = ? WHERE id = ?", updates)
        gone = [(ref_id,) for ref_id, _ in done]
        self.db.conn.executemany("DELETE FROM ref_targets WHERE ref_id = ?", gone)
        self.db.conn.executemany("DELETE FROM ref_keys WHERE ref_id = ?", gone)
        self._index_refs(done)

    def _citing_stub(self, doc_id: str, node_ids: set[str | None]) -> Document | None:
        """Enough of a stored citing document to resolve its references to other documents
        again (see ``Waiting.citing``), from its rows."""
        row = self.db.conn.execute("SELECT title, doc_number, issued, effective, front_matter"
                                   " FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        from reader.store.repository import _date

        texts = dict(select_in(self.db.conn,
                               "SELECT node_id, text FROM nodes WHERE doc_id = ? AND node_id IN ({})",
                               sorted(n for n in node_ids if n), before=(doc_id,)))
        return citing_document(doc_id, (row[0], row[1], _date(row[2]), _date(row[3]), row[4] or ""), texts)


def select_in(conn: sqlite3.Connection, sql: str, values: list[Any], before: Iterable[Any] = (),
              after: Iterable[Any] = ()) -> Iterator[tuple[Any, ...]]:
    """Rows of ``sql`` whose ``IN ({})`` takes ``values``, a few hundred per query (SQLite
    limits the parameters of one statement); ``before``/``after``: the other parameters."""
    before, after = tuple(before), tuple(after)
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        yield from conn.execute(sql.format(",".join("?" * len(chunk))), (*before, *chunk, *after))


def _close(cited: str, stored: str) -> bool:
    """Whether an inexact title match is possible (cheap tests first)."""
    if cited == stored:
        return True
    short, long = (cited, stored) if len(cited) <= len(stored) else (stored, cited)
    chars = iter(long)
    return all(c in chars for c in short) and inexact_score(cited, stored) > 0


def _stub(issued: str | None, front_matter: str | None) -> Any:
    """What ``version_date`` reads of a document, from its row."""
    from reader.store.repository import _date

    return SimpleNamespace(issued=_date(issued), front_matter=front_matter or "")


def stored_unit_text(conn: sqlite3.Connection, doc_id: str, node_id: str) -> str | None:
    """A node's full text (own text, then its descendants', joined by newlines) from the
    rows: the descendants are the rows after it in document order until one whose parent
    is not inside it."""
    row = conn.execute("SELECT ord, text FROM nodes WHERE doc_id = ? AND node_id = ?",
                       (doc_id, node_id)).fetchone()
    if row is None:
        return None
    inside = {node_id}
    parts = [row[1]] if row[1] else []
    for child, parent, text in conn.execute(
            "SELECT node_id, parent_id, text FROM nodes WHERE doc_id = ? AND ord > ? ORDER BY ord",
            (doc_id, row[0])):
        if parent not in inside:
            break
        inside.add(child)
        if text:
            parts.append(text)
    return "\n".join(parts)
