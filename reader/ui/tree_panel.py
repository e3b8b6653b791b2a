"""The article tree panel: the lazy DocumentTreeModel in a tree view, expand/collapse all."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QLabel, QTreeView, QWidget)

from reader.core.model import Document, NodeKind
from reader.ui.docinfo import DocInfo
from reader.ui.icons import hbox, tool_button, vbox
from reader.ui.tree_model import NODE_ID_ROLE, DocumentTreeModel


class TreePanel(QWidget):
    #: The user moved to a node (keyboard or click); ``jump`` True for a click/Enter.
    nodeSelected = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("treePanel")
        self.model = DocumentTreeModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("articleTree")
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(14)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setModel(self.model)
        self.title = QLabel(self)
        self.title.setObjectName("mutedLabel")
        self.expand_button = tool_button(self, "expand")
        self.collapse_button = tool_button(self, "collapse")
        vbox(self, hbox((self.title, 1), self.expand_button, self.collapse_button),
             (self.view, 1), margins=(6, 4, 6, 6), spacing=4)
        self._syncing = False
        self._articles = 0
        self.expand_button.clicked.connect(self.expand_all)
        self.collapse_button.clicked.connect(self.collapse_all)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.clicked.connect(lambda i: self._jump(i))
        self.view.activated.connect(lambda i: self._jump(i))
        self.retranslate()

    def retranslate(self) -> None:
        self.expand_button.setToolTip(self.tr("展开全部（Ctrl+]）"))
        self.collapse_button.setToolTip(self.tr("折叠全部（Ctrl+[）"))
        if self.model.document is None:
            self.title.setText("")
        elif self._articles:
            self.title.setText(self.tr("共 {0} 条").format(self._articles))
        else:
            self.title.setText(self.tr("共 {0} 个标题").format(self.model.rowCount()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_document(self, doc: Document | None, info: DocInfo | None = None) -> None:
        self._syncing = True
        self._articles = sum(1 for n in doc.walk() if n.kind is NodeKind.ARTICLE) if doc else 0
        self.model.set_document(doc, info)
        if doc is not None and self.model.rowCount() <= 40:
            self.view.expandToDepth(0)
        self._syncing = False
        self.retranslate()

    def expand_all(self) -> None:
        self.view.expandAll()

    def collapse_all(self) -> None:
        self.view.collapseAll()

    def select_node(self, node_id: str) -> None:
        """Mark the unit the view shows (no signal back: the view is already there)."""
        index = self.model.index_for_node(node_id) if node_id else QModelIndex()
        self._syncing = True
        try:
            if index.isValid():
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.view.scrollTo(index)
            else:
                self.view.clearSelection()
        finally:
            self._syncing = False

    def current_node(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(NODE_ID_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # a click: clicked() follows and makes it a jump
        self.nodeSelected.emit(current.data(NODE_ID_ROLE), False)

    def _jump(self, index: QModelIndex) -> None:
        if index.isValid():
            self.nodeSelected.emit(index.data(NODE_ID_ROLE), True)
