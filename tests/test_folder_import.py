"""Importing folders: which files a folder stands for, the one report of a folder import
(Library and CLI), and the real files of ../shared/realdocs."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import importers
from reader.core.errors import ImportFailure
from reader.core.importers.discover import (BROKEN_LINK, FORMAT, NO_EXTENSION, expand_paths,
                                            natural_key)
from tests.conftest import make_document

RULE = "{title}\n\n第一条　为了测试文件夹导入，制定本办法。\n第二条　本办法自公布之日起施行。\n"


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rule(path: Path, title: str) -> Path:
    heading = "# " if path.suffix == ".md" else ""  # a Markdown title is a heading
    return write(path, heading + RULE.format(title=title))


def docx_rule(path: Path, title: str) -> Path:
    import docx

    document = docx.Document()
    for line in RULE.format(title=title).splitlines():
        document.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder as users have them: nested folders, clutter from other programs, files
    that are not documents, a link back up the tree and a dead link."""
    root = tmp_path / "法规"
    rule(root / "第10号.txt", "广州市第十号测试办法")
    rule(root / "第2号.md", "广州市第二号测试办法")
    docx_rule(root / "规章" / "深层" / "办法.docx", "广州市深层测试办法")
    rule(root / "规章" / "条例.TXT", "广州市大写后缀测试条例")
    write(root / "规章" / "附件.json", "{}")
    write(root / "旧格式.doc", "x")
    write(root / "README", "not a regulation")
    write(root / "办法(2021.1.22)", "no extension, although the name has dots")
    for junk in (".hidden.txt", ".git/config.txt", "__MACOSX/._第2号.md", "~$办法.docx",
                 ".DS_Store", "规章/.~lock.条例.TXT#"):
        write(root / junk, "junk")
    (root / "规章" / "回环").symlink_to(root, target_is_directory=True)
    (root / "失效.txt").symlink_to(root / "不存在.txt")
    return root


# -- which files a folder stands for ------------------------------------------------------


def test_a_folder_expands_to_its_supported_files_in_order(tree: Path) -> None:
    found = expand_paths([tree])
    assert [Path(f).relative_to(tree).as_posix() for f in found.files] == [
        "第2号.md", "第10号.txt", "规章/条例.TXT", "规章/深层/办法.docx"]
    skipped = {Path(s.file).relative_to(tree).as_posix(): s for s in found.skipped}
    assert set(skipped) == {"旧格式.doc", "README", "办法(2021.1.22)", "规章/附件.json", "失效.txt"}
    assert skipped["规章/附件.json"].kind == FORMAT and ".json" in skipped["规章/附件.json"].reason
    assert skipped["旧格式.doc"].kind == FORMAT and "docx" in skipped["旧格式.doc"].reason
    assert skipped["README"].kind == skipped["办法(2021.1.22)"].kind == NO_EXTENSION
    assert skipped["失效.txt"].kind == BROKEN_LINK
    assert not found.unreadable and not found.cancelled


def test_files_given_by_name_are_always_tried(tree: Path) -> None:
    given = [tree / "规章" / "附件.json", tree / "README", tree / "missing.txt", "bad\x00name.txt"]
    found = expand_paths(given)
    assert found.files == [str(p) for p in given] and not found.skipped


def test_a_file_reached_twice_is_read_once(tree: Path) -> None:
    found = expand_paths([tree / "第10号.txt", tree, tree / "规章"])
    assert found.files[0] == str(tree / "第10号.txt")
    assert len(found.files) == len({os.path.realpath(f) for f in found.files}) == 4


def test_supported_formats_are_read_when_asked(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not any(f.endswith(".json") for f in expand_paths([tree]).files)
    monkeypatch.setitem(importers._IMPORTERS, ".json", ("txt", "load_txt"))  # a format registered later
    assert any(f.endswith("附件.json") for f in expand_paths([tree]).files)


def test_an_unreadable_folder_is_reported(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202 - as os.scandir; root could read a chmod 000 folder
        if str(path).endswith("深层"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = expand_paths([tree])
    assert [Path(f.path).name for f in found.unreadable] == ["深层"]
    assert "Permission denied" in found.unreadable[0].reason
    assert len(found.files) == 3


def test_expansion_can_be_cancelled(tree: Path) -> None:
    found = expand_paths([tree], cancel=lambda: True)
    assert found.cancelled and not found.files


def test_natural_order() -> None:
    names = ["第10号", "第2号", "附件1", "附件", "第1号"]
    assert sorted(names, key=natural_key) == ["第1号", "第2号", "第10号", "附件", "附件1"]


# -- the Library: one report ---------------------------------------------------------------


def test_a_folder_import_gives_one_report(library, tree: Path) -> None:
    write(tree / "规章" / "坏文件.txt").write_bytes(b"\x00\x01binary")
    seen: list[tuple[int, int]] = []
    report = library.import_files([tree], progress=lambda done, total, _p: seen.append((done, total)))
    assert sorted(d.title for d in report.added) == sorted(
        ["广州市第十号测试办法", "广州市第二号测试办法", "广州市深层测试办法", "广州市大写后缀测试条例"])
    assert [Path(f.file).name for f in report.failures] == ["坏文件.txt"]
    assert len(report.skipped) == 5
    assert seen[-1] == (5, 5) and report.files_done == 5
    assert len(library.documents()) == 4  # the bad file changed nothing
    data = report.to_json()
    assert {s["kind"] for s in data["skipped"]} == {FORMAT, NO_EXTENSION, BROKEN_LINK}
    assert all(set(s) == {"file", "reason", "kind"} for s in data["skipped"])

    again = library.import_files([tree])  # a re-import updates in place
    assert len(again.updated) == 4 and not again.added and len(library.documents()) == 4


def test_a_folder_import_can_be_cancelled_between_files(library, tree: Path) -> None:
    calls = []
    report = library.import_files([tree], cancel=lambda: calls.append(1) or len(calls) > 6)
    assert report.cancelled and 0 < report.files_done < 4
    assert len(library.documents()) == report.files_done


# -- the command line ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_imports_nested_folders(capsys, library_dir: Path, tree: Path, tmp_path: Path) -> None:
    single = rule(tmp_path / "单独.txt", "广州市单独文件测试办法")
    code, out, err = run(capsys, "--library", str(library_dir), "import", "--json", str(tree), str(single))
    assert code == 0, err
    report = json.loads(out)
    assert len(report["added"]) == 5 and not report["failures"] and report["files"] == 5
    assert len(report["skipped"]) == 5 and not err

    code, out, err = run(capsys, "--library", str(library_dir), "import", str(tree))
    assert code == 0
    assert "0 added, 4 updated, 0 new versions, 0 unchanged, 0 duplicate, 0 failed, 5 skipped" in out
    assert "skipped 1 file: broken link: 失效.txt" in out


def test_cli_folder_with_a_bad_file_exits_1(capsys, library_dir: Path, tree: Path) -> None:
    bad = write(tree / "规章" / "坏文件.txt")
    bad.write_bytes(b"\x00\x01binary")
    code, out, err = run(capsys, "--library", str(library_dir), "import", "--json", str(tree))
    assert code == 1
    report = json.loads(out)
    assert [f["file"] for f in report["failures"]] == [str(bad)]
    assert len(report["added"]) == 4 and len(report["skipped"]) == 5
    assert err.startswith(f"regreader: {bad}: ")


def test_cli_unsupported_file_given_by_name_fails(capsys, library_dir: Path, tree: Path) -> None:
    code, _out, err = run(capsys, "--library", str(library_dir), "import", str(tree / "规章" / "附件.json"))
    assert code == 1 and "unsupported format '.json'" in err


# -- the real files ------------------------------------------------------------------------


def test_realdocs_folder_is_expanded_and_reported(shared_dir: Path, library, monkeypatch) -> None:
    """Every file below realdocs is imported, skipped (with the importers' reason) or a
    failure — never lost; parsing is stubbed: the parser is judged elsewhere."""
    import reader.store.library as library_module

    realdocs = shared_dir / "realdocs"
    all_files = sorted(str(p.resolve()) for p in realdocs.rglob("*")
                       if p.is_file() and not p.name.startswith("."))
    titles = iter(range(10_000))
    monkeypatch.setattr(library_module, "parse_file",
                        lambda path: [make_document(title=f"文件{next(titles)}", doc_number=None)])
    report = library.import_files([realdocs])
    imported = [d.file for d in report.added]
    skipped = [str(Path(s.file).resolve()) for s in report.skipped]
    assert sorted(imported + skipped) == all_files and not report.failures
    for s in report.skipped:
        with pytest.raises(ImportFailure):
            importers.importer_for(s.file)
    assert any(f.endswith(".gold.json") for f in skipped)
    assert {Path(f).suffix for f in imported} <= set(importers.SUPPORTED)
