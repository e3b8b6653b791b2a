"""Cross-references in the window: the references a text makes shown as links in the
reading view (hover: the target's words; click: go there, with back/forward), and the
"被引用" (cited by) panel — for the article at the reading position, every reference to it
from the whole library, the references it makes and the user's own links beside them, and
the documents that cite, repeal or issue the open document.

Everything comes from the Library (``refs.list``, ``refs.cited_by``, ``refs.relations``,
``unit_text``), which answers from its indexes; nothing here scans texts.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QStandardItem,
    QStandardItemModel,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QDockWidget, QWidget

from reader.ui import ref_notes, theme
from reader.ui.docinfo import literal_rich_text
from reader.ui.icons import item_tree, muted_label, vbox

if TYPE_CHECKING:
    from reader.core.refs import Ref
    from reader.ui.main_window import MainWindow
    from reader.ui.render import Rendered

# Where a row leads: (doc_id, node_id or None).
TARGET_ROLE = Qt.ItemDataRole.UserRole + 41
# What a row is: "cited" | "ref" | "link" | "relation" (tests and styling).
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 42
HREF_PREFIX = "ref:"
TOOLTIP_CHARS = 600
_UNRESOLVED = "#8a8f98"


class RefsPanel(QWidget):
    """The 被引用 panel: four groups of rows; double-click (or Enter) goes to a row's target."""

    # Go to (doc_id, node_id or None).
    targetActivated = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refsPanel")
        self.title = muted_label(self)
        self.model = QStandardItemModel(self)
        self.view = item_tree(self, "refsView", self.model, wrap=False)
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        vbox(self, self.title, (self.view, 1), margins=(6, 4, 6, 6), spacing=4)
        self._data: tuple[str, list, list, list, list] = ("", [], [], [], [])
        self.retranslate()

    def retranslate(self) -> None:
        self.set_data(*self._data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_data(self, place: str, cited: list[tuple[str, str, str, Any]],
                 refs: list[tuple[str, str, bool, Any]], links: list[tuple[str, str, Any]],
                 relations: list[tuple[str, str, Any]]) -> None:
        """``cited``: (where, words, tooltip, target); ``refs``: (words, where to, resolved,
        target); ``links``: (relation, other end, target); ``relations``: (relation, title,
        target) — target is (doc_id, node_id) or None."""
        self._data = (place, list(cited), list(refs), list(links), list(relations))
        self.title.setText(self.tr("引用 {0} 的条文与文件").format(place) if place
                           else self.tr("没有打开的文档"))
        self.model.clear()
        groups = (
            ("cited", self.tr("被引用（{0}）"),
             [(f"{where}　{words}", tip, target, True) for where, words, tip, target in cited]),
            ("ref", self.tr("本条的引用 · 自动识别（{0}）"),
             [(f"{words} → {to}", to, target, ok) for words, to, ok, target in refs]),
            ("link", self.tr("本条的链接 · 我的链接（{0}）"),
             [(f"{rel}　{other}", other, target, True) for rel, other, target in links]),
            ("relation", self.tr("相关文件（{0}）"),
             [(f"{rel}　《{title}》", title, target, True) for rel, title, target in relations]),
        )
        for source, label, rows in groups:
            group = QStandardItem(label.format(len(rows)))
            group.setSelectable(False)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            group.setData(source, SOURCE_ROLE)
            self.model.appendRow(group)
            for text, tip, target, ok in rows:
                item = QStandardItem(text)
                item.setData(target, TARGET_ROLE)
                item.setData(source, SOURCE_ROLE)
                item.setToolTip(literal_rich_text(tip))
                if not ok:
                    item.setForeground(QBrush(QColor(_UNRESOLVED)))
                group.appendRow(item)
        self.view.expandAll()

    def words(self) -> dict[str, str]:
        """The translated words the controller shows (tooltips, rows, the dock title)."""
        return {
            "dock": self.tr("被引用"),
            "unresolved_ref": self.tr("未能解析的引用：{0}"),
            "inexact_match": self.tr("（近似匹配）"),
            "inexact": self.tr("（近似）"),
            "unresolved": self.tr("未解析"),
            "cited_by": self.tr("引用本文件"),
            "repealed_by": self.tr("废止本文件"),
            "issued_by": self.tr("印发本文件"),
            "cites": self.tr("本文件引用"),
            "repeals": self.tr("本文件废止"),
            "issues": self.tr("本文件印发"),
            "now_changed": self.tr("现行版本中已修改"),
            "now_moved": self.tr("现行版本中已移至{0}"),
            "now_removed": self.tr("现行版本中已删除"),
        }

    def rows(self, source: str) -> list[str]:
        """The texts of one group's rows ("cited", "ref", "link", "relation")."""
        for r in range(self.model.rowCount()):
            group = self.model.item(r)
            if group.data(SOURCE_ROLE) == source:
                return [group.child(i).text() for i in range(group.rowCount())]
        return []

    def activate(self, source: str, row: int) -> None:
        for r in range(self.model.rowCount()):
            group = self.model.item(r)
            if group.data(SOURCE_ROLE) == source:
                self._activated(group.child(row).index())

    def _activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE) if index.isValid() else None
        if target:
            self.targetActivated.emit(target[0], target[1])


class RefsController:
    """Keeps the view's reference links and the 被引用 panel in step with the window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.library = window.library
        self.refs: list[Ref] = []
        self._spans: list[tuple[int, int, int]] = []  # (start, end, index into refs), sorted
        self._starts: list[int] = []
        self._texts: dict[tuple[str, str | None], str] = {}
        self._now: dict[tuple[str, str | None], Any] = {}  # (doc, node) → CitedNow or None
        self._now_pending = False  # a worker is finding the open document's _now
        self._now_generation = 0
        self._titles: dict[str, str] = {}
        self._doc_id: str | None = None
        self._doc: Any = None
        self._place: str | None = None
        self.panel = RefsPanel(window)
        self.dock: QDockWidget = window._dock("refsDock", self.panel, Qt.DockWidgetArea.RightDockWidgetArea)
        window.tabifyDockWidget(window.links_dock, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(lambda shown: shown and self.refresh_panel(force=True))
        view = window.view
        view.setTextInteractionFlags(view.textInteractionFlags()
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        view.anchorClicked.connect(self._anchor_clicked)
        view.decorators.append(self.decorate)  # marked before the view lays the text out
        view.ref_tooltip = self.tooltip_at
        self._timer = QTimer(window, singleShot=True, interval=120)
        self._timer.timeout.connect(self.refresh_panel)
        view.nodeChanged.connect(lambda _n: self._timer.start())
        window.documentOpened.connect(lambda _d: self.load())
        window.documentRemoved.connect(lambda _d: self.reload())
        window.importFinished.connect(lambda _r: self.reload())
        window.annotator.changed.connect(lambda: self.refresh_panel(force=True))
        self.panel.targetActivated.connect(self.follow)
        act = self.dock.toggleViewAction()
        act.setObjectName("actShowRefs")
        window.commands.menu_panels.addAction(act)
        self.retranslate()
        self._filter = _Retranslator(self)
        self.panel.installEventFilter(self._filter)

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.panel.words()["dock"])

    # -- the open document's references ------------------------------------------------------

    def load(self, force: bool = False) -> None:
        """The open document changed (or may have): fetch its references, mark them."""
        doc = self.w.doc
        doc_id = doc.id if doc is not None else None
        if doc_id == self._doc_id and doc is self._doc and not force:  # marked by decorate()
            shown = self._place is not None and self._place.startswith(f"{doc_id}/")
            self.refresh_panel(force=not shown)
            return
        self._fetch(doc)
        view = self.w.view
        if view.rendered is not None:
            cursor = QTextCursor(view.rendered.document)
            cursor.beginEditBlock()  # one relayout for all the marks, not one per mark
            self.apply(view.rendered)
            cursor.endEditBlock()
        self.refresh_panel(force=True)

    def reload(self) -> None:
        self.load(force=True)

    def _fetch(self, doc: Any) -> None:
        """The references of ``doc`` (the open document), from the library."""
        doc_id = doc.id if doc is not None else None
        self._doc_id, self._doc = doc_id, doc  # the same id may come back re-imported
        self._texts.clear()
        self._now.clear()
        self._titles.clear()
        try:  # while references are being redone (an upgrade), none: reloaded when done
            outdated = self.library.refs.outdated()
            self.refs = self.library.refs.list(doc_id) if doc_id and not outdated else []
        except Exception:  # noqa: BLE001 - removed meanwhile: nothing to mark
            self.refs = []
        self._find_now(doc_id)

    def _find_now(self, doc_id: str | None) -> None:
        """Where the units cited in other documents are in their current versions: on a
        worker (a comparison of two versions of a law takes a good part of 100 ms); the
        panel shows the flags when it is done."""
        keys = sorted({(r.target_doc_id, r.target_node_id) for r in self.refs
                       if r.resolved and r.target_doc_id and r.target_doc_id != doc_id},
                      key=lambda k: (k[0], k[1] or ""))
        versions = getattr(self.library, "versions", None)
        runner = getattr(self.w, "runner", None)
        self._now_pending = bool(keys) and versions is not None and runner is not None
        if not self._now_pending:
            return
        generation = self._now_generation = self._now_generation + 1

        def found(now: dict) -> None:
            if generation == self._now_generation and self._doc_id == doc_id:
                self._now.update(now)
                self._now_pending = False
                self.refresh_panel(force=True)

        runner.start(lambda _t: {k: _cited_now(versions, k) for k in keys}, name="cited-now",
                     on_done=found, on_error=lambda _m: None)

    def decorate(self, rendered: Rendered, start: int, end: int) -> None:
        """A piece [start, end) of the open document was typeset: mark its references in
        the piece's edit block (on a shown document each mark apart relays the text out)."""
        doc = self.w.view.document_model
        if doc is not self._doc:
            self._fetch(doc)
        self.apply(rendered, start, end)

    def apply(self, rendered: Rendered | None, start: int = 0, end: int | None = None) -> None:
        """Mark each reference in [start, end) of the rendered text as a link (unresolved
        ones dotted grey); from 0, the marks made before are forgotten."""
        view = self.w.view
        if start == 0:
            self._spans = []
        if rendered is None or not self.refs or view.document_model is None \
                or self._doc is not view.document_model:
            self._spans, self._starts = [], []
            return
        first, last = start, end if end is not None else rendered.document.characterCount()
        colors = theme.colors(getattr(view, "_theme", "light"))
        qdoc = rendered.document
        for i, ref in enumerate(self.refs):
            where = rendered.text_range(ref.node_id, ref.end, ref.start)
            if where is None or not first <= where[0] <= where[1] <= last:
                continue
            start, end = where
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"{HREF_PREFIX}{i}")
            if ref.resolved:
                fmt.setForeground(QColor(colors.heading))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline
                                      if ref.exact else QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(QColor(colors.heading))
            else:
                fmt.setForeground(QColor(colors.muted))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor(colors.muted))
            cursor = QTextCursor(qdoc)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
            self._spans.append((start, end, i))
        self._spans.sort()
        self._starts = [s for s, _, _ in self._spans]

    def ref_at(self, pos: int) -> Ref | None:
        """The reference whose words are at document position ``pos``."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0:
            start, end, i = self._spans[k]
            if start <= pos < end:
                return self.refs[i]
        return None

    def position_of(self, ref: Ref) -> int | None:
        """Where a reference's words start in the view (tests, keyboard)."""
        i = self.refs.index(ref)
        return next((s for s, _, j in self._spans if j == i), None)

    # -- hover and click ---------------------------------------------------------------------

    def tooltip_at(self, point: QPoint) -> str:
        view = self.w.view
        if not view.anchorAt(point).startswith(HREF_PREFIX):
            return ""
        ref = self.ref_at(view.cursorForPosition(point).position())
        return self.tooltip(ref) if ref is not None else ""

    def tooltip(self, ref: Ref) -> str:
        """Plain text (the view escapes it): where the reference leads and the words there."""
        w = self.panel.words()
        if not ref.resolved:
            from reader.core.refs import pinpoint_label  # the grammar: not before the first paint

            named = f"《{ref.target_title}》" if ref.target_title else ""
            named += pinpoint_label(ref.pinpoint)
            lines = [w["unresolved_ref"].format(named or ref.text)]
            if ref.note:
                lines.append(ref_notes.translate(ref.note))
            return "\n".join(lines)
        doc_id, node_id = ref.target_doc_id or "", ref.target_node_id
        head = self._label(doc_id, node_id)
        if not ref.exact:
            head += "  " + w["inexact_match"]
            if ref.note:
                head += "\n" + ref_notes.translate(ref.note)
        key = (doc_id, node_id)
        if key not in self._texts:
            try:
                text = self.library.unit_text(doc_id, node_id) if node_id else ""
            except Exception:  # noqa: BLE001
                text = ""
            self._texts[key] = text
        text = self._texts[key]
        if len(text) > TOOLTIP_CHARS:
            text = text[:TOOLTIP_CHARS] + "…"
        flag = self.flag(ref)
        if flag:
            head += f"\n⚠ {flag}"
        return f"→ {head}\n{text}".rstrip() if text else f"→ {head}"

    def _anchor_clicked(self, url: QUrl) -> None:
        href = url.toString()
        if not href.startswith(HREF_PREFIX):
            return
        try:
            ref = self.refs[int(href[len(HREF_PREFIX):])]
        except (ValueError, IndexError):
            return
        self.follow_ref(ref)

    def follow_ref(self, ref: Ref) -> bool:
        if not ref.resolved or not ref.target_doc_id:
            self.w.statusBar().showMessage(self.tooltip(ref).replace("\n", " — "), 6000)
            return False
        return self.follow(*self.target(ref))

    # -- references into older versions -------------------------------------------------------

    def cited_now(self, ref: Ref, wait: bool = False) -> Any:
        """Where a reference into an older version's unit is in the current version (a
        library CitedNow), or None when it cites the current version — or, unless
        ``wait``, while the worker is still finding out."""
        key = (ref.target_doc_id or "", ref.target_node_id)
        if key not in self._now:
            if self._now_pending and not wait:
                return None
            self._now[key] = _cited_now(getattr(self.library, "versions", None), key)
        return self._now[key]

    def target(self, ref: Ref) -> tuple[str, str | None]:
        """Where following a resolved reference goes: the unit it became in the current
        version when the cited version is older and the unit changed; else its target."""
        now = self.cited_now(ref, wait=True)
        if now is not None and now.flagged and now.node_id:
            return now.doc_id, now.node_id
        return ref.target_doc_id or "", ref.target_node_id

    def flag(self, ref: Ref) -> str:
        """现行版本中已修改 / 已移至… / 已删除 for a reference into an older version ('' if none)."""
        now = self.cited_now(ref)
        if now is None or not now.flagged:
            return ""
        w = self.panel.words()
        if now.status == "removed" or not now.node_id:
            return w["now_removed"]
        if now.status == "changed":
            return w["now_changed"]
        return w["now_moved"].format(now.new_label or now.node_id)

    def follow(self, doc_id: str, node_id: str | None) -> bool:
        """Go to a target, as a new history entry (Back returns)."""
        return self.w.open_document(doc_id, node_id or None)

    # -- the panel ---------------------------------------------------------------------------

    def _title(self, doc_id: str) -> str:
        if doc_id not in self._titles:
            self._titles.update(self.library.titles([doc_id]))
        return self._titles.get(doc_id, doc_id)

    def _label(self, doc_id: str, node_id: str | None, with_title: bool = True) -> str:
        if self.w.doc is not None and doc_id == self.w.doc.id:
            with_title = False
        if not node_id:
            return f"《{self._title(doc_id)}》"
        return self.w.annotator.cite(doc_id, node_id, with_title=with_title)

    def refresh_panel(self, force: bool = False) -> None:
        if not self.dock.isVisible() and not force:
            return
        doc, info = self.w.doc, self.w.info
        if doc is None or info is None:
            self._place = None
            self.panel.set_data("", [], [], [], [])
            return
        node = self.w.view.current_node()
        unit = info.article(node) if node else None
        place_key = f"{doc.id}/{unit.id if unit else ''}"
        if place_key == self._place and not force:
            return
        self._place = place_key
        w = self.panel.words()
        cited_rows: list = []
        relations: list = []
        try:
            if not self.library.refs.outdated():  # being redone (an upgrade): shown when done
                cited_rows = self.library.refs.cited_by(doc.id, unit.id) if unit is not None else []
                relations = self.library.refs.relations(doc.id)
        except Exception:  # noqa: BLE001 - removed meanwhile
            cited_rows, relations = [], []
        cited = [(self._label(c.doc_id, c.node_id), c.text,
                  f"{c.text} → {self._label(doc.id, c.target_node_id, False) if c.target_node_id else ''}",
                  (c.doc_id, c.node_id)) for c in cited_rows]
        ids = {n.id for n in unit.walk()} if unit is not None else set()
        refs = []
        for r in self.refs:
            if r.node_id not in ids:
                continue
            if r.resolved:
                to = self._label(r.target_doc_id or "", r.target_node_id)
                if not r.exact:
                    to += w["inexact"]
                flag = self.flag(r)
                if flag:
                    to += f"　⚠ {flag}"
                refs.append((r.text, to, True, self.target(r)))
            else:
                refs.append((r.text, w["unresolved"], False, None))
        links = []
        for link in getattr(self.w.annotator, "links", []):
            for side, arrow in (("src", "→"), ("dst", "←")):
                end = link.end(side)
                if end.doc_id != doc.id or end.node_id not in ids:
                    continue
                other = link.dst if side == "src" else link.src
                links.append((f"{arrow} {link.relation}", self._label(other.doc_id, other.node_id),
                              (other.doc_id, other.node_id)))
        rels = [(w.get(r.relation, r.relation), r.title, (r.doc_id, None)) for r in relations]
        place = info.cite_label(unit.id) if unit is not None else ""
        self.panel.set_data(place or f"《{doc.title}》", cited, refs, links, rels)


def _cited_now(versions: Any, key: tuple[str, str | None]) -> Any:
    """library.versions.cited_now, or None (no versions service, or the document removed)."""
    try:
        return versions.cited_now(*key) if versions is not None and key[0] else None
    except Exception:  # noqa: BLE001 - removed meanwhile
        return None


class _Retranslator(QObject):
    """Event filter: a language change retitles the dock too."""

    def __init__(self, controller: RefsController) -> None:
        super().__init__(controller.panel)
        self.c = controller

    def eventFilter(self, obj: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.c.retranslate()
            self.c.refresh_panel(force=True)
        return False


__all__ = ["HREF_PREFIX", "SOURCE_ROLE", "TARGET_ROLE", "RefsController", "RefsPanel"]
