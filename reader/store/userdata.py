"""Rows ↔ annotations, links, categories and the anchor log (schema migration 2), replies
and the status log (migration 5).

Only SQL lives here; every function runs inside the caller's transaction (the Library
opens one per user edit).  Nothing is ever deleted: ``deleted`` holds the time of a soft
delete, and restoring clears it.
"""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any, Iterable

from reader.core.anchoring import Anchor
from reader.core.annotations import (DEFAULT_CATEGORIES, Annotation, Category, Link, LinkEnd,
                                     Reply, StatusChange, index_version)

_ANN_COLUMNS = (
    "a.id, a.doc_id, a.node_id, a.span_start, a.span_end, a.quote, a.prefix, a.suffix,"
    " a.node_hash, a.kind, a.category, a.note, a.status, a.author, a.created, a.modified,"
    " a.deleted, a.anchor_state, a.anchor_method, a.anchor_score"
)
_END = ("doc", "node", "start", "end", "quote", "prefix", "suffix", "hash", "state", "method",
        "score")
_LINK_COLUMNS = ", ".join([f"l.src_{c}" for c in _END] + [f"l.dst_{c}" for c in _END]
                          + ["l.id", "l.relation", "l.note", "l.author", "l.created",
                             "l.modified", "l.deleted"])
#: Meta key counting user-data writes (backups are taken when it moved).
USER_DATA_REV = "user_data_rev"


def bump_revision(conn: sqlite3.Connection) -> int:
    """Count one more user-data write (inside its transaction); returns the new count."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE"
        " SET value = CAST(value AS INTEGER) + 1", (USER_DATA_REV,))
    return revision(conn)


def revision(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (USER_DATA_REV,)).fetchone()
    return int(row[0]) if row else 0


# -- categories ---------------------------------------------------------------------------


def seed_categories(conn: sqlite3.Connection, when: str) -> None:
    """The default categories, once per library (a user who deletes them keeps that)."""
    if conn.execute("SELECT 1 FROM meta WHERE key = 'categories_seeded'").fetchone():
        return
    for n, cat in enumerate(DEFAULT_CATEGORIES, 1):
        conn.execute("INSERT OR IGNORE INTO categories (name, color, meaning, ord, modified)"
                     " VALUES (?, ?, ?, ?, ?)", (cat.name, cat.color, cat.meaning, n, when))
    conn.execute("INSERT INTO meta (key, value) VALUES ('categories_seeded', ?)", (when,))


def list_categories(conn: sqlite3.Connection, include_deleted: bool = False) -> list[Category]:
    where = "" if include_deleted else "WHERE deleted IS NULL"
    rows = conn.execute(f"SELECT name, color, meaning FROM categories {where} ORDER BY ord, name")
    return [Category(*r) for r in rows]


def category_row(conn: sqlite3.Connection, name: str) -> tuple[Any, ...] | None:
    return conn.execute("SELECT name, color, meaning, ord, deleted FROM categories WHERE name = ?",
                        (name,)).fetchone()


def put_category(conn: sqlite3.Connection, cat: Category, when: str, ord_: int | None = None) -> None:
    row = category_row(conn, cat.name)
    if row is None:
        if ord_ is None:
            ord_ = (conn.execute("SELECT MAX(ord) FROM categories").fetchone()[0] or 0) + 1
        conn.execute("INSERT INTO categories (name, color, meaning, ord, modified) VALUES (?, ?, ?, ?, ?)",
                     (cat.name, cat.color, cat.meaning, ord_, when))
    else:
        conn.execute("UPDATE categories SET color = ?, meaning = ?, modified = ?, deleted = NULL,"
                     " ord = COALESCE(?, ord) WHERE name = ?",
                     (cat.color, cat.meaning, when, ord_, cat.name))


def rename_category(conn: sqlite3.Connection, old: str, new: str, when: str) -> int:
    """Rename, carrying the annotations along; returns how many annotations changed."""
    conn.execute("UPDATE categories SET name = ?, modified = ? WHERE name = ?", (new, when, old))
    return conn.execute("UPDATE annotations SET category = ?, modified = ? WHERE category = ?",
                        (new, when, old)).rowcount


def set_category_deleted(conn: sqlite3.Connection, name: str, deleted: str | None, when: str) -> None:
    conn.execute("UPDATE categories SET deleted = ?, modified = ? WHERE name = ?", (deleted, when, name))


def category_usage(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT category, COUNT(*) FROM annotations WHERE deleted IS NULL"
                        " GROUP BY category")
    return {r[0]: r[1] for r in rows}


# -- annotations --------------------------------------------------------------------------


def _annotation(row: tuple[Any, ...], tags: tuple[str, ...], present: bool) -> Annotation:
    (id_, doc_id, node_id, start, end, quote, prefix, suffix, node_hash, kind, category, note,
     status, author, created, modified, deleted, state, method, score) = row
    return Annotation(id_, doc_id, node_id, start, end, quote, prefix, suffix, node_hash, kind,
                      category, note, tags, status, author, created, modified, deleted, state,
                      method, float(score), present)


def _tags(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        rows = conn.execute(
            f"SELECT annotation_id, tag FROM annotation_tags WHERE annotation_id IN"
            f" ({', '.join('?' * len(part))}) ORDER BY annotation_id, ord", part)
        for ann_id, tag in rows:
            out.setdefault(ann_id, []).append(tag)
    return {k: tuple(v) for k, v in out.items()}


def list_annotations(conn: sqlite3.Connection, doc_id: str | None = None,
                     deleted: bool | None = False, ids: Iterable[str] | None = None,
                     orphans_only: bool = False) -> list[Annotation]:
    """Annotations (of one document), in document order where the document is present.

    ``deleted`` False: live ones; True: soft-deleted ones only; None: both."""
    where, params = _filters("a", deleted, ids)
    if where is None:
        return []
    if doc_id is not None:
        where.append("a.doc_id = ?")
        params.append(doc_id)
    if orphans_only:
        where.append("(a.anchor_state = 'orphan' OR d.id IS NULL)")
    sql = (f"SELECT {_ANN_COLUMNS}, d.id IS NOT NULL FROM annotations a"
           " LEFT JOIN documents d ON d.id = a.doc_id"
           " LEFT JOIN nodes n ON n.doc_id = a.doc_id AND n.node_id = a.node_id"
           f" {'WHERE ' + ' AND '.join(where) if where else ''}"
           " ORDER BY d.title IS NULL, d.title, a.doc_id, n.ord IS NULL, n.ord, a.span_start,"
           " a.created, a.id")
    rows = conn.execute(sql, params).fetchall()
    ids_found = [r[0] for r in rows]
    tags = _tags(conn, ids_found)
    replies = _by_annotation(list_replies(conn, ids_found))
    history = _status_changes(conn, ids_found)
    return [replace(_annotation(r[:-1], tags.get(r[0], ()), bool(r[-1])),
                    replies=replies.get(r[0], ()), status_history=history.get(r[0], ()))
            for r in rows]


def _filters(alias: str, deleted: bool | None, ids: Iterable[str] | None
             ) -> tuple[list[str] | None, list[Any]]:
    """WHERE terms for the deleted state and an id list (None: an empty id list, no rows)."""
    where: list[str] = []
    params: list[Any] = []
    if deleted is not None:
        where.append(f"{alias}.deleted IS {'NOT ' if deleted else ''}NULL")
    if ids is not None:
        id_list = list(ids)
        if not id_list:
            return None, []
        where.append(f"{alias}.id IN ({', '.join('?' * len(id_list))})")
        params.extend(id_list)
    return where, params


def get_annotation(conn: sqlite3.Connection, ann_id: str) -> Annotation | None:
    found = list_annotations(conn, deleted=None, ids=[ann_id])
    return found[0] if found else None


def find_annotation_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    return _ids_starting(conn, "annotations", prefix)


def _ids_starting(conn: sqlite3.Connection, table: str, prefix: str) -> list[str]:
    """Up to two ids of ``table`` starting with ``prefix`` (two: it is ambiguous)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [r[0] for r in conn.execute(
        f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",))]


def put_annotation(conn: sqlite3.Connection, a: Annotation) -> None:
    """Insert or replace the whole annotation (row and tags)."""
    conn.execute(
        "INSERT INTO annotations (id, doc_id, node_id, span_start, span_end, quote, prefix,"
        " suffix, node_hash, kind, category, note, status, author, created, modified, deleted,"
        " anchor_state, anchor_method, anchor_score) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET doc_id = excluded.doc_id, node_id = excluded.node_id,"
        " span_start = excluded.span_start, span_end = excluded.span_end,"
        " quote = excluded.quote, prefix = excluded.prefix, suffix = excluded.suffix,"
        " node_hash = excluded.node_hash, kind = excluded.kind, category = excluded.category,"
        " note = excluded.note, status = excluded.status, author = excluded.author,"
        " created = excluded.created, modified = excluded.modified, deleted = excluded.deleted,"
        " anchor_state = excluded.anchor_state, anchor_method = excluded.anchor_method,"
        " anchor_score = excluded.anchor_score",
        (a.id, a.doc_id, a.node_id, a.start, a.end, a.quote, a.prefix, a.suffix, a.node_hash,
         a.kind, a.category, a.note, a.status, a.author, a.created, a.modified, a.deleted,
         a.anchor_state, a.anchor_method, a.anchor_score),
    )
    conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (a.id,))
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag, ord) VALUES (?, ?, ?)",
                     [(a.id, tag, n) for n, tag in enumerate(a.tags)])


def set_annotation_anchor(conn: sqlite3.Connection, a: Annotation) -> None:
    """Store a re-anchored annotation's place (its document too: a new version) and state
    (not a user edit: ``modified`` stays)."""
    conn.execute(
        "UPDATE annotations SET doc_id = ?, node_id = ?, span_start = ?, span_end = ?, quote = ?,"
        " prefix = ?, suffix = ?, node_hash = ?, anchor_state = ?, anchor_method = ?,"
        " anchor_score = ? WHERE id = ?",
        (a.doc_id, a.node_id, a.start, a.end, a.quote, a.prefix, a.suffix, a.node_hash,
         a.anchor_state, a.anchor_method, a.anchor_score, a.id))


def all_tags(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    rows = conn.execute(
        "SELECT t.tag, COUNT(*) FROM annotation_tags t JOIN annotations a ON a.id = t.annotation_id"
        " WHERE a.deleted IS NULL GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag")
    return [(r[0], r[1]) for r in rows]


def count_annotations(conn: sqlite3.Connection, doc_id: str) -> tuple[int, int]:
    """Live annotations and links touching a document."""
    anns = conn.execute("SELECT COUNT(*) FROM annotations WHERE doc_id = ? AND deleted IS NULL",
                        (doc_id,)).fetchone()[0]
    links = conn.execute("SELECT COUNT(*) FROM links WHERE (src_doc = ? OR dst_doc = ?)"
                         " AND deleted IS NULL", (doc_id, doc_id)).fetchone()[0]
    return anns, links


def searchable_versions(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Live annotations with a note, tags or replies, on documents in the library (what the
    search index holds): id → (doc_id, index version)."""
    rows = conn.execute(
        "SELECT a.id, a.doc_id, a.modified, a.node_id, (SELECT COUNT(*) || '/' || MAX(r.modified)"
        " FROM replies r WHERE r.annotation_id = a.id AND r.deleted IS NULL) FROM annotations a"
        " JOIN documents d ON d.id = a.doc_id"
        " WHERE a.deleted IS NULL AND (a.note != '' OR EXISTS"
        " (SELECT 1 FROM annotation_tags t WHERE t.annotation_id = a.id) OR EXISTS"
        " (SELECT 1 FROM replies r WHERE r.annotation_id = a.id AND r.deleted IS NULL))")
    return {r[0]: (r[1], index_version(r[2], r[1], r[3], r[4] or "")) for r in rows}


def searchable_annotations(conn: sqlite3.Connection, doc_ids: Iterable[str] | None = None,
                           ids: Iterable[str] | None = None) -> list[Annotation]:
    """The annotations ``searchable_versions`` lists, of some documents or by id."""
    found: list[Annotation] = []
    if ids is not None:
        id_list = list(ids)
        for chunk in range(0, len(id_list), 500):
            found += list_annotations(conn, ids=id_list[chunk:chunk + 500])
    for doc_id in doc_ids or ():
        found += list_annotations(conn, doc_id)
    return [a for a in found if a.doc_present and a.searchable_text]


# -- replies and the status log -------------------------------------------------------------

_REPLY_COLUMNS = "r.id, r.annotation_id, r.text, r.author, r.created, r.modified, r.deleted"


def list_replies(conn: sqlite3.Connection, annotation_ids: Iterable[str] | None = None,
                 deleted: bool | None = False, ids: Iterable[str] | None = None) -> list[Reply]:
    """Replies (under some annotations), oldest first; ``deleted`` as for annotations."""
    where, params = _filters("r", deleted, ids)
    if where is None:
        return []
    chunks: list[list[str] | None] = [None]
    if annotation_ids is not None:
        ann_ids = list(annotation_ids)
        chunks = [ann_ids[n:n + 500] for n in range(0, len(ann_ids), 500)]
    found: list[Reply] = []
    for part in chunks:
        terms, values = list(where), list(params)
        if part is not None:
            terms.append(f"r.annotation_id IN ({', '.join('?' * len(part))})")
            values += part
        sql = (f"SELECT {_REPLY_COLUMNS} FROM replies r"
               f" {'WHERE ' + ' AND '.join(terms) if terms else ''} ORDER BY r.created, r.rowid")
        found += [Reply(*row) for row in conn.execute(sql, values)]
    return found


def _by_annotation(replies: list[Reply]) -> dict[str, tuple[Reply, ...]]:
    out: dict[str, list[Reply]] = {}
    for reply in replies:
        out.setdefault(reply.annotation_id, []).append(reply)
    return {k: tuple(v) for k, v in out.items()}


def get_reply(conn: sqlite3.Connection, reply_id: str) -> Reply | None:
    found = list_replies(conn, deleted=None, ids=[reply_id])
    return found[0] if found else None


def find_reply_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    return _ids_starting(conn, "replies", prefix)


def put_reply(conn: sqlite3.Connection, r: Reply) -> None:
    """Insert or replace a reply (its annotation must be in the library)."""
    conn.execute(
        "INSERT INTO replies (id, annotation_id, author, text, created, modified, deleted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
        " annotation_id = excluded.annotation_id, author = excluded.author,"
        " text = excluded.text, created = excluded.created, modified = excluded.modified,"
        " deleted = excluded.deleted",
        (r.id, r.annotation_id, r.author, r.text, r.created, r.modified, r.deleted))


def log_status(conn: sqlite3.Connection, annotation_id: str, change: StatusChange) -> bool:
    """Keep one status change; False when the log has it already (an import's copy)."""
    return conn.execute(
        "INSERT OR IGNORE INTO status_log (annotation_id, status, author, at) VALUES (?, ?, ?, ?)",
        (annotation_id, change.status, change.author, change.at)).rowcount > 0


def _status_changes(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[StatusChange, ...]]:
    out: dict[str, list[StatusChange]] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        rows = conn.execute(
            f"SELECT annotation_id, status, author, at FROM status_log WHERE annotation_id IN"
            f" ({', '.join('?' * len(part))}) ORDER BY at, id", part)
        for ann_id, status, author, at in rows:
            out.setdefault(ann_id, []).append(StatusChange(status, author, at))
    return {k: tuple(v) for k, v in out.items()}


def status_history(conn: sqlite3.Connection, annotation_id: str) -> list[StatusChange]:
    return list(_status_changes(conn, [annotation_id]).get(annotation_id, ()))


# -- links --------------------------------------------------------------------------------


def _end(values: tuple[Any, ...], present: bool) -> LinkEnd:
    doc, node, start, end, quote, prefix, suffix, hash_, state, method, score = values
    return LinkEnd(doc, node, start, end, quote, prefix, suffix, hash_, state, method,
                   float(score), present)


def _link(row: tuple[Any, ...]) -> Link:
    n = len(_END)
    src, dst, rest = row[:n], row[n:2 * n], row[2 * n:]
    id_, relation, note, author, created, modified, deleted, src_present, dst_present = rest
    return Link(id_, _end(src, bool(src_present)), _end(dst, bool(dst_present)), relation, note,
                author, created, modified, deleted)


def list_links(conn: sqlite3.Connection, doc_id: str | None = None, deleted: bool | None = False,
               ids: Iterable[str] | None = None) -> list[Link]:
    where, params = _filters("l", deleted, ids)
    if where is None:
        return []
    if doc_id is not None:
        where.append("(l.src_doc = ? OR l.dst_doc = ?)")
        params += [doc_id, doc_id]
    sql = (f"SELECT {_LINK_COLUMNS},"
           " EXISTS (SELECT 1 FROM documents WHERE id = l.src_doc),"
           " EXISTS (SELECT 1 FROM documents WHERE id = l.dst_doc)"
           f" FROM links l {'WHERE ' + ' AND '.join(where) if where else ''}"
           " ORDER BY l.created, l.id")
    return [_link(r) for r in conn.execute(sql, params)]


def get_link(conn: sqlite3.Connection, link_id: str) -> Link | None:
    found = list_links(conn, deleted=None, ids=[link_id])
    return found[0] if found else None


def find_link_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    return _ids_starting(conn, "links", prefix)


def _end_values(end: LinkEnd) -> tuple[Any, ...]:
    return (end.doc_id, end.node_id, end.start, end.end, end.quote, end.prefix, end.suffix,
            end.node_hash, end.anchor_state, end.anchor_method, end.anchor_score)


def put_link(conn: sqlite3.Connection, link: Link) -> None:
    columns = [f"src_{c}" for c in _END] + [f"dst_{c}" for c in _END] + [
        "id", "relation", "note", "author", "created", "modified", "deleted"]
    values = (*_end_values(link.src), *_end_values(link.dst), link.id, link.relation, link.note,
              link.author, link.created, link.modified, link.deleted)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    conn.execute(f"INSERT INTO links ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
                 f" ON CONFLICT(id) DO UPDATE SET {updates}", values)


def set_link_end(conn: sqlite3.Connection, link_id: str, side: str, end: LinkEnd) -> None:
    """Store a re-anchored link end (not a user edit: ``modified`` stays)."""
    assert side in ("src", "dst")
    sets = ", ".join(f"{side}_{c} = ?" for c in _END)
    conn.execute(f"UPDATE links SET {sets} WHERE id = ?", (*_end_values(end), link_id))


def used_relations(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT relation, COUNT(*) FROM links WHERE deleted IS NULL"
                        " GROUP BY relation ORDER BY COUNT(*) DESC, relation")
    return [r[0] for r in rows]


# -- the anchor log -----------------------------------------------------------------------


def log_move(conn: sqlite3.Connection, when: str, reason: str, item: str, item_id: str, side: str,
             doc_id: str, old: Anchor, new: Anchor | None, method: str, score: float,
             state: str, old_doc: str | None = None, outcome: str = "") -> None:
    """One move; ``old_doc`` is the version the item left (None: it stayed in ``doc_id``)."""
    conn.execute(
        "INSERT INTO anchor_log (at, reason, item, item_id, side, doc_id, old_node, old_start,"
        " old_end, old_quote, new_node, new_start, new_end, new_quote, method, score, state,"
        " old_doc, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (when, reason, item, item_id, side, doc_id, old.node_id, old.start, old.end, old.quote,
         new.node_id if new else None, new.start if new else None, new.end if new else None,
         new.quote if new else None, method, score, state, old_doc, outcome))


def anchor_log(conn: sqlite3.Connection, item_id: str | None = None,
               doc_id: str | None = None) -> list[dict[str, Any]]:
    where, params = [], []
    if item_id is not None:
        where.append("item_id = ?")
        params.append(item_id)
    if doc_id is not None:
        where.append("doc_id = ?")
        params.append(doc_id)
    cur = conn.execute(f"SELECT * FROM anchor_log {'WHERE ' + ' AND '.join(where) if where else ''}"
                       " ORDER BY id", params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur]
