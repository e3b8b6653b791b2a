"""The rows of the 新旧对照 view: one row per pair of a Comparison, its old and new text as
rich text with the changes marked (deletions struck through, insertions underlined), and the
filter that shows only the changes or only one status.

A pair "changes" when its text does: a unit that was only renumbered (moved, every 款
equal) is not a change for 只看修改, though the status filter still finds it as 移动.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from reader.core.model import identity_key
from reader.core.versions import Comparison, Pair

STATUS_COL, OLD_COL, NEW_COL = 0, 1, 2
PairRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2
ChangedRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Marks:
    """Colours of the marks, per theme: ink and background of deletions and insertions."""

    deleted: str
    deleted_bg: str
    inserted: str
    inserted_bg: str
    label: str
    muted: str


LIGHT_MARKS = Marks("#b3261e", "#fbe3e1", "#16723a", "#dff3e4", "#1d3557", "#6c7079")
DARK_MARKS = Marks("#ff8f86", "#4a2427", "#7fdc9c", "#1f3b2a", "#a9c7ef", "#8d939c")

#: Badge colours per status (background; the text is white).
BADGE_COLOURS = {"changed": "#b26a00", "moved": "#2f5f9e", "added": "#1f7a3d", "removed": "#a4262c",
                 "split": "#6a3d9a", "merged": "#6a3d9a", "same": "#8a8f98"}


def marks(theme: str) -> Marks:
    return DARK_MARKS if theme == "dark" else LIGHT_MARKS


def text_changed(pair: Pair) -> bool:
    """True unless the pair's text is the same on both sides (same, or only renumbered)."""
    if pair.status in ("added", "removed", "split", "merged"):
        return True
    return any(op != "equal" for d in pair.paragraphs for op, _ in d.segments)


def side_html(pair: Pair, side: str, m: Marks) -> str:
    """One side of a pair as rich text: its label, then each 款 with the changes marked."""
    ref = pair.old if side == "old" else pair.new
    if ref is None:
        return ""
    drop, mark = ("insert", "delete") if side == "old" else ("delete", "insert")
    style = (f"color:{m.deleted}; background:{m.deleted_bg}; text-decoration:line-through" if side == "old"
             else f"color:{m.inserted}; background:{m.inserted_bg}; text-decoration:underline")
    paras = []
    for d in pair.paragraphs:
        if (d.old if side == "old" else d.new) is None:
            continue
        parts = [f"<span style='{style}'>{html.escape(t)}</span>" if op == mark else html.escape(t)
                 for op, t in d.segments if op != drop]
        paras.append("".join(parts))
    label = f"<b style='color:{m.label}'>{html.escape(ref.label)}</b>"
    if pair.heading:
        title = paras[0] if paras else ""
        rest = "".join(f"<p>{p}</p>" for p in paras[1:])
        return f"<p align='center'><b>{label}&#12288;{title}</b></p>{rest}"
    if not paras:
        return f"<p>{label}</p>"
    body = [f"<p>{label}&#12288;{paras[0]}</p>"] + [f"<p>&#12288;&#12288;{p}</p>" for p in paras[1:]]
    return "".join(body)


def side_plain(pair: Pair, side: str) -> str:
    """One side of a pair as plain text (copy, accessibility, tests)."""
    ref = pair.old if side == "old" else pair.new
    if ref is None:
        return ""
    drop = "insert" if side == "old" else "delete"
    paras = ["".join(t for op, t in d.segments if op != drop) for d in pair.paragraphs
             if (d.old if side == "old" else d.new) is not None]
    return "\n".join([ref.label + ("　" + paras[0] if paras else "")] + paras[1:])


_DATES = re.compile(r"[（(][^）)]*\d[^）)]*[）)]|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:修正|修订|版)?")
_COUNTRY = "中华人民共和国"


def title_key(title: str) -> str:
    """A title without its dates, editions and 中华人民共和国: 公司法(2018-10-26) → 公司法."""
    key = identity_key(_DATES.sub("", title))
    return key.replace(_COUNTRY, "") or key


class CompareModel(QAbstractTableModel):
    """Rows of a Comparison; the cells' rich text is built when first shown, per theme."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self._pairs: list[Pair] = []
        self._changed: list[bool] = []
        self._html: dict[tuple[int, int], str] = {}
        self._marks = LIGHT_MARKS

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self._pairs = list(comparison.pairs) if comparison else []
        self._changed = [text_changed(p) for p in self._pairs]
        self._html.clear()
        self.endResetModel()

    def set_theme(self, theme: str) -> None:
        self._marks = marks(theme)
        self._html.clear()
        if self._pairs:
            self.dataChanged.emit(self.index(0, OLD_COL), self.index(len(self._pairs) - 1, NEW_COL))

    def pair(self, row: int) -> Pair:
        return self._pairs[row]

    def changed(self, row: int) -> bool:
        return self._changed[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("状态"), self.tr("修改前"), self.tr("修改后"))[section]

    def badge(self, pair: Pair) -> str:
        """The status as the badge says it: 新增, 删除, 修改, 移动 原第X条, 拆分, 合并."""
        names = {"same": self.tr("未修改"), "changed": self.tr("修改"), "moved": self.tr("移动"),
                 "added": self.tr("新增"), "removed": self.tr("删除"), "split": self.tr("拆分"),
                 "merged": self.tr("合并")}
        text = names[pair.status]
        if pair.status in ("moved", "split", "merged") and pair.old and pair.new and pair.old.label != pair.new.label:
            text += "\n" + self.tr("原{0}").format(pair.old.label)
        return text

    def tooltip(self, pair: Pair) -> str:
        old, new = (pair.old.label if pair.old else ""), (pair.new.label if pair.new else "")
        tips = {"same": self.tr("{0} 未修改"), "changed": self.tr("{0} 有修改"),
                "moved": self.tr("原{1}改为{0}"), "added": self.tr("新增{0}"), "removed": self.tr("删除原{1}"),
                "split": self.tr("原{1}拆分，此为{0}"), "merged": self.tr("原{1}并入{0}")}
        tip = tips[pair.status].format(new, old)
        if pair.status == "moved":
            tip += self.tr("，文字有修改") if text_changed(pair) else self.tr("，文字未变")
        if pair.old and pair.new and pair.status != "same":
            tip += self.tr("（相似度 {0:.0%}）").format(pair.similarity)
        return tip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        pair = self._pairs[row]
        if role == PairRole:
            return pair
        if role == ChangedRole:
            return self._changed[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(pair)
        if col == STATUS_COL:
            return self.badge(pair) if role == Qt.ItemDataRole.DisplayRole else None
        side = "old" if col == OLD_COL else "new"
        if role == Qt.ItemDataRole.DisplayRole:
            return side_plain(pair, side)
        if role == HtmlRole:
            key = (row, col)
            if key not in self._html:
                self._html[key] = side_html(pair, side, self._marks)
            return self._html[key]
        return None


#: Status filter choices: key → the statuses it shows.
STATUS_FILTERS = {"all": frozenset(), "changed": frozenset({"changed"}), "moved": frozenset({"moved"}),
                  "added": frozenset({"added"}), "removed": frozenset({"removed"}),
                  "split": frozenset({"split", "merged"})}


class CompareFilter(QSortFilterProxyModel):
    """只看修改 (text changes only) and one status (or all)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changes_only = False
        self.statuses: frozenset[str] = frozenset()

    def set_filter(self, changes_only: bool, status: str) -> None:
        modern = hasattr(self, "endFilterChange")  # Qt 6.10 deprecates invalidate*Filter()
        if modern:
            self.beginFilterChange()
        self.changes_only = changes_only
        self.statuses = STATUS_FILTERS[status]
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model: CompareModel = self.sourceModel()  # type: ignore[assignment]
        if self.changes_only and not model.changed(source_row):
            return False
        return not self.statuses or model.pair(source_row).status in self.statuses
