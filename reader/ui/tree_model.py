"""The article tree: a lazy QAbstractItemModel over a Document's 编/章/节/条 (or 一、/（一）).

Rows are created only when a parent is first asked for its children, so a 10,000-node
document opens at once; each row shows the label and the heading or the first words.
Internal ids index ``self._entries`` (no Python objects ride in internal pointers).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.core.model import HEADING_KINDS, Document, Node, NodeKind
from reader.ui.docinfo import TREE_KINDS, DocInfo, literal_rich_text

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class _Entry:
    __slots__ = ("node", "parent", "row", "children")

    def __init__(self, node: Node | None, parent: int, row: int) -> None:
        self.node = node
        self.parent = parent  # entry id of the parent (-1 for the root)
        self.row = row
        self.children: list[int] | None = None  # entry ids, filled on first use


def tree_children(node_children: list[Node]) -> list[Node]:
    """The units shown under a node: tree kinds, and the tree kinds inside any other unit."""
    out: list[Node] = []
    for child in node_children:
        if child.kind in TREE_KINDS:
            out.append(child)
        elif child.children and child.kind not in (NodeKind.PARAGRAPH, NodeKind.ITEM):
            out.extend(tree_children(child.children))
    return out


class DocumentTreeModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._doc: Document | None = None
        self._info: DocInfo | None = None
        self._entries: list[_Entry] = [_Entry(None, -1, 0)]
        self._by_node: dict[str, int] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- content ---------------------------------------------------------------------------

    def set_document(self, doc: Document | None, info: DocInfo | None = None) -> None:
        self.beginResetModel()
        self._doc = doc
        self._info = info if info is not None or doc is None else DocInfo(doc)
        self._entries = [_Entry(None, -1, 0)]
        self._by_node = {}
        self.endResetModel()

    @property
    def document(self) -> Document | None:
        return self._doc

    def _children(self, entry_id: int) -> list[int]:
        entry = self._entries[entry_id]
        if entry.children is None:
            source = entry.node.children if entry.node is not None else (self._doc.nodes if self._doc else [])
            entry.children = []
            for row, node in enumerate(tree_children(source)):
                self._entries.append(_Entry(node, entry_id, row))
                new_id = len(self._entries) - 1
                entry.children.append(new_id)
                self._by_node[node.id] = new_id
        return entry.children

    def _entry_id(self, index: _Index) -> int:
        return index.internalId() if index.isValid() else 0

    def node(self, index: _Index) -> Node | None:
        return self._entries[self._entry_id(index)].node if index.isValid() else None

    def index_for_node(self, node_id: str) -> QModelIndex:
        """The row of a node (or of the innermost shown unit containing it)."""
        if self._info is None:
            return QModelIndex()
        if node_id not in self._by_node:  # materialise the rows on the way down
            self._children(0)
            for ancestor in self._info.path(node_id):
                entry = self._by_node.get(ancestor.id)
                if entry is not None:
                    self._children(entry)
        entry_id = self._by_node.get(node_id)
        if entry_id is None:
            shown = self._info.tree_node(node_id)
            if shown is None or shown.id == node_id:
                return QModelIndex()
            return self.index_for_node(shown.id)
        entry = self._entries[entry_id]
        return self.createIndex(entry.row, 0, entry_id)

    # -- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0 or self._doc is None:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children(self._entry_id(parent))
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent_id = self._entries[index.internalId()].parent
        if parent_id <= 0:
            return QModelIndex()
        return self.createIndex(self._entries[parent_id].row, 0, parent_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if self._doc is None or (parent.isValid() and parent.column() != 0):
            return 0
        return len(self._children(self._entry_id(parent)))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:
        if self._doc is None or (parent.isValid() and parent.column() != 0):
            return False
        if not parent.isValid():
            return bool(self._doc.nodes)
        entry = self._entries[parent.internalId()]
        if entry.children is not None:
            return bool(entry.children)
        return bool(tree_children(entry.node.children))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and section == 0:
            return self.tr("目录")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_text(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_rich_text(self._tooltip(node))
        if role == NODE_ID_ROLE:
            return node.id
        if role == KIND_ROLE:
            return node.kind.value
        if role == Qt.ItemDataRole.FontRole and node.kind in HEADING_KINDS | {NodeKind.ATTACHMENT}:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._row_text(node)
        return None

    def _row_text(self, node: Node) -> str:
        words = self._info.first_words(node, 18) if self._info else ""
        label = node.label
        if node.kind is NodeKind.PREAMBLE and not label:
            label = self.tr("序言")
        if label and words:
            return f"{label}\u2002{words}"
        return label or words or node.id

    def _tooltip(self, node: Node) -> str:
        words = self._info.first_words(node, 80) if self._info else ""
        return f"{node.label} {words}".strip()
