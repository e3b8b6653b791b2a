"""follow(): annotations follow a law onto its amended version — on real amendment pairs
and on built documents — and are never placed on words other than their own."""
from __future__ import annotations

import copy
import random
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchoring import QUOTE_THRESHOLD, CLAUSE_THRESHOLD, Anchor, Placement, anchor_clause, make_anchor
from reader.core.model import Document, Node, NodeKind
from reader.core.numerals import int_to_cn
from reader.core.pipeline import parse_file
from reader.core.version_anchoring import OUTCOMES, Followed, follow
from reader.core.versions import Comparison, compare

#: The amendment pairs of shared/corpus/laws used here and in the benchmark.
AMENDMENTS = [
    ("民法商法/公司法(2018-10-26).md", "民法商法/公司法(2023-12-29).md"),
    ("经济法/会计法(2017-11-04).md", "经济法/会计法(2024-06-28).md"),
    ("经济法/反洗钱法(2006-10-31).md", "经济法/反洗钱法(2024-11-08).md"),
    ("行政法规/专利法实施细则(2010-01-09).md", "行政法规/专利法实施细则(2023-12-11).md"),
]


# --- annotations on random spans, and the check of where they went --------------------

def sample_anchors(doc: Document, count: int, seed: int, clause_share: float = 0.1) -> list[Anchor]:
    """Seeded annotations: quotes of 4–60 characters of a node's own text (never a bare 第X条
    number line), and whole-clause notes on articles and 款."""
    rng = random.Random(seed)
    texts = [n for n in doc.walk() if len(n.text) >= 4 and n.text != n.label]
    clauses = [n for n in doc.walk() if n.kind in (NodeKind.ARTICLE, NodeKind.PARAGRAPH) and n.full_text()]
    anchors = []
    for _ in range(count):
        if rng.random() < clause_share:
            anchors.append(anchor_clause(rng.choice(clauses)))
            continue
        node = rng.choice(texts)
        size = rng.randint(4, min(60, len(node.text)))
        start = rng.randint(0, len(node.text) - size)
        anchors.append(make_anchor(node, start, start + size))
    return anchors


def _units(doc: Document, ids: set[str]) -> dict[str, str]:
    """Node id → id of the comparison unit holding it (the deepest paired ancestor), '' if none."""
    owner: dict[str, str] = {}

    def visit(node: Node, unit: str) -> None:
        unit = node.id if node.id in ids else unit
        owner[node.id] = unit
        for child in node.children:
            visit(child, unit)

    for root in doc.nodes:
        visit(root, "")
    return owner


@dataclass
class Check:
    """What the check found over one set of placements."""

    placed: int = 0
    wrong: int = 0
    verbatim: int = 0  # quotes found verbatim, with their context, in the new version
    recalled: int = 0  # ... and placed there
    examples: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)  # wrong placements by kind


def check(anchors: list[Anchor], placed: list[Anchor | None], old: Document, new: Document,
          comparison: Comparison) -> Check:
    """Count wrong placements and the recall of verbatim quotes, independently of follow().

    Wrong: a placement elsewhere than where the quote stands verbatim with its context (see
    recall); the same words in a unit neither paired with the old one nor gaining them; an
    approximate one below QUOTE_THRESHOLD or outside the unit paired with the old one; a
    whole-clause note on a clause neither paired with its own nor opening alike.
    Recall: of the quotes standing verbatim with their context in the unit paired with
    theirs — or, failing that, in a unit that gained the quote — how many were placed there.
    A unit that held the quote as often before holds its own words, whatever their context
    (a 第三十条 renumbered in a cross-reference can make another article's context match)."""
    old_unit = _units(old, {p.old.node_id for p in comparison.pairs if p.old})
    new_unit = _units(new, {p.new.node_id for p in comparison.pairs if p.new})
    partners: dict[str, set[str]] = {}
    for p in comparison.pairs:
        if p.old and p.new:
            partners.setdefault(p.old.node_id, set()).add(p.new.node_id)
    nodes = {n.id: n for n in new.walk()}
    sources: dict[str, set[str]] = {}
    for o, ns in partners.items():
        for n in ns:
            sources.setdefault(n, set()).add(o)
    old_text, new_text = _unit_texts(old, old_unit), _unit_texts(new, new_unit)

    def gained(unit: str, needle: str) -> bool:
        """Words a unit already had in the old version are its own, not a moved annotation's."""
        return new_text[unit].count(needle) > sum(old_text.get(o, "").count(needle) for o in sources.get(unit, ()))

    out = Check()
    for a, at in zip(anchors, placed):
        home = partners.get(old_unit.get(a.node_id, ""), set())
        bad = ""
        if a.quote:
            needle = a.prefix + a.quote + a.suffix
            verbatim = {(n.id, pos + len(a.prefix)) for n in nodes.values() for pos in _finds(n.text, needle)}
            expected = ({e for e in verbatim if new_unit[e[0]] in home}
                        or {e for e in verbatim if gained(new_unit[e[0]], a.quote)})
            out.verbatim += bool(expected)
            if at is not None:
                now = nodes[at.node_id].text[at.start:at.end]
                if expected and (at.node_id, at.start) in expected and now == a.quote:
                    out.recalled += 1
                elif expected:
                    bad = f"not where its words stand verbatim: {now!r}"
                elif now == a.quote:
                    unit = new_unit.get(at.node_id, "")
                    bad = "" if unit in home or gained(unit, a.quote) else "another unit's words"
                elif SequenceMatcher(None, a.quote, now, autojunk=False).ratio() < QUOTE_THRESHOLD:
                    bad = f"other words: {now!r}"
                elif new_unit.get(at.node_id, "") not in home:
                    bad = f"approximate outside the paired unit: {now!r}"
        elif at is not None:
            full = nodes[at.node_id].full_text()
            alike = SequenceMatcher(None, a.suffix, full[:len(a.suffix)], autojunk=False).ratio()
            if new_unit.get(at.node_id, "") not in home and alike < CLAUSE_THRESHOLD:
                bad = "clause neither paired nor alike"
        out.placed += at is not None
        if bad:
            out.wrong += 1
            out.kinds[bad.split(":")[0]] += 1
            out.examples.append(f"{a.node_id} {a.quote!r} → {at.node_id if at else None}: {bad}")
    return out


def _unit_texts(doc: Document, owner: dict[str, str]) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    for n in doc.walk():
        texts.setdefault(owner[n.id], []).append(n.text)
    return {u: "\n".join(t) for u, t in texts.items()}


def _finds(text: str, needle: str) -> list[int]:
    hits, pos = [], text.find(needle)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(needle, pos + 1)
    return hits


def placements(results: list[Followed] | list[Placement]) -> list[Anchor | None]:
    return [r.placement if isinstance(r, Followed) else r.anchor for r in results]


# --- real amendment pairs ----------------------------------------------------------------

@pytest.fixture(scope="module", params=AMENDMENTS, ids=lambda p: p[0].split("/")[1].split("(")[0])
def amendment(request, shared_dir) -> tuple[Document, Document, Comparison]:
    base = shared_dir / "corpus" / "laws"
    old, new = (parse_file(base / name)[0] for name in request.param)
    return old, new, compare(old, new)


def test_real_amendments_place_nothing_on_other_words(amendment) -> None:
    old, new, cmp = amendment
    anchors = sample_anchors(old, 400, seed=14)
    results = follow(anchors, old, new, cmp)
    found = check(anchors, placements(results), old, new, cmp)
    assert found.wrong == 0, found.examples[:5]
    assert found.recalled == found.verbatim, (found.recalled, found.verbatim)
    assert found.verbatim > 40  # the check had something to check (反洗钱法 2024 is mostly rewritten)
    outcomes = Counter(r.outcome for r in results)
    assert set(outcomes) <= set(OUTCOMES)
    for r in results:
        assert (r.placement is None) == (r.outcome == "orphan")
        if r.outcome in ("unchanged", "moved") and r.anchor.quote:
            assert r.new_text == r.anchor.quote
        if r.outcome == "moved":
            assert r.old_label and r.new_label
        if r.outcome == "changed":
            assert r.new_text != r.anchor.quote or not r.anchor.quote


def test_company_law_notes_follow_renumbered_articles(shared_dir) -> None:
    """公司法 2023 renumbered nearly every article: the notes move with their words."""
    base = shared_dir / "corpus" / "laws" / "民法商法"
    old, new = parse_file(base / "公司法(2018-10-26).md")[0], parse_file(base / "公司法(2023-12-29).md")[0]
    results = follow(sample_anchors(old, 300, seed=3), old, new)
    outcomes = Counter(r.outcome for r in results)
    assert outcomes["moved"] > 50 and outcomes["orphan"] > 0 and outcomes["changed"] > 0, outcomes
    moved = [r for r in results if r.outcome == "moved"]
    assert any(r.old_label != r.new_label for r in moved)


def test_the_comparison_is_computed_when_not_given(amendment) -> None:
    old, new, cmp = amendment
    anchors = sample_anchors(old, 50, seed=5)
    assert follow(anchors, old, new) == follow(anchors, old, new, cmp)
    assert follow([], old, new) == []


# --- built documents ---------------------------------------------------------------------

SENTENCES = [
    "国家鼓励和支持科学技术研究开发，推动科学技术成果转化。",
    "县级以上人民政府应当将本行政区域的环境保护工作纳入国民经济和社会发展规划。",
    "任何单位和个人不得非法收集、使用、加工、传输他人个人信息。",
    "违反本法规定，构成犯罪的，依法追究刑事责任。",
    "公司应当依法建立健全财务、会计制度，接受社会监督。",
    "有关部门应当在收到申请之日起二十日内作出决定，并书面通知申请人。",
    "监督检查人员执行职务时，应当出示执法证件，遵守保密规定。",
    "用人单位应当保障劳动者的休息休假权利，不得强迫劳动者加班。",
    "省、自治区、直辖市人民代表大会常务委员会可以根据本地区实际情况制定实施办法。",
    "医疗机构应当按照规定报告传染病疫情，不得隐瞒、谎报、缓报。",
    "学校应当加强安全管理，定期开展应急演练，保障学生人身安全。",
    "海关依照本法对进出境运输工具、货物、物品实施监管，征收关税和其他税费。",
    "商业银行以安全性、流动性、效益性为经营原则，实行自主经营，自担风险。",
    "国务院卫生健康主管部门负责全国的食品安全风险评估工作。",
    "出版单位应当建立健全稿件三审制度，保证出版物的质量。",
    "城市规划区内的建设工程，应当符合城市规划的要求。",
    "气象台站应当及时发布灾害性天气警报，并向有关部门通报。",
    "森林经营者应当依法保护和合理利用森林资源，提高森林覆盖率。",
    "消费者在购买商品时享有知悉其购买商品的真实情况的权利。",
    "仲裁委员会应当由当事人协议选定，仲裁不实行级别管辖和地域管辖。",
]
NEW_ARTICLE = ["本法所称档案，是指过去和现在的机构和个人从事各项活动形成的历史记录。"]


def law(articles: list[list[str]]) -> Document:
    nodes = []
    for n, paras in enumerate(articles, 1):
        label = f"第{int_to_cn(n)}条"
        nodes.append(Node(f"art_{n}", NodeKind.ARTICLE, label, n, "", label, [
            Node(f"art_{n}__para_{k}", NodeKind.PARAGRAPH, "", k, "", text) for k, text in enumerate(paras, 1)]))
    return Document(title="测试法", nodes=nodes)


@st.composite
def laws_with_notes(draw) -> tuple[list[list[str]], list[Anchor], Document]:
    """A law of 2–6 articles of distinct sentences, and notes on spans of its 款 and clauses."""
    order = draw(st.permutations(range(len(SENTENCES))))
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=6))
    articles, k = [], 0
    for size in sizes:
        articles.append([SENTENCES[i] for i in order[k:k + size]])
        k += size
    doc = law(articles)
    paras = [n for n in doc.walk() if n.kind is NodeKind.PARAGRAPH]
    anchors = []
    for _ in range(draw(st.integers(1, 12))):
        node = paras[draw(st.integers(0, len(paras) - 1))]
        if draw(st.booleans()) and draw(st.booleans()):
            anchors.append(anchor_clause(doc.find(node.id.split("__")[0]) if draw(st.booleans()) else node))
            continue
        size = draw(st.integers(4, len(node.text)))
        start = draw(st.integers(0, len(node.text) - size))
        anchors.append(make_anchor(node, start, start + size))
    return articles, anchors, doc


@settings(max_examples=60, deadline=None)
@given(laws_with_notes(), st.integers(1, 2))
def test_renumbering_only_moves_every_note_to_its_own_words(case, inserted: int) -> None:
    articles, anchors, old = case
    new = law([[f"本法所称档案，是指第{int_to_cn(i + 1)}类历史记录。"] for i in range(inserted)] + articles)
    for a, r in zip(anchors, follow(anchors, old, new)):
        assert r.outcome == "moved", (a, r)
        shifted = a.node_id.replace(a.node_id.split("__")[0], f"art_{int(a.node_id.split('__')[0][4:]) + inserted}")
        assert r.node_id == shifted
        assert (r.start, r.end) == (a.start, a.end)
        assert r.new_text == (a.quote or new.find(shifted).full_text())
        assert r.old_label != r.new_label


@settings(max_examples=60, deadline=None)
@given(laws_with_notes(), st.data())
def test_a_deleted_article_orphans_its_notes_and_only_those(case, data) -> None:
    articles, anchors, old = case
    gone = data.draw(st.integers(1, len(articles)))
    new = law([a for k, a in enumerate(articles, 1) if k != gone])
    results = follow(anchors, old, new)
    cmp = compare(old, new)
    assert check(anchors, placements(results), old, new, cmp).wrong == 0
    for a, r in zip(anchors, results):
        number = int(a.node_id.split("__")[0][4:])
        if number == gone:
            assert r.outcome == "orphan" and r.placement is None and r.anchor == a, r
        else:
            assert r.outcome == ("unchanged" if number < gone else "moved"), r
            assert r.new_text == (a.quote or new.find(r.node_id).full_text())


@settings(max_examples=60, deadline=None)
@given(laws_with_notes(), st.data())
def test_rewording_a_clause_never_places_a_note_on_other_words(case, data) -> None:
    """One 款 reworded (a few characters changed), an article inserted before it: notes are
    placed on their own words or on the reworded 款 (changed), or orphaned."""
    articles, anchors, old = case
    articles = copy.deepcopy(articles)
    k = data.draw(st.integers(0, len(articles) - 1))
    p = data.draw(st.integers(0, len(articles[k]) - 1))
    text = articles[k][p]
    cut = data.draw(st.integers(0, len(text) - 3))
    articles[k][p] = text[:cut] + "有关规定" + text[cut + 2:]
    new = law([NEW_ARTICLE] + articles)
    results = follow(anchors, old, new)
    found = check(anchors, placements(results), old, new, compare(old, new))
    assert found.wrong == 0, found.examples
    for a, r in zip(anchors, results):
        assert r.outcome in ("moved", "changed", "orphan")
        if r.outcome == "changed":
            assert r.node_id == f"art_{k + 2}__para_{p + 1}" or r.node_id == f"art_{k + 2}"


def test_notes_follow_split_and_merged_articles() -> None:
    """第二条's two 款 become 第二条 and 第三条 (split), and back (merged): notes go with them."""
    s = SENTENCES
    whole = law([[s[0]], [s[1], s[2]], [s[3]]])
    parted = law([[s[0]], [s[1]], [s[2]], [s[3]]])
    anchors = [make_anchor(whole.find("art_2__para_2"), 2, 12), anchor_clause(whole.find("art_2")),
               anchor_clause(whole.find("art_2__para_2"))]
    split = follow(anchors, whole, parted)
    assert [(r.outcome, r.node_id, r.new_label) for r in split] == [
        ("moved", "art_3__para_1", "第三条"), ("changed", "art_2", "第二条"), ("moved", "art_3__para_1", "第三条")]
    assert split[0].new_text == anchors[0].quote
    anchors = [make_anchor(parted.find("art_3__para_1"), 2, 12), anchor_clause(parted.find("art_3"))]
    merged = follow(anchors, parted, whole)
    assert [(r.outcome, r.node_id, r.old_label, r.new_label) for r in merged] == [
        ("moved", "art_2__para_2", "第三条", "第二条"), ("changed", "art_2", "第三条", "第二条")]


def test_the_check_counts_a_placement_one_character_off_as_wrong() -> None:
    """The check itself can fail: the same placements shifted by one character are wrong."""
    old = law([[SENTENCES[0]], [SENTENCES[1]]])
    new = law([NEW_ARTICLE, [SENTENCES[0]], [SENTENCES[1]]])
    anchors = [make_anchor(old.find("art_2__para_1"), 3, 15)]
    cmp = compare(old, new)
    right = placements(follow(anchors, old, new, cmp))
    assert check(anchors, right, old, new, cmp).wrong == 0
    shifted = [Anchor(a.node_id, a.start + 1, a.end + 1, "", "", "", "") for a in right if a]
    assert check(anchors, shifted, old, new, cmp).wrong == 1


@settings(max_examples=80, deadline=None)
@given(laws_with_notes(), st.data())
def test_any_amendment_places_notes_only_on_their_own_words(case, data) -> None:
    """Articles deleted, inserted, moved and 款 reworded at random: zero wrong placements,
    and every note on an untouched 款 is found on its very words."""
    articles, anchors, old = case
    rows = [(k, list(paras)) for k, paras in enumerate(articles, 1)]  # (old number or 0, 款)
    touched: set[tuple[int, int]] = set()  # (old article, 款) reworded
    for step in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["delete", "insert", "move", "reword"]))
        at = data.draw(st.integers(0, len(rows) - 1))
        if op == "delete" and len(rows) > 1:
            rows.pop(at)
        elif op == "insert":
            rows.insert(at, (0, [f"本法所称档案，是指第{int_to_cn(step + 1)}类历史记录。"]))
        elif op == "move":
            rows.insert(data.draw(st.integers(0, len(rows) - 1)), rows.pop(at))
        elif op == "reword" and rows[at][0]:
            p = data.draw(st.integers(0, len(rows[at][1]) - 1))
            rows[at][1][p] = rows[at][1][p][:4] + "有关规定" + rows[at][1][p][6:]
            touched.add((rows[at][0], p + 1))
    new = law([paras for _, paras in rows])
    results = follow(anchors, old, new)
    found = check(anchors, placements(results), old, new, compare(old, new))
    assert found.wrong == 0, found.examples
    kept = {k for k, _ in rows if k}
    for a, r in zip(anchors, results):
        article, _, para = a.node_id.partition("__para_")
        number = int(article[4:])
        if a.quote and number in kept and (number, int(para)) not in touched:
            assert r.outcome in ("unchanged", "moved") and r.new_text == a.quote, (a, r)
