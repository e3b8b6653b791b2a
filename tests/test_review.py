"""Review data kept locally: replies under an annotation (add, edit, soft delete, restore),
the review status open / answered / resolved with every change logged (who, when), their
exchange as W3C Web Annotation JSON (replies with motivation "replying", merged by id), and
schema migration 5 on a library written before it."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.core.annotations import parse_time
from reader.core.errors import UserError
from reader.store import schema
from reader.store.library import Library, Span
from reader.store.schema import MIGRATIONS
from tests.conftest import make_document
from tests.old_libraries import library_at_schema


@pytest.fixture
def doc_lib(library: Library, fake_parser, tmp_path: Path):
    doc = make_document(body="为了测试，制定本办法。本办法所称测试，是指测试。", articles=3)
    library.import_files([fake_parser.add(tmp_path / "reg.txt", doc)])
    library.test_doc = doc  # type: ignore[attr-defined]
    return library


@pytest.fixture
def note(doc_lib: Library):
    return doc_lib.annotations.add(doc_lib.test_doc.id, "art_1__para_1", Span(quote="为了测试"),
                                   note="是否需要定义？", author="张三")


def test_replies_add_edit_delete_restore(doc_lib: Library, note) -> None:
    anns = doc_lib.annotations
    rev = anns.revision()
    first = anns.reply(note.id[:8], "  需要，见第二条。\n", author="李四")
    assert (first.annotation_id, first.text, first.author) == (note.id, "需要，见第二条。", "李四")
    assert anns.revision() == rev + 1  # counted as a user edit
    second = anns.reply(note.id, "同意", author="张三")
    assert [r.id for r in anns.replies(note.id)] == [first.id, second.id]  # oldest first
    assert [r.text for r in anns.get(note.id).replies] == ["需要，见第二条。", "同意"]
    edited = anns.update_reply(first.id[:8], "需要，见第二条第一款。")
    assert edited.text == "需要，见第二条第一款。" and edited.modified >= first.modified
    assert edited.created == first.created
    gone = anns.delete_reply(second.id)
    assert gone.deleted is not None
    assert [r.id for r in anns.replies(note.id)] == [first.id]
    assert [r.id for r in anns.replies(note.id, deleted=True)] == [second.id]
    assert [r.id for r in anns.get(note.id).replies] == [first.id]
    back = anns.restore_reply(second.id)
    assert back.deleted is None and len(anns.replies(note.id)) == 2


def test_reply_errors_write_nothing(doc_lib: Library, note) -> None:
    anns = doc_lib.annotations
    rev = anns.revision()
    with pytest.raises(UserError, match="empty"):
        anns.reply(note.id, "  \n ")
    with pytest.raises(UserError, match="no such annotation"):
        anns.reply("ffffffff-0000", "回复")
    with pytest.raises(UserError, match="no such reply"):
        anns.update_reply("ffffffff-0000", "回复")
    assert anns.revision() == rev and anns.replies(note.id) == []


def test_reply_author_defaults_to_the_user(doc_lib: Library, note, monkeypatch) -> None:
    monkeypatch.setenv("REGREADER_AUTHOR", "王五")
    assert doc_lib.annotations.reply(note.id, "收到").author == "王五"
    assert doc_lib.annotations.set_status(note.id, "answered").status_history[-1].author == "王五"


def test_status_changes_are_logged_with_author_and_time(doc_lib: Library, note) -> None:
    anns = doc_lib.annotations
    answered = anns.set_status(note.id, "answered", author="李四")
    assert answered.status == "answered" and answered.modified >= note.modified
    same = anns.set_status(note.id, "answered", author="赵六")  # no change, nothing logged
    assert same.modified == answered.modified
    resolved = anns.set_status(note.id[:8], "resolved", author="张三")
    history = anns.status_history(note.id)
    assert [(c.status, c.author) for c in history] == [("answered", "李四"), ("resolved", "张三")]
    assert history[-1].at == resolved.modified and parse_time(history[0].at) <= parse_time(history[1].at)
    assert resolved.status_history == tuple(history)
    assert resolved.to_json()["status_history"] == [c.to_json() for c in history]


def test_update_status_keeps_working_and_is_logged(doc_lib: Library, note, monkeypatch) -> None:
    monkeypatch.setenv("REGREADER_AUTHOR", "审核人")
    anns = doc_lib.annotations
    assert anns.update(note.id, status="resolved").status == "resolved"
    assert anns.update(note.id, note="改过的批注").status == "resolved"  # no status change
    assert anns.update(note.id, status="answered").status == "answered"
    assert [(c.status, c.author) for c in anns.status_history(note.id)] == [
        ("resolved", "审核人"), ("answered", "审核人")]


@pytest.mark.parametrize("call", [
    lambda anns, ann_id: anns.set_status(ann_id, "closed"),
    lambda anns, ann_id: anns.update(ann_id, status="closed"),
])
def test_an_unknown_status_is_refused_by_name(doc_lib: Library, note, call) -> None:
    anns = doc_lib.annotations
    with pytest.raises(UserError, match=r"unknown status 'closed' \(use open, answered, resolved\)"):
        call(anns, note.id)
    assert anns.get(note.id).status == "open" and anns.status_history(note.id) == []


def test_the_database_refuses_a_status_it_does_not_know(doc_lib: Library, note) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        doc_lib.db.conn.execute("UPDATE annotations SET status = 'closed' WHERE id = ?", (note.id,))
    doc_lib.db.conn.execute("UPDATE annotations SET status = 'answered' WHERE id = ?", (note.id,))


def test_export_import_round_trip_carries_replies_and_status(tmp_path: Path, fake_parser) -> None:
    doc = make_document(body="为了测试，制定本办法。本办法所称测试，是指测试。", articles=3)
    path = fake_parser.add(tmp_path / "reg.txt", doc)
    with Library.open(tmp_path / "mine") as mine, Library.open(tmp_path / "theirs") as theirs:
        for lib in (mine, theirs):
            lib.import_files([path])
        a = mine.annotations.add(doc.id, "art_1__para_1", Span(quote="本办法所称测试"), note="定义？",
                                 author="张三")
        r1 = mine.annotations.reply(a.id, "见第二条", author="李四")
        r2 = mine.annotations.reply(a.id, "撤回", author="李四")
        mine.annotations.delete_reply(r2.id)
        mine.annotations.set_status(a.id, "answered", author="李四")
        data = mine.annotations.export(tmp_path / "out.json", include_deleted=True)
        reply_items = [i for i in data["items"] if i["motivation"] == "replying"]
        assert [i["target"] for i in reply_items] == [f"urn:uuid:{a.id}"] * 2
        assert reply_items[0]["body"][0]["value"] == "见第二条"
        assert reply_items[0]["creator"] == {"type": "Person", "name": "李四"}
        report = theirs.annotations.merge(tmp_path / "out.json")
        assert (report.added, report.replies_added, report.status_changes_added) == (1, 2, 1)
        got = theirs.annotations.get(a.id)
        assert got.status == "answered" and got.author == "张三"
        assert [(r.id, r.text, r.author) for r in got.replies] == [(r1.id, "见第二条", "李四")]
        assert theirs.annotations.get_reply(r2.id).deleted is not None
        assert [(c.status, c.author) for c in got.status_history] == [("answered", "李四")]
        # their later edit of the reply wins over my older copy; my copy again changes nothing
        theirs.annotations.update_reply(r1.id, "见第二条第一款")
        theirs.annotations.set_status(a.id, "resolved", author="张三")
        again = theirs.annotations.merge(tmp_path / "out.json")
        assert (again.replies_kept, again.replies_updated, again.status_changes_added) == (2, 0, 0)
        assert theirs.annotations.get_reply(r1.id).text == "见第二条第一款"
        theirs.annotations.export(tmp_path / "back.json", include_deleted=True)
        back = mine.annotations.merge(tmp_path / "back.json")
        assert (back.replies_updated, back.status_changes_added) == (1, 1)
        mine_now = mine.annotations.get(a.id)
        assert mine_now.status == "resolved" and mine_now.replies[0].text == "见第二条第一款"
        assert [c.status for c in mine_now.status_history] == ["answered", "resolved"]


def test_a_backup_keeps_replies(doc_lib: Library, note) -> None:
    reply = doc_lib.annotations.reply(note.id, "备份里也要有", author="李四")
    backup = doc_lib.annotations.backup("test")
    assert backup is not None
    items = json.loads(backup.read_text(encoding="utf-8"))["items"]
    assert [i["body"][0]["value"] for i in items if i["motivation"] == "replying"] == ["备份里也要有"]
    assert reply.id in {i["id"].split(":")[-1] for i in items}


def test_a_reply_to_an_annotation_not_in_the_file_is_refused(doc_lib: Library, note, tmp_path: Path) -> None:
    doc_lib.annotations.reply(note.id, "孤立的回复")
    data = doc_lib.annotations.export()
    data["items"] = [i for i in data["items"] if i["motivation"] == "replying"]
    with pytest.raises(UserError, match="which is not in the file"):
        doc_lib.annotations.merge(data)
    data = doc_lib.annotations.export()
    next(i for i in data["items"] if i["motivation"] == "replying")["body"] = []
    with pytest.raises(UserError, match="the reply has no text"):
        doc_lib.annotations.merge(data)


# -- schema migration 5 ---------------------------------------------------------------------


def _schema_4_library(folder: Path) -> None:
    """A library as RegReader wrote it before replies: annotations, tags and a link."""
    conn = library_at_schema(folder, 4)
    conn.execute("INSERT INTO documents (id, title, kind, source_file, source_sha256, source_format,"
                 " imported, updated, lineage, title_key) VALUES ('doc_a', '测试办法', '规章', '/x.md',"
                 " 'abc', 'md', '2026-01-01', '2026-01-01', 'doc_a', '测试办法')")
    conn.execute("INSERT INTO nodes (doc_id, node_id, parent_id, ord, kind, label, number, text)"
                 " VALUES ('doc_a', 'art_1', NULL, 0, 'article', '第一条', 1, '为了测试，制定本办法。')")
    for n, status in enumerate(("open", "resolved"), 1):
        conn.execute("INSERT INTO annotations (id, doc_id, node_id, span_start, span_end, quote, kind,"
                     " note, status, author, created, modified) VALUES (?, 'doc_a', 'art_1', 2, 4,"
                     " '测试', 'note', ?, ?, '张三', '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
                     (f"n{n}", f"批注{n}", status))
        conn.execute("INSERT INTO annotation_tags VALUES (?, '待办', 0), (?, '复核', 1)", (f"n{n}", f"n{n}"))
    conn.execute("INSERT INTO links (id, src_doc, src_node, dst_doc, dst_node, relation, created,"
                 " modified) VALUES ('l1', 'doc_a', 'art_1', 'doc_a', 'art_1', '参见', 'x', 'x')")
    conn.close()


def test_a_schema_4_library_opens_with_every_annotation(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    _schema_4_library(folder)
    with Library.open(folder) as library:
        assert library.schema_version == len(MIGRATIONS) >= 5
        anns = library.annotations
        got = {a.id: a for a in anns.list(None)}
        assert {k: (a.note, a.status, a.author, a.tags) for k, a in got.items()} == {
            "n1": ("批注1", "open", "张三", ("待办", "复核")),
            "n2": ("批注2", "resolved", "张三", ("待办", "复核"))}
        assert [link.id for link in anns.links()] == ["l1"]
        conn = library.db.conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'annotations_doc'").fetchone()
        assert "annotations_new" not in conn.execute("SELECT sql FROM sqlite_master WHERE name ="
                                                     " 'annotation_tags'").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError):  # the tags still point at annotations
            conn.execute("INSERT INTO annotation_tags VALUES ('no-such-note', 'x', 0)")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO replies (id, annotation_id, text, created, modified)"
                         " VALUES ('r', 'no-such-note', 'x', 'x', 'x')")
        assert anns.set_status("n1", "answered", author="李四").status == "answered"
        assert anns.reply("n2", "已处理", author="李四").annotation_id == "n2"


def test_a_migration_that_would_break_references_is_refused(tmp_path: Path, monkeypatch) -> None:
    """A rebuild that loses rows another table points at rolls back whole, keys on again."""
    folder = tmp_path / "old"
    _schema_4_library(folder)
    lossy = MIGRATIONS[4].replace("anchor_method, anchor_score FROM annotations;",
                                  "anchor_method, anchor_score FROM annotations WHERE id != 'n2';")
    assert lossy != MIGRATIONS[4]
    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS[:4], lossy])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 5)
    conn = sqlite3.connect(folder / "library.sqlite3", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(UserError, match="schema migration 5 refused.*annotation_tags"):
        schema.migrate(conn)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.current_version(conn) == 4
    assert conn.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 2
    assert conn.execute("SELECT name FROM sqlite_master WHERE name IN ('replies',"
                        " 'annotations_new')").fetchall() == []
    conn.close()


def test_undo_putting_back_an_older_status_is_logged(doc_lib: Library, note, monkeypatch) -> None:
    monkeypatch.setenv("REGREADER_AUTHOR", "王五")
    anns = doc_lib.annotations
    before = anns.get(note.id)
    anns.set_status(note.id, "resolved", author="张三")
    assert anns.put(before).status == "open"
    assert [(c.status, c.author) for c in anns.status_history(note.id)] == [
        ("resolved", "张三"), ("open", "王五")]
