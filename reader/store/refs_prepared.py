"""A document's references prepared for the store: detected, resolved within the document,
and put in the form of the rows they will be.

Preparing needs the document alone, so it runs wherever it costs least: in a worker process
during a large import (``reader.store.refs_worker``), or in the library's own.  What needs
the whole library waits, as detected, for the import's flush (``reader.store.references``):
references to other documents, and those of a part of a volume that its own text does not
answer (民法典·合同编's 本法第一百四十三条 is in 总则).

Rows are plain tuples (``Stored``), which pickle fast and which the garbage collector does
not track; ``ref_from_row`` gives the Ref back.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from json.encoder import encode_basestring as _string  # a JSON string literal (C)
from typing import Any

from reader.core.model import Document, Node, NodeKind, identity_key
from reader.core.refs import INTERNAL, Pin, Ref, detect, resolve, version_date
from reader.core.refs.model import ARTICLE, DOCUMENT_KINDS, Pinpoint
from reader.core.refs.titles import cited_keys, volume_title

#: ref_keys prefixes: a cited doc number; the volume a part's unanswered 本法第X条 may be in.
NUMBER, VOLUME = "no:", "vol:"

#: A reference as stored: its refs row (``row``), the units of a range after the first
#: ((doc_id, node_id) for ref_targets) and the keys it may resolve under ((key, edge) for
#: ref_keys).
Stored = tuple[tuple[Any, ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]

#: What a citing document is kept as until the flush: title, doc number, issued, effective,
#: front matter.
Head = tuple[Any, ...]


@dataclass
class Waiting:
    """A just-imported document's references, prepared: those within it as the rows they will
    be; the rest as detected, with the few texts resolving them reads (``citing``)."""

    id: str
    head: Head
    date: date | None  # of this version (``version_date``): how the library index knows it
    own: tuple[Stored, ...]  # the references within the document, resolved
    texts: dict[str, str]  # the units holding pinpointed references in ``refs``
    refs: tuple[Ref, ...]  # resolved at the flush, against the whole library

    @classmethod
    def of(cls, doc: Document, own: list[Ref], refs: list[Ref]) -> Waiting:
        holding = {r.node_id for r in refs if r.node_id and r.pinpoint}  # (only a pinpoint reads them)
        texts: dict[str, str] = {}
        stack = list(doc.nodes) if holding else []
        while stack and len(texts) < len(holding):
            node = stack.pop()
            if node.id in holding:
                texts[node.id] = node.text
            stack.extend(node.children)
        head = (doc.title, doc.doc_number, doc.issued, doc.effective, doc.front_matter)
        volume = volume_key(doc.title)
        return cls(doc.id, head, version_date(doc), tuple(stored(doc.id, r, volume) for r in own), texts,
                   tuple(refs))

    @property
    def volume(self) -> str:
        return volume_key(self.head[0])

    def citing(self) -> Document:
        """What resolving ``refs`` reads of the citing document: its dates, front matter and
        the units holding them (the words after a pinpoint are checked against a later
        version of the target) — not the whole tree."""
        return citing_document(self.id, self.head, self.texts)


def prepare(doc: Document) -> Waiting:
    """Detect ``doc``'s references and resolve those within it (see the module notes)."""
    found = detect(doc)
    mine = [r for r in found if r.kind not in DOCUMENT_KINDS]
    own = resolve(mine, doc)
    later = [r for r in found if r.kind in DOCUMENT_KINDS]
    if volume_title(doc.title):  # another part of the volume may hold what this one does not
        keep: list[Ref] = []
        for detected, r in zip(mine, own):
            if r.kind == INTERNAL and not r.resolved and r.pinpoint and r.pinpoint[0].unit == ARTICLE:
                later.append(detected)
            else:
                keep.append(r)
        own = keep
    return Waiting.of(doc, own, later)


def volume_key(title: str) -> str:
    """The ref_keys key under which a part of a volume waits for the other parts ('' if none)."""
    volume = volume_title(title)
    return VOLUME + identity_key(volume) if volume else ""


def citing_document(doc_id: str, head: Head, texts: dict[str, str]) -> Document:
    """A stand-in for a citing document: ``head`` and the texts of the units holding its
    references."""
    title, number, issued, effective, front = head
    nodes = [Node(id=node_id, kind=NodeKind.TEXT, text=text) for node_id, text in texts.items()]
    return Document(title=title, nodes=nodes, doc_number=number, issued=issued, effective=effective,
                    front_matter=front, id=doc_id)


#: refs columns a Ref is rebuilt from (``ref_from_row``), the citing document's id first.
SELECT = ("r.doc_id, r.node_id, r.span_start, r.span_end, r.text, r.kind, r.target_title,"
          " r.target_doc_number, r.target_doc_id, r.target_node_id, r.resolved, r.exact, r.note, r.data")


def row(doc_id: str, ref: Ref) -> tuple[Any, ...]:
    """The refs row of a Ref: columns, then in ``data`` (JSON) only what has no column."""
    return (doc_id, ref.node_id, ref.start, ref.end, ref.text, ref.kind, ref.target_title,
            ref.target_doc_number, ref.target_doc_id, ref.target_node_id, int(ref.resolved),
            int(ref.exact), ref.note, _data(ref))


def stored(doc_id: str, ref: Ref, volume: str = "") -> Stored:
    """``ref`` of ``doc_id`` as stored; ``volume``: the citing document's ``volume_key``."""
    units: tuple[tuple[str, str], ...] = ()
    if ref.resolved and len(ref.target_node_ids) > 1 and ref.target_doc_id:
        units = tuple((ref.target_doc_id, u) for u in dict.fromkeys(ref.target_node_ids)
                      if u != ref.target_node_id)
    keys: tuple[tuple[str, str], ...] = ()
    if ref.kind in DOCUMENT_KINDS and (not ref.resolved or not ref.exact):
        if ref.target_title:
            keys = tuple((k, edge_key(k) if i == 0 else "") for i, k in enumerate(cited_keys(ref.target_title)))
        if ref.target_doc_number:
            keys += ((NUMBER + identity_key(ref.target_doc_number), ""),)
    elif volume and ref.kind == INTERNAL and not ref.resolved and ref.pinpoint \
            and ref.pinpoint[0].unit == ARTICLE:
        keys = ((volume, ""),)
    return row(doc_id, ref), units, keys


def edge_key(key: str) -> str:
    """A long title key's first and last two characters: what an inexact match keeps."""
    return key[:2] + key[-2:] if len(key) >= 8 else ""


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


def ref_from_row(row: tuple[Any, ...]) -> Ref:
    """The inverse of ``row`` (a row selected with ``SELECT``)."""
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
