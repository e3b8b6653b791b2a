"""Rows ↔ model: the only place that knows how a Document is laid out in SQLite.

Nodes are stored flat, one row each, with their parent's id and their position in a
pre-order walk, so a document's tree is rebuilt with one ordered query and annotations
(later) can point at ``(doc_id, node_id)`` directly.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

from reader.core.lineage import VersionFacts, content_hash, title_key, version_facts
from reader.core.model import Document, Node, NodeKind, Source

_DOC_COLUMNS = (
    "id, title, kind, doc_number, issuer, issued, effective, expires, status, "
    "source_file, source_sha256, source_format, front_matter, warnings, imported, updated"
)


@dataclass(frozen=True)
class DocumentSummary:
    """What a library listing shows: metadata without the node tree (cheap to load)."""

    id: str
    title: str
    kind: str
    doc_number: str | None
    issuer: str | None
    issued: date | None
    effective: date | None
    status: str
    source: Source
    lineage: str = ""  # id of the document's first version: versions share it
    version: str = ""  # 2023年12月29日修订
    versions: int = 1  # how many versions the library holds
    current: bool = True

    def to_json(self) -> dict[str, Any]:
        """The entry of ``list --json`` (a public format: keep keys stable)."""
        return {
            "lineage": self.lineage or self.id,
            "version": self.version,
            "versions": self.versions,
            "current": self.current,
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "issued": _iso(self.issued),
            "effective": _iso(self.effective),
            "status": self.status,
            "source": self.source.to_json(),
        }


def get_source(conn: sqlite3.Connection, doc_id: str) -> Source | None:
    """The stored source of a document, or None if the id is not in the library."""
    row = conn.execute(
        "SELECT source_file, source_sha256, source_format FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    return Source(row[0], row[1], row[2]) if row else None


def save_document(conn: sqlite3.Connection, doc: Document, now: str) -> bool:
    """Insert or update ``doc`` in place; return True if it was new.

    An existing row is UPDATEd, never deleted and re-inserted (the row keeps its first
    import time).  The node rows are replaced wholesale; annotations and links point at
    ``(doc_id, node_id)`` without a foreign key, so nothing of the user's is touched here
    (the library re-anchors them afterwards, in the same transaction).  Call inside a
    transaction.
    """
    values = (
        doc.title,
        doc.kind,
        doc.doc_number,
        doc.issuer,
        _iso(doc.issued),
        _iso(doc.effective),
        _iso(doc.expires),
        doc.status or "",
        doc.source.file,
        doc.source.sha256,
        doc.source.format,
        doc.front_matter or "",
        json.dumps(list(doc.warnings), ensure_ascii=False),
    )
    cur = conn.execute(
        "UPDATE documents SET title = ?, kind = ?, doc_number = ?, issuer = ?, issued = ?,"
        " effective = ?, expires = ?, status = ?, source_file = ?, source_sha256 = ?,"
        " source_format = ?, front_matter = ?, warnings = ?, updated = ? WHERE id = ?",
        (*values, now, doc.id),
    )
    is_new = cur.rowcount == 0
    if is_new:
        conn.execute(
            f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES ({', '.join('?' * 16)})",
            (doc.id, *values, now, now),
        )
        conn.execute("UPDATE documents SET lineage = id, import_seq ="
                     " (SELECT COALESCE(MAX(import_seq), 0) + 1 FROM documents) WHERE id = ?",
                     (doc.id,))
    else:
        conn.execute("DELETE FROM nodes WHERE doc_id = ?", (doc.id,))
    facts = version_facts(doc.front_matter or "", doc.issued, doc.effective)
    conn.execute("UPDATE documents SET version_date = ?, version_verb = ?, in_force_from = ?,"
                 " content_hash = ?, title_key = ? WHERE id = ?",
                 (_iso(facts.date), facts.verb, _iso(facts.effective), content_hash(doc),
                  title_key(doc.title), doc.id))
    conn.executemany(
        "INSERT INTO nodes (doc_id, node_id, parent_id, ord, kind, label, number, heading, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _node_rows(doc),
    )
    return is_new


def _node_rows(doc: Document) -> Iterator[tuple[Any, ...]]:
    """Pre-order rows; iterative so a deeply nested tree cannot hit the recursion limit."""
    stack: list[tuple[Node, str | None]] = [(n, None) for n in reversed(doc.nodes)]
    ord_ = 0
    while stack:
        node, parent_id = stack.pop()
        kind = node.kind.value if isinstance(node.kind, NodeKind) else str(node.kind)
        yield (doc.id, node.id, parent_id, ord_, kind, node.label or "", node.number,
               node.heading or "", node.text or "")
        ord_ += 1
        stack.extend((child, node.id) for child in reversed(node.children))


def load_document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    """Rebuild a Document with its full node tree, or None if the id is unknown."""
    row = conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    (id_, title, kind, doc_number, issuer, issued, effective, expires, status,
     source_file, source_sha256, source_format, front_matter, warnings, _imported, _updated) = row
    doc = Document(
        id=id_,
        title=title,
        kind=kind,
        doc_number=doc_number,
        issuer=issuer,
        issued=_date(issued),
        effective=_date(effective),
        expires=_date(expires),
        status=status,
        source=Source(source_file, source_sha256, source_format),
        front_matter=front_matter,
        warnings=list(json.loads(warnings or "[]")),
    )
    by_id: dict[str, Node] = {}
    for node_id, parent_id, kind_, label, number, heading, text in conn.execute(
        "SELECT node_id, parent_id, kind, label, number, heading, text FROM nodes"
        " WHERE doc_id = ? ORDER BY ord",
        (doc_id,),
    ):
        node = Node(id=node_id, kind=NodeKind(kind_), label=label, number=number,
                    heading=heading, text=text)
        by_id[node_id] = node
        parent = by_id.get(parent_id) if parent_id is not None else None
        (parent.children if parent is not None else doc.nodes).append(node)
    return doc


def list_summaries(conn: sqlite3.Connection, doc_id: str | None = None,
                   current_only: bool = False) -> list[DocumentSummary]:
    """All documents (or the one ``doc_id``; or only the current version of each), newest
    issue date first, undated last."""
    where, params = ("WHERE d.id = ?", (doc_id,)) if doc_id is not None else ("", ())
    if current_only:
        where += (" AND" if where else "WHERE") + " d.is_current = 1"
    rows = conn.execute(
        "SELECT d.id, d.title, d.kind, d.doc_number, d.issuer, d.issued, d.effective, d.status,"
        " d.source_file, d.source_sha256, d.source_format, COALESCE(d.lineage, d.id),"
        " d.version_date, d.version_verb, d.is_current,"
        " (SELECT COUNT(*) FROM documents v WHERE v.lineage = d.lineage)"
        f" FROM documents d {where}"
        " ORDER BY d.issued IS NULL, d.issued DESC, d.title, d.version_date DESC, d.id",
        params,
    ).fetchall()
    return [
        DocumentSummary(
            id=r[0], title=r[1], kind=r[2], doc_number=r[3], issuer=r[4],
            issued=_date(r[5]), effective=_date(r[6]), status=r[7],
            source=Source(r[8], r[9], r[10]), lineage=r[11],
            version=version_label(_date(r[12]), r[13] or ""), versions=max(1, r[15]),
            current=bool(r[14]),
        )
        for r in rows
    ]


def version_label(made: date | None, verb: str) -> str:
    return VersionFacts(made, verb, None).label


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None
