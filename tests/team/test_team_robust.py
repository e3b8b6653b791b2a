"""A sync that fails — cut connection, cancel, a server of the wrong version, hostile rows —
leaves the library exactly as it was, says why, and the next sync completes."""
from __future__ import annotations

import json

import psycopg
import pytest

from reader.store.annotating import Span
from reader.team.errors import TeamError
from reader.team.server_schema import SCHEMA_VERSION
from tests.team.test_team_sync import connected, first_article

USER_TABLES = ("documents", "annotations", "annotation_tags", "replies", "status_log", "links",
               "categories", "team_outbox", "team_base", "team_conflicts")


def snapshot(library) -> dict[str, list]:
    """Every row the user or the sync owns (team_state's last_error excepted: the failure is
    meant to be recorded)."""
    conn = library.db.conn
    out = {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in USER_TABLES}
    out["cursor"] = conn.execute("SELECT value FROM team_state WHERE key = 'cursor'").fetchall()
    return out


def kill(server, user: str) -> None:
    with server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                      (user,))


def two(open_library, server):
    """alice has shared a note; carol has synced before it, so nothing of hers is pending."""
    alice = connected(open_library, server, "alice", "alice")
    carol = connected(open_library, server, "carol", "carol", with_law=False)
    carol.team.sync()
    doc_id, node_id, _ = first_article(alice)
    note = alice.annotations.add(doc_id, node_id, Span(0, 6), note="第一条笔记")
    alice.team.sync()
    return alice, carol, note


def test_connection_cut_during_push_keeps_everything_and_the_next_sync_completes(
        open_library, server) -> None:
    alice, carol, note = two(open_library, server)
    alice.annotations.update(note.id, note="断线前的修改")
    before = snapshot(alice)
    with pytest.raises(TeamError, match="connection"):
        alice.team.sync(cancelled=lambda: kill(server, "alice") or False)
    assert snapshot(alice) == before
    assert "connection" in alice.team.status().last_error
    with server.admin() as admin:   # the server kept nothing of the cut push
        stored = admin.execute("SELECT data->>'note' FROM regreader.items WHERE id = %s",
                               (note.id,)).fetchone()[0]
    assert stored == "第一条笔记"
    alice.team.sync()
    assert alice.team.status().last_error == "" and alice.team.status().pending == 0
    carol.team.sync()
    assert carol.annotations.get(note.id).note == "断线前的修改"


def test_connection_cut_during_pull_applies_nothing(open_library, server) -> None:
    alice, carol, note = two(open_library, server)
    carol.team.sync()
    alice.annotations.update(note.id, note="第二版")
    alice.team.sync()
    before = snapshot(carol)
    with pytest.raises(TeamError):
        carol.team.sync(progress=lambda phase, done, total: phase == "pull" and done and kill(server, "carol"))
    assert snapshot(carol) == before
    carol.team.sync()
    assert carol.annotations.get(note.id).note == "第二版"


def test_cancel_keeps_the_library_as_it_was(open_library, server) -> None:
    alice, carol, note = two(open_library, server)
    carol.team.sync()
    carol.annotations.reply(note.id, "回复")
    before = snapshot(carol)
    with pytest.raises(TeamError, match="cancelled"):
        carol.team.sync(cancelled=lambda: True)
    assert snapshot(carol) == before
    with server.admin() as admin:
        assert admin.execute("SELECT count(*) FROM regreader.items WHERE kind = 'reply'").fetchone()[0] == 0


@pytest.mark.parametrize("version, words", [(str(SCHEMA_VERSION + 1), "upgrade RegReader"),
                                            ("0", "team init"), ("banana", "not a number")])
def test_a_server_of_another_schema_version_is_refused(open_library, server, version, words) -> None:
    alice, carol, note = two(open_library, server)
    with server.admin() as admin:
        admin.execute("UPDATE regreader.meta SET value = %s WHERE key = 'schema_version'", (version,))
    before = snapshot(carol)
    with pytest.raises(TeamError, match=words):
        carol.team.sync()
    assert snapshot(carol) == before


def _tamper(server, sql: str, *args) -> None:
    """What only a database administrator could do: the server's own checks removed, then
    a row written behind RegReader's back."""
    with server.admin() as admin:
        admin.execute("""DO $$ DECLARE c record; BEGIN
            FOR c IN SELECT conname FROM pg_constraint
                     WHERE conrelid = 'regreader.items'::regclass AND contype = 'c' LOOP
                EXECUTE format('ALTER TABLE regreader.items DROP CONSTRAINT %I', c.conname);
            END LOOP; END $$""")
        admin.execute("ALTER TABLE regreader.items DISABLE TRIGGER items_history")
        admin.execute(sql, args)


@pytest.mark.parametrize("change, words", [
    ("jsonb_set(data, '{note}', to_jsonb(repeat('长', 600000)))", "larger than"),
    ("jsonb_set(data, '{note}', '123')", "'note' is not text"),
    ("jsonb_set(data, '{span_start}', '-5')", "'span_start'"),
    ("data - 'quote'", "'quote' is missing"),
    ("jsonb_set(data, '{doc}', '\"../../etc/passwd\"')", "'doc'"),
])
def test_hostile_rows_are_refused_with_the_library_untouched(open_library, server, change, words) -> None:
    alice, carol, note = two(open_library, server)
    _tamper(server, f"UPDATE regreader.items SET data = {change}, rev = nextval('regreader.rev')"
                    " WHERE id = %s", note.id)
    before = snapshot(carol)
    with pytest.raises(TeamError, match=words):
        carol.team.sync()
    assert snapshot(carol) == before
    assert carol.documents() == []


def test_a_document_whose_text_does_not_match_its_name_is_refused(open_library, server) -> None:
    alice, carol, note = two(open_library, server)
    with server.admin() as admin:   # (an UPDATE: the server checks names only on INSERT)
        admin.execute("UPDATE regreader.documents SET nodes = jsonb_set(nodes, '{0,6}', '\"篡改\"')")
    before = snapshot(carol)
    with pytest.raises(TeamError, match="content hash"):
        carol.team.sync()
    assert snapshot(carol) == before


def test_an_unreachable_server_and_a_stranger_are_told_in_words(open_library, server, pg_cluster) -> None:
    library = open_library("lib")
    with pytest.raises(TeamError, match="cannot reach"):
        library.team.connect(f"postgresql://alice@127.0.0.1:{pg_cluster.port + 1 if pg_cluster.port < 65535 else 1}/x")
    with pytest.raises(TeamError, match="not a member"):
        library.team.connect(server.url("mallory"))
    assert not library.team.status().connected
    with pytest.raises(TeamError, match="not connected"):
        library.team.sync()


def test_members_and_grants_are_the_owners(open_library, server) -> None:
    alice = connected(open_library, server, "alice", "alice", with_law=False)
    bob = connected(open_library, server, "bob", "bob", with_law=False)
    roles = {m.user: m.role for m in alice.team.members()}
    assert roles == {"alice": "owner", "bob": "reviewer", "carol": "editor", "dave": "reader"}
    assert alice.team.grant("mallory", "reader", "马洛里").display == "马洛里"
    with pytest.raises(TeamError, match="owner"):
        bob.team.grant("mallory", "owner")
    with pytest.raises(TeamError, match="last owner"):
        alice.team.grant("alice", "reader")
    with pytest.raises(TeamError, match="no login role"):
        alice.team.grant("nobody_here", "reader")


def test_team_init_upgrades_in_place_and_is_idempotent(server) -> None:
    from reader.team.server_schema import init

    with psycopg.connect(server.admin_url) as conn:
        assert init(conn, None) == []
        assert conn.execute("SELECT value FROM regreader.meta").fetchone()[0] == str(SCHEMA_VERSION)


def test_connecting_to_another_server_pushes_everything_there(open_library, server, pg_cluster) -> None:
    from tests.team.conftest import Server, new_database
    from reader.team.server_schema import init

    alice = connected(open_library, server, "alice", "alice")
    doc_id, node_id, _ = first_article(alice)
    note = alice.annotations.add(doc_id, node_id, note="整条笔记")
    alice.team.sync()
    other = Server(pg_cluster, new_database(pg_cluster))
    with psycopg.connect(other.admin_url) as conn:
        init(conn, "alice")
    alice.team.connect(other.url("alice"))
    assert alice.team.status().pending >= 1
    alice.team.sync()
    with other.admin() as admin:
        data = admin.execute("SELECT data FROM regreader.items WHERE id = %s", (note.id,)).fetchone()[0]
    assert data["note"] == "整条笔记" and json.dumps(data)


def test_a_later_schema_is_applied_by_team_init_and_work_carries_on(open_library, server, monkeypatch) -> None:
    """The migration path: a RegReader with one more server migration refuses the old
    server until its owner runs `team init`, which upgrades it in place, keeping every row."""
    from reader.team import server_schema, sync as sync_module

    alice, carol, note = two(open_library, server)
    later = server_schema.MIGRATIONS + ["CREATE INDEX items_changed ON regreader.items (changed_at)"]
    monkeypatch.setattr(server_schema, "MIGRATIONS", later)
    monkeypatch.setattr(server_schema, "SCHEMA_VERSION", len(later))
    with pytest.raises(TeamError, match="team init"):
        carol.team.sync()
    with psycopg.connect(server.admin_url) as conn:
        assert server_schema.init(conn, None) == [len(later)]
    assert sync_module.check_version is server_schema.check_version
    carol.team.sync()
    assert carol.annotations.get(note.id).note == "第一条笔记"


ITEM = ("INSERT INTO regreader.items (kind, id, rev, created_by, changed_by, changed_at, data)"
        " VALUES (%s, %s, 0, '', '', now(), %s)")


@pytest.mark.parametrize("kind, data", [
    ("category", {"color": "red", "meaning": "", "ord": 0, "deleted": None}),
    ("category", {"color": "#112233", "meaning": "", "ord": -1, "deleted": None}),
    ("category", {"color": "#112233", "meaning": "", "ord": 0}),
    ("reply", {"annotation_id": "x", "text": 5, "created": "", "deleted": None}),
    ("status", {"annotation_id": "x", "status": "done", "at": ""}),
    ("conflict", {"kind": "annotation", "item_id": "a\u0007b", "reason": "", "at": ""}),
    ("category", {"color": "#112233", "meaning": "长" * 2000, "ord": 0, "deleted": None}),
])
def test_a_member_cannot_put_a_malformed_row_on_the_server(server, kind, data) -> None:
    """Every client refuses a pull holding a malformed row, so the database refuses it at
    the door: one member's bad write cannot stop the team's sync."""
    from psycopg.types.json import Jsonb

    with psycopg.connect(server.url("carol")) as conn:
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(ITEM, (kind, "bad-item", Jsonb(data)))


def test_the_database_guards_what_rows_say_about_who_and_when(server) -> None:
    """A member cannot forge the author, the order or the history, delete a row, write the
    members table or grant a role; a login that is no member sees nothing."""
    from psycopg.types.json import Jsonb

    good = {"color": "#112233", "meaning": "", "ord": 0, "deleted": None}
    with psycopg.connect(server.url("bob")) as conn:
        conn.execute("INSERT INTO regreader.items (kind, id, rev, created_by, changed_by, changed_at, data)"
                     " VALUES ('category', '伪造', 999999, 'alice', 'alice', '2000-01-01', %s)", (Jsonb(good),))
        row = conn.execute("SELECT rev, created_by, changed_by, changed_at > now() - interval '1 hour'"
                           " FROM regreader.items WHERE id = '伪造'").fetchone()
        assert row[0] < 999999 and row[1:] == ("bob", "bob", True)
        conn.commit()
        for statement in ("DELETE FROM regreader.items WHERE id = '伪造'",
                          "INSERT INTO regreader.history (kind, item_id, field, changed_by, changed_at, rev)"
                          " VALUES ('category', 'x', 'x', 'bob', now(), 1)",
                          "UPDATE regreader.members SET role = 'owner' WHERE username = 'bob'",
                          "SELECT regreader.grant_role('bob', 'owner', NULL)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
    with psycopg.connect(server.url("mallory")) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM regreader.items")


def test_a_document_must_hash_to_its_name_on_the_server(open_library, server) -> None:
    """Nobody can put other words under a document name colleagues will ask for."""
    from psycopg.types.json import Jsonb

    from reader.core.lineage import content_hash
    from reader.team.documents import payload

    alice = connected(open_library, server, "alice", "alice", with_law=True)
    doc = alice.document(alice.documents()[0].id)
    data, nodes = payload(doc)
    with psycopg.connect(server.url("bob")) as conn:
        with pytest.raises(psycopg.errors.CheckViolation, match="does not hash"):
            conn.execute("INSERT INTO regreader.documents (id, data, nodes) VALUES (%s, %s, %s)",
                         ("0" * 64, Jsonb(data), Jsonb(nodes)))
        conn.rollback()
        conn.execute("INSERT INTO regreader.documents (id, data, nodes) VALUES (%s, %s, %s)",
                     (content_hash(doc), Jsonb(data), Jsonb(nodes)))
