"""The fast paths of search stay exact: decoded postings and folded texts kept across
index commits, filters as docnum ranges, per-document totals by runs of units, the
ranking of one word by its weighted frequency.  Each is checked against a plain scan or
a brute-force equivalent, before and after imports, updates and removals."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import searcher
from index.searcher import _count_documents, _kept, _runs, _take
from reader.store.library import Library
from tests.conftest import make_document
from tests.test_search import all_units, found, scan

ALL = 100_000
QUERIES = ["的", "条", "措辞", "的的", "第1条", "管理办法", "（一）第1项", "独有的措辞", "不存在的话"]


def current_units(lib: Library) -> list:
    return all_units(lib)  # lib.documents() lists the current versions


def assert_like_scan(lib: Library, query: str) -> None:
    units = current_units(lib)
    results = lib.search(query, limit=ALL, literal=True)
    expected = scan(units, query)
    assert found(results) == expected, query
    assert results.total == len(expected)
    assert results.by_document == dict(Counter(k[0] for k in expected))


def doc(n: int, body: str, title: str = ""):  # noqa: ANN201
    return make_document(title=title or f"第{n}号管理办法", doc_number=f"测〔2024〕{n}号",
                         body=body, articles=3)


@pytest.fixture
def five_docs(library: Library, fake_parser, tmp_path: Path):
    files = [fake_parser.add(tmp_path / f"{n}.txt", doc(n, f"第{n}份文件独有的措辞，的的。"))
             for n in range(5)]
    library.import_files(files)
    library.ensure_index()
    library._index().warm()
    return library, files


def test_import_remove_and_reimport_keep_search_exact(five_docs, fake_parser, tmp_path) -> None:
    lib, files = five_docs
    for q in QUERIES:  # fills the postings and text caches
        assert_like_scan(lib, q)
    index = lib._index()
    old_segments = dict(index._searcher._cache.segments)
    lib.import_files([fake_parser.add(tmp_path / "new.txt", doc(9, "新增文件的措辞。"))])
    # the segments that were there are kept (decoded postings, folded texts) …
    kept = index._searcher._cache.segments
    assert all(kept[key] is seg for key, seg in old_segments.items() if key in kept)
    assert any(key in kept for key in old_segments)
    # … and every search sees the change
    for q in QUERIES + ["新增文件"]:
        assert_like_scan(lib, q)
    assert lib.search("新增文件").total == 3
    gone = lib.documents()[0].id
    lib.remove(gone)
    for q in QUERIES:
        assert_like_scan(lib, q)
    assert gone not in lib.search("措辞", limit=ALL).by_document
    # a new version of a document: the old one left out unless asked for
    fake_parser.add(files[1], doc(1, "改写后的措辞。"))
    (version,) = lib.import_files([files[1]]).versions
    for q in QUERIES + ["改写后"]:
        assert_like_scan(lib, q)
    old = next(d.id for d in lib.documents(all_versions=True) if d.id != version.id
               and d.title == version.title)
    assert lib.search("第1份文件独有").total == 0
    assert lib.search("第1份文件独有", all_versions=True).by_document == {old: 3}


def test_an_unrelated_update_leaves_results_as_they_were(five_docs, fake_parser, tmp_path) -> None:
    lib, _ = five_docs
    before = {q: lib.search(q, limit=ALL, literal=True) for q in QUERIES}
    lib.import_files([fake_parser.add(tmp_path / "other.txt", doc(7, "别的内容。", title="别的规定"))])
    for q in ("措辞", "独有的措辞", "的的"):  # none of them in the new document
        after = lib.search(q, limit=ALL, literal=True)
        assert [(h.doc_id, h.node_id) for h in after.hits] == \
            [(h.doc_id, h.node_id) for h in before[q].hits]
        assert after.by_document == before[q].by_document


def test_a_tiny_postings_cache_gives_the_same_results(five_docs, monkeypatch) -> None:
    lib, _ = five_docs
    before = {q: lib.search(q, limit=ALL, literal=True) for q in QUERIES}
    monkeypatch.setattr(searcher, "POSTINGS_CACHE", 3)
    lib._index().close()  # a new searcher: nothing decoded yet, little kept
    for q in QUERIES:
        again = lib.search(q, limit=ALL, literal=True)
        assert [(h.doc_id, h.node_id, h.score) for h in again.hits] == \
            [(h.doc_id, h.node_id, h.score) for h in before[q].hits]
        assert_like_scan(lib, q)


def test_segments_merged_by_whoosh_read_the_same(five_docs, fake_parser, tmp_path) -> None:
    """The full build writes its own postings (rare terms inlined): Whoosh's own merge
    must read them back, and the merged segment must search the same."""
    from index import indexer

    lib, _ = five_docs
    lib.import_files([fake_parser.add(tmp_path / "more.txt", doc(8, "再加一份的措辞。"))])
    before = {q: lib.search(q, limit=ALL, literal=True) for q in QUERIES}
    ix = indexer.check(lib.folder / "index")
    assert len(ix.reader().leaf_readers()) > 1
    ix.writer().commit(optimize=True)  # one segment, written by Whoosh from the others
    assert len(ix.reader().leaf_readers()) == 1
    for q in QUERIES:
        after = lib.search(q, limit=ALL, literal=True)
        # the same hits (Whoosh's merge drops the length column: scores may move)
        assert found(after) == found(before[q]), q
        assert after.by_document == before[q].by_document
        assert_like_scan(lib, q)
    assert lib._index().last_rebuild_reason == "missing"  # read, not rebuilt


def test_filters_and_titles_only_by_ranges(five_docs) -> None:
    lib, _ = five_docs
    ids = [d.id for d in lib.documents()]
    one = lib.search("措辞", doc_id=ids[2], limit=ALL)
    assert one.by_document == {ids[2]: 3}
    titles = lib.search("管理办法", titles_only=True, limit=ALL)
    assert {h.kind for h in titles.hits} == {"title"} and len(titles.by_document) == 5
    prefixed = lib.search(f"措辞 doc:{ids[3][:12]}", limit=ALL)
    assert set(prefixed.by_document) == {ids[3]}


# -- the helpers, against brute force --------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(ids=st.lists(st.integers(0, 60), unique=True).map(sorted),
       ranges=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=6))
def test_cutting_ranges_out_of_sorted_postings(ids, ranges) -> None:
    drop = searcher._merge([(lo, lo + n) for lo, n in ranges])
    slices = _kept(ids, drop)
    expected = [d for d in ids if not any(lo <= d < hi for lo, hi in drop)]
    assert _take(ids, slices) == expected
    assert _take([d * 10 for d in ids], slices) == [d * 10 for d in expected]


@settings(max_examples=200, deadline=None)
@given(doc=st.lists(st.integers(0, 4), min_size=1, max_size=80), data=st.data())
def test_counting_documents_by_runs(doc, data) -> None:
    from array import array

    seg = SimpleNamespace(doc=array("i", doc), runs=_runs(array("i", doc)))
    keys = sorted(data.draw(st.sets(st.integers(0, len(doc) - 1))))
    for ascending in (True, False):
        counts: Counter[int] = Counter()
        _count_documents(seg, keys, counts, ascending)
        assert counts == Counter(doc[k] for k in keys)
    saved, searcher.RUNS_MIN_KEYS = searcher.RUNS_MIN_KEYS, 0  # the runs' path, always
    try:
        counts = Counter()
        _count_documents(seg, keys, counts, True)
    finally:
        searcher.RUNS_MIN_KEYS = saved
    assert counts == Counter(doc[k] for k in keys)
