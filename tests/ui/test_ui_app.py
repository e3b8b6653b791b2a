"""The entry point ``reader.ui.app.run``: opens the window, imports the files given, exits 0."""
from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

import reader.ui.main_window as main_window
from reader.store.library import Library
from reader.ui import app as ui_app
from reader.ui.search_backend import search
from tests.conftest import SAMPLES


def test_run_opens_imports_and_exits(qapp, tmp_path, monkeypatch) -> None:
    law = tmp_path / "办法.txt"
    law.write_text("广州市启动测试办法\n\n第一条　为了测试启动，制定本办法。\n", encoding="utf-8")
    seen = {}
    real_start = main_window.MainWindow.start

    def start(self, files=None, index=True):  # noqa: ANN001, ANN202
        real_start(self, files, index=False)
        seen["window"] = self

        def check() -> None:
            if self.runner.busy():
                QTimer.singleShot(50, check)
                return
            seen["titles"] = [s.title for s in self.library.documents()]
            seen["shown"] = self.isVisible()
            self.close()
            loop.quit()

        QTimer.singleShot(50, check)

    # run() ends with app.exec(); a real quit would leave the test session's QApplication
    # quitting, so the event loop here is a local one
    loop = QEventLoop()
    monkeypatch.setattr(QApplication, "exec", lambda *_a: loop.exec())
    qapp.setQuitOnLastWindowClosed(False)
    monkeypatch.setattr(main_window.MainWindow, "start", start)
    monkeypatch.setattr("reader.store.library.SAMPLES_DIR", SAMPLES)
    code = ui_app.run([], files=[str(law)], library=tmp_path / "lib")
    qapp.setQuitOnLastWindowClosed(True)
    assert code == 0
    assert seen["shown"]
    assert "广州市启动测试办法" in seen["titles"]
    assert len(seen["titles"]) > 5  # the samples too: an empty library on first start


class ScanOnly:
    """A library without ``search``: the panel falls back to a substring scan."""

    def __init__(self, lib: Library) -> None:
        self.documents, self.document = lib.documents, lib.document


def test_fallback_scan_finds_every_unit(seeded_library) -> None:
    results = search(ScanOnly(seeded_library), "测绘成果")
    assert results.engine == "scan"
    units = [h for h in results.hits if h.node_id]
    assert units and all("测绘成果" in h.snippet[s:e] for h in units for s, e in h.spans)
    rule = units[0].doc_id
    doc = seeded_library.document(rule)
    expected = {n.id for n in doc.walk() if "测绘成果" in (n.full_text() if n.kind.value == "article"
                                                      else n.text if n.kind.value == "chapter" else "")}
    assert "ch_5" in expected  # 第五章 测绘成果管理和使用: a heading is a unit of its own
    assert {h.node_id for h in units} == expected
    titles = search(ScanOnly(seeded_library), "广州市", titles_only=True)
    assert titles.hits and all(h.node_id is None for h in titles.hits)
