"""Background work off the UI thread: QThreadPool + QRunnable, with progress and cancel.

``Task(fn)`` runs ``fn(task)`` on the global thread pool.  The function may call
``task.progress(done, total, text)`` and poll ``task.cancelled()``; its return value arrives
as ``finished(result)`` and an exception as ``failed(message)`` — always on the UI thread,
because the signals are relayed through a QObject that lives there.
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot


class _Relay(QObject):
    """Emitted from the worker thread; lives on the UI thread (queued delivery)."""

    progress = Signal(int, int, str)
    done = Signal(object)
    error = Signal(str)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self._task
        try:
            result = task._fn(task)
        except Exception as exc:  # reported to the UI, never lost in a thread
            task._relay.error.emit(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        else:
            task._relay.done.emit(result)


class Task(QObject):
    """One unit of background work.  Keep it referenced (TaskRunner does) until it ends."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[Task], Any], name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.name = name
        self._cancel = threading.Event()
        self._done = threading.Event()
        self.running = False
        self._relay = _Relay()
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_progress, queued)
        self._relay.done.connect(self._on_done, queued)
        self._relay.error.connect(self._on_error, queued)

    # -- called from the worker thread -------------------------------------------------------

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._relay.progress.emit(done, total, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # -- UI thread ---------------------------------------------------------------------------

    def start(self, pool: QThreadPool | None = None) -> Task:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.running:
            self.progressed.emit(done, total, text)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.running = False
        self._done.set()
        self.finished.emit(result)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.running = False
        self._done.set()
        self.failed.emit(message)


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until they report; ``wait()`` for tests/shutdown.

    Tasks are plain Python-owned QObjects (no parent, never deleteLater'd): finished ones
    are dropped when the next task starts, outside of any signal emission.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[Task] = []
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))

    def start(
        self,
        fn: Callable[[Task], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        name: str = "",
    ) -> Task:
        self._tasks = [t for t in self._tasks if t.running]
        task = Task(fn, name)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        if on_done is not None:
            task.finished.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        self._tasks.append(task)
        return task.start(self.pool)

    def busy(self, name: str | None = None) -> bool:
        return any(t.running and (name is None or t.name == name) for t in self._tasks)

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (the results still arrive via the event loop)."""
        return self.pool.waitForDone(msecs)
