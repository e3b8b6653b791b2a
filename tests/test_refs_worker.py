"""References prepared by a worker process during a large import: the same rows as in
process, and nothing lost when the worker cannot start, dies, or cannot read a document."""
from __future__ import annotations

import io
import pickle
import shutil
import sys
from pathlib import Path

import pytest

import reader.store.refs_worker as refs_worker
from reader.store.library import Library
from reader.store.refs_prepared import Waiting
from tests.test_refs_store import mixed_files, rows, stored  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory, mixed_files: list[Path]) -> tuple:  # noqa: F811
    """What an import stores with no worker (too few files for one)."""
    with Library.open(tmp_path_factory.mktemp("in_process") / "lib") as lib:
        assert len(mixed_files) < refs_worker.WORKER_MIN_FILES
        lib.import_files(mixed_files)
        return stored(lib)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every import starts a worker (even of a few files, on one core) and sends it each file's
    documents at once; the list records,
    for each collection of prepared references, whether a worker was answering it."""
    monkeypatch.setattr(refs_worker, "WORKER_MIN_FILES", 1)
    monkeypatch.setattr(refs_worker, "SEND_EVERY", 1)
    monkeypatch.setattr(refs_worker, "spare_cores", lambda: 1)
    seen: list[bool] = []
    real = refs_worker.Preparer.collect

    def collect(self: refs_worker.Preparer) -> tuple:
        seen.append(self._process is not None)
        return real(self)

    monkeypatch.setattr(refs_worker.Preparer, "collect", collect)
    return seen


def test_worker_stores_what_the_library_would(library: Library, mixed_files: list[Path],  # noqa: F811
                                              in_process: tuple, workers: list[bool]) -> None:
    library.import_files(mixed_files)
    assert workers == [True]
    assert stored(library) == in_process
    assert rows(library, "SELECT COUNT(*) FROM meta WHERE key LIKE 'refs_pending:%'") == [(0,)]
    assert library.refs._preparer()._process is None  # stopped with the import


def test_worker_that_dies_loses_nothing(library: Library, mixed_files: list[Path],  # noqa: F811
                                        in_process: tuple, workers: list[bool],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real = Library._import_one
    calls = []

    def import_one(self: Library, file: str, report: object, version_of: str | None = None) -> None:
        real(self, file, report, version_of)
        calls.append(file)
        if len(calls) == 2:  # some documents sent, some answered perhaps, the rest not yet
            self.refs._preparer()._process.kill()
            self.refs._preparer()._process.wait()

    monkeypatch.setattr(Library, "_import_one", import_one)
    report = library.import_files(mixed_files)
    assert report.ok and workers == [True]
    assert stored(library) == in_process
    assert rows(library, "SELECT COUNT(*) FROM meta WHERE key LIKE 'refs_pending:%'") == [(0,)]


@pytest.mark.parametrize("program", ["missing", "exits"])
def test_worker_that_cannot_start_or_run_loses_nothing(library: Library, mixed_files: list[Path],  # noqa: F811
                                                       in_process: tuple, workers: list[bool],
                                                       monkeypatch: pytest.MonkeyPatch, program: str) -> None:
    exits = shutil.which("false")
    if program == "exits" and exits is None:
        pytest.skip("no `false` program here")
    monkeypatch.setattr(sys, "executable", exits if program == "exits" else "/no/such/python")
    library.import_files(mixed_files)
    assert workers == [program == "exits"]  # a program that starts and ends at once, or none
    assert stored(library) == in_process


def test_small_imports_and_single_cores_prepare_in_process(library: Library, seed_files: list[Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    monkeypatch.setattr(refs_worker.subprocess, "Popen", lambda *a, **k: started.append(a))
    count = "SELECT COUNT(*) FROM refs"
    library.import_files(seed_files[3:4])  # fewer files than WORKER_MIN_FILES
    first = rows(library, count)[0][0]
    monkeypatch.setattr(refs_worker, "WORKER_MIN_FILES", 1)
    monkeypatch.setattr(refs_worker, "spare_cores", lambda: 0)
    library.import_files(seed_files[4:])
    assert started == []
    assert 0 < first < rows(library, count)[0][0]


def test_worker_answers_each_id_and_none_for_a_missing_document(library: Library,
                                                                seed_files: list[Path]) -> None:
    library.import_files(seed_files[:1])
    doc_id = library.documents()[0].id
    jobs = io.BytesIO(pickle.dumps((3, [doc_id, "no-such-document"])))
    answers = io.BytesIO()
    answers.close = lambda: None  # (read below, after the worker is done with it)
    refs_worker._serve(str(library.folder / "library.sqlite3"), jobs, answers)
    answers.seek(0)
    first, second = pickle.load(answers), pickle.load(answers)
    assert first[0] == 3 and isinstance(first[1], Waiting) and first[1].id == doc_id
    assert second == (3, None)
    assert first[1].own  # the references within the document, ready as rows


def test_a_document_detection_fails_on_is_logged_and_the_rest_stored(
        library: Library, seed_files: list[Path], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    import reader.store.references as references

    library.import_files(seed_files)
    before = rows(library, "SELECT COUNT(*) FROM refs")[0][0]
    real = references.prepare
    victim = library.documents()[0]

    def prepare(doc):  # noqa: ANN001, ANN202
        if doc.id == victim.id:
            raise ValueError("a detection bug")
        return real(doc)

    monkeypatch.setattr(references, "prepare", prepare)
    library.refs.rebuild()
    assert "its references could not be detected" in caplog.text and victim.title in caplog.text
    assert rows(library, "SELECT COUNT(*) FROM refs WHERE doc_id = ?", victim.id) == [(0,)]
    assert 0 < rows(library, "SELECT COUNT(*) FROM refs")[0][0] <= before
    assert not library.refs.outdated()  # not retried (and failing) on every use
