"""The library panel: documents grouped by kind, issuer or year, with doc number, dates and
status on a second line; a filter box; import and remove."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette,
                           QShortcut, QStandardItem, QStandardItemModel)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QLabel, QLineEdit,
                               QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTreeView, QWidget)

from reader.ui.icons import hbox, icon, tool_button, vbox
from reader.ui.docinfo import fold, literal_rich_text

if TYPE_CHECKING:
    from reader.store.repository import DocumentSummary

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
GROUP_KEY_ROLE = Qt.ItemDataRole.UserRole + 4
GROUPINGS = ("kind", "issuer", "year", "none")
KIND_ORDER = ["宪法", "法律", "行政法规", "监察法规", "司法解释", "部门规章", "地方性法规", "地方政府规章",
              "规章", "规范性文件", "规划", "通知"]
_INVALID = ("失效", "废止")


def group_key(summary: DocumentSummary, grouping: str) -> str:
    if grouping == "kind":
        return summary.kind or ""
    if grouping == "issuer":
        issuer = (summary.issuer or "").replace("，", "、")
        return issuer.split("、")[0] if issuer else ""
    if grouping == "year":
        return str(summary.issued.year) if summary.issued else ""
    return ""


def _group_order(grouping: str, key: str) -> tuple:
    if grouping == "kind":
        return (KIND_ORDER.index(key) if key in KIND_ORDER else len(KIND_ORDER), key)
    if grouping == "year":
        return (0 if key else 1, -int(key) if key.isdigit() else 0)
    return (0 if key else 1, key)


class _DocDelegate(QStyledItemDelegate):
    """Two lines per document: the title, then doc number · dates · status (muted)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        if index.data(DOC_ID_ROLE) is None:
            return QSize(base.width(), max(base.height(), QFontMetrics(option.font).height() + 10))
        fm = QFontMetrics(option.font)
        return QSize(base.width(), fm.height() * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.data(DOC_ID_ROLE) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, meta = opt.text, index.data(META_ROLE) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        ink = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(ink)
        muted.setAlphaF(0.78 if selected else 0.6)
        rect = opt.rect.adjusted(6, 5, -6, -5)
        fm = QFontMetrics(opt.font)
        painter.save()
        font = QFont(opt.font)
        if index.data(STATUS_ROLE):
            font.setStrikeOut(True)
        painter.setFont(font)
        painter.setPen(ink)
        line1 = QRect(rect.left(), rect.top(), rect.width(), fm.height())
        painter.drawText(line1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.88))
        painter.setFont(small)
        painter.setPen(muted)
        sfm = QFontMetrics(small)
        line2 = QRect(rect.left(), rect.top() + fm.height() + 2, rect.width(), fm.height())
        painter.drawText(line2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         sfm.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()


class LibraryPanel(QWidget):
    documentActivated = Signal(str)
    importRequested = Signal()
    removeRequested = Signal(str)
    groupingChanged = Signal(str)
    versionsRequested = Signal(str)  # 版本…: the versions of this document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self._summaries: list[DocumentSummary] = []
        self._versions: dict[str, list[tuple[str, bool]]] = {}  # lineage → (label, current)
        self._grouping = "kind"
        self._collapsed: set[str] = set()
        self._current = ""

        self.filter = QLineEdit(self)
        self.filter.setObjectName("libraryFilter")
        self.filter.setClearButtonEnabled(True)
        self.grouping = QComboBox(self)
        self.grouping.setObjectName("libraryGrouping")
        self.import_button = tool_button(self, "import")
        self.remove_button = tool_button(self, "remove")
        self.view = QTreeView(self)
        self.view.setObjectName("libraryView")
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(True)
        self.view.setIndentation(12)
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setItemDelegate(_DocDelegate(self.view))
        self.view.setAllColumnsShowFocus(True)
        self.model = QStandardItemModel(self)
        self.view.setModel(self.model)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.group_label = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("mutedLabel")
        vbox(self, hbox((self.filter, 1), self.import_button, self.remove_button),
             hbox(self.group_label, (self.grouping, 1), self.count_label),
             (self.view, 1), (self.empty, 1))

        self._filter_timer = QTimer(self, singleShot=True, interval=120)
        self._filter_timer.timeout.connect(self._rebuild)
        self.filter.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter.returnPressed.connect(self._open_first)
        self.grouping.currentIndexChanged.connect(self._grouping_changed)
        self.import_button.clicked.connect(self.importRequested)
        self.remove_button.clicked.connect(self._remove_current)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.view.collapsed.connect(lambda i: self._collapsed.add(i.data(GROUP_KEY_ROLE) or ""))
        self.view.expanded.connect(lambda i: self._collapsed.discard(i.data(GROUP_KEY_ROLE) or ""))
        self.view.customContextMenuRequested.connect(self._context_menu)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._remove_current)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("筛选：标题、文号、机关…"))
        self.filter.setToolTip(self.tr("输入文字筛选文档（回车打开第一篇）"))
        self.import_button.setToolTip(self.tr("导入文件（Ctrl+O），也可把文件拖放到窗口"))
        self.remove_button.setToolTip(self.tr("从文库移除所选文档（Delete）"))
        self.group_label.setText(self.tr("分组"))
        names = {"kind": self.tr("按种类"), "issuer": self.tr("按发布机关"),
                 "year": self.tr("按年份"), "none": self.tr("不分组")}
        self.grouping.blockSignals(True)
        self.grouping.clear()
        for key in GROUPINGS:
            self.grouping.addItem(names[key], key)
        self.grouping.setCurrentIndex(GROUPINGS.index(self._grouping))
        self.grouping.blockSignals(False)
        self.grouping.setToolTip(self.tr("文档的分组方式"))
        self.empty.setText(self.tr("文库为空。\n点击“导入”或把文件拖放到窗口。"))
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- content ----------------------------------------------------------------------------

    def set_documents(self, summaries: list[DocumentSummary],
                      versions: dict[str, list[tuple[str, bool]]] | None = None) -> None:
        """One row per document (its current version); ``versions``: lineage → (label,
        current) of its versions, oldest first (for the 个版本 tooltip)."""
        self._summaries = list(summaries)
        self._versions = dict(versions or {})
        self._rebuild()

    def set_grouping(self, grouping: str) -> None:
        if grouping in GROUPINGS:
            self.grouping.setCurrentIndex(GROUPINGS.index(grouping))

    def current_grouping(self) -> str:
        return self._grouping

    def _grouping_changed(self, index: int) -> None:
        key = self.grouping.itemData(index)
        if key and key != self._grouping:
            self._grouping = key
            self._rebuild()
            self.groupingChanged.emit(key)

    def _matches(self, s: DocumentSummary, needle: str) -> bool:
        if not needle:
            return True
        hay = " ".join(x for x in (s.title, s.doc_number or "", s.issuer or "", s.kind or "",
                                   s.status or "", s.issued.isoformat() if s.issued else "") if x)
        return all(part in fold(hay) for part in needle.split())

    def _meta(self, s: DocumentSummary) -> str:
        parts = [getattr(s, "version", "") or "", s.doc_number or ""]
        if getattr(s, "versions", 1) > 1:
            parts.insert(1, self.tr("{0}个版本").format(s.versions))
        if s.issued:
            parts.append(self.tr("{0} 发布").format(s.issued.isoformat()))
        if s.effective and s.effective != s.issued:
            parts.append(self.tr("{0} 施行").format(s.effective.isoformat()))
        if s.status:
            parts.append(s.status)
        return " · ".join(p for p in parts if p)

    def _tooltip(self, s: DocumentSummary) -> str:
        rows = [(self.tr("标题"), s.title), (self.tr("种类"), s.kind), (self.tr("文号"), s.doc_number),
                (self.tr("发布机关"), s.issuer),
                (self.tr("发布日期"), s.issued.isoformat() if s.issued else ""),
                (self.tr("施行日期"), s.effective.isoformat() if s.effective else ""),
                (self.tr("状态"), s.status), (self.tr("来源文件"), s.source.file)]
        text = "\n".join(f"{k}：{v}" for k, v in rows if v)
        labels = self._versions.get(getattr(s, "lineage", "") or s.id, [])
        if len(labels) > 1:
            listed = "\n".join(f"  {n}. {label or self.tr('（未注明日期）')}"
                               + (self.tr("（现行）") if current else "")
                               for n, (label, current) in enumerate(labels, 1))
            text += "\n" + self.tr("{0}个版本：").format(len(labels)) + "\n" + listed
        return text

    def _rebuild(self) -> None:
        needle = fold(self.filter.text().strip())
        shown = [s for s in self._summaries if self._matches(s, needle)]
        self.model.clear()
        groups: dict[str, list[DocumentSummary]] = {}
        for s in shown:
            groups.setdefault(group_key(s, self._grouping), []).append(s)
        root = self.model.invisibleRootItem()
        flat = self._grouping == "none"
        selected: QModelIndex | None = None
        for key in sorted(groups, key=lambda k: _group_order(self._grouping, k)):
            if flat:
                parent = root
            else:
                name = key or self.tr("（未注明）")
                parent = QStandardItem(f"{name}  ({len(groups[key])})")
                parent.setData(key, GROUP_KEY_ROLE)
                parent.setSelectable(False)
                font = parent.font()
                font.setBold(True)
                parent.setFont(font)
                root.appendRow(parent)
            for s in groups[key]:
                item = QStandardItem(s.title)
                item.setData(s.id, DOC_ID_ROLE)
                item.setData(self._meta(s), META_ROLE)
                item.setData(any(w in (s.status or "") for w in _INVALID), STATUS_ROLE)
                item.setToolTip(literal_rich_text(self._tooltip(s)))
                item.setData(f"{s.title} {self._meta(s)}", Qt.ItemDataRole.AccessibleTextRole)
                parent.appendRow(item)
                if s.id == self._current:
                    selected = item.index()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            key = index.data(GROUP_KEY_ROLE)
            if key is not None and (key not in self._collapsed or needle):
                self.view.expand(index)
        if selected is not None:
            self.view.setCurrentIndex(selected)
        total = len(self._summaries)
        self.count_label.setText(self.tr("{0} 篇").format(total) if len(shown) == total
                                 else self.tr("{0}/{1} 篇").format(len(shown), total))
        self.empty.setVisible(total == 0)
        self.view.setVisible(total > 0)
        self.remove_button.setEnabled(total > 0)

    def select_document(self, doc_id: str) -> None:
        self._current = doc_id
        for index in self._doc_indexes():
            if index.data(DOC_ID_ROLE) == doc_id:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return

    def _doc_indexes(self):
        for row in range(self.model.rowCount()):
            top = self.model.index(row, 0)
            if top.data(DOC_ID_ROLE) is not None:
                yield top
            for r in range(self.model.rowCount(top)):
                yield self.model.index(r, 0, top)

    def visible_document_ids(self) -> list[str]:
        return [i.data(DOC_ID_ROLE) for i in self._doc_indexes()]

    def selected_document(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(DOC_ID_ROLE) if index.isValid() else None

    # -- actions ----------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID_ROLE)
        if doc_id:
            self.documentActivated.emit(doc_id)

    def _open_first(self) -> None:
        ids = self.visible_document_ids()
        if ids:
            self.select_document(ids[0])
            self.documentActivated.emit(ids[0])

    def _remove_current(self) -> None:
        doc_id = self.selected_document()
        if doc_id:
            self.removeRequested.emit(doc_id)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        doc_id = index.data(DOC_ID_ROLE) if index.isValid() else None
        menu = QMenu(self)
        if doc_id:
            menu.addAction(self.tr("打开"), lambda: self.documentActivated.emit(doc_id))
            menu.addAction(self.tr("版本…"), lambda: self.versionsRequested.emit(doc_id))
            menu.addAction(icon("remove"), self.tr("从文库移除…"), lambda: self.removeRequested.emit(doc_id))
            menu.addSeparator()
        menu.addAction(icon("import"), self.tr("导入文件…"), self.importRequested.emit)
        menu.addAction(self.tr("展开全部分组"), self.view.expandAll)
        menu.addAction(self.tr("折叠全部分组"), self.view.collapseAll)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()
