"""The 新旧对照 window on 公司法 2018 → 2023 (327 rows), beside one QTextBrowser holding the
same marked-up rows as an HTML table (the other way to build it).

    python tests/benchmarks/bench_compare_view.py     # offscreen unless $DISPLAY is set

Prints, each the median of 3 runs: for the window, show_compare() → rows shown (the
comparison runs on a worker thread) and the longest UI-thread stall meanwhile (a 5 ms
watchdog's largest gap), re-fitting the row heights (a column resize), and scrolling
through every page with a repaint; for the baseline, setHtml + layout and the same scroll.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="regreader-bench-compare-"))
os.environ["REGREADER_SETTINGS"] = str(TMP / "settings.ini")
LAWS = REPO.parent / "shared" / "corpus" / "laws" / "民法商法"

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QTextBrowser  # noqa: E402

from reader.store.library import Library  # noqa: E402
from reader.ui.app import create_application  # noqa: E402
from reader.ui.compare_model import LIGHT_MARKS, side_html  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402
from reader.ui.settings import Settings  # noqa: E402


def scroll_through(widget, bar) -> float:  # noqa: ANN001
    start = time.perf_counter()
    value = 0
    while True:
        bar.setValue(value)
        widget.repaint()
        if value >= bar.maximum():
            return time.perf_counter() - start
        value += max(1, bar.pageStep())


def main() -> int:
    app = create_application([sys.argv[0]])
    lib = Library.open(TMP / "library")
    files = [LAWS / "公司法(2018-10-26).md", LAWS / "公司法(2023-12-29).md"]
    ids = {Path(d.file).name: d.id for d in lib.import_files(files).added}
    old, new = ids[files[0].name], ids[files[1].name]
    window = MainWindow(lib, Settings())
    window.resize(1400, 900)
    window.show()
    window.start([], index=False)
    shown, stalls, refits, scrolls, base_layout, base_scroll = [], [], [], [], [], []
    for _ in range(3):
        gaps, clock = [0], QElapsedTimer()
        clock.start()
        watchdog = QTimer(interval=5)
        watchdog.timeout.connect(lambda: (gaps.append(clock.restart())))
        watchdog.start()
        start = time.perf_counter()
        cw = window.show_compare(old, new)
        while cw.task is not None or cw.model.rowCount() == 0:
            QCoreApplication.processEvents()
        shown.append(time.perf_counter() - start)
        watchdog.stop()
        stalls.append(max(gaps) / 1000)
        cw.resize(1400, 900)
        QCoreApplication.processEvents()
        start = time.perf_counter()
        cw.delegate.reset()
        cw._fit_rows()
        refits.append(time.perf_counter() - start)
        scrolls.append(scroll_through(cw.table.viewport(), cw.table.verticalScrollBar()))

        rows = "".join(f"<tr><td width='50%'>{side_html(p, 'old', LIGHT_MARKS)}</td>"
                       f"<td width='50%'>{side_html(p, 'new', LIGHT_MARKS)}</td></tr>"
                       for p in cw.model.comparison.pairs)
        browser = QTextBrowser()
        browser.resize(1400, 900)
        browser.show()
        start = time.perf_counter()
        browser.setHtml(f"<table border='1' cellpadding='6' width='100%'>{rows}</table>")
        browser.document().size()  # the layout
        QCoreApplication.processEvents()
        base_layout.append(time.perf_counter() - start)
        base_scroll.append(scroll_through(browser.viewport(), browser.verticalScrollBar()))
        browser.close()
    med = lambda xs: f"{statistics.median(xs) * 1000:7.0f} ms"  # noqa: E731
    print(f"rows: {cw.model.rowCount()}")
    print(f"compare window: show → rows shown {med(shown)}   longest UI stall {med(stalls)}")
    print(f"                re-fit row heights {med(refits)}   scroll all pages {med(scrolls)}")
    print(f"baseline QTextBrowser table: setHtml+layout {med(base_layout)}   scroll all pages {med(base_scroll)}")
    window.close()
    lib.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)
