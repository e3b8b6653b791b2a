"""The version commands of the CLI on 公司法 2018 and 2023: the import report lists the
version added, `versions`, `show --version`, `compare DOC_ID [--from] [--to]` (the JSON
shape of issue 14), `list` and `search` on current versions, `remove` of a version."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main

LAWS = Path("corpus/laws/民法商法")
OLD, NEW = "公司法(2018-10-26).md", "公司法(2023-12-29).md"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(shared_dir: Path, tmp_path: Path, capsys) -> tuple[str, dict, Path]:
    """A library holding 2018, then 2023 imported: (folder, the import report, the files)."""
    files = tmp_path / "files"
    files.mkdir()
    for name in (OLD, NEW):
        shutil.copy(shared_dir / LAWS / name, files / name)
    lib = str(tmp_path / "lib")
    assert run(capsys, "--library", lib, "import", str(files / OLD))[0] == 0
    code, out, err = run(capsys, "--library", lib, "import", "--json", str(files / NEW))
    assert code == 0, err
    return lib, json.loads(out), files


def test_import_report_lists_the_version(folder, capsys) -> None:
    lib, report, files = folder
    (version,) = report["versions"]
    assert version["current"] and version["label"] == "2023年12月29日修订"
    assert not report["added"] and not report["unchanged"]
    code, out, _ = run(capsys, "--library", lib, "import", str(files / NEW))  # the same file again
    assert code == 0 and "0 new versions" in out
    shutil.copy(files / NEW, files / "copy.md")
    with (files / "copy.md").open("a", encoding="utf-8") as f:
        f.write("\n\n")
    code, out, _ = run(capsys, "--library", lib, "import", str(files / "copy.md"))
    assert code == 0 and "1 unchanged" in out and "already holds this text" in out


def test_versions_show_and_list(folder, capsys) -> None:
    lib, report, _ = folder
    new_id = report["versions"][0]["id"]
    code, out, _ = run(capsys, "--library", lib, "versions", new_id, "--json")
    versions = json.loads(out)["versions"]
    assert code == 0 and [v["label"] for v in versions] == ["2018年10月26日修正", "2023年12月29日修订"]
    assert [v["current"] for v in versions] == [False, True] and versions[1]["in_force_from"] == "2024-07-01"
    code, out, _ = run(capsys, "--library", lib, "versions", new_id)
    assert code == 0 and "2 versions" in out and "2018年10月26日修正" in out
    old_id = versions[0]["id"]
    for spec in ("1", "2018", "previous", old_id):
        code, out, _ = run(capsys, "--library", lib, "show", new_id, "--version", spec, "--json")
        (doc,) = json.loads(out)["documents"]
        assert code == 0 and doc["id"] == old_id and not doc["version"]["current"]
    code, out, err = run(capsys, "--library", lib, "show", new_id, "--version", "7")
    assert code == 1 and "no version 7" in err
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert [d["id"] for d in json.loads(out)["documents"]] == [new_id]
    code, out, _ = run(capsys, "--library", lib, "list", "--all-versions", "--json")
    assert len(json.loads(out)["documents"]) == 2
    code, out, _ = run(capsys, "--library", lib, "list")
    assert "current, 2 versions" in out


def test_compare_versions_json_shape(folder, capsys) -> None:
    lib, report, _ = folder
    new_id = report["versions"][0]["id"]
    code, out, _ = run(capsys, "--library", lib, "compare", new_id, "--json")
    data = json.loads(out)
    assert code == 0 and data["versions"] == {"old": "2018年10月26日修正", "new": "2023年12月29日修订"}
    for pair in data["pairs"]:
        assert set(pair) >= {"old", "new", "status", "similarity"}
        for side in ("old", "new"):
            assert pair[side] is None or set(pair[side]) == {"node_id", "label"}
    moved = [p for p in data["pairs"] if p["status"] == "moved"]
    assert any((p["old"]["label"], p["new"]["label"]) == ("第七十一条", "第八十四条") for p in moved)
    code, out2, _ = run(capsys, "--library", lib, "compare", new_id, "--from", "1", "--to", "current", "--json")
    assert code == 0 and json.loads(out2)["pairs"] == data["pairs"]
    code, _, err = run(capsys, "--library", lib, "compare", new_id, "--to", "1")
    assert code == 1 and "no version before" in err
    code, _, err = run(capsys, "--library", lib, "compare", new_id, new_id, "--from", "1")
    assert code == 1 and "not both" in err


def test_search_current_by_default(folder, capsys) -> None:
    lib, report, _ = folder
    phrase = '"公司股东依法享有资产收益、参与重大决策和选择管理者等权利"'  # the 2018 wording only
    code, out, _ = run(capsys, "--library", lib, "search", phrase, "--json")
    assert code == 0 and json.loads(out)["total"] == 0
    code, out, _ = run(capsys, "--library", lib, "search", phrase, "--all-versions", "--json")
    assert code == 0 and json.loads(out)["total"] >= 1


def test_remove_a_version_keeps_the_notes(folder, capsys) -> None:
    lib, report, _ = folder
    new_id = report["versions"][0]["id"]
    code, out, _ = run(capsys, "--library", lib, "annotate", new_id, "art_1", "--note", "总则", "--json")
    assert code == 0
    code, out, _ = run(capsys, "--library", lib, "remove", new_id)
    assert code == 0 and "the current version is" in out and "1 annotation" in out
    code, out, _ = run(capsys, "--library", lib, "annotations", "--json")
    (ann,) = json.loads(out)["annotations"]
    assert ann["doc_id"] != new_id and ann["note"] == "总则"
    code, out, _ = run(capsys, "--library", lib, "remove", ann["doc_id"], "--all-versions", "--json")
    assert code == 0 and json.loads(out)["kept"]["annotations"] == 1


def test_user_says_two_documents_are_versions(folder, capsys, tmp_path: Path) -> None:
    lib, report, files = folder
    renamed = tmp_path / "条例.md"
    renamed.write_text((files / OLD).read_text(encoding="utf-8").replace(
        "中华人民共和国公司法", "公司登记条例", 1).replace("第一条", "第一条　（另一文本）", 1), encoding="utf-8")
    code, out, _ = run(capsys, "--library", lib, "import", "--json", str(renamed))
    (other,) = json.loads(out)["added"]
    code, out, _ = run(capsys, "--library", lib, "versions", other["id"], "--version-of",
                       report["versions"][0]["id"], "--json")
    assert code == 0 and len(json.loads(out)["versions"]) == 3
