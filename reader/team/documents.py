"""Documents shared by content: a colleague who never had the file gets the text with the
notes.  The payload is the parsed tree (not the file): every library then holds the same
node ids, so anchors mean the same thing everywhere.  What arrives is rebuilt, checked and
must hash to the name it came under."""
from __future__ import annotations

from datetime import date
from typing import Any

from reader.core.lineage import content_hash
from reader.core.model import Document, Node, NodeKind, Source
from reader.team.errors import BadServerData

_META = ("title", "kind", "doc_number", "issuer", "issued", "effective", "expires", "status",
         "front_matter", "source_format", "local_id")
MAX_NODES = 200_000
MAX_NODE_TEXT = 1_000_000


def payload(doc: Document) -> tuple[dict[str, Any], list[list[Any]]]:
    """(metadata, nodes in pre-order as [id, parent id, kind, label, number, heading, text])."""
    data = {"title": doc.title, "kind": doc.kind, "doc_number": doc.doc_number,
            "issuer": doc.issuer, "issued": _iso(doc.issued), "effective": _iso(doc.effective),
            "expires": _iso(doc.expires), "status": doc.status or "",
            "front_matter": doc.front_matter or "", "source_format": doc.source.format,
            "local_id": doc.id}
    rows: list[list[Any]] = []
    stack: list[tuple[Node, str | None]] = [(n, None) for n in reversed(doc.nodes)]
    while stack:
        node, parent = stack.pop()
        kind = node.kind.value if isinstance(node.kind, NodeKind) else str(node.kind)
        rows.append([node.id, parent, kind, node.label or "", node.number, node.heading or "",
                     node.text or ""])
        stack.extend((child, node.id) for child in reversed(node.children))
    return data, rows


def document_from_payload(digest: str, data: Any, nodes: Any) -> Document:
    """The Document a server row describes; TeamError if it is malformed or its text does
    not hash to ``digest``."""
    where = f"the team server sent a bad document ({str(digest)[:12]}…)"
    if not isinstance(data, dict) or not isinstance(nodes, list):
        raise BadServerData(f"{where}: not a document")
    if len(nodes) > MAX_NODES:
        raise BadServerData(f"{where}: more than {MAX_NODES} units")
    for key in _META:
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > 100_000):
            raise BadServerData(f"{where}: the field {key!r} is not text")
    if not data.get("title"):
        raise BadServerData(f"{where}: it has no title")
    doc = Document(title=data["title"], kind=data.get("kind") or "规范性文件",
                   doc_number=data.get("doc_number"), issuer=data.get("issuer"),
                   issued=_date(data.get("issued"), where), effective=_date(data.get("effective"), where),
                   expires=_date(data.get("expires"), where), status=data.get("status") or "",
                   source=Source(f"team:{digest}", "", data.get("source_format") or "team"),
                   front_matter=data.get("front_matter") or "", id=_local_id(data.get("local_id")))
    by_id: dict[str, Node] = {}
    for row in nodes:
        node, parent = _node(row, where)
        if node.id in by_id:
            raise BadServerData(f"{where}: the unit id {node.id!r} appears twice")
        if parent is not None and parent not in by_id:
            raise BadServerData(f"{where}: the unit {node.id!r} comes before its parent")
        by_id[node.id] = node
        (by_id[parent].children if parent is not None else doc.nodes).append(node)
    if content_hash(doc) != digest:
        raise BadServerData(f"{where}: its text does not match its content hash")
    return doc


def _node(row: Any, where: str) -> tuple[Node, str | None]:
    if not isinstance(row, list) or len(row) != 7:
        raise BadServerData(f"{where}: a unit is not [id, parent, kind, label, number, heading, text]")
    node_id, parent, kind, label, number, heading, text = row
    texts_ok = all(isinstance(v, str) and len(v) <= MAX_NODE_TEXT for v in (node_id, kind, label, heading, text))
    if not texts_ok or not node_id or (parent is not None and not isinstance(parent, str)):
        raise BadServerData(f"{where}: a unit has fields of the wrong type")
    if number is not None and (not isinstance(number, int) or isinstance(number, bool)):
        raise BadServerData(f"{where}: the unit {node_id!r} has a number that is not a number")
    try:
        node_kind = NodeKind(kind)
    except ValueError as exc:
        raise BadServerData(f"{where}: the unit {node_id!r} has an unknown kind {kind[:20]!r}") from exc
    return Node(id=node_id, kind=node_kind, label=label, number=number, heading=heading, text=text), parent


def _local_id(value: Any) -> str:
    """The sender's id for the document, if it is a plausible one (else one is made)."""
    if isinstance(value, str) and 0 < len(value) <= 100 and value.isprintable() and "/" not in value:
        return value
    return ""


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise BadServerData(f"{where}: {value!r} is not a date") from exc
