"""Render the main states of the reading window to PNG files, to look at.

    xvfb-run -a python tests/screenshots.py [OUT_DIR]      # default /tmp/shots
    QT_QPA_PLATFORM=offscreen python tests/screenshots.py   # without an X server

States: library (first start), a regulation with the tree expanded, search results with a
hit opened, find in document, dark mode, English.  Uses a temporary library (the samples,
plus the largest law of ../shared/corpus when present) and temporary settings, so the
user's own are never touched.  Chinese glyphs need a CJK font (fonts-noto-cjk).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="regreader-shots-"))
os.environ["REGREADER_LIBRARY"] = str(TMP / "library")
os.environ["REGREADER_SETTINGS"] = str(TMP / "settings.ini")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.store.library import Library  # noqa: E402
from reader.ui.app import create_application  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402
from reader.ui.settings import Settings  # noqa: E402

LAW = REPO.parent / "shared" / "corpus" / "laws" / "民法典" / "合同编.md"


def wait(predicate=lambda: False, timeout: float = 10.0) -> None:
    """Run the event loop until ``predicate()`` or the timeout (a pause when it never holds)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if predicate():
            break
        time.sleep(0.01)
    for _ in range(5):
        QCoreApplication.processEvents()


def shoot(window: MainWindow, out: Path, name: str) -> Path:
    wait(timeout=0.3)
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)
    return path


def find_doc(window: MainWindow, words: str) -> str:
    return next(s.id for s in window.library.documents() if words in s.title)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([argv[0]])
    lib = Library.open()
    window = MainWindow(lib, Settings())
    window.resize(1440, 900)
    window.show()
    window.start([])
    wait(lambda: bool(lib.documents()) and not window.runner.busy(), 60)

    # 1. the library on first start: samples imported, the first document opened
    window.library_panel.select_document(window.doc.id if window.doc else "")
    shoot(window, out, "1-library")

    if LAW.is_file():  # a law from the corpus, for the English state
        window.import_files([str(LAW)])
        wait(lambda: window.importer.last_report is not None, 60)
        if window.importer.report_box is not None:
            window.importer.report_box.close()

    # 2. a regulation, the tree expanded, at 第十七条
    window.open_document(find_doc(window, "测绘地理信息管理办法"))
    window.tree_panel.expand_all()
    window.goto("第十七条")
    shoot(window, out, "2-regulation-tree")

    # 3. search results, a hit opened with every occurrence highlighted
    window.show_search()
    window.search_panel.query.setText("测绘成果")
    window.search_panel.run()
    wait(lambda: window.last_search is not None, 30)
    window.search_panel.activate_hit(1)
    shoot(window, out, "3-search")
    window.search_dock.hide()

    # 4. find in document
    window.open_document(find_doc(window, "社会医疗保险规定"))
    window.show_find()
    window.find_bar.edit.setText("医疗保险")
    wait(lambda: window.view.hits(), 3)
    window.next_occurrence()
    window.next_occurrence()
    shoot(window, out, "4-find")
    window.find_bar.close_bar()

    # 5. dark mode, a plan with outline numbering
    window.set_theme("dark")
    window.open_document(find_doc(window, "广清一体化"))
    window.tree_panel.expand_all()
    window.goto("第三章")
    shoot(window, out, "5-dark")

    # 6. English interface, a law from the corpus (when present)
    window.set_theme("light")
    window.set_language("en")
    wait(timeout=0.3)
    if LAW.is_file():
        window.open_document(find_doc(window, "合同编"))
        window.goto("第五百零九条")
    window.show_search()
    shoot(window, out, "6-english")
    window.set_language("zh")

    window.close()
    lib.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    QApplication.instance() and QApplication.instance().quit()
    os._exit(code)  # skip interpreter teardown of Qt objects (no user data is at stake)
