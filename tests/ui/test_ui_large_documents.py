"""A long document is shown from its first screen and typeset the rest of the way between
events (issue 15): the view returns to the event loop before the whole text is in, ends with
all of it, and what waits on a place further down (a jump, highlighted words) happens once
that place is typeset.  Plus the search counts' wording: units in the panel, occurrences of
the words in the status bar."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui import reading_view
from reader.ui.docinfo import DocInfo
from reader.ui.reading_view import ReadingView
from tests.conftest import make_document
from tests.ui.conftest import doc_id

BODY = "为了规范长篇文档的阅读，保障逐段排版的正确，依照有关法律，结合实际，制定本规定。" * 2


def long_document(articles: int = 500):
    doc = make_document(body=BODY, articles=articles)
    assert sum(len(n.text) for n in DocInfo(doc).by_id.values()) > reading_view.PROGRESSIVE_CHARS
    return doc


def shown_view(qtbot) -> ReadingView:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_long_document_is_typeset_a_piece_at_a_time(qtbot) -> None:
    doc = long_document()
    view = shown_view(qtbot)
    with qtbot.waitSignal(view.documentRendered, timeout=20000):
        view.show_document(doc)
        assert not view.is_complete()  # back in the event loop with part of the text
        partial = view.document().toPlainText()
        assert "第1条" in partial and "第500条" not in partial
        assert "art_1" in view.rendered.spans and "art_500" not in view.rendered.spans
    assert view.is_complete()
    text = view.document().toPlainText()
    assert text.count(BODY) == 500 and text.rstrip().endswith("第二款。")
    assert all(n.id in view.rendered.spans for n in doc.walk())
    small = make_document(articles=3)
    view.show_document(small)  # a short one is typeset at once
    assert view.is_complete() and "第3条" in view.document().toPlainText()


def test_a_jump_further_down_waits_for_its_place(qtbot) -> None:
    view = shown_view(qtbot)
    view.show_document(long_document())
    assert view.node_position("art_480") is None
    assert view.scroll_to_node("art_480", flash=False)  # taken, done when typeset
    qtbot.waitUntil(lambda: view.current_node() in ("art_480", "art_480__para_1"), timeout=20000)
    assert not view.scroll_to_node("no_such_node")


def test_finding_words_needs_and_gets_the_whole_text(qtbot) -> None:
    view = shown_view(qtbot)
    view.show_document(long_document())
    assert not view.is_complete()
    assert view.find_all(["第二款"]) == 500  # typeset to the end first
    assert view.is_complete()


def test_a_new_document_drops_what_waited_on_the_old_one(qtbot) -> None:
    view = shown_view(qtbot)
    view.show_document(long_document())
    called = []
    view.when_complete(lambda: called.append("old"))
    with qtbot.waitSignal(view.documentRendered, timeout=20000):
        view.show_document(long_document(articles=450))
    assert called == []
    view.when_complete(lambda: called.append("now"))  # complete: at once
    assert called == ["now"]


def test_opening_a_hit_in_the_largest_law(make_window, library, shared_dir: Path, qtbot) -> None:
    law = max((shared_dir / "corpus" / "laws").rglob("*.md"), key=lambda p: p.stat().st_size)
    report = library.import_files([law])
    doc = (report.added or report.updated)[0]
    full = library.document(doc.id)
    window = make_window(library)
    last = [n for n in full.walk() if n.kind.name == "ARTICLE"][-1]
    with qtbot.waitSignal(window.view.documentRendered, timeout=30000):
        assert window.open_document(doc.id, last.id, terms=["人民检察院"])
        assert not window.view.is_complete() and window.view.hits() == []
    view = window.view
    assert len(view.hits()) == view.document().toPlainText().count("人民检察院") > 100
    start, end = view.rendered.spans[last.id]
    assert start <= view.hits()[view.current_hit()][0] < end or last.text.find("人民检察院") < 0
    assert full.title in view.document().toPlainText()[:200]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_counts_say_units_in_the_panel_and_occurrences_in_the_status_bar(
        make_window, seeded_library, qtbot, language: str) -> None:
    window = make_window(seeded_library)
    window.set_language(language)
    window.show_search()
    window.search_panel.query.setText("测绘成果")
    with qtbot.waitSignal(window.searchFinished, timeout=30000):
        window.search_panel.run()
    units = len(window.last_search.hits)
    summary = window.search_panel.summary.text()
    window.search_panel.activate_hit(0)
    occurrences = len(window.view.hits())
    status = window.statusBar().currentMessage()
    assert occurrences > units  # the two counts differ: the words recur within a unit
    if language == "zh":
        assert summary == f"1 篇文档中有 {units} 条（段）命中"
        assert status.startswith("本文中第 ") and status.endswith(f"共出现 {occurrences} 处")
    else:
        assert summary == f"{units} articles or paragraphs match in 1 document(s)"
        assert status.startswith("Occurrence ") and status.endswith(f"of {occurrences} in this document")
    window.next_occurrence()
    assert window.statusBar().currentMessage() != status
    assert doc_id(seeded_library, "测绘地理信息管理办法") == window.doc.id
