"""Command line: exit codes, JSON shapes, error messages, human output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli
from reader.cli import main
from reader.cli_output import display_width, pad, snippet
from tests.conftest import REPO, make_document

DOC_KEYS = {"id", "title", "kind", "doc_number", "issuer", "issued", "effective", "expires",
            "status", "source", "front_matter", "warnings", "nodes"}
NODE_KEYS = {"id", "kind", "label", "number", "heading", "text", "children"}
LIST_KEYS = {"id", "title", "kind", "doc_number", "issuer", "issued", "effective", "status", "source",
             "lineage", "version", "versions", "current"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python main.py ARGV`` as a user would run it (bytes: the encoding is under test)."""
    return subprocess.run([sys.executable, str(REPO / "main.py"), *argv], capture_output=True,
                          cwd=REPO, env={**os.environ, **(env or {})}, timeout=120)


def check_nodes(nodes: list[dict]) -> None:
    for node in nodes:
        assert set(node) == NODE_KEYS
        check_nodes(node["children"])


# -- JSON shapes -------------------------------------------------------------------------


def test_import_list_show_json(capsys, library_dir: Path, seed_files: list[Path]) -> None:
    lib = str(library_dir)
    code, out, err = run(capsys, "--library", lib, "import", "--json", *map(str, seed_files))
    assert code == 0, err
    report = json.loads(out)
    assert report["added"] and not report["failures"]
    assert set(report["added"][0]) == {"id", "title", "file"}

    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert code == 0
    listed = json.loads(out)["documents"]
    superseded = {v["previous"] for v in report["versions"]}
    assert {d["id"] for d in listed} == {d["id"] for d in report["added"] + report["versions"]} - superseded
    for entry in listed:
        assert set(entry) == LIST_KEYS
        assert set(entry["source"]) == {"file", "sha256", "format"}

    code, out, _ = run(capsys, "show", listed[0]["id"], "--json", "--library", lib)
    assert code == 0
    docs = json.loads(out)["documents"]
    assert len(docs) == 1 and set(docs[0]) == DOC_KEYS | {"version"} and docs[0]["id"] == listed[0]["id"]
    assert docs[0]["version"]["current"] and docs[0]["version"]["number"] >= 1
    assert docs[0]["nodes"]
    check_nodes(docs[0]["nodes"])


def test_parse_json_leaves_library_untouched(capsys, tmp_path: Path, seed_files: list[Path]) -> None:
    lib = tmp_path / "never-created"
    code, out, err = run(capsys, "--library", str(lib), "parse", str(seed_files[3]), "--json")
    assert code == 0, err
    docs = json.loads(out)["documents"]
    assert docs and all(set(d) == DOC_KEYS for d in docs)
    assert "\\u" not in out  # ensure_ascii=False: Chinese stays readable
    assert not lib.exists()


def test_show_json_round_trips_a_full_document(capsys, library_dir: Path, fake_parser, tmp_path: Path) -> None:
    doc = make_document()
    path = fake_parser.add(tmp_path / "a.txt", doc)
    assert run(capsys, "--library", str(library_dir), "import", str(path))[0] == 0
    code, out, _ = run(capsys, "--library", str(library_dir), "show", doc.id, "--json")
    expected = doc.to_json()
    expected["source"]["file"] = str(path.resolve())
    (shown,) = json.loads(out)["documents"]
    assert code == 0 and shown.pop("version")["current"] and shown == expected


# -- exit codes and errors ---------------------------------------------------------------


def test_missing_file_is_user_error_naming_the_file(capsys, library_dir: Path, seed_files: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "缺失的文件.txt"
    code, out, err = run(capsys, "--library", str(library_dir), "import", str(seed_files[0]), str(missing))
    assert code == 1
    assert err.startswith(f"regreader: {missing}: ")
    code, _, _ = run(capsys, "--library", str(library_dir), "list", "--json")
    assert code == 0  # the good file went in regardless
    code, _, err = run(capsys, "parse", str(missing))
    assert code == 1 and f"regreader: {missing}: " in err


def test_unsupported_type_is_user_error(capsys, library_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n\x00\xff\xfe binary")
    code, _, err = run(capsys, "--library", str(library_dir), "import", str(bad))
    assert code == 1, err
    assert str(bad) in err and "internal" not in err
    code, _, err = run(capsys, "parse", str(bad))
    assert code == 1 and str(bad) in err


def test_unknown_document_id(capsys, library_dir: Path) -> None:
    for command in ("show", "remove"):
        code, out, err = run(capsys, "--library", str(library_dir), command, "doc_000000000000")
        assert code == 1 and out == ""
        assert err == "regreader: doc_000000000000: no such document in the library\n"


def test_internal_error_exits_2_with_short_message(capsys, library_dir: Path, monkeypatch) -> None:
    from reader.store.library import Library

    def broken(self, all_versions=False):
        raise RuntimeError("boom")

    monkeypatch.setattr(Library, "documents", broken)
    monkeypatch.delenv("REGREADER_DEBUG", raising=False)
    code, out, err = run(capsys, "--library", str(library_dir), "list")
    assert code == 2
    assert err == "regreader: internal error: RuntimeError: boom (set REGREADER_DEBUG=1 for details)\n"


def test_internal_error_during_import_exits_2(capsys, library_dir: Path, seed_files, monkeypatch) -> None:
    import reader.store.library as library_module

    def crash(path):
        raise ValueError("parser bug")

    monkeypatch.setattr(library_module, "parse_file", crash)
    code, _, err = run(capsys, "--library", str(library_dir), "import", str(seed_files[0]))
    assert code == 2 and "parser bug" in err and str(seed_files[0]) in err


def test_usage_error_exits_2_from_argparse(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["show"])
    assert exc.value.code == 2


def test_remove(capsys, library_dir: Path, seed_files: list[Path]) -> None:
    lib = str(library_dir)
    run(capsys, "--library", lib, "import", str(seed_files[1]))
    listed = json.loads(run(capsys, "--library", lib, "list", "--json")[1])["documents"]
    code, out, _ = run(capsys, "--library", lib, "remove", listed[0]["id"], "--json")
    assert code == 0 and json.loads(out) == {"removed": listed[0], "current": None,
                                             "kept": {"annotations": 0, "links": 0}}
    after = json.loads(run(capsys, "--library", lib, "list", "--json")[1])["documents"]
    assert listed[0]["id"] not in {d["id"] for d in after}


# -- human output ------------------------------------------------------------------------


def test_no_command_opens_the_window_on_the_library(monkeypatch, library_dir: Path) -> None:
    calls = []
    monkeypatch.setattr("reader.ui.app.run", lambda argv, files=None, library=None: calls.append((files, library)) or 0)
    assert cli.main(["--library", str(library_dir)]) == 0
    assert calls == [(None, str(library_dir))]


def test_list_columns_align_with_cjk(capsys, library_dir: Path, fake_parser, tmp_path: Path) -> None:
    docs = [make_document(title="短", doc_number="穗府〔2022〕1号", kind="规章"),
            make_document(title="很长很长的标题", doc_number="A1", kind="规范性文件"),
            make_document(title="Mixed 中英 title", doc_number=None, kind="通知")]
    run(capsys, "--library", str(library_dir), "import", str(fake_parser.add(tmp_path / "a.txt", *docs)))
    code, out, _ = run(capsys, "--library", str(library_dir), "list")
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith(("ID", "doc_"))]
    assert len(lines) == 4
    # every column starts at the same terminal cell in every row
    for column in ("KIND", "NUMBER", "ISSUED", "TITLE"):
        header_col = display_width(lines[0][: lines[0].index(column)])
        starts = set()
        for line in lines[1:]:
            doc = next(d for d in docs if line.startswith(d.id))
            value = {"KIND": doc.kind, "NUMBER": doc.doc_number or "", "ISSUED": doc.issued.isoformat(),
                     "TITLE": doc.title}[column]
            if value:
                starts.add(display_width(line[: line.index(value, len(doc.id))]))
        assert starts == {header_col}, column


def test_show_prints_an_indented_tree(capsys, library_dir: Path, fake_parser, tmp_path: Path) -> None:
    doc = make_document()
    run(capsys, "--library", str(library_dir), "import", str(fake_parser.add(tmp_path / "a.txt", doc)))
    code, out, _ = run(capsys, "--library", str(library_dir), "show", doc.id)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == doc.title
    assert any("穗府规〔2024〕1号" in line for line in lines)
    tree = lines[lines.index("") + 1:]
    assert tree[0] == "第一章 总则"
    assert tree[1].startswith("  第1条")
    assert tree[2].startswith("    ¶1 第1条")
    assert tree[3] == "      （一）第1项；"  # the label is not repeated when the text opens with it


def test_width_helpers() -> None:
    assert display_width("中文ab") == 6
    assert display_width("ＡＢ") == 4  # full-width Latin
    assert pad("中", 4) == "中  "
    assert snippet("一二三四五六", 7) == "一二三…"
    assert display_width(snippet("一二三四五六", 7)) <= 7
    assert snippet("a\n  b", 10) == "a b"


# -- as a process --------------------------------------------------------------------------


def test_main_py_prints_utf8_under_c_locale(tmp_path: Path) -> None:
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}
    sample = next((Path(__file__).resolve().parents[1] / "resources" / "samples").glob("001_*.txt"))
    proc = run_process("--library", str(tmp_path / "lib"), "import", str(sample), env=env)
    assert proc.returncode == 0, proc.stderr
    proc = run_process("--library", str(tmp_path / "lib"), "list", env=env)
    text = proc.stdout.decode("utf-8")  # raises if anything else came out
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    proc = run_process("--library", str(tmp_path / "lib"), "list", "--json", env=env)
    assert json.loads(proc.stdout.decode("utf-8"))["documents"]


def test_process_exit_codes(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    assert run_process("--library", lib, "list").returncode == 0
    proc = run_process("--library", lib, "import", str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert proc.stderr.decode("utf-8").startswith(f"regreader: {tmp_path / 'missing.txt'}: ")
    assert run_process("--library", lib, "show", "doc_nope").returncode == 1
    assert run_process("--library", lib, "bogus-command").returncode == 2


def test_gui_main_opens_the_window_and_imports_files(monkeypatch, tmp_path: Path) -> None:
    calls = []
    monkeypatch.setattr("reader.ui.app.run", lambda argv, files=None, library=None: calls.append((files, library)) or 0)
    assert cli.gui_main(["--library", str(tmp_path), "a.txt", "b.md"]) == 0
    assert cli.gui_main([]) == 0
    assert calls == [(["a.txt", "b.md"], str(tmp_path)), (None, None)]
