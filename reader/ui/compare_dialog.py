"""视图 → 新旧对照…: which document to compare the open one with.

The other versions of the open document come first, by label (and by default the pair is
the previous version → the current one); then documents whose title is the same once dates,
editions and 中华人民共和国 are set aside (versions the library did not recognise); then every
other document.  Which side is 修改前 follows the dates (施行, else 发布), and the user can
turn it round.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)
from rapidfuzz import fuzz

from reader.ui.compare_model import title_key

#: Titles at least this alike (rapidfuzz ratio of the keys) count as versions of one another.
SIMILAR_MIN = 80.0


def version_date(summary: Any) -> date:
    """When a version took effect, as far as the library knows (for old/new order): a
    DocumentSummary (施行, else 发布) or a library Version (its date)."""
    if hasattr(summary, "number"):  # a Version: amendments share 施行/发布 of the first text
        return summary.date or summary.in_force_from or date.min
    return summary.effective or summary.issued or date.min


def similar_first(summaries: list[Any], current: Any) -> tuple[list[Any], list[Any]]:
    """The other documents split into (similar titles, best first; all the rest, in order)."""
    key = title_key(current.title)
    scored = [(fuzz.ratio(key, title_key(s.title)), s) for s in summaries if s.id != current.id]
    similar = [s for score, s in sorted(scored, key=lambda x: -x[0]) if score >= SIMILAR_MIN]
    ids = {s.id for s in similar}
    return similar, [s for _score, s in scored if s.id not in ids]


class ComparePicker(QDialog):
    """Lists the candidates; ``pair()`` gives (old_id, new_id) once accepted."""

    def __init__(self, summaries: list[Any], current_id: str, parent: QWidget | None = None,
                 versions: list[Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePicker")
        self.resize(620, 520)
        self.current = next(s for s in summaries if s.id == current_id)
        versions = list(versions or [])
        me = next((v for v in versions if v.id == current_id), None)
        self.versions = [v for v in versions if v.id != current_id] if len(versions) > 1 else []
        if me is not None and self.versions:
            self.current = me  # dates of the version, not of the first text
        ids = {v.id for v in versions}
        self.similar, self.others = similar_first([s for s in summaries if s.id not in ids
                                                   or s.id == current_id], self.current)
        self.setWindowTitle(self.tr("新旧对照"))
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("把《{0}》与哪一篇对照？").format(self.current.title), self))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选标题…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._fill)
        box.addWidget(self.filter)
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._picked)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        box.addWidget(self.list, 1)
        self.current_is_old = QCheckBox(self.tr("当前文档是修改前的版本"), self)
        box.addWidget(self.current_is_old)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("对照"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        box.addWidget(buttons)
        self._fill("")

    def _describe(self, s: Any) -> str:
        if hasattr(s, "number"):  # a version of this document
            mark = self.tr("（现行）") if s.current else ""
            return "　·　".join(p for p in (f"{s.label or self.tr('（未注明日期）')}{mark}",
                                             Path(s.source.file).name) if p)
        when = version_date(s)
        parts = [s.title, when.isoformat() if when != date.min else "", Path(s.source.file).name]
        return "　·　".join(p for p in parts if p)

    def _fill(self, text: str) -> None:
        self.list.clear()
        words = text.strip()
        groups = ((self.tr("本文档的版本"), self.versions), (self.tr("相近标题"), self.similar),
                  (self.tr("全部文档"), self.others))
        for header, group in groups:
            shown = [s for s in group if not words or words in s.title or words in s.source.file]
            if not shown:
                continue
            head = QListWidgetItem(header, self.list)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            for s in shown:
                item = QListWidgetItem("　" + self._describe(s), self.list)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                item.setToolTip(s.source.file)
        first = next((self.list.item(i) for i in range(self.list.count())
                      if self.list.item(i).data(Qt.ItemDataRole.UserRole) == self._default()), None) \
            or next((self.list.item(i) for i in range(self.list.count())
                     if self.list.item(i).data(Qt.ItemDataRole.UserRole)), None)
        self.list.setCurrentItem(first)
        self.ok.setEnabled(first is not None)

    def _picked(self, item: QListWidgetItem | None) -> None:
        chosen = self._summary(item)
        self.ok.setEnabled(chosen is not None)
        if chosen is not None:
            self.current_is_old.setChecked(version_date(self.current) < version_date(chosen))

    def _default(self) -> str | None:
        """Previous → current: the current version when an older one is open, else the
        version just before the open one."""
        if not self.versions:
            return None
        current = next((v for v in self.versions if v.current), None)
        if current is not None:
            return current.id
        older = [v for v in self.versions if v.number < self.current.number]
        return (older or self.versions)[-1].id

    def _summary(self, item: QListWidgetItem | None) -> Any:
        doc_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((s for s in self.versions + self.similar + self.others if s.id == doc_id), None)

    def choose(self, doc_id: str) -> None:
        """Select a candidate (tests, and a caller that already knows)."""
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == doc_id:
                self.list.setCurrentRow(i)
                return

    def pair(self) -> tuple[str, str] | None:
        """(old_id, new_id) of the chosen documents, or None."""
        chosen = self._summary(self.list.currentItem())
        if chosen is None:
            return None
        if self.current_is_old.isChecked():
            return self.current.id, chosen.id
        return chosen.id, self.current.id
