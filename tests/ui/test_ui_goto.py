"""Go to article: parsing every notation, and resolving it in real documents."""
from __future__ import annotations

import pytest

from reader.ui.goto import GotoTarget, parse_goto, resolve_goto
from tests.conftest import make_document
from tests.ui.conftest import doc_id


@pytest.mark.parametrize("text, expected", [
    ("43", GotoTarget(43, bare=True)),
    ("43条", GotoTarget(43)),
    ("第43条", GotoTarget(43)),
    ("第四十三条", GotoTarget(43)),
    (" 第 四十三 条 ", GotoTarget(43)),
    ("第４３条", GotoTarget(43)),
    ("第十七条第二款", GotoTarget(17, paragraph=2)),
    ("第十七条第二款第三项", GotoTarget(17, paragraph=2, item=3)),
    ("第十七条第二款第（三）项", GotoTarget(17, paragraph=2, item=3)),
    ("第十七条第三项", GotoTarget(17, item=3)),
    ("第十条之一", GotoTarget(10, sub=1)),
    ("17.2", GotoTarget(17, paragraph=2)),
    ("17-2-3", GotoTarget(17, paragraph=2, item=3)),
    ("第三章", GotoTarget(3, unit="章")),
    ("第二节", GotoTarget(2, unit="节")),
    ("三、", GotoTarget(3, bare=True)),
    ("一百零三", GotoTarget(103, bare=True)),
])
def test_parse(text: str, expected: GotoTarget) -> None:
    assert parse_goto(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "hello", "第条", "第零条", "0", "第X条"])
def test_parse_rejects(text: str) -> None:
    assert parse_goto(text) is None


def test_resolve_in_a_hand_made_document() -> None:
    doc = make_document(articles=3)
    assert resolve_goto(doc, "2") == "art_2"
    assert resolve_goto(doc, "第二条第二款") == "art_2__para_2"
    assert resolve_goto(doc, "第2条第1款第二项") == "art_2__para_1__item_2"
    assert resolve_goto(doc, "第二条第二项") == "art_2__para_1__item_2"
    assert resolve_goto(doc, "第一章") == "chap_1"
    assert resolve_goto(doc, "第九条") is None
    assert resolve_goto(doc, "第二条第五款") is None
    assert resolve_goto(doc, "nonsense") is None


def test_resolve_in_the_seeds(seeded_library) -> None:
    rule = seeded_library.document(doc_id(seeded_library, "测绘地理信息管理办法"))
    for text in ("43", "第43条", "第四十三条"):
        assert resolve_goto(rule, text) == "art_43", text
    assert resolve_goto(rule, "第十七条第二款") == "art_17__para_2"
    assert resolve_goto(rule, "第十二条第三项") == "art_12__para_1__item_3"
    notice = seeded_library.document(doc_id(seeded_library, "困难群众消费性减免"))
    assert resolve_goto(notice, "二") == "l1_2"  # an outline heading: no articles here
