"""The 修改前后对照表 (reader.export.comparison): 公司法 2018 → 2023 and built cases."""
from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reader.core.errors import UserError
from reader.core.pipeline import parse_file
from reader.core.versions import compare
from reader.export import ExportCancelled, ExportError
from reader.export.comparison import ComparisonOptions, export_comparison, note, version_caption
from reader.store.library import Library, UnknownDocument
from tests.test_versions_compare import SENTENCES, law
from tests.export_helpers import lock_target

LAWS = "corpus/laws/民法商法"
OLD, NEW = "公司法(2018-10-26).md", "公司法(2023-12-29).md"


@pytest.fixture(scope="module")
def company(shared_dir: Path):
    old = parse_file(shared_dir / LAWS / OLD)[0]
    new = parse_file(shared_dir / LAWS / NEW)[0]
    return old, new, compare(old, new)


@pytest.fixture(scope="module")
def tables(company, tmp_path_factory):
    """The changes-only and the full 对照表 of 公司法 2018 → 2023, written once."""
    old, new, cmp = company
    folder = tmp_path_factory.mktemp("cmp")
    out = {}
    for name, every in (("changes", False), ("all", True)):
        path = folder / f"{name}.docx"
        result = export_comparison(cmp, old, new, path, ComparisonOptions(changes_only=not every))
        out[name] = (path, result, docx.Document(str(path)))
    return out


def rows(d) -> list[tuple[str, str, str]]:
    (table,) = d.tables
    return [tuple(c.text for c in r.cells) for r in table.rows]


def row_of(d, old_label: str | None = None, new_label: str | None = None):
    """The table row (its w:tr) whose 修改前 / 修改后 cell opens with the labels."""
    for tr in d.tables[0]._tbl.tr_lst[1:]:
        cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.tc_lst]
        if old_label and not cells[0].startswith(old_label + "　"):
            continue
        if new_label and not cells[1].startswith(new_label + "　"):
            continue
        return tr, cells
    raise AssertionError(f"no row {old_label} → {new_label}")


def runs_with(tc, tag: str) -> list[str]:
    return ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in tc.iter(qn("w:r"))
            if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn(tag)) is not None]


# --- 公司法 2018 → 2023 ------------------------------------------------------------------------

def test_title_header_and_landscape(tables) -> None:
    _, result, d = tables["changes"]
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[0] == "《中华人民共和国公司法》修改前后对照表"
    assert "修改前：2018年10月26日第四次修正" in texts[1] and "修改后：2023年12月29日第二次修订" in texts[1]
    assert rows(d)[0] == ("修改前", "修改后", "说明")
    header = d.tables[0]._tbl.tr_lst[0]
    assert header.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert all(tr.trPr is None or tr.trPr.find(qn("w:tblHeader")) is None
               for tr in d.tables[0]._tbl.tr_lst[1:])
    section = d.sections[0]
    assert section.page_width > section.page_height
    assert result.rows == len(rows(d)) - 1


def test_known_pairs_and_their_notes(tables) -> None:
    _, _, d = tables["changes"]
    _, cells = row_of(d, "第七十一条", "第八十四条")
    assert cells[2].startswith("条文顺序调整（原第七十一条）")
    _, cells = row_of(d, None, "第六条")
    assert cells[0] == "" and cells[2] == "新增"
    _, cells = row_of(d, "第十四条", "第十三条")
    assert cells[2] == "拆分（原第十四条拆分为第十三条、第三十八条）"
    _, cells = row_of(d, "第一百三十三条", "第一百五十一条")
    assert cells[2].startswith("合并（原第一百三十三条、第一百三十五条合并为第一百五十一条")
    tr, cells = row_of(d, "第一条", "第一条")
    assert cells[2] == "修改" and tr.find(".//" + qn("w:shd")) is None
    tr, cells = row_of(d, None, "第二章")  # a heading row: its title, shaded apart from articles
    assert cells == ["", "第二章　公司登记", "新增"]
    assert {s.get(qn("w:fill")) for s in tr.iter(qn("w:shd"))} == {"F2F2F2"}
    split = [r for r in rows(d)[1:] if r[2].startswith("拆分（原")]
    assert len(split) >= 4 and any(old_cell == "" for old_cell, _, _ in split)
    for old_cell, new_cell, why in split:  # each part: its share of the old text, or none
        old_label = why[4:].split("拆分为")[0].rstrip("）")
        assert old_cell == "" or old_cell.startswith(old_label + "　")
        assert new_cell.split("　")[0] in why
    removed = [r for r in rows(d)[1:] if r[2] == "删除"]
    assert removed and all(r[1] == "" and r[0].startswith("第") for r in removed)


def test_deletions_struck_and_insertions_underlined(company, tables) -> None:
    old, new, _ = company
    _, _, d = tables["changes"]
    tr, _ = row_of(d, "第一条", "第一条")
    old_tc, new_tc, _ = tr.tc_lst
    assert "、职工" in runs_with(new_tc, "w:u")
    assert runs_with(new_tc, "w:strike") == [] and runs_with(old_tc, "w:u") == []
    tr, _ = row_of(d, "第十一条", "第五条")
    old_tc, new_tc, _ = tr.tc_lst
    assert "必须" in runs_with(old_tc, "w:strike") and "应当" in runs_with(new_tc, "w:u")
    # the old cell holds the old text whole, the new cell the new text whole
    for tc, doc, label in ((old_tc, old, "第十一条"), (new_tc, new, "第五条")):
        article = next(n for n in doc.walk() if n.kind.value == "article" and n.label == label)
        assert "".join(t.text for t in tc.iter(qn("w:t"))) == label + "　" + "".join(
            c.full_text() for c in article.children)


def test_rows_follow_the_new_order(company, tables) -> None:
    _, new, _ = company
    _, _, d = tables["all"]
    order = {n.label: i for i, n in enumerate(n for n in new.walk() if n.kind.value == "article")}
    listed = [r[1].split("　")[0] for r in rows(d)[1:] if r[1].split("　")[0] in order]
    positions = [order[x] for x in listed]
    assert positions == sorted(positions)
    assert set(listed) == set(order)  # every new article, once (twice for a merged one)


def test_changes_only_leaves_out_what_did_not_change(company, tables) -> None:
    _, _, cmp = company
    _, changes, d = tables["changes"]
    _, every, d_all = tables["all"]
    assert every.rows == len(cmp.pairs) > changes.rows
    assert changes.renumbered > 0 and changes.rows + changes.renumbered + changes.unchanged \
        + sum(p.heading for p in cmp.pairs if p.status in ("same", "moved")) >= every.rows
    # 第十条 → 第八条 only changed its number: listed in the full table only
    _, cells = row_of(d_all, "第十条", "第八条")
    assert cells[2] == "条文顺序调整（原第十条）"
    with pytest.raises(AssertionError):
        row_of(d, "第十条", "第八条")
    assert any("仅序号调整" in p.text for p in d.paragraphs)
    assert not any("仅序号调整" in p.text for p in d_all.paragraphs)
    assert {r[2] for r in rows(d)[1:]}.isdisjoint({"未修改", "条文顺序调整（原第十条）"})


def test_version_caption_from_history(company) -> None:
    old, new, _ = company
    assert version_caption(old) == "2018年10月26日第四次修正"
    assert version_caption(new) == "2023年12月29日第二次修订"


# --- built cases ------------------------------------------------------------------------------

def test_small_amendment(tmp_path) -> None:
    old = law([SENTENCES[0]], [SENTENCES[1]], [SENTENCES[2]])
    new = law([SENTENCES[0]], [SENTENCES[5]], [SENTENCES[1].replace("纳入", "列入")], [SENTENCES[2]])
    path = tmp_path / "small.docx"
    result = export_comparison(compare(old, new), old, new, path, ComparisonOptions(title="测试对照"))
    d = docx.Document(str(path))
    assert d.paragraphs[0].text == "测试对照"
    got = rows(d)[1:]
    assert [r[2] for r in got] == ["新增", "条文顺序调整（原第二条），修改"]
    assert got[0] == ("", "第二条　" + SENTENCES[5], "新增")
    assert got[1][0] == "第二条　" + SENTENCES[1] and got[1][1] == "第三条　" + SENTENCES[1].replace("纳入", "列入")
    assert result.renumbered == 1 and result.unchanged == 1  # 第三条 → 第四条, 第一条
    assert result.counts == {"added": 1, "moved": 1}


def test_unchanged_pairs_are_noted_as_such() -> None:
    old = law([SENTENCES[0]], [SENTENCES[1]])
    cmp = compare(old, old)
    assert {note(p) for p in cmp.pairs} == {"未修改"}


def test_cancel_writes_nothing_and_progress_reaches_the_end(tmp_path, company) -> None:
    old, new, cmp = company
    out = tmp_path / "c.docx"
    with pytest.raises(ExportCancelled):
        export_comparison(cmp, old, new, out, cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []
    seen = []
    export_comparison(cmp, old, new, out, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_locked_target_is_a_clear_error_and_keeps_the_old_file(tmp_path, company, monkeypatch) -> None:
    old, new, cmp = company
    out = tmp_path / "open-in-word.docx"
    out.write_bytes(b"kept")
    lock_target(monkeypatch, out)
    with pytest.raises(ExportError) as err:
        export_comparison(cmp, old, new, out)
    assert isinstance(err.value, UserError) and err.value.path == str(out) and "占用" in err.value.reason
    assert out.read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_read_only_target_is_refused(tmp_path, company, monkeypatch) -> None:
    old, new, cmp = company
    out = tmp_path / "ro.docx"
    out.write_bytes(b"kept")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(out) else real_access(p, mode))
    with pytest.raises(ExportError, match="只读"):
        export_comparison(cmp, old, new, out)
    assert out.read_bytes() == b"kept"


# --- through the Library ----------------------------------------------------------------------

def test_library_compare_and_export(tmp_path, shared_dir) -> None:
    with Library.open(tmp_path / "lib") as lib:
        report = lib.import_files([shared_dir / LAWS / OLD, shared_dir / LAWS / NEW])
        ids = {Path(d.file).name: d.id for d in report.added + report.versions}
        old_id, new_id = ids[OLD], ids[NEW]
        cmp = lib.versions.compare_documents(old_id[:10], new_id)
        assert (cmp.old_id, cmp.new_id) == (old_id, new_id)
        assert any(p.old and p.new and (p.old.label, p.new.label) == ("第七十一条", "第八十四条")
                   for p in cmp.pairs)
        out = tmp_path / "t.docx"
        result = lib.exports.comparison(old_id, new_id, out, comparison=cmp)
        assert result.to_json()["rows"] == result.rows > 200 and out.is_file()
        with pytest.raises(UnknownDocument):
            lib.versions.compare_documents(old_id, "doc_nope")
        with pytest.raises(ExportError):
            lib.exports.comparison(old_id, new_id, tmp_path / "t.txt")
