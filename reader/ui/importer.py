"""Importing in the background: by menu (files, or a whole folder), by drag-and-drop (files
and folders) and from the command line; the sample documents on first start.  Progress and a
cancel button sit in the status bar.  Folders are expanded by the Library on the worker
thread (a large tree never freezes the window); once the files are in, a report counts what
was imported, skipped and failed, and lists the files skipped and failed with the reason."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar,
                               QPushButton)

from reader.ui import import_reasons
from reader.ui.workers import Task, TaskRunner


def patterns() -> str:
    """``*.txt *.md …``: every supported format, as registered now."""
    from reader.core import importers  # every importer: not before the first paint

    return " ".join(f"*{suffix}" for suffix in importers.SUPPORTED)


def common_folder(paths: list[str]) -> str:
    """The folder the report's file names are shown relative to: the one imported, or the
    nearest holding all the paths given (a file stands for the folder it is in)."""
    folders = [p if os.path.isdir(p) else os.path.dirname(p) for p in map(os.path.abspath, paths)]
    try:
        return os.path.commonpath(folders) if folders else ""
    except ValueError:  # different drives (Windows)
        return ""


def shown_name(file: str, base: str) -> str:
    """A file as the report shows it: its path below ``base`` (which subfolder it is in)."""
    path = os.path.abspath(file)
    return os.path.relpath(path, base) if base else Path(path).name


def excerpt(details: str, lines: int = 14, chars: int = 800) -> str:
    """The start of a long report, cut at a line end (the box's details hold all of it)."""
    kept = details.splitlines()[:lines]
    text = "\n".join(kept)[:chars]
    return text if text == details else text.rstrip() + "\n…"


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
        self.paths: list[str] = []  # what the running import was given
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

    def file_filter(self) -> str:
        """The file dialog's filter: every supported format first, then anything."""
        return self.tr("法规文件 ({0})").format(patterns()) + ";;" + self.tr("所有文件 (*)")

    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, self.tr("导入文件"), "",
                                                self.file_filter())
        if files:
            self.import_files(files)

    def import_folder_dialog(self) -> None:
        """文件 → 导入文件夹…: the supported files in a folder and its subfolders."""
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("导入文件夹"), "")
        if folder:
            self.import_files([folder])

    def import_files(self, paths: list[str]) -> None:
        """Import files and folders in the background; a request while one runs is queued."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        if self.task is not None:
            self.queue.extend(paths)
            if self.task.name == "import":
                self._say(self.tr("已加入导入队列：{0} 项").format(len(paths)), 4000)
            return
        lib = self.library
        self.paths = paths

        def work(task: Task):  # noqa: ANN202 - on the worker thread
            return lib.import_files(paths, progress=task.progress, cancel=task.cancelled)

        folders = any(os.path.isdir(p) for p in paths)
        self.progress.setRange(0, 0 if folders else len(paths))  # busy until the files are found
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("导入 %v/%m"))
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._say(self.tr("正在查找文件夹中的文件…") if folders
                  else self.tr("正在导入 {0} 个文件…").format(len(paths)))
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

    def summary(self, report) -> str:  # noqa: ANN001 - an ImportReport
        """One line: how many documents came in, and how many files were skipped or failed."""
        text = self.tr("导入完成：新增 {0}，更新 {1}，重复 {2}，跳过 {3}，失败 {4}").format(
            len(report.added), len(report.updated), len(report.duplicates),
            len(report.skipped), len(report.failures))
        versions, unchanged = getattr(report, "versions", []), getattr(report, "unchanged", [])
        if versions or unchanged:
            text += self.tr("，新版本 {0}，未变 {1}").format(len(versions), len(unchanged))
        if report.cancelled:
            text = self.tr("导入已取消（已处理 {0} 个文件）。").format(report.files_done) + text
        return text

    def details(self, report, paths: list[str]) -> str:  # noqa: ANN001 - an ImportReport
        """The files that failed, with the reason, then the skipped ones grouped by reason;
        names relative to the folder imported (``paths``: what the import was given), so a
        file in a subfolder can be found."""
        base = common_folder(paths)
        parts = self.version_details(report, base)
        if report.failures:
            lines = [self.tr("未能导入 {0} 个文件：").format(len(report.failures))]
            lines += [self.tr("{0}：{1}").format(shown_name(f.file, base), import_reasons.translate(f.reason))
                      for f in report.failures]
            parts.append("\n".join(lines))
        if report.skipped:
            by_reason: dict[str, list[str]] = {}
            for s in report.skipped:
                by_reason.setdefault(self.skip_reason(s), []).append(shown_name(s.file, base))
            lines = [self.tr("跳过 {0} 个文件：").format(len(report.skipped))]
            for reason, names in by_reason.items():
                lines.append(self.tr("{0}（{1} 个）：").format(reason, len(names)))
                lines += [f"  {name}" for name in names]
            parts.append("\n".join(lines))
        return "\n\n".join(parts)

    def version_details(self, report, base: str) -> list[str]:  # noqa: ANN001 - an ImportReport
        """New versions of documents already in the library, files whose text the library
        holds already, and what became of the notes that followed a new current version."""
        parts = []
        versions = getattr(report, "versions", [])
        if versions:
            lines = [self.tr("新版本 {0} 个：").format(len(versions))]
            for v in versions:
                what = self.tr("现行") if v.current else self.tr("较早版本，现行版本不变")
                lines.append(self.tr("新版本：《{0}》{1}（{2}）— {3}").format(
                    v.title, v.label, what, shown_name(v.file, base)))
            parts.append("\n".join(lines))
        unchanged = getattr(report, "unchanged", [])
        if unchanged:
            lines = [self.tr("文库中已有相同文本，未作更改（{0} 个）：").format(len(unchanged))]
            lines += [f"  {shown_name(u.file, base)}（《{u.title}》）" for u in unchanged]
            parts.append("\n".join(lines))
        followed = getattr(report, "followed", {})
        if any(followed.values()):
            parts.append(self.tr("批注已随新版本：{0} 处未变，{1} 处移动，{2} 处原文修改，{3} 处无法定位").format(
                *(followed.get(k, 0) for k in ("unchanged", "moved", "changed", "orphan"))))
        return parts

    def skip_reason(self, skipped) -> str:  # noqa: ANN001 - a discover.Skipped
        """Why a file in a folder was not imported, in the interface's language."""
        from reader.core.importers.discover import BROKEN_LINK, FORMAT, NO_EXTENSION

        if skipped.kind == FORMAT:
            return self.tr("不支持的格式 {0}").format(skipped.suffix)
        if skipped.kind == NO_EXTENSION:
            return self.tr("没有扩展名（单独选中该文件即可按纯文本导入）")
        if skipped.kind == BROKEN_LINK:
            return self.tr("链接已失效")
        return skipped.reason

    def _done(self, report) -> None:  # noqa: ANN001
        self.last_report = report
        summary = self.summary(report)
        self._say(summary, 10000)
        self._ended()
        if report.failures:
            self._show_report(self.tr("部分文件未能导入"), summary, self.details(report, self.paths))
        elif report.skipped or getattr(report, "versions", []) or getattr(report, "unchanged", []):
            self._show_report(self.tr("导入完成"), summary, self.details(report, self.paths),
                              QMessageBox.Icon.Information)
        self.finished.emit(report)
        self._next()

    def _failed(self, message: str) -> None:
        self._ended()
        self._show_report(self.tr("导入出错"), self.tr("导入意外中止。"), message)
        self.finished.emit(None)
        self._next()

    def _show_report(self, title: str, text: str, details: str,
                     kind: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
        if self.report_box is not None:  # one report at a time: the newest
            self.report_box.close()
        box = QMessageBox(kind, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and reasons are shown as is
        box.setInformativeText(excerpt(details))
        informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
        if informative is not None:  # some Qt versions guess its format: a name is never markup
            informative.setTextFormat(Qt.TextFormat.PlainText)
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
