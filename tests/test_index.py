"""The search index's life cycle (incremental updates, crash repair, rebuilds of a missing,
corrupted, outdated or locked index, the refresh() regression) and the recall property."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import indexer, manager
from index.analysis import fold
from index.query import literal
from index.searcher import IndexSearcher
from reader.store.library import INDEX_DIR, Library
from tests.conftest import make_document
from tests.seeds import CORPUS
from tests.test_search import all_units, found, scan

ALL = 100_000


def keys_of(lib: Library, query: str) -> set[tuple]:
    return found(lib.search(query, limit=ALL, literal=True))


@pytest.fixture
def two_docs(library: Library, fake_parser, tmp_path: Path):
    a = make_document(title="甲管理办法", doc_number="甲〔2024〕1号", body="甲文独有的措辞。")
    b = make_document(title="乙管理办法", doc_number="乙〔2024〕1号", body="乙文独有的措辞。")
    files = [fake_parser.add(tmp_path / "a.txt", a), fake_parser.add(tmp_path / "b.txt", b)]
    library.import_files(files)
    assert library.ensure_index().startswith("rebuilt: missing")
    return library, a, b, files


# -- incremental updates ----------------------------------------------------------------------


def test_import_and_remove_update_the_index_in_the_same_operation(two_docs, fake_parser, tmp_path) -> None:
    lib, a, b, _ = two_docs
    assert lib.search("甲文独有").total == 2  # two articles
    c = make_document(title="丙管理办法", doc_number="丙〔2024〕1号", body="丙文独有的措辞。")
    lib.import_files([fake_parser.add(tmp_path / "c.txt", c)])
    index = lib._index()
    assert not index.catalog.pending()  # applied and cleared by the import itself
    assert lib.search("丙文独有").total == 2
    lib.remove(a.id)
    assert lib.search("甲文独有").total == 0
    assert lib.search("管理办法", titles_only=True).by_document.keys() == {b.id, c.id}
    assert index.last_rebuild_reason == "missing"  # no rebuild since the first build


def test_reimport_replaces_the_old_text(two_docs, fake_parser) -> None:
    lib, a, _, files = two_docs
    changed = make_document(title="甲管理办法", doc_number="甲〔2024〕1号", body="改写后的新措辞。")
    fake_parser.add(files[0], changed)
    report = lib.import_files([files[0]])  # a new version: the current text is searched
    (version,) = report.versions
    assert lib.search("甲文独有").total == 0
    assert lib.search("改写后的新措辞").by_document == {version.id: 2}
    assert lib.search("甲文独有", all_versions=True).by_document == {a.id: 2}  # the old one, on request


def test_refresh_regression_new_searcher_after_each_commit(two_docs) -> None:
    """whoosh-reloaded 2.7.5: Searcher.refresh() after a commit can still show deleted
    documents; the index opens a new searcher instead."""
    lib, a, _, _ = two_docs
    ix = indexer.check(lib.folder / INDEX_DIR)
    before = IndexSearcher(ix)
    assert before.search(literal("甲文独有")).total == 2
    indexer.update(ix, [a.id], [])
    after = before.reopen()
    assert after.search(literal("甲文独有")).total == 0
    assert after.search(literal("乙文独有")).total == 2
    after.close()
    # the library puts back what it still holds (the index follows the database) …
    assert lib.search("甲文独有").total == 2
    # … and a removed document is gone from the very next search
    for doc in lib.documents():
        lib.remove(doc.id)
        assert doc.id not in lib.search("管理办法", titles_only=True).by_document
    assert lib.search("措辞").total == 0


# -- repairs and rebuilds -----------------------------------------------------------------------


def test_crash_between_library_and_index_commit_is_repaired_at_next_open(
    two_docs, fake_parser, tmp_path, monkeypatch
) -> None:
    lib, _, _, _ = two_docs
    folder = lib.folder

    def crash(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("power cut")

    monkeypatch.setattr(indexer, "update", crash)
    monkeypatch.setattr(manager.SearchIndex, "_rebuild", crash)
    c = make_document(title="丙管理办法", doc_number="丙〔2024〕1号", body="丙文独有的措辞。")
    lib.import_files([fake_parser.add(tmp_path / "c.txt", c)])  # the index update fails
    assert lib._index().catalog.pending() == {c.id}
    lib.close()
    monkeypatch.undo()
    with Library.open(folder) as again:  # repaired on open
        assert not again._index().catalog.pending()
        assert again.search("丙文独有").by_document == {c.id: 2}
        assert again._index().last_rebuild_reason is None  # incremental, not a rebuild


def test_missing_index_folder_is_rebuilt(two_docs) -> None:
    lib, a, _, _ = two_docs
    lib._index().close()
    shutil.rmtree(lib.folder / INDEX_DIR)
    progress = []
    results = lib.search("甲文独有", progress=lambda done, total: progress.append((done, total)))
    assert results.by_document == {a.id: 2}
    assert progress[-1] == (2, 2)
    assert lib._index().last_rebuild_reason == "missing"


def test_corrupted_segment_is_rebuilt(two_docs) -> None:
    lib, a, _, _ = two_docs
    lib._index().close()
    segment_files = [f for f in (lib.folder / INDEX_DIR).iterdir()
                     if f.suffix in (".seg", ".trm", ".pst", ".col")]
    assert segment_files
    for seg in segment_files:
        data = bytearray(seg.read_bytes())
        data[len(data) // 3: len(data) // 3 + 4096] = b"\x00garbage" * 512
        seg.write_bytes(bytes(data))
    assert lib.search("甲文独有").by_document == {a.id: 2}
    assert lib._index().last_rebuild_reason.startswith("broken")


@pytest.mark.parametrize("key, value", [("schema_version", 0), ("fingerprint", "0/older-analyzer")])
def test_outdated_index_is_rebuilt(two_docs, key, value) -> None:
    lib, a, _, _ = two_docs
    lib._index().close()
    meta = lib.folder / INDEX_DIR / indexer.META_FILE
    data = json.loads(meta.read_text())
    data[key] = value
    meta.write_text(json.dumps(data))
    assert lib.ensure_index().startswith("rebuilt")
    assert lib.search("甲文独有").by_document == {a.id: 2}


def test_locked_index_is_rebuilt(two_docs, fake_parser, tmp_path, monkeypatch) -> None:
    lib, _, _, _ = two_docs
    monkeypatch.setattr(manager, "LOCK_TIMEOUT", 0.2)
    lock = indexer.check(lib.folder / INDEX_DIR).lock("WRITELOCK")
    assert lock.acquire()
    try:
        c = make_document(title="丙管理办法", doc_number="丙〔2024〕1号", body="丙文独有的措辞。")
        lib.import_files([fake_parser.add(tmp_path / "c.txt", c)])
        assert lib.search("丙文独有").by_document == {c.id: 2}
        assert lib._index().last_rebuild_reason == "locked by another writer"
    finally:
        lock.release()


def test_database_restored_from_backup_is_synced(two_docs, fake_parser, tmp_path) -> None:
    lib, _, _, _ = two_docs
    backup = lib.backup("test")
    c = make_document(title="丙管理办法", doc_number="丙〔2024〕1号", body="丙文独有的措辞。")
    lib.import_files([fake_parser.add(tmp_path / "c.txt", c)])
    assert lib.search("丙文独有").total == 2
    folder = lib.folder
    lib.close()
    shutil.copy(backup, folder / "library.sqlite3")
    for extra in folder.glob("library.sqlite3-*"):
        extra.unlink()
    with Library.open(folder) as restored:
        assert restored.search("丙文独有").total == 0  # the index follows the database


def test_cancelled_rebuild_keeps_the_old_index(two_docs) -> None:
    lib, a, _, _ = two_docs
    with pytest.raises(indexer.BuildCancelled):
        lib.rebuild_index(cancel=lambda: True)
    assert lib.search("甲文独有").by_document == {a.id: 2}
    assert not list(lib.folder.glob(f"{INDEX_DIR}.building-*"))


def test_parallel_build_gives_the_same_index(two_docs, fake_parser, tmp_path) -> None:
    lib, _, _, _ = two_docs
    before = keys_of(lib, "措辞")
    lib._index().procs = 2
    lib.rebuild_index()
    ix = indexer.check(lib.folder / INDEX_DIR)
    assert len(ix.reader().leaf_readers()) == 2
    assert keys_of(lib, "措辞") == before


# -- recall property ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_library(tmp_path_factory: pytest.TempPathFactory):
    """The seeds plus a slice of the corpus (40 laws) in one indexed library."""
    from tests.conftest import SAMPLES

    files = sorted(SAMPLES.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.rglob("*.md"))[::38][:40]
    lib = Library.open(tmp_path_factory.mktemp("corpus-library"))
    lib.import_files(files)
    lib.ensure_index()
    yield lib, all_units(lib)
    lib.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_substrings_are_always_found(corpus_library, data) -> None:
    lib, units = corpus_library
    unit = data.draw(st.sampled_from(units))
    text = unit.text
    start = data.draw(st.integers(0, max(len(text) - 1, 0)))
    length = data.draw(st.integers(1, 12))
    query = text[start:start + length]
    if not fold(query):
        return  # only whitespace: nothing to look for
    results = lib.search(query, limit=ALL, literal=True)
    hits = found(results)
    assert (unit.doc_id, unit.node_id, unit.kind) in hits
    assert hits == scan(units, query)
    assert results.total == len(hits)
