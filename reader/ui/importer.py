"""Importing in the background: by menu (multi-select dialog), by drag-and-drop and from the
command line; the sample documents on first start.  Progress and a cancel button sit in the
status bar; files that fail are listed by name and reason once the others are in."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressBar, QPushButton

from reader.ui.docinfo import literal_rich_text
from reader.ui.workers import Task, TaskRunner

IMPORTABLE = (".txt", ".md", ".markdown", ".docx", ".text")


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; folders → the importable files inside them (recursively, sorted)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*"))
                       if f.is_file() and f.suffix.lower() in IMPORTABLE)
        else:
            out.append(str(path))
    return out


class ImportController(QObject):
    #: An import ended (ImportReport): the library may have changed.
    finished = Signal(object)
    #: The sample documents were imported on first start (ImportReport or None).
    samplesImported = Signal(object)

    def __init__(self, window: QMainWindow, library: Any, runner: TaskRunner) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.runner = runner
        self.task: Task | None = None
        self.queue: list[str] = []
        self.last_report = None
        self.report_box: QMessageBox | None = None
        self.progress = QProgressBar(window)
        self.progress.setObjectName("importProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(window)
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        status = window.statusBar()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("停止导入（已导入的文件会保留）"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _say(self, text: str, msecs: int = 0) -> None:
        self.window.statusBar().showMessage(text, msecs)

    @property
    def busy(self) -> bool:
        return self.task is not None

    # -- importing ---------------------------------------------------------------------------

    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("导入文件"), "",
            self.tr("法规文件 (*.txt *.md *.markdown *.docx);;所有文件 (*)"))
        if files:
            self.import_files(files)

    def import_files(self, paths: list[str]) -> None:
        """Import in the background; a second request while one runs is queued."""
        files = expand_paths([str(p) for p in paths])
        if not files:
            return
        if self.task is not None:
            self.queue.extend(files)
            if self.task.name == "import":
                self._say(self.tr("已加入导入队列：{0} 个文件").format(len(files)), 4000)
            return
        lib = self.library

        def work(task: Task):  # noqa: ANN202 - on the worker thread
            return lib.import_files(files, progress=task.progress, cancel=task.cancelled)

        self.progress.setRange(0, len(files))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("导入 %v/%m"))
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._say(self.tr("正在导入 {0} 个文件…").format(len(files)))
        self.task = self.runner.start(work, on_done=self._done, on_error=self._failed,
                                      on_progress=self._progress, name="import")

    def _progress(self, done: int, total: int, path: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self._say(self.tr("已导入 {0}/{1}：{2}").format(done, total, Path(path).name))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.queue.clear()
            self.cancel_button.setEnabled(False)
            self._say(self.tr("正在取消导入…"))

    def _ended(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()

    def _done(self, report) -> None:  # noqa: ANN001
        self.last_report = report
        summary = self.tr("导入完成：新增 {0}，更新 {1}，重复 {2}，失败 {3}").format(
            len(report.added), len(report.updated), len(report.duplicates), len(report.failures))
        if report.cancelled:
            summary = self.tr("导入已取消（已处理 {0} 个文件）。").format(report.files_done) + summary
        self._say(summary, 10000)
        self._ended()
        if report.failures:
            details = "\n".join(f"{Path(f.file).name}：{f.reason}" for f in report.failures)
            self._show_report(self.tr("部分文件未能导入"), summary, details)
        self.finished.emit(report)
        self._next()

    def _failed(self, message: str) -> None:
        self._ended()
        self._show_report(self.tr("导入出错"), self.tr("导入意外中止。"), message)
        self.finished.emit(None)
        self._next()

    def _show_report(self, title: str, text: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and reasons are shown as is
        box.setInformativeText(literal_rich_text(details if len(details) < 600 else details[:600] + "…"))
        box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()  # not exec(): the reader keeps working while it is open
        self.report_box = box

    # -- first start -------------------------------------------------------------------------

    def import_samples(self) -> None:
        lib = self.library
        self._say(self.tr("首次启动：正在导入示例文档…"))
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("示例文档"))
        self.progress.show()
        # self.task is set: files given meanwhile wait (the samples only go into an empty library)
        self.task = self.runner.start(lambda _t: lib.ensure_samples(), on_done=self._samples_done,
                                      on_error=self._samples_failed, name="samples")

    def _samples_done(self, report) -> None:  # noqa: ANN001
        self._ended()
        if report is not None and report.added:
            self._say(self.tr("已导入 {0} 篇示例文档").format(len(report.added)), 6000)
        self.samplesImported.emit(report)
        self._next()

    def _samples_failed(self, message: str) -> None:
        self._ended()
        self._say(self.tr("示例文档导入失败：{0}").format(message.splitlines()[0]), 8000)
        self.samplesImported.emit(None)
        self._next()

    def _next(self) -> None:
        if self.queue:
            queued, self.queue = self.queue, []
            self.import_files(queued)
