"""The annotations panel: the open document's annotations (or the whole library's) grouped
by chapter and article, filterable by category, tag, status and text; orphans — notes
that lost their place in a re-import, or whose document was removed — in a tab of their
own, to be re-attached; and the deleted ones, to be restored.  A click selects, a
double-click jumps to the text.

For a team (issue 16): each author's name in their colour and a filter by author (who
wrote the note or answered in its thread), replies edited and deleted from their own row,
a 冲突 mark on notes the last sync flagged, and 修改历史… while a team server is set."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QComboBox, QLineEdit, QMenu, QPushButton, QTabWidget,
                               QTreeView, QVBoxLayout, QWidget)

from reader.core.annotations import Annotation, Category, Reply
from reader.core.model import NodeKind
from reader.ui.annotation_dialogs import swatch
from reader.ui.annotation_layer import NEUTRAL
from reader.ui.authors import AUTHOR_ROLE, AUTHOR_SPAN_ROLE, AuthorDelegate, author_color
from reader.ui.docinfo import DocInfo, fold, literal_rich_text
from reader.ui.icons import hbox, item_tree, muted_label, vbox
from reader.ui.version_notes import FollowInfo

ANN_ROLE = Qt.ItemDataRole.UserRole + 21
REPLY_ROLE = Qt.ItemDataRole.UserRole + 22  # a reply's row (a child of its note's row)
MUTED = "#8a8f98"
TABS = ("notes", "orphans", "deleted")


@dataclass
class PanelData:
    """What the panel shows (the window gathers it from the Library)."""

    annotations: list[Annotation]  # live and placed
    orphans: list[Annotation]
    deleted: list[Annotation]
    categories: list[Category]  # all, deleted ones too (their colours)
    infos: dict[str, DocInfo]  # documents in the library
    titles: dict[str, str]
    scope: str = "document"
    follows: dict[str, FollowInfo] = field(default_factory=dict)  # notes that followed a new version


def group_path(ann: Annotation, info: DocInfo | None) -> list[str]:
    """Chapter and article (or outline unit) of an annotation, for grouping."""
    if info is None or info.node(ann.node_id) is None:
        return []
    path = info.path(ann.node_id)
    groups = []
    chapter = next((n for n in path if n.kind is NodeKind.CHAPTER), None)
    if chapter is not None:
        groups.append(" ".join((chapter.text or f"{chapter.label} {chapter.heading}").split()))
    unit = info.article(ann.node_id)
    if unit is not None and unit is not chapter:
        label = info.cite_label(unit.id) or unit.label
        words = info.first_words(unit, 14)
        groups.append(f"{label}　{words}" if unit.kind is not NodeKind.ARTICLE and words else label)
    return [g for g in groups if g]


def describe(ann: Annotation) -> str:
    """The row text: the quote (or 整条), the note's first lines, the tags."""
    head = f"“{_cut(ann.quote, 40)}”" if ann.quote else "【整条】"
    lines = [head]
    if ann.note:
        lines.append(_cut(" ".join(ann.note.split()), 60))
    if ann.tags:
        lines.append(" ".join(f"#{t}" for t in ann.tags))
    return "\n".join(lines)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


class AnnotationsPanel(QWidget):
    annotationSelected = Signal(str)
    annotationActivated = Signal(str)  # double-click / Enter: jump to it
    editRequested = Signal(str)
    deleteRequested = Signal(str)
    restoreRequested = Signal(str)
    reattachRequested = Signal(str)
    statusRequested = Signal(str, str)
    replyRequested = Signal(str)
    scopeChanged = Signal(str)
    originRequested = Signal(str)  # 在原版本中查看: the version the note was made on
    editReplyRequested = Signal(str)  # a reply's id
    deleteReplyRequested = Signal(str)
    historyRequested = Signal(str)  # 修改历史… (a team server is set)
    conflictDismissed = Signal(str)  # 冲突已处理: the note's 冲突 mark goes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsPanel")
        self._data: PanelData | None = None
        self._syncing = False
        self.team_connected = False
        self.conflicts: dict[str, str] = {}  # annotation id → why the last sync flagged it
        self.scope = QComboBox(self)
        self.scope.setObjectName("annotationScope")
        self.category = QComboBox(self)
        self.category.setObjectName("annotationCategory")
        self.tag = QComboBox(self)
        self.tag.setObjectName("annotationTag")
        self.status = QComboBox(self)
        self.status.setObjectName("annotationStatus")
        self.author = QComboBox(self)
        self.author.setObjectName("annotationAuthor")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("annotationFilter")
        self.filter.setClearButtonEnabled(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("annotationTabs")
        self.models: dict[str, QStandardItemModel] = {}
        self.views: dict[str, QTreeView] = {}
        self.pages: dict[str, QWidget] = {}
        for key in TABS:
            page = QWidget(self)
            model = QStandardItemModel(self)
            view = item_tree(page, f"annotationList_{key}", model, wrap=False)  # lines elide
            view.setItemDelegate(AuthorDelegate(view))
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda p, k=key: self._menu(k, p))
            view.doubleClicked.connect(self._activated)
            view.activated.connect(self._activated)
            view.selectionModel().currentChanged.connect(self._current_changed)
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 4, 0, 0)
            box.setSpacing(4)
            box.addWidget(view, 1)
            self.models[key], self.views[key], self.pages[key] = model, view, page
            self.tabs.addTab(page, "")
        self.reattach_button = QPushButton(self.pages["orphans"])
        self.reattach_button.setObjectName("reattachButton")
        self.pages["orphans"].layout().addWidget(self.reattach_button)
        self.restore_button = QPushButton(self.pages["deleted"])
        self.restore_button.setObjectName("restoreButton")
        self.pages["deleted"].layout().addWidget(self.restore_button)
        self.count = muted_label(self)
        vbox(self, hbox((self.scope, 1), (self.status, 1)), hbox((self.category, 1), (self.tag, 1)),
             hbox((self.author, 1), (self.filter, 2)), (self.tabs, 1), self.count,
             margins=(6, 4, 6, 6), spacing=4)
        self.scope.currentIndexChanged.connect(lambda _i: None if self._syncing else self.scopeChanged.emit(self.current_scope()))
        for combo in (self.category, self.tag, self.status, self.author):
            combo.currentIndexChanged.connect(lambda _i: None if self._syncing else self._rebuild())
        self.filter.textChanged.connect(lambda _t: self._rebuild())
        self.tabs.currentChanged.connect(lambda _i: self._update_count())
        self.reattach_button.clicked.connect(lambda: self._emit_current(self.reattachRequested, "orphans"))
        self.restore_button.clicked.connect(lambda: self._emit_current(self.restoreRequested, "deleted"))
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._syncing = True
        scope = self.current_scope()
        self.scope.clear()
        self.scope.addItem(self.tr("当前文档"), "document")
        self.scope.addItem(self.tr("全部文库"), "library")
        self.scope.setCurrentIndex(1 if scope == "library" else 0)
        status = self.status.currentData()
        self.status.clear()
        for text, key in ((self.tr("全部状态"), ""), (self.tr("未解决"), "open"), (self.tr("已答复"), "answered"),
                          (self.tr("已解决"), "resolved")):
            self.status.addItem(text, key)
        self.status.setCurrentIndex(max(0, self.status.findData(status or "")))
        self._syncing = False
        self.filter.setPlaceholderText(self.tr("筛选批注文字、引文、标签…"))
        self.reattach_button.setText(self.tr("附着到正文中选中的文字"))
        self.reattach_button.setToolTip(self.tr("先在正文中选中新的位置，再点此按钮（可撤销）"))
        self.restore_button.setText(self.tr("恢复所选批注"))
        self._fill_filters()
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:  # the theme: the authors' swatches
            self._fill_filters()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------------------

    def current_scope(self) -> str:
        return self.scope.currentData() or "document"

    def set_scope(self, scope: str) -> None:
        self._syncing = True
        self.scope.setCurrentIndex(1 if scope == "library" else 0)
        self._syncing = False

    def set_data(self, data: PanelData | None) -> None:
        selected = self.selected_annotation()
        self._data = data
        self._fill_filters()
        self._rebuild()
        if selected:
            self.select(selected, quiet=True)

    def _fill_filters(self) -> None:
        self._syncing = True
        data = self._data
        current = self.category.currentData()
        self.category.clear()
        self.category.addItem(self.tr("全部分类"), None)
        for cat in (data.categories if data else []):
            self.category.addItem(swatch(cat.color), cat.name, cat.name)
        self.category.addItem(self.tr("（无分类）"), "")
        index = self.category.findData(current) if current is not None else 0
        self.category.setCurrentIndex(max(0, index))
        current_tag = self.tag.currentData()
        self.tag.clear()
        self.tag.addItem(self.tr("全部标签"), None)
        tags: dict[str, int] = {}
        for ann in (data.annotations + data.orphans if data else []):
            for t in ann.tags:
                tags[t] = tags.get(t, 0) + 1
        for t, n in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0])):
            self.tag.addItem(f"#{t} ({n})", t)
        self.tag.setCurrentIndex(max(0, self.tag.findData(current_tag)) if current_tag else 0)
        self._fill_authors()
        self._syncing = False

    def _fill_authors(self) -> None:
        """全部作者, then each author of a note or a reply (most active first), in colour."""
        data = self._data
        current = self.author.currentData()
        self.author.clear()
        self.author.addItem(self.tr("全部作者"), None)
        counts: dict[str, int] = {}
        for ann in (data.annotations + data.orphans if data else []):
            for name in {ann.author, *(r.author for r in ann.replies)}:
                counts[name] = counts.get(name, 0) + 1
        base = self.palette().color(QPalette.ColorRole.Base)
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if name:
                self.author.addItem(swatch(author_color(name, base).name()), f"{name} ({n})", name)
            else:
                self.author.addItem(self.tr("（未署名）") + f" ({n})", "")
        self.author.setCurrentIndex(max(0, self.author.findData(current)) if current is not None else 0)

    def _passes(self, ann: Annotation) -> bool:
        cat = self.category.currentData()
        if cat is not None and ann.category != cat:
            return False
        tag = self.tag.currentData()
        if tag and tag not in ann.tags:
            return False
        author = self.author.currentData()
        if author is not None and ann.author != author and all(r.author != author for r in ann.replies):
            return False  # by this author: the note, or a reply in its thread
        status = self.status.currentData()
        if status and ann.status != status and not (status == "open" and ann.status == "answered"):
            return False  # 未解决: open or answered, anything not yet resolved
        needle = fold(self.filter.text().strip())
        if needle:
            hay = fold(" ".join([ann.quote, ann.note, ann.category, ann.author, *ann.tags,
                                 *[f"#{t}" for t in ann.tags], *[r.text for r in ann.replies]]))
            if needle not in hay:
                return False
        return True

    def _colors(self) -> dict[str, str]:
        return {c.name: c.color for c in self._data.categories} if self._data else {}

    def _rebuild(self) -> None:
        if self._syncing:
            return
        data = self._data
        colors = self._colors()
        lists = {"notes": data.annotations if data else [], "orphans": data.orphans if data else [],
                 "deleted": data.deleted if data else []}
        shown: dict[str, int] = {}
        for key in TABS:
            model = self.models[key]
            model.clear()
            root = model.invisibleRootItem()
            groups: dict[tuple[str, ...], QStandardItem] = {}
            n = 0
            for ann in lists[key]:
                if not self._passes(ann):
                    continue
                n += 1
                path = self._group(ann, key)
                parent = root
                for depth in range(len(path)):
                    k = tuple(path[:depth + 1])
                    if k not in groups:
                        item = QStandardItem(path[depth])
                        item.setSelectable(False)
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                        parent.appendRow(item)
                        groups[k] = item
                    parent = groups[k]
                parent.appendRow(self._row(ann, colors, key))
            shown[key] = n
            self.views[key].expandAll()
        labels = {"notes": self.tr("批注"), "orphans": self.tr("孤立"), "deleted": self.tr("回收站")}
        for i, key in enumerate(TABS):
            total = len(lists[key])
            self.tabs.setTabText(i, f"{labels[key]} ({total})")
        self._shown = shown
        self._update_count()

    def _update_count(self) -> None:
        if self._data is None:
            self.count.setText(self.tr("没有打开的文档"))
        else:
            self.count.setText(self.tr("显示 {0} 条批注").format(getattr(self, "_shown", {}).get(self.current_tab(), 0)))

    def _group(self, ann: Annotation, key: str) -> list[str]:
        data = self._data
        assert data is not None
        info = data.infos.get(ann.doc_id)
        path = group_path(ann, info) if key == "notes" else []
        if data.scope == "library" or key != "notes":
            title = data.titles.get(ann.doc_id) or self.tr("（已移除的文档 {0}）").format(ann.doc_id)
            path = [title] + path[-1:]
        return path

    def _row(self, ann: Annotation, colors: dict[str, str], key: str) -> QStandardItem:
        item = QStandardItem(swatch(colors.get(ann.category, NEUTRAL)), describe(ann))
        item.setData(ann.id, ANN_ROLE)
        tip = [f"【{ann.category}】" if ann.category else "", ann.quote and f"“{ann.quote}”",
               ann.note, " ".join(f"#{t}" for t in ann.tags), ann.author and f"— {ann.author}"]
        follow = self._data.follows.get(ann.id) if self._data is not None else None
        said = self.follow_text(follow) if follow is not None and key != "deleted" else ""
        if said:
            tip.append(said)
            if follow.outcome == "changed" and follow.old_quote:
                tip.append(self.tr("原文：“{0}”").format(follow.old_quote))
            short = said if follow.outcome != "orphan" else self.tr("新版本中找不到原文（原在{0}）").format(
                follow.version or self.tr("原版本"))  # the quote is the row's first line already
            item.setText(f"{item.text()}\n{short}")
        elif key == "orphans":
            tip.append(self.tr("文档已从文库移除，重新导入后自动恢复位置") if not ann.doc_present
                       else self.tr("重新导入后找不到原文（原位置：{0}）").format(ann.node_id))
        elif ann.anchor_state == "moved":
            tip.append(self.tr("重新导入后位置有变动，请核对"))
        item.setToolTip(literal_rich_text("\n".join(t for t in tip if t)))
        conflict = self.conflicts.get(ann.id) if key != "deleted" else None
        if conflict is not None:
            tip.append(self.tr("冲突：{0}").format(conflict) if conflict else self.tr("冲突"))
            item.setToolTip(literal_rich_text("\n".join(t for t in tip if t)))
        meta = [f"— {ann.author}" if ann.author else "", self.status_words()["answered"] if ann.status == "answered" else "",
                self.tr("⚠ 冲突") if conflict is not None else ""]
        if any(meta):
            item.setText(f"{item.text()}\n{'　'.join(m for m in meta if m)}")
        dim = ann.status == "resolved" or key == "deleted"
        if dim:
            item.setForeground(QBrush(QColor(MUTED)))
        for reply in ann.replies:
            item.appendRow(self._reply_row(reply, dim))
        if ann.anchor_state == "moved" and key == "notes" and not (said and follow.outcome == "moved"):
            item.setText("⚠ " + item.text())
        elif said and follow.outcome == "moved":
            item.setText("↪ " + item.text())
        if ann.author:  # the meta line, the last one: its name in the author's colour
            item.setData(ann.author, AUTHOR_ROLE)
            item.setData((item.text().count("\n"), 2, 2 + len(ann.author)), AUTHOR_SPAN_ROLE)
        return item

    def _reply_row(self, reply: Reply, dim: bool) -> QStandardItem:
        """A reply under its note: author — text (the whole of it in the tooltip)."""
        text = " ".join(reply.text.split())
        item = QStandardItem("↳ " + (f"{reply.author} — {_cut(text, 80)}" if reply.author else _cut(text, 80)))
        item.setData(reply.id, REPLY_ROLE)
        if reply.author:
            item.setData(reply.author, AUTHOR_ROLE)
            item.setData((0, 2, 2 + len(reply.author)), AUTHOR_SPAN_ROLE)
        item.setToolTip(literal_rich_text("\n".join(x for x in (reply.text, " ".join(
            x for x in (reply.author and f"— {reply.author}", reply.created[:16].replace("T", " ")) if x)) if x)))
        if dim:
            item.setForeground(QBrush(QColor(MUTED)))
        return item

    def follow_text(self, f: FollowInfo) -> str:
        """What happened to a note when it followed the new version (empty: nothing to say)."""
        if f.outcome == "moved":
            return self.tr("新版本中已移至{0}（原{1}）").format(f.new_place, f.old_place)
        if f.outcome == "changed":
            return self.tr("⚠ 您批注的原文已修改")
        if f.outcome == "orphan":
            return self.tr("新版本中找不到原文：“{0}”（原在{1}）").format(
                f.old_quote or f.old_place, f.version or self.tr("原版本"))
        return ""

    # -- selection -----------------------------------------------------------------------

    def set_team(self, connected: bool, conflicts: dict[str, str]) -> None:
        """Whether a team server is set (修改历史… in the menu) and the notes the last sync
        flagged (annotation id → reason); the rows are rebuilt only when these changed."""
        changed = conflicts != self.conflicts
        self.team_connected, self.conflicts = connected, dict(conflicts)
        if changed:
            self._rebuild()

    def followed(self, ann_id: str) -> bool:
        """Whether the note followed a new version (so it can be viewed on its own)."""
        return self._data is not None and ann_id in self._data.follows

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def selected_annotation(self, tab: str | None = None) -> str | None:
        return _ann_id(self.views[tab or self.current_tab()].currentIndex())

    def _find(self, key: str, ann_id: str) -> QModelIndex:
        model = self.models[key]
        matches = model.match(model.index(0, 0), ANN_ROLE, ann_id, 1,
                              Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return matches[0] if matches else QModelIndex()

    def select(self, ann_id: str, quiet: bool = True) -> bool:
        """Show and select an annotation's row (switching tab if needed)."""
        for i, key in enumerate(TABS):
            index = self._find(key, ann_id)
            if index.isValid():
                self._syncing = quiet
                try:
                    self.tabs.setCurrentIndex(i)
                    self.views[key].selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                    replies = self.models[key].rowCount(index)
                    if replies:  # its thread in view too, as far as it fits
                        self.views[key].scrollTo(self.models[key].index(replies - 1, 0, index))
                    self.views[key].scrollTo(index)
                finally:
                    self._syncing = False
                return True
        return False

    def row_ids(self, tab: str = "notes") -> list[str]:
        """Annotation ids in the order shown (tests)."""
        out: list[str] = []
        model = self.models[tab]

        def walk(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                ann_id = index.data(ANN_ROLE)
                if ann_id:
                    out.append(ann_id)
                walk(index)

        walk(QModelIndex())
        return out

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        ann_id = _ann_id(current)
        if ann_id:
            self.annotationSelected.emit(ann_id)

    def _activated(self, index: QModelIndex) -> None:
        ann_id = _ann_id(index)
        if ann_id:
            self.annotationActivated.emit(ann_id)

    def _emit_current(self, signal, tab: str) -> None:  # noqa: ANN001 - a bound Signal
        ann_id = self.selected_annotation(tab)
        if ann_id:
            signal.emit(ann_id)

    def _menu(self, key: str, point) -> None:  # noqa: ANN001
        view = self.views[key]
        index = view.indexAt(point)
        ann_id = _ann_id(index)
        if not ann_id:
            return
        menu = self.build_menu(key, ann_id, index.data(REPLY_ROLE))
        menu.exec(view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def build_menu(self, key: str, ann_id: str, reply_id: str | None = None) -> QMenu:
        """The context menu of a note's row in tab ``key``; on one of its replies
        (``reply_id``) 编辑回复… and 删除回复 come first."""
        ann = next((a for a in self._all() if a.id == ann_id), None)
        menu = QMenu(self)
        if reply_id and key != "deleted":
            menu.addAction(self.tr("编辑回复…"), lambda: self.editReplyRequested.emit(reply_id))
            menu.addAction(self.tr("删除回复"), lambda: self.deleteReplyRequested.emit(reply_id))
            menu.addSeparator()
        if key == "deleted":
            menu.addAction(self.tr("恢复"), lambda: self.restoreRequested.emit(ann_id))
        else:
            if key == "notes":
                menu.addAction(self.tr("转到正文"), lambda: self.annotationActivated.emit(ann_id))
            menu.addAction(self.tr("编辑批注…"), lambda: self.editRequested.emit(ann_id))
            menu.addAction(self.tr("回复…"), lambda: self.replyRequested.emit(ann_id))
            if ann is not None:
                self.status_menu(menu, ann)
            if key == "orphans":
                menu.addAction(self.tr("附着到正文中选中的文字"), lambda: self.reattachRequested.emit(ann_id))
            if self.followed(ann_id):
                menu.addAction(self.tr("在原版本中查看"), lambda: self.originRequested.emit(ann_id))
            if self.team_connected:
                menu.addAction(self.tr("修改历史…"), lambda: self.historyRequested.emit(ann_id))
            if ann_id in self.conflicts:
                menu.addAction(self.tr("冲突已处理"), lambda: self.conflictDismissed.emit(ann_id))
            menu.addSeparator()
            menu.addAction(self.tr("删除批注"), lambda: self.deleteRequested.emit(ann_id))
        return menu

    def status_words(self) -> dict[str, str]:
        """The review statuses as menus and rows name them."""
        return {"open": self.tr("未解决"), "answered": self.tr("已答复"), "resolved": self.tr("已解决")}

    def status_menu(self, menu: QMenu, ann: Annotation) -> QMenu:
        """状态 ▸ 未解决 / 已答复 / 已解决, the current one checked."""
        sub = menu.addMenu(self.tr("状态"))
        sub.setObjectName("statusMenu")
        for key, text in self.status_words().items():
            act = sub.addAction(text, lambda k=key: self.statusRequested.emit(ann.id, k))
            act.setCheckable(True)
            act.setChecked(ann.status == key)
        return sub

    def _all(self) -> list[Annotation]:
        d = self._data
        return (d.annotations + d.orphans + d.deleted) if d else []


def _ann_id(index: QModelIndex) -> str | None:
    """The annotation of a row: its own, or its note's for a reply's row."""
    if not index.isValid():
        return None
    if index.data(REPLY_ROLE):
        index = index.parent()
    return index.data(ANN_ROLE)


__all__ = ["AnnotationsPanel", "PanelData", "group_path", "describe", "ANN_ROLE", "TABS"]
