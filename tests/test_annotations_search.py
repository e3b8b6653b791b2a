"""Notes and tags are searchable through the index with the exact-wording guarantee:
every annotation whose note or tags contain the query is found, nothing else; edits,
deletes, restores, re-imports and removals reach the index; document search is unchanged."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.analysis import fold
from index.query import make_term
from index.units import annotation_unit
from reader.cli import main
from reader.store.library import Library, Span

ALL = 100_000


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory):
    """The seeds with ~150 annotations whose notes are sentences of other articles (so
    note and text wording overlap) plus tags, the index built before the notes came."""
    from tests.conftest import SAMPLES

    lib = Library.open(tmp_path_factory.mktemp("annotated"))
    lib.import_files(sorted(SAMPLES.glob("*.txt")))
    lib.ensure_index()
    rng = random.Random(11)
    nodes = [(s.id, n) for s in lib.documents() for n in lib.document(s.id).walk() if len(n.text) >= 20]
    tags = ["待办", "复核", "ＡＢＣ标签", "罚款", "第17条"]
    for doc_id, node in rng.sample(nodes, 150):
        _other_doc, other = rng.choice(nodes)
        start = rng.randrange(0, len(other.text) - 10)
        note = other.text[start:start + rng.randint(5, 40)] if rng.random() < 0.8 else ""
        chosen = rng.sample(tags, rng.randint(0, 2))
        lib.annotations.add(doc_id, node.id, Span(0, min(len(node.text), 8)), note=note, tags=chosen)
    yield lib
    lib.close()


def truth(lib: Library, query: str) -> set[str]:
    variants = make_term(query).variants
    return {a.id for a in lib.annotations.list() if a.doc_present and
            any(v and v in fold(annotation_unit(a).text) for v in variants)}


def found(results) -> set[str]:  # noqa: ANN001
    return {h.annotation_id for h in results.hits}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_substrings_of_notes_and_tags_are_always_found(annotated: Library, data) -> None:
    anns = [a for a in annotated.annotations.list() if a.searchable_text]
    ann = data.draw(st.sampled_from(anns))
    text = annotation_unit(ann).text
    start = data.draw(st.integers(0, max(len(text) - 1, 0)))
    query = text[start:start + data.draw(st.integers(1, 12))]
    if not fold(query):
        return
    results = annotated.search(query, limit=ALL, literal=True, scope="annotations")
    assert ann.id in found(results)
    assert found(results) == truth(annotated, query)
    assert results.total == len(results.hits)
    assert all(h.kind == "annotation" and h.node_id for h in results.hits)


def test_text_search_is_not_changed_by_annotations(annotated: Library) -> None:
    results = annotated.search("测绘", limit=ALL)
    assert results.hits and all(h.annotation_id is None and h.kind != "annotation" for h in results.hits)
    both = annotated.search("测绘", limit=ALL, scope="all")
    notes = annotated.search("测绘", limit=ALL, scope="annotations")
    assert both.total == results.total + notes.total


def test_tags_search_as_hash_words(annotated: Library) -> None:
    tagged = {a.id for a in annotated.annotations.list() if "待办" in a.tags}
    assert found(annotated.search("#待办", limit=ALL, scope="annotations")) == tagged
    # folding: full-width letters in a tag are found by half-width ones
    wide = {a.id for a in annotated.annotations.list() if "ＡＢＣ标签" in a.tags}
    assert found(annotated.search("abc标签", limit=ALL, scope="annotations")) == wide
    # and a 第N条 note or tag is found by the other numeral spelling, like text is
    numbered = {a.id for a in annotated.annotations.list() if "第17条" in a.tags}
    assert numbered <= found(annotated.search("第十七条", limit=ALL, scope="annotations"))


def test_hits_point_to_document_node_and_annotation(annotated: Library) -> None:
    ann = next(a for a in annotated.annotations.list() if len(a.note) >= 8)
    results = annotated.search(ann.note[:8], limit=ALL, scope="annotations", doc_id=ann.doc_id)
    hit = next(h for h in results.hits if h.annotation_id == ann.id)
    assert (hit.doc_id, hit.node_id) == (ann.doc_id, ann.node_id)
    assert hit.to_json()["annotation_id"] == ann.id
    assert all(h.doc_id == ann.doc_id for h in results.hits)


def test_edits_reach_the_index(tmp_path: Path, seed_files: list[Path]) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_files(seed_files[3:4])
        doc_id = lib.documents()[0].id
        node = next(n for n in lib.document(doc_id).walk() if len(n.text) > 20)
        lib.ensure_index()
        a = lib.annotations.add(doc_id, node.id, Span(0, 5), note="独一无二的批注词语")
        assert found(lib.search("独一无二", scope="annotations")) == {a.id}
        lib.annotations.update(a.id, note="改过的批注", tags=["新标签"])
        assert not lib.search("独一无二", scope="annotations").total
        assert found(lib.search("新标签", scope="annotations")) == {a.id}
        lib.annotations.delete(a.id)
        assert not lib.search("改过的批注", scope="annotations").total
        lib.annotations.restore(a.id)
        assert found(lib.search("改过的批注", scope="annotations")) == {a.id}
        lib.import_files(seed_files[3:4])  # a re-import re-indexes the document: the note stays
        assert found(lib.search("改过的批注", scope="annotations")) == {a.id}
        lib.remove(doc_id)  # gone from search with its document; kept in the library
        assert not lib.search("改过的批注", scope="annotations").total
        assert lib.annotations.get(a.id).note == "改过的批注"
        lib.import_files(seed_files[3:4])
        assert found(lib.search("改过的批注", scope="annotations")) == {a.id}
        lib.rebuild_index()  # a full build holds the annotations as well
        assert found(lib.search("改过的批注", scope="annotations")) == {a.id}
    with Library.open(tmp_path / "lib") as again:  # another process's edit: seen at its next search
        again.annotations.update(a.id, note="第二个进程写的")
    with Library.open(tmp_path / "lib") as third:
        assert found(third.search("第二个进程", scope="annotations")) == {a.id}


def test_replies_are_searched_with_their_note(tmp_path: Path, seed_files: list[Path]) -> None:
    """A colleague's answer under a note is found like the note; a reply on a note with no
    text of its own makes it searchable; editing or deleting the reply reaches the index."""
    with Library.open(tmp_path / "lib") as lib:
        lib.import_files(seed_files[3:4])
        doc_id = lib.documents()[0].id
        node = next(n for n in lib.document(doc_id).walk() if len(n.text) > 20)
        lib.ensure_index()
        bare = lib.annotations.add(doc_id, node.id, Span(0, 5))  # a highlight: nothing to search
        assert not lib.search("同意这个意见", scope="annotations").total
        reply = lib.annotations.reply(bare.id, "同意这个意见", author="李四")
        assert found(lib.search("同意这个意见", scope="annotations")) == {bare.id}
        lib.annotations.update_reply(reply.id, "改为保留意见")
        assert not lib.search("同意这个意见", scope="annotations").total
        assert found(lib.search("保留意见", scope="annotations")) == {bare.id}
        lib.annotations.delete_reply(reply.id)
        assert not lib.search("保留意见", scope="annotations").total


def test_cli_search_scope(tmp_path: Path, seed_files: list[Path], capsys) -> None:
    lib_dir = str(tmp_path / "lib")
    with Library.open(lib_dir) as lib:
        lib.import_files(seed_files[3:4])
        doc_id = lib.documents()[0].id
        node = next(n for n in lib.document(doc_id).walk() if len(n.text) > 20)
        lib.annotations.add(doc_id, node.id, Span(0, 5), note="命令行能搜到的批注")
    assert main(["--library", lib_dir, "search", "--scope", "annotations", "命令行能搜到"]) == 0
    out = capsys.readouterr().out
    assert "1 match" in out and "批注" in out and "【命令行能搜到】" in out
