"""Preparing imported documents' references in a worker process, while the import goes on.

Preparing (``refs_prepared.prepare``: detection, and resolution within the document) reads
nothing but the document, and is most of what references cost an import.  A large import
therefore tells a second process the id of each document once its file has committed; the
worker reads the document from the library's database (WAL: readers never hold up the
writer) and prepares it, and the import collects the answers when it flushes
(``reader.store.references``).  With a core to spare, reading the texts costs the import
little: only the ids go over, and the prepared references come back.

Small imports and single-core machines prepare in the library's own process (starting a
worker would cost more than it saves).  If the worker cannot start, dies, or fails on a
document, the documents it did not answer are reported back: they are still marked
(``refs_pending:``) and the library prepares them itself — nothing is lost (a document
detection really fails on is logged there, and keeps no references).
"""
from __future__ import annotations

import os
import pickle
import queue
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from reader.store.refs_prepared import Waiting, prepare
from reader.store.repository import load_document

#: Imports of fewer files prepare references in process (a worker takes a moment to start).
WORKER_MIN_FILES = 200
#: Ids are sent this many at a time (one write each; the worker is far ahead anyway).
SEND_EVERY = 16


def spare_cores() -> int:
    """Cores this process may use besides the one it runs on."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # (not on Linux)
        cores = os.cpu_count() or 1
    return cores - 1


class Preparer:
    """Documents handed over for preparing and what came back, in the order they were given;
    in process unless ``start`` got a worker going.

    The worker is ``python -m reader.store.refs_worker DATABASE`` with pickles on its standard
    input and output — not a multiprocessing child, which would first run the importing
    program's own script again.  Ids are a few bytes a file: they are written straight into
    the pipe; the worker sends its answers through a thread, so it never waits for the import
    to read them."""

    def __init__(self) -> None:
        self._ready: list[Waiting] = []
        self._sent: list[str] = []  # sent to the worker in this generation, not collected
        self._unsent: list[str] = []  # of those, still to be written
        self._outstanding = 0  # answers the worker still owes (of any generation)
        self._generation = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._broken = False  # the worker stopped taking ids: the rest are prepared here

    @property
    def remote(self) -> bool:
        """Whether documents go to the worker (``add`` takes their ids) or are prepared here
        (``add`` takes ``Waiting``s)."""
        return self._process is not None and not self._broken

    def start(self, files: int, db: Path) -> None:
        """Start a worker for an import of ``files`` files into the library database ``db``,
        when it is worth it and possible."""
        if self._process is not None or files < WORKER_MIN_FILES or spare_cores() < 1:
            return
        if getattr(sys, "frozen", False):  # a bundled app: sys.executable is the app itself
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))  # (as here)
        try:
            # -P: not the current folder first on the path (a stray "reader" there), as in the library
            self._process = subprocess.Popen([sys.executable, "-P", "-m", __name__, str(db)],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                                             creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError:  # no processes here (or no interpreter to run): prepare in process
            self._process = None

    def add(self, items: list[Waiting | str]) -> None:
        """Hand over prepared documents, or the ids of committed ones for the worker (those it
        can no longer take are reported by ``collect`` as not answered)."""
        ids = [item for item in items if isinstance(item, str)]
        self._ready += [item for item in items if not isinstance(item, str)]
        if not ids:
            return
        self._sent += ids
        if self.remote:
            self._unsent += ids
            if len(self._unsent) >= SEND_EVERY:
                self._send()

    def _send(self) -> None:
        if not self._unsent or self._process is None:
            return
        ids, self._unsent = self._unsent, []
        self._outstanding += len(ids)
        try:
            pipe = self._process.stdin
            assert pipe is not None
            pipe.write(pickle.dumps((self._generation, ids), pickle.HIGHEST_PROTOCOL))
            pipe.flush()
        except OSError:  # the worker is gone: collect reports these as not answered
            self._broken = True

    def __len__(self) -> int:
        return len(self._ready) + len(self._sent)

    def pending(self) -> set[str]:
        """Ids of the documents handed over and not collected yet."""
        return {w.id for w in self._ready} | set(self._sent)

    def collect(self) -> tuple[list[Waiting], list[str]]:
        """Everything prepared so far (waiting for the worker to catch up), and the ids of the
        documents it did not answer (it died, or failed on them)."""
        if self._process is not None:
            self._send()
            answers = self._process.stdout
            assert answers is not None
            while self._outstanding:
                try:
                    generation, prepared = pickle.load(answers)
                except (EOFError, OSError, pickle.UnpicklingError):  # the worker died
                    self.close()
                    break
                self._outstanding -= 1
                if generation == self._generation and prepared is not None:
                    self._ready.append(prepared)
        ready, self._ready = self._ready, []
        answered = {w.id for w in ready}
        lost = [doc_id for doc_id in self._sent if doc_id not in answered]
        self._sent, self._unsent = [], []
        return ready, lost

    def discard(self) -> None:
        """Forget everything handed over (the references are being redone from scratch)."""
        self._ready, self._sent, self._unsent = [], [], []
        self._generation += 1

    def close(self) -> None:
        """Stop the worker: it ends when its input does (after ``collect`` it has nothing left
        to do; otherwise it is killed)."""
        process, self._process = self._process, None
        self._unsent, self._broken = [], False
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass
        if self._outstanding:
            process.kill()
        self._outstanding = 0
        threading.Thread(target=process.wait, name="regreader-refs-exit", daemon=True).start()


def _write(jobs: queue.SimpleQueue[Any], pipe: IO[bytes]) -> None:
    """Send the worker's answers until None; then close the pipe."""
    try:
        while (item := jobs.get()) is not None:
            pipe.write(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
            if jobs.empty():
                pipe.flush()
    except OSError:  # the library is gone (it stopped reading): nothing left to do
        pass
    finally:
        try:
            pipe.close()
        except OSError:
            pass


def _serve(db: str, jobs: IO[bytes], answers: IO[bytes]) -> None:
    """The worker: prepare each document named until its input ends.  A document it cannot
    read (removed since) or fails on is answered with None: the library sees to it itself.
    Answers go out through a thread, so a library not reading yet never holds the work up."""
    out: queue.SimpleQueue[Any] = queue.SimpleQueue()
    writer = threading.Thread(target=_write, args=(out, answers))
    writer.start()
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    try:
        while True:
            try:
                generation, doc_ids = pickle.load(jobs)
            except EOFError:
                break
            for doc_id in doc_ids:
                try:
                    conn.execute("BEGIN")  # one snapshot: the row and its nodes of one commit
                    try:
                        doc = load_document(conn, doc_id)
                    finally:
                        conn.execute("COMMIT")
                    out.put((generation, prepare(doc) if doc is not None else None))
                except Exception:
                    out.put((generation, None))
    finally:
        conn.close()
        out.put(None)
        writer.join()


if __name__ == "__main__":
    _answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to standard error, not into the answers
    sys.stdout = sys.stderr
    _serve(sys.argv[1], sys.stdin.buffer, _answers)
