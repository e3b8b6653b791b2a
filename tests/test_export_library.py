"""Export through the Library and the CLI: the request is read from the store (annotations
with their category colours, clause notes, links, orphans), the brief read back with
python-docx; `regreader export` prints ExportResult JSON and fails clearly (exit 1)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.export import ExportError, NothingToExport, Scope
from reader.export.ooxml import bookmark_name, nearest_highlight
from reader.store.library import Library, Span
from tests.conftest import REPO
from tests.export_helpers import (
    all_text,
    bookmarks,
    comment_anchors,
    highlighted,
    hyperlinks,
    open_docx,
)

SURVEY = REPO / "resources" / "samples" / "003_d2bd9f2bf5d49910.txt"


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exportlib") / "lib"
    with Library.open(folder) as lib:
        report = lib.import_files(sorted(SURVEY.parent.glob("*.txt")))
        assert not report.failures
    return folder


@pytest.fixture
def lib_dir(_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    shutil.copytree(_template, folder)
    return folder


def survey_id(lib: Library) -> str:
    return next(s.id for s in lib.documents() if "测绘地理信息管理办法" in s.title)


def other_id(lib: Library) -> str:
    return next(s.id for s in lib.documents() if "医疗保险" in s.title)


def annotate(lib: Library) -> dict[str, str]:
    doc = survey_id(lib)
    ids = {
        "penalty": lib.annotations.add(doc, "art_17__para_2", Span(quote="不得让测绘单位低于测绘成本中标"),
                                       category="罚则", note="低价中标：招标单位的责任。", tags=["罚则", "招投标"],
                                       author="王律师").id,
        "duty": lib.annotations.add(doc, "art_17__para_1", Span(quote="不得超越资质等级许可的范围从事测绘活动"),
                                    category="义务", author="王律师").id,
        "resolved": lib.annotations.add(doc, "art_16__para_1", Span(quote="依法取得相应等级的测绘资质证书"),
                                        category="重点", note="已核实。", author="李助理", status="resolved").id,
        "clause": lib.annotations.add(doc, "art_18", category="重点", note="现场作业条款。", author="王律师").id,
    }
    ids["link"] = lib.annotations.link(doc, "art_17__para_2", doc, "art_42", src=Span(quote="不得让测绘单位低于测绘成本中标"),
                           relation="依据", note="对应的法律责任", author="王律师").id
    return ids


def test_brief_from_the_store(lib_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    with Library.open(lib_dir) as lib:
        annotate(lib)
        colours = {c.name: c.color for c in lib.annotations.categories()}
        doc = survey_id(lib)
        result = lib.exports.brief(out, title="测绘审阅", author="王律师", review_paragraphs=True)
    assert out.is_file()
    assert result.documents == 1  # only the annotated document, by default
    assert (result.annotations, result.comments, result.links) == (4, 3, 1)
    d = open_docx(out)
    comments = {c.text.splitlines()[0]: c for c in d.comments}
    assert len(comments) == 3
    anchors = comment_anchors(d)
    by_id = {c.comment_id: c for c in d.comments}
    penalty = next(cid for cid, c in by_id.items() if c.text.startswith("低价中标"))
    assert anchors[penalty] == "不得让测绘单位低于测绘成本中标"
    assert by_id[penalty].author == "王律师"
    assert "#罚则" in by_id[penalty].text or "罚则" in by_id[penalty].text
    resolved = next(cid for cid, c in by_id.items() if c.text.startswith("已核实"))
    assert anchors[resolved] == "依法取得相应等级的测绘资质证书" and by_id[resolved].author == "李助理"
    # the category colour → Word's highlight palette
    hl = highlighted(d)
    assert "不得超越资质等级许可的范围从事测绘活动" in hl[nearest_highlight(colours["义务"])]
    # every article bookmarked; the link's target is a hyperlink to its bookmark
    assert bookmark_name(doc, "art_42") in bookmarks(d)
    assert any(anchor == bookmark_name(doc, "art_42") for anchor, _text in hyperlinks(d))
    text = all_text(d)
    assert "测绘审阅" in text and "王律师" in text and "审阅意见" in text


def test_scope_options_and_resolved(lib_dir: Path, tmp_path: Path) -> None:
    with Library.open(lib_dir) as lib:
        annotate(lib)
        doc = survey_id(lib)
        request = lib.exports.brief_request(tmp_path / "x.docx", annotated_only=True, comments=False)
        assert request.options.scope is Scope.ANNOTATED and not request.options.comments
        (bdoc,) = request.documents
        clause = next(a for a in bdoc.annotations if a.node_id == "art_18")
        assert clause.whole_node and clause.note == "现场作业条款。"
        full = lib.exports.brief(tmp_path / "full.docx", [doc])
        short = lib.exports.brief(tmp_path / "short.docx", annotated_only=True, include_resolved=False,
                                  comments=False)
    assert short.units < full.units
    assert short.annotations == 3 and short.comments == 0
    assert not list(open_docx(tmp_path / "short.docx").comments)


def test_link_to_a_document_outside_the_brief_is_cited(lib_dir: Path, tmp_path: Path) -> None:
    with Library.open(lib_dir) as lib:
        doc, other = survey_id(lib), other_id(lib)
        target = lib.document(other)
        node = next(n for n in target.walk() if n.text.strip())
        lib.annotations.link(doc, "art_17", other, node.id, relation="参照", note="另一文件")
        request = lib.exports.brief_request(tmp_path / "b.docx", [doc])
        (link,) = request.links
        assert link.dst.citation.startswith(f"《{target.title}》")
        result = lib.exports.brief(tmp_path / "b.docx", [doc])
    assert result.links == 1
    assert f"《{target.title}》" in all_text(open_docx(tmp_path / "b.docx"))


def test_references_link_inside_the_brief_and_cite_outside(lib_dir: Path, tmp_path: Path) -> None:
    with Library.open(lib_dir) as lib:
        if getattr(lib, "refs", None) is None:
            pytest.skip("the cross-reference store is not there")
        found = [(s.id, r) for s in lib.documents() for r in lib.refs.list(s.id)
                 if r.target_doc_id and r.target_doc_id != s.id]
        assert found, "the samples cite each other"
        src, ref = found[0]
        target = lib.document(ref.target_doc_id)
        alone = lib.exports.brief_request(tmp_path / "a.docx", [src])
        cited = [r for r in alone.documents[0].refs if r.target_doc_id == target.id]
        assert cited and all(r.citation.startswith(f"《{target.title}》") for r in cited)
        both = lib.exports.brief_request(tmp_path / "b.docx", [src, target.id])
        assert all(not r.citation for r in both.documents[0].refs if r.target_doc_id == target.id)
        lib.exports.brief(tmp_path / "a.docx", [src])
        lib.exports.brief(tmp_path / "b.docx", [src, target.id])
    doc_mark = bookmark_name(target.id)
    assert not any(a == doc_mark for a, _t in hyperlinks(open_docx(tmp_path / "a.docx")))
    assert any(a == doc_mark for a, _t in hyperlinks(open_docx(tmp_path / "b.docx")))


def test_orphan_annotation_is_listed_apart(lib_dir: Path, tmp_path: Path) -> None:
    with Library.open(lib_dir) as lib:
        ann = lib.annotations.add(survey_id(lib), "art_17__para_1", Span(quote="测绘活动"), note="孤立")
        lib.db.conn.execute("UPDATE annotations SET anchor_state = 'orphan' WHERE id = ?", (ann.id,))
        result = lib.exports.brief(tmp_path / "o.docx")
    assert result.orphans == 1 and result.annotations == 0


def test_nothing_to_export(lib_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.docx"
    with Library.open(lib_dir) as lib:
        with pytest.raises(NothingToExport) as exc:
            lib.exports.brief(out)  # no annotations anywhere: no default documents
        assert str(out) in str(exc.value)
        with pytest.raises(NothingToExport):
            lib.exports.brief(out, [survey_id(lib)], annotated_only=True)
        with pytest.raises(NothingToExport):
            lib.exports.annotation_table(out, [survey_id(lib)])
        assert lib.exports.brief(out, [survey_id(lib)]).documents == 1  # full text: fine
    assert out.is_file()


def test_clean_and_table(lib_dir: Path, tmp_path: Path) -> None:
    with Library.open(lib_dir) as lib:
        annotate(lib)
        doc = survey_id(lib)
        clean = lib.exports.clean(doc, tmp_path / "clean.docx")
        table = lib.exports.annotation_table(tmp_path / "table.docx", include_resolved=False)
    assert clean.comments == 0 and not list(open_docx(tmp_path / "clean.docx").comments)
    assert table.annotations == 3
    d = open_docx(tmp_path / "table.docx")
    assert len(d.tables) == 1 and len(d.tables[0].rows) == 4  # header + 3


def test_unwritable_target_leaves_the_old_file(lib_dir: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    out = tmp_path / "ro" / "brief.docx"
    out.parent.mkdir()
    out.write_bytes(b"old")
    out.chmod(0o444)
    with Library.open(lib_dir) as lib:
        annotate(lib)
        with pytest.raises(ExportError) as exc:
            lib.exports.brief(out)
    assert str(out) in str(exc.value)
    assert out.read_bytes() == b"old"


# -- the command line ------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_export_json(lib_dir: Path, tmp_path: Path, capsys) -> None:
    with Library.open(lib_dir) as lib:
        annotate(lib)
        doc = survey_id(lib)
    out = tmp_path / "cli.docx"
    code, stdout, _err = run(capsys, "export", str(out), "--library", str(lib_dir), "--doc", doc[:10],
                             "--title", "T", "--author", "张三", "--json")
    assert code == 0
    data = json.loads(stdout)
    assert set(data) == {"path", "documents", "units", "annotations", "comments", "highlights",
                         "hyperlinks", "citations", "links", "orphans", "seconds", "warnings"}
    assert data["path"] == str(out) and data["documents"] == 1 and data["comments"] == 3
    code, stdout, _err = run(capsys, "--library", str(lib_dir), "export", str(out), "--annotated-only",
                             "--no-comments", "--json")
    assert code == 0 and json.loads(stdout)["comments"] == 0
    code, stdout, _err = run(capsys, "--library", str(lib_dir), "export", str(out))
    assert code == 0 and stdout.startswith(f"wrote {out}")
    for extra in (["--clean", "--doc", doc], ["--table"]):
        code, stdout, _err = run(capsys, "--library", str(lib_dir), "export", str(tmp_path / "e.docx"),
                                 *extra, "--json")
        assert code == 0, extra


def test_cli_export_errors(lib_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.docx"
    code, _out, err = run(capsys, "--library", str(lib_dir), "export", str(out))
    assert code == 1 and str(out) in err and not out.exists()  # 0 annotations in the library
    with Library.open(lib_dir) as lib:
        doc = survey_id(lib)
    code, _o, err = run(capsys, "--library", str(lib_dir), "export", str(out), "--doc", doc, "--annotated-only")
    assert code == 1 and str(out) in err and not out.exists()
    missing = tmp_path / "nowhere" / "x.docx"
    code, _o, err = run(capsys, "--library", str(lib_dir), "export", str(missing), "--doc", doc)
    assert code == 1 and str(missing) in err
    code, _o, err = run(capsys, "--library", str(lib_dir), "export", str(tmp_path / "x.txt"), "--doc", doc)
    assert code == 1 and ".docx" in err
    code, _o, err = run(capsys, "--library", str(lib_dir), "export", str(out), "--doc", "nosuchdoc")
    assert code == 1 and "nosuchdoc" in err
    code, _o, err = run(capsys, "--library", str(lib_dir), "export", str(out), "--clean")
    assert code == 1 and "--doc" in err
