"""Cross-references in the library: stored on import, cited-by from the index, resolved late
when the target arrives, unresolved again when it goes, rebuilt from the documents; CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.refs import EXTERNAL, INTERNAL, REPEAL
from reader.store.library import Library
from reader.store.references import References
from tests.conftest import SAMPLES, SHARED

SURVEY = SAMPLES / "003_d2bd9f2bf5d49910.txt"  # 广州市测绘地理信息管理办法 (and others)
SURVEY_TITLE = "广州市测绘地理信息管理办法"
SURVEY_LAW = SHARED / "corpus" / "laws" / "行政法" / "测绘法(2017-04-27).md"


def survey_id(lib: Library) -> str:
    return next(d.id for d in lib.documents() if d.title == SURVEY_TITLE)


def rows(lib: Library, sql: str, *params) -> list[tuple]:
    return lib.db.conn.execute(sql, params).fetchall()


@pytest.fixture
def survey_lib(library: Library) -> Library:
    report = library.import_files([SURVEY])
    assert report.ok and report.added
    return library


def test_refs_stored_on_import(survey_lib: Library) -> None:
    doc_id = survey_id(survey_lib)
    refs = survey_lib.refs.list(doc_id)
    texts = [(r.node_id, r.text) for r in refs]
    assert ("art_43__para_1__item_3", "本办法第十七条第二款") in texts
    r = next(r for r in refs if r.text == "本办法第十七条第二款")
    assert r.kind == INTERNAL and r.resolved and r.target_doc_id == doc_id
    assert r.target_node_id == "art_17__para_2"
    node = survey_lib.document(doc_id).find(r.node_id)
    assert node is not None and node.text[r.start:r.end] == r.text
    law = next(r for r in refs if r.text == "《中华人民共和国测绘法》")
    assert law.kind == EXTERNAL and not law.resolved and law.target_title == "中华人民共和国测绘法"


def test_cited_by_answers_from_the_index(survey_lib: Library) -> None:
    doc_id = survey_id(survey_lib)
    cited = survey_lib.refs.cited_by(doc_id, "art_17")
    assert [c.node_id for c in cited] == [f"art_43__para_1__item_{i}" for i in (2, 3, 4)]
    assert {c.target_node_id for c in cited} == {"art_17__para_1", "art_17__para_2", "art_17__para_3"}
    assert all(c.doc_id == doc_id and c.doc_title == SURVEY_TITLE for c in cited)
    # a paragraph: only what names it (or a unit inside it)
    assert [c.text for c in survey_lib.refs.cited_by(doc_id, "art_17__para_2")] == ["本办法第十七条第二款"]
    assert survey_lib.refs.cited_by(doc_id, "art_1") == []
    # art_1 must not match art_17, art_10 …: the prefix is the id plus "__"
    assert not any(c.target_node_id.startswith("art_17") for c in survey_lib.refs.cited_by(doc_id, "art_1"))
    plans = " ".join(str(p) for sql in ("SELECT id FROM refs WHERE target_doc_id = ? AND target_node_id = ?",
                                         "SELECT ref_id FROM ref_targets WHERE doc_id = ? AND node_id = ?")
                     for p in rows(survey_lib, "EXPLAIN QUERY PLAN " + sql, doc_id, "art_17"))
    assert "refs_target" in plans and "ref_targets_target" in plans


@pytest.mark.skipif(not SURVEY_LAW.exists(), reason="shared corpus absent")
def test_external_reference_resolves_when_target_imported_later(survey_lib: Library) -> None:
    doc_id = survey_id(survey_lib)
    before = [r for r in survey_lib.refs.list(doc_id) if r.target_title == "中华人民共和国测绘法"]
    assert before and not any(r.resolved for r in before)
    survey_lib.import_files([SURVEY_LAW])
    law_id = next(d.id for d in survey_lib.documents() if d.title == "中华人民共和国测绘法")
    after = [r for r in survey_lib.refs.list(doc_id) if r.target_title == "中华人民共和国测绘法"]
    assert after and all(r.resolved and r.target_doc_id == law_id for r in after)
    cited = survey_lib.refs.cited_by(law_id)
    assert {c.doc_id for c in cited} >= {doc_id}
    rel = survey_lib.refs.relations(law_id)
    assert any(r.relation == "cited_by" and r.doc_id == doc_id for r in rel)
    assert any(r.relation == "cites" and r.doc_id == law_id for r in survey_lib.refs.relations(doc_id))

    # removing the target: the references stay, unresolved, with their title
    survey_lib.remove(law_id)
    gone = [r for r in survey_lib.refs.list(doc_id) if r.target_title == "中华人民共和国测绘法"]
    assert len(gone) == len(after) and not any(r.resolved for r in gone)
    assert rows(survey_lib, "SELECT COUNT(*) FROM refs WHERE target_doc_id = ? AND resolved = 1", law_id) == [(0,)]
    assert rows(survey_lib, "SELECT COUNT(*) FROM ref_targets WHERE doc_id = ?", law_id) == [(0,)]
    # …and resolve again when it comes back
    survey_lib.import_files([SURVEY_LAW])
    assert all(r.resolved for r in survey_lib.refs.list(doc_id) if r.target_title == "中华人民共和国测绘法")


def test_remove_deletes_own_refs(survey_lib: Library) -> None:
    doc_id = survey_id(survey_lib)
    assert rows(survey_lib, "SELECT COUNT(*) FROM refs WHERE doc_id = ?", doc_id)[0][0] > 0
    survey_lib.remove(doc_id)
    assert rows(survey_lib, "SELECT COUNT(*) FROM refs WHERE doc_id = ?", doc_id) == [(0,)]
    assert rows(survey_lib, "SELECT COUNT(*) FROM ref_targets WHERE doc_id = ?", doc_id) == [(0,)]


def test_reimport_replaces_refs(survey_lib: Library) -> None:
    doc_id = survey_id(survey_lib)
    n = len(survey_lib.refs.list(doc_id))
    report = survey_lib.import_files([SURVEY])
    assert report.updated
    assert len(survey_lib.refs.list(doc_id)) == n


def test_rebuild_gives_the_same_refs(library: Library, seed_files: list[Path]) -> None:
    library.import_files(seed_files)
    query = ("SELECT doc_id, node_id, span_start, kind, target_doc_id, target_node_id, resolved, exact"
             " FROM refs ORDER BY 1, 2, 3, 4, 5, 6")
    incremental = rows(library, query)
    targets = rows(library, "SELECT COUNT(*) FROM ref_targets")
    assert incremental
    library.db.conn.execute("DELETE FROM refs")  # derived data lost: rebuilt from SQLite
    assert library.refs.rebuild() == len(incremental)
    assert rows(library, query) == incremental
    assert rows(library, "SELECT COUNT(*) FROM ref_targets") == targets


def test_stale_refs_rebuilt_on_use(library_dir: Path, seed_files: list[Path]) -> None:
    with Library.open(library_dir) as lib:
        lib.import_files(seed_files[3:4])
        doc_id = survey_id(lib)
        n = len(lib.refs.list(doc_id))
        lib.db.conn.execute("DELETE FROM refs")
        lib.db.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'refs_version'")
    with Library.open(library_dir) as lib:
        assert len(lib.refs.list(doc_id)) == n


def test_seed_relations_and_inexact_titles(library: Library, seed_files: list[Path]) -> None:
    library.import_files(seed_files)
    docs = {d.title: d.id for d in library.documents()}
    plan = docs["国家城乡融合发展试验区广东广清接合片区实施方案"]
    citing = library.refs.cited_by(plan)
    assert citing and any(not c.exact for c in citing)  # seed 000 cites it by a shorter title
    kinds = {r.kind for d in docs.values() for r in library.refs.list(d)}
    assert INTERNAL in kinds and EXTERNAL in kinds
    repeals = [r for d in docs.values() for r in library.refs.list(d) if r.kind == REPEAL]
    assert repeals  # 同时废止 … is recorded (resolved or not)


def test_refs_disabled_stores_nothing(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(References, "enabled", False)
    library.import_files([SURVEY])
    assert rows(library, "SELECT COUNT(*) FROM refs") == [(0,)]


# -- CLI -----------------------------------------------------------------------------------


def test_cli_refs_json_shape(capsys: pytest.CaptureFixture[str], library_dir: Path) -> None:
    assert main(["--library", str(library_dir), "import", str(SURVEY)]) == 0
    capsys.readouterr()
    with Library.open(library_dir) as lib:
        doc_id = survey_id(lib)
    assert main(["--library", str(library_dir), "refs", doc_id[:10], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"refs", "cited_by"} <= set(data)
    keys = {"node_id", "start", "end", "text", "target_doc_id", "target_node_id", "target_title",
            "resolved", "exact"}
    assert data["refs"] and all(keys <= set(r) for r in data["refs"])
    assert all({"doc_id", "node_id", "text", "target_node_id"} <= set(c) for c in data["cited_by"])
    r = next(r for r in data["refs"] if r["text"] == "本办法第十七条第二款")
    assert (r["target_doc_id"], r["target_node_id"], r["resolved"], r["exact"]) == (doc_id, "art_17__para_2", True, True)
    assert r["target_title"] == SURVEY_TITLE
    ext = next(r for r in data["refs"] if r["text"] == "《中华人民共和国测绘法》")
    assert ext["target_title"] == "中华人民共和国测绘法" and ext["resolved"] is False
    assert any(c["node_id"] == "art_43__para_1__item_3" and c["target_node_id"] == "art_17__para_2"
               for c in data["cited_by"])

    assert main(["--library", str(library_dir), "refs", doc_id]) == 0
    out = capsys.readouterr().out
    assert "本办法第十七条第二款" in out and "art_17__para_2" in out and "cited by" in out
    assert main(["--library", str(library_dir), "refs", "no_such_doc"]) != 0


# -- one import, many files: references to other documents are resolved once, at the end ----


REFS_QUERY = ("SELECT doc_id, node_id, span_start, span_end, kind, target_doc_id, target_node_id,"
              " resolved, exact, note, data FROM refs ORDER BY 1, 2, 3, 4, 5")
TARGETS_QUERY = ("SELECT r.doc_id, r.node_id, r.span_start, r.kind, t.doc_id, t.node_id FROM ref_targets t"
                 " JOIN refs r ON r.id = t.ref_id ORDER BY 1, 2, 3, 4, 5, 6")
KEYS_QUERY = ("SELECT r.doc_id, r.node_id, r.span_start, r.kind, k.key, k.edge FROM ref_keys k"
              " JOIN refs r ON r.id = k.ref_id ORDER BY 1, 2, 3, 4, 5, 6")


def stored(lib: Library) -> tuple[list[tuple], ...]:
    return rows(lib, REFS_QUERY), rows(lib, TARGETS_QUERY), rows(lib, KEYS_QUERY)


@pytest.fixture(scope="module")
def mixed_files(seed_files: list[Path]) -> list[Path]:
    """The seeds and laws that cite each other (the 测绘法, which seed 003 cites; 献血法 …), and
    two parts of the 民法典 (合同编 cites 总则's articles as 本法第X条; it comes first)."""
    laws = SHARED / "corpus" / "laws"
    picked = [SURVEY_LAW, laws / "行政法" / "献血法(1997-12-29).md", laws / "宪法相关法" / "立法法(2023-03-13).md",
              laws / "民法典" / "合同编.md", laws / "民法典" / "总则.md"]
    return seed_files + [p for p in picked if p.exists()]


def test_batch_import_stores_what_a_rebuild_does(library: Library, mixed_files: list[Path]) -> None:
    library.import_files(mixed_files)
    batch = stored(library)
    assert batch[0] and batch[1]
    assert not rows(library, "SELECT key FROM meta WHERE key LIKE 'refs_pending:%'")
    library.refs.rebuild()
    assert stored(library) == batch


def test_file_by_file_in_any_order_stores_the_same(library_dir: Path, tmp_path: Path,
                                                   mixed_files: list[Path]) -> None:
    with Library.open(library_dir) as lib:
        lib.import_files(mixed_files)
        batch = stored(lib)
    with Library.open(tmp_path / "other") as lib:
        for path in reversed(mixed_files):  # the cited documents arrive first, or last
            lib.import_files([path])
        assert stored(lib) == batch


def test_flushes_during_a_long_import(library: Library, mixed_files: list[Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.store.references as references

    monkeypatch.setattr(references, "FLUSH_EVERY", 2)
    flushes = []
    real = References.flush
    monkeypatch.setattr(References, "flush", lambda self: (flushes.append(len(self._preparer())), real(self)))
    library.import_files(mixed_files)
    assert len([n for n in flushes if n]) > 2
    batch = stored(library)
    library.refs.rebuild()
    assert stored(library) == batch


def test_import_cut_short_is_finished_on_next_open(library_dir: Path, tmp_path: Path,
                                                   mixed_files: list[Path],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with Library.open(tmp_path / "whole") as lib:
        lib.import_files(mixed_files)
        whole = stored(lib)
    # the process "dies" after the files committed, before the references to other
    # documents were resolved: the marker rows say which documents to finish
    monkeypatch.setattr(References, "flush", lambda self: None)
    lib = Library.open(library_dir)
    lib.import_files(mixed_files)
    lib._close()
    monkeypatch.undo()
    with Library.open(library_dir) as lib:
        assert rows(lib, "SELECT COUNT(*) FROM meta WHERE key LIKE 'refs_pending:%'")[0][0] > 0
        assert lib.refs.outdated()
        assert lib.refs.ensure()
        assert not lib.refs.outdated()
        assert stored(lib) == whole
        assert rows(lib, "SELECT COUNT(*) FROM meta WHERE key LIKE 'refs_pending:%'") == [(0,)]


def test_ensure_refs_after_an_upgrade_in_steps(library_dir: Path, seed_files: list[Path]) -> None:
    with Library.open(library_dir) as lib:
        lib.import_files(seed_files)
        before = stored(lib)
        lib.db.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'refs_version'")
    with Library.open(library_dir) as lib:
        assert lib.refs.outdated()
        assert lib.refs.ensure(cancel=lambda: True) is False  # stopped: the rest waits
        assert lib.refs.outdated()
        steps: list[tuple[int, int]] = []
        assert lib.refs.ensure(progress=lambda done, total: steps.append((done, total)))
        assert steps and steps[-1][0] == steps[-1][1] == len(lib.documents(all_versions=True))
        assert stored(lib) == before and not lib.refs.outdated()


def test_removed_while_waiting_is_skipped(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(References, "flush", lambda self: None)
    library.import_files([SURVEY])
    monkeypatch.undo()
    doc_id = survey_id(library)
    library.remove(doc_id)
    library.refs.flush()  # the waiting references of a document no longer there: dropped
    assert rows(library, "SELECT COUNT(*) FROM refs WHERE doc_id = ?", doc_id) == [(0,)]
    others = rows(library, "SELECT COUNT(*) FROM refs WHERE kind = 'external'")[0][0]
    assert others > 0  # the other documents of the file got theirs
    assert rows(library, "SELECT COUNT(*) FROM meta WHERE key LIKE 'refs_pending:%'") == [(0,)]


def test_rows_give_back_the_references(mixed_files: list[Path]) -> None:
    """What a row stores (columns + the JSON written out by hand) is the Ref again."""
    from reader.core.pipeline import parse_file
    from reader.core.refs import LibraryIndex, detect, resolve
    from reader.store.refs_prepared import ref_from_row, row

    docs = [d for p in mixed_files for d in parse_file(p)]
    index = LibraryIndex.from_documents(docs)
    refs = [r for d in docs for r in resolve(detect(d), d, index)]
    assert any(r.pinpoint_end for r in refs) and any(r.target_node_ids for r in refs)
    for ref in refs:
        stored = row("doc", ref)
        json.loads(stored[13])
        assert ref_from_row(stored) == ref
    odd = refs[0].__class__(node_id="x", start=0, end=1, text="x", kind="internal",
                            scope='att_"1"\\', hint="第（一）项\n")
    assert ref_from_row(row("doc", odd)) == odd


def test_cited_by_finds_every_unit_of_a_range(library: Library, mixed_files: list[Path]) -> None:
    library.import_files(mixed_files)
    ranged = [(d.id, r) for d in library.documents() for r in library.refs.list(d.id)
              if r.resolved and len(r.target_node_ids) >= 3]
    assert ranged  # 第二十条至第二十二条, 前三款 …
    for doc_id, ref in ranged[:20]:
        for unit in ref.target_node_ids:
            cited = library.refs.cited_by(ref.target_doc_id, unit)
            assert any(c.doc_id == doc_id and c.node_id == ref.node_id and c.start == ref.start
                       for c in cited), (ref.text, unit)
        whole = library.refs.cited_by(ref.target_doc_id)
        assert len([c for c in whole if (c.doc_id, c.node_id, c.start) == (doc_id, ref.node_id, ref.start)]) == 1
    doc_id, ref = ranged[0]
    assert all(c.doc_id != ref.target_doc_id
               for c in library.refs.cited_by(ref.target_doc_id, include_self=False))


def test_garbage_collection_paused_only_during_an_import(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    seen: list[bool] = []
    real = Library._import_one
    monkeypatch.setattr(Library, "_import_one", lambda self, *a: (seen.append(gc.isenabled()), real(self, *a)))
    assert gc.isenabled()
    library.import_files([SURVEY])
    assert seen == [False] and gc.isenabled()
    gc.disable()  # someone else's choice is kept
    try:
        library.import_files([SURVEY])
        assert not gc.isenabled()
    finally:
        gc.enable()
