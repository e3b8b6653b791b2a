"""The Word export dialog (文件 → 导出 Word 简报…, Ctrl+E): which documents, how much of
them, which options; the export runs in the background with progress and a cancel button,
and when it is done the file can be opened or shown in its folder.

Choices (scope, options, title, folder) are remembered in the settings; the reviewer's name
is the one new annotations are signed with (``Settings.author``).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import UserError
from reader.export import DEFAULT_TITLE, ExportCancelled, ExportResult
from reader.ui.settings import Settings
from reader.ui.workers import Task, TaskRunner

BRIEF, TABLE, CLEAN = "brief", "table", "clean"
_KEY = "export/"


class ExportDialog(QDialog):
    #: The export was written (ExportResult).
    exported = Signal(object)
    #: The export failed or was cancelled (the message shown).
    failed = Signal(str)

    def __init__(self, library: Any, settings: Settings, runner: TaskRunner,
                 parent: QWidget | None = None, current_doc: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.library = library
        self.settings = settings
        self.runner = runner
        self.task: Task | None = None
        self.result: ExportResult | None = None
        self.setWindowTitle(self.tr("导出 Word 文档"))
        self._build()
        self._fill_documents(current_doc)
        self._restore()
        self._update()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(self.tr("导出内容：")))
        self.kind = QComboBox(self)
        self.kind.setObjectName("exportKind")
        self.kind.addItem(self.tr("审阅简报（批注、意见与关联）"), BRIEF)
        self.kind.addItem(self.tr("批注一览表"), TABLE)
        self.kind.addItem(self.tr("原文（不含批注，单个文件）"), CLEAN)
        kind_row.addWidget(self.kind, 1)
        layout.addLayout(kind_row)

        docs_box = QGroupBox(self.tr("文件"), self)
        docs_layout = QVBoxLayout(docs_box)
        self.docs = QListWidget(docs_box)
        self.docs.setObjectName("exportDocuments")
        self.docs.setMinimumHeight(150)
        self.docs.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long titles: no sideways scrolling
        self.docs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        docs_layout.addWidget(self.docs)
        pick = QHBoxLayout()
        self.pick_annotated = QPushButton(self.tr("有批注的"), docs_box)
        self.pick_all = QPushButton(self.tr("全选"), docs_box)
        self.pick_none = QPushButton(self.tr("全不选"), docs_box)
        for b in (self.pick_annotated, self.pick_all, self.pick_none):
            b.setAutoDefault(False)
            pick.addWidget(b)
        pick.addStretch(1)
        docs_layout.addLayout(pick)
        layout.addWidget(docs_box, 1)

        opts = QGroupBox(self.tr("选项"), self)
        form = QFormLayout(opts)
        scope_row = QHBoxLayout()
        self.scope_full = QRadioButton(self.tr("全文"), opts)
        self.scope_annotated = QRadioButton(self.tr("仅有批注或关联的条文"), opts)
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.scope_full)
        self.scope_group.addButton(self.scope_annotated)
        scope_row.addWidget(self.scope_full)
        scope_row.addWidget(self.scope_annotated)
        scope_row.addStretch(1)
        form.addRow(self.tr("范围："), scope_row)
        self.comments = QCheckBox(self.tr("批注写为 Word 批注（审阅窗格）"), opts)
        self.review = QCheckBox(self.tr("条文下另列“审阅意见”段落"), opts)
        self.resolved = QCheckBox(self.tr("包括已解决的批注"), opts)
        form.addRow("", self.comments)
        form.addRow("", self.review)
        form.addRow("", self.resolved)
        self.title_edit = QLineEdit(opts)
        self.title_edit.setObjectName("exportTitle")
        self.title_edit.setPlaceholderText(DEFAULT_TITLE)
        form.addRow(self.tr("标题："), self.title_edit)
        self.author_edit = QLineEdit(opts)
        self.author_edit.setObjectName("exportAuthor")
        form.addRow(self.tr("审阅人："), self.author_edit)
        path_row = QHBoxLayout()
        self.path_edit = QLineEdit(opts)
        self.path_edit.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("浏览…"), opts)
        self.browse.setAutoDefault(False)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse)
        form.addRow(self.tr("保存到："), path_row)
        layout.addWidget(opts)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(self)
        self.open_file = self.buttons.addButton(self.tr("打开文件"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder = self.buttons.addButton(self.tr("打开所在文件夹"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = self.buttons.addButton(self.tr("导出"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_file.hide()
        self.open_folder.hide()
        self.export_button.setDefault(True)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.docs.itemChanged.connect(lambda _item: self._update())
        self.pick_annotated.clicked.connect(lambda: self._check(lambda item: bool(item.data(_COUNT))))
        self.pick_all.clicked.connect(lambda: self._check(lambda _item: True))
        self.pick_none.clicked.connect(lambda: self._check(lambda _item: False))
        self.browse.clicked.connect(self._browse)
        self.path_edit.textChanged.connect(lambda _t: self._update())
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)
        self.open_file.clicked.connect(self.open_result)
        self.open_folder.clicked.connect(self.show_in_folder)
        self.resize(620, max(600, self.sizeHint().height()))

    def _fill_documents(self, current_doc: str | None) -> None:
        counts = self.library.exports.counts()
        any_annotated = any(n or m for n, m in counts.values())
        self.docs.blockSignals(True)
        for summary in self.library.documents():
            n, m = counts.get(summary.id, (0, 0))
            bits = []
            if n:
                bits.append(self.tr("{0} 条批注").format(n))
            if m:
                bits.append(self.tr("{0} 个关联").format(m))
            item = QListWidgetItem(summary.title + (f"  · {' · '.join(bits)}" if bits else ""))
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setData(_COUNT, n + m)
            item.setToolTip(summary.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = (n + m > 0) if any_annotated else summary.id == current_doc
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.docs.addItem(item)
            if summary.id == current_doc:
                self.docs.setCurrentItem(item)
        self.docs.blockSignals(False)

    def _restore(self) -> None:
        get = self.settings._get
        kind = get(_KEY + "kind", BRIEF, str)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        (self.scope_annotated if get(_KEY + "annotated_only", False, bool) else self.scope_full).setChecked(True)
        self.comments.setChecked(get(_KEY + "comments", True, bool))
        self.review.setChecked(get(_KEY + "review_paragraphs", False, bool))
        self.resolved.setChecked(get(_KEY + "include_resolved", True, bool))
        self.title_edit.setText(get(_KEY + "title", "", str))
        self.author_edit.setText(self.settings.author)
        folder = get(_KEY + "folder", "", str) or str(Path.home())
        self.path_edit.setText(str(Path(folder) / self._file_name()))

    def _remember(self) -> None:
        q = self.settings.q
        q.setValue(_KEY + "kind", self.kind.currentData())
        q.setValue(_KEY + "annotated_only", self.scope_annotated.isChecked())
        q.setValue(_KEY + "comments", self.comments.isChecked())
        q.setValue(_KEY + "review_paragraphs", self.review.isChecked())
        q.setValue(_KEY + "include_resolved", self.resolved.isChecked())
        q.setValue(_KEY + "title", self.title_edit.text().strip())
        q.setValue(_KEY + "folder", str(Path(self.path_edit.text()).parent))
        self.settings.author = self.author_edit.text()

    def _file_name(self) -> str:
        kind = self.kind.currentData()
        stem = {BRIEF: self.title_edit.text().strip() or DEFAULT_TITLE, TABLE: "批注一览"}.get(kind, "")
        if kind == CLEAN:
            ids = self.chosen()
            item = next((self.docs.item(i) for i in range(self.docs.count())
                         if self.docs.item(i).data(Qt.ItemDataRole.UserRole) in ids[:1]), None)
            stem = item.toolTip() if item is not None else "document"
        stem = "".join(c for c in stem if c not in '\\/:*?"<>|').strip() or "export"
        return f"{stem}-{date.today():%Y%m%d}.docx"

    # -- state ---------------------------------------------------------------------------

    def chosen(self) -> list[str]:
        return [self.docs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.docs.count())
                if self.docs.item(i).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, doc_ids: list[str]) -> None:
        self._check(lambda item: item.data(Qt.ItemDataRole.UserRole) in doc_ids)

    def _check(self, want) -> None:
        for i in range(self.docs.count()):
            item = self.docs.item(i)
            item.setCheckState(Qt.CheckState.Checked if want(item) else Qt.CheckState.Unchecked)
        self._update()

    def _kind_changed(self) -> None:
        path = Path(self.path_edit.text()) if self.path_edit.text() else Path.home() / "x"
        self.path_edit.setText(str(path.parent / self._file_name()))
        self._update()

    def _update(self) -> None:
        running = self.task is not None and self.task.running
        kind = self.kind.currentData()
        brief = kind == BRIEF
        for w in (self.scope_full, self.scope_annotated, self.comments, self.review):
            w.setEnabled(brief and not running)
        self.resolved.setEnabled(kind != CLEAN and not running)
        self.title_edit.setEnabled(kind != CLEAN and not running)
        self.author_edit.setEnabled(kind != CLEAN and not running)
        for w in (self.kind, self.docs, self.path_edit, self.browse, self.pick_all, self.pick_none,
                  self.pick_annotated):
            w.setEnabled(not running)
        n = len(self.chosen())
        ok = n == 1 if kind == CLEAN else n > 0
        self.export_button.setEnabled(ok and bool(self.path_edit.text().strip()) and not running)
        self.close_button.setText(self.tr("取消") if running else self.tr("关闭"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出到"), self.path_edit.text(),
                                              self.tr("Word 文档 (*.docx)"))
        if path:
            if not path.lower().endswith(".docx"):
                path += ".docx"
            self.path_edit.setText(path)

    # -- the export ------------------------------------------------------------------------

    def start_export(self) -> Task | None:
        """Start the export in the background; None if the choices are incomplete."""
        if self.task is not None and self.task.running:
            return None
        ids = self.chosen()
        path = self.path_edit.text().strip()
        if not ids or not path:
            return None
        if not path.lower().endswith(".docx"):
            path += ".docx"
            self.path_edit.setText(path)
        self._remember()
        kind = self.kind.currentData()
        lib = self.library
        options = {"title": self.title_edit.text().strip() or None,
                   "author": self.author_edit.text().strip(),
                   "include_resolved": self.resolved.isChecked()}

        def work(task: Task) -> Any:  # on the worker thread
            def progress(done: int, total: int) -> None:
                task.progress(done, total, "")

            try:
                if task.cancelled():
                    raise ExportCancelled(path, "导出已取消")
                if kind == CLEAN:
                    return lib.exports.clean(ids[0], path, progress=progress, cancel=task.cancelled)
                if kind == TABLE:
                    return lib.exports.annotation_table(path, ids, progress=progress,
                                                        cancel=task.cancelled, **options)
                return lib.exports.brief(path, ids, annotated_only=self._annotated_only,
                                         comments=self._comments, review_paragraphs=self._review,
                                         progress=progress, cancel=task.cancelled, **options)
            except UserError as exc:  # ExportError, NothingToExport, ExportCancelled …
                return exc

        self._annotated_only = self.scope_annotated.isChecked()
        self._comments = self.comments.isChecked()
        self._review = self.review.isChecked()
        self.result = None
        self.export_button.setDefault(True)
        self.open_file.hide()
        self.open_folder.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(self.tr("正在导出…"))
        self.message.show()
        self.task = self.runner.start(work, on_done=self._done, on_error=self._error,
                                      on_progress=self._progress, name="export")
        self._update()
        return self.task

    def _progress(self, done: int, total: int, _text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _done(self, outcome: Any) -> None:
        self.progress.hide()
        self._update()
        if isinstance(outcome, ExportCancelled):
            self._fail(self.tr("导出已取消，未写入任何文件。"))
        elif isinstance(outcome, UserError):
            self._fail(self.tr("未能导出：{0}").format(str(outcome)))
        else:
            self.result = outcome
            r: ExportResult = outcome
            lines = [self.tr("已导出到 {0}").format(r.path)]
            if self.kind.currentData() != CLEAN:
                lines.append(self.tr("{0} 个文件，{1} 条批注（{2} 条 Word 批注），{3} 个关联，用时 {4:.1f} 秒")
                             .format(r.documents, r.annotations + r.orphans, r.comments, r.links,
                                     r.seconds))
            if r.orphans:
                lines.append(self.tr("{0} 条批注找不到原位置，已单独列出").format(r.orphans))
            self.message.setText("\n".join(lines))
            self.message.setProperty("error", False)
            self.open_file.show()
            self.open_folder.show()
            self.open_file.setDefault(True)
            self.open_file.setFocus()
            self.exported.emit(outcome)

    def _error(self, message: str) -> None:
        self.progress.hide()
        self._update()
        self._fail(self.tr("导出出错：{0}").format(message.splitlines()[0] if message else ""))

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setProperty("error", True)
        self.message.show()
        self.failed.emit(text)

    def cancel_export(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.message.setText(self.tr("正在取消…"))

    def _close_or_cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.cancel_export()
        else:
            self.reject()

    def reject(self) -> None:  # Esc / the window's close button while exporting: cancel first
        if self.task is not None and self.task.running:
            self.cancel_export()
            return
        super().reject()

    def open_result(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path)))

    def show_in_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result.path).resolve().parent)))


_COUNT = Qt.ItemDataRole.UserRole + 1
