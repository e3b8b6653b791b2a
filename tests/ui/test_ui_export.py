"""The Word export dialog: File → 导出 Word 简报… (Ctrl+E) opens it with the annotated
documents ticked; choosing options and exporting writes the file in the background, then
offers to open it; cancel writes nothing; an error names the file; choices are remembered."""
from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence

from reader.store.library import Span
from reader.ui import export_dialog as ed
from reader.ui.export_dialog import ExportDialog
from reader.ui.settings import Settings
from tests.ui.conftest import doc_id

RULE = "测绘地理信息管理办法"


def annotate(library) -> str:
    doc = doc_id(library, RULE)
    library.annotations.add(doc, "art_17__para_2", Span(quote="不得让测绘单位低于测绘成本中标"), category="罚则",
                            note="低价中标：招标单位的责任。", author="王律师")
    library.annotations.add(doc, "art_18", note="现场作业条款。", author="王律师")
    library.annotations.link(doc, "art_17__para_2", doc, "art_42", relation="依据", note="罚则")
    return doc


def dialog(window, qtbot) -> ExportDialog:
    dlg = ExportDialog(window.library, window.settings, window.runner, window,
                       current_doc=window.doc.id if window.doc else None)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_menu_entry_and_shortcut(make_window, seeded_library, monkeypatch) -> None:
    window = make_window(seeded_library)
    act = window.commands.export_word
    assert act.shortcut() == QKeySequence("Ctrl+E")
    assert act in window.commands.menu_file.actions()
    shown = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: shown.append(self) or 0)
    act.trigger()
    assert shown and isinstance(window.export_dialog, ExportDialog)


def test_export_brief_from_the_dialog(make_window, seeded_library, qtbot, tmp_path: Path, monkeypatch) -> None:
    doc = annotate(seeded_library)
    window = make_window(seeded_library)
    dlg = dialog(window, qtbot)
    assert dlg.chosen() == [doc]  # the annotated document is ticked
    dlg.scope_annotated.setChecked(True)
    dlg.review.setChecked(True)
    dlg.title_edit.setText("测绘审阅")
    dlg.author_edit.setText("李审阅")
    out = tmp_path / "dlg.docx"
    dlg.path_edit.setText(str(out))
    assert dlg.export_button.isEnabled()
    with qtbot.waitSignal(dlg.exported, timeout=30000) as blocker:
        dlg.export_button.click()
    result = blocker.args[0]
    assert out.is_file() and result.path == out and result.comments == 2
    d = docx.Document(str(out))
    assert len(list(d.comments)) == 2
    assert d.core_properties.title == "测绘审阅" and d.core_properties.author == "李审阅"
    assert dlg.open_file.isVisible() and dlg.open_folder.isVisible()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dlg.open_file.click()
    dlg.open_folder.click()
    assert [u.toLocalFile() for u in opened] == [str(out), str(out.parent.resolve())]
    # remembered: scope, options, title, folder, and the author shared with annotations
    settings = Settings(window.settings.q.fileName())
    assert settings.author == "李审阅"
    again = dialog(window, qtbot)
    assert again.scope_annotated.isChecked() and again.review.isChecked()
    assert again.title_edit.text() == "测绘审阅" and Path(again.path_edit.text()).parent == tmp_path


def test_table_and_clean_kinds(make_window, seeded_library, qtbot, tmp_path: Path) -> None:
    doc = annotate(seeded_library)
    window = make_window(seeded_library)
    dlg = dialog(window, qtbot)
    dlg.kind.setCurrentIndex(dlg.kind.findData(ed.TABLE))
    dlg.path_edit.setText(str(tmp_path / "t.docx"))
    with qtbot.waitSignal(dlg.exported, timeout=30000):
        dlg.start_export()
    dlg.kind.setCurrentIndex(dlg.kind.findData(ed.CLEAN))
    dlg.pick_all.click()
    assert not dlg.export_button.isEnabled()  # a clean export is of one document
    dlg.set_chosen([doc])
    assert dlg.export_button.isEnabled()
    dlg.path_edit.setText(str(tmp_path / "c.docx"))
    with qtbot.waitSignal(dlg.exported, timeout=30000):
        dlg.start_export()
    assert (tmp_path / "t.docx").is_file() and (tmp_path / "c.docx").is_file()


def test_cancel_writes_nothing(make_window, seeded_library, qtbot, tmp_path: Path) -> None:
    window = make_window(seeded_library)
    dlg = dialog(window, qtbot)
    dlg.pick_all.click()  # the whole library, full text
    out = tmp_path / "cancelled.docx"
    dlg.path_edit.setText(str(out))
    with qtbot.waitSignal(dlg.failed, timeout=30000) as blocker:
        task = dlg.start_export()
        assert task is not None and dlg.close_button.text() in ("取消", "Cancel")
        dlg.close_button.click()  # cancels, does not close
    assert "取消" in blocker.args[0] or "cancel" in blocker.args[0].lower()
    assert not out.exists() and not list(tmp_path.glob(".cancelled*"))
    assert dlg.isVisible() and dlg.export_button.isEnabled()


def test_nothing_to_export_is_explained(make_window, seeded_library, qtbot, tmp_path: Path) -> None:
    window = make_window(seeded_library)
    dlg = dialog(window, qtbot)
    dlg.set_chosen([doc_id(seeded_library, RULE)])
    dlg.scope_annotated.setChecked(True)
    out = tmp_path / "empty.docx"
    dlg.path_edit.setText(str(out))
    with qtbot.waitSignal(dlg.failed, timeout=30000) as blocker:
        dlg.start_export()
    assert str(out) in blocker.args[0] and not out.exists()
    assert str(out) in dlg.message.text()
