"""Annotations, links and categories: the reviewer's work product, in plain Python.

An :class:`Annotation` marks a span of one node's text (``highlight``, or ``note`` when it
carries a note) or a whole clause (``clause_note``); it remembers its place as an
:class:`~reader.core.anchoring.Anchor`, so a re-import can place it again.  A
:class:`Link` joins two anchors (a span or a whole node, in one document or two) with a
relation such as 参见 or 冲突.  Both are soft-deleted (``deleted`` holds the time) and
never dropped: an annotation that cannot be placed any more is an orphan, kept with its
quote and note.

``anchor_state`` says how the anchor stands after the last re-anchoring: ``ok`` (where it
was made, or re-attached by the user), ``moved`` (found again elsewhere or with changed
wording — worth a look), ``orphan`` (not found; the stored anchor is the last known one).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from reader.core.anchoring import Anchor, Placement

KINDS = ("highlight", "note", "clause_note")
#: Review status: open (to be looked at), answered (someone replied), resolved (settled).
STATUSES = ("open", "answered", "resolved")
ANCHOR_STATES = ("ok", "moved", "orphan")


@dataclass(frozen=True)
class Category:
    """A named highlight colour with what it means (重点, 义务, 罚则, 疑问…)."""

    name: str
    color: str  # #rrggbb
    meaning: str = ""

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "color": self.color, "meaning": self.meaning}


DEFAULT_CATEGORIES = (
    Category("重点", "#f7c948", "需要重点关注的内容"),
    Category("义务", "#5b9bd5", "义务、职责和程序要求"),
    Category("罚则", "#e06666", "法律责任、处罚和禁止性规定"),
    Category("疑问", "#9b7ed9", "有疑问、需要核实或讨论"),
)
#: Relations offered for a new link; any other non-empty word is accepted too.
DEFAULT_RELATIONS = ("参见", "依据", "引用", "修改", "冲突")

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_TAG = 40
MAX_NAME = 40


def default_author() -> str:
    """``$REGREADER_AUTHOR``, else the login name (the GUI keeps its own in the settings)."""
    import getpass
    import os

    name = os.environ.get("REGREADER_AUTHOR")
    if name is not None:
        return name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return ""


def now() -> str:
    """UTC timestamp with milliseconds (edits a moment apart still order)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def parse_time(text: str) -> datetime:
    """An ISO timestamp → aware datetime (naive ones are taken as UTC); ValueError if bad."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def clean_name(text: str, what: str = "name", limit: int = MAX_NAME) -> str:
    """A category, relation or tag name: trimmed, inner whitespace collapsed, bounded."""
    name = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not name:
        raise ValueError(f"the {what} is empty")
    if len(name) > limit:
        raise ValueError(f"the {what} is longer than {limit} characters")
    return name


def clean_tags(tags: Any) -> list[str]:
    """Tags as a list of distinct names in the order given; '#' and commas are separators
    for tags typed as one string ("#待办, 复核")."""
    if isinstance(tags, str):
        tags = re.split(r"[,，、;；\s]+", tags)
    out: list[str] = []
    for tag in tags or []:
        name = " ".join(str(tag).split()).lstrip("#＃")
        if name:
            name = clean_name(name, "tag", MAX_TAG)
            if name not in out:
                out.append(name)
    return out


def check_color(color: str) -> str:
    if not _COLOR.match(color or ""):
        raise ValueError(f"not a colour: {color!r} (use #rrggbb)")
    return color.lower()


class _Anchored:
    """What an annotation and a link end share: the fields of an Anchor (node_id, start,
    end, quote, prefix, suffix, node_hash) and an ``anchor_state``."""

    @property
    def anchor(self) -> Anchor:
        s: Any = self
        return Anchor(s.node_id, s.start, s.end, s.quote, s.prefix, s.suffix, s.node_hash)

    @property
    def orphan(self) -> bool:
        return getattr(self, "anchor_state") == "orphan"

    def with_anchor(self, anchor: Anchor):  # noqa: ANN201 - the same dataclass
        return replace(self, node_id=anchor.node_id, start=anchor.start, end=anchor.end,  # type: ignore[type-var]
                       quote=anchor.quote, prefix=anchor.prefix, suffix=anchor.suffix,
                       node_hash=anchor.node_hash)


@dataclass(frozen=True)
class Reply:
    """One message in the thread under an annotation; soft-deleted like it."""

    id: str
    annotation_id: str
    text: str
    author: str = ""
    created: str = ""
    modified: str = ""
    deleted: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "annotation_id": self.annotation_id, "text": self.text,
                "author": self.author, "created": self.created, "modified": self.modified,
                "deleted": self.deleted}


@dataclass(frozen=True)
class StatusChange:
    """Who set an annotation's review status to what, and when (kept for good)."""

    status: str
    author: str
    at: str

    def to_json(self) -> dict[str, str]:
        return {"status": self.status, "author": self.author, "at": self.at}


@dataclass(frozen=True)
class Annotation(_Anchored):
    """A highlight or note on a span of a node's text, or a note on a whole clause."""

    id: str
    doc_id: str
    node_id: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    node_hash: str
    kind: str = "highlight"
    category: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    status: str = "open"
    author: str = ""
    created: str = ""
    modified: str = ""
    deleted: str | None = None
    anchor_state: str = "ok"
    anchor_method: str = "created"
    anchor_score: float = 1.0
    #: False when the annotated document is no longer in the library (removed): the
    #: annotation is kept and comes back with the document.
    doc_present: bool = True
    #: The live replies, oldest first, and every status change, oldest first (as read
    #: from the library; writing an annotation does not write these).
    replies: tuple[Reply, ...] = ()
    status_history: tuple[StatusChange, ...] = ()

    @property
    def on_clause(self) -> bool:
        return self.kind == "clause_note"

    @property
    def index_version(self) -> str:
        """Changes whenever what the search index holds for it may have."""
        stamp = f"{len(self.replies)}/{max(r.modified for r in self.replies)}" if self.replies else ""
        return index_version(self.modified, self.doc_id, self.node_id, stamp)

    @property
    def searchable_text(self) -> str:
        """What the search index holds for it: the note, the tags as ``#tag``, then the
        replies under it (a colleague's answer is found like the note)."""
        return "\n".join([self.note] * bool(self.note) + [f"#{t}" for t in self.tags]
                         + [r.text for r in self.replies])

    def to_json(self) -> dict[str, Any]:
        """The entry of ``annotations --json`` (a public format: keep keys stable)."""
        return {
            "id": self.id, "doc_id": self.doc_id, "node_id": self.node_id,
            "start": self.start, "end": self.end, "quote": self.quote,
            "prefix": self.prefix, "suffix": self.suffix, "node_hash": self.node_hash,
            "kind": self.kind, "category": self.category, "note": self.note,
            "tags": list(self.tags), "status": self.status, "author": self.author,
            "created": self.created, "modified": self.modified, "deleted": self.deleted,
            "anchor": {"state": self.anchor_state, "method": self.anchor_method,
                       "score": round(self.anchor_score, 4)},
            "document_present": self.doc_present,
            "replies": [r.to_json() for r in self.replies],
            "status_history": [c.to_json() for c in self.status_history],
        }


@dataclass(frozen=True)
class LinkEnd(_Anchored):
    """One end of a link: a whole node (empty quote) or a span of its text."""

    doc_id: str
    node_id: str
    start: int = 0
    end: int = 0
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    node_hash: str = ""
    anchor_state: str = "ok"
    anchor_method: str = "created"
    anchor_score: float = 1.0
    doc_present: bool = True

    @classmethod
    def at(cls, doc_id: str, anchor: Anchor) -> LinkEnd:
        return cls(doc_id, anchor.node_id, anchor.start, anchor.end, anchor.quote,
                   anchor.prefix, anchor.suffix, anchor.node_hash)

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "node_id": self.node_id, "start": self.start,
                "end": self.end, "quote": self.quote, "prefix": self.prefix,
                "suffix": self.suffix, "node_hash": self.node_hash,
                "anchor": {"state": self.anchor_state, "method": self.anchor_method,
                           "score": round(self.anchor_score, 4)},
                "document_present": self.doc_present}


@dataclass(frozen=True)
class Link:
    """A user-made cross-reference: ``src`` 参见/依据/冲突… ``dst``; shown from both ends."""

    id: str
    src: LinkEnd
    dst: LinkEnd
    relation: str = "参见"
    note: str = ""
    author: str = ""
    created: str = ""
    modified: str = ""
    deleted: str | None = None

    def end(self, side: str) -> LinkEnd:
        return self.src if side == "src" else self.dst

    def touches(self, doc_id: str, node_ids: set[str] | None = None) -> str | None:
        """'out' if the link starts at the document (at one of ``node_ids``), 'in' if it
        ends there, else None."""
        for side, direction in (("src", "out"), ("dst", "in")):
            end = self.end(side)
            if end.doc_id == doc_id and (node_ids is None or end.node_id in node_ids):
                return direction
        return None

    def to_json(self) -> dict[str, Any]:
        """The entry of ``links --json`` (a public format: keep keys stable)."""
        return {"id": self.id, "src": self.src.to_json(), "dst": self.dst.to_json(),
                "relation": self.relation, "note": self.note, "author": self.author,
                "created": self.created, "modified": self.modified, "deleted": self.deleted}


def index_version(modified: str, doc_id: str, node_id: str, replies: str = "") -> str:
    """An annotation's place and last edit, and its replies' count and last edit (``n/time``):
    a move to another version, or a reply, re-indexes it."""
    return f"{modified}@{doc_id}/{node_id}" + (f"+{replies}" if replies else "")


def placement_state(old: Anchor, placement: Placement, previous: str) -> tuple[str, bool]:
    """The anchor state after re-anchoring, and whether the stored anchor changes.

    An anchor found where it was, saying the same, keeps its state (``moved`` stays until
    the user re-attaches it; an orphan that is back where it was is ``ok`` again)."""
    if placement.anchor is None:
        return "orphan", False
    new = placement.anchor
    if (new.node_id, new.start, new.end, new.quote) == (old.node_id, old.start, old.end, old.quote):
        return ("ok" if previous == "orphan" else previous), new != old
    return "moved", True


__all__ = [
    "Annotation", "Reply", "StatusChange", "Link", "LinkEnd", "Category", "DEFAULT_CATEGORIES", "DEFAULT_RELATIONS",
    "KINDS", "STATUSES", "ANCHOR_STATES", "now", "default_author", "parse_time", "clean_tags", "clean_name",
    "check_color", "placement_state", "index_version",
]
