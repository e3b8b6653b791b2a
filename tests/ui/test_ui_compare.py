"""The 新旧对照 window on 公司法 2018 → 2023: moved articles side by side, 只看修改, the
status filter, next/previous change from the keyboard, a click opens the article, the picker
offers the other version first, English."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.compare_model import NEW_COL, OLD_COL, STATUS_COL, side_html, text_changed

OLD_FILE = Path("民法商法") / "公司法(2018-10-26).md"
NEW_FILE = Path("民法商法") / "公司法(2023-12-29).md"


@pytest.fixture(scope="module")
def company_library(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """A library holding both versions of 公司法 (one document, two versions), and their ids
    (old, new)."""
    from reader.store.library import Library

    lib = Library.open(tmp_path_factory.mktemp("compare") / "library")
    laws = shared_dir / "corpus" / "laws"
    report = lib.import_files([laws / OLD_FILE, laws / NEW_FILE])
    assert len(report.added) == 1 and len(report.versions) == 1, report
    versions = lib.versions.list(report.added[0].id)
    assert [Path(v.source.file).name for v in versions] == [OLD_FILE.name, NEW_FILE.name]
    yield lib, versions[0].id, versions[1].id
    lib.close()


@pytest.fixture
def compared(make_window, company_library, qtbot):
    """The main window with the new version open at 第五条, and the 对照 window shown."""
    lib, old, new = company_library
    window = make_window(lib)
    window.open_document(new)
    window.goto("第五条")
    assert window.commands.compare.isEnabled()
    cw = window.show_compare(old, new)
    qtbot.waitUntil(lambda: cw.task is None and cw.model.rowCount() > 0, timeout=30000)
    return window, cw, old, new


def row_texts(cw, row: int) -> tuple[str, str, str]:
    return tuple(cw.proxy.index(row, col).data() or "" for col in (STATUS_COL, OLD_COL, NEW_COL))


def find_row(cw, old_label: str, new_label: str) -> int:
    return next(r for r in range(cw.proxy.rowCount())
                if row_texts(cw, r)[1].startswith(old_label + "　") and row_texts(cw, r)[2].startswith(new_label + "　"))


def test_moved_article_sits_beside_its_old_text(compared) -> None:
    window, cw, _old, _new = compared
    row = find_row(cw, "第十一条", "第五条")  # 设立公司必须 → 应当依法制定公司章程, renumbered
    status, old_text, new_text = row_texts(cw, row)
    assert status == "移动\n原第十一条"
    assert "必须依法制定公司章程" in old_text and "应当依法制定公司章程" in new_text
    assert cw.current_pair() is cw.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)  # opened at 第五条
    assert "新增" in {row_texts(cw, r)[0] for r in range(cw.proxy.rowCount())}
    assert "删除" in {row_texts(cw, r)[0] for r in range(cw.proxy.rowCount())}
    assert cw.table.rowHeight(row) > cw.fontMetrics().height() * 2  # sized to its two lines of text
    assert "中华人民共和国公司法" in cw.sides.text() and "2023-12-29" in cw.sides.text()


def test_opens_at_the_article_being_read_on_its_own_side(compared, qtbot) -> None:
    _window, cw, old, new = compared
    cw.compare(old, new, (old, "art_10__para_1"))  # 第十条 of 2018 is 第八条 of 2023 …
    qtbot.waitUntil(lambda: cw.task is None and cw.model.rowCount() > 0, timeout=30000)
    assert (cw.current_pair().old.label, cw.current_pair().new.label) == ("第十条", "第八条")
    cw.compare(old, new, (new, "art_10"))  # … and 第十条 of 2023 was 第十三条
    qtbot.waitUntil(lambda: cw.task is None and cw.model.rowCount() > 0, timeout=30000)
    assert (cw.current_pair().old.label, cw.current_pair().new.label) == ("第十三条", "第十条")


def test_marks_strike_deletions_and_underline_insertions(compared) -> None:
    _window, cw, _old, _new = compared
    pair = cw.proxy.index(find_row(cw, "第十一条", "第五条"), 0).data(Qt.ItemDataRole.UserRole + 1)
    old_html, new_html = side_html(pair, "old", cw.model._marks), side_html(pair, "new", cw.model._marks)
    assert "line-through'>必须</span>" in old_html and "应当" not in old_html
    assert "underline'>应当</span>" in new_html and "必须" not in new_html


def test_changes_only_hides_unchanged_pairs(compared) -> None:
    _window, cw, _old, _new = compared
    total = cw.proxy.rowCount()
    find_row(cw, "第十条", "第八条")  # only renumbered: the same words
    cw.changes_only.setChecked(True)
    shown = cw.shown_pairs()
    assert 0 < len(shown) < total
    assert all(text_changed(p) for p in shown)
    with pytest.raises(StopIteration):
        find_row(cw, "第十条", "第八条")
    find_row(cw, "第十一条", "第五条")  # renumbered and reworded: still shown
    assert f"{len(shown)} / {total}" in cw.summary.text()
    cw.status.setCurrentIndex(cw.status.findData("added"))
    assert cw.shown_pairs() and {p.status for p in cw.shown_pairs()} == {"added"}
    cw.changes_only.setChecked(False)
    cw.status.setCurrentIndex(cw.status.findData("all"))
    assert cw.proxy.rowCount() == total


def test_keyboard_goes_to_the_next_and_previous_change(compared, qtbot) -> None:
    _window, cw, _old, _new = compared
    start = find_row(cw, "第九条", "第十二条") - 1  # 第十条 → 第八条 … 第九条 → 第十二条: unchanged words between
    cw.table.setCurrentIndex(cw.proxy.index(start, NEW_COL))
    cw.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is cw)
    cw.table.setFocus()
    here = cw.table.currentIndex().row()
    qtbot.keyClick(cw.table, Qt.Key.Key_F8)
    after = cw.table.currentIndex().row()
    assert after > here
    assert all(not text_changed(p) for p in cw.shown_pairs()[here + 1:after])
    assert text_changed(cw.current_pair())
    qtbot.keyClick(cw.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    back = cw.table.currentIndex().row()
    assert back < after and text_changed(cw.current_pair())
    cw.table.setCurrentIndex(cw.proxy.index(cw.proxy.rowCount() - 1, NEW_COL))
    assert not cw.next_change(1) and cw.message.text() == "没有更多修改"


def test_clicking_a_pair_opens_that_article(compared, qtbot) -> None:
    window, cw, old, new = compared
    row = find_row(cw, "第十二条", "第九条")
    cw.table.scrollTo(cw.proxy.index(row, OLD_COL))
    for col, doc, node in ((OLD_COL, old, "art_12"), (NEW_COL, new, "art_9")):
        rect = cw.table.visualRect(cw.proxy.index(row, col))
        with qtbot.waitSignal(window.documentOpened, timeout=5000):
            qtbot.mouseClick(cw.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.doc.id == doc
        assert window.view.current_node().split("__")[0] == node


def test_picker_offers_the_other_version_first(company_library, seeded_library, qtbot) -> None:
    from reader.ui.compare_dialog import ComparePicker

    lib, old, new = company_library
    summaries = seeded_library.documents() + lib.documents(all_versions=True)  # other titles after
    picker = ComparePicker(summaries, new, versions=lib.versions.list(new))
    qtbot.addWidget(picker)
    ids = [picker.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(picker.list.count())]
    assert ids[0] is None and ids[1] == old  # a header, then the 2018 text
    assert len([i for i in ids if i]) == len(summaries) - 1
    assert picker.pair() == (old, new)  # the open one is newer: it is 修改后
    picker = ComparePicker(summaries, old, versions=lib.versions.list(old))
    qtbot.addWidget(picker)
    assert picker.pair() == (old, new)
    picker.filter.setText("测绘")
    assert picker.pair() not in (None, (old, new))


def test_english_interface(compared) -> None:
    window, cw, _old, _new = compared
    window.set_language("en")
    header = [cw.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["Status", "Before", "After"]
    assert row_texts(cw, find_row(cw, "第十一条", "第五条"))[0] == "Moved\nwas 第十一条"
    assert cw.changes_only.text() == "Changes only"
    assert window.commands.compare.text() == "Compare Versions…"


def test_exports_the_word_table_in_the_background(compared, qtbot, tmp_path: Path) -> None:
    _window, cw, _old, _new = compared
    assert cw.export_button.isEnabled()
    with qtbot.waitSignal(cw.exported, timeout=60000) as every:
        cw.export_to(tmp_path / "all.docx")
    cw.changes_only.setChecked(True)
    with qtbot.waitSignal(cw.exported, timeout=60000) as changes:
        cw.export_to(tmp_path / "changes.docx")
    assert (tmp_path / "all.docx").stat().st_size > 0 and (tmp_path / "changes.docx").is_file()
    assert 0 < changes.args[0].rows < every.args[0].rows
    assert str(tmp_path / "changes.docx") in cw.message.text()
    with qtbot.waitSignal(cw.exportFailed, timeout=60000) as failed:
        cw.export_to(tmp_path / "missing" / "x.docx")
    assert "missing" in failed.args[0] and cw.export_button.isEnabled()
