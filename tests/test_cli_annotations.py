"""The annotation commands: annotate, annotations, link, links, annotations-export/-import;
their JSON, their errors (exit 1, nothing written)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.store.library import Library
from tests.conftest import make_document

ANNOTATION_KEYS = {"id", "doc_id", "node_id", "start", "end", "quote", "prefix", "suffix",
                   "node_hash", "kind", "category", "note", "tags", "status", "author", "created",
                   "modified", "deleted", "anchor", "document_present", "replies", "status_history"}


@pytest.fixture
def lib_dir(tmp_path: Path, fake_parser) -> tuple[str, str, Path]:
    folder = tmp_path / "lib"
    doc = make_document(body="为了测试，制定本办法。本办法所称测试，是指测试。", articles=3)
    other = make_document(title="广州市另一办法", doc_number="穗府规〔2024〕2号", body="另一办法。")
    with Library.open(folder) as lib:
        lib.import_files([fake_parser.add(tmp_path / "a.txt", doc), fake_parser.add(tmp_path / "b.txt", other)])
    return str(folder), doc.id, tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def count(folder: str, table: str) -> int:
    with sqlite3.connect(Path(folder) / "library.sqlite3") as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_annotate_prints_the_new_id(capsys, lib_dir) -> None:
    folder, doc_id, _tmp = lib_dir
    code, out, err = run(capsys, "--library", folder, "annotate", doc_id, "art_1__para_1",
                         "--quote", "本办法所称测试", "--note", "定义", "--tag", "待办", "--tag", "复核",
                         "--color", "义务", "--author", "王五")
    assert code == 0, err
    ann_id = out.strip()
    with Library.open(folder) as lib:
        a = lib.annotations.get(ann_id)
    assert (a.quote, a.note, a.tags, a.category, a.author) == ("本办法所称测试", "定义", ("待办", "复核"), "义务", "王五")
    code, out, _ = run(capsys, "annotate", doc_id[:9], "art_2__para_1", "--start", "0", "--end", "4",
                       "--json", "--library", folder)
    data = json.loads(out)
    assert code == 0 and set(data) == {"id", "annotation"} and set(data["annotation"]) == ANNOTATION_KEYS
    assert data["annotation"]["quote"] == "第2条" + "　" and data["annotation"]["kind"] == "highlight"
    code, out, _ = run(capsys, "--library", folder, "annotate", doc_id, "art_3", "--note", "整条")
    assert code == 0 and count(folder, "annotations") == 3


@pytest.mark.parametrize("argv, message", [
    (["DOC", "art_1__para_1", "--quote", "不在条文里的话"], "does not occur in art_1__para_1"),
    (["DOC", "art_99", "--quote", "测试"], "no node 'art_99'"),
    (["doc_unknown", "art_1", "--quote", "测试"], "doc_unknown: no such document"),
    (["DOC", "art_1__para_1", "--start", "3", "--end", "2"], "empty span"),
    (["DOC", "art_1__para_1", "--start", "3"], "--start needs --end"),
    (["DOC", "art_1__para_1", "--quote", "测试", "--color", "紫色"], "紫色: no such category"),
    (["DOC", "art_1__para_1", "--start", "0", "--end", "999"], "outside"),
])
def test_annotate_errors_exit_1_and_write_nothing(capsys, lib_dir, argv, message) -> None:
    folder, doc_id, _tmp = lib_dir
    argv = [doc_id if a == "DOC" else a for a in argv]
    code, out, err = run(capsys, "--library", folder, "annotate", *argv)
    assert code == 1 and out == ""
    assert message in err and err.startswith("regreader: ")
    assert count(folder, "annotations") == 0


def test_annotations_list_with_anchor_status(capsys, lib_dir, fake_parser) -> None:
    folder, doc_id, tmp = lib_dir
    run(capsys, "--library", folder, "annotate", doc_id, "art_3__para_1", "--quote", "第3条", "--note", "将被删除")
    run(capsys, "--library", folder, "annotate", doc_id, "art_1__para_1", "--quote", "本办法所称测试")
    fake_parser.add(tmp / "a.txt", make_document(body="为了测试，制定本办法。本办法所称测试，是指测试。", articles=2))
    assert main(["--library", folder, "import", str(tmp / "a.txt")]) == 0  # a new version
    capsys.readouterr()
    code, out, _ = run(capsys, "--library", folder, "versions", "--json", doc_id)
    current = next(v["id"] for v in json.loads(out)["versions"] if v["current"])
    code, out, _ = run(capsys, "--library", folder, "annotations", "--json", "--doc", current)
    anns = json.loads(out)["annotations"]
    assert code == 0 and [a["anchor"]["state"] for a in anns] == ["ok", "orphan"]
    assert all(set(a) == ANNOTATION_KEYS | {"version"} for a in anns)  # they followed a new version
    assert [a["version"]["outcome"] for a in anns] == ["unchanged", "orphan"]
    assert anns[1]["version"]["from_doc"] == doc_id and anns[1]["version"]["old_quote"] == "第3条"
    code, out, _ = run(capsys, "--library", folder, "annotations")
    assert code == 0 and "orphan" in out and "将被删除" in out and "ANCHOR" in out
    code, out, _ = run(capsys, "--library", folder, "annotations", "--orphans", "--json")
    assert [a["note"] for a in json.loads(out)["annotations"]] == ["将被删除"]


def test_link_and_links_both_directions(capsys, lib_dir) -> None:
    folder, doc_id, _tmp = lib_dir
    with Library.open(folder) as lib:
        other = next(s.id for s in lib.documents() if s.id != doc_id)
    code, out, err = run(capsys, "--library", folder, "link", doc_id, "art_1", other, "art_2",
                         "--relation", "冲突", "--note", "相互矛盾")
    assert code == 0, err
    link_id = out.strip()
    code, out, _ = run(capsys, "--library", folder, "links", "--doc", other, "--json")
    (link,) = json.loads(out)["links"]
    assert link["id"] == link_id and link["relation"] == "冲突" and link["dst"]["node_id"] == "art_2"
    code, out, _ = run(capsys, "--library", folder, "links", "--doc", other)
    assert "←" in out and "冲突" in out
    code, out, _ = run(capsys, "--library", folder, "links", "--doc", doc_id)
    assert "→" in out
    code, _out, err = run(capsys, "--library", folder, "link", doc_id, "art_1", other, "art_9")
    assert code == 1 and "no node 'art_9'" in err and count(folder, "links") == 1
    code, _out, err = run(capsys, "--library", folder, "link", doc_id, "art_1", other, "art_2",
                          "--dst-quote", "不存在")
    assert code == 1 and "does not occur" in err and count(folder, "links") == 1


def test_export_import_and_refusal(capsys, lib_dir, tmp_path: Path) -> None:
    folder, doc_id, tmp = lib_dir
    run(capsys, "--library", folder, "annotate", doc_id, "art_1__para_1", "--quote", "为了测试", "--note", "甲")
    run(capsys, "--library", folder, "link", doc_id, "art_1", doc_id, "art_2")
    out_file = str(tmp / "export.json")
    code, out, _ = run(capsys, "--library", folder, "annotations-export", out_file, "--json")
    assert code == 0 and json.loads(out) == {"exported": {"file": out_file, "annotations": 1, "links": 1}}
    other = str(tmp / "other-lib")
    code, out, _ = run(capsys, "--library", other, "annotations-import", out_file, "--json")
    report = json.loads(out)["imported"]
    assert code == 0 and report["annotations"]["added"] == 1 and report["links"]["added"] == 1
    code, out, _ = run(capsys, "--library", other, "annotations-import", out_file)
    assert code == 0 and "0 added" in out and "1 kept" in out
    bad = tmp / "bad.json"
    bad.write_text(json.dumps({"documents": []}), encoding="utf-8")
    code, out, err = run(capsys, "--library", other, "annotations-import", str(bad))
    assert code == 1 and "refused, nothing imported" in err and out == ""
    code, _out, err = run(capsys, "--library", other, "annotations-import", str(tmp / "missing.json"))
    assert code == 1 and "missing.json" in err


def test_remove_reports_the_kept_annotations(capsys, lib_dir) -> None:
    folder, doc_id, _tmp = lib_dir
    run(capsys, "--library", folder, "annotate", doc_id, "art_1", "--note", "留着")
    code, out, _ = run(capsys, "--library", folder, "remove", doc_id, "--json")
    assert code == 0 and json.loads(out)["kept"] == {"annotations": 1, "links": 0}
    code, out, _ = run(capsys, "--library", folder, "annotations")
    assert "doc-removed" in out and "留着" in out
