"""The review commands: ``reply`` and ``status`` (text and --json), their errors (exit 1,
nothing written), and ``annotations`` showing authors, status and replies."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.store.library import Library, Span
from tests.conftest import make_document

REPLY_KEYS = {"id", "annotation_id", "text", "author", "created", "modified", "deleted"}


@pytest.fixture
def lib_note(tmp_path: Path, fake_parser) -> tuple[str, str]:
    """A library with one note by 张三; returns the folder and the note's id."""
    folder = tmp_path / "lib"
    doc = make_document(body="为了测试，制定本办法。本办法所称测试，是指测试。", articles=2)
    with Library.open(folder) as lib:
        lib.import_files([fake_parser.add(tmp_path / "a.txt", doc)])
        ann = lib.annotations.add(doc.id, "art_1__para_1", Span(quote="本办法所称测试"),
                                  note="定义是否清楚？", author="张三")
    return str(folder), ann.id


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_reply_prints_the_new_id_and_json(capsys, lib_note) -> None:
    folder, ann_id = lib_note
    code, out, err = run(capsys, "--library", folder, "reply", ann_id[:8], "见第二条", "--author", "李四")
    assert code == 0, err
    reply_id = out.strip()
    code, out, _ = run(capsys, "--library", folder, "reply", ann_id, "同意", "--author", "张三", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"id", "reply"} and set(data["reply"]) == REPLY_KEYS
    assert (data["reply"]["annotation_id"], data["reply"]["text"], data["reply"]["author"]) == (
        ann_id, "同意", "张三")
    with Library.open(folder) as lib:
        assert [(r.id, r.author) for r in lib.annotations.replies(ann_id)] == [
            (reply_id, "李四"), (data["id"], "张三")]


def test_status_sets_and_logs_who(capsys, lib_note) -> None:
    folder, ann_id = lib_note
    code, out, err = run(capsys, "--library", folder, "status", ann_id, "answered", "--author", "李四")
    assert code == 0, err
    assert out.startswith(ann_id[:8] + " 张三 [answered by 李四 ")
    code, out, _ = run(capsys, "--library", folder, "status", ann_id, "resolved", "--author", "张三",
                       "--json")
    data = json.loads(out)["annotation"]
    assert code == 0 and data["status"] == "resolved"
    assert [(c["status"], c["author"]) for c in data["status_history"]] == [
        ("answered", "李四"), ("resolved", "张三")]
    assert all(set(c) == {"status", "author", "at"} for c in data["status_history"])


@pytest.mark.parametrize("argv, message", [
    (["status", "ffffffff", "resolved"], "no such annotation"),
    (["reply", "ffffffff", "回复"], "no such annotation"),
    (["reply", "ANN", "   "], "the reply is empty"),
])
def test_review_errors_exit_1_and_write_nothing(capsys, lib_note, argv, message) -> None:
    folder, ann_id = lib_note
    code, _out, err = run(capsys, "--library", folder, *[ann_id if a == "ANN" else a for a in argv])
    assert code == 1 and message in err
    with Library.open(folder) as lib:
        ann = lib.annotations.get(ann_id)
        assert ann.status == "open" and ann.replies == () and ann.status_history == ()


def test_status_names_an_unknown_value(capsys, lib_note) -> None:
    folder, ann_id = lib_note
    with pytest.raises(SystemExit) as exited:
        main(["--library", folder, "status", ann_id, "closed"])
    assert exited.value.code == 2 and "invalid choice: 'closed'" in capsys.readouterr().err


def test_annotations_shows_authors_status_and_replies(capsys, lib_note) -> None:
    folder, ann_id = lib_note
    assert run(capsys, "--library", folder, "reply", ann_id, "见第二条", "--author", "李四")[0] == 0
    assert run(capsys, "--library", folder, "status", ann_id, "answered", "--author", "李四")[0] == 0
    code, out, _ = run(capsys, "--library", folder, "annotations")
    assert code == 0 and "AUTHOR" in out and "STATUS" in out
    row = next(line for line in out.splitlines() if line.startswith(ann_id[:8]) and "art_1" in line)
    assert "张三" in row and "answered" in row
    assert "replies:" in out and "↳ 李四" in out and "见第二条" in out
    code, out, _ = run(capsys, "--library", folder, "annotations", "--json")
    (ann,) = json.loads(out)["annotations"]
    assert ann["author"] == "张三" and ann["status"] == "answered"
    assert [(r["author"], r["text"]) for r in ann["replies"]] == [("李四", "见第二条")]
    assert set(ann["replies"][0]) == REPLY_KEYS
    assert [c["status"] for c in ann["status_history"]] == ["answered"]
