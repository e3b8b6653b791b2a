"""Dialogs of the annotation commands: a note (category, tags, note, status), a link's
target (picked by search or from a document's tree), and the category editor.  They only
collect what the user chose; the AnnotationController writes it through the Library."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QColorDialog, QComboBox, QCompleter,
                               QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from reader.core.annotations import Category, clean_tags
from reader.ui.docinfo import DocInfo
from reader.ui.icons import hbox, item_tree, muted_label
from reader.ui.tree_model import NODE_ID_ROLE, DocumentTreeModel

TARGET_ROLE = Qt.ItemDataRole.UserRole + 11


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """The dialog's OK and Cancel buttons, wired to accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def swatch(color: str, size: int = 14, border: str | None = None) -> QIcon:
    """A small rounded colour square (categories in menus, combos and lists)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = QColor(color)
    painter.setBrush(c)
    painter.setPen(QColor(border) if border else c.darker(130))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def category_combo(parent: QWidget, categories: list[Category], current: str,
                   none_label: str | None = None) -> QComboBox:
    """A combo of the categories with their colours (and "no category" when labelled)."""
    combo = QComboBox(parent)
    if none_label is not None:
        combo.addItem(none_label, "")
    for cat in categories:
        combo.addItem(swatch(cat.color), cat.name, cat.name)
        if cat.meaning:
            combo.setItemData(combo.count() - 1, cat.meaning, Qt.ItemDataRole.ToolTipRole)
    if current and combo.findData(current) < 0:  # a hidden (deleted) category still in use
        combo.addItem(current, current)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


@dataclass
class NoteValues:
    note: str
    tags: list[str]
    category: str
    status: str


class NoteDialog(QDialog):
    """Edit what an annotation says: category, tags, note, status."""

    def __init__(self, parent: QWidget | None, title: str, place: str, quote: str,
                 categories: list[Category], known_tags: list[str], *, note: str = "",
                 tags: tuple[str, ...] | list[str] = (), category: str = "",
                 status: str = "open", focus: str = "note") -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.place = muted_label(self, place)
        self.quote = QLabel(self)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        self.quote.setObjectName("quoteLabel")
        shown = quote if len(quote) <= 160 else quote[:159] + "…"
        self.quote.setText(f"“{shown}”" if quote else self.tr("（整条批注）"))
        self.category = category_combo(self, categories, category, self.tr("（无分类）"))
        self.tags = QLineEdit(self)
        self.tags.setObjectName("tagsEdit")
        self.tags.setPlaceholderText(self.tr("用空格或逗号分隔，如：待办 复核"))
        self.tags.setText(" ".join(tags))
        completer = QCompleter(QStringListModel(known_tags, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tags.setCompleter(completer)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(self.tr("这一条对你的案件意味着什么…"))
        self.note.setPlainText(note)
        self.note.setTabChangesFocus(True)
        self.resolved = QCheckBox(self.tr("已解决"), self)
        self.resolved.setChecked(status == "resolved")
        self._unresolved = status if status != "resolved" else "open"  # answered stays answered
        buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow(self.tr("分类"), self.category)
        form.addRow(self.tr("标签"), self.tags)
        layout = QVBoxLayout(self)
        layout.addWidget(self.place)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("批注"), self))
        layout.addWidget(self.note, 1)
        layout.addWidget(self.resolved)
        layout.addWidget(buttons)
        (self.tags if focus == "tags" else self.note).setFocus()

    def values(self) -> NoteValues:
        try:
            tags = clean_tags(self.tags.text())
        except ValueError:
            tags = []
        return NoteValues(self.note.toPlainText(), tags, self.category.currentData() or "",
                          "resolved" if self.resolved.isChecked() else self._unresolved)

    def accept(self) -> None:
        try:
            clean_tags(self.tags.text())
        except ValueError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()


class ReplyDialog(QDialog):
    """Ask for a reply to a note: the place, quote and note it answers, and the text."""

    def __init__(self, parent: QWidget | None, place: str, quote: str, note: str) -> None:
        super().__init__(parent)
        self.setObjectName("replyDialog")
        self.setWindowTitle(self.tr("回复批注"))
        self.setMinimumWidth(420)
        said = QLabel(self)
        said.setTextFormat(Qt.TextFormat.PlainText)
        said.setWordWrap(True)
        shown = " ".join(note.split())
        shown = shown if len(shown) <= 160 else shown[:159] + "…"
        said.setText("\n".join(x for x in (f"“{quote[:80]}”" if quote else self.tr("（整条批注）"), shown) if x))
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("replyEdit")
        self.edit.setPlaceholderText(self.tr("您的答复…"))
        self.edit.setTabChangesFocus(True)
        self.buttons = ok_cancel(self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.edit.textChanged.connect(lambda: ok.setEnabled(bool(self.edit.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(muted_label(self, place))
        layout.addWidget(said)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.buttons)
        self.edit.setFocus()

    def text(self) -> str:
        return self.edit.toPlainText().strip()


@dataclass
class LinkTarget:
    doc_id: str
    node_id: str
    relation: str
    note: str


class LinkDialog(QDialog):
    """Pick the clause to link to — by searching the library or from a document's tree —
    and the relation."""

    def __init__(self, parent: QWidget | None, library: Any, source: str,
                 relations: list[str], current_doc: str | None,
                 run: Callable[[Callable[[], Any], Callable[[Any], None]], None] | None = None,
                 relation: str = "", note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle(self.tr("链接到…"))
        self.resize(620, 560)
        self.library = library
        self._run = run
        self._generation = 0
        self._docs = {s.id: s for s in library.documents()}
        self._target: tuple[str, str] | None = None
        self.source = QLabel(source, self)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setWordWrap(True)
        self.relation = QComboBox(self)
        self.relation.setObjectName("relationCombo")
        self.relation.setEditable(True)
        self.relation.addItems(relations)
        if relation:
            self.relation.setCurrentText(relation)
        self.tabs = QTabWidget(self)
        # search
        search_page = QWidget(self)
        self.query = QLineEdit(search_page)
        self.query.setObjectName("linkSearch")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(self.tr("搜索要链接的条文，如：测绘成果 或 第十八条"))
        self.hits = QListWidget(search_page)
        self.hits.setObjectName("linkHits")
        self.hits.setWordWrap(True)
        self.hits.setUniformItemSizes(False)
        self.hits.setSpacing(3)
        self.hits.setAlternatingRowColors(True)
        self._current_doc = current_doc
        box = QVBoxLayout(search_page)
        box.setContentsMargins(4, 6, 4, 4)
        box.addWidget(self.query)
        box.addWidget(self.hits, 1)
        self.tabs.addTab(search_page, self.tr("搜索"))
        # tree
        tree_page = QWidget(self)
        self.doc_combo = QComboBox(tree_page)
        self.doc_combo.setObjectName("linkDocument")
        for summary in library.documents():
            self.doc_combo.addItem(summary.title, summary.id)
        self.tree_model = DocumentTreeModel(self)
        self.tree = item_tree(tree_page, "linkTree", self.tree_model, wrap=False)
        box = QVBoxLayout(tree_page)
        box.setContentsMargins(4, 6, 4, 4)
        box.addWidget(self.doc_combo)
        box.addWidget(self.tree, 1)
        self.tabs.addTab(tree_page, self.tr("目录"))
        self.chosen = muted_label(self)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("linkNote")
        self.note.setPlaceholderText(self.tr("链接说明（可选）"))
        self.note.setPlainText(note)
        self.note.setMaximumHeight(80)
        self.buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow(self.tr("从"), self.source)
        form.addRow(self.tr("关系"), self.relation)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.chosen)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.search)
        self.query.textEdited.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self.search)
        self.hits.currentItemChanged.connect(self._hit_chosen)
        self.hits.itemDoubleClicked.connect(lambda _i: self.accept())
        self.doc_combo.currentIndexChanged.connect(self._doc_changed)
        self.tree.selectionModel().currentChanged.connect(self._tree_chosen)
        self.tree.doubleClicked.connect(lambda _i: self.accept())
        if current_doc is not None and self.doc_combo.findData(current_doc) >= 0:
            self.doc_combo.setCurrentIndex(self.doc_combo.findData(current_doc))
        self._doc_changed()
        self._update_ok()
        self.query.setFocus()

    # -- search --------------------------------------------------------------------------

    def search(self) -> None:
        self._debounce.stop()
        query = self.query.text().strip()
        self._generation += 1
        generation = self._generation
        if not query:
            self.hits.clear()
            return
        library = self.library

        def work() -> Any:
            return library.search(query, limit=60)

        def done(results: Any) -> None:
            if generation == self._generation:
                self.show_hits(results)

        if self._run is not None:
            self._run(work, done)
        else:
            done(work())

    def show_hits(self, results: Any) -> None:
        self.hits.clear()
        # the open document's clauses first (links within a document are the common case)
        hits = sorted((h for h in results.hits if h.node_id),
                      key=lambda h: h.doc_id != self._current_doc)
        for hit in hits:
            label = hit.label or ""
            item = QListWidgetItem(f"{hit.doc_title} · {label}\n{hit.snippet}")
            item.setData(TARGET_ROLE, (hit.doc_id, hit.node_id))
            item.setToolTip(hit.snippet)
            self.hits.addItem(item)
        if not self.hits.count():
            item = QListWidgetItem(self.tr("没有找到"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.hits.addItem(item)

    def _hit_chosen(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        target = item.data(TARGET_ROLE) if item is not None else None
        if target:
            self._set_target(*target)

    # -- tree ----------------------------------------------------------------------------

    def _doc_changed(self, _index: int = 0) -> None:
        doc_id = self.doc_combo.currentData()
        if not doc_id:
            self.tree_model.set_document(None)
            return
        doc = self.library.document(doc_id)
        self.tree_model.set_document(doc, DocInfo(doc))
        if self.tree_model.rowCount() <= 40:
            self.tree.expandToDepth(0)

    def _tree_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node_id = current.data(NODE_ID_ROLE) if current.isValid() else None
        if node_id:
            self._set_target(self.doc_combo.currentData(), node_id)

    def select_in_tree(self, doc_id: str, node_id: str) -> bool:
        """Choose a target from the tree (tests, and the window's 'link to here')."""
        self.tabs.setCurrentIndex(1)
        index = self.doc_combo.findData(doc_id)
        if index < 0:
            return False
        self.doc_combo.setCurrentIndex(index)
        model_index = self.tree_model.index_for_node(node_id)
        if not model_index.isValid():
            return False
        self.tree.setCurrentIndex(model_index)
        self._set_target(doc_id, node_id)
        return True

    # -- result --------------------------------------------------------------------------

    def _set_target(self, doc_id: str, node_id: str) -> None:
        self._target = (doc_id, node_id)
        summary = self._docs.get(doc_id)
        title = summary.title if summary else doc_id
        try:
            info = DocInfo(self.library.document(doc_id))
            label = info.cite_label(node_id) or node_id
        except Exception:  # noqa: BLE001 - removed meanwhile: show the id
            label = node_id
        self.chosen.setText(self.tr("到：《{0}》{1}").format(title, label))
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._target is not None)

    def target(self) -> LinkTarget | None:
        if self._target is None:
            return None
        return LinkTarget(self._target[0], self._target[1],
                          self.relation.currentText().strip() or "参见", self.note.toPlainText())

    def accept(self) -> None:
        if self._target is None:
            return
        if not self.relation.currentText().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("请选择或填写链接关系"))
            return
        super().accept()


@dataclass
class CategoryRow:
    original: str | None  # None: a new category
    name: str
    color: str
    meaning: str


class CategoryEditor(QDialog):
    """Add, rename, recolour, describe and hide the highlight categories."""

    def __init__(self, parent: QWidget | None, categories: list[Category],
                 usage: dict[str, int]) -> None:
        super().__init__(parent)
        self.setObjectName("categoryEditor")
        self.setWindowTitle(self.tr("管理分类"))
        self.resize(560, 360)
        self.usage = usage
        self.removed: list[str] = []
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("categoryTable")
        self.table.setHorizontalHeaderLabels([self.tr("颜色与名称"), self.tr("含义"), self.tr("使用")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for cat in categories:
            self._add_row(CategoryRow(cat.name, cat.name, cat.color, cat.meaning))
        self.add_button = QPushButton(self.tr("添加"), self)
        self.color_button = QPushButton(self.tr("颜色…"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.remove_button.setToolTip(self.tr("删除后不再可选；已有的高亮保留原颜色（可撤销）"))
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(hbox(self.add_button, self.color_button, self.remove_button, (QWidget(self), 1)))
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_category)
        self.color_button.clicked.connect(self.pick_color)
        self.remove_button.clicked.connect(self.remove_selected)

    def _add_row(self, row: CategoryRow) -> int:
        n = self.table.rowCount()
        self.table.insertRow(n)
        name = QTableWidgetItem(swatch(row.color, 16), row.name)
        name.setData(Qt.ItemDataRole.UserRole, (row.original, row.color))
        self.table.setItem(n, 0, name)
        self.table.setItem(n, 1, QTableWidgetItem(row.meaning))
        used = QTableWidgetItem(str(self.usage.get(row.original or "", 0)))
        used.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(n, 2, used)
        return n

    def add_category(self, name: str = "", color: str = "#7cb342") -> int:
        row = self._add_row(CategoryRow(None, name or self.tr("新分类"), color, ""))
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        return row

    def set_color(self, row: int, color: str) -> None:
        item = self.table.item(row, 0)
        original, _old = item.data(Qt.ItemDataRole.UserRole)
        item.setData(Qt.ItemDataRole.UserRole, (original, color))
        item.setIcon(swatch(color, 16))

    def pick_color(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        _original, color = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        chosen = QColorDialog.getColor(QColor(color), self, self.tr("分类颜色"))
        if chosen.isValid():
            self.set_color(row, chosen.name())

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        original, _color = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if original:
            self.removed.append(original)
        self.table.removeRow(row)

    def rows(self) -> list[CategoryRow]:
        out = []
        for n in range(self.table.rowCount()):
            item = self.table.item(n, 0)
            original, color = item.data(Qt.ItemDataRole.UserRole)
            meaning = self.table.item(n, 1).text() if self.table.item(n, 1) else ""
            out.append(CategoryRow(original, " ".join(item.text().split()), color, meaning.strip()))
        return out

    def accept(self) -> None:
        names = [r.name for r in self.rows()]
        if any(not n for n in names):
            QMessageBox.warning(self, self.windowTitle(), self.tr("分类名称不能为空"))
            return
        if len(set(names)) != len(names):
            QMessageBox.warning(self, self.windowTitle(), self.tr("分类名称不能重复"))
            return
        super().accept()




class RelationDialog(QDialog):
    """Change a link's relation and note."""

    def __init__(self, parent: QWidget | None, place: str, relations: list[str], relation: str,
                 note: str) -> None:
        super().__init__(parent)
        self.setObjectName("relationDialog")
        self.setWindowTitle(self.tr("编辑链接"))
        self.setMinimumWidth(420)
        label = QLabel(place, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.relation = QComboBox(self)
        self.relation.setEditable(True)
        self.relation.addItems(relations)
        self.relation.setCurrentText(relation)
        self.note = QPlainTextEdit(self)
        self.note.setPlainText(note)
        buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow(self.tr("关系"), self.relation)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.note, 1)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str]:
        return self.relation.currentText().strip(), self.note.toPlainText()


__all__ = ["NoteDialog", "NoteValues", "LinkDialog", "LinkTarget", "CategoryEditor",
           "CategoryRow", "RelationDialog", "swatch", "category_combo"]
