"""``regreader team …`` end to end against the real server, each command with --json."""
from __future__ import annotations

import json

from reader.cli import main
from tests.team.test_team_sync import LAW


def run(capsys, *argv: str) -> tuple[int, object]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else (out + err))


def test_connect_sync_status_members_grant_history(tmp_path, server, capsys) -> None:
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert run(capsys, "--library", a, "import", str(LAW))[0] == 0
    code, status = run(capsys, "--library", a, "team", "status", "--json")
    assert code == 0 and status["connected"] is False
    code, status = run(capsys, "--library", a, "team", "connect", server.url("alice"), "--json")
    assert code == 0 and status["role"] == "owner" and "alice@127.0.0.1" in status["server"]
    code, docs = run(capsys, "--library", a, "list", "--json")
    doc_id = docs["documents"][0]["id"]
    code, tree = run(capsys, "--library", a, "show", doc_id, "--json")
    node = next(n for n in _walk(tree["documents"][0]["nodes"]) if n["kind"] == "paragraph")
    code, made = run(capsys, "--library", a, "annotate", doc_id, node["id"], "--quote",
                     node["text"][:5], "--note", "命令行笔记", "--json")
    ann_id = made["id"]
    assert run(capsys, "--library", a, "reply", ann_id, "回复一", "--json")[0] == 0
    code, report = run(capsys, "--library", a, "team", "sync", "--json")
    assert code == 0 and report["pushed"] >= 3 and report["conflicts"] == 0
    assert run(capsys, "--library", a, "team", "status", "--json")[1]["pending"] == 0

    assert run(capsys, "--library", b, "team", "connect", server.url("carol"), "--json")[0] == 0
    code, report = run(capsys, "--library", b, "team", "sync", "--json")
    assert report["documents"] == 1
    code, text = run(capsys, "--library", b, "annotations")
    assert "命令行笔记" in text and "回复一" in text and "Alice" in text
    assert run(capsys, "--library", b, "annotate", doc_id, node["id"], "--quote", node["text"][:5],
               "--json")[0] == 0
    code, _ = run(capsys, "--library", a, "status", ann_id, "resolved", "--json")
    code, members = run(capsys, "--library", a, "team", "members", "--json")
    assert {m["user"]: m["role"] for m in members}["carol"] == "editor"
    code, granted = run(capsys, "--library", a, "team", "grant", "mallory", "reviewer", "--name", "M", "--json")
    assert granted == [{"user": "mallory", "role": "reviewer", "display": "M"}]
    code, text = run(capsys, "--library", b, "team", "grant", "mallory", "owner")
    assert code == 1 and "owner" in text
    run(capsys, "--library", b, "reply", ann_id, "carol 的意见")
    run(capsys, "--library", b, "team", "sync")
    code, history = run(capsys, "--library", a, "team", "history", ann_id, "--json")
    assert code == 0 and isinstance(history, list)
    code, conflicts = run(capsys, "--library", a, "team", "conflicts", "--json")
    assert conflicts == []
    code, text = run(capsys, "--library", a, "team", "connect", server.url("alice").replace("alice@", "alice:pw@"))
    assert code == 1 and ".pgpass" in text


def test_init_makes_a_team_server_in_an_existing_database(server, pg_cluster, capsys) -> None:
    from tests.team.conftest import new_database

    name = new_database(pg_cluster)
    code, out = run(capsys, "team", "init", pg_cluster.admin_url(name), "--owner", "bob", "--json")
    assert code == 0 and out["applied"] == [1] and out["owner"] == "bob"
    code, out = run(capsys, "team", "init", pg_cluster.admin_url(name), "--owner", "bob", "--json")
    assert out["applied"] == []


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n.get("children", []))


def test_team_serve_starts_a_laptop_server_in_one_command(pg_cluster, tmp_path, capsys) -> None:
    """The README's one command: a cluster made, started, the owner's password in .pgpass."""
    import shutil
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="regreader-serve-"))
    folder.chmod(0o755)  # as root the server runs as 'postgres', which must reach it
    try:
        code, out = run(capsys, "team", "serve", str(folder / "team"), "--member", "erin:reviewer", "--json")
        assert code == 0 and out["created"] and out["members"][0]["password"]
        library = str(tmp_path / "lib")
        code, status = run(capsys, "--library", library, "team", "connect", out["server"], "--json")
        assert code == 0 and status["role"] == "owner"
        assert run(capsys, "--library", library, "team", "sync", "--json")[0] == 0
        code, again = run(capsys, "team", "serve", str(folder / "team"), "--json")
        assert code == 0 and not again["created"] and again["server"] == out["server"]
    finally:
        run(capsys, "team", "serve", str(folder / "team"), "--stop")
        shutil.rmtree(folder, ignore_errors=True)
