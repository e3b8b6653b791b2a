"""W3C Web Annotation JSON: export shape, round trip, merge by id (newer wins), and
refusal of corrupt or foreign files with nothing imported."""
from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import UserError
from reader.core.webanno import FormatError, parse
from reader.store.library import Library, Span
from tests.conftest import make_document


@pytest.fixture
def two_libraries(tmp_path: Path, fake_parser):
    """Two colleagues' libraries holding the same regulation, one with work in it."""
    doc = make_document(body="为了测试，制定本办法。本办法所称测试，是指测试。", articles=3)
    path = fake_parser.add(tmp_path / "reg.txt", doc)
    mine = Library.open(tmp_path / "mine")
    theirs = Library.open(tmp_path / "theirs")
    for lib in (mine, theirs):
        lib.import_files([path])
    mine.annotations.save_category("待核实", "#00aa88", "要向主管部门核实")
    a = mine.annotations.add(doc.id, "art_1__para_1", Span(quote="本办法所称测试"), note="定义\n第二行",
                             tags=["待办", "复核"], category="待核实", author="张三", status="resolved")
    b = mine.annotations.add(doc.id, "art_2", note="整条", category="罚则")
    c = mine.annotations.add(doc.id, "art_3__para_1", Span(quote="制定本办法"))
    mine.annotations.delete(c.id)
    link = mine.annotations.link(doc.id, "art_1__para_1", doc.id, "art_3", src=Span(quote="为了测试"),
                     relation="冲突", note="前后矛盾", author="张三")
    yield mine, theirs, doc, (a, b, c, link), tmp_path
    mine.close()
    theirs.close()


def test_export_is_a_web_annotation_collection(two_libraries) -> None:
    mine, _theirs, doc, (a, b, c, link), tmp_path = two_libraries
    data = mine.annotations.export(tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == data
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 3  # the deleted one is left out
    items = {i["id"]: i for i in data["items"]}
    item = items[f"urn:uuid:{a.id}"]
    assert item["type"] == "Annotation" and item["motivation"] == "commenting"
    assert item["creator"] == {"type": "Person", "name": "张三"}
    assert {"type": "TextualBody", "value": "定义\n第二行", "purpose": "commenting",
            "format": "text/plain"} in item["body"]
    assert [x["value"] for x in item["body"] if x["purpose"] == "tagging"] == ["待办", "复核"]
    target = item["target"]
    assert target["source"] == f"urn:regreader:doc:{doc.id}"
    quote, position = (s["refinedBy"] for s in target["selector"])
    assert all(s["type"] == "FragmentSelector" and s["value"] == "art_1__para_1" for s in target["selector"])
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "本办法所称测试"
    assert quote["suffix"] == a.suffix and quote["prefix"] == a.prefix
    assert position == {"type": "TextPositionSelector", "start": a.start, "end": a.end}
    clause = items[f"urn:uuid:{b.id}"]["target"]
    assert clause["selector"] == {"type": "FragmentSelector", "conformsTo": "urn:regreader:node-id",
                                  "value": "art_2"}
    linked = items[f"urn:uuid:{link.id}"]
    assert linked["motivation"] == "linking"
    resource = next(x for x in linked["body"] if x.get("type") == "SpecificResource")
    assert resource["source"] == f"urn:regreader:doc:{doc.id}" and resource["selector"]["value"] == "art_3"
    assert data["regreader"]["categories"][-1] == {"name": "待核实", "color": "#00aa88",
                                                   "meaning": "要向主管部门核实"}


def test_round_trip_into_another_library(two_libraries) -> None:
    mine, theirs, doc, (a, b, c, link), tmp_path = two_libraries
    mine.annotations.export(tmp_path / "out.json", include_deleted=True)
    report = theirs.annotations.merge(tmp_path / "out.json")
    assert (report.added, report.updated, report.kept) == (3, 0, 0)
    assert (report.links_added, report.categories_added) == (1, ["待核实"])
    assert report.anchors == {"ok": 3}

    def comparable(x):  # noqa: ANN001, ANN202
        d = x.to_json()
        d.pop("anchor")
        return d

    for original in (a, b, c):
        assert comparable(theirs.annotations.get(original.id)) == comparable(mine.annotations.get(original.id))
    theirs_link, mine_link = theirs.annotations.get_link(link.id).to_json(), mine.annotations.get_link(link.id).to_json()
    for data in (theirs_link, mine_link):
        data["src"].pop("anchor")
        data["dst"].pop("anchor")
    assert theirs_link == mine_link
    assert theirs.annotations.category("待核实").color == "#00aa88"


def test_merge_by_id_never_duplicates_and_newer_wins(two_libraries) -> None:
    mine, theirs, doc, (a, b, c, link), tmp_path = two_libraries
    mine.annotations.export(tmp_path / "v1.json")
    theirs.annotations.merge(tmp_path / "v1.json")
    # they edit one annotation; I edit another later; both exchange files
    theirs.annotations.update(a.id, note="他们改的")
    mine.annotations.update(b.id, note="我改的")
    theirs.annotations.export(tmp_path / "theirs.json")
    mine.annotations.export(tmp_path / "mine.json")
    r1 = mine.annotations.merge(tmp_path / "theirs.json")
    r2 = theirs.annotations.merge(tmp_path / "mine.json")
    assert (r1.added, r1.updated, r1.kept) == (0, 1, 1)
    assert (r2.added, r2.updated, r2.kept) == (0, 1, 1)
    for lib in (mine, theirs):
        assert lib.annotations.get(a.id).note == "他们改的" and lib.annotations.get(b.id).note == "我改的"
        assert len(lib.annotations.list()) == 2
    again = mine.annotations.merge(tmp_path / "theirs.json")  # importing twice changes nothing
    assert (again.added, again.updated) == (0, 0) and len(mine.annotations.list()) == 2
    # a deletion travels too (it is an edit, with a newer time)
    mine.annotations.delete(a.id)
    mine.annotations.export(tmp_path / "deleted.json", include_deleted=True)
    theirs.annotations.merge(tmp_path / "deleted.json")
    assert theirs.annotations.get(a.id).deleted


def test_imported_annotations_are_placed_in_this_librarys_text(two_libraries, fake_parser) -> None:
    mine, theirs, doc, (a, b, c, link), tmp_path = two_libraries
    edited = make_document(body="为了测试，依法制定本办法。本办法所称测试，是指测试。", articles=2)
    (newer,) = theirs.import_files([fake_parser.add(tmp_path / "reg.txt", edited)]).versions
    mine.annotations.export(tmp_path / "out.json")  # made on the version they had before
    report = theirs.annotations.merge(tmp_path / "out.json")
    placed = theirs.annotations.get(a.id)
    assert placed.doc_id == newer.id  # … follow onto their current version, as theirs did
    node = theirs.document(newer.id).find(placed.node_id)
    assert node.text[placed.start:placed.end] == "本办法所称测试"
    assert sum(report.followed.values()) == 2 + 2  # two annotations, the link's two ends
    assert theirs.annotations.anchor_log(item_id=a.id)[-1]["reason"] == "version"


def test_annotations_for_a_document_not_here_are_kept(two_libraries, tmp_path: Path) -> None:
    mine, _theirs, doc, (a, *_rest), _tmp = two_libraries
    mine.annotations.export(tmp_path / "out.json")
    with Library.open(tmp_path / "empty") as empty:
        empty.annotations.merge(tmp_path / "out.json")
        kept = empty.annotations.get(a.id)
        assert not kept.doc_present and kept.note == a.note


BAD = {
    "not json": b"{\"type\": \"AnnotationCollection\", ",
    "a list": json.dumps([1, 2]).encode(),
    "the documents format": json.dumps({"documents": []}).encode(),
    "no items": json.dumps({"type": "AnnotationCollection"}).encode(),
    "binary": bytes(range(256)),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_corrupt_or_foreign_files_are_refused(two_libraries, name: str) -> None:
    mine, theirs, *_rest, tmp_path = two_libraries
    path = tmp_path / "bad.json"
    path.write_bytes(BAD[name])
    before = _dump(theirs)
    with pytest.raises(UserError, match="refused, nothing imported"):
        theirs.annotations.merge(path)
    assert _dump(theirs) == before


def _mutations(good: dict) -> dict[str, dict]:
    out = {}

    def variant(name: str, fn) -> None:  # noqa: ANN001
        data = copy.deepcopy(good)
        fn(data)
        out[name] = data

    variant("hypothesis web page", lambda d: d["items"][1]["target"].update(source="https://example.com/page"))
    variant("bad uuid", lambda d: d["items"][0].update(id="urn:uuid:not-a-uuid"))
    variant("duplicate id", lambda d: d["items"].append(copy.deepcopy(d["items"][0])))
    variant("no selector", lambda d: d["items"][1]["target"].pop("selector"))
    variant("bad time", lambda d: d["items"][1].update(modified="yesterday"))
    variant("not an annotation", lambda d: d["items"][2].update(type="Page"))
    variant("future format", lambda d: d["regreader"].update(format=99))
    variant("bad colour", lambda d: d["regreader"]["categories"].append({"name": "x", "color": "red"}))
    variant("negative offset", lambda d: d["items"][0]["target"]["selector"][1]["refinedBy"].update(start=-3))
    return out


def test_one_bad_item_refuses_the_whole_file_with_a_reason(two_libraries) -> None:
    mine, theirs, *_rest, tmp_path = two_libraries
    good = mine.annotations.export()
    assert parse(good).annotations  # the good file parses
    for name, data in _mutations(good).items():
        with pytest.raises(FormatError) as info:
            parse(data)
        reason = str(info.value)
        assert reason, name
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        before = _dump(theirs)
        with pytest.raises(UserError, match="refused"):
            theirs.annotations.merge(path)
        assert _dump(theirs) == before, name
    with pytest.raises(FormatError, match="item 2 .*not a document of a RegReader library"):
        parse(_mutations(good)["hypothesis web page"])


def _dump(lib: Library) -> list:
    with sqlite3.connect(lib.folder / "library.sqlite3") as conn:
        return [r for t in ("annotations", "annotation_tags", "links", "categories")
                for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")]
