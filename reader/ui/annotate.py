"""The annotation side of the reading window: commands (highlight, note, tag, link, edit,
delete, re-attach, categories), their undo stack, the annotations and links panels, and
keeping the reading view's marks current.

Every edit goes through the Library at once (a transaction of a few milliseconds) and is
then pushed on a QUndoStack as a command whose undo and redo call the Library again:
creating is undone by a soft delete, deleting by a restore, an edit by writing the
previous values back.  Nothing here touches SQL.

Another RegReader on the same library (a second window, the command line) is noticed by
polling the library's data version: its edits appear within a couple of seconds.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from reader.core.annotations import Annotation, Category, Link, Reply
from reader.core.errors import UserError
from reader.ui.annotation_dialogs import (CategoryEditor, LinkDialog, LinkTarget, NoteDialog,
                                          NoteValues, RelationDialog, ReplyDialog, swatch)
from reader.ui.annotation_layer import Selection
from reader.ui.annotations_panel import AnnotationsPanel, PanelData
from reader.ui.version_notes import follow_infos
from reader.ui.docinfo import DocInfo
from reader.ui.links_panel import LinkRow, LinksPanel

if TYPE_CHECKING:
    from reader.store.annotating import Span


def _span(start: int, end: int) -> Span:
    """A span of a unit's text (the store's type, imported when first needed: the store
    pulls in every importer, which the window's first paint does not need)."""
    from reader.store.annotating import Span

    return Span(start, end)


def _whole() -> Span:
    """The span that stands for a whole unit (a clause note)."""
    from reader.store.annotating import WHOLE

    return WHOLE


POLL_MS = 2000


class LibraryCommand(QUndoCommand):
    """An edit already made through the Library; undo/redo call it again."""

    def __init__(self, controller: AnnotationController, text: str, undo: Callable[[], Any],
                 redo: Callable[[], Any]) -> None:
        super().__init__(text)
        self._controller, self._undo, self._redo = controller, undo, redo
        self._first = True

    def redo(self) -> None:
        if self._first:  # pushed after it was done
            self._first = False
            return
        self._controller._guard(self._redo)

    def undo(self) -> None:
        self._controller._guard(self._undo)


class AnnotationController(QObject):
    #: The annotations shown changed (after any edit, undo, redo or outside change).
    changed = Signal()

    def __init__(self, window) -> None:  # noqa: ANN001 - the MainWindow
        super().__init__(window)
        self.w = window
        self.library = window.library
        self.settings = window.settings
        self.stack = QUndoStack(self)
        self.selected: str | None = None
        self.annotations: list[Annotation] = []  # of the open document (live)
        self.links: list[Link] = []
        self._colors: dict[str, str] = {}
        self._infos: dict[str, DocInfo | None] = {}
        self._titles: dict[str, str] = {}
        self._data_version: int | None = None  # read by refresh(): the library may open late
        self.panel = AnnotationsPanel(window)
        self.panel.set_scope(self.settings.annotations_scope)
        self.links_panel = LinksPanel(window)
        #: ``ask_note(**fields) -> NoteValues | None``, ``ask_reply(annotation) -> str | None``
        #: and ``ask_link(source, relation, note) -> LinkTarget | None`` open the dialogs;
        #: tests replace them.
        self.ask_note: Callable[..., NoteValues | None] = self._ask_note
        self.ask_reply: Callable[[Annotation], str | None] = self._ask_reply
        #: ``ask_reply_edit(annotation, reply) -> str | None``: the reply's new text.
        self.ask_reply_edit: Callable[[Annotation, Reply], str | None] = self._ask_reply_edit
        self.ask_link: Callable[..., LinkTarget | None] = self._ask_link
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.check_outside_changes)
        self.stack.indexChanged.connect(lambda _i: self.refresh())
        self._connect()

    def _connect(self) -> None:
        p, v = self.panel, self.w.view
        p.annotationSelected.connect(self._panel_selected)
        p.annotationActivated.connect(self.jump)
        p.editRequested.connect(self.edit)
        p.deleteRequested.connect(self.delete)
        p.restoreRequested.connect(self.restore)
        p.reattachRequested.connect(self.reattach)
        p.originRequested.connect(lambda ann_id: self.w.versions.view_original(ann_id))
        p.statusRequested.connect(self.set_status)
        p.replyRequested.connect(self.reply)
        p.editReplyRequested.connect(self.edit_reply)
        p.deleteReplyRequested.connect(self.delete_reply)
        p.scopeChanged.connect(self._scope_changed)
        lp = self.links_panel
        lp.linkActivated.connect(self.follow_link)
        lp.deleteRequested.connect(self.delete_link)
        lp.editRequested.connect(self.edit_link)
        lp.wholeDocumentChanged.connect(lambda _b: self.refresh_links())
        v.annotationClicked.connect(self._view_clicked)
        v.linkClicked.connect(lambda link, d: self.follow_link(link, "dst" if d == "out" else "src"))
        v.nodeChanged.connect(lambda _n: self.refresh_links())
        v.context_hook = self._context_menu

    def start(self) -> None:
        self._poll.start()

    def stop(self) -> None:
        """The window closes: no more polling, and the stack's last signals (emitted while
        it is destroyed, after the library may be closed) go nowhere."""
        self._poll.stop()
        self.stack.blockSignals(True)

    # -- state ---------------------------------------------------------------------------

    def _version(self) -> int | None:
        fn = getattr(self.library, "data_version", None)
        try:
            return fn() if fn is not None else None
        except Exception:  # noqa: BLE001 - a closed library: nothing to follow
            return None

    def available(self) -> bool:
        return hasattr(self.library, "annotations")

    def check_outside_changes(self) -> bool:
        """Another process wrote to the library: show its edits.  True if it did."""
        runner = getattr(self.w, "runner", None)
        if runner is not None and (runner.busy("import") or runner.busy("samples")):
            return False  # the import holds the library; its end refreshes anyway
        version = self._version()
        if version is None or version == self._data_version:
            return False
        self._data_version = version
        self.forget_documents()
        self.refresh()
        return True

    def forget_documents(self) -> None:
        """Documents changed (import, re-import, remove): drop the cached trees."""
        self._infos.clear()
        self._titles.clear()

    def categories(self, include_deleted: bool = False) -> list[Category]:
        return self.library.annotations.categories(include_deleted) if self.available() else []

    def current_category(self) -> str:
        names = [c.name for c in self.categories()]
        last = self.settings.last_category
        return last if last in names else (names[0] if names else "")

    def _info(self, doc_id: str) -> DocInfo | None:
        if self.w.doc is not None and self.w.doc.id == doc_id and self.w.info is not None:
            return self.w.info
        if doc_id not in self._infos:
            try:
                self._infos[doc_id] = DocInfo(self.library.document(doc_id))
            except Exception:  # noqa: BLE001 - removed from the library
                self._infos[doc_id] = None
        return self._infos[doc_id]

    def _title(self, doc_id: str) -> str:
        if not self._titles:
            self._titles = {s.id: s.title for s in self.library.documents(all_versions=True)}
        return self._titles.get(doc_id, "")

    def cite(self, doc_id: str, node_id: str, with_title: bool = True) -> str:
        info = self._info(doc_id)
        label = (info.cite_label(node_id) if info else "") or node_id
        if not with_title:
            return label
        title = self._title(doc_id)
        return f"《{title}》{label}" if title else f"{doc_id} {label}"

    # -- refreshing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload what the view and the panels show from the library."""
        if not self.available():
            return
        lib, doc = self.library, self.w.doc
        self._colors = {c.name: c.color for c in lib.annotations.categories(include_deleted=True)}
        self.annotations = lib.annotations.list(doc.id) if doc is not None else []
        self.links = lib.annotations.links(doc.id) if doc is not None else []
        self.w.view.set_annotations(self.annotations, self.links, self._colors, self.selected)
        self.refresh_panel()
        self.refresh_links()
        self._data_version = self._version()
        self.changed.emit()

    def refresh_panel(self) -> None:
        lib, doc = self.library, self.w.doc
        scope = self.panel.current_scope()
        if scope == "document" and doc is None:
            self.panel.set_data(None)
            return
        if scope == "document":
            live = self.annotations
            deleted = lib.annotations.list(doc.id, deleted=True)
        else:
            live = lib.annotations.list()
            deleted = lib.annotations.list(deleted=True)
        placed = [a for a in live if not a.orphan and a.doc_present]
        orphans = [a for a in live if a.orphan or not a.doc_present]
        doc_ids = {a.doc_id for a in live + deleted}
        infos = {d: info for d in doc_ids if (info := self._info(d)) is not None}
        titles = {d: self._title(d) for d in doc_ids if self._title(d)}
        follows = follow_infos(lib, {a.doc_id for a in live if a.doc_present}, self._info)
        self.panel.set_data(PanelData(placed, orphans, deleted, self.categories(True), infos,
                                      titles, scope, follows))

    def refresh_links(self) -> None:
        doc, info = self.w.doc, self.w.info
        if doc is None or info is None:
            self.links_panel.set_rows("", [])
            return
        whole = self.links_panel.whole.isChecked()
        node = self.w.view.current_node()
        unit = info.article(node) if node else None
        if whole or unit is None:
            ids = None
            place = f"《{doc.title}》"
        else:
            ids = {n.id for n in unit.walk()}
            place = info.cite_label(unit.id) or unit.label or doc.title
        rows = []
        for link in self.links:
            for side, direction in (("src", "out"), ("dst", "in")):
                end = link.end(side)
                if end.doc_id != doc.id or (ids is not None and end.node_id not in ids):
                    continue
                other = link.dst if side == "src" else link.src
                rows.append(LinkRow(link, direction, self.cite(other.doc_id, other.node_id),
                                    self.cite(doc.id, end.node_id, with_title=False)))
        self.links_panel.set_rows(place, rows)

    def _scope_changed(self, scope: str) -> None:
        self.settings.annotations_scope = scope
        self.refresh_panel()

    # -- plumbing ------------------------------------------------------------------------

    def _status(self, text: str, msecs: int = 5000) -> None:
        self.w.statusBar().showMessage(text, msecs)

    def _fail(self, message: str) -> None:
        self._status(self.tr("未保存：{0}").format(message.splitlines()[0]), 8000)

    def _guard(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except UserError as exc:
            self._fail(str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must not take the window down
            self._fail(f"{type(exc).__name__}: {exc}")
        return None

    def _push(self, text: str, undo: Callable[[], Any], redo: Callable[[], Any]) -> None:
        self.stack.push(LibraryCommand(self, text, undo, redo))

    def _apply(self, text: str, do: Callable[[], Any], undo: Callable[[Any], Any],
               redo: Callable[[Any], Any]) -> Any:
        """Make an edit now and push it; ``undo``/``redo`` get what ``do`` returned
        (None, and nothing pushed, if it failed)."""
        result = self._guard(do)
        if result is not None:
            self._push(text, undo=lambda: undo(result), redo=lambda: redo(result))
        return result

    def _selection(self, quiet: bool = False) -> Selection | None:
        if self.w.doc is None:
            if not quiet:
                self._status(self.tr("没有打开的文档"))
            return None
        sel = self.w.view.selection()
        if sel is None and not quiet:
            if self.w.view.textCursor().hasSelection():
                self._status(self.tr("这段文字不能批注（请在条文正文中选择）"))
            else:
                self._status(self.tr("请先在正文中选中文字"))
        elif sel is not None and sel.trimmed:
            self._status(self.tr("选区跨越多段，批注只作用于“{0}”所在的一段")
                         .format(sel.text[:12] + ("…" if len(sel.text) > 12 else "")), 6000)
        return sel

    def _cursor_unit(self) -> str | None:
        """The article (or outline unit) at the text cursor, else at the top of the view."""
        view, info = self.w.view, self.w.info
        if info is None:
            return None
        node = view.node_at(view.textCursor().selectionStart()) if view.textCursor().hasSelection() \
            else None
        node = node or view.current_node()
        unit = info.article(node) if node else None
        return unit.id if unit is not None else node

    def _clear_selection(self) -> None:
        cursor = self.w.view.textCursor()
        cursor.clearSelection()
        self.w.view.setTextCursor(cursor)

    # -- dialogs (replaced in tests) -----------------------------------------------------

    def _ask_note(self, *, title: str, place: str, quote: str, note: str = "",
                  tags: tuple[str, ...] | list[str] = (), category: str = "",
                  status: str = "open", focus: str = "note") -> NoteValues | None:
        tags_known = [t for t, _n in self.library.annotations.tags()]
        dialog = NoteDialog(self.w, title, place, quote, self.categories(), tags_known,
                            note=note, tags=tags, category=category, status=status, focus=focus)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _ask_reply(self, ann: Annotation) -> str | None:
        dialog = ReplyDialog(self.w, self.cite(ann.doc_id, ann.node_id), ann.quote, ann.note)
        try:
            return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _ask_reply_edit(self, ann: Annotation, reply: Reply) -> str | None:
        dialog = ReplyDialog(self.w, self.cite(ann.doc_id, ann.node_id), ann.quote, ann.note)
        dialog.setWindowTitle(self.tr("编辑回复"))
        dialog.edit.setPlainText(reply.text)
        try:
            return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _ask_link(self, source: str, relation: str = "", note: str = "") -> LinkTarget | None:
        runner = self.w.runner

        def run(work: Callable[[], Any], done: Callable[[Any], None]) -> None:
            runner.start(lambda _t: work(), on_done=done, name="link-search")

        dialog = LinkDialog(self.w, self.library, source, self.library.annotations.relations(),
                            self.w.doc.id if self.w.doc else None, run, relation, note)
        try:
            return dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    # -- creating ------------------------------------------------------------------------

    def _create(self, node_id: str, span: Span, text: str, *, note: str = "",
                tags: Any = (), category: str | None = None, status: str = "open") -> Annotation | None:
        lib, doc = self.library, self.w.doc
        if doc is None:
            return None
        ann = self._apply(text, lambda: lib.annotations.add(doc.id, node_id, span, note=note, tags=tags,
                                                            category=category, status=status,
                                                            author=self.settings.author),
                          undo=lambda a: lib.annotations.delete(a.id),
                          redo=lambda a: lib.annotations.restore(a.id))
        if ann is None:
            return None
        self.selected = ann.id
        self._clear_selection()
        self.w.view.select_annotation(ann.id)
        self.panel.select(ann.id)
        return ann

    def highlight(self, category: str | None = None) -> Annotation | None:
        """Highlight the selection in a category (default: the last one used)."""
        sel = self._selection()
        if sel is None:
            return None
        category = category if category is not None else self.current_category()
        ann = self._create(sel.node_id, _span(sel.start, sel.end), self.tr("高亮"), category=category)
        if ann is not None:
            self.settings.last_category = category
            self._status(self.tr("已高亮（{0}）").format(category or self.tr("无分类")), 3000)
        return ann

    def add_note(self) -> Annotation | None:
        """A note on the selection; without one, on the article at the cursor."""
        sel = self._selection(quiet=True)
        if sel is None:
            if self.w.view.textCursor().hasSelection():
                self._selection()  # says why
                return None
            return self.add_clause_note()
        return self._ask_and_create(self.tr("添加批注"), sel.node_id, _span(sel.start, sel.end), sel.text)

    def _ask_and_create(self, title: str, node_id: str, span: Span, quote: str,
                        focus: str = "note") -> Annotation | None:
        """Ask for the note, tags and category of a new annotation, then make it."""
        assert self.w.doc is not None
        values = self.ask_note(title=title, place=self.cite(self.w.doc.id, node_id), quote=quote,
                               category=self.current_category(), focus=focus)
        if values is None:
            return None
        return self._create(node_id, span, title, note=values.note, tags=values.tags,
                            category=values.category, status=values.status)

    def add_clause_note(self, node_id: str | None = None) -> Annotation | None:
        """A note on a whole clause (the article at the cursor by default)."""
        if self.w.doc is None:
            self._status(self.tr("没有打开的文档"))
            return None
        node_id = node_id or self._cursor_unit()
        if node_id is None:
            return None
        return self._ask_and_create(self.tr("条文批注"), node_id, _whole(), "")

    def tag_selection(self) -> Annotation | None:
        """Tag the selected words (a highlight with tags)."""
        sel = self._selection()
        if sel is None:
            return None
        return self._ask_and_create(self.tr("添加标签"), sel.node_id, _span(sel.start, sel.end),
                                    sel.text, focus="tags")

    def link_selection(self, node_id: str | None = None) -> Link | None:
        """Link the selection (or the article at the cursor, or ``node_id``) to a clause
        picked by search or from the tree."""
        lib, doc = self.library, self.w.doc
        if doc is None:
            self._status(self.tr("没有打开的文档"))
            return None
        sel = None if node_id else self._selection(quiet=True)
        if sel is not None:
            src_node, span = sel.node_id, _span(sel.start, sel.end)
            source = f"{self.cite(doc.id, sel.node_id)} “{sel.text[:40]}”"
        else:
            src_node, span = node_id or self._cursor_unit(), _whole()
            if src_node is None:
                return None
            source = self.cite(doc.id, src_node)
        target = self.ask_link(source)
        if target is None:
            return None
        link = self._apply(self.tr("添加链接"),
                           lambda: lib.annotations.link(doc.id, src_node, target.doc_id, target.node_id,
                                            src=span, relation=target.relation, note=target.note,
                                            author=self.settings.author),
                           undo=lambda x: lib.annotations.delete_link(x.id), redo=lambda x: lib.annotations.restore_link(x.id))
        if link is None:
            return None
        self._clear_selection()
        self.links_dock_show()
        self._status(self.tr("已链接：{0} {1}").format(link.relation,
                                                   self.cite(target.doc_id, target.node_id)), 5000)
        return link

    def links_dock_show(self) -> None:
        dock = getattr(self.w, "links_dock", None)
        if dock is not None and not dock.isVisible():
            dock.show()

    # -- editing -------------------------------------------------------------------------

    def _update(self, ann_id: str, text: str, **changes: Any) -> Annotation | None:
        lib = self.library
        before = self._guard(lambda: lib.annotations.get(ann_id))
        if before is None:
            return None
        after = self._guard(lambda: lib.annotations.update(ann_id, **changes))
        if after is None:
            return None
        old = {k: getattr(before, k) for k in changes}
        self._push(text, undo=lambda: lib.annotations.update(ann_id, **old),
                   redo=lambda: lib.annotations.update(ann_id, **changes))
        return after

    def edit(self, ann_id: str | None = None) -> Annotation | None:
        ann_id = ann_id or self.selected
        ann = self._guard(lambda: self.library.annotations.get(ann_id)) if ann_id else None
        if ann is None:
            return None
        values = self.ask_note(title=self.tr("编辑批注"), place=self.cite(ann.doc_id, ann.node_id),
                               quote=ann.quote, note=ann.note, tags=ann.tags,
                               category=ann.category, status=ann.status)
        if values is None:
            return None
        changes = {k: v for k, v in (("note", values.note), ("tags", tuple(values.tags)),
                                     ("category", values.category), ("status", values.status))
                   if v != getattr(ann, k)}
        if not changes:
            return ann
        return self._update(ann.id, self.tr("编辑批注"), **changes)

    def set_category(self, ann_id: str, category: str) -> Annotation | None:
        self.settings.last_category = category
        return self._update(ann_id, self.tr("更改分类"), category=category)

    def set_status(self, ann_id: str, status: str) -> Annotation | None:
        """Set the review status, logged under the user's name; undo sets the old one back."""
        lib, author = self.library, self.settings.author
        before = self._guard(lambda: lib.annotations.get(ann_id))
        if before is None or before.status == status:
            return before
        after = self._guard(lambda: lib.annotations.set_status(ann_id, status, author=author))
        if after is not None:
            old = before.status
            self._push(self.tr("标记为{0}").format(self.panel.status_words().get(status, status)),
                       undo=lambda: lib.annotations.set_status(ann_id, old, author=author),
                       redo=lambda: lib.annotations.set_status(ann_id, status, author=author))
        return after

    def reply(self, ann_id: str | None = None) -> Reply | None:
        """Ask for a reply and add it under the annotation (undo deletes it again)."""
        lib = self.library
        ann_id = ann_id or self.selected
        ann = self._guard(lambda: lib.annotations.get(ann_id)) if ann_id else None
        if ann is None:
            self._status(self.tr("请先选择一条批注"))
            return None
        text = self.ask_reply(ann)
        if not text or not text.strip():
            return None
        reply = self._apply(self.tr("回复批注"), lambda: lib.annotations.reply(ann.id, text, author=self.settings.author),
                            undo=lambda r: lib.annotations.delete_reply(r.id),
                            redo=lambda r: lib.annotations.restore_reply(r.id))
        return reply

    def edit_reply(self, reply_id: str) -> Reply | None:
        """Ask for a reply's new text and write it (undo writes the old text back)."""
        lib = self.library
        reply = self._guard(lambda: lib.annotations.get_reply(reply_id))
        ann = self._guard(lambda: lib.annotations.get(reply.annotation_id)) if reply is not None else None
        if ann is None:
            return None
        text = self.ask_reply_edit(ann, reply)
        if not text or not text.strip() or text.strip() == reply.text:
            return None
        old = reply.text
        return self._apply(self.tr("编辑回复"), lambda: lib.annotations.update_reply(reply.id, text),
                           undo=lambda r: lib.annotations.update_reply(r.id, old),
                           redo=lambda r: lib.annotations.update_reply(r.id, text))

    def delete_reply(self, reply_id: str) -> Reply | None:
        """Delete a reply from its thread (a soft delete: undo restores it)."""
        lib = self.library
        reply = self._apply(self.tr("删除回复"), lambda: lib.annotations.delete_reply(reply_id),
                            undo=lambda r: lib.annotations.restore_reply(r.id),
                            redo=lambda r: lib.annotations.delete_reply(r.id))
        if reply is not None:
            self._status(self.tr("已删除回复（Ctrl+Z 撤销）"), 5000)
        return reply

    def delete(self, ann_id: str | None = None) -> Annotation | None:
        lib = self.library
        ann_id = ann_id or self.selected
        if not ann_id:
            self._status(self.tr("请先选择一条批注"))
            return None
        ann = self._apply(self.tr("删除批注"), lambda: lib.annotations.delete(ann_id),
                          undo=lambda a: lib.annotations.restore(a.id),
                          redo=lambda a: lib.annotations.delete(a.id))
        if ann is not None:
            self._status(self.tr("已删除批注（Ctrl+Z 撤销，或在回收站中恢复）"), 6000)
        return ann

    def restore(self, ann_id: str) -> Annotation | None:
        lib = self.library
        return self._apply(self.tr("恢复批注"), lambda: lib.annotations.restore(ann_id),
                           undo=lambda a: lib.annotations.delete(a.id),
                           redo=lambda a: lib.annotations.restore(a.id))

    def reattach(self, ann_id: str) -> Annotation | None:
        """Attach an annotation (an orphan) to the selection in the view — a whole-clause
        note to the article holding the selection, or the cursor."""
        lib, doc = self.library, self.w.doc
        before = self._guard(lambda: lib.annotations.get(ann_id))
        if before is None or doc is None:
            return None
        if before.on_clause:
            node_id, span = self._cursor_unit(), _whole()
            if node_id is None:
                return None
        else:
            sel = self._selection()
            if sel is None:
                return None
            node_id, span = sel.node_id, _span(sel.start, sel.end)
        after = self._guard(lambda: lib.annotations.reattach(ann_id, doc.id, node_id, span))
        if after is None:
            return None
        self.selected = after.id
        self._clear_selection()
        self._push(self.tr("重新附着批注"), undo=lambda: lib.annotations.put(before),
                   redo=lambda: lib.annotations.put(after))
        self._status(self.tr("已附着到 {0}").format(self.cite(doc.id, node_id, with_title=False)), 4000)
        return after

    # -- links ---------------------------------------------------------------------------

    def delete_link(self, link_id: str) -> Link | None:
        lib = self.library
        return self._apply(self.tr("删除链接"), lambda: lib.annotations.delete_link(link_id),
                           undo=lambda x: lib.annotations.restore_link(x.id), redo=lambda x: lib.annotations.delete_link(x.id))

    def edit_link(self, link_id: str) -> Link | None:
        lib = self.library
        link = self._guard(lambda: lib.annotations.get_link(link_id))
        if link is None:
            return None
        place = f"{self.cite(link.src.doc_id, link.src.node_id)} → {self.cite(link.dst.doc_id, link.dst.node_id)}"
        dialog = RelationDialog(self.w, place, lib.annotations.relations(), link.relation, link.note)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            relation, note = dialog.values()
        finally:
            dialog.deleteLater()
        return self.update_link(link_id, relation=relation, note=note)

    def update_link(self, link_id: str, **changes: Any) -> Link | None:
        lib = self.library
        before = self._guard(lambda: lib.annotations.get_link(link_id))
        after = self._guard(lambda: lib.annotations.update_link(link_id, **changes)) if before else None
        if after is None:
            return None
        old = {k: getattr(before, k) for k in changes}
        self._push(self.tr("编辑链接"), undo=lambda: lib.annotations.update_link(link_id, **old),
                   redo=lambda: lib.annotations.update_link(link_id, **changes))
        return after

    def follow_link(self, link: Link, side: str) -> None:
        end = link.end(side)
        if not end.doc_present:
            self._status(self.tr("链接的另一端所在文档已从文库移除"))
            return
        self.w.open_document(end.doc_id, end.node_id)

    # -- categories, author, exchange ----------------------------------------------------

    def edit_categories(self) -> bool:
        lib = self.library
        dialog = CategoryEditor(self.w, self.categories(), lib.annotations.category_usage())
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            return self.apply_categories(dialog.rows(), dialog.removed)
        finally:
            dialog.deleteLater()

    def apply_categories(self, rows: list, removed: list[str]) -> bool:  # noqa: ANN001
        """Apply the category editor's result as one undoable step."""
        lib = self.library
        old = {c.name: c for c in self.categories(True)}
        self.stack.beginMacro(self.tr("修改分类"))
        try:
            for name in removed:
                if self._guard(lambda n=name: lib.annotations.delete_category(n)) is not None:
                    self._push("", undo=lambda n=name: lib.annotations.restore_category(n),
                               redo=lambda n=name: lib.annotations.delete_category(n))
            for row in rows:
                if row.original is None:
                    if self._guard(lambda r=row: lib.annotations.save_category(r.name, r.color, r.meaning)) is not None:
                        self._push("", undo=lambda r=row: lib.annotations.delete_category(r.name),
                                   redo=lambda r=row: lib.annotations.save_category(r.name, r.color, r.meaning))
                    continue
                before = old.get(row.original)
                if before is None or (before.name, before.color, before.meaning) == (row.name, row.color, row.meaning):
                    continue
                if self._guard(lambda r=row: lib.annotations.save_category(r.name, r.color, r.meaning,
                                                               old_name=r.original)) is not None:
                    self._push("", undo=lambda r=row, b=before: lib.annotations.save_category(
                                   b.name, b.color, b.meaning, old_name=r.name),
                               redo=lambda r=row: lib.annotations.save_category(r.name, r.color, r.meaning,
                                                                    old_name=r.original))
        finally:
            self.stack.endMacro()
        return True

    def set_author(self) -> None:
        name, ok = QInputDialog.getText(self.w, self.tr("作者名"),
                                        self.tr("新批注署名为："), text=self.settings.author)
        if ok:
            self.settings.author = name

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.w, self.tr("导出批注"), "annotations.json",
                                              self.tr("Web Annotation JSON (*.json)"))
        if not path:
            return
        data = self._guard(lambda: self.library.annotations.export(path))
        if data is not None:
            self._status(self.tr("已导出 {0} 项到 {1}").format(len(data["items"]), path), 6000)

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.w, self.tr("导入批注"), "",
                                              self.tr("Web Annotation JSON (*.json)"))
        if not path:
            return
        try:
            report = self.library.annotations.merge(path)
        except UserError as exc:
            QMessageBox.warning(self.w, self.tr("导入批注"), str(exc))
            return
        self.forget_documents()
        self.refresh()
        QMessageBox.information(
            self.w, self.tr("导入批注"),
            self.tr("批注：新增 {0}，更新 {1}，保留本地 {2}\n链接：新增 {3}，更新 {4}，保留本地 {5}\n"
                    "无法定位（孤立）：{6}").format(
                report.added, report.updated, report.kept, report.links_added,
                report.links_updated, report.links_kept, report.anchors.get("orphan", 0)))

    # -- view and panel events -----------------------------------------------------------

    def _panel_selected(self, ann_id: str) -> None:
        self.selected = ann_id
        self.w.view.select_annotation(ann_id)

    def _view_clicked(self, ann_id: str, show_panel: bool = True) -> None:
        self.selected = ann_id
        dock = getattr(self.w, "annotations_dock", None)
        if show_panel and dock is not None:
            dock.show()
            dock.raise_()  # it may share its place with the search panel
        if not self.panel.select(ann_id):
            self.panel.filter.clear()
            self.panel.select(ann_id)

    def jump(self, ann_id: str) -> bool:
        """Show an annotation in the text (opening its document)."""
        ann = self._guard(lambda: self.library.annotations.get(ann_id))
        if ann is None or not ann.doc_present:
            self._status(self.tr("这条批注的文档已从文库移除"))
            return False
        self.selected = ann.id
        if self.w.doc is None or self.w.doc.id != ann.doc_id:
            if not self.w.open_document(ann.doc_id, ann.node_id):
                return False
        if not self.w.view.scroll_to_annotation(ann.id):
            self.w.view.scroll_to_node(ann.node_id)
            if ann.orphan:
                self._status(self.tr("原文已找不到，显示它原来所在的条文"))
        return True

    def _context_menu(self, menu: QMenu, pos: int, point: QPoint) -> None:
        c = self.w.commands
        sel = self.w.view.selection()
        if sel is not None:
            sub = menu.addMenu(self.tr("高亮为"))
            for cat in self.categories():
                act = sub.addAction(swatch(cat.color), cat.name, lambda n=cat.name: self.highlight(n))
                act.setToolTip(cat.meaning)
            menu.addActions([c.highlight, c.add_note, c.tag, c.link])
        else:
            menu.addActions([c.clause_note, c.link])
        ann = self.w.view.annotation_at(point)
        if ann is not None:
            menu.addSeparator()
            menu.addAction(self.tr("编辑批注…"), lambda: self.edit(ann.id))
            sub = menu.addMenu(self.tr("更改分类"))
            for cat in self.categories():
                act = sub.addAction(swatch(cat.color), cat.name, lambda n=cat.name: self.set_category(ann.id, n))
                act.setCheckable(True)
                act.setChecked(cat.name == ann.category)
            menu.addAction(self.tr("回复…"), lambda: self.reply(ann.id))
            self.panel.status_menu(menu, ann)  # emits statusRequested → set_status
            if self.panel.followed(ann.id):  # it followed a new version: show where it was made
                menu.addAction(self.tr("在原版本中查看"), lambda: self.w.versions.view_original(ann.id))
            menu.addAction(self.tr("删除批注"), lambda: self.delete(ann.id))

    def highlight_actions(self) -> list[QAction]:
        """One action per category for the toolbar's highlight menu."""
        out = []
        for n, cat in enumerate(self.categories()):
            act = QAction(swatch(cat.color), cat.name, self)
            act.setToolTip(cat.meaning or cat.name)
            if n < 9:
                act.setShortcut(f"Ctrl+Alt+{n + 1}")
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _c=False, name=cat.name: self.highlight(name))
            out.append(act)
        return out


__all__ = ["AnnotationController", "LibraryCommand"]
