"""The real window, driven as a user would: open, tree ↔ view, search, go-to, history,
import by drop (with a bad file), settings across a restart, keyboard, hostile text."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from reader.ui.library_panel import DOC_ID_ROLE
from reader.ui.tree_model import NODE_ID_ROLE
from tests.conftest import make_document
from tests.ui.conftest import doc_id

RULE = "测绘地理信息管理办法"
TITLE = "《广州市测绘地理信息管理办法》"


def open_rule(window, library) -> str:
    doc = doc_id(library, RULE)
    assert window.open_document(doc)
    return doc


def test_open_from_the_library_panel(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    panel = window.library_panel
    target = doc_id(seeded_library, RULE)
    index = next(i for i in panel._doc_indexes() if i.data(DOC_ID_ROLE) == target)
    panel.view.scrollTo(index)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.doc is not None and window.doc.id == target
    assert RULE in window.windowTitle()
    assert window.tree_panel.model.rowCount() == 10  # 十章
    assert "广州市人民政府令第190号" in window.view.document().toPlainText()


def test_library_grouping_and_filter(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    panel = window.library_panel
    groups = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert groups[0].startswith("地方政府规章") and any(g.startswith("规划") for g in groups)
    panel.set_grouping("year")
    assert panel.model.index(0, 0).data().startswith("2022")
    panel.filter.setText("测绘")
    qtbot.waitUntil(lambda: len(panel.visible_document_ids()) == 1)
    assert panel.count_label.text().startswith("1/")


def test_tree_click_scrolls_the_view_and_scrolling_marks_the_tree(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    open_rule(window, seeded_library)
    tree = window.tree_panel.view
    window.tree_panel.expand_all()
    for node in ("art_17", "art_33", "art_4"):
        index = window.tree_panel.model.index_for_node(node)
        tree.scrollTo(index)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
        assert window.view.current_node() == node
    # the reader scrolls the text: the tree follows
    bar = window.view.verticalScrollBar()
    window.view.scroll_to_position(window.view.node_position("art_40"))
    bar.setValue(bar.value() + 1)
    qtbot.waitUntil(lambda: window.tree_panel.current_node() == "art_40")
    window.view.scroll_to_position(window.view.node_position("art_12__para_1__item_3"))
    qtbot.waitUntil(lambda: window.tree_panel.current_node() == "art_12")


def test_search_and_follow_a_hit(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    window.show_search()
    assert window.search_dock.isVisible()
    window.search_panel.query.setText("测绘成果")
    with qtbot.waitSignal(window.searchFinished, timeout=20000):
        window.search_panel.run()
    results = window.last_search
    assert results.hits and {h.doc_id for h in results.hits} == {doc_id(seeded_library, RULE)}
    groups = window.search_panel.model
    assert groups.rowCount() == 1 and groups.index(0, 0).data().endswith(str(len(results.hits)))
    hit = results.hits[3]
    window.search_panel.activate_hit(3)
    assert window.doc.id == hit.doc_id
    view = window.view
    plain = view.document().toPlainText()
    assert len(view.hits()) == plain.count("测绘成果")
    start, end = view.rendered.spans[hit.node_id]
    current = view.hits()[view.current_hit()][0]
    assert start <= current < end  # the first occurrence in the unit clicked
    window.next_occurrence()
    assert view.hits()[view.current_hit()][0] > current
    window.search_panel.set_scope("titles")
    with qtbot.waitSignal(window.searchFinished, timeout=20000):
        window.search_panel.run()
    assert all(h.node_id is None for h in window.last_search.hits)


def test_goto_with_each_notation(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    open_rule(window, seeded_library)
    for text in ("43", "第43条", "第四十三条", " 第４３条 "):
        window.view.scroll_to_node("art_1", flash=False)
        assert window.goto(text), text
        assert window.view.current_node() == "art_43", text
    assert window.goto("第十七条第二款")
    assert window.view.current_node() == "art_17__para_2"
    assert window.goto("第三章")
    assert window.view.current_node() == "ch_3"
    assert not window.goto("第九百条")
    assert "第九百条" in window.statusBar().currentMessage()


def test_back_and_forward_across_documents(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    first = open_rule(window, seeded_library)
    window.goto("第二十条")
    second = doc_id(seeded_library, "广清一体化")
    window.open_document(second)
    window.goto("第四章")
    assert window.commands.back.isEnabled() and not window.commands.forward.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Alt+←
    assert window.doc.id == second and window.view.verticalScrollBar().value() == 0
    assert window.go_back()
    assert window.doc.id == first and window.view.current_node() == "art_20"
    assert window.go_back()
    assert window.doc.id == first
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # Alt+→
    assert window.view.current_node() == "art_20"
    assert window.go_forward() and window.doc.id == second
    assert window.go_forward() and window.view.current_node() == "ch_4"
    assert not window.go_forward()


def drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_import_by_drop_with_a_bad_file(make_window, seeded_library, tmp_path, qtbot) -> None:
    window = make_window(seeded_library)
    good = tmp_path / "测试办法.txt"
    good.write_text("广州市拖放测试管理办法\n\n第一条　为了测试拖放导入，制定本办法。\n"
                    "第二条　本办法自公布之日起施行。\n", encoding="utf-8")
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    before = len(seeded_library.documents())
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        drop(window, [bad, good, empty])
        assert window.importer.progress.isVisible() and window.importer.cancel_button.isVisible()
    report = blocker.args[0]
    assert [d.title for d in report.added] == ["广州市拖放测试管理办法"]
    assert sorted(Path(f.file).name for f in report.failures) == ["empty.txt", "坏文件.txt"]
    assert all(f.reason for f in report.failures)
    assert len(seeded_library.documents()) == before + 1
    assert report.added[0].id in window.library_panel.visible_document_ids()
    box = window.importer.report_box
    assert box is not None and box.isVisible()
    assert "坏文件.txt" in box.detailedText() and "empty.txt" in box.detailedText()
    assert not window.importer.progress.isVisible()


def test_import_can_be_cancelled(make_window, seeded_library, tmp_path, qtbot) -> None:
    window = make_window(seeded_library)
    files = []
    for i in range(40):
        f = tmp_path / f"f{i}.txt"
        f.write_text(f"广州市第{i}号测试办法\n\n第一条　测试{i}。\n", encoding="utf-8")
        files.append(f)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_files([str(tmp_path)])  # a folder: its files
        window.cancel_import()
    report = blocker.args[0]
    assert report.cancelled and report.files_done < 40


def test_settings_survive_a_restart(make_window, seeded_library, tmp_path, qtbot) -> None:
    settings = tmp_path / "restart.ini"
    window = make_window(seeded_library, settings)
    target = open_rule(window, seeded_library)
    window.goto("第二十条")
    window.view.zoom_in_text()
    window.view.zoom_in_text()
    size = window.view.font_size()
    window.set_theme("dark")
    window.library_panel.set_grouping("year")
    window.resize(701, 503)  # within the offscreen screen (800×600)
    window.tree_dock.hide()
    window.close()

    again = make_window(seeded_library, settings, size=None)  # the saved geometry
    assert again.doc is not None and again.doc.id == target
    qtbot.waitUntil(lambda: again.view.current_node() == "art_20")
    assert again.view.font_size() == size
    assert again.commands.dark.isChecked() and again._theme == "dark"
    assert again.library_panel.current_grouping() == "year"
    assert (again.width(), again.height()) == (701, 503)
    assert not again.tree_dock.isVisible()


def test_language_switch_to_english_and_back(make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    assert window.commands.menu_file.title() == "文件(&F)"
    window.set_language("en")
    assert window.commands.menu_file.title() == "&File"
    assert window.library_dock.windowTitle() == "Library"
    assert window.search_panel.scope.itemText(0) == "Whole library"
    assert window.settings.language == "en"
    window.set_language("zh")
    assert window.commands.menu_file.title() == "文件(&F)"


def test_keyboard_only(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L: filter
    assert window.library_panel.filter.hasFocus()
    window.library_panel.filter.insert("测绘")  # typed (QTest cannot type CJK)
    qtbot.waitUntil(lambda: len(window.library_panel.visible_document_ids()) == 1)
    qtbot.keyClick(window.library_panel.filter, Qt.Key.Key_Return)
    assert window.doc is not None and RULE in window.doc.title
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Ctrl+2: tree
    tree = window.tree_panel.view
    assert tree.hasFocus()
    tree.setCurrentIndex(window.tree_panel.model.index_for_node("art_1"))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentIndex().data(NODE_ID_ROLE) == "art_2"
    assert window.view.current_node() == "art_2"
    size = window.view.font_size()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # Ctrl+=
    assert window.view.font_size() == size + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # Ctrl+-
    assert window.view.font_size() == size
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    window.find_bar.edit.insert("测绘成果")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    total = len(window.view.hits())
    assert total > 5
    first = window.view.current_hit()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.view.current_hit() == (first + 1) % total
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and not window.view.hits()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.search_dock.isVisible() and window.search_panel.query.hasFocus()


def test_remove_a_document(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    target = open_rule(window, seeded_library)
    with qtbot.waitSignal(window.documentRemoved, timeout=10000):
        assert window.remove_document(target, confirm=False)
    assert window.doc is None
    assert target not in window.library_panel.visible_document_ids()
    assert not window.history.can_back()


def test_hostile_document_in_the_window(make_window, library, fake_parser, tmp_path) -> None:
    hostile = "<img src='http://127.0.0.1:9/x.png'><b>粗</b>"
    doc = make_document(title=f"办法{hostile}", body=f"正文{hostile}。")
    library.import_files([fake_parser.add(tmp_path / "h.txt", doc)])
    window = make_window(library)
    window.open_document(doc.id)
    assert hostile in window.view.document().toPlainText()
    index = next(window.library_panel._doc_indexes())
    assert "&lt;img" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert hostile in window.windowTitle()


def test_opening_another_document_resets_the_tree_mark(make_window, seeded_library, qtbot) -> None:
    window = make_window(seeded_library)
    open_rule(window, seeded_library)
    window.goto("第二十三条")
    assert window.tree_panel.current_node() == "art_23"
    window.open_document(doc_id(seeded_library, "社会医疗保险规定"))  # it has an art_23 too
    qtbot.waitUntil(lambda: window.location_label.text() == "")  # the title block is on top
    assert window.tree_panel.current_node() is None
