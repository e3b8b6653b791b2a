"""Cross-references: detect what a document cites, resolve it to nodes and documents.

    refs = detect(doc)                       # where the words are, what they name
    index = LibraryIndex(nodes=ids_of)       # the library: titles/numbers → documents
    index.add(doc_id, title, doc_number, version_date(doc))
    refs = resolve(refs, doc, index)         # where they lead (new Ref objects)

A ``Ref`` gives the node and the offsets of its words, its kind (internal, relative,
external, attachment, doc_number, repeal, issue), what it names (``target_title``,
``target_doc_number``, ``pinpoint``) and, after ``resolve``, ``target_doc_id`` /
``target_node_id`` (the most specific unit: a paragraph for 第二款; ``target_node_ids``
lists a range), ``resolved``, ``exact`` and a ``note`` saying why not.  ``to_json`` /
``from_json`` keep everything ``resolve`` needs, so stored references can be resolved again
when a document they cite is imported later.

Modules: model (Ref, Pin, kinds), grammar (wording of pinpoints, titles, doc numbers),
lexicon (law short names), detect, titles (title keys, inexact matching), outline
(pinpoint → node id from node ids alone), resolve (LibraryIndex, version_date, resolve).
"""
from __future__ import annotations

from reader.core.model import Document
from reader.core.refs.detect import detect
from reader.core.refs.model import (
    ATTACHMENT,
    DOC_NUMBER,
    EXTERNAL,
    INTERNAL,
    ISSUE,
    KINDS,
    RELATIVE,
    REPEAL,
    Pin,
    Ref,
    pinpoint_label,
)
from reader.core.refs.resolve import Entry, Found, LibraryIndex, resolve, version_date
from reader.core.refs.titles import INEXACT_THRESHOLD


def detect_and_resolve(doc: Document, library: LibraryIndex | None = None) -> list[Ref]:
    """Both steps at once: every reference in ``doc`` with its target."""
    return resolve(detect(doc), doc, library)


__all__ = [
    "ATTACHMENT", "DOC_NUMBER", "EXTERNAL", "INEXACT_THRESHOLD", "INTERNAL", "ISSUE", "KINDS", "RELATIVE", "REPEAL",
    "Entry", "Found", "LibraryIndex", "Pin", "Ref", "detect", "detect_and_resolve", "pinpoint_label", "resolve",
    "version_date",
]
