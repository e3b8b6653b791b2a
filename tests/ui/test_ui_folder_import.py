"""Importing folders in the window: 文件 → 导入文件夹…, a folder dropped on the window, the
report (in Chinese, and in English when the interface is), the file dialog's filter."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from reader.core import importers
from tests.test_folder_import import rule, write


def folder(root: Path) -> Path:
    """Nested folders, a file that is not a document, a bad file, clutter."""
    rule(root / "第1号.txt", "广州市文件夹导入测试办法")
    rule(root / "二级" / "三级" / "第2号.txt", "广州市深层文件夹测试办法")
    write(root / "二级" / "附件.json", "{}")
    write(root / "二级" / "坏文件.txt").write_bytes(b"\x00\x01binary")
    write(root / ".DS_Store", "junk")
    return root


def mime(paths: list[Path]) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def drop(window, paths: list[Path]) -> None:
    data = mime(paths)  # referenced until the event is handled: the event does not own it
    window.dropEvent(QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def test_drop_a_folder(make_window, seeded_library, tmp_path, qtbot) -> None:
    window = make_window(seeded_library)
    root = folder(tmp_path / "法规")
    data = mime([root])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    before = len(seeded_library.documents())
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        drop(window, [root])
        assert window.importer.progress.isVisible() and window.importer.cancel_button.isVisible()
    report = blocker.args[0]
    assert sorted(d.title for d in report.added) == ["广州市文件夹导入测试办法", "广州市深层文件夹测试办法"]
    assert [Path(s.file).name for s in report.skipped] == ["附件.json"]
    assert [Path(f.file).name for f in report.failures] == ["坏文件.txt"]
    assert len(seeded_library.documents()) == before + 2
    assert window.doc is not None and window.doc.id == report.added[0].id
    box = window.importer.report_box
    assert box.isVisible() and box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "导入完成：新增 2，更新 0，重复 0，跳过 1，失败 1"
    details = box.detailedText()
    assert "未能导入 1 个文件：\n二级/坏文件.txt：" in details  # where it is, below the folder
    assert "跳过 1 个文件：\n不支持的格式 .json（1 个）：\n  二级/附件.json" in details
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert informative.textFormat() == Qt.TextFormat.PlainText
    assert informative.text().startswith("未能导入 1 个文件：")  # no markup shown as text
    assert box.text() in window.statusBar().currentMessage()
    assert not window.importer.progress.isVisible()


def test_report_in_english(make_window, seeded_library, tmp_path, qtbot) -> None:
    window = make_window(seeded_library)
    window.set_language("en")
    root = folder(tmp_path / "regs")
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.import_files([str(root)])
    box = window.importer.report_box
    assert box.text() == "Import finished: 2 added, 0 updated, 0 duplicates, 1 skipped, 1 failed"
    assert "Not imported (1):\n二级/坏文件.txt: " in box.detailedText()
    assert "Skipped (1):\nunsupported format .json (1):\n  二级/附件.json" in box.detailedText()
    assert window.commands.import_folder.text() == "Import folder…"


def test_only_skipped_files_is_not_a_warning(make_window, seeded_library, tmp_path, qtbot) -> None:
    window = make_window(seeded_library)
    write(tmp_path / "docs" / "notes.json", "{}")
    write(tmp_path / "docs" / "README", "readme")
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_files([str(tmp_path / "docs")])
    assert not blocker.args[0].added and len(blocker.args[0].skipped) == 2
    box = window.importer.report_box
    assert box.icon() == QMessageBox.Icon.Information and "跳过 2" in box.text()
    assert "没有扩展名" in box.detailedText()


def test_import_folder_menu_item(make_window, seeded_library, tmp_path, qtbot, monkeypatch) -> None:
    window = make_window(seeded_library)
    actions = window.commands.menu_file.actions()
    assert actions.index(window.commands.import_folder) == actions.index(window.commands.import_) + 1
    assert window.commands.import_folder.text() == "导入文件夹…"
    root = folder(tmp_path / "选中的文件夹")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(root))
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.commands.import_folder.trigger()
    assert len(blocker.args[0].added) == 2


def test_file_dialog_lists_every_supported_format(make_window, seeded_library, monkeypatch) -> None:
    window = make_window(seeded_library)
    monkeypatch.setattr(importers, "SUPPORTED", (*importers.SUPPORTED, ".pdf", ".html"))
    seen = {}

    def dialog(_parent, _title, _dir, filters):  # noqa: ANN001, ANN202
        seen["filters"] = filters
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialog)
    window.import_dialog()
    first = seen["filters"].split(";;")[0]
    assert first.startswith("法规文件 (") and all(f"*{s}" in first for s in importers.SUPPORTED)
    assert "*.pdf" in first and "*.html" in first


def test_a_long_report_is_cut_at_a_line() -> None:
    from reader.ui.importer import excerpt

    short = "跳过 2 个文件：\n  a.json\n  b.json"
    assert excerpt(short) == short
    long = "\n".join(f"  附件{i}.json" for i in range(100))
    cut = excerpt(long)
    assert cut.endswith("\n…") and cut.count("\n") == 14 and "附件13.json" in cut
