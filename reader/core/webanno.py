"""Annotations and links as W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/).

The export is an ``AnnotationCollection``; each annotation or link is an ``Annotation``
with ``id`` ``urn:uuid:…``, ``created``/``modified``, a ``creator`` and:

* ``target`` — ``source`` ``urn:regreader:doc:<doc_id>``, and as selectors the node
  (a ``FragmentSelector`` whose value is the node id) refined by a ``TextQuoteSelector``
  (exact, prefix, suffix) and, as an alternative, by a ``TextPositionSelector`` (start and
  end in the node's own text).  A note on a whole clause names the node only.
* ``body`` — the note (``TextualBody``, purpose ``commenting``), each tag (purpose
  ``tagging``), the category (purpose ``classifying``).  A link has motivation
  ``linking``: its target is the link's source end, its body the other end (a
  ``SpecificResource`` shaped like a target), its relation and note as textual bodies.
* ``regreader`` — what the model has no word for (kind, status and its history, node
  hash, anchor state, deleted, the clause's opening), so a RegReader import restores
  exactly what was exported.
* A reply has motivation ``replying``; its target is the annotation's ``urn:uuid:…``, its
  text a ``TextualBody`` (purpose ``replying``).  Replies came with format 2: an older
  RegReader refuses such a file rather than misread it.

:func:`parse` checks a whole file before anything is imported and raises
:class:`FormatError` with the reason (which item, what is wrong) for a corrupt file or
one that is not RegReader's (another tool's annotations target web pages, not documents
of a RegReader library).
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from reader.core.annotations import (ANCHOR_STATES, KINDS, STATUSES, Annotation, Category,
                                     Link, LinkEnd, Reply, StatusChange, check_color,
                                     clean_name, clean_tags, now, parse_time)

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FORMAT = 2  # 2: replies and the status history
SOURCE_PREFIX = "urn:regreader:doc:"
NODE_SELECTOR = "urn:regreader:node-id"
_DOC_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")
_NODE_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,300}$")


class FormatError(ValueError):
    """The file is not a RegReader annotations export (or is damaged); says why."""


@dataclass
class Bundle:
    """What an annotations file holds."""

    annotations: list[Annotation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)


# -- export -------------------------------------------------------------------------------


def export(bundle: Bundle) -> dict[str, Any]:
    items = [_annotation_item(a) for a in bundle.annotations]
    items += [_link_item(link) for link in bundle.links]
    items += [_reply_item(r) for r in bundle.replies]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "RegReader annotations",
        "generator": {"type": "Software", "name": "RegReader"},
        "generated": now(),
        "total": len(items),
        "regreader": {"format": FORMAT, "categories": [c.to_json() for c in bundle.categories]},
        "items": items,
    }


def _urn(item_id: str) -> str:
    return f"urn:uuid:{item_id}"


def _target(doc_id: str, node_id: str, quote: str, prefix: str, suffix: str, start: int,
            end: int) -> dict[str, Any]:
    node = {"type": "FragmentSelector", "conformsTo": NODE_SELECTOR, "value": node_id}
    if not quote:  # a whole node
        return {"source": SOURCE_PREFIX + doc_id, "selector": node}
    return {
        "source": SOURCE_PREFIX + doc_id,
        "selector": [
            dict(node, refinedBy={"type": "TextQuoteSelector", "exact": quote,
                                  "prefix": prefix, "suffix": suffix}),
            dict(node, refinedBy={"type": "TextPositionSelector", "start": start, "end": end}),
        ],
    }


def _text(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "purpose": purpose, "format": "text/plain"}


def _common(item_id: str, author: str, created: str, modified: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": _urn(item_id), "type": "Annotation", "created": created,
                           "modified": modified}
    if author:
        out["creator"] = {"type": "Person", "name": author}
    return out


def _annotation_item(a: Annotation) -> dict[str, Any]:
    item = _common(a.id, a.author, a.created, a.modified)
    item["motivation"] = "commenting" if a.note else "highlighting"
    bodies = [_text(a.note, "commenting")] if a.note else []
    bodies += [_text(t, "tagging") for t in a.tags]
    if a.category:
        bodies.append(_text(a.category, "classifying"))
    if bodies:
        item["body"] = bodies
    item["target"] = _target(a.doc_id, a.node_id, a.quote, a.prefix, a.suffix, a.start, a.end)
    item["regreader"] = {
        "item": "annotation", "doc_id": a.doc_id, "node_id": a.node_id, "kind": a.kind,
        "status": a.status, "node_hash": a.node_hash, "anchor_state": a.anchor_state,
        "deleted": a.deleted,
    }
    if a.status_history:
        item["regreader"]["status_history"] = [c.to_json() for c in a.status_history]
    if a.on_clause:
        item["regreader"]["clause_opening"] = a.suffix
    return item


def _reply_item(r: Reply) -> dict[str, Any]:
    item = _common(r.id, r.author, r.created, r.modified)
    item["motivation"] = "replying"
    item["body"] = [_text(r.text, "replying")]
    item["target"] = _urn(r.annotation_id)
    item["regreader"] = {"item": "reply", "deleted": r.deleted}
    return item


def _end_json(end: LinkEnd) -> dict[str, Any]:
    out = {"doc_id": end.doc_id, "node_id": end.node_id, "node_hash": end.node_hash,
           "anchor_state": end.anchor_state}
    if not end.quote:
        out["clause_opening"] = end.suffix
    return out


def _link_item(link: Link) -> dict[str, Any]:
    item = _common(link.id, link.author, link.created, link.modified)
    item["motivation"] = "linking"
    dst = link.dst
    resource = dict(_target(dst.doc_id, dst.node_id, dst.quote, dst.prefix, dst.suffix,
                            dst.start, dst.end), type="SpecificResource")
    bodies: list[dict[str, Any]] = [resource, _text(link.relation, "classifying")]
    if link.note:
        bodies.append(_text(link.note, "commenting"))
    item["body"] = bodies
    src = link.src
    item["target"] = _target(src.doc_id, src.node_id, src.quote, src.prefix, src.suffix,
                             src.start, src.end)
    item["regreader"] = {"item": "link", "relation": link.relation, "deleted": link.deleted,
                         "src": _end_json(src), "dst": _end_json(dst)}
    return item


# -- import -------------------------------------------------------------------------------


def parse(data: Any) -> Bundle:
    """Read an exported collection; FormatError (nothing half-read) if anything is wrong."""
    if not isinstance(data, dict):
        raise FormatError("not a Web Annotation collection (the file holds a JSON "
                          f"{type(data).__name__}, not an object)")
    if data.get("type") not in ("AnnotationCollection", "AnnotationPage"):
        raise FormatError("not a Web Annotation collection (no \"type\": \"AnnotationCollection\")")
    items = data.get("items")
    if items is None and isinstance(data.get("first"), dict):
        items = data["first"].get("items")
    if not isinstance(items, list):
        raise FormatError("the collection has no list of items")
    ext = data.get("regreader")
    if ext is not None and not isinstance(ext, dict):
        raise FormatError("\"regreader\" is not an object")
    ext = ext or {}
    version = ext.get("format", FORMAT)
    if not isinstance(version, int) or version > FORMAT:
        raise FormatError(f"written by a newer RegReader (format {version}; this one reads "
                          f"up to {FORMAT})")
    bundle = Bundle()
    seen: set[str] = set()
    for n, raw in enumerate(ext.get("categories") or [], 1):
        try:
            if not isinstance(raw, dict):
                raise ValueError("not an object")
            bundle.categories.append(Category(clean_name(_str(raw, "name")),
                                              check_color(_str(raw, "color")),
                                              _str(raw, "meaning", "")))
        except (ValueError, TypeError) as exc:
            raise FormatError(f"category {n}: {exc}") from None
    for n, raw in enumerate(items, 1):
        try:
            if not isinstance(raw, dict):
                raise ValueError("not an object")
            if raw.get("type") != "Annotation":
                raise ValueError(f"type is {raw.get('type')!r}, not 'Annotation'")
            item_id = _uuid(raw.get("id"))
            if item_id in seen:
                raise ValueError(f"id {item_id} appears twice")
            seen.add(item_id)
            if raw.get("motivation") == "linking":
                bundle.links.append(_parse_link(raw, item_id))
            elif raw.get("motivation") == "replying":
                bundle.replies.append(_parse_reply(raw, item_id))
            else:
                bundle.annotations.append(_parse_annotation(raw, item_id))
        except (ValueError, TypeError, KeyError) as exc:
            ident = raw.get("id") if isinstance(raw, dict) else None
            raise FormatError(f"item {n}{f' ({ident})' if isinstance(ident, str) else ''}: "
                              f"{exc}") from None
    annotation_ids = {a.id for a in bundle.annotations}
    for reply in bundle.replies:
        if reply.annotation_id not in annotation_ids:
            raise FormatError(f"reply {reply.id}: it answers annotation {reply.annotation_id}, "
                              "which is not in the file")
    return bundle


def _str(obj: dict[str, Any], key: str, default: str | None = None) -> str:
    value = obj.get(key, default)
    if value is None and default is not None:
        value = default
    if not isinstance(value, str):
        raise ValueError(f"{key!r} is missing or not text")
    return value


def _int(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key!r} is not a non-negative integer")
    return value


def _uuid(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("no id")
    text = value[len("urn:uuid:"):] if value.startswith("urn:uuid:") else value
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise ValueError(f"id {value!r} is not a urn:uuid") from None


def _time(obj: dict[str, Any], key: str) -> str:
    value = _str(obj, key)
    parse_time(value)  # ValueError if malformed
    return value


def _bodies(raw: dict[str, Any]) -> list[dict[str, Any]]:
    body = raw.get("body", [])
    bodies = body if isinstance(body, list) else [body]
    for b in bodies:
        if not isinstance(b, dict):
            raise ValueError("a body is not an object")
    return bodies


def _texts(bodies: list[dict[str, Any]], purpose: str) -> list[str]:
    out = []
    for b in bodies:
        if b.get("type") == "TextualBody" and b.get("purpose") == purpose:
            out.append(_str(b, "value"))
    return out


@dataclass
class _Place:
    doc_id: str
    node_id: str
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0


def _place(target: Any, what: str) -> _Place:
    """doc, node and the span from a target (or a link's SpecificResource body)."""
    if not isinstance(target, dict):
        raise ValueError(f"the {what} is not an object")
    source = target.get("source")
    if not isinstance(source, str) or not source.startswith(SOURCE_PREFIX):
        raise ValueError(f"the {what} is not a document of a RegReader library "
                         f"(source {source!r})")
    doc_id = source[len(SOURCE_PREFIX):]
    if not _DOC_ID.match(doc_id):
        raise ValueError(f"bad document id {doc_id!r}")
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors]
    place: _Place | None = None
    for sel in selectors:
        if not isinstance(sel, dict) or sel.get("type") != "FragmentSelector":
            continue
        node_id = _str(sel, "value")
        if not _NODE_ID.match(node_id):
            raise ValueError(f"bad node id {node_id!r}")
        if place is None:
            place = _Place(doc_id, node_id)
        elif place.node_id != node_id:
            raise ValueError("the selectors name different nodes")
        refined = sel.get("refinedBy")
        if refined is None:
            continue
        if not isinstance(refined, dict):
            raise ValueError("refinedBy is not an object")
        if refined.get("type") == "TextQuoteSelector":
            place.quote = _str(refined, "exact")
            place.prefix = _str(refined, "prefix", "")
            place.suffix = _str(refined, "suffix", "")
        elif refined.get("type") == "TextPositionSelector":
            place.start, place.end = _int(refined, "start"), _int(refined, "end")
            if place.end < place.start:
                raise ValueError("TextPositionSelector ends before it starts")
    if place is None:
        raise ValueError(f"the {what} names no node (no FragmentSelector)")
    if place.quote and place.end - place.start != len(place.quote):
        place.start, place.end = 0, len(place.quote)  # no usable position: the quote decides
    return place


def _ext(raw: dict[str, Any]) -> dict[str, Any]:
    ext = raw.get("regreader") or {}
    if not isinstance(ext, dict):
        raise ValueError("\"regreader\" is not an object")
    return ext


def _choice(value: Any, allowed: tuple[str, ...], what: str, default: str) -> str:
    if value is None:
        return default
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}")
    return value


def _creator(raw: dict[str, Any]) -> str:
    creator = raw.get("creator")
    if isinstance(creator, dict):
        return str(creator.get("name") or "")
    return creator if isinstance(creator, str) else ""


def _deleted(ext: dict[str, Any]) -> str | None:
    deleted = ext.get("deleted")
    if deleted is not None:
        if not isinstance(deleted, str):
            raise ValueError("'deleted' is not a time")
        parse_time(deleted)
    return deleted


def _parse_annotation(raw: dict[str, Any], item_id: str) -> Annotation:
    ext = _ext(raw)
    place = _place(raw.get("target"), "target")
    bodies = _bodies(raw)
    kind = _choice(ext.get("kind"), KINDS, "kind",
                   "clause_note" if not place.quote else
                   ("note" if _texts(bodies, "commenting") else "highlight"))
    if (kind == "clause_note") != (not place.quote):
        raise ValueError("a whole-clause note has no quote and a span note has one")
    suffix = place.suffix
    if kind == "clause_note":
        suffix = ext.get("clause_opening", "")
        if not isinstance(suffix, str):
            raise ValueError("'clause_opening' is not text")
    categories = _texts(bodies, "classifying")
    node_hash = ext.get("node_hash", "")
    if not isinstance(node_hash, str):
        raise ValueError("'node_hash' is not text")
    return Annotation(
        id=item_id, doc_id=place.doc_id, node_id=place.node_id, start=place.start,
        end=place.end, quote=place.quote, prefix=place.prefix, suffix=suffix,
        node_hash=node_hash, kind=kind, category=clean_name(categories[0]) if categories else "",
        note="\n".join(_texts(bodies, "commenting")), tags=tuple(clean_tags(_texts(bodies, "tagging"))),
        status=_choice(ext.get("status"), STATUSES, "status", "open"), author=_creator(raw),
        created=_time(raw, "created"), modified=_time(raw, "modified"), deleted=_deleted(ext),
        anchor_state=_choice(ext.get("anchor_state"), ANCHOR_STATES, "anchor state", "ok"),
        status_history=_status_history(ext.get("status_history")),
    )


def _status_history(raw: Any) -> tuple[StatusChange, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError("'status_history' is not a list")
    changes = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise ValueError("a status change is not an object")
        status = entry.get("status")
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r} in the status history")
        changes.append(StatusChange(status, _str(entry, "author", ""), _time(entry, "at")))
    return tuple(changes)


def _parse_reply(raw: dict[str, Any], item_id: str) -> Reply:
    target = raw.get("target")
    if isinstance(target, dict):
        target = target.get("id") or target.get("source")
    texts = _texts(_bodies(raw), "replying") or _texts(_bodies(raw), "commenting")
    if not texts or not "".join(texts).strip():
        raise ValueError("the reply has no text")
    return Reply(id=item_id, annotation_id=_uuid(target), text="\n".join(texts),
                 author=_creator(raw), created=_time(raw, "created"),
                 modified=_time(raw, "modified"), deleted=_deleted(_ext(raw)))


def _link_end(place: _Place, ext: Any) -> LinkEnd:
    ext = ext if isinstance(ext, dict) else {}
    suffix = place.suffix if place.quote else ext.get("clause_opening", "")
    node_hash = ext.get("node_hash", "")
    if not isinstance(suffix, str) or not isinstance(node_hash, str):
        raise ValueError("a link end's extension is malformed")
    return LinkEnd(place.doc_id, place.node_id, place.start, place.end, place.quote,
                   place.prefix, suffix, node_hash,
                   _choice(ext.get("anchor_state"), ANCHOR_STATES, "anchor state", "ok"))


def _parse_link(raw: dict[str, Any], item_id: str) -> Link:
    ext = _ext(raw)
    bodies = _bodies(raw)
    resources = [b for b in bodies if b.get("type") == "SpecificResource" or "source" in b]
    if len(resources) != 1:
        raise ValueError("a link needs exactly one linked resource in its body")
    src = _link_end(_place(raw.get("target"), "target"), ext.get("src"))
    dst = _link_end(_place(resources[0], "linked resource"), ext.get("dst"))
    relations = _texts(bodies, "classifying")
    relation = ext.get("relation") or (relations[0] if relations else "参见")
    if not isinstance(relation, str):
        raise ValueError("the relation is not text")
    return Link(id=item_id, src=src, dst=dst, relation=clean_name(relation, "relation"),
                note="\n".join(_texts(bodies, "commenting")), author=_creator(raw),
                created=_time(raw, "created"), modified=_time(raw, "modified"),
                deleted=_deleted(ext))


__all__ = ["Bundle", "FormatError", "export", "parse", "CONTEXT", "SOURCE_PREFIX"]
