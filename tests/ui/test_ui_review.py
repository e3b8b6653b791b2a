"""Review in the annotations panel: replies as child rows under their note (written to the
library under the user's name), the 状态 submenu (未解决 / 已答复 / 已解决, undoable), and
the same in English."""
from __future__ import annotations

from PySide6.QtCore import Qt

from reader.store.library import Span
from reader.ui.annotations_panel import ANN_ROLE, REPLY_ROLE
from tests.ui.conftest import doc_id

RULE = "测绘地理信息管理办法"


def _note(window, library, note: str = "甲方是谁？"):
    doc = doc_id(library, RULE)
    assert window.open_document(doc)
    ann = library.annotations.add(doc, "art_17__para_2", Span(quote="招标单位"), note=note, author="张三")
    window.annotator.refresh()
    return ann


def _action(menu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


def _note_index(panel, ann_id: str):
    model = panel.models["notes"]
    return model.match(model.index(0, 0), ANN_ROLE, ann_id, 1, Qt.MatchFlag.MatchRecursive)[0]


def _children(panel, ann_id: str) -> list[str]:
    index = _note_index(panel, ann_id)
    model = panel.models["notes"]
    return [model.index(r, 0, index).data() for r in range(model.rowCount(index))]


def test_reply_from_the_menu_is_a_child_row_and_in_the_library(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    window.settings.author = "李四"
    ann = _note(window, seeded_library)
    asked = []
    window.annotator.ask_reply = lambda a: asked.append(a.id) or "已核对，是建设单位"
    panel = window.annotator.panel
    assert _children(panel, ann.id) == []
    _action(panel.build_menu("notes", ann.id), "回复…").trigger()
    assert asked == [ann.id]
    [reply] = seeded_library.annotations.replies(ann.id)
    assert (reply.text, reply.author) == ("已核对，是建设单位", "李四")
    assert _children(panel, ann.id) == ["↳ 李四 — 已核对，是建设单位"]
    child = panel.models["notes"].index(0, 0, _note_index(panel, ann.id))
    assert child.data(REPLY_ROLE) == reply.id
    # a reply's row stands for its note: its menu and selection act on the note
    panel.views["notes"].setCurrentIndex(child)
    assert panel.selected_annotation() == ann.id
    assert panel.row_ids() == [ann.id]  # replies are not notes
    window.annotator.stack.undo()
    assert seeded_library.annotations.replies(ann.id) == [] and _children(panel, ann.id) == []
    window.annotator.stack.redo()
    assert [r.id for r in seeded_library.annotations.replies(ann.id)] == [reply.id]
    # cancelled: nothing written
    window.annotator.ask_reply = lambda a: None
    _action(panel.build_menu("notes", ann.id), "回复…").trigger()
    assert len(seeded_library.annotations.replies(ann.id)) == 1


def test_status_submenu_marks_answered_and_the_row_says_so(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    window.settings.author = "王五"
    ann = _note(window, seeded_library)
    panel = window.annotator.panel
    assert "已答复" not in _note_index(panel, ann.id).data()
    status = _action(panel.build_menu("notes", ann.id), "状态").menu()
    assert [(a.text(), a.isChecked()) for a in status.actions()] == [
        ("未解决", True), ("已答复", False), ("已解决", False)]
    _action(status, "已答复").trigger()
    assert seeded_library.annotations.get(ann.id).status == "answered"
    assert seeded_library.annotations.status_history(ann.id)[-1].author == "王五"
    assert _note_index(panel, ann.id).data().splitlines()[-1] == "— 张三　已答复"
    status = _action(panel.build_menu("notes", ann.id), "状态").menu()
    assert [a.text() for a in status.actions() if a.isChecked()] == ["已答复"]
    _action(status, "已解决").trigger()
    assert seeded_library.annotations.get(ann.id).status == "resolved"
    assert _note_index(panel, ann.id).data(Qt.ItemDataRole.ForegroundRole) is not None  # dimmed
    window.annotator.stack.undo()
    assert seeded_library.annotations.get(ann.id).status == "answered"
    window.annotator.stack.undo()
    assert seeded_library.annotations.get(ann.id).status == "open"
    assert [c.status for c in seeded_library.annotations.status_history(ann.id)] == [
        "answered", "resolved", "answered", "open"]


def test_reading_view_menu_offers_reply_and_status(make_window, seeded_library) -> None:
    from PySide6.QtWidgets import QMenu

    from tests.ui.test_ui_annotations import point_of

    window = make_window(seeded_library)
    ann = _note(window, seeded_library)
    window.view.scroll_to_annotation(ann.id)
    start, _end = window.view.layer.find(ann.id)
    menu = QMenu(window)
    window.annotator._context_menu(menu, start + 1, point_of(window, start + 1))
    window.annotator.ask_reply = lambda a: "视图里的回复"
    _action(menu, "回复…").trigger()
    _action(_action(menu, "状态").menu(), "已答复").trigger()
    got = seeded_library.annotations.get(ann.id)
    assert [r.text for r in got.replies] == ["视图里的回复"] and got.status == "answered"


def test_review_strings_in_english(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    ann = _note(window, seeded_library)
    seeded_library.annotations.reply(ann.id, "好的", author="李四")
    seeded_library.annotations.set_status(ann.id, "answered", author="李四")
    window.set_language("en")
    try:
        window.annotator.refresh()
        panel = window.annotator.panel
        menu = panel.build_menu("notes", ann.id)
        texts = [a.text() for a in menu.actions()]
        assert "Reply…" in texts
        status = _action(menu, "Status").menu()
        assert [a.text() for a in status.actions()] == ["Open", "Answered", "Resolved"]
        assert _note_index(panel, ann.id).data().endswith("Answered")
        assert _children(panel, ann.id) == ["↳ 李四 — 好的"]
        _action(status, "Resolved").trigger()
        assert window.annotator.stack.undoText() == "Mark as Resolved"
    finally:
        window.set_language("zh")


def test_editing_an_answered_note_keeps_it_answered(qtbot) -> None:
    from reader.ui.annotation_dialogs import NoteDialog

    dialog = NoteDialog(None, "编辑批注", "第十七条", "招标单位", [], [], note="甲", status="answered")
    qtbot.addWidget(dialog)
    assert dialog.values().status == "answered"  # the 已解决 box left alone
    dialog.resolved.setChecked(True)
    assert dialog.values().status == "resolved"
    dialog.resolved.setChecked(False)
    assert dialog.values().status == "answered"
