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


def test_the_window_is_built_without_the_store(tmp_path) -> None:
    """The first paint needs no store, importers, python-docx, lxml or whoosh: importing the
    window must not load them (they are imported on a worker once it has painted)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    heavy = ("reader.store", "reader.core.importers", "reader.export", "index", "whoosh", "docx",
             "lxml", "rapidfuzz", "pypdfium2")
    code = ("import sys; import reader.ui.app, reader.ui.main_window; "
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r} "
            f"or m.startswith({heavy!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_window_paints_before_the_library_opens(qapp, tmp_path, monkeypatch) -> None:
    seen = {}
    real_init = main_window.MainWindow.__init__

    def init(self, library, *args, **kwargs):  # noqa: ANN001, ANN202
        seen["built_on"] = type(library).__name__
        seen["open_when_built"] = library._library is not None
        real_init(self, library, *args, **kwargs)

    def start(self, files=None, index=True):  # noqa: ANN001, ANN202
        seen["painted_before_start"] = self._first_paint.painted
        seen["titles"] = [s.title for s in self.library.documents()]
        self.close()
        loop.quit()

    loop = QEventLoop()
    monkeypatch.setattr(QApplication, "exec", lambda *_a: loop.exec())
    qapp.setQuitOnLastWindowClosed(False)
    monkeypatch.setattr(main_window.MainWindow, "__init__", init)
    monkeypatch.setattr(main_window.MainWindow, "start", start)
    with Library.open(tmp_path / "lib") as lib:
        lib.import_files(sorted(SAMPLES.glob("*.txt"))[:2])
    code = ui_app.run([], library=tmp_path / "lib")
    qapp.setQuitOnLastWindowClosed(True)
    assert code == 0
    assert seen["built_on"] == "LibraryOnDemand" and not seen["open_when_built"]
    assert seen["painted_before_start"] and len(seen["titles"]) == 2
