"""Background tasks: results, progress and errors arrive on the UI thread; cancel works."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread

from reader.ui.workers import TaskRunner


def test_result_and_progress_on_the_ui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: list[tuple[int, int, str, bool]] = []
    ui_thread = QThread.currentThread()

    def work(task):  # noqa: ANN001, ANN202
        assert threading.current_thread() is not threading.main_thread()
        for i in range(3):
            task.progress(i + 1, 3, f"step {i}")
        return "done"

    task = runner.start(work, on_progress=lambda d, t, m: seen.append((d, t, m, QThread.currentThread() is ui_thread)))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == ["done"]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3, "step 0", True), (2, 3, "step 1", True), (3, 3, "step 2", True)]
    assert not runner.busy()


def test_cancel_and_error(qtbot) -> None:
    runner = TaskRunner()

    def slow(task):  # noqa: ANN001, ANN202
        for i in range(200):
            if task.cancelled():
                return f"stopped at {i}"
            time.sleep(0.005)
        return "finished"

    task = runner.start(slow, name="slow")
    assert runner.busy("slow")
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.cancel()
    assert blocker.args[0].startswith("stopped at")

    def broken(_task):  # noqa: ANN001, ANN202
        raise ValueError("bad input")

    failing = runner.start(broken)
    with qtbot.waitSignal(failing.failed, timeout=5000) as blocker:
        pass
    assert blocker.args[0].startswith("ValueError: bad input")
    assert runner.wait(1000)
