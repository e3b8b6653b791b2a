"""The 新旧对照 window: two versions side by side, one row per pair of articles.

A table (状态 | 修改前 | 修改后) keeps each pair's old and new text on one row, so the
columns stay aligned article by article however long either side is, and only the rows in
view are painted (rich text laid out once per cell and width).  The comparison runs on the
window's TaskRunner; the window talks to the Library only.  Clicking a pair opens that
article in the reading window (the old or the new side, as clicked); 只看修改 and the status
filter narrow the rows; F8 / Shift+F8 (Alt+↓ / Alt+↑) go to the next / previous change.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QAbstractTextDocumentLayout, QAction, QColor, QKeySequence, QPainter, QPalette,
                           QTextDocument)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from reader.core.versions import Comparison
from reader.export.comparison import ComparisonOptions, ComparisonResult
from reader.ui import theme as theme_mod
from reader.ui.compare_model import (BADGE_COLOURS, NEW_COL, OLD_COL, STATUS_COL, ChangedRole, CompareFilter,
                                     CompareModel, HtmlRole, PairRole)
from reader.ui.workers import Task, TaskRunner

_PAD = 8
_BADGE_WIDTH = 118


class _PairDelegate(QStyledItemDelegate):
    """Paints the status badge and the marked-up text of each cell; sizes rows to their text."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._docs: dict[str, QTextDocument] = {}
        self.font = view.font()
        self.heading_fill = QColor(theme_mod.LIGHT.box)  # 章/节 rows stand apart from articles

    def reset(self, font: Any = None) -> None:
        if font is not None:
            self.font = font
        self._docs.clear()

    def _doc(self, html: str, width: int) -> QTextDocument:
        doc = self._docs.get(html)
        if doc is None:
            doc = QTextDocument()
            doc.setDefaultFont(self.font)
            doc.setDocumentMargin(0)
            doc.setDefaultStyleSheet("p { margin-top: 0; margin-bottom: 4px; }")
            doc.setHtml(html)
            self._docs[html] = doc
        doc.setTextWidth(max(40, width - 2 * _PAD))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.column() == STATUS_COL:
            lines = str(index.data() or "").count("\n") + 1
            return QSize(_BADGE_WIDTH, lines * self.view.fontMetrics().height() + 3 * _PAD)
        html = index.data(HtmlRole) or ""
        if not html:
            return QSize(40, 2 * _PAD)
        doc = self._doc(html, self.view.columnWidth(index.column()))
        return QSize(int(doc.idealWidth()) + 2 * _PAD, int(doc.size().height()) + 2 * _PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, option.palette.color(QPalette.ColorRole.Highlight))
        elif getattr(index.data(PairRole), "heading", False):
            painter.fillRect(rect, self.heading_fill)
        if index.column() == STATUS_COL:
            self._paint_badge(painter, rect, index)
        else:
            html = index.data(HtmlRole) or ""
            if html:
                doc = self._doc(html, rect.width())
                painter.translate(rect.left() + _PAD, rect.top() + _PAD)
                painter.setClipRect(QRectF(0, 0, rect.width() - _PAD, rect.height() - _PAD))
                context = QAbstractTextDocumentLayout.PaintContext()
                context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text))
                doc.documentLayout().draw(painter, context)
        painter.restore()

    def _paint_badge(self, painter: QPainter, rect: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        pair = index.data(PairRole)
        if pair is None or pair.status == "same":
            painter.setPen(self.view.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect.adjusted(_PAD, _PAD, -_PAD, -_PAD),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(index.data() or ""))
            return
        lines = str(index.data() or "").split("\n")
        fm = self.view.fontMetrics()
        width = min(rect.width() - 2 * _PAD, max(fm.horizontalAdvance(ln) for ln in lines) + 2 * _PAD)
        box = QRectF(rect.left() + (rect.width() - width) / 2, rect.top() + _PAD, width,
                     len(lines) * fm.height() + _PAD)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BADGE_COLOURS.get(pair.status, "#888888")))
        painter.drawRoundedRect(box, 5, 5)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(lines))


class CompareWindow(QWidget):
    """A window of its own beside the reading window; ``compare(old_id, new_id)`` fills it."""

    #: The user clicked a pair: open (doc_id, node_id) in the reading view; raise it if True.
    openRequested = Signal(str, str, bool)
    #: The comparison arrived and is shown (tests wait for it).
    ready = Signal()
    failed = Signal(str)
    #: The Word 对照表 was written (a ComparisonResult) or could not be (the reason).
    exported = Signal(object)
    exportFailed = Signal(str)

    def __init__(self, library: Any, runner: TaskRunner, theme: str = "light", font_size: float = 13.0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.library = library
        self.runner = runner
        self.old_id = self.new_id = ""
        self._names = ("", "")  # how the sides are described: title, date, file
        self._title = ""
        self.task: Task | None = None
        self._focus: tuple[str, str] | None = None  # (doc_id, node_id) to show first
        self._generation = 0
        self.resize(1280, 820)

        self.table = QTableView(self)
        self.table.setObjectName("compareTable")
        self.model = CompareModel(self.table)  # the view's children: they outlive its painting
        self.proxy = CompareFilter(self.table)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(STATUS_COL, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(OLD_COL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NEW_COL, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(STATUS_COL, _BADGE_WIDTH)
        header.sectionResized.connect(lambda *_: self._relayout.start())
        self.delegate = _PairDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.clicked.connect(lambda i: self._open(i, False))
        self.table.activated.connect(lambda i: self._open(i, True))
        self._relayout = QTimer(self, singleShot=True, interval=120)
        self._relayout.timeout.connect(self._fit_rows)

        self.sides = QLabel(self)
        self.sides.setObjectName("compareSides")
        self.sides.setTextFormat(Qt.TextFormat.PlainText)
        self.sides.setWordWrap(True)
        self.swap_button = QToolButton(self)
        self.swap_button.clicked.connect(self.swap)
        self.export_button = QToolButton(self)
        self.export_button.clicked.connect(self.export_dialog)
        self.export_button.setEnabled(False)
        self.changes_only = QCheckBox(self)
        self.changes_only.toggled.connect(self._filter)
        self.status = QComboBox(self)
        self.status.currentIndexChanged.connect(self._filter)
        self.prev_button = QToolButton(self)
        self.next_button = QToolButton(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("mutedLabel")
        self.message = QLabel(self)
        self.message.setObjectName("mutedLabel")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.next_action = QAction(self)
        self.next_action.setShortcuts([QKeySequence("F8"), QKeySequence("Alt+Down")])
        self.next_action.triggered.connect(lambda: self.next_change(1))
        self.prev_action = QAction(self)
        self.prev_action.setShortcuts([QKeySequence("Shift+F8"), QKeySequence("Alt+Up")])
        self.prev_action.triggered.connect(lambda: self.next_change(-1))
        self.close_action = QAction(self)
        self.close_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Escape")])
        self.close_action.triggered.connect(self.close)
        for action in (self.next_action, self.prev_action, self.close_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.prev_button.setDefaultAction(self.prev_action)
        self.next_button.setDefaultAction(self.next_action)

        top = QHBoxLayout()
        top.addWidget(self.sides, 1)
        top.addWidget(self.swap_button)
        top.addWidget(self.export_button)
        bar = QHBoxLayout()
        bar.addWidget(self.changes_only)
        bar.addWidget(self.status)
        bar.addSpacing(12)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 6)
        box.addLayout(top)
        box.addLayout(bar)
        box.addWidget(self.progress)
        box.addWidget(self.table, 1)
        box.addWidget(self.message)
        self.set_theme(theme, font_size)
        self.retranslate()

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("新旧对照"))
        self.swap_button.setText(self.tr("⇄ 交换新旧"))
        self.swap_button.setToolTip(self.tr("把修改前和修改后对调"))
        self.export_button.setText(self.tr("导出 Word 对照表…"))
        self.export_button.setToolTip(self.tr("把对照写成 Word 修改前后对照表（修改前 | 修改后 | 说明）；勾选“只看修改”时只含有修改的条文"))
        self.changes_only.setText(self.tr("只看修改"))
        self.changes_only.setToolTip(self.tr("隐藏文字未变的条文（包括只改了序号的条文）"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        for key, text in (("all", self.tr("全部状态")), ("changed", self.tr("修改")), ("moved", self.tr("移动")),
                          ("added", self.tr("新增")), ("removed", self.tr("删除")), ("split", self.tr("拆分与合并"))):
            self.status.addItem(text, key)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)
        self.prev_action.setText(self.tr("上一处修改"))
        self.prev_action.setToolTip(self.tr("上一处修改（Shift+F8 或 Alt+↑）"))
        self.next_action.setText(self.tr("下一处修改"))
        self.next_action.setToolTip(self.tr("下一处修改（F8 或 Alt+↓）"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.model.layoutChanged.emit()
        self._show_sides()
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "model"):
            self.retranslate()
        super().changeEvent(event)

    def set_theme(self, name: str, font_size: float | None = None) -> None:
        size = font_size or self.delegate.font.pointSizeF()
        colours = theme_mod.colors(name)
        palette = self.table.palette()  # a light selection: the marks must stay readable under it
        palette.setColor(QPalette.ColorRole.Highlight, QColor(colours.flash))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor(colours.ink))
        self.table.setPalette(palette)
        self.model.set_theme(name)
        self.delegate.heading_fill = QColor(colours.box)
        self.delegate.reset(theme_mod.reading_font(size))
        self._relayout.start()

    # -- comparing ---------------------------------------------------------------------------

    def compare(self, old_id: str, new_id: str, focus: tuple[str, str] | None = None) -> Task:
        """Compare in the background; the rows appear when it is done (``ready``), the pair
        holding ``focus`` (doc_id, node_id: the article being read) selected."""
        if self.task is not None:
            self.task.cancel()
        self.old_id, self.new_id, self._focus = old_id, new_id, focus
        summaries = {s.id: s for s in self.library.documents(all_versions=True)}
        self._names = (self._describe(summaries.get(old_id)) or old_id,
                       self._describe(summaries.get(new_id)) or new_id)
        self._title = summaries[new_id].title if new_id in summaries else ""
        self.export_button.setEnabled(False)
        self._generation += 1
        generation = self._generation
        self.model.set_comparison(None)
        self._show_sides()
        self._show_summary()
        self.message.setText(self.tr("正在对照…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        lib = self.library
        self.task = self.runner.start(
            lambda _t: lib.versions.compare_documents(old_id, new_id), name="compare",
            on_done=lambda c: self._done(generation, c),
            on_error=lambda m: self._failed(generation, m))
        return self.task

    def swap(self) -> None:
        if self.old_id and self.new_id:
            self.compare(self.new_id, self.old_id, self._focus)

    def _done(self, generation: int, comparison: Comparison) -> None:
        if generation != self._generation:
            return
        self.task = None
        self.progress.hide()
        self.message.setText(self.tr("单击一行在阅读窗口中打开该条（双击或回车并切换到阅读窗口）"))
        self.delegate.reset()
        self.model.set_comparison(comparison)
        self.export_button.setEnabled(True)
        self._fit_rows()
        self._show_summary()
        row = self._row_of(*self._focus) if self._focus else None
        if row is not None:
            self._select(row)
        self.ready.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.task = None
        self.progress.hide()
        self.message.setText(self.tr("无法对照：{0}").format(message.splitlines()[0]))
        self.failed.emit(message)

    # -- what is shown -----------------------------------------------------------------------

    @staticmethod
    def _describe(summary: Any) -> str:
        if summary is None:
            return ""
        when = summary.effective or summary.issued
        label = getattr(summary, "version", "") if getattr(summary, "versions", 1) > 1 else ""
        parts = [f"《{summary.title}》", label or (when.isoformat() if when else ""),
                 Path(summary.source.file).name]  # versions: 2018年10月26日修正, not the first 施行
        return " ".join(p for p in parts if p)

    def _show_sides(self) -> None:
        self.sides.setText(self.tr("修改前：{0}\n修改后：{1}").format(*self._names) if self.old_id else "")

    def _show_summary(self) -> None:
        c = self.model.comparison
        if c is None:
            self.summary.setText("")
            return
        s = c.summary()
        parts = [self.tr("修改 {0}").format(s["changed"]),
                 self.tr("移动 {0}（其中文字有修改 {1}）").format(s["moved"], s["moved_changed"]),
                 self.tr("新增 {0}").format(s["added"]), self.tr("删除 {0}").format(s["removed"]),
                 self.tr("拆分 {0}").format(s["split"]), self.tr("合并 {0}").format(s["merged"]),
                 self.tr("未修改 {0}").format(s["same"])]
        shown = self.tr("显示 {0} / {1} 行").format(self.proxy.rowCount(), self.model.rowCount())
        self.summary.setText(self.tr("条文：") + " · ".join(parts) + "　　" + shown)

    def _filter(self) -> None:
        current = self.current_pair()
        self.proxy.set_filter(self.changes_only.isChecked(), self.status.currentData() or "all")
        self._fit_rows()
        self._show_summary()
        if current is not None:
            row = next((r for r in range(self.proxy.rowCount())
                        if self.proxy.index(r, 0).data(PairRole) is current), None)
            if row is not None:
                self._select(row)

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()

    # -- navigation --------------------------------------------------------------------------

    def current_pair(self) -> Any:
        index = self.table.currentIndex()
        return index.data(PairRole) if index.isValid() else None

    def shown_pairs(self) -> list[Any]:
        return [self.proxy.index(r, 0).data(PairRole) for r in range(self.proxy.rowCount())]

    def _select(self, row: int) -> None:
        index = self.proxy.index(row, NEW_COL)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def next_change(self, step: int = 1) -> bool:
        """Select the next (step 1) or previous (-1) changed pair shown; False at the end."""
        current = self.table.currentIndex()
        row = (current.row() if current.isValid() else -1) + step
        while 0 <= row < self.proxy.rowCount():
            if self.proxy.index(row, 0).data(ChangedRole):
                self._select(row)
                return True
            row += step
        self.message.setText(self.tr("没有更多修改") if step > 0 else self.tr("前面没有修改"))
        return False

    def _row_of(self, doc_id: str, node_id: str) -> int | None:
        """The row of the unit (else the heading) holding ``node_id`` of ``doc_id``."""
        side = "old" if doc_id == self.old_id else "new" if doc_id == self.new_id else ""

        def holds(ref: Any) -> bool:
            return ref is not None and (node_id == ref.node_id or node_id.startswith(ref.node_id + "__"))
        rows = [(pair.heading, r) for r, pair in enumerate(self.shown_pairs()) if side and holds(getattr(pair, side))]
        return min(rows)[1] if rows else None

    def _open(self, index: QModelIndex, raise_reader: bool) -> None:
        pair = index.data(PairRole)
        if pair is None:
            return
        use_old = pair.new is None or (index.column() == OLD_COL and pair.old is not None)
        doc_id, ref = (self.old_id, pair.old) if use_old else (self.new_id, pair.new)
        self.openRequested.emit(doc_id, ref.node_id, raise_reader)
        self.message.setText(self.tr("已在阅读窗口打开{0}{1}").format(
            self.tr("修改前的") if use_old else self.tr("修改后的"), ref.label))

    # -- the Word 对照表 -----------------------------------------------------------------------

    def export_dialog(self) -> None:
        if self.model.comparison is None:
            return
        name = self.tr("{0}修改前后对照表.docx").format(self._title)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出 Word 对照表"), str(Path.home() / name),
                                              self.tr("Word 文档 (*.docx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> Task:
        """Write the 对照表 in the background: the comparison shown, 只看修改 as ticked."""
        lib, old, new, comparison = self.library, self.old_id, self.new_id, self.model.comparison
        options = ComparisonOptions(changes_only=self.changes_only.isChecked())
        self.export_button.setEnabled(False)
        self.message.setText(self.tr("正在导出…"))
        return self.runner.start(
            lambda t: lib.exports.comparison(old, new, path, options, comparison=comparison,
                                             progress=lambda d, n: t.progress(d, n, ""), cancel=t.cancelled),
            name="export-comparison", on_done=self._exported, on_error=self._export_failed)

    def _exported(self, result: ComparisonResult) -> None:
        self.export_button.setEnabled(True)
        self.message.setText(self.tr("已导出 {0} 行：{1}").format(result.rows, result.path))
        self.exported.emit(result)

    def _export_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        reason = message.splitlines()[0]
        self.message.setText(self.tr("导出失败：{0}").format(reason))
        self.exportFailed.emit(reason)
