"""Versions of a document: ``library.versions``.

Each version is a row of ``documents`` with its own tree (so an old version is read,
searched and cited like any document); the versions of one document share a ``lineage``
(reader.core.lineage decides who belongs together) and exactly one is current — the
newest in force.  An import that brings a lineage's text with new content adds a version
(identical content changes nothing and says so); when the current version changes, every
annotation and link end on the previous current version follows onto the new one
(reader.core.version_anchoring: by the article it became, never onto other words), each
move logged with the version it left and what the reader is told (unchanged / moved /
changed / orphan).  Removing a version first sends its annotations to the current one.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from reader.core.errors import UserError
from reader.core.lineage import (Identity, VersionEntry, VersionFacts, content_hash,
                                 age_key, current_version, renamed_from, repealed_titles, same_lineage,
                                 title_key, version_facts)
from reader.core.model import Document, NodeKind, Source
from reader.core.version_anchoring import Followed, follow
from reader.core.versions import Comparison, compare
from reader.store import userdata
from reader.store.db import Database, now

#: Comparisons kept for ``cited_now`` (a document cites a few laws, again and again).
_COMPARISONS_KEPT = 8
#: Articles at a document's end read for a repeal of its predecessor (附则).
_CLOSING_ARTICLES = 4


@dataclass(frozen=True)
class Version:
    """One version of a document, as ``versions DOC_ID`` lists it (oldest first)."""

    id: str
    lineage: str
    number: int  # 1 = the oldest
    title: str
    label: str  # 2023年12月29日修订 ('' when the text gives no date)
    date: date | None
    in_force_from: date | None
    current: bool
    source: Source
    imported: str
    annotations: int  # live annotations on this version

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "lineage": self.lineage, "number": self.number,
                "title": self.title, "label": self.label,
                "date": self.date.isoformat() if self.date else None,
                "in_force_from": self.in_force_from.isoformat() if self.in_force_from else None,
                "current": self.current, "source": self.source.to_json(),
                "imported": self.imported, "annotations": self.annotations}


@dataclass(frozen=True)
class VersionAdded:
    """An import that added a version to a document already in the library."""

    id: str
    title: str
    file: str
    lineage: str
    label: str
    current: bool  # it became the current version
    previous: str | None  # the version that was current before

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "file": self.file, "lineage": self.lineage,
                "label": self.label, "current": self.current, "previous": self.previous}


@dataclass(frozen=True)
class Unchanged:
    """A file whose text the library already holds: nothing was changed."""

    id: str
    title: str
    file: str
    existing: str  # the version with the same text

    @property
    def reason(self) -> str:
        return f"the library already holds this text (version {self.existing}); nothing changed"

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "file": self.file,
                "existing": self.existing, "reason": self.reason}


@dataclass(frozen=True)
class Placement:
    """What an import does with one parsed document: ``new`` document, ``refresh`` a
    version from the same file in place, ``unchanged`` (same text as ``target``), or a
    new ``version`` of ``lineage`` stored as ``target``."""

    action: str
    target: str
    lineage: str | None = None


@dataclass
class Change:
    """The current version of a lineage changed, and the notes followed."""

    lineage: str
    previous: str | None
    current: str
    outcomes: dict[str, int] = field(default_factory=dict)  # unchanged/moved/changed/orphan → n


@dataclass(frozen=True)
class FollowNote:
    """What the reader is told about an item that followed a new version."""

    item_id: str
    side: str  # '' for an annotation, src / dst for a link end
    outcome: str  # unchanged | moved | changed | orphan
    from_doc: str  # the version it was on
    old_node: str
    old_quote: str
    new_node: str | None
    new_quote: str | None
    at: str


@dataclass(frozen=True)
class CitedNow:
    """A citation of an older version's unit, seen in the current version: where that unit
    is now and whether it changed — the refs panel flags it (changed / moved / removed)."""

    doc_id: str  # the current version
    node_id: str | None  # the unit it became (None: removed)
    status: str  # same | changed | moved | split | merged | removed
    old_label: str
    new_label: str

    @property
    def flagged(self) -> bool:
        return self.status != "same"

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "node_id": self.node_id, "status": self.status,
                "old_label": self.old_label, "new_label": self.new_label}


class Versions:
    """The versions service (see the module notes).  Writes run inside the caller's
    transaction when they are import steps (``place``, ``settle``, ``before_remove``) and in
    their own otherwise."""

    def __init__(self, db: Database, load: Callable[[str], Document | None],
                 resolve: Callable[[str], str], today: Callable[[], date] = date.today) -> None:
        self._db = db
        self._load = load
        self._resolve = resolve
        self._today = today
        self._comparisons: dict[tuple[str, str], Comparison] = {}

    # -- reading -------------------------------------------------------------------------

    def list(self, doc_id: str) -> list[Version]:
        """Every version of ``doc_id``'s document, oldest first."""
        with self._db.lock:
            lineage = self._lineage(self._resolve(doc_id))
            rows = self._db.conn.execute(
                "SELECT d.id, d.title, d.version_date, d.version_verb, d.in_force_from,"
                " d.is_current, d.source_file, d.source_sha256, d.source_format, d.imported,"
                " d.import_seq, (SELECT COUNT(*) FROM annotations a WHERE a.doc_id = d.id"
                " AND a.deleted IS NULL) FROM documents d WHERE d.lineage = ?", (lineage,)
            ).fetchall()
        rows.sort(key=lambda r: age_key(_date(r[2]), _date(r[4]), r[10]))
        return [Version(r[0], lineage, n, r[1], VersionFacts(_date(r[2]), r[3] or "", None).label,
                        _date(r[2]), _date(r[4]), bool(r[5]), Source(r[6], r[7], r[8]), r[9], r[11])
                for n, r in enumerate(rows, 1)]

    def current(self, doc_id: str) -> str:
        """The id of the current version of ``doc_id``'s document."""
        with self._db.lock:
            return self._current_of(self._lineage(self._resolve(doc_id)))

    def find(self, doc_id: str, spec: str | int) -> str:
        """A version of ``doc_id``'s document by number (1 = oldest; -1 = newest), date
        (2018-10-26, or a year when only one version has it), id or id prefix, or
        ``current`` / ``previous``."""
        versions = self.list(doc_id)
        text = str(spec).strip()
        if text == "current":
            return next(v.id for v in versions if v.current)
        if text == "previous":
            at = next(k for k, v in enumerate(versions) if v.current)
            if at == 0:
                raise UserError(f"{doc_id}: the current version is the oldest; there is no previous one")
            return versions[at - 1].id
        if text.lstrip("-").isdigit() and len(text) < 4:
            n = int(text)
            if 1 <= abs(n) <= len(versions) and n:
                return versions[n - 1 if n > 0 else n].id
            raise UserError(f"{doc_id}: no version {n} (it has {len(versions)})")
        matches = [v for v in versions if v.id == text] or \
                  [v for v in versions if v.date and v.date.isoformat().startswith(text)] or \
                  [v for v in versions if v.id.startswith(text)]
        if len(matches) == 1:
            return matches[0].id
        listed = ", ".join(f"{v.number}: {v.label or v.id}" for v in versions)
        what = "more than one version matches" if matches else "no version matches"
        raise UserError(f"{doc_id}: {what} {text!r} (versions: {listed})")

    def pair(self, doc_id: str, from_: str | int | None = None,
             to: str | int | None = None) -> tuple[str, str]:
        """The two versions a comparison shows (ids): ``to`` (default: the current one) and
        ``from_`` (default: the version just before ``to``)."""
        new_id = self.find(doc_id, to if to is not None else "current")
        if from_ is not None:
            return self.find(doc_id, from_), new_id
        ids = [v.id for v in self.list(doc_id)]
        at = ids.index(new_id)
        if at == 0:
            raise UserError(f"{doc_id}: no version before {new_id} in the library; "
                            "name the earlier one (--from), or compare two documents")
        return ids[at - 1], new_id

    def compare(self, doc_id: str, from_: str | int | None = None,
                to: str | int | None = None) -> Comparison:
        """The article-aligned comparison of two versions: by default the one before the
        current version against the current one."""
        return self.compare_documents(*self.pair(doc_id, from_, to))

    def compare_documents(self, old_id: str, new_id: str) -> Comparison:
        """Any two documents, article by article (two versions, or two related texts)."""
        old, new = self._doc(old_id), self._doc(new_id)
        return compare(old, new)

    def cited_now(self, doc_id: str, node_id: str | None) -> CitedNow | None:
        """Where a cited unit of ``doc_id`` is in the current version of its document, when
        ``doc_id`` is an older version (None when it is current, or gone)."""
        with self._db.lock:
            row = self._db.conn.execute("SELECT lineage, is_current FROM documents WHERE id = ?",
                                        (doc_id,)).fetchone()
            if row is None or row[1]:
                return None
            current = self._current_of(row[0] or doc_id)
        if current == doc_id:
            return None
        key = (doc_id, current)
        if key not in self._comparisons:
            if len(self._comparisons) >= _COMPARISONS_KEPT:
                self._comparisons.clear()
            self._comparisons[key] = self.compare_documents(doc_id, current)
        if node_id is None:
            return CitedNow(current, None, "same", "", "")
        for pair in self._comparisons[key].pairs:
            if pair.old is not None and (node_id == pair.old.node_id
                                         or node_id.startswith(pair.old.node_id + "__")):
                new = pair.new
                return CitedNow(current, new.node_id if new else None, pair.status,
                                pair.old.label, new.label if new else "")
        return CitedNow(current, None, "removed", "", "")

    def follow_notes(self, doc_id: str) -> dict[str, FollowNote]:
        """For the annotations (and link ends) now on ``doc_id``: what their last move from
        another version was, by item id (a link's ends as ``id:src`` / ``id:dst``)."""
        with self._db.lock:
            full = self._resolve_or_same(doc_id)
            rows = self._db.conn.execute(
                "SELECT item_id, side, outcome, old_doc, old_node, old_quote, new_node,"
                " new_quote, at FROM anchor_log WHERE doc_id = ? AND old_doc IS NOT NULL"
                " AND reason IN ('version', 'remove-version') ORDER BY id", (full,)).fetchall()
        out: dict[str, FollowNote] = {}
        for r in rows:
            key = f"{r[0]}:{r[1]}" if r[1] else r[0]
            out[key] = FollowNote(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[7], r[8])
        return out

    def made_on(self, item_id: str, side: str = "") -> FollowNote | None:
        """Where an item was before it first followed a new version (the version it was made
        on, and its place there), or None if it never moved between versions."""
        with self._db.lock:
            r = self._db.conn.execute(
                "SELECT item_id, side, outcome, old_doc, old_node, old_quote, new_node,"
                " new_quote, at FROM anchor_log WHERE item_id = ? AND side = ?"
                " AND old_doc IS NOT NULL ORDER BY id LIMIT 1", (item_id, side)).fetchone()
        return FollowNote(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[7], r[8]) if r else None

    # -- the user says so ------------------------------------------------------------------

    def join(self, doc_id: str, into: str) -> Change | None:
        """Make ``doc_id``'s document (all its versions) versions of ``into``'s — a renamed
        or re-titled text the rules did not recognise.  The newest in force becomes current
        and the notes of both documents' current versions follow onto it; one transaction."""
        self._comparisons.clear()
        with self._db.lock, self._db.transaction():
            source = self._lineage(self._resolve(doc_id))
            target = self._lineage(self._resolve(into))
            if source == target:
                raise UserError(f"{doc_id} and {into} are already versions of one document")
            previous = {self._current_of(source), self._current_of(target)}
            self._db.conn.execute("UPDATE documents SET lineage = ?, is_current = 0"
                                  " WHERE lineage = ?", (target, source))
            self._db.conn.execute("UPDATE documents SET is_current = 0 WHERE lineage = ?", (target,))
            change = self.settle(target, now(), move_notes=False)
            assert change is not None  # no version was current: settle chose one
            for old in sorted(previous - {change.current}):
                for k, n in self._follow(old, change.current, now(), "version").items():
                    change.outcomes[k] = change.outcomes.get(k, 0) + n
            change.previous = None
            return change

    # -- import steps (inside the caller's transaction, lock held) -------------------------

    def place(self, doc: Document, path: str, version_of: str | None = None) -> Placement:
        """Decide what an import does with ``doc`` (parsed from ``path``)."""
        self._comparisons.clear()
        conn = self._db.conn
        row = conn.execute("SELECT source_sha256, lineage FROM documents WHERE id = ?",
                           (doc.id,)).fetchone()
        if row and row[0] and row[0] == doc.source.sha256:
            return Placement("refresh", doc.id, row[1] or doc.id)  # the same file, parsed again
        if version_of is not None:
            lineage: str | None = self._lineage(self._resolve(version_of))
        else:
            lineage = self._find_lineage(doc) or (row[1] if row else None)
        if lineage is None:
            return Placement("new", doc.id)
        members = conn.execute("SELECT id, source_sha256, content_hash FROM documents"
                               " WHERE lineage = ?", (lineage,)).fetchall()
        text = content_hash(doc)
        for member_id, sha, stored in members:
            if sha and sha == doc.source.sha256:
                return Placement("refresh", member_id, lineage)  # the same file, parsed again
            if (stored or self._fill_hash(member_id)) == text:
                return Placement("unchanged", member_id, lineage)
        return Placement("version", self._free_id(doc.id), lineage)

    def attach(self, doc_id: str, lineage: str) -> None:
        """A just-saved version joins ``lineage`` (not current until ``settle`` says so)."""
        self._db.conn.execute("UPDATE documents SET lineage = ?, is_current = 0 WHERE id = ?",
                              (lineage, doc_id))

    def settle(self, lineage: str, when: str, move_notes: bool = True) -> Change | None:
        """Make the newest version in force current; if that changes, the notes on the
        previous current version follow onto the new one (unless the caller moves them)."""
        conn = self._db.conn
        rows = conn.execute("SELECT id, version_date, in_force_from, import_seq, is_current"
                            " FROM documents WHERE lineage = ?", (lineage,)).fetchall()
        if not rows:
            return None
        entries = [VersionEntry(r[0], VersionFacts(_date(r[1]), "", _date(r[2])), r[3]) for r in rows]
        chosen = current_version(entries, self._today())
        before = [r[0] for r in rows if r[4]]
        if before == [chosen]:
            return None
        conn.execute("UPDATE documents SET is_current = (id = ?) WHERE lineage = ?", (chosen, lineage))
        previous = before[0] if before else None
        change = Change(lineage, previous, chosen)
        if previous is not None and move_notes:
            change.outcomes = self._follow(previous, chosen, when, "version")
        return change

    def before_remove(self, doc_id: str, when: str) -> Change | None:
        """``doc_id`` is about to be deleted: if it has other versions, the newest in force of
        them becomes current (when it was) and its notes move onto that one — orphans
        included, so nothing is lost.  Returns None for a document's only version."""
        self._comparisons.clear()
        conn = self._db.conn
        row = conn.execute("SELECT lineage, is_current FROM documents WHERE id = ?", (doc_id,)).fetchone()
        lineage = row[0] or doc_id
        others = conn.execute("SELECT 1 FROM documents WHERE lineage = ? AND id != ?",
                              (lineage, doc_id)).fetchone()
        if not others:
            return None
        if lineage == doc_id:  # the lineage is named after this version: name it after another
            lineage = conn.execute("SELECT MIN(id) FROM documents WHERE lineage = ? AND id != ?",
                                   (doc_id, doc_id)).fetchone()[0]
            conn.execute("UPDATE documents SET lineage = ? WHERE lineage = ? AND id != ?",
                         (lineage, doc_id, doc_id))
        conn.execute("UPDATE documents SET lineage = id, is_current = 0 WHERE id = ?", (doc_id,))
        change = self.settle(lineage, when, move_notes=False) or \
            Change(lineage, None, self._current_of(lineage))
        change.previous = doc_id
        change.outcomes = self._follow(doc_id, change.current, when, "remove-version")
        return change

    def gather(self, items: dict[str, set[str]], when: str) -> dict[str, int]:
        """Items just placed on an older version (annotations imported from a colleague
        who has not got the new text yet) follow onto the current version, as the notes
        there did (inside the caller's transaction).  ``items``: id → documents placed in."""
        on_old: dict[str, set[str]] = {}
        for item_id, doc_ids in items.items():
            for doc_id in doc_ids:
                row = self._db.conn.execute("SELECT is_current FROM documents WHERE id = ?",
                                            (doc_id,)).fetchone()
                if row is not None and not row[0]:
                    on_old.setdefault(doc_id, set()).add(item_id)
        counts: dict[str, int] = {}
        for doc_id, ids in on_old.items():
            current = self._current_of(self._lineage(doc_id))
            for k, n in self._follow(doc_id, current, when, "version", only=ids).items():
                counts[k] = counts.get(k, 0) + n
        return counts

    def fill_derived(self) -> int:
        """Title keys and version facts of documents stored before versions existed (cheap:
        from the title and front matter columns); returns how many rows were filled."""
        conn = self._db.conn
        rows = conn.execute("SELECT id, title, front_matter, issued, effective FROM documents"
                            " WHERE title_key IS NULL").fetchall()
        for doc_id, title, front, issued, effective in rows:
            facts = version_facts(front or "", _date(issued), _date(effective))
            conn.execute("UPDATE documents SET title_key = ?, version_date = ?, version_verb = ?,"
                         " in_force_from = ? WHERE id = ?",
                         (title_key(title), _iso(facts.date), facts.verb, _iso(facts.effective),
                          doc_id))
        return len(rows)

    # -- internals -------------------------------------------------------------------------

    def _follow(self, old_id: str, new_id: str, when: str, reason: str,
                only: set[str] | None = None) -> dict[str, int]:
        """Every annotation and link end on ``old_id`` (or those of the items ``only``) onto
        ``new_id`` (deleted ones too: they can be restored), each move logged; returns
        outcome → count."""
        conn = self._db.conn
        anns = userdata.list_annotations(conn, old_id, deleted=None)
        links = userdata.list_links(conn, old_id, deleted=None)
        if only is not None:
            anns = [a for a in anns if a.id in only]
            links = [link for link in links if link.id in only]
        ends = [(link, side) for link in links for side in ("src", "dst")
                if link.end(side).doc_id == old_id]
        if not anns and not ends:
            return {}
        old_doc, new_doc = self._doc(old_id), self._doc(new_id)
        anchors = [a.anchor for a in anns] + [link.end(side).anchor for link, side in ends]
        followed = follow(anchors, old_doc, new_doc)
        counts: dict[str, int] = {}
        for ann, f in zip(anns, followed):
            state = _state(f, ann.anchor_state)
            new = ann.with_anchor(f.placement) if f.placement else ann
            userdata.set_annotation_anchor(conn, replace(new, doc_id=new_id, anchor_state=state,
                                                         anchor_method=f.method, anchor_score=f.score))
            userdata.log_move(conn, when, reason, "annotation", ann.id, "", new_id, ann.anchor,
                              f.placement, f.method, f.score, state, old_doc=old_id, outcome=f.outcome)
            counts[f.outcome] = counts.get(f.outcome, 0) + 1
        for (link, side), f in zip(ends, followed[len(anns):]):
            end = link.end(side)
            state = _state(f, end.anchor_state)
            new_end = end.with_anchor(f.placement) if f.placement else end
            userdata.set_link_end(conn, link.id, side, replace(
                new_end, doc_id=new_id, anchor_state=state, anchor_method=f.method,
                anchor_score=f.score))
            userdata.log_move(conn, when, reason, "link", link.id, side, new_id, end.anchor,
                              f.placement, f.method, f.score, state, old_doc=old_id, outcome=f.outcome)
            counts[f.outcome] = counts.get(f.outcome, 0) + 1
        userdata.bump_revision(conn)
        return counts

    def _find_lineage(self, doc: Document) -> str | None:
        """The lineage ``doc`` continues: same title key and no conflicting issuer or 文号
        family — else a document it repeals under an older name.  Of several candidates,
        the one whose current version is newest."""
        conn = self._db.conn
        me = Identity(doc.title, doc.doc_number, doc.issuer)
        rows = conn.execute(
            "SELECT lineage, title, doc_number, issuer, version_date, is_current FROM documents"
            " WHERE title_key = ?", (me.key,)).fetchall()
        found = [r for r in rows if same_lineage(me, Identity(r[1], r[2], r[3]))]
        if not found:
            closing = _closing_text(doc)
            repealed = sorted(repealed_titles(closing) - {me.key}) if "废止" in closing else []
            rows = conn.execute(
                "SELECT lineage, title, doc_number, issuer, version_date, is_current FROM documents"
                f" WHERE is_current = 1 AND title_key IN ({', '.join('?' * len(repealed))})",
                repealed).fetchall() if repealed else []
            found = [r for r in rows if renamed_from(doc.title, closing, r[1])]
        if not found:
            return None
        best = max(found, key=lambda r: (r[5], r[4] or ""))
        return best[0]

    def _fill_hash(self, doc_id: str) -> str:
        """The content hash of a version stored before hashes were kept."""
        doc = self._load(doc_id)
        value = content_hash(doc) if doc is not None else ""
        self._db.conn.execute("UPDATE documents SET content_hash = ? WHERE id = ?", (value, doc_id))
        return value

    def _free_id(self, doc_id: str) -> str:
        """``doc_id``, or ``doc_id-2``, ``-3``… when another version holds it already."""
        conn = self._db.conn
        candidate, n = doc_id, 1
        while conn.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{doc_id}-{n}"
        return candidate

    def _lineage(self, doc_id: str) -> str:
        row = self._db.conn.execute("SELECT lineage FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return (row[0] if row else None) or doc_id

    def _current_of(self, lineage: str) -> str:
        row = self._db.conn.execute("SELECT id FROM documents WHERE lineage = ? ORDER BY is_current DESC,"
                                    " version_date DESC LIMIT 1", (lineage,)).fetchone()
        return row[0] if row else lineage

    def _resolve_or_same(self, doc_id: str) -> str:
        try:
            return self._resolve(doc_id)
        except UserError:
            return doc_id

    def _doc(self, doc_id: str) -> Document:
        doc = self._load(self._resolve(doc_id))
        assert doc is not None  # resolve only returns ids that exist
        return doc


def _state(f: Followed, previous: str) -> str:
    """The anchor state an item keeps after following: placed where its words are (a
    ``moved`` mark the user has not yet checked stays), to be checked, or orphaned."""
    if f.outcome == "orphan":
        return "orphan"
    if f.outcome == "unchanged":
        return "ok" if previous == "orphan" else previous
    return "moved"


def _closing_text(doc: Document) -> str:
    """The text of the last few articles (附则: where a law repeals its predecessor)."""
    articles = [n for n in doc.walk() if n.kind == NodeKind.ARTICLE]
    return "\n".join(n.full_text() for n in articles[-_CLOSING_ARTICLES:])


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
