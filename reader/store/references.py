"""The Library's cross-references: what each document cites, and what cites it.

Mixed into :class:`reader.store.library.Library`.  References are *derived* data
(reader.core.refs detects and resolves them from the text), stored in the ``refs``,
``ref_targets`` and ``ref_keys`` tables (schema migration 3) and rebuilt from the documents
whenever needed (``rebuild_refs``; also automatically when ``REFS_VERSION`` changes).

* Import: a document's references are detected and resolved in the same transaction as the
  document; then the references of *other* documents that may lead to it — unresolved or
  inexact ones whose cited title or doc number matches it (``ref_keys``), and those leading to
  another version of it or to an earlier import of it — are resolved again, so an external
  reference resolves by itself when its target arrives later.
* Remove: the document's own references go with it (foreign key); references to it are
  resolved again (to another version, or left unresolved with their title and pinpoint).
* ``cited_by`` answers from the ``ref_targets`` index (never by scanning texts).

The in-memory :class:`~reader.core.refs.LibraryIndex` (titles and doc numbers → ids) is
built on first use from the documents table and kept in step by import and remove.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
from reader.core.refs.model import DOCUMENT_KINDS
from reader.core.refs.titles import cited_keys, inexact_score, stored_keys, volume_keys

if TYPE_CHECKING:
    import threading

    from reader.store.library import _Transaction

#: Bump when detection or resolution changes what is stored: libraries rebuild their refs.
REFS_VERSION = "1"
_META_KEY = "refs_version"
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
        False.  Answered from the ``ref_targets`` index."""
        with self._lock:
            full_id = self._resolve(doc_id)
            self._refs_ready()
            where = "t.doc_id = ?"
            params: list[Any] = [full_id]
            if node_id:
                # the unit and everything inside it (ids nest: art_17 ⊃ art_17__para_2)
                where += " AND (t.node_id = ? OR (t.node_id >= ? AND t.node_id < ?))"
                params += [node_id, node_id + "__", node_id + "_`"]
            if not include_self:
                where += " AND r.doc_id != ?"
                params.append(full_id)
            rows = self._conn.execute(
                "SELECT DISTINCT r.id, r.doc_id, d.title, r.node_id, r.span_start, r.span_end,"
                " r.text, r.kind, r.target_node_id, r.exact, n.ord"
                " FROM ref_targets t JOIN refs r ON r.id = t.ref_id"
                " JOIN documents d ON d.id = r.doc_id"
                " LEFT JOIN nodes n ON n.doc_id = r.doc_id AND n.node_id = r.node_id"
                f" WHERE {where}"
                " ORDER BY r.doc_id != ?, d.issued IS NULL, d.issued DESC, d.title, r.doc_id,"
                " n.ord IS NOT NULL, n.ord, r.span_start", (*params, full_id)).fetchall()
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
        ids = sorted(set(doc_ids))
        out: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                out.update(self._conn.execute(
                    f"SELECT id, title FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk).fetchall())
        return out

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
        """Detect and resolve every document's references again, from the stored documents
        (one transaction); returns how many references were stored."""
        with self._lock, self._transaction():
            return self._rebuild_refs(progress)

    # -- hooks called by Library (inside its transaction, lock held) ---------------------

    def _refs_imported(self, docs: list[Document]) -> None:
        """``docs`` were just saved (added or re-imported): store their references and
        resolve again the references elsewhere that may now lead to them."""
        if not self.refs_enabled or not docs:
            return
        try:
            if not self._refs_ready(in_transaction=True):
                return  # rebuilt whole just now, these documents included
            index = self._ref_index()
            hot = getattr(self, "_refs_hot", None)
            self._refs_hot = {d.id: d for d in docs}
            try:
                for doc in docs:
                    index.add(doc.id, doc.title, doc.doc_number, version_date(doc))
                for doc in docs:
                    self._conn.execute("DELETE FROM refs WHERE doc_id = ?", (doc.id,))
                    self._store_refs(doc.id, resolve(detect(doc), doc, index))
                self._reresolve(self._refs_leading_to(docs, index), index)
            finally:
                self._refs_hot = hot
        except BaseException:
            self._refs_index = None  # rebuilt from the database on next use
            raise

    def _refs_removed(self, doc_id: str) -> None:
        """``doc_id`` was just deleted (its refs went with it): re-resolve those leading to it."""
        if not self.refs_enabled:
            return
        try:
            if not self._refs_ready(in_transaction=True):
                return
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

    def _refs_ready(self, in_transaction: bool = False) -> bool:
        """Make sure the stored references are current; False when they were just rebuilt."""
        if getattr(self, "_refs_current", False):
            return True
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
        if row and row[0] == REFS_VERSION:
            self._refs_current = True
            return True
        if in_transaction:
            self._rebuild_refs(None)
        else:
            with self._transaction():
                self._rebuild_refs(None)
        return False

    def _rebuild_refs(self, progress: Callable[[int, int], None] | None) -> int:
        from reader.store import repository

        self._conn.execute("DELETE FROM refs")  # ref_targets and ref_keys follow (cascade)
        self._refs_index = None
        index = self._ref_index()
        ids = [r[0] for r in self._conn.execute("SELECT id FROM documents ORDER BY id")]
        total = 0
        for n, doc_id in enumerate(ids):
            doc = repository.load_document(self._conn, doc_id)
            if doc is not None:
                refs = resolve(detect(doc), doc, index)
                self._store_refs(doc_id, refs)
                total += len(refs)
            if progress is not None:
                progress(n + 1, len(ids))
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           (_META_KEY, REFS_VERSION))
        self._refs_current = True
        return total

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
            return [n.id for n in hot[doc_id].walk()]
        return [r[0] for r in self._conn.execute(
            "SELECT node_id FROM nodes WHERE doc_id = ? ORDER BY ord", (doc_id,))]

    def _ref_text(self, doc_id: str, node_id: str) -> str | None:
        hot = getattr(self, "_refs_hot", None) or {}
        if doc_id in hot:
            node = hot[doc_id].find(node_id)
            return node.full_text() if node is not None else None
        return _unit_text(self._conn, doc_id, node_id)

    def _store_refs(self, doc_id: str, refs: Iterable[Ref]) -> None:
        refs = list(refs)
        if not refs:
            return
        first = self._conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM refs").fetchone()[0]
        ids = range(first, first + len(refs))
        self._conn.executemany(
            f"INSERT INTO refs (id, {_COLUMNS}) VALUES ({', '.join('?' * 15)})",
            [(i, *_row(doc_id, r)) for i, r in zip(ids, refs)])
        self._index_refs(zip(ids, refs))

    def _index_refs(self, items: Iterable[tuple[int, Ref]]) -> None:
        """Fill ref_targets (resolved) and ref_keys (unresolved or inexact, to other documents)."""
        targets: list[tuple[int, str, str]] = []
        keys: list[tuple[int, str, str]] = []
        for ref_id, ref in items:
            if ref.resolved and ref.target_doc_id:
                units = ref.target_node_ids or (ref.target_node_id or "",)
                targets += [(ref_id, ref.target_doc_id, u or "") for u in dict.fromkeys(units)]
            if ref.kind in DOCUMENT_KINDS and (not ref.resolved or not ref.exact):
                if ref.target_title:
                    cited = cited_keys(ref.target_title)
                    keys += [(ref_id, k, _edge(k) if i == 0 else "") for i, k in enumerate(cited)]
                if ref.target_doc_number:
                    keys.append((ref_id, _NUMBER + identity_key(ref.target_doc_number), ""))
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
            same = index.find(title=doc.title)  # other versions of it (same title)
            if same is not None and same.how == "title":
                targets.update(same.doc_ids)
        found: set[int] = set()
        q = self._conn.execute
        for key in keys:
            found.update(r[0] for r in q("SELECT ref_id FROM ref_keys WHERE key = ?", (key,)))
        for edge, key in edges:  # inexact: only titles close enough to count
            n = len(key)
            found.update(r[0] for r in q("SELECT ref_id, key FROM ref_keys WHERE edge = ?"
                                         " AND length(key) BETWEEN ? AND ?", (edge, n - 3, n + 3))
                         if _close(r[1], key))
        for target in targets:
            found.update(r[0] for r in q("SELECT id FROM refs WHERE target_doc_id = ?", (target,)))
        own_ids = {d.id for d in docs}
        kinds = sorted(DOCUMENT_KINDS)
        out: list[int] = []
        ids = sorted(found)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            out += [r[0] for r in q(
                f"SELECT id, doc_id FROM refs WHERE id IN ({','.join('?' * len(chunk))})"
                f" AND kind IN ({','.join('?' * len(kinds))})", (*chunk, *kinds))
                if r[1] not in own_ids]
        return out

    def _reresolve(self, ref_ids: Iterable[int], index: LibraryIndex) -> None:
        """Resolve the stored references ``ref_ids`` again against ``index``; update rows."""
        ids = sorted(set(ref_ids))
        if not ids:
            return
        by_doc: dict[str, list[tuple[int, Ref]]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for row in self._conn.execute(
                    f"SELECT r.id, {_SELECT} FROM refs r WHERE r.id IN ({','.join('?' * len(chunk))})", chunk):
                by_doc.setdefault(row[1], []).append((row[0], _ref(row[1:])))
        updates: list[tuple[Any, ...]] = []
        done: list[tuple[int, Ref]] = []
        for doc_id, items in by_doc.items():
            doc = self._citing_stub(doc_id, {r.node_id for _, r in items})
            if doc is None:
                continue
            again = resolve([r for _, r in items], doc, index)
            for (ref_id, _), ref in zip(items, again):
                updates.append((*_row(doc_id, ref)[8:], ref_id))
                done.append((ref_id, ref))
        self._conn.executemany(
            "UPDATE refs SET target_doc_id = ?, target_node_id = ?, resolved = ?, exact = ?,"
            " note = ?, data = ? WHERE id = ?", updates)
        gone = [(ref_id,) for ref_id, _ in done]
        self._conn.executemany("DELETE FROM ref_targets WHERE ref_id = ?", gone)
        self._conn.executemany("DELETE FROM ref_keys WHERE ref_id = ?", gone)
        self._index_refs(done)

    def _citing_stub(self, doc_id: str, node_ids: set[str | None]) -> Document | None:
        """Enough of a citing document to resolve its external references again: its dates,
        front matter and the texts of the units holding them (not the whole tree)."""
        row = self._conn.execute("SELECT title, doc_number, issued, effective, front_matter"
                                 " FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        from reader.store.repository import _date

        wanted = sorted(n for n in node_ids if n)
        nodes: list[Node] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            nodes += [Node(id=r[0], kind=NodeKind.TEXT, text=r[1]) for r in self._conn.execute(
                f"SELECT node_id, text FROM nodes WHERE doc_id = ? AND node_id IN"
                f" ({','.join('?' * len(chunk))})", (doc_id, *chunk))]
        return Document(title=row[0], nodes=nodes, doc_number=row[1], issued=_date(row[2]),
                        effective=_date(row[3]), front_matter=row[4] or "", id=doc_id)


#: refs columns a Ref is rebuilt from (``_ref``), the citing document's id first.
_SELECT = ("r.doc_id, r.node_id, r.span_start, r.span_end, r.text, r.kind, r.target_title,"
           " r.target_doc_number, r.target_doc_id, r.target_node_id, r.resolved, r.exact, r.note, r.data")


def _row(doc_id: str, ref: Ref) -> tuple[Any, ...]:
    """The refs row of a Ref: columns, then in ``data`` (JSON) only what has no column."""
    extra: dict[str, Any] = {}
    if ref.pinpoint:
        extra["pins"] = [list(p) for p in ref.pinpoint]
    if ref.pinpoint_end:
        extra["pins_end"] = [list(p) for p in ref.pinpoint_end]
    if ref.target_node_ids:
        extra["target_node_ids"] = list(ref.target_node_ids)
    if ref.nearest_node_id:
        extra["nearest_node_id"] = ref.nearest_node_id
    if ref.scope:
        extra["scope"] = ref.scope
    if ref.hint:
        extra["hint"] = ref.hint
    return (doc_id, ref.node_id, ref.start, ref.end, ref.text, ref.kind, ref.target_title,
            ref.target_doc_number, ref.target_doc_id, ref.target_node_id, int(ref.resolved),
            int(ref.exact), ref.note, json.dumps(extra, ensure_ascii=False) if extra else "{}")


def _ref(row: tuple[Any, ...]) -> Ref:
    """The inverse of ``_row`` (a row selected with ``_SELECT``)."""
    extra = json.loads(row[13]) if row[13] and row[13] != "{}" else {}
    return Ref(node_id=row[1], start=row[2], end=row[3], text=row[4], kind=row[5],
               target_title=row[6], target_doc_number=row[7],
               pinpoint=tuple(Pin(*p) for p in extra.get("pins", ())),
               pinpoint_end=tuple(Pin(*p) for p in extra.get("pins_end", ())),
               target_doc_id=row[8], target_node_id=row[9],
               target_node_ids=tuple(extra.get("target_node_ids", ())),
               resolved=bool(row[10]), exact=bool(row[11]), note=row[12] or "",
               nearest_node_id=extra.get("nearest_node_id"), scope=extra.get("scope", ""),
               hint=extra.get("hint", ""))


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
