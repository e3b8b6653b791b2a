"""``regreader compare OLD NEW``: text, --json, --docx, --all and errors, on 公司法 2018 → 2023."""
from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from reader.cli import main
from tests.export_helpers import lock_target

LAWS = "corpus/laws/民法商法"
OLD, NEW = "公司法(2018-10-26).md", "公司法(2023-12-29).md"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def library(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str]:
    """A library holding both versions: (folder, old id, new id)."""
    folder = str(tmp_path_factory.mktemp("compare-lib"))
    assert main(["--library", folder, "import", "--json", str(shared_dir / LAWS / OLD),
                 str(shared_dir / LAWS / NEW)]) == 0
    from reader.store.library import Library

    with Library.open(folder) as lib:
        ids = {Path(d.source.file).name: d.id for d in lib.documents(all_versions=True)}
    return folder, ids[OLD], ids[NEW]


def pair_lines(out: str) -> list[list[str]]:
    """The pair lines of the text output, split into STATUS OLD → NEW SIMILARITY."""
    return [line.split() for line in out.splitlines() if re.search(r" → .* \d\.\d\d$", line)]


def test_text_lists_changes_one_line_per_pair(capsys, library) -> None:
    folder, old_id, new_id = library
    code, out, err = run(capsys, "--library", folder, "compare", old_id, new_id[:10])
    assert code == 0 and err == ""
    assert out.splitlines()[0] == (f"中华人民共和国公司法 2018年10月26日修正 ({old_id}) → "
                                   f"中华人民共和国公司法 2023年12月29日修订 ({new_id})")
    lines = pair_lines(out)
    assert ["moved", "第七十一条", "→", "第八十四条"] == lines[[l[1] for l in lines].index("第七十一条")][:4]
    assert ["added", "—", "→", "第六条", "0.00"] in lines
    assert not any(l[0] == "same" for l in lines)
    assert not any(l[1:4] == ["第十条", "→", "第八条"] for l in lines)  # only renumbered: not listed
    assert re.search(r"^articles: .*\d+ moved, \d+ added, \d+ removed, \d+ split, \d+ merged", out, re.M)
    assert "not listed (--all lists them)" in out

    code, every, _ = run(capsys, "--library", folder, "compare", old_id, new_id, "--all")
    all_lines = pair_lines(every)
    assert code == 0 and len(all_lines) > len(lines)
    assert ["moved", "第十条", "→", "第八条", "1.00"] in all_lines and "--all lists" not in every


def test_json_pairs(capsys, library) -> None:
    folder, old_id, new_id = library
    code, out, _ = run(capsys, "--library", folder, "compare", old_id, new_id, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["old"], data["new"]) == (old_id, new_id) and "export" not in data
    pairs = data["pairs"]
    assert all({"old", "new", "status", "similarity", "paragraphs"} <= set(p) for p in pairs)
    moved = next(p for p in pairs if p["old"] and p["old"]["label"] == "第七十一条")
    assert moved["status"] == "moved" and moved["new"]["label"] == "第八十四条"
    assert set(moved["old"]) == {"node_id", "label"} and 0 < moved["similarity"] <= 1
    assert any(p["old"] is None and p["status"] == "added" for p in pairs)
    summary = data["summary"]
    statuses = ("same", "changed", "moved", "added", "removed", "split", "merged")
    assert sum(summary[s] + summary["headings"][s] for s in statuses) == len(pairs)


def test_docx_written_and_reported(capsys, library, tmp_path) -> None:
    folder, old_id, new_id = library
    out_path = tmp_path / "对照表.docx"
    code, out, _ = run(capsys, "--library", folder, "compare", old_id, new_id, "--docx", str(out_path), "--json")
    assert code == 0
    export = json.loads(out)["export"]
    table = docx.Document(str(out_path)).tables[0]
    assert export["path"] == str(out_path) and export["rows"] == len(table.rows) - 1 > 200
    code, out, _ = run(capsys, "--library", folder, "compare", old_id, new_id, "--docx", str(out_path), "--all")
    assert code == 0 and re.search(rf"^wrote {re.escape(str(out_path))}: \d+ rows", out, re.M)
    assert len(docx.Document(str(out_path)).tables[0].rows) - 1 > export["rows"]


def test_unknown_id_is_a_user_error(capsys, library) -> None:
    folder, old_id, _ = library
    code, out, err = run(capsys, "--library", folder, "compare", old_id, "doc_nope")
    assert code == 1 and out == ""
    assert err.startswith("regreader: ") and "doc_nope" in err and "no such document" in err


def test_locked_target_is_a_user_error_and_keeps_the_old_file(capsys, library, tmp_path, monkeypatch) -> None:
    folder, old_id, new_id = library
    target = tmp_path / "open.docx"
    target.write_bytes(b"kept")
    lock_target(monkeypatch, target)
    code, _, err = run(capsys, "--library", folder, "compare", old_id, new_id, "--docx", str(target))
    assert code == 1 and str(target) in err and "占用" in err
    assert target.read_bytes() == b"kept" and [p.name for p in tmp_path.iterdir()] == [target.name]
