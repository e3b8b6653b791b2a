"""Team sync against a real PostgreSQL server started here, beside the hand-off it replaces.

    python tests/benchmarks/bench_team.py [--annotations 10000] [--clients 20] [--rounds 5]

1. First sync: library A (four laws of shared/corpus/laws, N annotations: notes, tags and
   replies) pushes everything; library B, empty, pulls it — documents included.  Beside it,
   in the same run, the file hand-off teams use without a server: A exports its annotations
   to JSON, B (holding the same laws) merges the file.  Target: push + pull < 10 s.
2. Ten changes: A edits ten notes and syncs; B syncs.  The same on a library of N/10
   annotations: the ratio shows the cost follows the changes, not the library.  Target:
   each sync < 200 ms.
3. Clients at once: C processes, each with its own library, sync R rounds concurrently;
   every round each edits the same shared note (one field, contended), adds a note of its
   own and replies to the shared one.  Checked on the server afterwards: every client's
   notes and replies are there, every value written to the shared note is its final value
   or in its history (no lost update), and no process failed (a deadlock would).  Prints
   the per-sync median and p95.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402

from reader.core.annotations import Annotation  # noqa: E402
from reader.core.anchoring import anchor_clause, make_anchor  # noqa: E402
from reader.store import userdata  # noqa: E402
from reader.store.db import now  # noqa: E402
from reader.store.library import Library  # noqa: E402
from reader.team.cluster import LocalCluster, remember_password  # noqa: E402
from reader.team.server_schema import init  # noqa: E402

LAWS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "laws"
FILES = ["民法典/合同编.md", "民法商法/公司法(2023-12-29).md", "刑法/刑法.md",
         "经济法/会计法(2024-06-28).md"]


def law_files() -> list[Path]:
    return [LAWS / name for name in FILES if (LAWS / name).exists()]


def seed(library: Library, count: int, rng: random.Random) -> list[str]:
    """``count`` annotations spread over the library's documents, in one transaction (the
    outbox triggers see every one, as they would see them made one by one)."""
    nodes = [(d.id, n) for s in library.documents() for d in [library.document(s.id)]
             for n in d.walk() if len(n.text) >= 8]
    ids = []
    stamp = now()
    with library.db.lock, library.db.transaction():
        for k in range(count):
            doc_id, node = rng.choice(nodes)
            whole = rng.random() < 0.1
            if whole:
                a = anchor_clause(node)
            else:
                size = rng.randint(4, min(40, len(node.text)))
                start = rng.randint(0, len(node.text) - size)
                a = make_anchor(node, start, start + size)
            note = f"第{k}条批注：需要核实适用范围" if rng.random() < 0.3 else ""
            tags = ("核实",) if rng.random() < 0.2 else ()
            ann = Annotation(str(uuid.uuid4()), doc_id, a.node_id, a.start, a.end, a.quote, a.prefix,
                             a.suffix, a.node_hash,
                             "clause_note" if whole else "note" if note else "highlight", "重点", note,
                             tags, "open", "bench", stamp, stamp)
            userdata.put_annotation(library.db.conn, ann)
            ids.append(ann.id)
    for ann_id in ids[: count // 10]:
        library.annotations.reply(ann_id, "同意，已核实", author="bench")
    return ids


def timed(fn):  # noqa: ANN001, ANN201
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


class Bench:
    def __init__(self, root: Path, cluster: LocalCluster) -> None:
        self.root = root
        self.cluster = cluster
        self.dbs = 0

    def team(self, members: list[str]) -> str:
        """A new team database; every member an editor.  Returns its name."""
        self.dbs += 1
        name = f"bench{self.dbs}"
        self.cluster.add_database(name)
        with psycopg.connect(self.cluster.admin_url(name)) as conn:
            init(conn, "owner")
            for user in members:
                if user == "owner":
                    continue
                conn.execute("SELECT regreader.grant_role(%s, 'editor', NULL)", (user,))
            conn.commit()
        return name

    def library(self, name: str, db: str, user: str, laws: list[Path] | None = None) -> Library:
        library = Library.open(self.root / name)
        if laws:
            library.import_files([str(p) for p in laws])
        library.team.connect(self.cluster.url(user, db))
        return library


def first_sync(bench: Bench, laws: list[Path], count: int) -> None:
    print(f"\n1. first sync of {count:,} annotations ({len(laws)} laws, {count // 10:,} replies)")
    db = bench.team(["owner", "c1"])
    a = bench.library("a", db, "owner", laws)
    seed(a, count, random.Random(16))
    t_push, pushed = timed(a.team.sync)
    b = bench.library("b", db, "c1")
    t_pull, pulled = timed(b.team.sync)
    assert len(b.annotations.list()) == count, "every annotation arrived"
    # the hand-off without a server: export a file, merge it into a library with the laws
    handoff = bench.root / "handoff.json"
    t_export, _ = timed(lambda: a.annotations.export(handoff))
    c = Library.open(bench.root / "c")
    c.import_files([str(p) for p in laws])
    t_merge, _ = timed(lambda: c.annotations.merge(handoff))
    total, baseline = t_push + t_pull, t_export + t_merge
    print(f"   push  {t_push:6.2f} s  ({pushed.pushed:,} items, {len(laws)} documents sent)")
    print(f"   pull  {t_pull:6.2f} s  ({pulled.pulled:,} items, {pulled.documents} documents received)")
    print(f"   sync  {total:6.2f} s  (target < 10 s: {'met' if total < 10 else 'MISSED'})")
    print(f"   file hand-off (export + merge, same annotations): {baseline:6.2f} s   "
          f"ratio sync / hand-off {total / baseline:4.2f}")
    small_db = bench.team(["owner", "c1"])
    small_a = bench.library("sa", small_db, "owner", laws)
    seed(small_a, count // 10, random.Random(17))
    small_a.team.sync()
    small_b = bench.library("sb", small_db, "c1")
    small_b.team.sync()
    print(f"\n2. ten changes (library of {count:,} vs {count // 10:,} annotations)")
    big = ten_changes(a, b)
    small = ten_changes(small_a, small_b)
    for label, (push, pull) in ((f"{count:,}", big), (f"{count // 10:,}", small)):
        print(f"   {label:>7} annotations: push {push * 1000:6.1f} ms   pull {pull * 1000:6.1f} ms")
    worst = max(big)
    print(f"   target < 200 ms: {'met' if worst < 0.2 else 'MISSED'}   "
          f"ratio {count:,} / {count // 10:,} library: push {big[0] / small[0]:4.2f}, "
          f"pull {big[1] / small[1]:4.2f} (≈1: cost follows the changes)")
    for library in (a, b, c, small_a, small_b):
        library.close()


def ten_changes(a: Library, b: Library, runs: int = 5) -> tuple[float, float]:
    pushes, pulls = [], []
    notes = [x.id for x in a.annotations.list()][:200]
    for run in range(runs):
        for ann_id in notes[run * 10:(run + 1) * 10]:
            a.annotations.update(ann_id, note=f"第{run}轮修改")
        pushes.append(timed(a.team.sync)[0])
        pulls.append(timed(b.team.sync)[0])
    return statistics.median(pushes), statistics.median(pulls)


def client(args: tuple) -> list[float]:  # noqa: ANN001
    """One of the concurrent clients (a process): R rounds of edit + note + reply + sync."""
    root, url, n, rounds, shared_id, start_at = args
    library = Library.open(Path(root) / f"client{n}")
    library.team.connect(url)
    library.team.sync()
    doc_id = library.annotations.get(shared_id).doc_id
    node_id = library.annotations.get(shared_id).node_id
    while time.time() < start_at:
        time.sleep(0.01)
    times = []
    for r in range(rounds):
        library.annotations.update(shared_id, note=f"client {n} round {r}")
        library.annotations.add(doc_id, node_id, note=f"client {n} own {r}")
        library.annotations.reply(shared_id, f"client {n} reply {r}", author=f"c{n}")
        times.append(timed(library.team.sync)[0])
    library.close()
    return times


def clients_at_once(bench: Bench, laws: list[Path], clients: int, rounds: int) -> None:
    print(f"\n3. {clients} clients syncing at once, {rounds} rounds each (processes)")
    users = [f"c{n}" for n in range(1, clients + 1)]
    db = bench.team(["owner", *users])
    owner = bench.library("owner", db, "owner", laws[-1:])
    seed(owner, 200, random.Random(18))
    doc = owner.documents()[0].id
    node = next(n for n in owner.document(doc).walk() if n.text)
    shared = owner.annotations.add(doc, node.id, note="共享的笔记")
    owner.team.sync()
    start_at = time.time() + 8
    jobs = [(str(bench.root), bench.cluster.url(u, db), n, rounds, shared.id, start_at)
            for n, u in enumerate(users, 1)]
    t0 = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(clients) as pool:
        results = pool.map(client, jobs)
    wall = time.perf_counter() - t0 - max(0.0, start_at - time.time())
    times = sorted(t for r in results for t in r)
    with psycopg.connect(bench.cluster.admin_url(db)) as conn:
        own = conn.execute("SELECT count(*) FROM regreader.items WHERE kind = 'annotation'"
                           " AND data->>'note' LIKE 'client % own %'").fetchone()[0]
        replies = conn.execute("SELECT count(*) FROM regreader.items WHERE kind = 'reply'"
                               " AND data->>'text' LIKE 'client % reply %'").fetchone()[0]
        written = {f"client {n} round {r}" for n in range(1, clients + 1) for r in range(rounds)}
        seen = {row[0] for row in conn.execute(
            "SELECT new #>> '{}' FROM regreader.history WHERE item_id = %s AND field = 'note'",
            (shared.id,))}
        final = conn.execute("SELECT data->>'note' FROM regreader.items WHERE id = %s",
                             (shared.id,)).fetchone()[0]
    lost = written - seen - {final}
    expected = clients * rounds
    print(f"   all done in {wall:5.1f} s;  syncs {len(times)}: median {statistics.median(times) * 1000:6.1f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1] * 1000:6.1f} ms, max {times[-1] * 1000:6.1f} ms")
    print(f"   own notes on the server {own}/{expected}, replies {replies}/{expected}, "
          f"values of the contended note lost: {len(lost)}, failed processes: 0")
    one = statistics.median(timed(owner.team.sync)[0] for _ in range(5))
    print(f"   one client alone, idle sync: {one * 1000:6.1f} ms   "
          f"ratio median-under-load / alone {statistics.median(times) / one:4.1f}")
    assert own == expected and replies == expected and not lost, "an update was lost"
    owner.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    laws = law_files()
    if not laws:
        sys.exit(f"no laws under {LAWS}")
    root = Path(tempfile.mkdtemp(prefix="bench-team-"))
    root.chmod(0o755)
    cluster = LocalCluster.at(root / "server")
    cluster.start()
    cluster.wait_ready()
    os.environ["PGPASSFILE"] = str(root / "pgpass")
    for user in ["owner", *(f"c{n}" for n in range(1, args.clients + 1))]:
        cluster.add_login(user, f"pw-{user}")
        remember_password(cluster.port, user, f"pw-{user}")
    print(f"PostgreSQL {cluster.bindir.parent.name} on 127.0.0.1:{cluster.port} (fsync on)")
    try:
        bench = Bench(root, cluster)
        first_sync(bench, laws, args.annotations)
        clients_at_once(bench, laws, args.clients, args.rounds)
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
