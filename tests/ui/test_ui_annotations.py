"""Annotating in the window, as a user would: select text → highlight → note → reopen the
document → it is there; hover and click; undo/redo; links both ways; orphans re-attached;
categories; another process's edits; search in notes."""
from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.store.library import Library, Span
from reader.ui.annotation_dialogs import CategoryEditor, LinkDialog, LinkTarget, NoteDialog, NoteValues
from tests.ui.conftest import doc_id

RULE = "测绘地理信息管理办法"


def open_rule(window, library) -> str:
    doc = doc_id(library, RULE)
    assert window.open_document(doc)
    return doc


def select_words(window, node_id: str, words: str) -> tuple[int, int]:
    """Select ``words`` of a node in the reading view, as a drag with the mouse would."""
    node = window.info.node(node_id)
    offset = node.text.index(words)
    pos = window.view.rendered.text_at[node_id] + offset
    cursor = window.view.textCursor()
    cursor.setPosition(pos)
    cursor.setPosition(pos + len(words), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    return pos, pos + len(words)


def _cursor(window, pos: int) -> QTextCursor:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(pos)
    return cursor


def point_of(window, pos: int) -> QPoint:
    return window.view.cursorRect(_cursor(window, pos)).center()


def answer_notes(window, note: str = "", tags=(), category: str = "义务", status: str = "open") -> list:
    """Replace the note dialog with a fixed answer; returns the calls it got."""
    calls = []

    def ask(**fields):  # noqa: ANN003, ANN202
        calls.append(fields)
        return NoteValues(note, list(tags), category, status)

    window.annotator.ask_note = ask
    return calls


def test_select_highlight_note_reopen(make_window, seeded_library, qtbot, _isolated_settings) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    window.view.scroll_to_node("art_17")
    select_words(window, "art_17__para_2", "不得让测绘单位低于测绘成本中标")
    window.commands.highlight_menu.actions()[2].trigger()  # 罚则
    (hl,) = seeded_library.annotations.list(doc)
    assert (hl.quote, hl.category, hl.kind) == ("不得让测绘单位低于测绘成本中标", "罚则", "highlight")
    assert not window.view.textCursor().hasSelection()
    assert [m.ann.id for m in window.view.layer.marks] == [hl.id]
    assert window.annotator.panel.row_ids() == [hl.id]
    # a note on other words, with the keyboard shortcut
    select_words(window, "art_17__para_1", "不得超越资质等级许可的范围")
    calls = answer_notes(window, "超越资质的处罚见第四十二条", ["待办"], "疑问")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert calls and calls[0]["quote"] == "不得超越资质等级许可的范围" and "第十七条" in calls[0]["place"]
    note = next(a for a in seeded_library.annotations.list(doc) if a.kind == "note")
    assert (note.note, note.tags, note.category) == ("超越资质的处罚见第四十二条", ("待办",), "疑问")
    assert note.author == window.settings.author
    # reopen the document (another one in between), then a new window: it is all there
    window.open_document(doc_id(seeded_library, "社会医疗保险"))
    assert window.view.layer.marks == []
    window.open_document(doc)
    assert {m.ann.id for m in window.view.layer.marks} == {hl.id, note.id}
    window.close()
    again = make_window(seeded_library)
    assert again.doc is not None and again.doc.id == doc  # the last document, restored
    assert {m.ann.id for m in again.view.layer.marks} == {hl.id, note.id}
    assert set(again.annotator.panel.row_ids()) == {hl.id, note.id}


def test_hover_shows_the_note_and_click_selects_it(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    ann = seeded_library.annotations.add(doc, "art_17__para_2", Span(quote="不得让测绘单位低于测绘成本中标"),
                                         note="低价中标<b>不</b>允许", tags=["罚款"])
    window.annotator.refresh()
    window.view.scroll_to_annotation(ann.id)
    start, end = window.view.layer.find(ann.id)
    point = point_of(window, start + 3)
    tip = window.view._tooltip(point)
    assert "低价中标<b>不</b>允许" in tip and "#罚款" in tip  # shown as plain text (escaped)
    window.annotations_dock.hide()
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.annotations_dock.isVisible()
    assert window.annotator.panel.selected_annotation() == ann.id
    assert window.view.layer.selected == ann.id
    # double-click in the panel jumps back to the words
    window.view.scroll_to_node("art_1")
    window.annotator.panel.annotationActivated.emit(ann.id)
    assert window.view.current_node().startswith(("art_16", "art_17"))
    cursor_rect = window.view.cursorRect(_cursor(window, start))
    assert 0 < cursor_rect.top() < window.view.viewport().height() * 0.6  # in sight


def test_clause_note_marker_and_tooltip(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    open_rule(window, seeded_library)
    window.view.scroll_to_node("art_18")
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.node_position("art_18") + 3)
    window.view.setTextCursor(cursor)
    answer_notes(window, "整条都要注意", category="重点")
    ann = window.annotator.add_note()  # no selection: a note on the whole article
    assert ann.kind == "clause_note" and ann.node_id == "art_18"
    mark = window.view.layer.nodes["art_18"]
    rect = window.view._node_rect(mark)
    left, _right = window.view._margins()
    point = QPoint(int(left - window.view.rendered.em * 0.5), int(rect.top() + 6))
    assert window.view.annotation_at(point).id == ann.id
    assert "整条都要注意" in window.view._tooltip(point)


def test_undo_redo_every_edit(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    select_words(window, "art_17__para_2", "不得让测绘单位低于测绘成本中标")
    hl = window.annotator.highlight("重点")
    window.annotator.set_category(hl.id, "罚则")
    answer_notes(window, "第二版批注", ["甲"], "罚则", "resolved")
    window.annotator.edit(hl.id)
    assert seeded_library.annotations.get(hl.id).note == "第二版批注"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    undo = lambda: qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # noqa: E731
    redo = lambda: qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier  # noqa: E731
                                  | Qt.KeyboardModifier.ShiftModifier)
    undo()
    a = seeded_library.annotations.get(hl.id)
    assert (a.note, a.tags, a.status, a.category) == ("", (), "open", "罚则")
    undo()
    assert seeded_library.annotations.get(hl.id).category == "重点"
    undo()  # the highlight itself: gone from the view, kept (deleted) in the library
    assert seeded_library.annotations.list(doc) == [] and seeded_library.annotations.get(hl.id).deleted
    assert window.view.layer.marks == []
    assert window.annotator.panel.row_ids("deleted") == [hl.id]
    redo()
    redo()
    redo()
    a = seeded_library.annotations.get(hl.id)
    assert (a.deleted, a.category, a.note) == (None, "罚则", "第二版批注")
    assert window.commands.undo.isEnabled() and not window.commands.redo.isEnabled()
    # delete, and restore from the trash; both undoable
    window.annotator.delete(hl.id)
    assert seeded_library.annotations.list(doc) == []
    undo()
    assert [x.id for x in seeded_library.annotations.list(doc)] == [hl.id]
    window.annotator.delete(hl.id)
    window.annotator.restore(hl.id)
    assert [x.id for x in seeded_library.annotations.list(doc)] == [hl.id]


def test_link_by_search_and_by_tree_shown_both_ways(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    other = doc_id(seeded_library, "政务服务便民热线")
    window.view.scroll_to_node("art_17")
    select_words(window, "art_17__para_3", "不得转让、转包中标的测绘项目")
    window.annotator.ask_link = lambda source, **kw: LinkTarget(doc, "art_42", "依据", "罚则在此")
    link = window.annotator.link_selection()
    assert (link.src.quote, link.dst.node_id, link.relation) == ("不得转让、转包中标的测绘项目", "art_42", "依据")
    assert window.links_dock.isVisible()
    assert window.annotator.links_panel.link_ids("out") == [link.id]
    assert window.view.layer.nodes["art_17__para_3"].links[0] == (link, "out")
    # at the other end the same link is incoming
    window.open_document(doc, "art_42")
    qtbot.waitUntil(lambda: window.annotator.links_panel.link_ids("in") == [link.id])
    # following it goes back
    window.annotator.links_panel.linkActivated.emit(link, "src")
    assert window.view.current_node().startswith(("art_16", "art_17"))
    # the real dialog: pick by search, then by the tree of another document
    dialog = LinkDialog(window, seeded_library, "《…》第十七条", seeded_library.annotations.relations(), doc)
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.query.setText("测绘作业证件")
    dialog.search()
    assert dialog.hits.count() >= 1
    dialog.hits.setCurrentRow(0)
    target = dialog.target()
    assert target.doc_id == doc and target.node_id == "art_18" and target.relation == "参见"
    assert dialog.select_in_tree(other, "art_5")
    dialog.relation.setCurrentText("冲突")
    assert dialog.target() == LinkTarget(other, "art_5", "冲突", "")
    assert "第五条" in dialog.chosen.text()
    # undo removes the link from both panels
    window.annotator.stack.undo()
    assert seeded_library.annotations.links(doc) == [] and window.annotator.links_panel.link_ids() == []


def test_orphans_tab_and_reattach(make_window, seeded_library, qtbot, tmp_path: Path, fake_parser) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    gone = seeded_library.annotations.add(doc, "art_17__para_3", Span(quote="中标的测绘单位不得转让、转包中标的测绘项目。"),
                                          note="这句会被删掉")
    stays = seeded_library.annotations.add(doc, "art_17__para_2", Span(quote="不得让测绘单位低于测绘成本中标"))
    # a corrected version of the document is imported: the sentence is gone
    edited = copy.deepcopy(seeded_library.document(doc))
    node = edited.find("art_17__para_3")
    node.text = node.text.replace("中标的测绘单位不得转让、转包中标的测绘项目。", "")
    # the same file imported again, parsed differently (the sample itself is never touched)
    fake_parser.docs[str(Path(edited.source.file).resolve())] = [edited.to_json()]
    window.import_files([edited.source.file])
    qtbot.waitUntil(lambda: window.importer.last_report is not None, timeout=20000)
    qtbot.waitUntil(lambda: window.annotator.panel.row_ids("orphans") == [gone.id])
    if window.importer.report_box is not None:
        window.importer.report_box.close()
    panel = window.annotator.panel
    assert panel.row_ids("notes") == [stays.id]
    assert panel.tabs.tabText(1).endswith("(1)")
    assert gone.id not in {m.ann.id for m in window.view.layer.marks}
    # re-attach it to a new selection
    panel.select(gone.id)
    assert panel.current_tab() == "orphans"
    select_words(window, "art_17__para_3", "并不得再次分包")
    panel.reattach_button.click()
    back = seeded_library.annotations.get(gone.id)
    assert back.anchor_state == "ok" and back.quote == "并不得再次分包" and back.note == "这句会被删掉"
    assert panel.row_ids("orphans") == [] and gone.id in panel.row_ids("notes")
    assert gone.id in {m.ann.id for m in window.view.layer.marks}
    window.annotator.stack.undo()
    assert seeded_library.annotations.get(gone.id).orphan and panel.row_ids("orphans") == [gone.id]


def test_panel_filters_and_library_scope(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    other = doc_id(seeded_library, "社会医疗保险")
    a = seeded_library.annotations.add(doc, "art_17__para_2", Span(quote="招标单位"), note="甲方", tags=["待办"], category="义务")
    b = seeded_library.annotations.add(doc, "art_18", note="整条", category="罚则", status="resolved")
    c = seeded_library.annotations.add(other, "art_1", note="别的文档")
    window.annotator.refresh()
    panel = window.annotator.panel
    assert set(panel.row_ids()) == {a.id, b.id}
    groups = [panel.models["notes"].index(0, 0).data()]
    assert groups[0].startswith("第四章")  # grouped by chapter, then article
    panel.category.setCurrentIndex(panel.category.findData("罚则"))
    assert panel.row_ids() == [b.id]
    panel.category.setCurrentIndex(0)
    panel.tag.setCurrentIndex(panel.tag.findData("待办"))
    assert panel.row_ids() == [a.id]
    panel.tag.setCurrentIndex(0)
    panel.status.setCurrentIndex(panel.status.findData("resolved"))
    assert panel.row_ids() == [b.id]
    seeded_library.annotations.set_status(a.id, "answered")
    window.annotator.refresh()
    panel.status.setCurrentIndex(panel.status.findData("answered"))
    assert panel.row_ids() == [a.id]
    panel.status.setCurrentIndex(panel.status.findData("open"))  # 未解决: open or answered
    assert panel.row_ids() == [a.id]
    panel.status.setCurrentIndex(0)
    panel.filter.setText("甲方")
    assert panel.row_ids() == [a.id]
    panel.filter.clear()
    panel.scope.setCurrentIndex(1)  # the whole library, grouped by document
    assert set(panel.row_ids()) == {a.id, b.id, c.id}
    assert window.settings.annotations_scope == "library"
    panel.annotationActivated.emit(c.id)  # jumps into the other document
    assert window.doc.id == other


def test_categories_editor_is_undoable(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    ann = seeded_library.annotations.add(doc, "art_17__para_2", Span(quote="招标单位"), category="疑问")
    dialog = CategoryEditor(window, seeded_library.annotations.categories(), seeded_library.annotations.category_usage())
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert [r.name for r in rows] == ["重点", "义务", "罚则", "疑问"]
    dialog.table.item(3, 0).setText("待核实")  # rename 疑问
    dialog.set_color(3, "#00aa88")
    dialog.add_category("程序")
    dialog.table.setCurrentCell(0, 0)
    dialog.remove_selected()  # 重点
    window.annotator.apply_categories(dialog.rows(), dialog.removed)
    assert [c.name for c in seeded_library.annotations.categories()] == ["义务", "罚则", "待核实", "程序"]
    assert seeded_library.annotations.get(ann.id).category == "待核实"
    assert [a.text() for a in window.commands.highlight_menu.actions()] == ["义务", "罚则", "待核实", "程序"]
    window.annotator.stack.undo()  # one step undoes the whole dialog
    assert [c.name for c in seeded_library.annotations.categories()] == ["重点", "义务", "罚则", "疑问"]
    assert seeded_library.annotations.get(ann.id).category == "疑问"


def test_another_process_edits_show_up(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    with Library.open(seeded_library.folder) as other:  # a second RegReader on the library
        ann = other.annotations.add(doc, "art_17__para_2", Span(quote="招标单位"), note="另一个窗口写的")
    assert window.annotator.check_outside_changes()
    assert ann.id in {m.ann.id for m in window.view.layer.marks}
    assert not window.annotator.check_outside_changes()  # nothing new since


def test_search_notes_from_the_search_panel(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    ann = seeded_library.annotations.add(doc, "art_30", note="这里要和住建局核对数据口径")
    window.show_search()
    window.search_panel.set_scope("annotations")
    window.search_panel.query.setText("数据口径")
    with qtbot.waitSignal(window.searchFinished, timeout=30000):
        window.search_panel.run()
    (hit,) = window.last_search.hits
    assert hit.annotation_id == ann.id
    window.open_document(doc_id(seeded_library, "社会医疗保险"))
    window.open_hit(hit, [])
    assert window.doc.id == doc and window.annotator.panel.selected_annotation() == ann.id


def test_note_dialog_collects_the_values(qtbot, seeded_library) -> None:
    dialog = NoteDialog(None, "添加批注", "《…》第十七条", "不得让测绘单位", seeded_library.annotations.categories(),
                        ["待办", "复核"], category="罚则")
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("第一行\n第二行")
    dialog.tags.setText("#待办, 新标签 待办")
    dialog.resolved.setChecked(True)
    assert dialog.values() == NoteValues("第一行\n第二行", ["待办", "新标签"], "罚则", "resolved")


def test_context_menu_offers_the_annotation_commands(make_window, seeded_library) -> None:
    from PySide6.QtWidgets import QMenu

    window = make_window(seeded_library)
    doc = open_rule(window, seeded_library)
    ann = seeded_library.annotations.add(doc, "art_17__para_2", Span(quote="招标单位"), note="甲")
    window.annotator.refresh()
    window.view.scroll_to_annotation(ann.id)
    start, _end = window.view.layer.find(ann.id)
    menu = QMenu(window)
    window.annotator._context_menu(menu, start + 1, point_of(window, start + 1))
    texts = [a.text() for a in menu.actions()]
    assert "编辑批注…" in texts and "删除批注" in texts and "条文批注…" in texts
    select_words(window, "art_17__para_3", "并不得再次分包")
    menu = QMenu(window)
    window.annotator._context_menu(menu, start, QPoint(2, 2))
    texts = [a.text() for a in menu.actions()]
    assert "高亮为" in texts and "添加批注…" in texts and "链接到…" in texts
    highlight_as = next(a.menu() for a in menu.actions() if a.text() == "高亮为")
    next(a for a in highlight_as.actions() if a.text() == "义务").trigger()
    assert [a.category for a in seeded_library.annotations.list(doc) if a.quote == "并不得再次分包"] == ["义务"]
