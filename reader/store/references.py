"""The Library's cross-references: what each document cites, and what cites it.

Mixed into :class:`reader.store.library.Library`.  References are *derived* data
(reader.core.refs detects and resolves them from the text), stored in the ``refs``,
``ref_targets`` and ``ref_keys`` tables (schema migration 3) and redone from the documents
whenever needed (``rebuild_refs``; ``ensure_refs`` after a ``REFS_VERSION`` change).

* Import: a document's references within itself are stored in the same transaction as the
  document.  Those to other documents wait until the end of the import (or every
  ``FLUSH_EVERY`` documents) and are resolved then, once, against everything it brought — a
  marker row per document (``refs_pending:``) finishes the work on next use if the process
  dies first.  Then the references stored *earlier* that may lead to the new documents —
  unresolved or inexact ones whose cited title or doc number matches (``ref_keys``), and
  those leading to another version or an earlier import of them — are resolved again, so an
  external reference resolves by itself when its target arrives later.
* Remove: the document's own references go with it (foreign key); references to it are
  resolved again (to another version, or left unresolved with their title and pinpoint).
* ``cited_by`` answers from indexes: ``refs_target`` on the first unit a reference leads
  to, ``ref_targets`` for the other units of a range (never by scanning texts).

The in-memory :class:`~reader.core.refs.LibraryIndex` (titles and doc numbers → ids) is
built on first use from the documents table and kept in step by import and remove.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from json.encoder import encode_basestring as _string  # a JSON string literal (C)
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from reader.core.model import Document, Node, NodeKind, identity_key
from reader.core.refs import (
    ISSUE,
    REPEAL,
    LibraryIndex,
    Pin,
    Ref,
    detect,
    resolve,
    version_date,
)
from reader.core.refs.model import DOCUMENT_KINDS, Pinpoint
from reader.core.refs.outline import node_ids
from reader.core.refs.titles import cited_keys, inexact_score, stored_keys, volume_keys
from reader.store.gcpause import collector_paused

if TYPE_CHECKING:
    import threading

    from reader.store.library import _Transaction

#: Bump when detection or resolution changes what is stored: libraries rebuild their refs.
REFS_VERSION = "2"  # 2: ref_targets holds only the rest of a range
_META_KEY = "refs_version"
#: meta key prefix marking a document whose references are not all stored yet; the value
#: says why: its import is under way (or was cut short), or everything is being redone.
_PENDING = "refs_pending:"
_LATE, _ALL = "import", "rebuild"
#: An import resolves the waiting references at least every this many documents (memory).
FLUSH_EVERY = 2000
#: Documents redone per transaction by ``ensure_refs`` (readers wait at most this long).
REDO_CHUNK = 20
_NUMBER = "no:"
#: Relations between documents as ``document_relations`` reports them.
CITES, CITED_BY, REPEALS, REPEALED_BY, ISSUES, ISSUED_BY = (
    "cites", "cited_by", "repeals", "repealed_by", "issues", "issued_by")

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


class ReferencesMixin:
    """Cross-references of the library (see the module notes)."""

    #: False: imports store no references (benchmarks measure the cost this way).
    refs_enabled: bool = True

    if TYPE_CHECKING:
        _conn: sqlite3.Connection
        _lock: threading.RLock

        def _resolve(self, doc_id: str) -> str: ...
        def _transaction(self) -> _Transaction: ...

    # -- reading -----------------------------------------------------------------------

    def refs(self, doc_id: str) -> list[Ref]:
        """Every reference ``doc_id`` makes, in document order of nodes, then offset."""
        with self._lock:
            full_id = self._resolve(doc_id)
            self._refs_ready()
            rows = self._conn.execute(
                f"SELECT {_SELECT} FROM refs r LEFT JOIN nodes n ON n.doc_id = r.doc_id"
                " AND n.node_id = r.node_id WHERE r.doc_id = ?"
                " ORDER BY n.ord IS NOT NULL, n.ord, r.span_start, r.id", (full_id,)).fetchall()
        return [_ref(r) for r in rows]

    def cited_by(self, doc_id: str, node_id: str | None = None,
                 include_self: bool = True) -> list[Citation]:
        """References leading to ``doc_id`` (to ``node_id`` or a unit inside it, when given),
        from the whole library, the document itself included unless ``include_self`` is
        False.  Answered from indexes (``refs_target``, ``ref_targets``), never by scanning."""
        with self._lock:
            full_id = self._resolve(doc_id)
            self._refs_ready()
            # the first unit a reference leads to is in refs, the rest of a range in ref_targets
            direct, ranged = "r.target_doc_id = ? AND r.resolved = 1", "t.doc_id = ?"
            unit = ""
            params: list[Any] = [full_id]
            if node_id:  # the unit and everything inside it (ids nest: art_17 ⊃ art_17__para_2)
                unit = " AND ({0} = ? OR ({0} >= ? AND {0} < ?))"
                params += [node_id, node_id + "__", node_id + "_`"]
            others = " AND r.doc_id != ?" if not include_self else ""
            rows = self._conn.execute(
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

    def document_relations(self, doc_id: str) -> list[Relation]:
        """Documents that cite, repeal or issue ``doc_id``, and those it repeals or issues
        (and cites), one entry per (relation, document)."""
        with self._lock:
            full_id = self._resolve(doc_id)
            self._refs_ready()
            incoming = self._conn.execute(
                "SELECT r.kind, r.doc_id, d.title, COUNT(*) FROM refs r JOIN documents d"
                " ON d.id = r.doc_id WHERE r.target_doc_id = ? AND r.resolved = 1"
                " AND r.doc_id != ? GROUP BY r.kind, r.doc_id ORDER BY d.issued DESC, d.title",
                (full_id, full_id)).fetchall()
            outgoing = self._conn.execute(
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

    def full_id(self, doc_id: str) -> str:
        """The full id of a document given by id or unique prefix (UnknownDocument if none)."""
        with self._lock:
            return self._resolve(doc_id)

    def titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Titles of the documents ``doc_ids`` that exist."""
        with self._lock:
            return dict(_select_in(self._conn, "SELECT id, title FROM documents WHERE id IN ({})",
                                   sorted(set(doc_ids))))

    def unit_text(self, doc_id: str, node_id: str | None) -> str:
        """The full text of a unit (its own text and everything inside it); the document's
        front matter for ``node_id`` None; '' when there is no such unit."""
        with self._lock:
            if node_id is None:
                row = self._conn.execute("SELECT front_matter FROM documents WHERE id = ?",
                                         (doc_id,)).fetchone()
                return row[0] if row else ""
            return _unit_text(self._conn, doc_id, node_id) or ""

    # -- writing -----------------------------------------------------------------------

    def rebuild_refs(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Detect and resolve every document's references again, from the stored documents;
        returns how many references were stored."""
        with self._lock:
            with self._transaction():
                self._refs_mark_all()
            self._refs_redo(progress)
            return self._conn.execute("SELECT COUNT(*) FROM refs").fetchone()[0]

    def ensure_refs(self, progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> bool:
        """Bring the stored references up to date (after a ``REFS_VERSION`` change, or an
        import cut short by a crash), a few documents per transaction so readers are never
        held up long.  False when ``cancel`` stopped it (the rest is done on next use)."""
        with self._lock:
            if getattr(self, "_refs_current", False):
                return True
            with self._transaction():
                self._refs_check()
        return self._refs_redo(progress, cancel)

    def refs_outdated(self) -> bool:
        """Whether stored references are being (or must be) redone: a window shows none
        meanwhile and asks again after ``ensure_refs``; answered without doing the work."""
        with self._lock:
            if getattr(self, "_refs_current", False):
                return False
            outdated = self._refs_version_stale() or self._refs_marked(1) != []
            self._refs_current = not outdated  # (the window asks on every move: once is enough)
            return outdated

    # -- hooks called by Library ---------------------------------------------------------

    def _refs_imported(self, docs: list[Document]) -> list[_Waiting]:
        """``docs`` were just saved (added or re-imported; inside the file's transaction).

        Their references are detected now, and those within themselves resolved.  They are
        stored by ``_refs_flush`` at the end of the import (in memory meanwhile, with a marker
        row in case the process dies), those to other documents resolved then, against every
        document the import brought: none is resolved twice — a whole corpus imports in one
        pass, in any order — and the rows are written together, not page by page with every
        file.  The caller keeps the returned work only once the transaction has committed."""
        if not self.refs_enabled or not docs:
            return []
        try:  # (inside import_files: garbage collection is paused)
            self._refs_ready(in_transaction=True)
            index = self._ref_index()
            for doc in docs:
                index.add(doc.id, doc.title, doc.doc_number, version_date(doc))
            hot = getattr(self, "_refs_hot", None)
            self._refs_hot = {d.id: d for d in docs}
            waiting: list[_Waiting] = []
            try:
                for doc in docs:
                    self._conn.execute("DELETE FROM refs WHERE doc_id = ?", (doc.id,))
                    found = detect(doc)
                    own = resolve([r for r in found if r.kind not in DOCUMENT_KINDS], doc, index)
                    waiting.append(_Waiting.of(doc, own, [r for r in found if r.kind in DOCUMENT_KINDS]))
            finally:
                self._refs_hot = hot
            self._conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                   [(_PENDING + d.id, _LATE) for d in docs])
            return waiting
        except BaseException:
            self._refs_index = None  # rebuilt from the database on next use
            raise

    def _refs_committed(self, waiting: list[_Waiting]) -> None:
        """The transaction holding ``waiting`` committed: queue it for ``_refs_flush``."""
        if waiting:
            with self._lock:
                self._refs_queue().extend(waiting)

    def _refs_due(self) -> bool:
        """Whether enough references wait that the import should flush them now (memory)."""
        return len(getattr(self, "_refs_waiting", ())) >= FLUSH_EVERY

    def _refs_flush(self) -> None:
        """Store the waiting references (``_refs_imported``), those to other documents resolved
        now; then resolve again the references stored earlier that these documents may answer."""
        with self._lock:
            waiting = self._refs_queue()
            if not waiting:
                return
            self._refs_waiting = []
            latest = {w.id: w for w in waiting}  # re-imported within the batch: the last
            try:
                with self._transaction(), collector_paused():
                    marked = self._refs_marked_among(list(latest))  # not removed or rebuilt since
                    index = self._ref_index()
                    citing: list[Document] = []
                    rows: list[_Stored] = []
                    for doc_id in marked:
                        w = latest[doc_id]
                        doc = w.citing()
                        citing.append(doc)
                        rows += w.own
                        rows += [_stored(doc_id, r) for r in resolve(w.refs, doc, index)]
                    self._insert_refs(rows)
                    self._reresolve(self._refs_leading_to(citing, index), index)
                    self._conn.executemany("DELETE FROM meta WHERE key = ?",
                                           [(_PENDING + doc_id,) for doc_id in marked])
            except BaseException:
                self._refs_index = None
                self._refs_current = False  # the markers stay: redone on next use
                raise

    def _refs_removed(self, doc_id: str) -> None:
        """``doc_id`` was just deleted (its refs went with it): re-resolve those leading to it."""
        if not self.refs_enabled:
            return
        try:
            self._refs_ready(in_transaction=True)
            self._conn.execute("DELETE FROM meta WHERE key = ?", (_PENDING + doc_id,))
            index = self._ref_index()
            index.remove(doc_id)
            ids = [r[0] for r in self._conn.execute(
                "SELECT DISTINCT ref_id FROM ref_targets WHERE doc_id = ?", (doc_id,))]
            ids += [r[0] for r in self._conn.execute(
                "SELECT id FROM refs WHERE target_doc_id = ?", (doc_id,))]
            self._reresolve(ids, index)
        except BaseException:
            self._refs_index = None
            raise

    # -- internals -----------------------------------------------------------------------

    def _refs_queue(self) -> list[_Waiting]:
        queue = getattr(self, "_refs_waiting", None)
        if queue is None:
            queue = self._refs_waiting = []
        return queue

    def _refs_ready(self, in_transaction: bool = False) -> None:
        """Make sure the stored references are current before they are read or added to:
        redo whatever a ``REFS_VERSION`` change or a crashed import left marked."""
        if getattr(self, "_refs_current", False):
            return
        if in_transaction:
            self._refs_check()
        else:
            with self._transaction():
                self._refs_check()
        self._refs_redo(None, None, in_transaction)

    def _refs_check(self) -> None:
        """After a ``REFS_VERSION`` change, drop every reference and mark every document."""
        if self._refs_version_stale():
            self._refs_mark_all()

    def _refs_version_stale(self) -> bool:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
        return not row or row[0] != REFS_VERSION

    def _refs_mark_all(self) -> None:
        self._conn.execute("DELETE FROM refs")  # ref_targets and ref_keys follow (cascade)
        self._conn.execute("DELETE FROM meta WHERE key LIKE ?", (_PENDING + "%",))
        self._conn.execute("INSERT INTO meta (key, value) SELECT ? || id, ? FROM documents",
                           (_PENDING, _ALL))
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           (_META_KEY, REFS_VERSION))
        self._refs_waiting = []
        self._refs_index = None

    def _refs_marked(self, limit: int = -1) -> list[tuple[str, str]]:
        """(doc_id, why) of documents marked and not waiting in this process's queue."""
        queued = {w.id for w in self._refs_queue()}
        rows = self._conn.execute("SELECT substr(key, ?), value FROM meta WHERE key LIKE ?"
                                  " ORDER BY key", (len(_PENDING) + 1, _PENDING + "%")).fetchall()
        out = [(doc_id, why) for doc_id, why in rows if doc_id not in queued]
        return out if limit < 0 else out[:limit]

    def _refs_marked_among(self, doc_ids: list[str]) -> set[str]:
        return {r[0][len(_PENDING):] for r in _select_in(
            self._conn, "SELECT key FROM meta WHERE key IN ({})", [_PENDING + d for d in doc_ids])}

    def _refs_redo(self, progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None, in_transaction: bool = False) -> bool:
        """Detect and resolve again every marked document, ``REDO_CHUNK`` per transaction
        (``in_transaction``: all in the caller's).  A document marked by a crashed import
        may answer references stored earlier: those are resolved again too."""
        from reader.store import repository

        marked = self._refs_marked()
        total, done = len(marked), 0
        while marked:
            if cancel is not None and cancel():
                return False
            chunk, marked = marked[:REDO_CHUNK], marked[REDO_CHUNK:]
            with self._lock, nullcontext() if in_transaction else self._transaction(), collector_paused():
                index = self._ref_index()
                late: list[Document] = []
                items: list[tuple[str, list[Ref]]] = []
                for doc_id, why in chunk:
                    self._conn.execute("DELETE FROM refs WHERE doc_id = ?", (doc_id,))
                    self._conn.execute("DELETE FROM meta WHERE key = ?", (_PENDING + doc_id,))
                    doc = repository.load_document(self._conn, doc_id)
                    if doc is None:
                        continue
                    items.append((doc_id, resolve(detect(doc), doc, index)))
                    if why != _ALL:
                        late.append(doc)
                self._store_refs(items)
                if late:
                    self._reresolve(self._refs_leading_to(late, index), index)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        self._refs_current = True
        return True

    def _ref_index(self) -> LibraryIndex:
        index = getattr(self, "_refs_index", None)
        if index is None:
            index = LibraryIndex(nodes=self._ref_nodes, text=self._ref_text)
            for doc_id, title, number, issued, front in self._conn.execute(
                    "SELECT id, title, doc_number, issued, front_matter FROM documents"):
                index.add(doc_id, title, number, version_date(_stub(issued, front)))
            self._refs_index = index
        return index

    def _ref_nodes(self, doc_id: str) -> list[str]:
        hot = getattr(self, "_refs_hot", None) or {}
        if doc_id in hot:
            return node_ids(hot[doc_id])
        return [r[0] for r in self._conn.execute(
            "SELECT node_id FROM nodes WHERE doc_id = ? ORDER BY ord", (doc_id,))]

    def _ref_text(self, doc_id: str, node_id: str) -> str | None:
        hot = getattr(self, "_refs_hot", None) or {}
        if doc_id in hot:
            node = hot[doc_id].find(node_id)
            return node.full_text() if node is not None else None
        return _unit_text(self._conn, doc_id, node_id)

    def _store_refs(self, items: Iterable[tuple[str, list[Ref]]]) -> None:
        """Insert the references of documents (``(doc_id, refs)``)."""
        self._insert_refs([_stored(doc_id, r) for doc_id, refs in items for r in refs])

    def _insert_refs(self, stored: list[_Stored]) -> None:
        """Insert references in their stored form, ids in one run."""
        if not stored:
            return
        next_id = self._conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM refs").fetchone()[0]
        ids = range(next_id, next_id + len(stored))
        self._conn.executemany(f"INSERT INTO refs (id, {_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                               [(i, *row) for i, (row, _, _) in zip(ids, stored)])
        self._index_refs(zip(ids, stored))

    def _index_refs(self, items: Iterable[tuple[int, _Stored]]) -> None:
        """Fill ref_targets and ref_keys for references stored as ``ids``."""
        targets: list[tuple[int, str, str]] = []
        keys: list[tuple[int, str, str]] = []
        for ref_id, (_, units, cited) in items:
            if units:
                targets += [(ref_id, doc_id, unit) for doc_id, unit in units]
            if cited:
                keys += [(ref_id, key, edge) for key, edge in cited]
        if targets:
            self._conn.executemany("INSERT INTO ref_targets (ref_id, doc_id, node_id) VALUES (?, ?, ?)",
                                   targets)
        if keys:
            self._conn.executemany("INSERT INTO ref_keys (ref_id, key, edge) VALUES (?, ?, ?)", keys)

    def _refs_leading_to(self, docs: list[Document], index: LibraryIndex) -> list[int]:
        """Ids of other documents' references that ``docs`` (just imported) may resolve:
        unresolved or inexact ones citing their titles or numbers, and those leading to them
        (a re-import) or to another version of them."""
        keys: set[str] = set()
        edges: list[tuple[str, str]] = []
        targets: set[str] = set()
        for doc in docs:
            own = stored_keys(doc.title)
            keys.update(own)
            keys.update(volume_keys(doc.title))
            if doc.doc_number:
                keys.add(_NUMBER + identity_key(doc.doc_number))
            if own and len(own[0]) >= 8:
                edges.append((_edge(own[0]), own[0]))
            targets.add(doc.id)
            targets.update(index.versions(doc.id))  # other versions of it
        conn = self._conn
        found = {r[0] for r in _select_in(conn, "SELECT ref_id FROM ref_keys WHERE key IN ({})", sorted(keys))}
        wanted: dict[str, list[str]] = {}
        for edge, key in edges:
            wanted.setdefault(edge, []).append(key)
        for ref_id, edge, key in _select_in(conn, "SELECT ref_id, edge, key FROM ref_keys WHERE edge IN ({})",
                                            sorted(wanted)):  # inexact: only titles close enough count
            if any(abs(len(key) - len(own)) <= 3 and _close(key, own) for own in wanted[edge]):
                found.add(ref_id)
        found.update(r[0] for r in _select_in(conn, "SELECT id FROM refs WHERE target_doc_id IN ({})",
                                              sorted(targets)))
        own_ids = {d.id for d in docs}  # resolved just now, with everything these docs know
        kinds = sorted(DOCUMENT_KINDS)
        return [r[0] for r in _select_in(conn, f"SELECT id, doc_id FROM refs WHERE id IN ({{}})"
                                         f" AND kind IN ({','.join('?' * len(kinds))})", sorted(found), after=kinds)
                if r[1] not in own_ids]

    def _reresolve(self, ref_ids: Iterable[int], index: LibraryIndex) -> None:
        """Resolve the stored references ``ref_ids`` again against ``index``; update rows."""
        ids = sorted(set(ref_ids))
        if not ids:
            return
        by_doc: dict[str, list[tuple[int, Ref]]] = {}
        for row in _select_in(self._conn, f"SELECT r.id, {_SELECT} FROM refs r WHERE r.id IN ({{}})", ids):
            by_doc.setdefault(row[1], []).append((row[0], _ref(row[1:])))
        updates: list[tuple[Any, ...]] = []
        done: list[tuple[int, _Stored]] = []
        for doc_id, items in by_doc.items():
            doc = self._citing_stub(doc_id, {r.node_id for _, r in items})
            if doc is None:
                continue
            again = resolve([r for _, r in items], doc, index)
            for (ref_id, _), ref in zip(items, again):
                form = _stored(doc_id, ref)
                updates.append((*form[0][8:], ref_id))
                done.append((ref_id, form))
        self._conn.executemany(
            "UPDATE refs SET target_doc_id = ?, target_node_id = ?, resolved = ?, exact = ?,"
            " note = ?, data = ? WHERE id = ?", updates)
        gone = [(ref_id,) for ref_id, _ in done]
        self._conn.executemany("DELETE FROM ref_targets WHERE ref_id = ?", gone)
        self._conn.executemany("DELETE FROM ref_keys WHERE ref_id = ?", gone)
        self._index_refs(done)

    def _citing_stub(self, doc_id: str, node_ids: set[str | None]) -> Document | None:
        """Enough of a stored citing document to resolve its references to other documents
        again (see ``_Waiting.citing``), from its rows."""
        row = self._conn.execute("SELECT title, doc_number, issued, effective, front_matter"
                                 " FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        from reader.store.repository import _date

        texts = dict(_select_in(self._conn, "SELECT node_id, text FROM nodes WHERE doc_id = ? AND node_id IN ({})",
                                sorted(n for n in node_ids if n), before=(doc_id,)))
        return _citing_document(doc_id, (row[0], row[1], _date(row[2]), _date(row[3]), row[4] or ""), texts)


@dataclass
class _Waiting:
    """A just-imported document's references to other documents, waiting for the flush.

    The references within the document are kept as the rows they will be; the citing
    document only as the few texts resolution reads (``citing``)."""

    id: str
    head: tuple[Any, ...]  # title, doc number, issued, effective, front matter
    own: tuple[_Stored, ...]  # the references within the document, resolved
    texts: dict[str, str]  # the units holding pinpointed references to other documents
    refs: tuple[Ref, ...]  # the references to other documents, as detected

    @classmethod
    def of(cls, doc: Document, own: list[Ref], refs: list[Ref]) -> _Waiting:
        holding = {r.node_id for r in refs if r.node_id and r.pinpoint}  # (only a pinpoint reads them)
        texts: dict[str, str] = {}
        stack = list(doc.nodes) if holding else []
        while stack and len(texts) < len(holding):
            node = stack.pop()
            if node.id in holding:
                texts[node.id] = node.text
            stack.extend(node.children)
        return cls(doc.id, (doc.title, doc.doc_number, doc.issued, doc.effective, doc.front_matter),
                   tuple(_stored(doc.id, r) for r in own), texts, tuple(refs))

    def citing(self) -> Document:
        """What resolving references to other documents reads of the citing one: its dates,
        front matter and the units holding them (the words after a pinpoint are checked
        against a later version of the target) — not the whole tree."""
        return _citing_document(self.id, self.head, self.texts)


def _citing_document(doc_id: str, head: tuple[Any, ...], texts: dict[str, str]) -> Document:
    """A stand-in for a citing document: ``head`` (title, doc number, issued, effective,
    front matter) and the texts of the units holding its references."""
    title, number, issued, effective, front = head
    nodes = [Node(id=node_id, kind=NodeKind.TEXT, text=text) for node_id, text in texts.items()]
    return Document(title=title, nodes=nodes, doc_number=number, issued=issued, effective=effective,
                    front_matter=front, id=doc_id)


#: refs columns a Ref is rebuilt from (``_ref``), the citing document's id first.
_SELECT = ("r.doc_id, r.node_id, r.span_start, r.span_end, r.text, r.kind, r.target_title,"
           " r.target_doc_number, r.target_doc_id, r.target_node_id, r.resolved, r.exact, r.note, r.data")


def _row(doc_id: str, ref: Ref) -> tuple[Any, ...]:
    """The refs row of a Ref: columns, then in ``data`` (JSON) only what has no column."""
    return (doc_id, ref.node_id, ref.start, ref.end, ref.text, ref.kind, ref.target_title,
            ref.target_doc_number, ref.target_doc_id, ref.target_node_id, int(ref.resolved),
            int(ref.exact), ref.note, _data(ref))


#: A reference as stored: its refs row (``_row``), the units of a range after the first
#: ((doc_id, node_id) for ref_targets) and the keys it may resolve under ((key, edge) for
#: ref_keys) — plain values, which the garbage collector does not track.
_Stored = tuple[tuple[Any, ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


def _stored(doc_id: str, ref: Ref) -> _Stored:
    units: tuple[tuple[str, str], ...] = ()
    if ref.resolved and len(ref.target_node_ids) > 1 and ref.target_doc_id:
        units = tuple((ref.target_doc_id, u) for u in dict.fromkeys(ref.target_node_ids)
                      if u != ref.target_node_id)
    keys: tuple[tuple[str, str], ...] = ()
    if ref.kind in DOCUMENT_KINDS and (not ref.resolved or not ref.exact):
        if ref.target_title:
            keys = tuple((k, _edge(k) if i == 0 else "") for i, k in enumerate(cited_keys(ref.target_title)))
        if ref.target_doc_number:
            keys += ((_NUMBER + identity_key(ref.target_doc_number), ""),)
    return _row(doc_id, ref), units, keys


def _data(ref: Ref) -> str:
    """The JSON of a Ref's other fields, written out directly: an import stores tens of
    thousands, and a general encoder spends more on them than resolving them costs."""
    parts: list[str] = []
    if ref.pinpoint:
        parts.append('"pins":' + _pins(ref.pinpoint))
    if ref.pinpoint_end:
        parts.append('"pins_end":' + _pins(ref.pinpoint_end))
    if ref.target_node_ids:
        parts.append('"target_node_ids":[' + ",".join(map(_string, ref.target_node_ids)) + "]")
    if ref.nearest_node_id:
        parts.append('"nearest_node_id":' + _string(ref.nearest_node_id))
    if ref.scope:
        parts.append('"scope":' + _string(ref.scope))
    if ref.hint:
        parts.append('"hint":' + _string(ref.hint))
    return "{" + ",".join(parts) + "}"


def _pins(pins: Pinpoint) -> str:
    """[["article",17,0],…]: a Pin's unit is one of the fixed names in reader.core.refs.model."""
    return "[" + ",".join(['["%s",%d,%d]' % pin for pin in pins]) + "]"


def _ref(row: tuple[Any, ...]) -> Ref:
    """The inverse of ``_row`` (a row selected with ``_SELECT``)."""
    extra = json.loads(row[13]) if row[13] != "{}" else {}
    return Ref(node_id=row[1], start=row[2], end=row[3], text=row[4], kind=row[5],
               target_title=row[6], target_doc_number=row[7],
               pinpoint=tuple(Pin(*p) for p in extra.get("pins", ())),
               pinpoint_end=tuple(Pin(*p) for p in extra.get("pins_end", ())),
               target_doc_id=row[8], target_node_id=row[9],
               target_node_ids=tuple(extra.get("target_node_ids", ())),
               resolved=bool(row[10]), exact=bool(row[11]), note=row[12] or "",
               nearest_node_id=extra.get("nearest_node_id"), scope=extra.get("scope", ""),
               hint=extra.get("hint", ""))


def _select_in(conn: sqlite3.Connection, sql: str, values: list[Any], before: Iterable[Any] = (),
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


def _edge(key: str) -> str:
    return key[:2] + key[-2:] if len(key) >= 8 else ""


def _stub(issued: str | None, front_matter: str | None) -> Any:
    """What ``version_date`` reads of a document, from its row."""
    from reader.store.repository import _date

    return SimpleNamespace(issued=_date(issued), front_matter=front_matter or "")


def _unit_text(conn: sqlite3.Connection, doc_id: str, node_id: str) -> str | None:
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
