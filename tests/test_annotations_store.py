"""Annotations, links and categories in the library: CRUD, soft delete and restore, user
data surviving re-import and removal, backups, two writers at once, and crash safety."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import reader.store.annotating as annotating
import reader.store.schema as schema
import reader.store.userdata as userdata
from reader.core.errors import UserError
from reader.store.library import Library, Span, UnknownDocument
from tests.conftest import REPO, make_document

QUOTE = "为了测试"


@pytest.fixture
def doc_lib(library: Library, fake_parser, tmp_path: Path):
    """A library with one hand-made regulation (articles art_1, art_2 with paragraphs)."""
    doc = make_document(body="为了测试，制定本办法。本办法所称测试，是指测试。", articles=3)
    path = fake_parser.add(tmp_path / "reg.txt", doc)
    library.import_files([path])
    library.test_doc = doc  # type: ignore[attr-defined]
    library.test_path = path  # type: ignore[attr-defined]
    return library


def rows(lib: Library, table: str) -> int:
    with sqlite3.connect(lib.folder / "library.sqlite3") as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# -- schema ------------------------------------------------------------------------------


def test_schema_has_user_data_tables_and_default_categories(library: Library) -> None:
    tables = {r[0] for r in library.db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"annotations", "annotation_tags", "links", "categories", "anchor_log"} <= tables
    assert [c.name for c in library.annotations.categories()] == ["重点", "义务", "罚则", "疑问"]
    # annotations never hang on documents by a foreign key (a remove must not cascade)
    fks = library.db.conn.execute("PRAGMA foreign_key_list(annotations)").fetchall()
    assert fks == []


def test_version_1_library_is_migrated_after_a_backup(library_dir: Path, monkeypatch, fake_parser,
                                                      tmp_path: Path) -> None:
    with monkeypatch.context() as m:  # a library as the first release wrote it
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        m.setattr(schema, "SCHEMA_VERSION", 1)
        library_dir.mkdir()
        conn = sqlite3.connect(library_dir / "library.sqlite3", isolation_level=None)
        schema.migrate(conn)
        conn.close()
    with Library.open(library_dir) as lib:
        assert lib.schema_version == len(schema.MIGRATIONS)
        assert lib.annotations.categories()
    assert list((library_dir / "backups").glob("library-*-before-schema-*.sqlite3"))


# -- annotations: create, read, update, soft delete ----------------------------------------


def test_annotate_by_quote_and_by_offsets(doc_lib: Library) -> None:
    doc = doc_lib.test_doc
    a = doc_lib.annotations.add(doc.id, "art_1__para_1", Span(quote=QUOTE), note="第一条的批注\n第二行",
                                tags=["待办", "#复核", "待办"], category="义务", author="张三")
    node = doc.find("art_1__para_1")
    assert node.text[a.start:a.end] == QUOTE == a.quote
    assert a.kind == "note" and a.tags == ("待办", "复核") and a.category == "义务"
    assert a.author == "张三" and a.status == "open" and a.anchor_state == "ok"
    b = doc_lib.annotations.add(doc.id, "art_2__para_1", Span(0, 4))
    assert b.kind == "highlight" and b.quote == node.text[0:4].replace("1", "2")
    assert b.category == "重点"  # the first category by default
    c = doc_lib.annotations.add(doc.id[:10], "art_3")  # a note on the whole clause, id prefix
    assert c.kind == "clause_note" and c.quote == "" and c.suffix.startswith("第3条")
    assert [x.id for x in doc_lib.annotations.list(doc.id)] == [a.id, b.id, c.id]  # reading order
    assert doc_lib.annotations.get(a.id[:8]) == a


@pytest.mark.parametrize("kwargs, message", [
    (dict(node_id="art_1__para_1", span=Span(quote="不在这里")), "does not occur"),
    (dict(node_id="art_9"), "no node"),
    (dict(node_id="art_1__para_1", span=Span(5, 5)), "empty span"),
    (dict(node_id="art_1__para_1", span=Span(0, 9999)), "outside"),
    (dict(node_id="art_1__para_1", span=Span(0, 4), category="没有这类"), "no such category"),
])
def test_bad_requests_write_nothing(doc_lib: Library, kwargs: dict, message: str) -> None:
    before = rows(doc_lib, "annotations"), userdata.revision(doc_lib.db.conn)
    node = kwargs.pop("node_id")
    span = kwargs.pop("span", Span())
    with pytest.raises(UserError, match=message):
        doc_lib.annotations.add(doc_lib.test_doc.id, node, span, **kwargs)
    assert (rows(doc_lib, "annotations"), userdata.revision(doc_lib.db.conn)) == before


def test_unknown_document(doc_lib: Library) -> None:
    with pytest.raises(UnknownDocument):
        doc_lib.annotations.add("doc_nothing", "art_1", Span(quote="x"))
    assert rows(doc_lib, "annotations") == 0


def test_update_edits_fields_and_kind_follows_the_note(doc_lib: Library) -> None:
    a = doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote=QUOTE))
    assert a.kind == "highlight"
    b = doc_lib.annotations.update(a.id, note="加了批注", tags="甲 乙", status="resolved", category="罚则")
    assert (b.kind, b.note, b.tags, b.status, b.category) == ("note", "加了批注", ("甲", "乙"), "resolved", "罚则")
    assert b.modified > a.modified and b.created == a.created
    c = doc_lib.annotations.update(a.id, note="")
    assert c.kind == "highlight" and c.tags == ("甲", "乙")
    with pytest.raises(UserError):
        doc_lib.annotations.update(a.id, status="maybe")
    assert [t for t, _n in doc_lib.annotations.tags()] == ["乙", "甲"] or [t for t, _n in doc_lib.annotations.tags()] == ["甲", "乙"]


def test_soft_delete_and_restore(doc_lib: Library) -> None:
    a = doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote=QUOTE), tags=["x"])
    gone = doc_lib.annotations.delete(a.id)
    assert gone.deleted and doc_lib.annotations.list() == []
    assert [x.id for x in doc_lib.annotations.list(deleted=True)] == [a.id]
    assert rows(doc_lib, "annotations") == 1 and rows(doc_lib, "annotation_tags") == 1  # still there
    back = doc_lib.annotations.restore(a.id)
    assert back.deleted is None and back.tags == ("x",)
    assert [x.id for x in doc_lib.annotations.list()] == [a.id]


def test_put_annotation_writes_back_a_snapshot(doc_lib: Library) -> None:
    a = doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote=QUOTE), note="一")
    doc_lib.annotations.update(a.id, note="二", tags=["t"])
    back = doc_lib.annotations.put(a)
    assert back.note == "一" and back.tags == () and back.modified > a.modified


# -- categories and relations ----------------------------------------------------------------


def test_categories_edit_rename_delete_restore(doc_lib: Library) -> None:
    a = doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote=QUOTE), category="疑问")
    doc_lib.annotations.save_category("待核实", "#00AA88", "需要向主管部门核实")
    assert doc_lib.annotations.category("待核实").color == "#00aa88"
    doc_lib.annotations.save_category("问题", "#9b7ed9", "有疑问", old_name="疑问")
    assert doc_lib.annotations.get(a.id).category == "问题"  # the annotations follow a rename
    assert "疑问" not in [c.name for c in doc_lib.annotations.categories()]
    doc_lib.annotations.delete_category("问题")
    assert "问题" not in [c.name for c in doc_lib.annotations.categories()]
    assert "问题" in [c.name for c in doc_lib.annotations.categories(include_deleted=True)]
    assert doc_lib.annotations.get(a.id).category == "问题"  # kept, with its colour
    doc_lib.annotations.restore_category("问题")
    assert "问题" in [c.name for c in doc_lib.annotations.categories()]
    with pytest.raises(UserError):
        doc_lib.annotations.save_category("坏", "red")
    with pytest.raises(UserError):
        doc_lib.annotations.save_category("重点", "#ffffff", old_name="问题")  # exists


def test_relations_are_extensible(doc_lib: Library) -> None:
    d = doc_lib.test_doc.id
    doc_lib.annotations.link(d, "art_1", d, "art_2", relation="细化")
    assert doc_lib.annotations.relations()[:5] == ["参见", "依据", "引用", "修改", "冲突"]
    assert "细化" in doc_lib.annotations.relations()


# -- links -----------------------------------------------------------------------------------


def test_links_both_ways_across_documents(doc_lib: Library, fake_parser, tmp_path: Path) -> None:
    other = make_document(title="广州市另一办法", doc_number="穗府规〔2024〕2号", body="另一办法的条文。")
    doc_lib.import_files([fake_parser.add(tmp_path / "other.txt", other)])
    d = doc_lib.test_doc.id
    link = doc_lib.annotations.link(d, "art_1__para_1", other.id, "art_2", src=Span(quote=QUOTE),
                        relation="依据", note="上位依据", author="李四")
    assert link.src.quote == QUOTE and link.dst.quote == "" and link.relation == "依据"
    # shown from both documents, in both directions
    assert [x.id for x in doc_lib.annotations.links(d)] == [link.id]
    assert [x.id for x in doc_lib.annotations.links(other.id)] == [link.id]
    assert link.touches(d) == "out" and link.touches(other.id) == "in"
    assert link.touches(other.id, {"art_2"}) == "in" and link.touches(other.id, {"art_1"}) is None
    edited = doc_lib.annotations.update_link(link.id, relation="冲突", note="相互矛盾")
    assert (edited.relation, edited.note) == ("冲突", "相互矛盾")
    doc_lib.annotations.delete_link(link.id)
    assert doc_lib.annotations.links(d) == [] and [x.id for x in doc_lib.annotations.links(d, deleted=True)] == [link.id]
    doc_lib.annotations.restore_link(link.id)
    assert [x.id for x in doc_lib.annotations.links(other.id)] == [link.id]
    with pytest.raises(UserError, match="two different places"):
        doc_lib.annotations.link(d, "art_1", d, "art_1")
    with pytest.raises(UserError, match="no node"):
        doc_lib.annotations.link(d, "art_1", other.id, "art_77")
    assert rows(doc_lib, "links") == 1


# -- user data survives re-import and removal --------------------------------------------------


def test_reimport_keeps_and_reanchors_every_annotation(doc_lib: Library, fake_parser) -> None:
    doc = doc_lib.test_doc
    a = doc_lib.annotations.add(doc.id, "art_1__para_1", Span(quote="本办法所称测试"), note="定义")
    b = doc_lib.annotations.add(doc.id, "art_2__para_1", Span(quote="制定本办法"))
    gone = doc_lib.annotations.add(doc.id, "art_3__para_1", Span(quote="第3条"), note="会被删掉的条")
    link = doc_lib.annotations.link(doc.id, "art_1", doc.id, "art_3")
    edited = make_document(body="为了测试，依法制定本办法。本办法所称测试，是指测试。", articles=2)
    report = doc_lib.import_files([fake_parser.add(doc_lib.test_path, edited)])
    (version,) = report.versions  # the edited file is a new version: the notes follow it
    new_id = version.id
    # a and b keep their words (words inserted before them); the link's start stays on its
    # article; article 3 is gone: its note and the link's end are orphans
    assert report.followed == {"unchanged": 2, "changed": 1, "orphan": 2}
    anns = {x.id: x for x in doc_lib.annotations.list(new_id)}
    assert set(anns) == {a.id, b.id, gone.id}  # nothing deleted
    text = doc_lib.document(new_id).find("art_2__para_1").text
    moved = anns[b.id]
    assert text[moved.start:moved.end] == "制定本办法"
    assert anns[gone.id].anchor_state == "orphan" and anns[gone.id].note == "会被删掉的条"
    assert anns[gone.id].quote == "第3条"  # an orphan keeps its last known place
    assert doc_lib.annotations.list(orphans_only=True)[0].id == gone.id
    log = doc_lib.annotations.anchor_log(doc_id=new_id)
    assert {e["item_id"] for e in log} == {a.id, b.id, gone.id, link.id}
    assert all(e["reason"] == "version" and e["old_doc"] == doc.id for e in log)
    assert doc_lib.annotations.links(new_id)[0].dst.anchor_state == "orphan"  # art_3 is gone
    assert list((doc_lib.folder / "backups").glob("annotations-*-before-reimport.json"))


def test_clause_note_counts(doc_lib: Library) -> None:
    """(kept separate from the test above so its counts stay readable)"""
    doc = doc_lib.test_doc
    doc_lib.annotations.add(doc.id, "art_1")
    report = doc_lib.import_files([doc_lib.test_path])  # the same text again
    assert report.anchors == {"ok": 1, "moved": 0, "orphan": 0}
    assert doc_lib.annotations.anchor_log() == []


def test_remove_keeps_annotations_and_reimport_brings_them_back(doc_lib: Library) -> None:
    doc = doc_lib.test_doc
    a = doc_lib.annotations.add(doc.id, "art_1__para_1", Span(quote=QUOTE), note="保留")
    doc_lib.annotations.link(doc.id, "art_1", doc.id, "art_2")
    doc_lib.remove(doc.id)
    kept = doc_lib.annotations.list(doc.id)  # a removed document's id still lists its notes
    assert [x.id for x in kept] == [a.id] and not kept[0].doc_present
    assert [x.id for x in doc_lib.annotations.list(orphans_only=True)] == [a.id]
    assert doc_lib.annotations.counts(doc.id) == (1, 1)
    doc_lib.import_files([doc_lib.test_path])
    back = doc_lib.annotations.get(a.id)
    assert back.doc_present and back.anchor_state == "ok" and back.note == "保留"


# -- backups ---------------------------------------------------------------------------------


def test_rotating_backups_of_user_data(doc_lib: Library, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(annotating, "BACKUP_INTERVAL", 0.0)
    monkeypatch.setattr(annotating, "BACKUP_KEEP", 3)
    ids = [doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote=QUOTE), note=str(n)).id
           for n in range(5)]
    backups = doc_lib.annotations.backups()
    assert len(backups) == 3
    newest = json.loads(backups[-1].read_text(encoding="utf-8"))
    assert newest["type"] == "AnnotationCollection"
    assert {i["id"] for i in newest["items"]} == {f"urn:uuid:{i}" for i in ids}
    assert doc_lib.annotations.backup("again", force=False) is None  # nothing new since
    # a lost database: the backup brings the work back into a new library
    with Library.open(tmp_path / "fresh") as fresh:
        fresh.import_files([doc_lib.test_path])
        report = fresh.annotations.restore_backup(backups[-1])
        assert report.added == 5 and {a.id for a in fresh.annotations.list()} == set(ids)


def test_backup_at_close_and_deleted_items_included(library_dir: Path, fake_parser, tmp_path: Path) -> None:
    doc = make_document()
    with Library.open(library_dir) as lib:
        lib.import_files([fake_parser.add(tmp_path / "a.txt", doc)])
        a = lib.annotations.add(doc.id, "art_1")
        lib.annotations.delete(a.id)
    data = json.loads(sorted((library_dir / "backups").glob("annotations-*.json"))[-1].read_text("utf-8"))
    (item,) = data["items"]
    assert item["regreader"]["deleted"]


# -- transactions, two writers, crashes -------------------------------------------------------


def test_a_failing_write_leaves_nothing(doc_lib: Library, monkeypatch) -> None:
    def boom(conn):  # noqa: ANN001, ANN202 - fails after the rows were written, before commit
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(userdata, "bump_revision", boom)
    with pytest.raises(RuntimeError):
        doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote=QUOTE), tags=["a", "b"])
    assert rows(doc_lib, "annotations") == 0 and rows(doc_lib, "annotation_tags") == 0


def test_two_library_instances_writing_at_once_lose_nothing(doc_lib: Library) -> None:
    other = Library.open(doc_lib.folder)
    doc_id = doc_lib.test_doc.id
    errors: list[BaseException] = []

    def write(lib: Library, who: str) -> None:
        try:
            for n in range(40):
                lib.annotations.add(doc_id, "art_1__para_1", Span(quote=QUOTE), note=f"{who}{n}", tags=[who])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(lib, who)) for lib, who in ((doc_lib, "甲"), (other, "乙"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # each sees the other's writes (after a refresh: a new query)
    assert len(doc_lib.annotations.list()) == len(other.annotations.list()) == 80
    assert {a.note for a in other.annotations.list()} == {f"{w}{n}" for w in "甲乙" for n in range(40)}
    other.close()


WRITER = """
import sys
sys.path.insert(0, {repo!r})
from reader.store.library import Library, Span
lib = Library.open({folder!r})
print("ready", flush=True)
n = 0
while {count} < 0 or n < {count}:
    lib.annotations.add({doc!r}, "art_1__para_1", Span(quote={quote!r}), note="p%d" % n, tags=["a", "b", "c"])
    n += 1
lib.close()
"""


def _writer(folder: Path, doc_id: str, count: int) -> subprocess.Popen:
    code = WRITER.format(repo=str(REPO), folder=str(folder), doc=doc_id, quote=QUOTE, count=count)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_two_processes_writing_at_once_lose_nothing(doc_lib: Library) -> None:
    proc = _writer(doc_lib.folder, doc_lib.test_doc.id, 60)
    assert proc.stdout.readline().strip() == "ready"
    for n in range(60):
        doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote=QUOTE), note=f"main{n}")
    assert proc.wait(timeout=120) == 0
    notes = {a.note for a in doc_lib.annotations.list()}
    assert len(notes) == 120 and {f"p{n}" for n in range(60)} <= notes


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_kill_9_while_saving_loses_at_most_the_edit_in_flight(doc_lib: Library) -> None:
    proc = _writer(doc_lib.folder, doc_lib.test_doc.id, -1)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.8)  # it is writing as fast as it can
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with Library.open(doc_lib.folder) as after:
        assert after.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        anns = after.annotations.list()
        assert anns, "the writer wrote nothing before it was killed"
        # every annotation that exists is whole: its three tags came with it
        assert all(a.tags == ("a", "b", "c") for a in anns)
        numbers = sorted(int(a.note[1:]) for a in anns)
        assert numbers == list(range(len(numbers)))  # no gap: only the edit in flight is lost
        after.annotations.add(after.test_doc.id if hasattr(after, "test_doc") else anns[0].doc_id,
                              "art_1__para_1", Span(quote=QUOTE))  # and the library still takes writes
