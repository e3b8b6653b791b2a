"""Versions in the window, on 公司法 2018 → 2023: one library row with 2个版本, the 版本…
dialog, the banner on the older version, the notes' follow outcomes and 在原版本中查看, the
import report, 包括历史版本 in search, and a reference into the older version flagged."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.core.numerals import int_to_cn
from reader.store.library import Library, Span

LAWS = Path("corpus") / "laws" / "民法商法"
OLD_FILE = "公司法(2018-10-26).md"
NEW_FILE = "公司法(2023-12-29).md"
DROPPED = "设立有限责任公司，应当具备下列条件"
OLD_ONLY = "依照公司章程的规定，由董事会"  # 2023: 按照公司章程的规定
CITING = "关于公司对外担保的通知\n（2019年5月10日发布）\n第一条 为规范公司对外担保，制定本通知。\n" \
    "第二条 公司为他人提供担保，应当依照《中华人民共和国公司法》第十六条的规定作出决议。\n" + "".join(
        f"第{int_to_cn(n)}条 公司对外担保应当审慎，并如实披露担保的金额、对象和期限。\n" for n in range(3, 40))


@pytest.fixture
def company(shared_dir: Path, tmp_path: Path):
    """A library with 公司法 2018 and two notes on it (one on an article renumbered in 2023,
    one on words 2023 changed); the ids (old, moved note, changed note)."""
    lib = Library.open(tmp_path / "library")
    old = lib.import_files([shared_dir / LAWS / OLD_FILE]).added[0].id
    moved = lib.annotations.add(old, "art_11__para_1", Span(quote="依法制定公司章程"), note="章程")
    changed = lib.annotations.add(old, "art_16__para_1", Span(quote="依照公司章程的规定"), note="担保")
    lib.annotations.add(old, "art_23__para_1", Span(quote=DROPPED), note="设立条件")  # 2023 dropped it
    yield lib, old, moved.id, changed.id
    lib.close()


@pytest.fixture
def updated(company, make_window, shared_dir: Path, qtbot):
    """The window, after importing 公司法 2023 through it (the 2018 text open)."""
    lib, old, moved, changed = company
    window = make_window(lib)
    window.open_document(old)
    with qtbot.waitSignal(window.importFinished, timeout=60000) as done:
        window.import_files([str(shared_dir / LAWS / NEW_FILE)])
    report = done.args[0]
    assert len(report.versions) == 1 and report.versions[0].current
    return window, lib, old, report.versions[0].id, moved, changed


def test_library_shows_one_row_with_its_versions(updated) -> None:
    window, _lib, _old, new, _m, _c = updated
    panel = window.library_panel
    assert panel.visible_document_ids() == [new]
    index = next(i for i in panel._doc_indexes() if i.data(Qt.ItemDataRole.UserRole + 1) == new)
    meta = index.data(Qt.ItemDataRole.UserRole + 2)
    assert "2023年12月29日修订" in meta and "2个版本" in meta
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "2018年10月26日修正" in tip and "2023年12月29日修订（现行）" in tip


def test_import_report_names_the_new_version_and_the_notes(updated) -> None:
    window = updated[0]
    box = window.importer.report_box
    assert box is not None
    details = box.detailedText()
    assert "新版本：《中华人民共和国公司法》2023年12月29日修订（现行）" in details
    assert "批注已随新版本：0 处未变，1 处移动，1 处原文修改，1 处无法定位" in details
    assert "新版本 1" in box.text()


def test_versions_dialog_lists_both_and_opens_the_old_one(updated, qtbot) -> None:
    window, _lib, old, new, _m, _c = updated
    window.open_document(new)
    assert window.commands.versions.isEnabled()
    dialog = window.versions_dialog()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
    rows = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(2)]
    assert rows[0][:2] == ["1", "2018年10月26日修正"] and rows[0][5] == ""
    assert rows[1][:3] == ["2", "2023年12月29日修订", "2024-07-01"] and rows[1][5] == "现行"
    assert rows[1][3] == "3" and rows[0][3] == "0"  # the notes followed onto 2023
    assert rows[0][4] == OLD_FILE
    assert not dialog.compare_button.isEnabled()  # the current version is selected
    dialog.select(old)
    assert dialog.compare_button.isEnabled()
    with qtbot.waitSignal(dialog.compareRequested) as asked:
        dialog.compare_button.click()
    assert asked.args == [old, new]
    with qtbot.waitSignal(window.documentOpened):
        dialog.open_button.click()
    assert window.doc.id == old


def test_banner_on_the_old_version_goes_to_the_current_one(updated, qtbot) -> None:
    window, _lib, old, new, _m, _c = updated
    banner = window.versions.banner
    window.open_document(old)
    assert banner.isVisible() and banner.is_old()
    assert banner.label.text() == "历史版本：2018年10月26日修正（现行版本：2023年12月29日修订）"
    with qtbot.waitSignal(window.documentOpened):
        banner.current_button.click()
    assert window.doc.id == new
    assert banner.isVisible() and not banner.is_old() and not banner.current_button.isVisible()
    assert "共2个版本" in banner.label.text()


def test_notes_say_what_happened_and_open_where_they_were_made(updated, qtbot) -> None:
    window, _lib, old, new, moved, changed = updated
    window.open_document(new)
    window.annotations_dock.show()
    window.annotator.refresh()
    panel = window.annotator.panel
    rows = {}
    model = panel.models["notes"]

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            if index.data(Qt.ItemDataRole.UserRole + 21):
                rows[index.data(Qt.ItemDataRole.UserRole + 21)] = index
            walk(index)
    walk(model.index(-1, -1))
    assert "新版本中已移至第五条（原第十一条）" in rows[moved].data()
    assert "新版本中已移至第五条（原第十一条）" in rows[moved].data(Qt.ItemDataRole.ToolTipRole)
    tip = rows[changed].data(Qt.ItemDataRole.ToolTipRole)
    assert "您批注的原文已修改" in tip and "依照公司章程的规定" in tip
    orphans = panel.models["orphans"]
    tips = [orphans.index(r, 0, orphans.index(0, 0)).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(orphans.rowCount(orphans.index(0, 0)))]
    assert any(f"新版本中找不到原文：“{DROPPED}”（原在2018年10月26日修正）" in t for t in tips), tips
    with qtbot.waitSignal(window.documentOpened):
        panel.originRequested.emit(moved)
    assert window.doc.id == old and window.versions.banner.is_old()
    hits = window.view.hits()
    assert hits and window.view.plain_folded()[hits[0][0]:hits[0][0] + 8] == "依法制定公司章程"
    assert window.view.node_at(hits[window.view.current_hit()][0]).startswith("art_11")


def test_view_on_a_removed_version_says_so(updated, qtbot) -> None:
    window, lib, old, new, moved, _c = updated
    lib.remove(old)
    window.refresh_library()
    window.open_document(new)
    assert not window.versions.view_original(moved)
    assert "已从文库移除" in window.statusBar().currentMessage()
    assert window.doc.id == new


def test_search_finds_old_only_words_only_when_asked(updated, qtbot) -> None:
    window, _lib, old, _new, _m, _c = updated
    panel = window.search_panel
    panel.query.setText(OLD_ONLY)
    with qtbot.waitSignal(window.searchFinished, timeout=60000) as done:
        panel.run()
    assert not done.args[0].hits
    with qtbot.waitSignal(window.searchFinished, timeout=60000) as done:
        panel.old_versions.setChecked(True)  # re-runs the search
    assert {h.doc_id for h in done.args[0].hits} == {old}
    assert "历史版本 2018年10月26日修正" in panel.model.item(0).text()


def test_reference_into_the_old_version_is_flagged(updated, qtbot, tmp_path: Path) -> None:
    window, lib, old, new, _m, _c = updated
    path = tmp_path / "担保通知.txt"
    path.write_text(CITING, encoding="utf-8")
    notice = lib.import_files([path]).added[0].id
    window.refresh_library()
    window.refs.dock.show()
    window.open_document(notice)
    assert window.goto("第二条")
    window.refs.refresh_panel(force=True)
    ref = next(r for r in window.refs.refs if "第十六条" in r.text)
    assert ref.target_doc_id == old  # resolved by date to the version in force in 2019
    def flagged() -> bool:  # found on a worker: the panel shows it when it is done
        row = next(t for t in window.refs.panel.rows("ref") if "第十六条" in t)
        return "现行版本中已移至第十五条" in row or "现行版本中已修改" in row

    qtbot.waitUntil(flagged, timeout=10000)
    assert window.refs.target(ref)[0] == new
    with qtbot.waitSignal(window.documentOpened):
        window.refs.follow_ref(ref)
    assert window.doc.id == new and window.view.current_node().startswith("art_15")


def test_english_banner_and_dialog(updated, qtbot) -> None:
    window, _lib, old, _new, _m, _c = updated
    window.set_language("en")
    window.open_document(old)
    assert window.versions.banner.label.text().startswith("Older version: 2018年10月26日修正")
    assert window.versions.banner.current_button.text() == "Go to current version"
    assert window.commands.versions.text() == "Versions…"


def test_an_earlier_version_imported_later_leaves_the_current_one(make_window, shared_dir: Path,
                                                                 tmp_path: Path, qtbot) -> None:
    with Library.open(tmp_path / "library") as lib:
        new = lib.import_files([shared_dir / LAWS / NEW_FILE]).added[0].id
        window = make_window(lib)
        with qtbot.waitSignal(window.importFinished, timeout=60000) as done:
            window.import_files([str(shared_dir / LAWS / OLD_FILE)])
        assert not done.args[0].versions[0].current
        assert "（较早版本，现行版本不变）" in window.importer.report_box.detailedText()
        assert window.library_panel.visible_document_ids() == [new]
        copy = tmp_path / "公司法2018副本.md"  # the same text in another file
        copy.write_text((shared_dir / LAWS / OLD_FILE).read_text(encoding="utf-8") + "\n", encoding="utf-8")
        with qtbot.waitSignal(window.importFinished, timeout=60000):
            window.import_files([str(copy)])
        assert "文库中已有相同文本，未作更改" in window.importer.report_box.detailedText()
        window.runner.wait()


def test_the_reading_view_menu_offers_the_version_a_note_was_made_on(updated, qtbot) -> None:
    from PySide6.QtWidgets import QMenu

    from tests.ui.test_ui_annotations import point_of

    window, _lib, old, new, moved, _changed = updated
    window.open_document(new)
    window.annotator.refresh()
    window.view.scroll_to_annotation(moved)
    start, _end = window.view.layer.find(moved)
    menu = QMenu(window)
    window.annotator._context_menu(menu, start + 1, point_of(window, start + 1))
    action = next(a for a in menu.actions() if a.text() == "在原版本中查看")
    with qtbot.waitSignal(window.documentOpened):
        action.trigger()
    assert window.doc.id == old and window.versions.banner.is_old()
