"""Article captions (第一条【立法宗旨】) in the article tree and the reading view."""
from __future__ import annotations

from reader.core.importers.base import SourceText
from reader.core.pipeline import parse_source
from reader.ui.docinfo import DocInfo
from reader.ui.reading_view import ReadingView
from reader.ui.tree_model import NODE_ID_ROLE, DocumentTreeModel

LAW = ["某某市物业管理条例", "第一条【立法宗旨】为了规范物业管理活动，制定本条例。",
       "第二条【适用范围】本条例适用于本市。", "前款规定的除外。"]


def captioned():
    (doc,) = parse_source(SourceText("t.txt", "txt", "0", LAW, hard_breaks=True))
    return doc


def test_tree_row_shows_label_and_caption(qtmodeltester) -> None:
    model = DocumentTreeModel()
    model.set_document(captioned())
    qtmodeltester.check(model, force_py=True)
    rows = {model.index(r, 0).data(NODE_ID_ROLE): model.index(r, 0).data() for r in range(model.rowCount())}
    assert rows["art_1"] == "第一条\u2002立法宗旨" and rows["art_2"] == "第二条\u2002适用范围"


def test_reading_view_runs_the_first_paragraph_in_after_the_caption(qtbot) -> None:
    doc = captioned()
    view = ReadingView()
    qtbot.addWidget(view)
    view.show_document(doc)
    lines = view.document().toPlainText().split("\n")
    assert "第一条【立法宗旨】\u3000为了规范物业管理活动，制定本条例。" in lines
    assert "前款规定的除外。" in lines
    assert DocInfo(doc).display_text(doc.find("art_2")) == "第二条【适用范围】\u3000本条例适用于本市。\n前款规定的除外。"
