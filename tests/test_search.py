"""Search through the Library: exact wording on the seed documents, the query language,
ranking, highlighting, totals, and the CLI's `search` command."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from index.analysis import fold, fold_with_offsets
from index.query import make_term, parse
from index.searcher import find_spans, make_snippet, mark
from index.units import document_units
from reader.cli import main
from reader.store.library import Library
from tests.conftest import make_document

ALL = 100_000  # a limit that returns every hit


# -- ground truth ---------------------------------------------------------------------------


def all_units(lib: Library) -> list:
    """Every search unit of every document in the library."""
    return [u for summary in lib.documents() for u in document_units(lib.document(summary.id))]


def scan(units: list, text: str) -> set[tuple]:
    """The units whose folded text contains the folded ``text`` (or one of its 第N条
    spellings): the plain substring scan a search must agree with."""
    variants = make_term(text).variants
    return {(u.doc_id, u.node_id, u.kind) for u in units
            if any(v and v in fold(u.text) for v in variants)}


def found(results) -> set[tuple]:  # noqa: ANN001
    return {(h.doc_id, h.node_id, h.kind) for h in results.hits}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory):
    """The five seed files imported into one library, with its index built."""
    from tests.conftest import SAMPLES

    lib = Library.open(tmp_path_factory.mktemp("seed-library"))
    report = lib.import_files(sorted(SAMPLES.glob("*.txt")))
    assert report.ok
    assert lib.ensure_index().startswith("rebuilt")
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def seed_units(seeds: Library) -> list:
    return all_units(seeds)


def by_title(lib: Library, fragment: str) -> str:
    return next(d.id for d in lib.documents() if fragment in d.title)


# -- exact wording on the seeds -----------------------------------------------------------

QUERIES = [
    "由县级以上人民政府", "前款", "第四十三条", "第43条", "人民政府", "罚", "法", "的", "12345",
    "2022", "２０２２", "ＧＺ", "医疗保险", "醫療保險", "违反本办法规定，有下列情形的",
    "违反本办法规定,有下列情形的", "（一）", "《中华人民共和国测绘法》", "十四五", "%", "、",
]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_exactly_what_a_substring_scan_finds(seeds, seed_units, query) -> None:
    results = seeds.search(query, limit=ALL, literal=True)
    expected = scan(seed_units, query)
    assert found(results) == expected
    assert results.total == len(expected)
    assert results.by_document == dict(Counter(k[0] for k in expected))


def test_known_article_with_either_numeral_spelling(seeds) -> None:
    doc = by_title(seeds, "测绘地理信息管理办法")
    for query in ("第四十三条", "第43条"):
        results = seeds.search(query, doc_id=doc, limit=ALL)
        article = next(h for h in results.hits if h.node_id == "art_43")
        assert article.label == "第四十三条"
        assert article.snippet.startswith("第四十三条")
        assert article.text[article.matches[0][0]:article.matches[0][1]] == "第四十三条"
    assert found(seeds.search("第43条", limit=ALL)) == found(seeds.search("第四十三条", limit=ALL))


def test_query_spanning_a_line_wrap_and_punctuation(seeds) -> None:
    # in the source, 第四十三条 breaks its line after «中华人民共和国测绘法»
    doc = by_title(seeds, "测绘地理信息管理办法")
    for query in ("测绘法》《中华人民共和国招标投标法", "测绘法»«中华人民共和国招标投标法",
                  "违反本办法规定，有下列情形的，依照"):
        results = seeds.search(query, literal=True)
        assert [(h.doc_id, h.node_id) for h in results.hits] == [(doc, "art_43")], query


def test_full_width_digits_find_ascii_digits(seeds) -> None:
    half = seeds.search("2025年", limit=ALL)
    full = seeds.search("２０２５年", limit=ALL)
    assert half.total > 0
    assert found(full) == found(half) and full.total == half.total


def test_one_character_query_counts_every_unit(seeds, seed_units) -> None:
    results = seeds.search("府", limit=5)
    assert results.total == len(scan(seed_units, "府")) > 5
    assert len(results.hits) == 5
    for hit in results.hits:
        assert all(hit.text[s:e] == "府" for s, e in hit.matches)
        assert hit.text.count("府") == len(hit.matches)


def test_traditional_characters_find_simplified_text(seeds) -> None:
    simplified = seeds.search("社会医疗保险", limit=ALL)
    traditional = seeds.search("社會醫療保險", limit=ALL)
    assert simplified.total > 0 and found(traditional) == found(simplified)
    hit = traditional.hits[0]
    assert all(hit.text[s:e] == "社会医疗保险" for s, e in hit.matches)


def test_per_document_totals_and_limit(seeds, seed_units) -> None:
    results = seeds.search("人民政府", limit=3)
    expected = scan(seed_units, "人民政府")
    assert len(results.hits) == 3
    assert results.total == len(expected) == sum(results.by_document.values())
    assert results.by_document == dict(Counter(k[0] for k in expected))
    page2 = seeds.search("人民政府", limit=3, offset=3)
    assert len(page2.hits) == 3 and not found(page2) & found(results)


def test_node_ids_point_into_the_document_tree(seeds) -> None:
    for hit in seeds.search("应当", limit=50).hits:
        if hit.node_id is None:
            assert hit.kind in ("title", "front_matter")
            continue
        node = seeds.document(hit.doc_id).find(hit.node_id)
        assert node is not None and node.full_text() .startswith(hit.text.split("\n")[0])
        assert node.label == hit.label


def test_scopes_and_filters(seeds) -> None:
    doc = by_title(seeds, "测绘地理信息管理办法")
    one = seeds.search("测绘", doc_id=doc[:10], limit=ALL)
    assert one.total > 0 and set(one.by_document) == {doc}
    assert seeds.search(f"测绘 doc:{doc[:8]}", limit=ALL).by_document == one.by_document
    titles = seeds.search("广州市", titles_only=True, limit=ALL)
    assert titles.total and all(h.kind == "title" for h in titles.hits)
    rules = seeds.search("人民政府 type:规章", limit=ALL)  # 规章 matches 地方政府规章 and 部门规章
    kinds = {d.id: d.kind for d in seeds.documents()}
    assert rules.total and {kinds[d] for d in rules.by_document} == {"地方政府规章"}
    dated = {d.id: d.issued for d in seeds.documents()}
    in_2021 = seeds.search("人民政府 year:2021", limit=ALL)
    assert in_2021.total and all(dated[d].year == 2021 for d in in_2021.by_document)
    assert seeds.search("人民政府 year:2020-2022", limit=ALL).total >= in_2021.total
    with pytest.raises(Exception):
        seeds.search("x", doc_id="doc_nonexistent")


def test_and_or_exclude(seeds, seed_units) -> None:
    both = found(seeds.search("测绘 罚款", limit=ALL))
    assert both == scan(seed_units, "测绘") & scan(seed_units, "罚款")
    either = found(seeds.search("测绘 OR 罚款", limit=ALL))
    assert either == scan(seed_units, "测绘") | scan(seed_units, "罚款")
    without = found(seeds.search("测绘 -罚款", limit=ALL))
    assert without == scan(seed_units, "测绘") - scan(seed_units, "罚款")
    quoted = found(seeds.search('"测绘 活动"', limit=ALL))
    assert quoted == scan(seed_units, "测绘活动")


@pytest.mark.parametrize("query", ['"unclosed', "OR", "a OR", "OR a", "-", "--", "year:abc",
                                   "doc:", '""', "   ", "", "(", "*", "a:b:c", "｜", "\\"])
def test_malformed_queries_never_raise(seeds, query) -> None:
    results = seeds.search(query)
    assert results.total >= 0


def test_query_parser() -> None:
    q = parse('罚款 OR 警告 "县级 以上" -附则 doc:doc_1 type:规章 year:2018-2020')
    assert [[t.variants[0] for t in g] for g in q.groups] == [["罚款", "警告"], ["县级以上"]]
    assert [t.variants[0] for t in q.excluded] == ["附则"]
    assert (q.doc_prefixes, q.types, q.years, q.literal) == (["doc_1"], ["规章"], [(2018, 2020)], False)
    assert parse('"unclosed').literal and parse("x OR").literal and parse("-x").literal
    assert parse("第43条").terms[0].variants == ("第43条", "第四十三条")
    assert parse("第一百一十条").terms[0].variants == ("第一百一十条", "第110条")


# -- ranking and highlighting -----------------------------------------------------------------


def test_whole_phrase_ranks_above_scattered_parts(library: Library, fake_parser, tmp_path: Path) -> None:
    scattered = make_document(title="甲办法", doc_number="甲〔2024〕1号", articles=1,
                              body="县级部门、县级单位和县级机构报告人民政府，人民政府和人民政府组成部门。")
    whole = make_document(title="乙办法", doc_number="乙〔2024〕1号", articles=1,
                          body="由县级人民政府负责本办法的组织实施，并对执行情况进行长期的监督和检查。")
    library.import_files([fake_parser.add(tmp_path / "a.txt", scattered),
                          fake_parser.add(tmp_path / "b.txt", whole)])
    results = library.search("县级 人民政府")
    assert [h.doc_id for h in results.hits[:1]] == [whole.id]
    assert results.total == 2
    # a title unit comes first for wording in a title
    assert library.search("乙办法").hits[0].kind == "title"


def test_every_occurrence_is_highlighted_in_cjk_text() -> None:
    text = "第一条　为了规范２０２２年的管理，由县级以上\n人民政府负责；县级以上人民政府应当……"
    spans = find_spans(text, [fold("2022"), fold("县级以上人民政府")])
    assert [text[s:e] for s, e in spans] == ["２０２２", "县级以上\n人民政府", "县级以上人民政府"]
    snippet, highlights = make_snippet(text, spans)
    assert mark(snippet, highlights, "[", "]") == (
        "第一条　为了规范[２０２２]年的管理，由[县级以上 人民政府]负责；[县级以上人民政府]应当……")
    long = "甲" * 300 + "罚款" + "乙" * 300 + "罚款" + "丙" * 300
    snippet, highlights = make_snippet(long, find_spans(long, ["罚款"]))
    assert len(snippet) <= 160 and snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in highlights] == ["罚款", "罚款"]


def test_fold_is_per_character() -> None:
    text = "Ｈｅｌｌｏ　ＷＯＲＬＤ\n２０２２㈠醫"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text) == "helloworld2022(一)医"
    assert "".join(fold(c) for c in text) == folded
    assert len(offsets) == len(folded) + 1


# -- command line -------------------------------------------------------------------------------


def test_cli_search_json(seeds, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(seeds.folder), "search", "--json", "第43条", "--limit", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"query", "total", "by_document", "hits"}
    assert data["query"] == "第43条" and data["total"] == sum(data["by_document"].values()) > 0
    assert 0 < len(data["hits"]) <= 2
    hit = data["hits"][0]
    assert {"doc_id", "doc_title", "node_id", "label", "snippet", "score", "highlights"} <= set(hit)
    for start, end in hit["highlights"]:
        assert fold(hit["snippet"][start:end]) in ("第43条", "第四十三条")
    # node_id points into `show --json`
    assert main(["--library", str(seeds.folder), "show", "--json", hit["doc_id"]]) == 0
    tree = json.loads(capsys.readouterr().out)["documents"][0]

    def ids(nodes):  # noqa: ANN001, ANN202
        for n in nodes:
            yield n["id"]
            yield from ids(n["children"])

    assert hit["node_id"] in set(ids(tree["nodes"]))


def test_cli_search_human_output(seeds, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--library", str(seeds.folder), "search", "由县级以上人民政府", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "【" in out or "no match" in out
    assert main(["--library", str(seeds.folder), "search", "社会医疗保险"]) == 0
    out = capsys.readouterr().out
    assert "【社会医疗保险】" in out and "match" in out
    with pytest.raises(SystemExit):
        main(["--library", str(seeds.folder), "search", "x", "--limit", "0"])
