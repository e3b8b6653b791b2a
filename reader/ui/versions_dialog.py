"""视图 → 版本…: every version of the open document in a table (序号, 版本, 施行日期, 批注数,
来源文件, 现行), to open one in the reading view or compare it with the current version.

The list comes from ``library.versions.list`` on the window's worker thread, so a slow
library never freezes the window; the table fills when it arrives."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from reader.ui.workers import TaskRunner

ID_ROLE = Qt.ItemDataRole.UserRole + 61
COLUMNS = 6


class VersionsDialog(QDialog):
    """The versions of one document; emits what the user asks for and stays open."""

    #: Open this version (doc_id) in the reading view.
    openRequested = Signal(str)
    #: Compare (old_id, current_id) in the 新旧对照 window.
    compareRequested = Signal(str, str)
    #: The list arrived (tests wait for it).
    loaded = Signal()

    def __init__(self, library: Any, runner: TaskRunner, doc_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionsDialog")
        self.resize(760, 340)
        self.library = library
        self.doc_id = doc_id
        self.versions: list[Any] = []
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("versionsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _i: self.open_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = QPushButton(self)
        self.compare_button = QPushButton(self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.table, 1)
        box.addWidget(buttons)
        self.retranslate()
        self._selection_changed()
        lib = library
        self.task = runner.start(lambda _t: lib.versions.list(doc_id), name="versions",
                                 on_done=self.set_versions, on_error=self._failed)

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("版本"))
        self.table.setHorizontalHeaderLabels([self.tr("序号"), self.tr("版本"), self.tr("施行日期"),
                                              self.tr("批注数"), self.tr("来源文件"), self.tr("现行")])
        self.open_button.setText(self.tr("打开此版本"))
        self.open_button.setToolTip(self.tr("在阅读窗口中打开所选版本"))
        self.compare_button.setText(self.tr("与现行版本对照"))
        self.compare_button.setToolTip(self.tr("把所选版本与现行版本逐条并排对照"))
        self._fill_heading()
        if self.versions:
            self.set_versions(self.versions)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_heading(self) -> None:
        if not self.versions:
            self.heading.setText(self.tr("正在读取版本…"))
            return
        self.heading.setText(self.tr("《{0}》共 {1} 个版本").format(self.versions[-1].title,
                                                                len(self.versions)))

    # -- content -----------------------------------------------------------------------------

    def set_versions(self, versions: list[Any]) -> None:
        self.task = None
        self.versions = list(versions)
        self.table.setRowCount(len(self.versions))
        for row, v in enumerate(self.versions):
            when = v.in_force_from or v.date
            cells = [str(v.number), v.label or self.tr("（未注明日期）"),
                     when.isoformat() if when else "", str(v.annotations),
                     Path(v.source.file).name, self.tr("现行") if v.current else ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, v.id)
                if col == 4:
                    item.setToolTip(v.source.file)
                if col in (0, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if v.current:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        self._fill_heading()
        at = next((r for r, v in enumerate(self.versions) if v.id == self.doc_id), 0)
        if self.versions:
            self.table.selectRow(at)
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        self.task = None
        self.heading.setText(self.tr("无法读取版本：{0}").format(message))

    def select(self, doc_id: str) -> None:
        """Select a version's row (tests, and callers that know which)."""
        for row, v in enumerate(self.versions):
            if v.id == doc_id:
                self.table.selectRow(row)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.versions[rows[0].row()] if rows and self.versions else None

    def _current(self) -> Any:
        return next((v for v in self.versions if v.current), None)

    def _selection_changed(self) -> None:
        chosen, current = self.selected(), self._current()
        self.open_button.setEnabled(chosen is not None)
        self.compare_button.setEnabled(chosen is not None and current is not None
                                       and chosen.id != current.id)

    # -- actions -----------------------------------------------------------------------------

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.openRequested.emit(chosen.id)

    def compare_selected(self) -> None:
        chosen, current = self.selected(), self._current()
        if chosen is None or current is None or chosen.id == current.id:
            return
        older = chosen.number < current.number
        self.compareRequested.emit(*((chosen.id, current.id) if older else (current.id, chosen.id)))


__all__ = ["VersionsDialog"]
