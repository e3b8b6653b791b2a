"""Cross-references in the window: links in the text, tooltip, click with back, the 被引用 panel."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.ui.refs_panel import HREF_PREFIX
from tests.ui.conftest import doc_id

SURVEY = "测绘地理信息管理办法"


def open_survey(window, library, node: str | None = None) -> str:
    did = doc_id(library, SURVEY)
    assert window.open_document(did, node)
    return did


def point_of(window, pos: int) -> QPoint:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(pos)
    return window.view.cursorRect(cursor).center()


def char_format(window, pos: int) -> QTextCharFormat:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(pos + 1)
    return cursor.charFormat()


def the_ref(window, text: str, node_id: str | None = None):
    return next(r for r in window.refs.refs if r.text == text and (node_id is None or r.node_id == node_id))


def test_references_are_links_and_unresolved_look_different(qtbot, make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    open_survey(window, seeded_library)
    ref = the_ref(window, "本办法第十七条第二款")
    pos = window.refs.position_of(ref)
    assert pos is not None
    fmt = char_format(window, pos)
    assert fmt.isAnchor() and fmt.anchorHref().startswith(HREF_PREFIX)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    # the words are where the reference says
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(pos)
    cursor.setPosition(pos + len(ref.text), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == ref.text
    unresolved = the_ref(window, "《中华人民共和国测绘法》")
    assert not unresolved.resolved
    ufmt = char_format(window, window.refs.position_of(unresolved))
    assert ufmt.isAnchor() and ufmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    # a theme change typesets again: the links are marked again
    window.set_theme("dark")
    assert char_format(window, window.refs.position_of(ref)).isAnchor()


def test_hover_shows_target_text_escaped(qtbot, make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    open_survey(window, seeded_library, "art_43")
    ref = the_ref(window, "本办法第十七条第二款")
    window.view.scroll_to_node(ref.node_id, flash=False)
    point = point_of(window, window.refs.position_of(ref) + 2)
    tip = window.view._tooltip(point)
    target = seeded_library.unit_text(ref.target_doc_id, "art_17__para_2")
    assert "第十七条第二款" in tip and target[:20] in tip
    assert seeded_library.unit_text(ref.target_doc_id, "art_17__para_1")[:20] not in tip  # pinpointed
    unresolved = the_ref(window, "《中华人民共和国测绘法》")
    assert "中华人民共和国测绘法" in window.refs.tooltip(unresolved)


def test_click_follows_and_back_returns(qtbot, make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    did = open_survey(window, seeded_library, "art_43")
    ref = the_ref(window, "本办法第十七条第二款")
    window.view.scroll_to_node(ref.node_id, flash=False)
    qtbot.wait(50)
    point = point_of(window, window.refs.position_of(ref) + 2)
    assert window.view.anchorAt(point).startswith(HREF_PREFIX)
    with qtbot.waitSignal(window.documentOpened, timeout=3000):
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.history.current.node_id == "art_17__para_2"
    assert window.info.article(window.view.current_node()).id == "art_17"
    assert window.commands.back.isEnabled()
    assert window.go_back()
    assert window.doc.id == did
    assert window.info.article(window.view.current_node()).id == "art_43"
    assert window.go_forward()
    assert window.info.article(window.view.current_node()).id == "art_17"


def test_cited_by_panel_lists_article_43_items_for_article_17(qtbot, make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    window.refs.dock.show()
    did = open_survey(window, seeded_library, "art_17")
    window.refs.refresh_panel(force=True)
    cited = window.refs.panel.rows("cited")
    assert len(cited) == 3
    assert all("第四十三条" in row for row in cited)
    assert any("本办法第十七条第二款" in row for row in cited)
    # the article's own references and the user's links, side by side but apart
    seeded_library.annotations.link(did, "art_17", did, "art_20", relation="参见")
    window.annotator.refresh()
    window.refs.refresh_panel(force=True)
    assert window.refs.panel.rows("link") and all("参见" in r for r in window.refs.panel.rows("link"))
    # double-click: goes to the citing item
    with qtbot.waitSignal(window.documentOpened, timeout=3000):
        window.refs.panel.activate("cited", 1)
    assert window.info.article(window.view.current_node()).id == "art_43"
    window.refs.refresh_panel(force=True)
    refs = window.refs.panel.rows("ref")
    assert any(r.startswith("本办法第十七条第二款 →") for r in refs)
    assert any("未解析" in r for r in refs)  # 《中华人民共和国测绘法》 is not in the library


def test_related_documents(qtbot, make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    window.refs.dock.show()
    target = doc_id(seeded_library, "国家城乡融合发展试验区广东广清接合片区实施方案")
    assert window.open_document(target)
    window.refs.refresh_panel(force=True)
    rels = window.refs.panel.rows("relation")
    assert rels and any("引用本文件" in r for r in rels)


def test_front_matter_references_are_links(qtbot, make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    did = doc_id(seeded_library, "无偿献血激励与优待办法")
    assert window.open_document(did)
    ref = next(r for r in window.refs.refs if r.node_id is None and r.text == "《广州市献血管理规定》")
    pos = window.refs.position_of(ref)
    assert pos is not None and char_format(window, pos).isAnchor()
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(pos)
    cursor.setPosition(pos + len(ref.text), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == ref.text


def test_why_unresolved_is_said_in_chinese(qtbot, make_window, seeded_library) -> None:
    window = make_window(seeded_library)
    open_survey(window, seeded_library)
    tip = window.refs.tooltip(the_ref(window, "《中华人民共和国测绘法》"))
    assert "库中没有所引文件" in tip and "not in the library" not in tip


def test_references_redone_after_an_upgrade_off_the_ui_thread(qtbot, make_window, seeded_library) -> None:
    seeded_library.db.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'refs_version'")
    seeded_library.refs._current = False
    window = make_window(seeded_library)  # start() redoes them in the background…
    qtbot.waitUntil(lambda: not seeded_library.refs.outdated(), timeout=20000)
    window.runner.wait()
    open_survey(window, seeded_library)  # …and the links are there
    assert the_ref(window, "本办法第十七条第二款").resolved


def test_a_large_import_in_the_window_prepares_references_in_a_worker(qtbot, make_window, library,
                                                                       monkeypatch, seed_files) -> None:
    """The window imports on a thread; the worker process it starts (forced here for a few
    files) gives the same links: within the document, and to a law the import brought."""
    from reader.store import refs_worker
    from tests.conftest import SHARED

    law = SHARED / "corpus" / "laws" / "行政法" / "测绘法(2017-04-27).md"
    if not law.exists():
        pytest.skip("needs ../shared (the corpus)")
    monkeypatch.setattr(refs_worker, "WORKER_MIN_FILES", 1)
    monkeypatch.setattr(refs_worker, "spare_cores", lambda: 1)
    remote = []
    real = refs_worker.Preparer.collect
    monkeypatch.setattr(refs_worker.Preparer, "collect", lambda self: (remote.append(self.remote), real(self))[1])
    window = make_window(library, start=False)
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        window.import_files([str(p) for p in seed_files] + [str(law)])
    assert blocker.args[0].ok and remote == [True]
    open_survey(window, library)
    assert the_ref(window, "本办法第十七条第二款").resolved
    law_ref = the_ref(window, "《中华人民共和国测绘法》")
    assert law_ref.resolved and law_ref.target_doc_id == doc_id(library, "中华人民共和国测绘法")
