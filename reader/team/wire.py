"""Shared items as they travel: local rows ↔ the JSON the server stores, checked both ways.

A document is named by its content hash (reader.core.lineage.content_hash), so a note on
the 2023 公司法 lands on the same text in every library, whatever file it came from.  What
arrives from the server is checked field by field before anything is written: a server is
another program, and a hostile or broken one must not get bad rows into the library."""
from __future__ import annotations

import json
import re
import sqlite3
import uuid
from typing import Any, Callable

from reader.core.annotations import MAX_NAME, MAX_TAG
from reader.team.errors import BadServerData

#: Kinds of shared items (documents travel separately, named by content).
KINDS = ("category", "annotation", "reply", "status", "link", "conflict")
#: Largest item the server stores (its JSON text, in bytes), and the largest a client takes
#: from it (a little more: the server's JSON spacing and number forms differ slightly).
MAX_ITEM_BYTES = 1_000_000
MAX_ITEM_TAKEN = 1_100_000
#: Largest document the server stores (its units' JSON text, in bytes).
MAX_DOCUMENT_BYTES = 64_000_000
HASH = re.compile(r"^[0-9a-f]{64}$")
#: Characters an id may not contain (the server's rule is the same).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
STATUS_ID_SPACE = uuid.UUID("6f1c2f0e-5b1a-4c55-9d8e-2f3b7e1a9c41")
MAX_TEXT = 200_000  # a note or reply (the local store caps notes well below)

# field → (type, largest length); "doc" fields are content hashes mapped to local ids.
_ANCHOR = {"node_id": (str, 200), "span_start": (int, 0), "span_end": (int, 0),
           "quote": (str, MAX_TEXT), "prefix": (str, 1000), "suffix": (str, 1000),
           "node_hash": (str, 100), "anchor_state": ("enum", ("ok", "moved", "orphan")),
           "anchor_method": (str, 40), "anchor_score": (float, 0)}
FIELDS: dict[str, dict[str, Any]] = {
    "annotation": {"doc": ("hash", 0), **_ANCHOR,
                   "kind": ("enum", ("highlight", "note", "clause_note")),
                   "category": (str, MAX_NAME), "note": (str, MAX_TEXT), "tags": ("tags", MAX_TAG),
                   "created": (str, 40), "deleted": ("opt", 40)},
    "reply": {"annotation_id": ("id", 0), "text": (str, MAX_TEXT), "created": (str, 40),
              "deleted": ("opt", 40)},
    "status": {"annotation_id": ("id", 0), "status": ("enum", ("open", "answered", "resolved")),
               "at": (str, 40)},
    "category": {"color": ("color", 0), "meaning": (str, 1000), "ord": (int, 0),
                 "deleted": ("opt", 40)},
    "link": {**{f"{side}_{k}": v for side in ("src", "dst")
                for k, v in {"doc": ("hash", 0), **_ANCHOR}.items()},
             "relation": (str, MAX_NAME), "note": (str, MAX_TEXT), "created": (str, 40),
             "deleted": ("opt", 40)},
    "conflict": {"kind": ("enum", ("annotation", "reply", "link", "category")),
                 "item_id": ("id", 0), "reason": (str, 1000), "at": (str, 40)},
}
#: Fields the merge leaves alone: set once, or the server's business.
FIXED = {"created", "kind", "annotation_id", "at", "item_id", "reason"}
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def check(kind: str, item_id: str, data: Any) -> dict[str, Any]:
    """``data`` as the server sent it, if it is a well-formed ``kind`` item; else TeamError
    naming the item and the field."""
    where = f"the team server sent a bad {kind} ({str(item_id)[:40]!r})"
    if kind not in KINDS:
        raise BadServerData(f"the team server sent an item of unknown kind {str(kind)[:20]!r}")
    if not _is_id(item_id):
        raise BadServerData(f"{where}: its id is not an id")
    if not isinstance(data, dict):
        raise BadServerData(f"{where}: it is not an object")
    if len(json.dumps(data, ensure_ascii=False).encode()) > MAX_ITEM_TAKEN:
        raise BadServerData(f"{where}: it is larger than {MAX_ITEM_BYTES // 1000} kB")
    out: dict[str, Any] = {}
    for field, (kind_, limit) in FIELDS[kind].items():
        if field not in data:
            raise BadServerData(f"{where}: the field {field!r} is missing")
        value = data[field]
        if not _fits(kind_, limit, value):
            raise BadServerData(f"{where}: the field {field!r} is not {_words(kind_, limit)}")
        out[field] = value
    return out


def _fits(kind: Any, limit: Any, value: Any) -> bool:
    if kind is str:
        return isinstance(value, str) and len(value) <= limit
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
    if kind == "opt":
        return value is None or (isinstance(value, str) and len(value) <= limit)
    if kind == "hash":
        return isinstance(value, str) and bool(HASH.match(value))
    if kind == "id":
        return _is_id(value)
    if kind == "enum":
        return value in limit
    if kind == "color":
        return isinstance(value, str) and bool(_COLOR.match(value))
    if kind == "tags":
        return (isinstance(value, list) and len(value) <= 100
                and all(isinstance(t, str) and 0 < len(t) <= limit for t in value))
    return False


def _is_id(value: Any) -> bool:
    """A uuid, or a category's name: 1–100 characters, none of them a control character."""
    return isinstance(value, str) and 0 < len(value) <= 100 and not CONTROL.search(value)


def _words(kind: Any, limit: Any) -> str:
    return {str: f"text of at most {limit} characters", int: "a whole number", float: "a score",
            "opt": "a time or nothing", "hash": "a document's content hash", "id": "an id",
            "color": "a #rrggbb colour", "tags": "a list of tags"}.get(
        kind, f"one of {', '.join(limit)}" if kind == "enum" else "valid")


def status_id(annotation_id: str, status: str, author: str, at: str) -> str:
    """A status change's shared id: the same change has the same id in every library."""
    return str(uuid.uuid5(STATUS_ID_SPACE, f"{annotation_id}|{status}|{author}|{at}"))


# -- local rows → data ---------------------------------------------------------------------

DocHash = Callable[[str], "str | None"]

_ANN_COLS = ("doc_id, node_id, span_start, span_end, quote, prefix, suffix, node_hash, kind,"
             " category, note, created, deleted, anchor_state, anchor_method, anchor_score")
_END_COLS = ("doc", "node_id", "span_start", "span_end", "quote", "prefix", "suffix", "node_hash",
             "anchor_state", "anchor_method", "anchor_score")
_LINK_END_LOCAL = ("doc", "node", "start", "end", "quote", "prefix", "suffix", "hash", "state",
                   "method", "score")


def read_local(conn: sqlite3.Connection, kind: str, item_id: str, doc_hash: DocHash
               ) -> dict[str, Any] | None:
    """The item as the server would store it; None when it is gone or cannot be shared yet
    (its document is not in this library, so nobody could be given its text)."""
    if kind == "annotation":
        row = conn.execute(f"SELECT {_ANN_COLS} FROM annotations WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            return None
        digest = doc_hash(row[0])
        if digest is None:
            return None
        tags = [r[0] for r in conn.execute(
            "SELECT tag FROM annotation_tags WHERE annotation_id = ? ORDER BY ord", (item_id,))]
        keys = ("node_id", "span_start", "span_end", "quote", "prefix", "suffix", "node_hash",
                "kind", "category", "note", "created", "deleted", "anchor_state",
                "anchor_method", "anchor_score")
        return {"doc": digest, **dict(zip(keys, row[1:])), "tags": tags}
    if kind == "reply":
        row = conn.execute("SELECT annotation_id, text, created, deleted FROM replies WHERE id = ?",
                           (item_id,)).fetchone()
        return dict(zip(("annotation_id", "text", "created", "deleted"), row)) if row else None
    if kind == "category":
        row = conn.execute("SELECT color, meaning, ord, deleted FROM categories WHERE name = ?",
                           (item_id,)).fetchone()
        return dict(zip(("color", "meaning", "ord", "deleted"), row)) if row else None
    if kind == "link":
        cols = [f"{side}_{c}" for side in ("src", "dst") for c in _LINK_END_LOCAL]
        row = conn.execute(f"SELECT {', '.join(cols)}, relation, note, created, deleted FROM links"
                           " WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = {}
        for n, side in enumerate(("src", "dst")):
            values = list(row[n * 11:(n + 1) * 11])
            digest = doc_hash(values[0])
            if digest is None:
                return None
            values[0] = digest
            data.update({f"{side}_{c}": v for c, v in zip(_END_COLS, values)})
        data.update(zip(("relation", "note", "created", "deleted"), row[22:]))
        return data
    raise ValueError(kind)


def read_status(conn: sqlite3.Connection, log_id: str) -> tuple[str, dict[str, Any]] | None:
    """A local status change → (shared id, data)."""
    row = conn.execute("SELECT annotation_id, status, author, at FROM status_log WHERE id = ?",
                       (int(log_id),)).fetchone()
    if row is None:
        return None
    return status_id(*row), {"annotation_id": row[0], "status": row[1], "at": row[3]}


# -- data → local rows ---------------------------------------------------------------------

DocId = Callable[[str], str]


def write_local(conn: sqlite3.Connection, kind: str, item_id: str, data: dict[str, Any],
                author: str, when: str, doc_id: DocId) -> None:
    """Store a shared item in the library (the caller holds the transaction)."""
    if kind == "annotation":
        values = (item_id, doc_id(data["doc"]), data["node_id"], data["span_start"],
                  data["span_end"], data["quote"], data["prefix"], data["suffix"],
                  data["node_hash"], data["kind"], data["category"], data["note"], author,
                  data["created"], when, data["deleted"], data["anchor_state"],
                  data["anchor_method"], float(data["anchor_score"]))
        conn.execute(
            "INSERT INTO annotations (id, doc_id, node_id, span_start, span_end, quote, prefix,"
            " suffix, node_hash, kind, category, note, author, created, modified, deleted,"
            " anchor_state, anchor_method, anchor_score) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
            " doc_id = excluded.doc_id, node_id = excluded.node_id,"
            " span_start = excluded.span_start, span_end = excluded.span_end,"
            " quote = excluded.quote, prefix = excluded.prefix, suffix = excluded.suffix,"
            " node_hash = excluded.node_hash, kind = excluded.kind, category = excluded.category,"
            " note = excluded.note, modified = excluded.modified, deleted = excluded.deleted,"
            " anchor_state = excluded.anchor_state, anchor_method = excluded.anchor_method,"
            " anchor_score = excluded.anchor_score", values)
        conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (item_id,))
        conn.executemany("INSERT OR IGNORE INTO annotation_tags (annotation_id, tag, ord)"
                         " VALUES (?, ?, ?)", [(item_id, t, n) for n, t in enumerate(data["tags"])])
        _ensure_category(conn, data["category"], when)
    elif kind == "reply":
        conn.execute(
            "INSERT INTO replies (id, annotation_id, author, text, created, modified, deleted)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET text = excluded.text,"
            " modified = excluded.modified, deleted = excluded.deleted",
            (item_id, data["annotation_id"], author, data["text"], data["created"], when,
             data["deleted"]))
    elif kind == "status":
        conn.execute("INSERT OR IGNORE INTO status_log (annotation_id, status, author, at)"
                     " VALUES (?, ?, ?, ?)", (data["annotation_id"], data["status"], author, data["at"]))
        conn.execute("UPDATE annotations SET status = ? WHERE id = ?",
                     (data["status"], data["annotation_id"]))
    elif kind == "category":
        conn.execute(
            "INSERT INTO categories (name, color, meaning, ord, modified, deleted) VALUES"
            " (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET color = excluded.color,"
            " meaning = excluded.meaning, ord = excluded.ord, modified = excluded.modified,"
            " deleted = excluded.deleted",
            (item_id, data["color"], data["meaning"], data["ord"], when, data["deleted"]))
    elif kind == "link":
        cols, values = ["id", "relation", "note", "author", "created", "modified", "deleted"], [
            item_id, data["relation"], data["note"], author, data["created"], when, data["deleted"]]
        for side in ("src", "dst"):
            for local, shared in zip(_LINK_END_LOCAL, _END_COLS):
                cols.append(f"{side}_{local}")
                value = data[f"{side}_{shared}"]
                values.append(doc_id(value) if shared == "doc" else value)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in ("id", "author", "created"))
        conn.execute(f"INSERT INTO links ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                     f" ON CONFLICT(id) DO UPDATE SET {updates}", values)
    elif kind == "conflict":
        conn.execute("INSERT OR IGNORE INTO team_conflicts (id, kind, item_id, reason, author, at)"
                     " VALUES (?, ?, ?, ?, ?, ?)",
                     (item_id, data["kind"], data["item_id"], data["reason"], author, data["at"]))
    else:
        raise ValueError(kind)


def _ensure_category(conn: sqlite3.Connection, name: str, when: str) -> None:
    """A note's category exists locally even before the category item arrives."""
    if name:
        conn.execute("INSERT OR IGNORE INTO categories (name, color, meaning, ord, modified)"
                     " VALUES (?, '#999999', '', 99, ?)", (name, when))


def parents(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """The shared items ``data`` refers to, which must be stored first."""
    if kind in ("reply", "status"):
        return [("annotation", data["annotation_id"])]
    if kind == "annotation" and data.get("category"):
        return [("category", data["category"])]
    return []


def documents_of(kind: str, data: dict[str, Any]) -> list[str]:
    """The content hashes of the documents an item sits on."""
    if kind == "annotation":
        return [data["doc"]]
    if kind == "link":
        return [data["src_doc"], data["dst_doc"]]
    return []
