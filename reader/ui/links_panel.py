"""The links panel: the links leaving and reaching the article at the reading position
(or the whole document), each with its relation, the other end's citation and note.
Double-click goes to the other end."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QMenu, QWidget

from reader.core.annotations import Link
from reader.ui.docinfo import literal_rich_text
from reader.ui.icons import item_tree, muted_label, vbox

LINK_ROLE = Qt.ItemDataRole.UserRole + 31
SIDE_ROLE = Qt.ItemDataRole.UserRole + 32


@dataclass(frozen=True)
class LinkRow:
    link: Link
    direction: str  # "out": from here to ``other``; "in": from ``other`` to here
    other: str  # the other end's citation, 《title》第十八条
    here: str  # this end's label (第十七条)


class LinksPanel(QWidget):
    #: Go to a link's other end: (link, side to show — "dst" or "src").
    linkActivated = Signal(object, str)
    deleteRequested = Signal(str)
    editRequested = Signal(str)
    wholeDocumentChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linksPanel")
        self.title = muted_label(self)
        self.whole = QCheckBox(self)
        self.whole.setObjectName("linksWholeDocument")
        self.model = QStandardItemModel(self)
        self.view = item_tree(self, "linksView", self.model, wrap=False)  # lines elide
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        vbox(self, self.title, self.whole, (self.view, 1), margins=(6, 4, 6, 6), spacing=4)
        self.whole.toggled.connect(self.wholeDocumentChanged)
        self._rows: list[LinkRow] = []
        self._place = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.whole.setText(self.tr("显示整篇文档的链接"))
        self.set_rows(self._place, self._rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_rows(self, place: str, rows: list[LinkRow]) -> None:
        self._place, self._rows = place, list(rows)
        self.title.setText(self.tr("{0} 的链接").format(place) if place else self.tr("没有打开的文档"))
        self.model.clear()
        for direction, label in (("out", self.tr("引出 → ({0})")), ("in", self.tr("引入 ← ({0})"))):
            group_rows = [r for r in rows if r.direction == direction]
            group = QStandardItem(label.format(len(group_rows)))
            group.setSelectable(False)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            self.model.appendRow(group)
            for row in group_rows:
                link = row.link
                end = link.dst if direction == "out" else link.src
                lines = [f"{link.relation}　{row.other}"]
                if row.here and self.whole.isChecked():
                    lines[0] = f"{row.here} · " + lines[0]
                if end.quote:
                    lines.append(f"“{end.quote[:40]}{'…' if len(end.quote) > 40 else ''}”")
                if link.note:
                    lines.append(" ".join(link.note.split())[:60])
                item = QStandardItem("\n".join(lines))
                item.setData(link, LINK_ROLE)
                item.setData("dst" if direction == "out" else "src", SIDE_ROLE)
                tip = [f"{link.relation}: {row.other}", link.note, link.author and f"— {link.author}"]
                if end.orphan or not end.doc_present:
                    item.setForeground(QBrush(QColor("#b5651d")))
                    tip.append(self.tr("另一端的文档已移除或找不到原文"))
                item.setToolTip(literal_rich_text("\n".join(t for t in tip if t)))
                group.appendRow(item)
        self.view.expandAll()

    def link_ids(self, direction: str | None = None) -> list[str]:
        return [r.link.id for r in self._rows if direction is None or r.direction == direction]

    def _activated(self, index: QModelIndex) -> None:
        link = index.data(LINK_ROLE) if index.isValid() else None
        if link is not None:
            self.linkActivated.emit(link, index.data(SIDE_ROLE))

    def _menu(self, point) -> None:  # noqa: ANN001
        index = self.view.indexAt(point)
        link = index.data(LINK_ROLE) if index.isValid() else None
        if link is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("转到另一端"), lambda: self.linkActivated.emit(link, index.data(SIDE_ROLE)))
        menu.addAction(self.tr("编辑链接…"), lambda: self.editRequested.emit(link.id))
        menu.addSeparator()
        menu.addAction(self.tr("删除链接"), lambda: self.deleteRequested.emit(link.id))
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()


__all__ = ["LinksPanel", "LinkRow", "LINK_ROLE"]
