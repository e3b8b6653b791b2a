"""Two libraries sharing notes through one real PostgreSQL team server."""
from __future__ import annotations

import pytest

from reader.store.annotating import Span
from reader.team.errors import TeamError
from tests.conftest import REPO

LAW = REPO / "tests" / "data" / "txt" / "flk_会计法_excerpt.txt"


def first_article(library) -> tuple[str, str, str]:
    doc = library.document(library.documents()[0].id)
    node = next(n for n in doc.walk() if n.kind.value == "paragraph" and len(n.text) > 10)
    return doc.id, node.id, node.text


def connected(open_library, server, name: str, user: str, with_law: bool = True):
    library = open_library(name)
    if with_law:
        library.import_files([str(LAW)])
    library.team.connect(server.url(user))
    return library


def test_a_note_reaches_a_colleague_who_never_had_the_file(open_library, server) -> None:
    alice = connected(open_library, server, "alice", "alice")
    doc_id, node_id, text = first_article(alice)
    note = alice.annotations.add(doc_id, node_id, Span(0, 4), note="这里要核实", tags=["核实"])
    alice.annotations.reply(note.id, "已核实", author="Alice")
    alice.annotations.set_status(note.id, "answered", author="Alice")
    report = alice.team.sync()
    assert report.pushed >= 3 and alice.team.status().pending == 0

    bob = connected(open_library, server, "bob", "bob", with_law=False)
    assert bob.documents() == [] and not bob.search("会计").hits   # an index exists already
    pulled = bob.team.sync()
    assert pulled.documents == 1 and pulled.pulled >= 3
    got = bob.annotations.get(note.id)
    assert (got.note, got.tags, got.quote, got.status) == ("这里要核实", ("核实",), text[:4], "answered")
    assert got.author == "Alice"  # the display name the owner was given
    assert [r.text for r in bob.annotations.replies(note.id)] == ["已核实"]
    shared = bob.document(got.doc_id)
    assert shared.find(node_id).text == text
    found = bob.search("核实", scope="annotations")   # the colleague's notes are searchable
    assert note.id in {h.annotation_id for h in found.hits}
    assert bob.search(text[:6]).hits   # and the text they sit on


def test_a_reader_cannot_write_even_bypassing_the_program(open_library, server) -> None:
    import psycopg

    dave = connected(open_library, server, "dave", "dave")
    doc_id, node_id, _ = first_article(dave)
    dave.annotations.add(doc_id, node_id, note="读者的笔记")
    report = dave.team.sync()
    assert report.pushed == 0 and report.refused >= 1
    with psycopg.connect(server.url("dave")) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO regreader.items (kind, id, rev, created_by, changed_by,"
                         " changed_at, data) VALUES ('category', 'x', 0, '', '', now(),"
                         " '{\"color\": \"#000000\", \"meaning\": \"\", \"ord\": 0, \"deleted\": null}')")


def test_a_password_in_the_url_is_refused(open_library, server) -> None:
    library = open_library("lib")
    with pytest.raises(TeamError, match="pgpass"):
        library.team.connect(server.url("alice").replace("alice@", "alice:alice-secret@"))
    assert not library.team.status().connected


def test_versions_travel_as_versions(open_library, server, shared_dir) -> None:
    """Notes on two versions of a law: the colleague gets both texts, joined as versions of
    one document, the newer current — as if they had imported the files."""
    laws = shared_dir / "corpus" / "laws" / "经济法"
    alice = open_library("alice")
    alice.import_files([str(laws / "会计法(2017-11-04).md"), str(laws / "会计法(2024-06-28).md")])
    alice.team.connect(server.url("alice"))
    for summary in alice.documents(all_versions=True):
        doc = alice.document(summary.id)
        node = next(n for n in doc.walk() if n.kind.value == "paragraph" and len(n.text) > 10)
        alice.annotations.add(doc.id, node.id, Span(0, 6), note=f"{summary.id} 的笔记")
    alice.team.sync()
    bob = open_library("bob")
    bob.team.connect(server.url("bob"))
    assert bob.team.sync().documents == 2
    versions = bob.documents(all_versions=True)
    assert len(versions) == 2 and len({v.lineage for v in versions}) == 1
    assert sum(v.current for v in versions) == 1
    current = next(v for v in versions if v.current)
    assert "2024" in (current.version or "")
    assert len(bob.annotations.list(deleted=None)) == 2
