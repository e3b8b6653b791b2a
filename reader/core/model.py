"""Document model: the one shape every other part of RegReader reads and writes.

A Document is a tree of Nodes.  Node ids derive from the numbering path
(``art_17__para_2__item_3``, ``l1_2__l2_3``, ``att_1``) so they stay stable across
re-imports: annotations and references point at them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Iterator


class NodeKind(str, Enum):
    """Kinds of structural unit (立法技术规范 and GB/T 9704 outline numbering)."""

    PART = "part"  # 编
    SUBPART = "subpart"  # 分编
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    ARTICLE = "article"  # 条 (incl. 第X条之一)
    PARAGRAPH = "paragraph"  # 款 (unnumbered)
    ITEM = "item"  # 项 （一）
    SUBITEM = "subitem"  # 目 1.
    LEVEL1 = "level1"  # 一、
    LEVEL2 = "level2"  # （一）
    LEVEL3 = "level3"  # 1.
    LEVEL4 = "level4"  # （1）
    PREAMBLE = "preamble"
    TEXT = "text"
    ATTACHMENT = "attachment"
    TABLE = "table"
    FOOTNOTE = "footnote"


#: Kinds that only group others; their own text is their heading line.
HEADING_KINDS = frozenset({NodeKind.PART, NodeKind.SUBPART, NodeKind.CHAPTER, NodeKind.SECTION})


@dataclass
class Node:
    """One structural unit.  ``text`` is the node's own text only (no children)."""

    id: str
    kind: NodeKind
    label: str = ""
    number: int | None = None
    heading: str = ""
    text: str = ""
    children: list[Node] = field(default_factory=list)

    def full_text(self) -> str:
        """Own text followed by the children's full texts, joined by newlines."""
        parts = [self.text] if self.text else []
        parts.extend(t for t in (c.full_text() for c in self.children) if t)
        return "\n".join(parts)

    def walk(self) -> Iterator[Node]:
        """This node and all descendants in document order."""
        return _walk([self])

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "label": self.label,
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "children": [c.to_json() for c in self.children],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Node:
        return cls(
            id=data["id"],
            kind=NodeKind(data["kind"]),
            label=data.get("label") or "",
            number=data.get("number"),
            heading=data.get("heading") or "",
            text=data.get("text") or "",
            children=[cls.from_json(c) for c in data.get("children") or []],
        )


@dataclass
class Source:
    """Where a document came from: the file and its content hash."""

    file: str
    sha256: str
    format: str = "txt"

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "sha256": self.sha256, "format": self.format}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Source:
        data = data or {}
        return cls(file=data.get("file", ""), sha256=data.get("sha256", ""), format=data.get("format", "txt"))


@dataclass
class Document:
    """A regulation, plan or notice with its metadata and node tree."""

    title: str
    nodes: list[Node] = field(default_factory=list)
    doc_number: str | None = None
    issuer: str | None = None
    issued: date | None = None
    effective: date | None = None
    expires: date | None = None
    status: str = "现行有效"
    kind: str = "规范性文件"
    source: Source = field(default_factory=lambda: Source("", ""))
    front_matter: str = ""
    warnings: list[str] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.title, self.doc_number, self.issued)

    def walk(self) -> Iterator[Node]:
        """Every node in document order."""
        return _walk(self.nodes)

    def find(self, node_id: str) -> Node | None:
        return next((n for n in self.walk() if n.id == node_id), None)

    def full_text(self) -> str:
        return "\n".join(t for t in (n.full_text() for n in self.nodes) if t)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "issued": _iso(self.issued),
            "effective": _iso(self.effective),
            "expires": _iso(self.expires),
            "status": self.status,
            "source": self.source.to_json(),
            "front_matter": self.front_matter,
            "warnings": list(self.warnings),
            "nodes": [n.to_json() for n in self.nodes],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=data["id"],
            title=data["title"],
            kind=data.get("kind") or "规范性文件",
            doc_number=data.get("doc_number"),
            issuer=data.get("issuer"),
            issued=_date(data.get("issued")),
            effective=_date(data.get("effective")),
            expires=_date(data.get("expires")),
            status=data.get("status") or "",
            source=Source.from_json(data.get("source")),
            front_matter=data.get("front_matter") or "",
            warnings=list(data.get("warnings") or []),
            nodes=[Node.from_json(n) for n in data.get("nodes") or []],
        )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


_KEY_DROP = re.compile(r"[\s\"'“”‘’《》〈〉「」『』()（）\[\]【】〔〕·・．.,，、:：;；!！?？—–\-]")


def identity_key(text: str) -> str:
    """Fold a title or doc number so trivial variants (width, brackets, spaces) compare equal."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


def document_id(title: str, doc_number: str | None, issued: date | None) -> str:
    """Stable id: the same document (same doc number and title) always gets the same id.

    Without a doc number the issue date tells versions of one title apart.
    """
    if doc_number:
        key = f"{identity_key(doc_number)}|{identity_key(title)}"
    else:
        key = f"{identity_key(title)}|{issued.isoformat() if issued else ''}"
    return "doc_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _walk(nodes: list[Node]) -> Iterator[Node]:
    """``nodes`` and their descendants in document order, with an explicit stack: nested
    generators cost a call per level for every node, and trees here are walked often."""
    stack = nodes[::-1]
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(reversed(node.children))
