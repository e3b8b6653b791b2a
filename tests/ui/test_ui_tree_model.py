"""The article tree model: Qt's model tester on real documents, laziness on a big one."""
from __future__ import annotations

import time

import pytest

from reader.core.model import Document, Node, NodeKind
from reader.ui.tree_model import NODE_ID_ROLE, DocumentTreeModel
from tests.conftest import make_document
from tests.ui.conftest import doc_id


def big_document(chapters: int = 20, articles: int = 100) -> Document:
    """20 chapters × 100 articles × (2 paragraphs + 2 items) ≈ 10,000 nodes."""
    nodes = []
    n = 0
    for c in range(1, chapters + 1):
        chapter = Node(f"ch_{c}", NodeKind.CHAPTER, f"第{c}章", c, f"第{c}章标题", f"第{c}章 第{c}章标题")
        for _ in range(articles):
            n += 1
            para = Node(f"art_{n}__para_1", NodeKind.PARAGRAPH, "", 1, "", f"条文{n}正文。", [
                Node(f"art_{n}__para_1__item_{i}", NodeKind.ITEM, f"（{i}）", i, "", f"（{i}）项。")
                for i in (1, 2)])
            chapter.children.append(Node(f"art_{n}", NodeKind.ARTICLE, f"第{n}条", n, "", f"第{n}条", [
                para, Node(f"art_{n}__para_2", NodeKind.PARAGRAPH, "", 2, "", "第二款。")]))
        nodes.append(chapter)
    return Document(title="大文件", nodes=nodes)


@pytest.mark.parametrize("words", ["测绘地理信息管理办法", "广清一体化", "困难群众消费性减免", "对口帮扶梅州"])
def test_model_tester_on_seeds(qtmodeltester, seeded_library, words: str) -> None:
    model = DocumentTreeModel()
    model.set_document(seeded_library.document(doc_id(seeded_library, words)))
    qtmodeltester.check(model, force_py=True)
    model.set_document(None)
    qtmodeltester.check(model, force_py=True)


def test_model_tester_on_hand_made_document(qtmodeltester) -> None:
    model = DocumentTreeModel()
    model.set_document(make_document(articles=3))
    qtmodeltester.check(model, force_py=True)


def test_rows_show_label_and_first_words(seeded_library) -> None:
    model = DocumentTreeModel()
    model.set_document(seeded_library.document(doc_id(seeded_library, "测绘地理信息管理办法")))
    chapter = model.index(0, 0)
    assert chapter.data() == "第一章\u2002总则"
    article = model.index(0, 0, chapter)
    assert article.data(NODE_ID_ROLE) == "art_1"
    assert article.data().startswith("第一条\u2002为了加强测绘地理信息管理")
    assert model.rowCount(article) == 0 and not model.hasChildren(article)  # paragraphs not shown


def test_ten_thousand_nodes_open_lazily() -> None:
    doc = big_document()
    assert sum(1 for _ in doc.walk()) >= 10_000
    model = DocumentTreeModel()
    start = time.perf_counter()
    model.set_document(doc)
    assert model.rowCount() == 20
    assert model.index(0, 0).data() == "第1章\u2002第1章标题"
    elapsed = time.perf_counter() - start
    assert len(model._entries) <= 21  # only the rows asked for exist
    assert elapsed < 0.05, f"{elapsed * 1000:.0f} ms"
    index = model.index_for_node("art_1999__para_1__item_2")  # the innermost shown unit
    assert index.data(NODE_ID_ROLE) == "art_1999"
    assert index.parent().data(NODE_ID_ROLE) == "ch_20"
    assert len(model._entries) <= 21 + 100  # one chapter's articles materialised
