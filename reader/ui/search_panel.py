"""The search panel: a query, a scope (library / this document / titles), and the results
grouped by document with counts and highlighted snippets.  The window runs the search on a
worker thread (searchRequested → show_results)."""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QAbstractTextDocumentLayout, QPalette, QStandardItem,
                           QStandardItemModel, QTextDocument)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QLabel, QLineEdit,
                               QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QWidget)

from reader.ui import theme
from reader.ui.icons import hbox, tool_button, vbox
from reader.ui.docinfo import literal_rich_text
from reader.ui.search_backend import Hit, Results

SCOPES = ("library", "document", "titles", "annotations")
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


def snippet_html(hit: Hit, mark: str) -> str:
    """The snippet as rich text: every character escaped, the spans highlighted."""
    text, out, pos = hit.snippet, [], 0
    for start, end in hit.spans:
        if start < pos or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<span style="background-color:{mark}; color:#000">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    if hit.label and text.startswith(hit.label) and not any(s < len(hit.label) for s, _e in hit.spans):
        return f"<b>{html.escape(hit.label)}</b>" + body[len(html.escape(hit.label)):]
    label = f"<b>{html.escape(hit.label)}</b>\u3000" if hit.label else ""
    return label + body


class _SnippetDelegate(QStyledItemDelegate):
    """Hit rows: rich text (escaped snippet with highlights), wrapped to the column."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(index.data(HTML_ROLE))
        doc.setTextWidth(max(60, width))
        return doc

    def _width(self, option: QStyleOptionViewItem) -> int:
        """The text width of a hit row (a child row: two indentations in), as painted."""
        view = self.parent()
        if isinstance(view, QTreeView):
            return view.viewport().width() - 2 * view.indentation() - 8
        return option.rect.width() - 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.data(HTML_ROLE) is None:
            size = super().sizeHint(option, index)
            return QSize(size.width(), size.height() + 8)
        doc = self._document(option, index, self._width(option))
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 8)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: ANN001
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, index, opt.rect.width() - 8)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.left() + 4, opt.rect.top() + 4)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


class SearchPanel(QWidget):
    searchRequested = Signal(str, str)  # query, scope
    hitActivated = Signal(object, object)  # Hit, terms (list[str])
    previousRequested = Signal()
    nextRequested = Signal()
    scopeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._results: Results | None = None
        self._theme = "light"
        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setClearButtonEnabled(True)
        self.scope = QComboBox(self)
        self.scope.setObjectName("searchScope")
        self.old_versions = QCheckBox(self)
        self.old_versions.setObjectName("searchOldVersions")
        self.run_button = tool_button(self, "search")
        self.prev_button = tool_button(self, "up")
        self.next_button = tool_button(self, "down")
        self.summary = QLabel(self)
        self.summary.setObjectName("mutedLabel")
        self.summary.setWordWrap(True)
        self.results = QTreeView(self)
        self.results.setObjectName("searchResults")
        self.results.setHeaderHidden(True)
        self.results.setIndentation(10)
        self.results.setWordWrap(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setItemDelegate(_SnippetDelegate(self.results))
        self.model = QStandardItemModel(self)
        self.results.setModel(self.model)
        self.results.viewport().installEventFilter(self)  # a scroll bar appearing narrows it

        self.scope_label = QLabel(self)
        vbox(self, hbox((self.query, 1), self.run_button),
             hbox(self.scope_label, (self.scope, 1), self.prev_button, self.next_button),
             self.old_versions, self.summary, (self.results, 1))

        self._debounce = QTimer(self, singleShot=True, interval=350)
        self._debounce.timeout.connect(self.run)
        self.query.textEdited.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.old_versions.toggled.connect(lambda _on: self._scope_changed(0))
        self.results.activated.connect(self._activated)
        self.results.clicked.connect(self._activated)
        self.prev_button.clicked.connect(self.previousRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("全文搜索…（回车）"))
        self.query.setToolTip(self.tr("查找包含这段文字的条文；多个词用空格分开"))
        self.run_button.setToolTip(self.tr("搜索"))
        self.prev_button.setToolTip(self.tr("上一处（Shift+F3）"))
        self.next_button.setToolTip(self.tr("下一处（F3）"))
        self.scope_label.setText(self.tr("范围"))
        current = self.current_scope()
        names = {"library": self.tr("全部文库"), "document": self.tr("当前文档"), "titles": self.tr("仅标题"),
                 "annotations": self.tr("批注与标签")}
        self.scope.blockSignals(True)
        self.scope.clear()
        for key in SCOPES:
            self.scope.addItem(names[key], key)
        self.scope.setCurrentIndex(SCOPES.index(current))
        self.scope.blockSignals(False)
        self.scope.setToolTip(self.tr("在哪里搜索"))
        self.old_versions.setText(self.tr("包括历史版本"))
        self.old_versions.setToolTip(self.tr("也搜索文档的较早版本（默认只搜索现行版本）"))
        if self._results is not None:
            self.show_results(self._results)
        else:
            self.summary.setText(self.tr("输入要查找的文字。"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        if obj is self.results.viewport() and event.type() == QEvent.Type.Resize \
                and event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self.results.doItemsLayout)  # snippet heights follow the width
        return super().eventFilter(obj, event)

    def set_theme(self, name: str) -> None:
        self._theme = name
        if self._results is not None:
            self.show_results(self._results)

    def current_scope(self) -> str:
        key = self.scope.currentData() if self.scope.count() else None
        return key if key in SCOPES else "library"

    def set_scope(self, scope: str) -> None:
        if scope in SCOPES:
            self.scope.setCurrentIndex(SCOPES.index(scope))

    def all_versions(self) -> bool:
        """Search older versions of documents too."""
        return self.old_versions.isChecked()

    def _scope_changed(self, _index: int) -> None:
        self.scopeChanged.emit(self.current_scope())
        if self.query.text().strip():
            self.run()

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def run(self) -> None:
        self._debounce.stop()
        text = self.query.text().strip()
        if not text:
            self.clear()
            return
        self.summary.setText(self.tr("正在搜索…"))
        self.searchRequested.emit(text, self.current_scope())

    def clear(self) -> None:
        self._results = None
        self.model.clear()
        self.summary.setText(self.tr("输入要查找的文字。"))

    def show_indexing(self, done: int, total: int) -> None:
        """The library's search index is being (re)built before the search can run."""
        self.summary.setText(self.tr("正在建立搜索索引（{0}/{1}）…").format(done, total))

    def show_error(self, message: str) -> None:
        self.summary.setText(self.tr("搜索失败：{0}").format(message))

    def show_results(self, results: Results) -> None:
        self._results = results
        self.model.clear()
        mark = theme.colors(self._theme).hit
        groups = results.by_document()
        for doc_id, title, hits in groups:
            label = results.old_versions.get(doc_id)
            if label is not None:
                title = self.tr("{0}（历史版本 {1}）").format(title, label)
            parent = QStandardItem(f"{title}\u2003{results.count(doc_id)}")
            font = parent.font()
            font.setBold(True)
            parent.setFont(font)
            parent.setToolTip(literal_rich_text(title))
            parent.setData(hits[0], HIT_ROLE)
            for hit in hits:
                item = QStandardItem(hit.snippet)
                item.setData(hit, HIT_ROLE)
                item.setData(snippet_html(hit, mark), HTML_ROLE)
                item.setToolTip(literal_rich_text(f"{hit.label} {hit.snippet}".strip()))
                parent.appendRow(item)
            self.model.invisibleRootItem().appendRow(parent)
        self.results.expandAll()
        if not results.hits:
            self.summary.setText(self.tr("没有找到“{0}”。").format(results.query))
        else:
            # units (articles, or paragraphs outside legislation), not occurrences of the
            # words: the status bar counts those, in the open document
            text = self.tr("{0} 篇文档中有 {1} 条（段）命中").format(len(groups), results.total)
            if results.total > len(results.hits):
                text += self.tr("（列出前 {0} 条）").format(len(results.hits))
            self.summary.setText(text)
        if self.model.rowCount():
            first = self.model.index(0, 0)
            self.results.setCurrentIndex(self.model.index(0, 0, first) if self.model.rowCount(first) else first)

    def result_count(self) -> int:
        return len(self._results.hits) if self._results else 0

    def activate_hit(self, row: int = 0, doc_row: int = 0) -> bool:
        parent = self.model.index(doc_row, 0)
        index = self.model.index(row, 0, parent)
        if not index.isValid():
            return False
        self.results.setCurrentIndex(index)
        self._activated(index)
        return True

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit) and self._results is not None:
            self.hitActivated.emit(hit, list(self._results.terms))
