"""The user's work: annotations, links, categories, re-anchoring, exchange and backups.
The :class:`Annotations` service is ``library.annotations`` — the CLI and the GUI call
its methods, never the tables; the Library calls ``reanchor_document`` inside an import's
transaction and ``final_backup`` when it closes.

Every edit is one transaction (``BEGIN IMMEDIATE``, retried while another process holds
the write lock) that also counts a user-data revision; after the commit a rotating JSON
backup (W3C Web Annotation, every item including the deleted ones) is written to
``backups/`` when the work changed and the last backup is older than
``BACKUP_INTERVAL`` — and always when the library is closed, before an annotations file
is imported and before a re-import moves anchors.  Deletes are soft: ``restore``,
``restore_link`` and ``restore_category`` bring an item back.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from reader.core.anchoring import Anchor, AnchorError, anchor_clause, anchor_quote, make_anchor, reanchor_all
from reader.core.annotations import (DEFAULT_RELATIONS, STATUSES, Annotation, Category, Link,
                                     LinkEnd, Reply, StatusChange, check_color, clean_name,
                                     clean_tags, default_author, now, parse_time,
                                     placement_state)
from reader.core.errors import UserError
from reader.core.model import Document, Node
from reader.core.webanno import Bundle, FormatError, export, parse
from reader.store import repository, userdata
from reader.store.db import Database

#: Rotating backups of the user's work kept in backups/.
BACKUP_KEEP = 30
#: Seconds between automatic backups while the user keeps editing.
BACKUP_INTERVAL = 300.0
#: Largest annotations file an import reads.
MAX_IMPORT_BYTES = 200 * 1024 * 1024
#: Colour of a category that arrives with imported annotations but is not defined.
UNKNOWN_CATEGORY_COLOR = "#a0a4ab"
_BACKUP_NAME = re.compile(r"^annotations-(\d{8}T\d{12})-r(\d+)-([\w-]+)\.json$")


#: ``to_current(items, when)``: items (id → the documents they were placed in) that sit
#: on an older version of a document follow onto its current version; returns outcome → n.
ToCurrent = Callable[[dict[str, set[str]], str], dict[str, int]]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


class UnknownItem(UserError):
    """An annotation or link id (or prefix) that names nothing, or more than one."""


@dataclass
class MergeReport:
    """What an annotations import did."""

    file: str = ""
    added: int = 0
    updated: int = 0
    kept: int = 0  # already here and not older than the file's copy
    links_added: int = 0
    links_updated: int = 0
    links_kept: int = 0
    replies_added: int = 0
    replies_updated: int = 0
    replies_kept: int = 0
    status_changes_added: int = 0
    categories_added: list[str] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)  # state → count, after placing
    #: items placed on an older version that then followed the current one: outcome → count
    followed: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file,
                "annotations": {"added": self.added, "updated": self.updated, "kept": self.kept},
                "links": {"added": self.links_added, "updated": self.links_updated,
                          "kept": self.links_kept},
                "replies": {"added": self.replies_added, "updated": self.replies_updated,
                            "kept": self.replies_kept},
                "status_changes_added": self.status_changes_added,
                "categories_added": list(self.categories_added),
                "anchors": dict(self.anchors), "followed": dict(self.followed)}


@dataclass(frozen=True)
class Span:
    """Where in a node: offsets, or a quote (its ``occurrence``-th appearance), or the whole
    node when neither is given."""

    start: int | None = None
    end: int | None = None
    quote: str | None = None
    occurrence: int = 0

    @property
    def whole(self) -> bool:
        return self.start is None and self.end is None and not self.quote


WHOLE = Span()


class Annotations:
    """The user's work in one library: ``library.annotations``.  Writes through the shared
    :class:`~reader.store.db.Database`; document ids are resolved by the library's
    ``resolve`` (an exact id or a unique prefix; called with the lock held)."""

    def __init__(self, db: Database, folder: Path, resolve: Callable[[str], str],
                 to_current: ToCurrent | None = None) -> None:
        self.db = db
        self.folder = folder
        self._resolve = resolve
        self._to_current = to_current
        self._last_backup = 0.0  # time.monotonic() of the last backup written

    # -- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _user_write(self) -> Iterator[str]:
        """One user edit: locked, in a transaction, counted; yields the time of the edit."""
        with self.db.lock:
            with self.db.transaction():
                yield now()
                userdata.bump_revision(self.db.conn)
        self._maybe_backup()

    def revision(self) -> int:
        """The user-data revision: counts every edit of annotations, links and categories."""
        with self.db.lock:
            return userdata.revision(self.db.conn)

    # -- categories ----------------------------------------------------------------------

    def categories(self, include_deleted: bool = False) -> list[Category]:
        with self.db.lock:
            return userdata.list_categories(self.db.conn, include_deleted)

    def category(self, name: str) -> Category:
        found = next((c for c in self.categories(include_deleted=True) if c.name == name), None)
        if found is None:
            raise UserError(f"{name}: no such category (known: {self._category_names()})")
        return found

    def _category_names(self) -> str:
        return "、".join(c.name for c in self.categories()) or "none"

    def save_category(self, name: str, color: str, meaning: str = "",
                      old_name: str | None = None) -> Category:
        """Create or edit a category; ``old_name`` renames one (its annotations follow)."""
        try:
            cat = Category(clean_name(name), check_color(color), (meaning or "").strip())
        except ValueError as exc:
            raise UserError(str(exc)) from None
        with self._user_write() as when:
            if old_name is not None and old_name != cat.name:
                if userdata.category_row(self.db.conn, old_name) is None:
                    raise UserError(f"{old_name}: no such category")
                if userdata.category_row(self.db.conn, cat.name) is not None:
                    raise UserError(f"{cat.name}: a category of that name exists")
                userdata.rename_category(self.db.conn, old_name, cat.name, when)
            userdata.put_category(self.db.conn, cat, when)
        return cat

    def delete_category(self, name: str) -> Category:
        """Hide a category from the choices (soft; its annotations keep their colour)."""
        cat = self.category(name)
        with self._user_write() as when:
            userdata.set_category_deleted(self.db.conn, name, when, when)
        return cat

    def restore_category(self, name: str) -> Category:
        cat = self.category(name)
        with self._user_write() as when:
            userdata.set_category_deleted(self.db.conn, name, None, when)
        return cat

    def category_usage(self) -> dict[str, int]:
        with self.db.lock:
            return userdata.category_usage(self.db.conn)

    def relations(self) -> list[str]:
        """Relations to offer for a link: the defaults, then others in use."""
        with self.db.lock:
            used = userdata.used_relations(self.db.conn)
        return list(DEFAULT_RELATIONS) + [r for r in used if r not in DEFAULT_RELATIONS]

    def tags(self) -> list[tuple[str, int]]:
        """Tags in use, most used first, with their counts."""
        with self.db.lock:
            return userdata.all_tags(self.db.conn)

    # -- anchors -------------------------------------------------------------------------

    def _node(self, doc_id: str, node_id: str) -> tuple[Document, Node]:
        """The document (id or unique prefix) and one of its nodes, or a clear UserError."""
        with self.db.lock:
            full = self._resolve(doc_id)
            doc = repository.load_document(self.db.conn, full)
        assert doc is not None
        node = doc.find(node_id)
        if node is None:
            raise UserError(f"{full}: no node {node_id!r} in this document "
                            f"(the ids are listed by `regreader show {full}`)")
        return doc, node

    @staticmethod
    def _anchor(node: Node, span: Span, doc_id: str = "") -> Anchor:
        try:
            if span.whole:
                return anchor_clause(node)
            if span.quote is not None and (span.start is not None or span.end is not None):
                raise UserError("give either a quote or start/end offsets, not both")
            if span.quote is not None:
                return anchor_quote(node, span.quote, span.occurrence)
            if span.start is None or span.end is None:
                raise UserError("give both a start and an end offset")
            if span.start >= span.end:
                raise UserError(f"empty span {span.start}-{span.end}: the end must be after the start")
            return make_anchor(node, span.start, span.end)
        except AnchorError as exc:
            raise UserError(f"{doc_id}: {exc}" if doc_id else str(exc)) from None

    # -- annotations ---------------------------------------------------------------------

    def add(self, doc_id: str, node_id: str, span: Span = WHOLE, *, note: str = "",
            tags: Any = (), category: str | None = None, status: str = "open",
            author: str = "") -> Annotation:
        """Annotate a span of a node's text (or, with the whole-node span, the clause).

        A span without a note is a highlight; with one, a note.  ``category`` None takes
        the first category.  Unknown document, node, category or a quote that is not in
        the node raise UserError and write nothing."""
        doc, node = self._node(doc_id, node_id)
        anchor = self._anchor(node, span, doc.id)
        cat = self._category_for(category)
        _check_status(status)
        try:
            tag_list = tuple(clean_tags(tags))
        except ValueError as exc:
            raise UserError(str(exc)) from None
        kind = "clause_note" if span.whole else ("note" if note.strip() else "highlight")
        stamp = now()
        ann = Annotation(str(uuid.uuid4()), doc.id, anchor.node_id, anchor.start, anchor.end,
                         anchor.quote, anchor.prefix, anchor.suffix, anchor.node_hash, kind, cat,
                         _clean_note(note), tag_list, status, author or "", stamp, stamp)
        with self._user_write():
            userdata.put_annotation(self.db.conn, ann)
        return ann

    def _category_for(self, name: str | None) -> str:
        cats = self.categories()
        if name is None:
            return cats[0].name if cats else ""
        if name == "":
            return ""
        if not any(c.name == name for c in self.categories(include_deleted=True)):
            raise UserError(f"{name}: no such category (known: {self._category_names()})")
        return name

    def get(self, ann_id: str) -> Annotation:
        """One annotation (deleted ones too) by id or unique id prefix."""
        return self._find(ann_id, userdata.get_annotation, userdata.find_annotation_ids, "annotation")

    def _find(self, item_id: str, get: Any, find_ids: Any, what: str) -> Any:
        """An annotation or link by id, or by a prefix (of four or more characters) that
        names exactly one."""
        with self.db.lock:
            found = get(self.db.conn, item_id)
            if found is None:
                ids = find_ids(self.db.conn, item_id) if len(item_id) >= 4 else []
                if len(ids) > 1:
                    raise UnknownItem(f"{item_id}: ambiguous, more than one {what} id starts so")
                found = get(self.db.conn, ids[0]) if ids else None
        if found is None:
            raise UnknownItem(f"{item_id}: no such {what}")
        return found

    def list(self, doc_id: str | None = None, *, deleted: bool | None = False,
             orphans_only: bool = False) -> list[Annotation]:
        """Annotations of one document (id or prefix; a removed document's id works too)
        or of the whole library, in reading order.  ``deleted`` True lists the deleted
        ones, None all; ``orphans_only`` those that could not be placed (or whose
        document was removed)."""
        with self.db.lock:
            full = self.document_id(doc_id) if doc_id is not None else None
            return userdata.list_annotations(self.db.conn, full, deleted, orphans_only=orphans_only)

    def document_id(self, doc_id: str) -> str:
        """A library document id (given by id or unique prefix), or the id of a removed
        document that still has notes; UnknownDocument otherwise."""
        with self.db.lock:
            try:
                return self._resolve(doc_id)
            except UserError:
                row = self.db.conn.execute(
                    "SELECT 1 FROM annotations WHERE doc_id = ? UNION SELECT 1 FROM links"
                    " WHERE src_doc = ? OR dst_doc = ? LIMIT 1", (doc_id, doc_id, doc_id)).fetchone()
                if row:
                    return doc_id
                raise

    def update(self, ann_id: str, *, note: Any = UNSET, tags: Any = UNSET,
               category: Any = UNSET, status: Any = UNSET,
               author: Any = UNSET) -> Annotation:
        """Change what is given; a span's kind follows its note (note / highlight)."""
        current = self.get(ann_id)
        changes: dict[str, Any] = {}
        if note is not UNSET:
            changes["note"] = _clean_note(note)
            if current.kind != "clause_note":
                changes["kind"] = "note" if changes["note"] else "highlight"
        if tags is not UNSET:
            try:
                changes["tags"] = tuple(clean_tags(tags))
            except ValueError as exc:
                raise UserError(str(exc)) from None
        if category is not UNSET:
            changes["category"] = self._category_for(category)
        if status is not UNSET:
            changes["status"] = _check_status(status)
        if author is not UNSET:
            changes["author"] = author or ""
        if changes.get("status", current.status) != current.status:  # a review step: logged
            return self._write_status(replace(current, **changes), default_author())
        return self._write_annotation(replace(current, **changes))

    def _write_annotation(self, ann: Annotation, delete: bool | None = None) -> Annotation:
        self._write(ann, userdata.put_annotation, delete)
        return self.get(ann.id)

    def _write(self, item: Any, put: Any, delete: bool | None = None) -> None:
        """Write an annotation or link as one edit, ``modified`` now; ``delete`` True/False
        also sets/clears its soft-delete time."""
        with self._user_write() as when:
            if delete is not None:
                item = replace(item, deleted=when if delete else None)
            put(self.db.conn, replace(item, modified=when))

    def delete(self, ann_id: str) -> Annotation:
        """Soft delete (``restore`` undoes it)."""
        current = self.get(ann_id)
        return current if current.deleted else self._write_annotation(current, delete=True)

    def restore(self, ann_id: str) -> Annotation:
        current = self.get(ann_id)
        return current if not current.deleted else self._write_annotation(current, delete=False)

    def put(self, ann: Annotation) -> Annotation:
        """Write an annotation back as it was (undo of an edit); ``modified`` becomes now.
        A status it brings back is a review step like any other: logged."""
        with self.db.lock:
            stored = userdata.get_annotation(self.db.conn, ann.id)
        if stored is not None and stored.status != ann.status:
            return self._write_status(ann, default_author())
        return self._write_annotation(ann)

    def reattach(self, ann_id: str, doc_id: str, node_id: str,
                 span: Span = WHOLE) -> Annotation:
        """Attach an annotation (an orphan, typically) to a new place chosen by the user:
        it is ``ok`` again, and the move is logged."""
        current = self.get(ann_id)
        doc, node = self._node(doc_id, node_id)
        anchor = self._anchor(node, span)
        kind = "clause_note" if span.whole else ("note" if current.note else "highlight")
        moved = replace(current.with_anchor(anchor), doc_id=doc.id, kind=kind,
                        anchor_state="ok", anchor_method="manual", anchor_score=1.0)
        with self._user_write() as when:
            moved = replace(moved, modified=when)
            userdata.put_annotation(self.db.conn, moved)
            userdata.log_move(self.db.conn, when, "reattach", "annotation", current.id, "",
                              doc.id, current.anchor, anchor, "manual", 1.0, "ok")
        return self.get(current.id)

    # -- review: replies and status ------------------------------------------------------

    def reply(self, ann_id: str, text: str, author: str | None = None) -> Reply:
        """Add a reply under an annotation (a deleted one too: the thread stays with it).
        ``author`` None: :func:`default_author`."""
        ann = self.get(ann_id)
        body = _clean_reply(text)
        with self._user_write() as when:
            reply = Reply(str(uuid.uuid4()), ann.id, body,
                          default_author() if author is None else author, when, when)
            userdata.put_reply(self.db.conn, reply)
        return reply

    def replies(self, ann_id: str, deleted: bool | None = False) -> list[Reply]:
        """An annotation's replies, oldest first (``deleted`` as for :meth:`list`)."""
        ann = self.get(ann_id)
        with self.db.lock:
            return userdata.list_replies(self.db.conn, [ann.id], deleted)

    def get_reply(self, reply_id: str) -> Reply:
        """One reply (deleted ones too) by id or unique id prefix."""
        return self._find(reply_id, userdata.get_reply, userdata.find_reply_ids, "reply")

    def update_reply(self, reply_id: str, text: str) -> Reply:
        current = self.get_reply(reply_id)
        return self._write_reply(replace(current, text=_clean_reply(text)))

    def delete_reply(self, reply_id: str) -> Reply:
        """Soft delete (``restore_reply`` undoes it)."""
        current = self.get_reply(reply_id)
        return current if current.deleted else self._write_reply(current, delete=True)

    def restore_reply(self, reply_id: str) -> Reply:
        current = self.get_reply(reply_id)
        return current if not current.deleted else self._write_reply(current, delete=False)

    def _write_reply(self, reply: Reply, delete: bool | None = None) -> Reply:
        self._write(reply, userdata.put_reply, delete)
        return self.get_reply(reply.id)

    def set_status(self, ann_id: str, status: str, author: str | None = None) -> Annotation:
        """Move an annotation to open / answered / resolved; the change is logged with
        ``author`` (None: :func:`default_author`) and its time.  Setting the status it
        has already changes nothing."""
        _check_status(status)
        current = self.get(ann_id)
        if current.status == status:
            return current
        return self._write_status(replace(current, status=status),
                                  default_author() if author is None else author)

    def _write_status(self, ann: Annotation, author: str) -> Annotation:
        with self._user_write() as when:
            userdata.put_annotation(self.db.conn, replace(ann, modified=when))
            userdata.log_status(self.db.conn, ann.id, StatusChange(ann.status, author, when))
        return self.get(ann.id)

    def status_history(self, ann_id: str) -> list[StatusChange]:
        """Every status change of an annotation, oldest first."""
        ann = self.get(ann_id)
        with self.db.lock:
            return userdata.status_history(self.db.conn, ann.id)

    # -- links ---------------------------------------------------------------------------

    def link(self, src_doc: str, src_node: str, dst_doc: str, dst_node: str, *,
             src: Span = WHOLE, dst: Span = WHOLE, relation: str = "参见", note: str = "",
             author: str = "") -> Link:
        """Link two places (whole nodes or spans, in one document or two)."""
        try:
            relation = clean_name(relation, "relation")
        except ValueError as exc:
            raise UserError(str(exc)) from None
        sdoc, snode = self._node(src_doc, src_node)
        ddoc, dnode = self._node(dst_doc, dst_node)
        a, b = self._anchor(snode, src, sdoc.id), self._anchor(dnode, dst, ddoc.id)
        if sdoc.id == ddoc.id and a == b:
            raise UserError("a link needs two different places")
        stamp = now()
        link = Link(str(uuid.uuid4()), LinkEnd.at(sdoc.id, a), LinkEnd.at(ddoc.id, b), relation,
                    _clean_note(note), author or "", stamp, stamp)
        with self._user_write():
            userdata.put_link(self.db.conn, link)
        return self.get_link(link.id)

    def get_link(self, link_id: str) -> Link:
        """One link (deleted ones too) by id or unique id prefix."""
        return self._find(link_id, userdata.get_link, userdata.find_link_ids, "link")

    def links(self, doc_id: str | None = None, *, deleted: bool | None = False) -> list[Link]:
        """Links starting or ending in a document (or all of the library)."""
        with self.db.lock:
            full = self.document_id(doc_id) if doc_id is not None else None
            return userdata.list_links(self.db.conn, full, deleted)

    def update_link(self, link_id: str, *, relation: Any = UNSET, note: Any = UNSET) -> Link:
        current = self.get_link(link_id)
        changes: dict[str, Any] = {}
        if relation is not UNSET:
            try:
                changes["relation"] = clean_name(relation, "relation")
            except ValueError as exc:
                raise UserError(str(exc)) from None
        if note is not UNSET:
            changes["note"] = _clean_note(note)
        return self._write_link(replace(current, **changes))

    def _write_link(self, link: Link, delete: bool | None = None) -> Link:
        self._write(link, userdata.put_link, delete)
        return self.get_link(link.id)

    def delete_link(self, link_id: str) -> Link:
        """Soft delete (``restore_link`` undoes it)."""
        current = self.get_link(link_id)
        return current if current.deleted else self._write_link(current, delete=True)

    def restore_link(self, link_id: str) -> Link:
        current = self.get_link(link_id)
        return current if not current.deleted else self._write_link(current, delete=False)

    def put_link(self, link: Link) -> Link:
        """Write a link back as it was (undo of an edit); ``modified`` becomes now."""
        return self._write_link(link)

    def reattach_link_end(self, link_id: str, side: str, doc_id: str, node_id: str,
                          span: Span = WHOLE) -> Link:
        if side not in ("src", "dst"):
            raise UserError(f"a link end is 'src' or 'dst', not {side!r}")
        current = self.get_link(link_id)
        doc, node = self._node(doc_id, node_id)
        anchor = self._anchor(node, span)
        old = current.end(side)
        end = replace(LinkEnd.at(doc.id, anchor), anchor_method="manual")
        with self._user_write() as when:
            userdata.put_link(self.db.conn, replace(current, modified=when, **{side: end}))
            userdata.log_move(self.db.conn, when, "reattach", "link", current.id, side, doc.id,
                              old.anchor, anchor, "manual", 1.0, "ok")
        return self.get_link(current.id)

    # -- re-anchoring --------------------------------------------------------------------

    def has_user_data(self, doc_ids: list[str]) -> bool:
        with self.db.lock:
            for doc_id in doc_ids:
                if self.db.conn.execute(
                        "SELECT 1 FROM annotations WHERE doc_id = ? UNION SELECT 1 FROM links"
                        " WHERE src_doc = ? OR dst_doc = ? LIMIT 1",
                        (doc_id, doc_id, doc_id)).fetchone():
                    return True
        return False

    def reanchor_document(self, doc: Document, when: str, reason: str = "reimport") -> dict[str, int]:
        """Place every annotation and link end of ``doc`` again (inside the caller's
        transaction): store the new places and states, log each move, keep the orphans.
        Returns how many ended ok / moved / orphan."""
        conn = self.db.conn
        anns = userdata.list_annotations(conn, doc.id, deleted=None)
        links = userdata.list_links(conn, doc.id, deleted=None)
        ends = [(link, side) for link in links for side in ("src", "dst")
                if link.end(side).doc_id == doc.id]
        anchors = [a.anchor for a in anns] + [link.end(side).anchor for link, side in ends]
        counts = {"ok": 0, "moved": 0, "orphan": 0}
        if not anchors:
            return {}
        placements = reanchor_all(anchors, doc)
        for ann, placement in zip(anns, placements):
            state, changed = placement_state(ann.anchor, placement, ann.anchor_state)
            counts[state] += 1
            new = ann.with_anchor(placement.anchor) if changed and placement.anchor else ann
            new = replace(new, anchor_state=state, anchor_method=placement.method,
                          anchor_score=placement.score)
            if new != ann:
                userdata.set_annotation_anchor(conn, new)
            if _moved(ann.anchor, placement) or (state == "orphan" and ann.anchor_state != "orphan"):
                userdata.log_move(conn, when, reason, "annotation", ann.id, "", doc.id,
                                  ann.anchor, placement.anchor, placement.method,
                                  placement.score, state)
        for (link, side), placement in zip(ends, placements[len(anns):]):
            end = link.end(side)
            state, changed = placement_state(end.anchor, placement, end.anchor_state)
            counts[state] += 1
            new_end = end.with_anchor(placement.anchor) if changed and placement.anchor else end
            new_end = replace(new_end, anchor_state=state, anchor_method=placement.method,
                              anchor_score=placement.score)
            if new_end != end:
                userdata.set_link_end(conn, link.id, side, new_end)
            if _moved(end.anchor, placement) or (state == "orphan" and end.anchor_state != "orphan"):
                userdata.log_move(conn, when, reason, "link", link.id, side, doc.id, end.anchor,
                                  placement.anchor, placement.method, placement.score, state)
        userdata.bump_revision(conn)
        return counts

    def anchor_log(self, item_id: str | None = None, doc_id: str | None = None) -> list[dict[str, Any]]:
        """The moves re-anchoring (and the user) made, oldest first."""
        with self.db.lock:
            return userdata.anchor_log(self.db.conn, item_id, doc_id)

    # -- exchange (W3C Web Annotation JSON) ----------------------------------------------

    def _bundle(self, doc_id: str | None, include_deleted: bool) -> Bundle:
        deleted = None if include_deleted else False
        with self.db.lock:
            full = self.document_id(doc_id) if doc_id is not None else None
            anns = userdata.list_annotations(self.db.conn, full, deleted)
            return Bundle(anns, userdata.list_links(self.db.conn, full, deleted),
                          userdata.list_categories(self.db.conn, include_deleted=True),
                          userdata.list_replies(self.db.conn, [a.id for a in anns], deleted))

    def export(self, path: str | Path | None = None, doc_id: str | None = None,
               include_deleted: bool = False) -> dict[str, Any]:
        """The annotations, links and categories (of one document, or all) as a W3C Web
        Annotation collection; written to ``path`` (atomically) when given."""
        data = export(self._bundle(doc_id, include_deleted))
        if path is not None:
            try:
                _write_json(Path(path), data)
            except OSError as exc:
                raise UserError(f"{path}: cannot write ({exc.strerror or exc})") from None
        return data

    def merge(self, source: str | Path | dict[str, Any]) -> MergeReport:
        """Merge an exported collection: new ids are added, an id already here takes the
        file's copy only when that one was modified later.  A corrupt or foreign file is
        refused (UserError with the reason) before anything is written."""
        name = str(source) if not isinstance(source, dict) else "<data>"
        data = source if isinstance(source, dict) else _read_json(Path(source))
        try:
            bundle = parse(data)
        except FormatError as exc:
            raise UserError(f"{name}: refused, nothing imported: {exc}") from None
        report = MergeReport(file=name)
        self.backup("before-import", force=True)
        docs: dict[str, Document | None] = {}
        merged: dict[str, set[str]] = {}  # item id → the documents it was placed in
        with self._user_write() as when:
            known = {c.name for c in userdata.list_categories(self.db.conn, include_deleted=True)}
            for cat in bundle.categories:
                if cat.name not in known:
                    userdata.put_category(self.db.conn, cat, when)
                    known.add(cat.name)
                    report.categories_added.append(cat.name)
            for ann in bundle.annotations:
                if ann.category and ann.category not in known:
                    userdata.put_category(self.db.conn, Category(ann.category, UNKNOWN_CATEGORY_COLOR), when)
                    known.add(ann.category)
                    report.categories_added.append(ann.category)
                local = userdata.get_annotation(self.db.conn, ann.id)
                if local is not None and not _newer(ann.modified, local.modified):
                    report.kept += 1
                    continue
                placed = self._place_imported(ann, docs, when)
                userdata.put_annotation(self.db.conn, placed)
                merged[ann.id] = {placed.doc_id}
                report.anchors[placed.anchor_state] = report.anchors.get(placed.anchor_state, 0) + 1
                if local is None:
                    report.added += 1
                else:
                    report.updated += 1
            for link in bundle.links:
                local_link = userdata.get_link(self.db.conn, link.id)
                if local_link is not None and not _newer(link.modified, local_link.modified):
                    report.links_kept += 1
                    continue
                ends = {side: self._place_end(link, side, docs, when) for side in ("src", "dst")}
                userdata.put_link(self.db.conn, replace(link, **ends))
                merged[link.id] = {ends["src"].doc_id, ends["dst"].doc_id}
                if local_link is None:
                    report.links_added += 1
                else:
                    report.links_updated += 1
            self._merge_review(bundle, report)
            if self._to_current is not None and merged:  # notes made on an older version
                report.followed = self._to_current(merged, when)
        return report

    def _merge_review(self, bundle: Bundle, report: MergeReport) -> None:
        """Replies by id (the later ``modified`` wins) and every status change not yet
        logged — inside the merge's transaction, after the annotations they belong to."""
        conn = self.db.conn
        for reply in bundle.replies:
            local = userdata.get_reply(conn, reply.id)
            if local is not None and not _newer(reply.modified, local.modified):
                report.replies_kept += 1
                continue
            userdata.put_reply(conn, reply)
            if local is None:
                report.replies_added += 1
            else:
                report.replies_updated += 1
        for ann in bundle.annotations:
            for change in ann.status_history:
                report.status_changes_added += userdata.log_status(conn, ann.id, change)

    def _doc_cached(self, doc_id: str, docs: dict[str, Document | None]) -> Document | None:
        if doc_id not in docs:
            docs[doc_id] = repository.load_document(self.db.conn, doc_id)
        return docs[doc_id]

    def _place_imported(self, ann: Annotation, docs: dict[str, Document | None], when: str) -> Annotation:
        """An incoming annotation, placed in the library's version of its document."""
        doc = self._doc_cached(ann.doc_id, docs)
        if doc is None:
            return ann  # the document is not here (yet): kept, placed when it is imported
        (placement,) = reanchor_all([ann.anchor], doc)
        state, changed = placement_state(ann.anchor, placement, ann.anchor_state)
        if _moved(ann.anchor, placement) or state == "orphan":
            userdata.log_move(self.db.conn, when, "import", "annotation", ann.id, "", doc.id,
                              ann.anchor, placement.anchor, placement.method, placement.score, state)
        new = ann.with_anchor(placement.anchor) if changed and placement.anchor else ann
        return replace(new, anchor_state=state, anchor_method=placement.method,
                       anchor_score=placement.score)

    def _place_end(self, link: Link, side: str, docs: dict[str, Document | None], when: str) -> LinkEnd:
        end = link.end(side)
        doc = self._doc_cached(end.doc_id, docs)
        if doc is None:
            return end
        (placement,) = reanchor_all([end.anchor], doc)
        state, changed = placement_state(end.anchor, placement, end.anchor_state)
        if _moved(end.anchor, placement) or state == "orphan":
            userdata.log_move(self.db.conn, when, "import", "link", link.id, side, doc.id,
                              end.anchor, placement.anchor, placement.method, placement.score, state)
        new = end.with_anchor(placement.anchor) if changed and placement.anchor else end
        return replace(new, anchor_state=state, anchor_method=placement.method,
                       anchor_score=placement.score)

    # -- backups of the user's work ------------------------------------------------------

    def backups(self) -> list[Path]:
        """The rotating backups, oldest first."""
        folder = self.folder / "backups"
        return sorted(p for p in folder.glob("annotations-*.json") if _BACKUP_NAME.match(p.name))

    def backup(self, tag: str = "manual", force: bool = True) -> Path | None:
        """Write every annotation, link and category (deleted ones too) to
        ``backups/annotations-<time>-r<revision>-<tag>.json``; keep the newest
        BACKUP_KEEP.  Without ``force``, nothing is written when the newest backup holds
        this revision already.  Returns the file written, if any."""
        with self.db.lock:
            rev = userdata.revision(self.db.conn)
            if rev == 0 and not self.db.conn.execute("SELECT 1 FROM annotations LIMIT 1").fetchone() \
                    and not self.db.conn.execute("SELECT 1 FROM links LIMIT 1").fetchone():
                return None  # nothing of the user's yet
            existing = self.backups()
            if not force and existing and _backup_rev(existing[-1]) == rev:
                return None
            data = export(self._bundle(None, include_deleted=True))
        data["regreader"]["revision"] = rev
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        tag = re.sub(r"[^\w-]", "-", tag)
        path = self.folder / "backups" / f"annotations-{stamp}-r{rev}-{tag}.json"
        try:
            _write_json(path, data)
        except OSError:
            return None  # a full disk must not stop the edit that was just committed
        self._last_backup = time.monotonic()
        for old in self.backups()[:-BACKUP_KEEP]:
            try:
                old.unlink()
            except OSError:
                pass
        return path

    def _maybe_backup(self) -> None:
        if time.monotonic() - self._last_backup >= BACKUP_INTERVAL:
            self.backup("auto", force=False)

    def final_backup(self) -> None:
        """At close: a backup if the work changed since the last one."""
        try:
            self.backup("close", force=False)
        except (sqlite3.Error, OSError):
            pass

    def restore_backup(self, backup: str | Path) -> MergeReport:
        """Merge a backup back in (same rules as an import: newer copies win)."""
        return self.merge(backup)

    def counts(self, doc_id: str) -> tuple[int, int]:
        """Live annotations and links of a document (what a remove keeps for it)."""
        with self.db.lock:
            try:
                doc_id = self._resolve(doc_id)
            except UserError:
                pass  # a removed document: its exact id
            return userdata.count_annotations(self.db.conn, doc_id)


def _check_status(status: str) -> str:
    if status not in STATUSES:
        raise UserError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
    return status


def _clean_reply(text: str) -> str:
    reply = _clean_note(text)
    if not reply:
        raise UserError("the reply is empty")
    return reply


def _moved(old: Anchor, placement: Any) -> bool:
    """The words are somewhere else now (another node or offset, or changed wording)."""
    new = placement.anchor
    return new is not None and (new.node_id, new.start, new.end, new.quote) != (
        old.node_id, old.start, old.end, old.quote)


def _clean_note(note: str) -> str:
    text = (note or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip("\n ").rstrip() if text.strip() else ""


def _newer(incoming: str, local: str) -> bool:
    try:
        return parse_time(incoming) > parse_time(local)
    except ValueError:
        return False


def _backup_rev(path: Path) -> int:
    m = _BACKUP_NAME.match(path.name)
    return int(m.group(2)) if m else -1


def _write_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON atomically: a temporary file, flushed, then renamed."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _read_json(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise UserError(f"{path}: refused, nothing imported: the file is too large "
                            f"({size // (1024 * 1024)} MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror or exc}") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(f"{path}: refused, nothing imported: not JSON ({exc})") from None


__all__ = ["Annotations", "MergeReport", "Reply", "StatusChange", "Span", "WHOLE", "UNSET", "UnknownItem",
           "BACKUP_KEEP", "BACKUP_INTERVAL"]
