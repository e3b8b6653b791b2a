"""Library: schema and migrations, import/list/show/remove, re-import, duplicates,
transactional imports and the sample library."""
from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

import reader.store.library as library_module
import reader.store.schema as schema
from reader.core.errors import ImportFailure, UserError
from reader.store.library import Library, UnknownDocument
from tests.conftest import make_document


def dump(folder: Path) -> list[str]:
    """The whole database content as SQL, read through a separate connection."""
    with sqlite3.connect(folder / "library.sqlite3") as conn:
        return list(conn.iterdump())


def count(lib: Library, table: str) -> int:
    with sqlite3.connect(lib.folder / "library.sqlite3") as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# -- schema ------------------------------------------------------------------------------


def test_open_creates_folder_database_and_backups(library_dir: Path) -> None:
    with Library.open(library_dir) as lib:
        assert (library_dir / "library.sqlite3").is_file()
        assert (library_dir / "backups").is_dir()
        assert lib.schema_version == schema.SCHEMA_VERSION == len(schema.MIGRATIONS)
        conn = lib.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        columns = {r[1] for r in conn.execute("PRAGMA table_info(nodes)")}
        assert {"doc_id", "node_id", "parent_id", "ord", "kind", "label", "number",
                "heading", "text"} <= columns
        columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
        assert {"id", "title", "kind", "doc_number", "issuer", "issued", "effective", "expires",
                "status", "source_file", "source_sha256", "source_format", "front_matter",
                "warnings", "imported", "updated"} <= columns


def test_reopening_applies_no_migration_twice(library_dir: Path) -> None:
    Library.open(library_dir).close()
    with Library.open(library_dir) as lib:
        versions = [r[0] for r in lib.db.conn.execute("SELECT version FROM schema_version")]
    assert versions == list(range(1, schema.SCHEMA_VERSION + 1))


def test_library_from_newer_version_is_refused(library_dir: Path) -> None:
    Library.open(library_dir).close()
    with sqlite3.connect(library_dir / "library.sqlite3") as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, 'future')")
    with pytest.raises(UserError, match="newer"):
        Library.open(library_dir)


def test_not_a_database_is_a_user_error(library_dir: Path) -> None:
    library_dir.mkdir()
    (library_dir / "library.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UserError, match="library.sqlite3"):
        Library.open(library_dir)


def _add_migration(monkeypatch: pytest.MonkeyPatch, sql: str) -> None:
    migrations = [*schema.MIGRATIONS, sql]
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(migrations))
    monkeypatch.setattr(library_module, "SCHEMA_VERSION", len(migrations))


def test_new_migration_upgrades_existing_library_after_backup(
    library_dir: Path, fake_parser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(library_dir) as lib:
        lib.import_files([fake_parser.add(tmp_path / "a.txt", make_document())])
    old = len(schema.MIGRATIONS)
    _add_migration(monkeypatch, "ALTER TABLE documents ADD COLUMN note TEXT;")
    with Library.open(library_dir) as lib:
        assert lib.schema_version == old + 1
        assert len(lib.documents()) == 1
    backups = list((library_dir / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:  # the backup is the library before migrating
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == old
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


def test_failing_migration_leaves_previous_version(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library.open(library_dir).close()
    before = dump(library_dir)
    _add_migration(monkeypatch, "CREATE TABLE extra (x INTEGER); INSERT INTO nowhere VALUES (1);")
    with pytest.raises(sqlite3.OperationalError):
        Library.open(library_dir)
    assert dump(library_dir) == before


def test_default_folder_comes_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGREADER_LIBRARY", str(tmp_path / "env-lib"))
    with Library.open() as lib:
        assert lib.folder == tmp_path / "env-lib"
    assert (tmp_path / "env-lib" / "library.sqlite3").is_file()


def test_default_folder_without_environment_is_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGREADER_LIBRARY")
    assert library_module.default_folder().name == "RegReader"


# -- import, list, show, remove ------------------------------------------------------------


def test_stored_document_reads_back_identical(library: Library, fake_parser, tmp_path: Path) -> None:
    doc = make_document()
    path = fake_parser.add(tmp_path / "a.txt", doc)
    report = library.import_files([path])
    assert [d.id for d in report.added] == [doc.id] and report.ok
    expected = doc.to_json()
    expected["source"]["file"] = str(path.resolve())
    assert library.document(doc.id).to_json() == expected


def test_seed_files_import_list_show_remove(library: Library, seed_files: list[Path]) -> None:
    report = library.import_files(seed_files)
    assert report.ok, report.failures
    assert report.files_done == 5
    listed = {s.id: s for s in library.documents()}
    every = {s.id: s for s in library.documents(all_versions=True)}
    # every seed gives at least one document (stored, or recognised as one already stored)
    touched = {d.file for d in report.added + report.versions}
    assert touched == {str(p.resolve()) for p in seed_files}
    assert {d.id for d in report.added + report.versions if d.id not in
            {v.previous for v in report.versions}} == set(listed)
    assert not report.updated
    for added in report.added:
        doc = library.document(added.id)
        assert doc.title == every[added.id].title == added.title
        assert doc.nodes, f"{doc.id} has no nodes"
        assert Path(doc.source.file).is_absolute()
        # the stored tree is the parsed tree
        parsed = {d.id: d for d in library.parse(added.file)}[added.id]
        parsed.source.file = doc.source.file
        assert doc.to_json() == parsed.to_json()
    gone = library.remove(report.added[0].id)
    assert gone.id == report.added[0].id
    assert gone.id not in {s.id for s in library.documents()}
    with pytest.raises(UnknownDocument):
        library.document(gone.id)
    assert library.db.conn.execute("SELECT COUNT(*) FROM nodes WHERE doc_id = ?", (gone.id,)).fetchone()[0] == 0


def test_reimport_same_file_updates_in_place(library: Library, seed_files: list[Path]) -> None:
    first = library.import_files(seed_files[:2])
    before = {s.id for s in library.documents()}
    nodes_before = count(library, "nodes")
    imported = dict(library.db.conn.execute("SELECT id, imported FROM documents"))
    second = library.import_files(seed_files[:2])
    assert not second.added and not second.duplicates and second.ok
    assert {d.id for d in second.updated} == {d.id for d in first.added}
    assert {s.id for s in library.documents()} == before
    assert count(library, "nodes") == nodes_before
    assert dict(library.db.conn.execute("SELECT id, imported FROM documents")) == imported


def test_reimport_of_edited_file_adds_a_version(library: Library, fake_parser, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    doc = make_document(body="旧的文字。", articles=3)
    library.import_files([fake_parser.add(path, doc)])
    edited = make_document(body="新的文字。", articles=2)
    report = library.import_files([fake_parser.add(path, edited)])
    assert not report.updated and not report.added
    (version,) = report.versions
    assert version.current and version.previous == doc.id and version.id != doc.id
    stored = library.document(version.id)
    assert "新的文字" in stored.full_text() and stored.find("art_3") is None
    assert "旧的文字" in library.document(doc.id).full_text()  # the old version stays readable
    assert [d.id for d in library.documents()] == [version.id]


def test_moved_file_with_same_content_is_a_reimport(library: Library, seed_files: list[Path], tmp_path: Path) -> None:
    first = library.import_files([seed_files[1]])
    moved = tmp_path / "moved.txt"
    shutil.copy(seed_files[1], moved)
    report = library.import_files([moved])
    assert {d.id for d in report.updated} == {d.id for d in first.added}
    assert not report.duplicates
    assert library.document(first.added[0].id).source.file == str(moved.resolve())


def test_same_document_with_other_text_from_another_file_is_a_version(
    library: Library, fake_parser, tmp_path: Path
) -> None:
    plan = make_document(title="广清一体化发展规划", doc_number="穗府办〔2022〕26号", body="甲。")
    copy = make_document(title="广清一体化发展规划", doc_number="穗府办〔2022〕26号", body="乙。")
    other = make_document(title="另一个通知", doc_number="穗府〔2022〕1号")
    a = fake_parser.add(tmp_path / "002.txt", plan)
    b = fake_parser.add(tmp_path / "004.txt", other, copy)
    library.import_files([a])
    report = library.import_files([b])
    assert [d.id for d in report.added] == [other.id] and not report.duplicates
    (version,) = report.versions
    assert version.file == str(b.resolve()) and version.previous == plan.id
    assert len(library.documents()) == 2 and len(library.documents(all_versions=True)) == 3
    assert "甲" in library.document(plan.id).full_text()
    assert "乙" in library.document(version.id).full_text()


def test_same_text_from_another_file_changes_nothing(library: Library, fake_parser, tmp_path: Path) -> None:
    plan = make_document(title="广清一体化发展规划", doc_number="穗府办〔2022〕26号", body="甲。")
    a = fake_parser.add(tmp_path / "002.txt", plan)
    b = fake_parser.add(tmp_path / "004.txt", make_document(title="广清一体化发展规划",
                                                             doc_number="穗府办〔2022〕26号", body="甲。"),
                        make_document(title="另一个通知", doc_number="穗府〔2022〕1号"))
    library.import_files([a])
    report = library.import_files([b])
    assert [(u.id, u.existing) for u in report.unchanged] == [(plan.id, plan.id)]
    assert "nothing changed" in report.unchanged[0].reason
    assert library.document(plan.id).source.file == str(a.resolve())


def test_same_document_twice_in_one_file_is_stored_once(library: Library, fake_parser, tmp_path: Path) -> None:
    doc = make_document(body="第一份。")
    path = fake_parser.add(tmp_path / "a.txt", doc, make_document(body="第二份。"))
    report = library.import_files([path])
    assert [d.id for d in report.added] == [doc.id]
    assert [d.id for d in report.duplicates] == [doc.id]
    assert "第一份" in library.document(doc.id).full_text()


def test_seed_002_plan_is_recognised_in_seed_004(library: Library, seed_files: list[Path]) -> None:
    """The plan of seed 002 is reprinted in the gazette of seed 004 (with a sentence more):
    the reprint is a version of the plan, not a second document."""
    s002, s004 = seed_files[2], seed_files[4]
    library.import_files([s002])
    report = library.import_files([s004])
    ids_002 = {d.id for d in library.parse(s002)}
    assert {v.previous for v in report.versions} & ids_002
    assert not report.duplicates
    titles = [d.title for d in library.documents()]
    assert len(titles) == len(set(titles))


# -- transactions and failures -------------------------------------------------------------


def test_missing_file_fails_alone_and_names_the_file(library: Library, seed_files: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "没有这个文件.txt"
    report = library.import_files([seed_files[0], missing, seed_files[1]])
    assert report.files_done == 3
    assert [(f.file, f.internal) for f in report.failures] == [(str(missing), False)]
    assert {d.file for d in report.added} == {str(seed_files[0].resolve()), str(seed_files[1].resolve())}


def test_storage_failure_midway_leaves_library_unchanged(
    library: Library, fake_parser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store import repository

    keep = make_document(title="已有文件", doc_number="甲〔2020〕1号", body="原文。")
    a = fake_parser.add(tmp_path / "a.txt", keep)
    library.import_files([a])
    before = dump(library.folder)
    # a.txt again (would update `keep`) with two new documents; storing the third fails
    fake_parser.add(a, make_document(title="已有文件", doc_number="甲〔2020〕1号", body="改了。"),
                    make_document(title="新一", doc_number="乙〔2020〕1号"),
                    make_document(title="新二", doc_number="丙〔2020〕1号"))
    real_save = repository.save_document
    calls = []

    def failing_save(conn, doc, now):
        calls.append(doc.id)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real_save(conn, doc, now)

    monkeypatch.setattr(repository, "save_document", failing_save)
    b = fake_parser.add(tmp_path / "b.txt", make_document(title="别的", doc_number="丁〔2020〕1号"))
    report = library.import_files([a, b])
    assert len(calls) == 4  # a.txt stopped at its third document; b.txt still imported
    assert [(f.file, f.internal) for f in report.failures] == [(str(a), True)]
    assert "disk on fire" in report.failures[0].reason
    assert not report.updated  # nothing from the rolled-back file is reported as done
    assert [d.title for d in report.added] == ["别的"]
    library.remove(report.added[0].id)
    assert dump(library.folder) == before


def test_parse_failure_leaves_library_unchanged(
    library: Library, seed_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    library.import_files(seed_files[:1])
    before = dump(library.folder)

    def refuse(path):
        raise ImportFailure(path, "unsupported format")

    monkeypatch.setattr(library_module, "parse_file", refuse)
    report = library.import_files(seed_files)
    assert [f.reason for f in report.failures] == ["unsupported format"] * 5
    assert not any(f.internal for f in report.failures)
    assert dump(library.folder) == before


def test_parse_does_not_touch_the_library(library: Library, seed_files: list[Path]) -> None:
    before = dump(library.folder)
    docs = library.parse(seed_files[0])
    assert docs and all(d.nodes for d in docs)
    assert dump(library.folder) == before


def test_progress_and_cancel(library: Library, seed_files: list[Path]) -> None:
    seen: list[tuple[int, int, str]] = []
    report = library.import_files(
        seed_files, progress=lambda d, t, p: seen.append((d, t, p)), cancel=lambda: len(seen) >= 2
    )
    assert report.cancelled and report.files_done == 2
    assert seen == [(1, 5, str(seed_files[0])), (2, 5, str(seed_files[1]))]


def test_import_from_a_worker_thread(library: Library, seed_files: list[Path]) -> None:
    """The GUI imports off the UI thread with the Library it opened on the UI thread."""
    result = {}
    worker = threading.Thread(target=lambda: result.update(r=library.import_files(seed_files[:1])))
    worker.start()
    worker.join()
    assert result["r"].ok and library.documents()


# -- ids -------------------------------------------------------------------------------------


def test_unknown_and_prefix_ids(library: Library, fake_parser, tmp_path: Path) -> None:
    docs = [make_document(title=f"办法{i}", doc_number=f"令第{i}号") for i in range(40)]
    library.import_files([fake_parser.add(tmp_path / "many.txt", *docs)])
    with pytest.raises(UnknownDocument, match="doc_nope"):
        library.document("doc_nope")
    with pytest.raises(UnknownDocument, match="ambiguous"):
        library.document("doc_")
    target = docs[7].id
    prefix = next(target[:n] for n in range(5, len(target))
                  if sum(d.id.startswith(target[:n]) for d in docs) == 1)
    assert library.document(prefix).id == target
    with pytest.raises(UnknownDocument):
        library.remove("doc_%")  # LIKE wildcards are taken literally


# -- sample library --------------------------------------------------------------------------


def test_samples_imported_on_first_start_only(library: Library) -> None:
    report = library.ensure_samples()
    assert report is not None and report.ok and report.added
    ids = {s.id for s in library.documents()}
    assert all(Path(s.source.file).parent == library_module.SAMPLES_DIR for s in library.documents())
    assert library.ensure_samples() is None
    for doc_id in ids:  # a user who removes every sample does not get them back
        library.remove(doc_id, all_versions=True)
    assert library.ensure_samples() is None
    assert library.documents() == []


def test_samples_not_imported_into_a_library_with_documents(
    library: Library, fake_parser, tmp_path: Path
) -> None:
    library.import_files([fake_parser.add(tmp_path / "mine.txt", make_document())])
    assert library.ensure_samples() is None
    assert len(library.documents()) == 1


def test_samples_folder_ships_the_seeds(shared_dir: Path) -> None:
    shipped = sorted(p.name for p in library_module.SAMPLES_DIR.glob("*.txt"))
    assert shipped == sorted(p.name for p in (shared_dir / "seeds").glob("*.txt"))
    for name in shipped:
        assert (library_module.SAMPLES_DIR / name).read_bytes() == (shared_dir / "seeds" / name).read_bytes()
