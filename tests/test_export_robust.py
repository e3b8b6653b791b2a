"""Export robustness: text XML cannot hold, atomic writes, unwritable targets, empty briefs,
cancel and progress; the clean export and the annotations table."""
from __future__ import annotations

import os
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from reader.core.errors import UserError
from reader.core.model import Document, Node, NodeKind
from reader.export import (
    BriefAnnotation, BriefDocument, BriefOptions, BriefRequest, ExportCancelled, ExportError, NothingToExport,
    Scope, export_annotation_table, export_brief, export_clean,
)
from tests.export_helpers import all_text, comment_anchors, highlighted, lock_target, open_docx, paragraphs_text, span
from tests.seeds import parse_seed


@pytest.fixture(scope="module")
def reg():
    return parse_seed("003")[0]


def _dirty_document() -> Document:
    """Text with control characters a PDF extraction leaves behind."""
    art = Node("art_1", NodeKind.ARTICLE, "第一条", 1, "", "第一条", [
        Node("art_1__para_1", NodeKind.PARAGRAPH, "", 1, "", "本办法\x00适用于\x07全市\x1b范围内的\x0b管理活动。"),
    ])
    return Document(title="测试\x01办法", nodes=[art], doc_number="测\x02字〔2024〕1号", issuer="某\x1f机关",
                    front_matter="令\x0c第1号", effective=date(2024, 1, 1))


def test_control_characters_are_cleaned_not_a_crash(tmp_path):
    doc = _dirty_document()
    text = doc.find("art_1__para_1").text
    start = text.index("全市")
    ann = BriefAnnotation(1, "art_1__para_1", start, text.index("的"), text[start:text.index("的")],
                          "风\x03险", "#FFD54F", "注意\x08这里\ufffe", ("标\x05签",), author="张\x06三")
    out = tmp_path / "dirty.docx"
    export_brief(BriefRequest([BriefDocument(doc, [ann])], title="简\x04报", author="审\x10阅"), out)
    d = open_docx(out)
    body_text = all_text(d)
    assert "本办法适用于全市范围内的管理活动。" in body_text
    assert "测试办法" in body_text and "简报" in body_text
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in body_text)
    (c,) = list(d.comments)
    assert c.text.startswith("注意这里") and c.author == "张三" and "标签：标签" in c.text
    assert list(comment_anchors(d).values()) == ["全市范围内"]
    export_clean(doc, tmp_path / "dirty-clean.docx")
    export_annotation_table(BriefRequest([BriefDocument(doc, [ann])]), tmp_path / "dirty-table.docx")


def test_failed_write_leaves_the_old_file_untouched(tmp_path, reg, monkeypatch):
    out = tmp_path / "brief.docx"
    out.write_bytes(b"the good old brief")

    def broken_save(self, target):
        with open(target, "wb") as f:
            f.write(b"PK half a zip")
        raise RuntimeError("disk gone mid-write")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(RuntimeError):
        export_brief(BriefRequest([BriefDocument(reg)]), out)
    assert out.read_bytes() == b"the good old brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx"]  # no temporary left over


def test_full_disk_is_a_clear_error_and_no_half_file(tmp_path, reg, monkeypatch):
    out = tmp_path / "new.docx"

    def full(self, target):
        with open(target, "wb") as f:
            f.write(b"PK")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", full)
    with pytest.raises(ExportError) as err:
        export_brief(BriefRequest([BriefDocument(reg)]), out)
    assert str(out) in str(err.value) and "No space left" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_locked_target_is_a_clear_error(tmp_path, reg, monkeypatch):
    out = tmp_path / "open-in-word.docx"
    out.write_bytes(b"kept")
    lock_target(monkeypatch, out)
    with pytest.raises(ExportError) as err:
        export_brief(BriefRequest([BriefDocument(reg)]), out)
    assert isinstance(err.value, UserError)
    assert err.value.path == str(out) and "占用" in err.value.reason
    assert out.read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes read-only files")
def test_read_only_target_is_refused_before_the_work(tmp_path, reg):
    out = tmp_path / "ro.docx"
    out.write_bytes(b"kept")
    out.chmod(0o444)
    with pytest.raises(ExportError, match="只读"):
        export_brief(BriefRequest([BriefDocument(reg)]), out)
    assert out.read_bytes() == b"kept"


def test_read_only_target_is_refused_for_everyone(tmp_path, reg, monkeypatch):
    """The same check with os.access saying no (tests may run as root, who may write anything)."""
    out = tmp_path / "ro.docx"
    out.write_bytes(b"kept")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(out) else real_access(p, mode))
    with pytest.raises(ExportError, match="只读") as err:
        export_brief(BriefRequest([BriefDocument(reg)]), out)
    assert err.value.path == str(out) and out.read_bytes() == b"kept"


@pytest.mark.parametrize("name, reason", [
    ("missing/brief.docx", "文件夹不存在"),
    ("brief.txt", ".docx"),
    ("folder.docx", "文件夹"),
])
def test_bad_targets(tmp_path, reg, name, reason):
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(ExportError, match=reason) as err:
        export_brief(BriefRequest([BriefDocument(reg)]), tmp_path / name)
    assert str(tmp_path / name) in str(err.value)


def test_annotated_only_with_nothing_annotated_says_so(tmp_path, reg):
    out = tmp_path / "empty.docx"
    request = BriefRequest([BriefDocument(reg)], options=BriefOptions(scope=Scope.ANNOTATED))
    with pytest.raises(NothingToExport, match="没有批注"):
        export_brief(request, out)
    assert not out.exists()
    # resolved notes left out count as nothing too
    resolved = span(reg, "art_1__para_1", "为了", 1, note="done", status="resolved")
    request = BriefRequest([BriefDocument(reg, [resolved])],
                           options=BriefOptions(scope=Scope.ANNOTATED, include_resolved=False))
    with pytest.raises(NothingToExport):
        export_brief(request, out)
    with pytest.raises(NothingToExport):
        export_brief(BriefRequest([]), out)
    with pytest.raises(NothingToExport):
        export_annotation_table(BriefRequest([BriefDocument(reg)]), out)
    assert not out.exists()


def test_full_text_without_annotations_is_allowed_and_counted(tmp_path, reg):
    result = export_brief(BriefRequest([BriefDocument(reg)]), tmp_path / "plain.docx")
    assert result.annotations == 0 and result.comments == 0 and result.units > 40


def test_cancel_writes_nothing_and_progress_reaches_the_end(tmp_path, reg):
    out = tmp_path / "cancelled.docx"
    calls = []
    with pytest.raises(ExportCancelled):
        export_brief(BriefRequest([BriefDocument(reg)]), out, cancel=lambda: len(calls) >= 1,
                     progress=lambda done, total: calls.append((done, total)))
    assert not out.exists() and list(tmp_path.iterdir()) == []
    seen = []
    export_brief(BriefRequest([BriefDocument(reg)]), out, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_clean_export_has_the_text_and_no_annotation_marks(tmp_path, reg):
    out = tmp_path / "clean.docx"
    result = export_clean(reg, out)
    d = open_docx(out)
    text = all_text(d)
    for node in reg.walk():
        assert node.text in text
    assert len(d.comments) == 0 and not highlighted(d)
    assert not d.element.body.findall(f".//{qn('w:instrText')}")  # no contents field
    assert d.paragraphs[0].text == reg.title and d.paragraphs[0].style.style_id == "Heading1"
    assert "".join(t.text for t in d.sections[0].footer._element.iter(qn("w:t"))) == "— 1 —"
    assert result.comments == 0 and result.documents == 1


def test_annotation_table(tmp_path, reg):
    anns = [span(reg, "art_3__para_2", "纳入本级财政预算", 1, note="预算来源？", colour="#E57373",
                 category="风险", tags=("财政",)),
            span(reg, "art_1__para_1", "为了", 2, note="", colour="#81C784", category="重点", status="resolved"),
            BriefAnnotation(3, "art_5", 0, 0, "", "整条", "#64B5F6", "整条看法"),
            BriefAnnotation(4, "gone", 0, 2, "旧文", "疑问", "#FFD54F", "原文没了", status="answered")]
    out = tmp_path / "table.docx"
    result = export_annotation_table(BriefRequest([BriefDocument(reg, anns)], title="测绘审阅"), out)
    d = open_docx(out)
    (table,) = d.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["序号", "条文", "摘录", "类别", "意见", "标签", "状态"]
    assert rows[1] == ["1", "第一条", "为了", "重点", "—", "—", "已解决"]
    assert rows[2] == ["2", "第三条第二款", "纳入本级财政预算", "风险", "预算来源？", "财政", "待处理"]
    assert rows[3] == ["3", "第五条", "（整条）", "整条", "整条看法", "—", "待处理"]
    assert rows[4] == ["4", "（未定位）", "旧文", "疑问", "原文没了", "—", "已答复"]
    shade = table.rows[2].cells[3]._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    assert shade.get(qn("w:fill")) == "E57373"
    assert d.sections[0].page_width > d.sections[0].page_height  # landscape
    assert "批注一览" in paragraphs_text(d)
    assert result.annotations == 3 and result.orphans == 1
    d2 = tmp_path / "open.docx"
    export_annotation_table(BriefRequest([BriefDocument(reg, anns)],
                                         options=BriefOptions(include_resolved=False)), d2)
    assert len(open_docx(d2).tables[0].rows) == 4


def test_deep_and_odd_trees(tmp_path):
    """Tabs and line breaks in text, an empty node, a very deep outline, a duplicate document."""
    deep = Node("l1_1", NodeKind.LEVEL1, "一、", 1, "总体", "一、总体")
    cur = deep
    for i in range(30):
        child = Node(f"{cur.id}__t{i}", NodeKind.LEVEL2 if i % 2 else NodeKind.LEVEL3, f"（{i}）", i, "x",
                     f"（{i}）x")
        cur.children.append(child)
        cur = child
    cur.children.append(Node(cur.id + "__text", NodeKind.TEXT, "", None, "", "表格\t一列\n第二行"))
    cur.children.append(Node(cur.id + "__empty", NodeKind.TEXT, "", None, "", ""))
    doc = Document(title="深层大纲", nodes=[deep])
    ann = BriefAnnotation(1, cur.id + "__text", 0, 5, "表格\t一列", note="带制表符")
    out = tmp_path / "deep.docx"
    result = export_brief(BriefRequest([BriefDocument(doc, [ann]), BriefDocument(doc)]), out)
    d = open_docx(out)
    assert result.documents == 1
    assert list(comment_anchors(d).values()) == ["表格一列"]  # the tab is a w:tab element
    assert {p.style.style_id for p in d.paragraphs} >= {"Heading9"}


def test_articles_without_own_text_and_document_properties(tmp_path):
    """An article whose label sits in its first paragraph (importers may do that): no empty
    paragraph for it; the file's properties name the brief and the reviewer, not python-docx."""
    from datetime import datetime, timezone

    from tests.conftest import make_document

    doc = make_document(articles=2)
    ann = BriefAnnotation(1, "art_1", 0, 0, "", note="整条", created=datetime(2024, 5, 1, 2, 0, tzinfo=timezone.utc))
    out = tmp_path / "hand.docx"
    export_brief(BriefRequest([BriefDocument(doc, [ann])], title="手工简报", author="赵六"), out)
    d = open_docx(out)
    paras = paragraphs_text(d)
    i = paras.index("第1条　为了测试，制定本办法。")
    assert paras[i - 1] == "第一章　总则" and paras[i + 1] == "（一）第1项；"
    (c,) = list(d.comments)
    assert comment_anchors(d)[c.comment_id].startswith("第1条　为了测试")
    local = datetime(2024, 5, 1, 2, 0, tzinfo=timezone.utc).astimezone().replace(tzinfo=None)
    assert c.timestamp.replace(tzinfo=None) == local
    props = d.core_properties
    assert (props.title, props.author) == ("手工简报", "赵六") and "python-docx" not in props.comments
