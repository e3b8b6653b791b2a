"""The reading view: hostile text stays text, positions, copy with citation, zoom."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QTextCursor

from reader.core.model import Document, Node, NodeKind
from reader.ui.reading_view import ReadingView
from reader.ui.search_backend import Hit
from reader.ui.search_panel import snippet_html
from tests.ui.conftest import doc_id

HOSTILE = "<img src='http://127.0.0.1:9/x.png'><script>alert(1)</script>&amp;<b>粗</b>"


def hostile_document() -> Document:
    para = Node("art_1__para_1", NodeKind.PARAGRAPH, "", 1, "", f"正文{HOSTILE}结束。")
    art = Node("art_1", NodeKind.ARTICLE, "第一条", 1, "", "第一条", [para])
    chapter = Node("ch_1", NodeKind.CHAPTER, "第一章", 1, HOSTILE, f"第一章 {HOSTILE}", [art])
    return Document(title=f"标题{HOSTILE}", doc_number="<i>号</i>", issuer="<a href='x'>机关</a>",
                    front_matter=HOSTILE, nodes=[chapter])


def test_hostile_text_is_shown_not_interpreted(qtbot, monkeypatch) -> None:
    view = ReadingView()
    qtbot.addWidget(view)
    loads = []
    monkeypatch.setattr(view, "loadResource", lambda *a: loads.append(a))
    view.resize(900, 700)
    view.show()
    view.show_document(hostile_document())
    view.grab()  # paint it
    text = view.document().toPlainText()
    assert text.count(HOSTILE) == 4  # title, front matter, chapter heading, article text
    assert "<i>号</i>" in text and "<a href='x'>机关</a>" in text
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat() and not fmt.isAnchor()
            it += 1
        block = block.next()
    assert loads == []


def test_snippets_are_escaped() -> None:
    hit = Hit("d", "t", "n", "第一条", f"前{HOSTILE}后", ((1, 5),))
    html = snippet_html(hit, "#ff0")
    assert "<img" not in html and "<script" not in html
    assert "&lt;img" in html and "&amp;amp;" in html


def open_view(qtbot, seeded_library, words: str = "测绘地理信息管理办法") -> ReadingView:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.show_document(seeded_library.document(doc_id(seeded_library, words)))
    return view


def select_span(view: ReadingView, start: int, end: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_copy_yields_text_and_citation(qtbot, seeded_library) -> None:
    view = open_view(qtbot, seeded_library)
    start, end = view.rendered.spans["art_17__para_2"]
    select_span(view, start, start + 10)
    selected = view.selected_plain_text()
    assert len(selected) == 10
    view.copy()
    assert QGuiApplication.clipboard().text() == f"{selected}\n《广州市测绘地理信息管理办法》第十七条第二款"
    a, _ = view.rendered.spans["art_17"]
    _, b = view.rendered.spans["art_19"]
    select_span(view, a, b - 1)
    assert view.createMimeDataFromSelection().text().endswith("《广州市测绘地理信息管理办法》第十七条至第十九条")


def test_copy_whole_article(qtbot, seeded_library) -> None:
    view = open_view(qtbot, seeded_library)
    assert view.copy_article("art_17__para_2")
    text = QGuiApplication.clipboard().text()
    assert text.startswith("第十七条\u3000测绘单位不得超越资质等级")
    assert text.endswith("\n《广州市测绘地理信息管理办法》第十七条")
    assert text.count("\n") == 3  # three paragraphs and the citation


def test_scroll_to_node_and_current_node(qtbot, seeded_library) -> None:
    view = open_view(qtbot, seeded_library)
    seen = []
    view.nodeChanged.connect(seen.append)
    for node in ("art_30", "art_5", "art_17__para_2", "ch_3"):
        assert view.scroll_to_node(node)
        assert view.current_node() == node
    assert seen[-1] == "ch_3" and "art_30" in seen
    assert "art_17" in seen  # a paragraph marks its article in the tree
    assert not view.scroll_to_node("no_such_node")


def test_zoom_keeps_the_place(qtbot, seeded_library) -> None:
    view = open_view(qtbot, seeded_library)
    view.scroll_to_node("art_25", flash=False)
    size = view.font_size()
    view.zoom_in_text()
    view.zoom_in_text()
    assert view.font_size() == size + 2
    assert view.current_node() == "art_25"
    view.zoom_out_text()
    assert view.font_size() == size + 1


def test_find_all_highlights_every_occurrence(qtbot, seeded_library) -> None:
    view = open_view(qtbot, seeded_library)
    plain = view.document().toPlainText()
    count = view.find_all(["测绘成果"])
    assert count == plain.count("测绘成果") > 5
    assert len(view.extraSelections()) == count
    first = view.current_hit()
    view.next_hit()
    assert view.current_hit() == first + 1
    view.previous_hit()
    view.previous_hit()
    assert view.current_hit() == (first - 1) % count
    assert view.find_all(["ＡＢＣ不存在"]) == 0
