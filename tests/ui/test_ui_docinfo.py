"""Citations, first words and the tree's units (pure, no Qt)."""
from __future__ import annotations

from reader.ui.docinfo import DocInfo, article_key, fold
from tests.conftest import make_document
from tests.ui.conftest import doc_id


def test_citations_of_a_regulation(seeded_library) -> None:
    doc = seeded_library.document(doc_id(seeded_library, "测绘地理信息管理办法"))
    info = DocInfo(doc)
    title = "《广州市测绘地理信息管理办法》"
    assert info.citation("art_17__para_2") == title + "第十七条第二款"
    assert info.citation("art_17") == title + "第十七条"
    assert info.citation("art_2__para_1") == title + "第二条"  # one paragraph: no 第一款
    assert info.citation("art_12__para_1__item_3") == title + "第十二条第三项"
    assert info.citation("art_17__para_1", "art_19__para_1") == title + "第十七条至第十九条"
    assert info.citation("art_17__para_1", "art_17__para_2") == title + "第十七条"
    assert info.citation(None) == title


def test_citation_in_an_outline(seeded_library) -> None:
    doc = seeded_library.document(doc_id(seeded_library, "困难群众消费性减免"))
    info = DocInfo(doc)
    node = next(n for n in doc.walk() if n.id == "l1_1__l2_1")
    assert info.cite_label(node.id) == "一（一）"


def test_first_words_and_display_text() -> None:
    doc = make_document(body="为了测试本办法的引用，制定本办法。")
    info = DocInfo(doc)
    art = doc.nodes[0].children[0]
    assert info.first_words(art, 6).startswith("第1条")
    assert info.first_words(doc.nodes[0]) == "总则"
    assert info.path("art_1__para_1__item_2")[-1].id == "art_1__para_1__item_2"
    assert info.tree_node("art_1__para_1__item_2").id == "art_1"
    assert info.article("art_1__para_2").id == "art_1"


def test_article_key_and_fold() -> None:
    assert article_key("第十七条") == (17, 0)
    assert article_key("第十七条之一") == (17, 1)
    assert article_key("（一）") is None
    assert fold("ＡＢＣ１２３，Ａb") == "abc123,ab"  # both sides of a search are folded alike
    assert len(fold("测绘　ＡＢ")) == len("测绘　ＡＢ")
