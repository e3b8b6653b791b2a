"""The reading window: library and article tree on the left, the reading view in the middle,
search on the right; menus, toolbar and status bar.  Talks to the Library only; every slow
call (import, samples, search) runs on a worker thread."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (QAction, QCloseEvent, QDragEnterEvent, QDropEvent,
                           QKeySequence)
from PySide6.QtWidgets import (QApplication, QDockWidget, QInputDialog, QLabel, QMainWindow,
                               QMessageBox, QToolButton,
                               QVBoxLayout, QWidget)

from reader.core.model import Document
from reader.ui import i18n, theme
from reader.ui.annotate import AnnotationController
from reader.ui.docinfo import DocInfo, Location
from reader.ui.find_bar import FindBar
from reader.ui.goto import resolve_goto
from reader.ui.history import History
from reader.ui.importer import ImportController
from reader.ui.icons import icon
from reader.ui.library_panel import LibraryPanel
from reader.ui.reading_view import ReadingView
from reader.ui.refs_panel import RefsController
from reader.ui.render import TitleTexts
from reader.ui.search_backend import Hit, Results, search
from reader.ui.search_panel import SearchPanel
from reader.ui.settings import Settings
from reader.ui.team_ui import TeamController
from reader.ui.tree_panel import TreePanel
from reader.ui.actions import WindowActions
from reader.ui.versions_ui import VersionsController
from reader.ui.workers import Task, TaskRunner

class _FirstPaint(QObject):
    """Watches a widget for its first paint; then (or after FALLBACK_MS once something
    waits, if it never paints: hidden, minimised) calls what waits, right after it."""

    FALLBACK_MS = 1000

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted = False
        self._waiting: list[Callable[[], None]] = []
        widget.installEventFilter(self)

    def after(self, fn: Callable[[], None]) -> None:
        if self.painted:
            QTimer.singleShot(0, self, fn)
            return
        if not self._waiting:
            QTimer.singleShot(self.FALLBACK_MS, self, self._fire)
        self._waiting.append(fn)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            QTimer.singleShot(0, self, self._fire)  # after this paint, not during it
        return False

    def _fire(self) -> None:
        if not self.painted:
            self.painted = True
            self.parent().removeEventFilter(self)
        waiting, self._waiting = self._waiting, []
        for fn in waiting:
            fn()


class MainWindow(QMainWindow):
    #: A document finished opening (doc_id) — tests and benchmarks wait for it.
    documentOpened = Signal(str)
    importFinished = Signal(object)  # ImportReport
    searchFinished = Signal(object)  # Results
    documentRemoved = Signal(str)

    def __init__(self, library: Any, settings: Settings | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings or Settings()
        self.runner = runner or TaskRunner(self)
        self.history = History()
        self.doc: Document | None = None
        self.info: DocInfo | None = None
        self.last_search: Results | None = None
        self._search_task: Task | None = None
        self._search_generation = 0
        self.compare_window: Any = None  # the 新旧对照 window, made when first asked for
        self._theme = self.settings.theme
        self._language = self.settings.language
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.resize(1320, 860)

        self.view = ReadingView(self)
        self._first_paint = _FirstPaint(self.view.viewport())
        self.view.set_font_size(self.settings.font_size)
        self.view.set_theme(self._theme)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        central = QWidget(self)
        central.setObjectName("readingArea")
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.view, 1)
        box.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.library_panel = LibraryPanel(self)
        self.library_panel.set_grouping(self.settings.library_grouping)
        self.tree_panel = TreePanel(self)
        self.search_panel = SearchPanel(self)
        self.search_panel.set_scope(self.settings.search_scope)
        self.search_panel.set_theme(self._theme)
        self.library_dock = self._dock("libraryDock", self.library_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tree_dock = self._dock("treeDock", self.tree_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.search_dock = self._dock("searchDock", self.search_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.library_dock, self.tree_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.library_dock, self.tree_dock], [330, 470], Qt.Orientation.Vertical)
        self.resizeDocks([self.library_dock, self.search_dock], [340, 360], Qt.Orientation.Horizontal)
        self.search_dock.hide()

        self.annotator = AnnotationController(self)
        self.annotations_dock = self._dock("annotationsDock", self.annotator.panel,
                                           Qt.DockWidgetArea.RightDockWidgetArea)
        self.links_dock = self._dock("linksDock", self.annotator.links_panel,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.annotations_dock, self.links_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.annotations_dock, self.search_dock)  # search and notes share a place
        self.resizeDocks([self.annotations_dock, self.links_dock], [520, 260], Qt.Orientation.Vertical)
        self.annotations_dock.hide()
        self.links_dock.hide()
        self._category_key: tuple = ()

        self.commands = WindowActions(self)
        self._build_status_bar()
        self.importer = ImportController(self, library, self.runner)
        self._connect()
        self.refs = RefsController(self)  # cross-references: links in the text, 被引用 panel
        self.versions = VersionsController(self)  # the version banner, 版本…, 在原版本中查看
        self.team_ui = TeamController(self)  # 团队 menu, the sync indicator, background sync
        self.library_panel.versionsRequested.connect(self.versions_dialog)
        self.retranslate()
        self._restore_window()
        self._update_nav()

    # -- construction ----------------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.location_label = QLabel(self)
        self.location_label.setObjectName("mutedLabel")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("mutedLabel")
        sb.addPermanentWidget(self.location_label)
        sb.addPermanentWidget(self.zoom_label)

    def _connect(self) -> None:
        self.importer.finished.connect(self._import_finished)
        self.importer.samplesImported.connect(self._samples_imported)
        self.library_panel.documentActivated.connect(lambda d: self.open_document(d))
        self.library_panel.importRequested.connect(self.import_dialog)
        self.library_panel.removeRequested.connect(self.remove_document)
        self.library_panel.groupingChanged.connect(lambda g: setattr(self.settings, "library_grouping", g))
        self.tree_panel.nodeSelected.connect(self._tree_selected)
        self.view.nodeChanged.connect(self._view_moved)
        # the text is laid out (and a long one typeset) after it is shown: the percentage too
        self.view.verticalScrollBar().rangeChanged.connect(lambda _a, _b: self._update_location())
        self.view.fontSizeChanged.connect(self._font_size_changed)
        self.view.hitsChanged.connect(self.find_bar.show_count)
        self.view.hitsChanged.connect(self._hits_changed)
        self.view.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 4000))
        self.view.revealRequested.connect(self._reveal_in_tree)
        self.find_bar.findRequested.connect(self._find_text)
        self.find_bar.nextRequested.connect(self.next_occurrence)
        self.find_bar.previousRequested.connect(self.previous_occurrence)
        self.find_bar.closed.connect(self._find_closed)
        self.search_panel.searchRequested.connect(self.run_search)
        self.search_panel.hitActivated.connect(self.open_hit)
        self.search_panel.previousRequested.connect(self.previous_occurrence)
        self.search_panel.nextRequested.connect(self.next_occurrence)
        self.search_panel.scopeChanged.connect(lambda s: setattr(self.settings, "search_scope", s))
        self.annotator.changed.connect(self._annotations_changed)

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.commands.retranslate()
        self.library_dock.setWindowTitle(self.tr("文库"))
        self.tree_dock.setWindowTitle(self.tr("目录"))
        self.search_dock.setWindowTitle(self.tr("搜索"))
        self.annotations_dock.setWindowTitle(self.tr("批注"))
        self.links_dock.setWindowTitle(self.tr("链接"))
        self.view.set_title_texts(TitleTexts(issued=self.tr("发布"), effective=self.tr("施行"), expires=self.tr("失效")))
        self._update_title()
        self._font_size_changed(self.view.font_size())
        self._update_location()
        if self.doc is None:
            self._show_welcome()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "commands"):
            self.retranslate()
            if self.doc is not None:
                self.view.rerender()
            self.tree_panel.model.layoutChanged.emit()
        super().changeEvent(event)

    def _update_title(self) -> None:
        app = self.tr("法规阅读器")
        self.setWindowTitle(f"{self.doc.title} — {app}" if self.doc else app)

    def _show_welcome(self) -> None:
        lines = [
            self.tr("从左侧文库选择一篇文档开始阅读，或把文件拖放到窗口中导入。"),
            self.tr("Ctrl+O 导入 · Ctrl+F 文内查找 · Ctrl+Shift+F 全库搜索 · Ctrl+G 转到条文"),
            self.tr("Alt+← / Alt+→ 后退 / 前进 · Ctrl+= / Ctrl+- 字号 · F1 全部快捷键"),
        ]
        import html
        body = "".join(f"<p style='margin:10px 0'>{html.escape(ln)}</p>" for ln in lines)
        c = theme.colors(self._theme)
        self.view.document().setHtml(
            f"<div style='color:{c.muted}' align='center'>"
            f"<p style='margin-top:160px; font-size:xx-large; "
            f"color:{c.heading}'>{html.escape(self.tr('法规阅读器'))}</p>{body}</div>")

    # -- documents -------------------------------------------------------------------------

    def refresh_library(self) -> None:
        summaries = self.library.documents()
        self.library_panel.set_documents(summaries, self.versions.library_versions(summaries))
        if self.doc is not None:
            self.library_panel.select_document(self.doc.id)
        self.versions.update_banner()

    def open_document(self, doc_id: str, node_id: str | None = None, terms: list[str] | None = None,
                      record: bool = True) -> bool:
        """Show a document (at a node, with terms highlighted); a history entry unless
        ``record`` is False (back/forward)."""
        if record:
            self._remember_here()
        if self.doc is None or self.doc.id != doc_id:
            try:
                doc = self.library.document(doc_id)
            except Exception as exc:  # removed meanwhile, or a broken row: say so, keep going
                self.statusBar().showMessage(self.tr("无法打开文档：{0}").format(exc), 6000)
                return False
            self.doc = doc
            self.info = DocInfo(doc)
            self.view.show_document(doc, self.info)
            self.tree_panel.set_document(doc, self.info)
            self.library_panel.select_document(doc.id)
            self.settings.last_document = doc.id
            self._update_title()
            if self.find_bar.isVisible() and self.find_bar.edit.text():  # once all is typeset
                self.view.when_complete(lambda: self._find_text(self.find_bar.edit.text()))
            self.annotator.refresh()
        if terms:  # the words are highlighted throughout: once the whole text is typeset
            self.view.when_complete(lambda: self._show_terms(terms, node_id))
        elif node_id:
            self.view.scroll_to_node(node_id)  # a long document: as soon as it is typeset
        if record:
            self.history.visit(Location(doc_id, node_id))
        self._update_nav()
        self.documentOpened.emit(doc_id)
        return True

    def _show_terms(self, terms: list[str], node_id: str | None) -> None:
        near = self.view.node_position(node_id) if node_id else None
        self.view.find_all(terms, near=near)
        if node_id:
            self.view.scroll_to_node(node_id)

    def current_location(self) -> Location | None:
        if self.doc is None:
            return None
        return Location(self.doc.id, self.view.current_node())

    def _remember_here(self) -> None:
        here = self.current_location()
        if here is not None:
            self.history.update_current(here)

    def remove_document(self, doc_id: str, confirm: bool = True) -> bool:
        summary = next((s for s in self.library.documents(all_versions=True) if s.id == doc_id), None)
        if summary is None:
            return False
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("从文库移除"),
                              self.tr("从文库移除《{0}》？\n原文件不受影响，可以再次导入。").format(summary.title),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return False
        self.history.forget(doc_id)
        if self.doc is not None and self.doc.id == doc_id:
            self.doc = self.info = None
            self.view.show_document(None)
            self.tree_panel.set_document(None)
            self.settings.last_document = ""
            self._update_title()
            self._show_welcome()
            self.annotator.refresh()
        self._update_nav()
        lib = self.library
        self.runner.start(lambda _t: lib.remove(doc_id), on_done=self._removed,  # the index too
                          on_error=lambda m: self.statusBar().showMessage(m.splitlines()[0], 8000),
                          name="remove")
        return True

    def _removed(self, summary) -> None:  # noqa: ANN001
        self.refresh_library()
        self.annotator.forget_documents()
        self.annotator.refresh()  # its notes are kept: the orphans tab lists them
        self.statusBar().showMessage(self.tr("已移除《{0}》").format(summary.title), 5000)
        self.documentRemoved.emit(summary.id)

    def _remove_selected(self) -> None:
        doc_id = self.library_panel.selected_document() or (self.doc.id if self.doc else None)
        if doc_id:
            self.remove_document(doc_id)

    # -- tree ↔ view -------------------------------------------------------------------------

    def _tree_selected(self, node_id: str, jump: bool) -> None:
        if self.doc is None:
            return
        if jump:
            self._remember_here()
        self.view.scroll_to_node(node_id, flash=jump)
        if jump:
            self.history.visit(Location(self.doc.id, node_id))
            self._update_nav()
        else:
            self.history.update_current(Location(self.doc.id, node_id))

    def _view_moved(self, node_id: str) -> None:
        self.tree_panel.select_node(node_id)
        self._update_location()

    def _reveal_in_tree(self, node_id: str) -> None:
        self.tree_dock.show()
        shown = self.info.tree_node(node_id) if self.info else None
        if shown is not None:
            self.tree_panel.select_node(shown.id)
        self.tree_panel.view.setFocus()

    def _update_location(self) -> None:
        if self.doc is None or self.info is None:
            self.location_label.setText("")
            return
        node = self.view.current_node()
        label = self.info.cite_label(node) if node else ""
        bar = self.view.verticalScrollBar()
        pct = round(100 * bar.value() / bar.maximum()) if bar.maximum() else 0
        self.location_label.setText(f"{label}  {pct}%" if label else "")

    def _font_size_changed(self, size: float) -> None:
        self.settings.font_size = size
        self.zoom_label.setText(self.tr("字号 {0:g}").format(size))

    # -- navigation --------------------------------------------------------------------------

    def go_back(self) -> bool:
        self._remember_here()
        return self._go(self.history.back())

    def go_forward(self) -> bool:
        self._remember_here()
        return self._go(self.history.forward())

    def _go(self, location: Location | None) -> bool:
        if location is None:
            return False
        self.open_document(location.doc_id, location.node_id, record=False)
        if not location.node_id:
            self.view.verticalScrollBar().setValue(0)
        self._update_nav()
        return True

    def _update_nav(self) -> None:
        self.commands.back.setEnabled(self.history.can_back())
        self.commands.forward.setEnabled(self.history.can_forward())
        has_doc = self.doc is not None
        c = self.commands
        c.compare.setEnabled(has_doc)
        c.versions.setEnabled(has_doc)
        for act in (c.goto, c.find, c.copy_article, c.expand, c.collapse, c.highlight, c.add_note,
                    c.clause_note, c.tag, c.link):
            act.setEnabled(has_doc and (act in (c.goto, c.find, c.copy_article, c.expand, c.collapse)
                                        or self.annotator.available()))

    def _annotations_changed(self) -> None:
        """Categories may have changed: rebuild the highlight menu when they did."""
        cats = self.annotator.categories()
        key = tuple((c.name, c.color) for c in cats)
        if key != self._category_key:
            self._category_key = key
            self.commands.set_categories(self.annotator.highlight_actions())

    def goto(self, text: str) -> bool:
        """Go to an article: 43 / 第43条 / 第四十三条 / 第十七条第二款."""
        if self.doc is None:
            return False
        node_id = resolve_goto(self.doc, text)
        if node_id is None:
            self.statusBar().showMessage(self.tr("本文档中没有“{0}”").format(text.strip()), 5000)
            return False
        self.open_document(self.doc.id, node_id)
        self.statusBar().showMessage(self.tr("已转到 {0}").format(self.info.cite_label(node_id)), 3000)
        return True

    def goto_dialog(self) -> None:
        if self.doc is None:
            return
        text, ok = QInputDialog.getText(
            self, self.tr("转到条文"),
            self.tr("条文编号（如 43、第43条、第四十三条、第十七条第二款、第三章）："))
        if ok and text.strip():
            self.goto(text)

    # -- find and search ---------------------------------------------------------------------

    def show_find(self) -> None:
        selected = self.view.selected_plain_text().strip()
        self.find_bar.open_bar(selected if selected and "\n" not in selected else "")
        if self.find_bar.edit.text():
            self._find_text(self.find_bar.edit.text())

    def _find_text(self, text: str) -> None:
        if not text.strip():
            self.view.clear_hits()
            return
        near = self.view.top_position() if self.doc else None
        count = self.view.find_all([text], near=near)
        if count == 0:
            self.statusBar().showMessage(self.tr("本文档中没有“{0}”").format(text), 3000)

    def _find_closed(self) -> None:
        self.view.clear_hits()
        self.view.setFocus()

    def next_occurrence(self) -> None:
        self.view.next_hit()

    def previous_occurrence(self) -> None:
        self.view.previous_hit()

    def _hits_changed(self, current: int, total: int) -> None:
        if total:
            self.statusBar().showMessage(self.tr("本文中第 {0} 处，共出现 {1} 处").format(current + 1, total), 3000)

    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        selected = self.view.selected_plain_text().strip()
        if selected and "\n" not in selected and len(selected) < 60:
            self.search_panel.query.setText(selected)
        self.search_panel.focus_query()

    def run_search(self, query: str, scope: str) -> None:
        if self._search_task is not None:
            self._search_task.cancel()
        doc_id = self.doc.id if (scope == "document" and self.doc is not None) else None
        if scope == "document" and doc_id is None:
            self.search_panel.show_error(self.tr("没有打开的文档"))
            return
        lib = self.library
        all_versions = self.search_panel.all_versions() or doc_id is not None  # an old version open

        def work(task: Task) -> Results:  # on the worker thread
            return search(lib, query, doc_id=doc_id, titles_only=scope == "titles",
                          cancel=task.cancelled, progress=lambda d, t: task.progress(d, t, ""),
                          scope="annotations" if scope == "annotations" else "text",
                          all_versions=all_versions)

        self._search_generation += 1
        generation = self._search_generation  # captured by value: no reference to the task
        self._search_task = self.runner.start(
            work, name="search",
            on_done=lambda r: self._search_done(generation, r),
            on_error=lambda m: self._search_failed(generation, m),
            on_progress=lambda d, t, _m: self.search_panel.show_indexing(d, t))

    def _search_done(self, generation: int, results: Results) -> None:
        if generation != self._search_generation:
            return  # a newer search is running
        self._search_task = None
        self.last_search = results
        self.search_panel.show_results(results)
        self.searchFinished.emit(results)

    def _search_failed(self, generation: int, message: str) -> None:
        if generation == self._search_generation:
            self._search_task = None
            self.search_panel.show_error(message.splitlines()[0])

    def open_hit(self, hit: Hit, terms: list[str]) -> None:
        if hit.annotation_id:
            self.annotator.jump(hit.annotation_id)
            self.annotator._view_clicked(hit.annotation_id, show_panel=False)  # results stay in view
            return
        self.open_document(hit.doc_id, hit.node_id, terms=terms)

    # -- import ------------------------------------------------------------------------------

    def import_dialog(self) -> None:
        self.importer.import_dialog()

    def import_folder_dialog(self) -> None:
        """文件 → 导入文件夹…: every supported file in a folder and its subfolders."""
        self.importer.import_folder_dialog()

    def export_word_dialog(self) -> None:
        """文件 → 导出 Word 简报… (Ctrl+E): the export dialog, modal; the export runs in the background."""
        from reader.ui.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.library, self.settings, self.runner, self,
                                          current_doc=self.doc.id if self.doc else None)
        self.export_dialog.exec()

    def versions_dialog(self, doc_id: str | None = None) -> Any:
        """视图 → 版本…: the versions of the open document (or of ``doc_id``)."""
        return self.versions.show_dialog(doc_id or None)

    def compare_dialog(self) -> None:
        """视图 → 新旧对照…: pick the other version of the open document, then compare."""
        if self.doc is None:
            return
        from reader.ui.compare_dialog import ComparePicker

        summaries = self.library.documents()
        if not any(s.id == self.doc.id for s in summaries):  # an older version is open
            summaries = summaries + [s for s in self.library.documents(all_versions=True)
                                     if s.id == self.doc.id]
        picker = ComparePicker(summaries, self.doc.id, self, self.versions.versions(self.doc.id))
        chosen = picker.pair() if picker.exec() == ComparePicker.DialogCode.Accepted else None
        if chosen is not None:
            self.show_compare(*chosen)

    def show_compare(self, old_id: str, new_id: str) -> Any:
        """The 新旧对照 window on (old_id, new_id), at the article open here when it is one of them."""
        from reader.ui.compare_view import CompareWindow

        if self.compare_window is None:
            self.compare_window = CompareWindow(self.library, self.runner, self._theme,
                                                self.view.font_size(), self)
            self.compare_window.openRequested.connect(self._open_from_compare)
        node = self.view.current_node() if self.doc is not None and self.doc.id in (old_id, new_id) else None
        here = (self.doc.id, node) if self.doc is not None and node else None
        self.compare_window.show()
        self.compare_window.raise_()
        self.compare_window.activateWindow()
        self.compare_window.compare(old_id, new_id, here)
        return self.compare_window

    def _open_from_compare(self, doc_id: str, node_id: str, raise_window: bool) -> None:
        self.open_document(doc_id, node_id)
        if raise_window:
            self.raise_()
            self.activateWindow()

    def import_files(self, paths: list[str]) -> None:
        """Import in the background (see ImportController)."""
        self.importer.import_files(paths)

    def cancel_import(self) -> None:
        self.importer.cancel()

    def _import_finished(self, report) -> None:  # noqa: ANN001
        self.refresh_library()
        self.annotator.forget_documents()
        if report is not None and self.doc is not None and any(
                d.id == self.doc.id for d in report.updated):
            doc_id, node = self.doc.id, self.view.current_node()
            self.doc = None  # re-imported: show the new text, with the notes re-anchored
            self.open_document(doc_id, node, record=False)
        else:
            self.annotator.refresh()
        opened = (report.added or report.updated or getattr(report, "versions", [])) if report else []
        if self.doc is None and opened:
            self.open_document(opened[0].id)
        self.importFinished.emit(report)

    def _samples_imported(self, report) -> None:  # noqa: ANN001
        self.refresh_library()
        if report is not None and report.added and self.doc is None:
            ids = self.library_panel.visible_document_ids()
            if ids:
                self.open_document(ids[0])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped files and folders are imported (a folder: its supported files)."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if isinstance(u, QUrl) and u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    # -- start-up and samples ----------------------------------------------------------------

    def start(self, files: list[str] | None = None, index: bool = True) -> None:
        """After the window is shown: list the library, restore the last document, import
        the samples on first start and the files given on the command line, and — once the
        window has painted: its thread would slow the first paint — redo outdated references
        and (``index``) bring the search index up to date in the background."""
        summaries = self.library.documents(all_versions=True)  # the last one read may be old
        self.refresh_library()
        self.annotator.refresh()
        self.annotator.start()
        self.team_ui.start()
        last = self.settings.last_document
        if last and any(s.id == last for s in summaries):
            node = self.settings.last_node or None
            self.open_document(last, record=True)
            if node:
                QTimer.singleShot(0, lambda n=node: self._restore_position(last, n))
        if not summaries:
            self.importer.import_samples()
        if files:
            self.import_files(list(files))
        self.after_first_paint(lambda: self._start_background(index))

    def after_first_paint(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` once the window has painted (at once if it has): for work the first
        screen does not need, whose imports and threads would hold that screen up."""
        self._first_paint.after(fn)

    def _start_background(self, index: bool) -> None:
        lib = self.library
        if hasattr(lib, "refs") and lib.refs.outdated():  # an upgrade redoes them: not here
            self.runner.start(lambda t: lib.refs.ensure(cancel=t.cancelled), name="refs",
                              on_done=lambda _: self.refs.reload())
        if index and hasattr(lib, "ensure_index"):  # so the first search need not wait
            self.runner.start(lambda t: lib.ensure_index(cancel=t.cancelled), name="index",
                              on_error=lambda m: self.statusBar().showMessage(
                                  self.tr("搜索索引不可用：{0}").format(m.splitlines()[0]), 8000))

    def _restore_position(self, doc_id: str, node_id: str) -> None:
        if self.doc is not None and self.doc.id == doc_id:
            self.view.scroll_to_node(node_id, flash=False)
            self.history.update_current(Location(doc_id, node_id))

    # -- appearance and language -------------------------------------------------------------

    def _toggle_dark(self, checked: bool) -> None:
        self.set_theme("dark" if checked else "light")

    def set_theme(self, name: str) -> None:
        self._theme = name
        self.settings.theme = name
        app = QApplication.instance()
        if app is not None:
            theme.apply(app, name)
        self.commands.dark.setChecked(name == "dark")
        self.view.set_theme(name)
        self.search_panel.set_theme(name)
        self.versions.banner.set_theme(name)
        if self.compare_window is not None:
            self.compare_window.set_theme(name)
        for widget in self.findChildren(QAction) + self.findChildren(QToolButton):
            icon_name = widget.property("iconName")
            if icon_name and not (isinstance(widget, QToolButton) and widget.defaultAction()):
                widget.setIcon(icon(icon_name, name))
        if self.doc is None:
            self._show_welcome()

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        self._language = language
        self.settings.language = language
        app = QApplication.instance()
        if app is not None:
            i18n.install(app, language)  # LanguageChange → every widget retranslates
            QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)  # now, not later
        (self.commands.lang_en if language == "en" else self.commands.lang_zh).setChecked(True)

    # -- focus -------------------------------------------------------------------------------

    def focus_library(self) -> None:
        self.library_dock.show()
        self.library_panel.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_filter(self) -> None:
        self.library_dock.show()
        self.library_panel.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.library_panel.filter.selectAll()

    def focus_tree(self) -> None:
        self.tree_dock.show()
        self.tree_panel.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_view(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- help --------------------------------------------------------------------------------

    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows = []
        for action in self.actions():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys and action.text():
                rows.append((action.text().replace("&", ""), keys))
        return rows

    def show_shortcuts(self) -> None:
        import html
        rows = "".join(f"<tr><td style='padding:2px 16px 2px 0'>{html.escape(a)}</td>"
                       f"<td><b>{html.escape(k)}</b></td></tr>" for a, k in self.shortcut_rows())
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("快捷键"), f"<table>{rows}</table>",
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self._help_box = box

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于法规阅读器"),
                          self.tr("法规阅读器 RegReader\n离线阅读、检索与引用法规和政府文件。\n文库位置：{0}")
                          .format(getattr(self.library, "folder", "")))

    # -- settings ----------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)

    def save_settings(self) -> None:
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.font_size = self.view.font_size()
        s.theme = self._theme
        s.language = self._language
        s.library_grouping = self.library_panel.current_grouping()
        s.search_scope = self.search_panel.current_scope()
        s.last_document = self.doc.id if self.doc else ""
        s.last_node = (self.view.current_node() or "") if self.doc else ""
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.annotator.stop()
        self.team_ui.stop()
        self.save_settings()
        self.runner.cancel_all()
        self.runner.wait(5000)
        super().closeEvent(event)
