"""Re-anchoring on real text: the annotation follows its words or becomes an orphan —
it never lands on the wrong words."""
from __future__ import annotations

import copy
import random
import re

import pytest

from reader.core.anchoring import AnchorError, Anchor, anchor_clause, anchor_quote, make_anchor, reanchor
from reader.core.model import Document, Node, NodeKind
from tests.seeds import parse_seed


@pytest.fixture(scope="module")
def regulation() -> Document:
    return parse_seed("003")[0]  # 广州市测绘地理信息管理办法


def paragraphs(doc: Document) -> list[Node]:
    return [n for n in doc.walk() if n.kind in (NodeKind.PARAGRAPH, NodeKind.ITEM) and len(n.text) >= 30]


def renumbered(doc: Document, shift: int = 1) -> Document:
    """The same regulation with a new article inserted first: every article moves down one."""
    new = copy.deepcopy(doc)

    def rename(node: Node) -> None:
        node.id = re.sub(r"^art_(\d+)", lambda m: f"art_{int(m.group(1)) + shift}", node.id)
        for child in node.children:
            rename(child)

    for node in new.walk():
        if node.kind is NodeKind.ARTICLE:
            node.number = (node.number or 0) + shift
    for root in new.nodes:
        rename(root)
    inserted = Node("art_1", NodeKind.ARTICLE, "第一条", 1, text="第一条",
                    children=[Node("art_1__para_1", NodeKind.PARAGRAPH, number=1, text="本办法所称测绘，是指新增的定义条款。")])
    new.nodes[0].children.insert(0, inserted)
    return new


def test_offsets_and_quotes_are_checked(regulation: Document) -> None:
    node = regulation.find("art_17__para_1")
    assert node is not None
    with pytest.raises(AnchorError):
        make_anchor(node, 5, 10_000)
    with pytest.raises(AnchorError):
        anchor_quote(node, "这句话不在条文里")
    a = anchor_quote(node, "不得超越资质等级许可的范围")
    assert node.text[a.start:a.end] == a.quote and len(a.prefix) <= 32 and len(a.suffix) <= 32


def test_unchanged_document_keeps_every_anchor(regulation: Document) -> None:
    node = regulation.find("art_17__para_2")
    assert node is not None
    a = anchor_quote(node, "不得让测绘单位低于测绘成本中标")
    placed = reanchor(a, copy.deepcopy(regulation))
    assert placed.method == "unchanged" and placed.anchor == a


def test_wording_changed_elsewhere_in_the_paragraph(regulation: Document) -> None:
    node = regulation.find("art_17__para_2")
    assert node is not None
    a = anchor_quote(node, "不得让测绘单位低于测绘成本中标")
    edited = copy.deepcopy(regulation)
    target = edited.find("art_17__para_2")
    assert target is not None
    target.text = target.text.replace("测绘项目实行招投标的", "测绘项目依法实行招标投标的")
    placed = reanchor(a, edited)
    assert placed.method == "node" and placed.anchor is not None
    assert target.text[placed.anchor.start:placed.anchor.end] == a.quote


def test_renumbered_articles(regulation: Document) -> None:
    a = anchor_quote(regulation.find("art_17__para_3"), "不得转让、转包中标的测绘项目")  # type: ignore[arg-type]
    clause = anchor_clause(regulation.find("art_17"))  # type: ignore[arg-type]
    moved = renumbered(regulation)
    placed = reanchor(a, moved)
    assert placed.anchor is not None and placed.anchor.node_id == "art_18__para_3"
    note = reanchor(clause, moved)
    assert note.anchor is not None and note.anchor.node_id == "art_18"


def test_quote_reworded_slightly_is_found_approximately(regulation: Document) -> None:
    a = anchor_quote(regulation.find("art_17__para_3"), "接受分包的测绘单位应当具备相应的资格条件")  # type: ignore[arg-type]
    edited = copy.deepcopy(regulation)
    node = edited.find("art_17__para_3")
    assert node is not None
    node.text = node.text.replace("应当具备相应的资格条件", "应当具备相应资格条件")
    placed = reanchor(a, edited)
    assert placed.method == "fuzzy" and placed.anchor is not None
    assert placed.anchor.node_id == "art_17__para_3"
    assert "接受分包的测绘单位应当具备相应资格条件" in node.text[placed.anchor.start - 2:placed.anchor.end + 2]


def test_deleted_sentence_becomes_an_orphan_not_a_neighbour(regulation: Document) -> None:
    a = anchor_quote(regulation.find("art_17__para_3"), "中标的测绘单位不得转让、转包中标的测绘项目。")  # type: ignore[arg-type]
    edited = copy.deepcopy(regulation)
    node = edited.find("art_17__para_3")
    assert node is not None
    node.text = node.text.replace("中标的测绘单位不得转让、转包中标的测绘项目。", "")
    placed = reanchor(a, edited)
    assert placed.orphan, f"placed by {placed.method} on {placed.anchor}"


@pytest.mark.parametrize("seed", [17, 18, 19, 20, 21])
def test_systematic_reanchoring_is_never_wrong(regulation: Document, seed: int) -> None:
    """Anchors across the whole regulation, after renumbering plus edits of three kinds."""
    rng = random.Random(seed)
    cases: list[tuple[Anchor, str | None, str]] = []  # anchor, expected node id, expected text
    edited = renumbered(regulation)
    for original in paragraphs(regulation):
        new_id = re.sub(r"^art_(\d+)", lambda m: f"art_{int(m.group(1)) + 1}", original.id)
        node = edited.find(new_id)
        assert node is not None
        length = rng.randint(8, 20)
        start = rng.randrange(0, len(original.text) - length)
        anchor = make_anchor(original, start, start + length)
        fate = rng.choice(["keep", "edit_outside", "edit_inside", "delete"])
        quote = anchor.quote
        if fate == "edit_outside" and start > 3:
            node.text = node.text[:start - 2] + "某" + node.text[start - 1:]
            cases.append((anchor, new_id, quote))
        elif fate == "edit_inside" and length >= 12:
            changed = quote[:6] + "有关" + quote[7:]
            node.text = node.text.replace(quote, changed, 1)
            cases.append((anchor, new_id, changed))
        elif fate == "delete":
            node.text = node.text.replace(quote, "", 1)
            cases.append((anchor, None, ""))
        else:
            cases.append((anchor, new_id, quote))
    placed = wrong = orphans = 0
    for anchor, expected_id, expected_text in cases:
        result = reanchor(anchor, edited)
        if result.anchor is None:
            orphans += 1
            continue
        placed += 1
        target = edited.find(result.anchor.node_id)
        got = target.text[result.anchor.start:result.anchor.end] if target else ""
        ok = expected_id is not None and result.anchor.node_id == expected_id and (
            got == expected_text or (result.method == "fuzzy" and _overlap(got, expected_text) >= 0.8))
        wrong += not ok
    deleted = sum(1 for _, expected, _ in cases if expected is None)
    print(f"re-anchoring: {len(cases)} anchors ({deleted} quotes deleted), {placed} placed, {wrong} wrong, "
          f"{orphans} orphans")
    assert wrong == 0
    assert placed >= len(cases) - deleted - 2  # nearly everything that still exists is found


def _overlap(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()
