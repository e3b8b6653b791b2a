"""Links, an upgraded library, real concurrency and libpq's options, against the server."""
from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest

from reader.store.annotating import Span
from reader.store.library import Library
from reader.team.connection import describe, parse
from reader.team.errors import TeamError
from tests.team.test_team_sync import connected, first_article
from tests.test_review import _schema_4_library


def test_links_and_categories_are_shared(open_library, server) -> None:
    alice = connected(open_library, server, "alice", "alice")
    doc_id, node_id, _ = first_article(alice)
    other = next(n for n in alice.document(doc_id).walk() if n.kind.value == "article" and n.id != "art_1")
    link = alice.annotations.link(doc_id, node_id, doc_id, other.id, relation="依据", note="见下条")
    alice.annotations.save_category("待议", "#123456", "下次会上讨论")
    alice.annotations.add(doc_id, node_id, Span(0, 3), category="待议")
    alice.team.sync()
    carol = connected(open_library, server, "carol", "carol", with_law=False)
    carol.team.sync()
    got = carol.annotations.get_link(link.id)
    assert (got.relation, got.note, got.src.node_id, got.dst.node_id) == ("依据", "见下条", node_id, other.id)
    assert carol.annotations.category("待议").color == "#123456"
    carol.annotations.delete_link(link.id)
    carol.team.sync()
    alice.team.sync()
    assert alice.annotations.get_link(link.id).deleted is not None


def test_a_library_from_before_team_sync_shares_all_its_work(tmp_path: Path, server, open_library) -> None:
    folder = tmp_path / "old"
    _schema_4_library(folder)
    with Library.open(folder) as old:
        old.team.connect(server.url("alice"))
        assert old.team.status().pending >= 4  # 2 notes, a link, the status log, categories
        report = old.team.sync()
        assert report.pushed >= 3
    carol = connected(open_library, server, "carol", "carol", with_law=False)
    carol.team.sync()
    assert {a.id: a.note for a in carol.annotations.list()} == {"n1": "批注1", "n2": "批注2"}
    assert carol.documents()[0].title == "测试办法"


def test_clients_syncing_at_the_same_time_lose_no_update(open_library, server) -> None:
    """Four libraries, each on its own thread and connection, edit the same note and add
    their own, syncing concurrently: every note arrives, every value written to the shared
    note is its final value or in its history, and no sync fails (a deadlock would)."""
    alice = connected(open_library, server, "alice", "alice")
    doc_id, node_id, _ = first_article(alice)
    shared = alice.annotations.add(doc_id, node_id, note="共享")
    alice.team.sync()
    clients = [alice] + [connected(open_library, server, u, u, with_law=False) for u in ("carol",)]
    for extra in ("carol2", "carol3"):
        library = open_library(extra)
        library.team.connect(server.url("carol"))
        clients.append(library)
    for library in clients[1:]:
        library.team.sync()
    errors: list[BaseException] = []
    start = threading.Barrier(len(clients))

    def work(n: int, library: Library) -> None:
        try:
            start.wait()
            for r in range(3):
                library.annotations.update(shared.id, note=f"c{n} r{r}")
                library.annotations.add(doc_id, node_id, note=f"c{n} own {r}")
                library.team.sync()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, lib)) for n, lib in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    with server.admin() as admin:
        own = admin.execute("SELECT count(*) FROM regreader.items WHERE data->>'note' LIKE '% own %'").fetchone()[0]
        seen = {r[0] for r in admin.execute("SELECT new #>> '{}' FROM regreader.history"
                                              " WHERE item_id = %s AND field = 'note'", (shared.id,))}
        final = admin.execute("SELECT data->>'note' FROM regreader.items WHERE id = %s", (shared.id,)).fetchone()[0]
    assert own == 3 * len(clients)
    assert {f"c{n} r{r}" for n in range(len(clients)) for r in range(3)} <= seen | {final}
    for library in clients:
        library.team.sync()
    assert len({library.annotations.get(shared.id).note for library in clients}) == 1


def test_libpq_options_pass_through_and_passwords_never(server) -> None:
    assert parse("postgresql://alice@db.example/team?sslmode=verify-full")["sslmode"] == "verify-full"
    assert describe("service=team") == "service=team"
    assert describe("postgresql://alice@db.example:6543/team") == "alice@db.example:6543/team"
    with pytest.raises(TeamError, match="password"):
        parse("host=db user=alice password=secret dbname=team")
    with pytest.raises(TeamError, match="not a PostgreSQL connection string"):
        parse("postgresql://[broken")
    with pytest.raises(TeamError, match="cannot reach"):  # the test server has no TLS
        from reader.team.connection import connect

        connect(server.url("alice") + "?sslmode=require")


def test_the_library_keeps_no_password(open_library, server) -> None:
    alice = connected(open_library, server, "alice", "alice")
    stored = alice.db.conn.execute("SELECT group_concat(value, ' ') FROM team_state").fetchone()[0]
    assert "alice-secret" not in stored
    with psycopg.connect(server.url("alice")) as conn:  # .pgpass did the work
        assert conn.execute("SELECT current_user").fetchone()[0] == "alice"
