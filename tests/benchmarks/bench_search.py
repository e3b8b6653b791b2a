"""Search speed and recall on the corpus, side by side with two baselines.

    python tests/benchmarks/bench_search.py [--limit N] [--runs R] [--procs P]

Imports shared/corpus/laws into a temporary library, builds the search index (timed),
then runs a fixed set of queries (1–10 characters, very common to rare) through:

* RegReader     — Library.search(query, literal=True, limit=20): top 20, exact totals;
* substring scan — every unit's folded text in memory, ``str.count`` on each, top 20 by
                  count, totals per document (the ground truth for recall);
* FTS5 trigram  — SQLite FTS5 (tokenize=trigram) over the same folded unit texts, a
                  phrase MATCH, top 20 by bm25 plus a COUNT (nothing for < 3 characters).

Latency is per query after one warm-up run (the index's text cache warm), over ``runs``
repetitions; p50/p95 are over all queries × runs.  Recall is per query, against the scan.
Then p95 per query class (1 character, 2 characters, common words — in ≥ 1% of the
units —, rare words, absent ones; a query can be in two classes), each beside the scan's
p95 over the same queries; the absent class adds ``ABSENT`` (timed, not in the overall
p50/p95, so those stay comparable with earlier runs); the first run of each query (its
postings not yet decoded) is shown too.
Last: the incremental update of one document (re-import of one file; index part alone,
with the document's real version, so the next search only has to see it) and the removal
of one, each followed by one search, shown beside the p95.
No asserts: figures only.
"""
from __future__ import annotations

import argparse
import heapq
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from index import indexer  # noqa: E402
from index.analysis import fold  # noqa: E402
from index.query import make_term  # noqa: E402
from index.units import document_units  # noqa: E402
from reader.store.library import Library  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "laws"

QUERIES = [
    # very common
    "应当", "国务院", "人民政府", "法", "的", "规定", "县级以上", "中华人民共和国", "第一条",
    "罚款", "前款", "有关部门",
    # medium
    "由县级以上人民政府", "第四十三条", "第43条", "违反本法规定", "个人信息", "行政许可",
    "没收违法所得", "依法追究刑事责任", "省、自治区、直辖市", "2020", "国家安全", "消费者",
    "（一）",
    # rare or absent
    "12345", "醫療保險", "反垄断", "无人机", "数据出境", "核安全", "野生动物", "鉴定人",
    "仲裁委员会", "外商投资", "网络安全等级保护",
]
#: Wording no law of the corpus holds (scan-checked: a query found here is reclassed).
ABSENT = ["量子纠缠", "区块链挖矿", "火星基地", "元宇宙", "qwerty", "短视频直播带货"]
#: Units a query must be in (share of all units) to be a common word.
COMMON_SHARE = 0.01


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N corpus files")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--procs", type=int, default=None, help="index build processes")
    args = ap.parse_args()
    files = sorted(CORPUS.rglob("*.md"))
    if args.limit:
        files = files[:args.limit]
    if not files:
        print(f"no corpus in {CORPUS}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "library")
        t0 = time.perf_counter()
        report = lib.import_files(files)
        t_import = time.perf_counter() - t0
        index = lib._index()
        index.procs = args.procs
        t0 = time.perf_counter()
        lib.rebuild_index()
        t_index = time.perf_counter() - t0
        units = [u for s in lib.documents() for u in document_units(lib.document(s.id))]
        chars = sum(len(u.text) for u in units)
        print(f"corpus: {len(files)} files, {len(report.added)} documents, {len(units)} units, "
              f"{chars:,} characters; import {t_import:.1f} s")
        print(f"index build (full, procs={index.procs or 'auto'}): {t_index:.1f} s, "
              f"{sum(f.stat().st_size for f in (Path(tmp) / 'library' / 'index').iterdir()) / 1e6:.0f} MB")

        keys = [(u.doc_id, u.node_id, u.kind) for u in units]
        folded = [fold(u.text) for u in units]
        doc_of = [u.doc_id for u in units]

        def scan(q: str):  # noqa: ANN202
            counts = [t.count(q) for t in folded]
            hits = [i for i, c in enumerate(counts) if c]
            top = heapq.nlargest(20, hits, key=counts.__getitem__)
            return hits, Counter(doc_of[i] for i in hits), top

        t0 = time.perf_counter()
        fts = sqlite3.connect(":memory:")
        fts.execute("CREATE VIRTUAL TABLE u USING fts5(body, tokenize='trigram')")
        fts.executemany("INSERT INTO u(rowid, body) VALUES (?, ?)", enumerate(folded))
        t_fts = time.perf_counter() - t0
        print(f"FTS5 trigram table (in memory): built in {t_fts:.1f} s")
        # The same comparison on the units the index really holds — every version of every
        # document (older ones are searched on request) — the FTS5 side folding its text
        # as the index does (without it, 醫療保險 would not find 医疗保险: other results).
        t0 = time.perf_counter()
        all_units = [u for s in lib.documents(all_versions=True) for u in document_units(lib.document(s.id))]
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        same = sqlite3.connect(":memory:")
        same.execute("CREATE VIRTUAL TABLE u USING fts5(body, tokenize='trigram')")
        same.executemany("INSERT INTO u(rowid, body) VALUES (?, ?)",
                         enumerate(fold(u.text) for u in all_units))
        t_same = time.perf_counter() - t0 + t_load
        same.close()
        print(f"FTS5 trigram table on the index's units ({len(all_units)}, every version; loaded from "
              f"the library and folded as the index does): built in {t_same:.1f} s; "
              f"index build / FTS5: {t_index / t_same:.1f}x (on the current units, pre-folded: "
              f"{t_index / t_fts:.1f}x)")

        def fts_search(q: str):  # noqa: ANN202
            phrase = '"' + q.replace('"', '""') + '"'
            try:
                total = fts.execute("SELECT COUNT(*) FROM u WHERE u MATCH ?", (phrase,)).fetchone()[0]
                top = fts.execute("SELECT rowid FROM u WHERE u MATCH ? ORDER BY rank LIMIT 20",
                                  (phrase,)).fetchall()
                rows = [r[0] for r in fts.execute("SELECT rowid FROM u WHERE u MATCH ?", (phrase,))]
            except sqlite3.OperationalError:
                return 0, [], []
            return total, top, rows

        t0 = time.perf_counter()
        lib.ensure_index()
        index.warm()
        print(f"text cache warm-up: {time.perf_counter() - t0:.1f} s\n")

        lat = {"regreader": [], "scan": [], "fts5": []}
        rows = []
        per_query: dict[str, dict[str, list[float]]] = {}
        first_run: dict[str, float] = {}
        for q in QUERIES + ABSENT:
            fq = make_term(q).variants[0]
            truth = scan(fq)[0]
            truth_keys = {keys[i] for i in truth}
            timings = {}
            per_query[q] = {}
            for name, fn in (("regreader", lambda: lib.search(q, limit=20, literal=True)),
                             ("scan", lambda: scan(fq)), ("fts5", lambda: fts_search(fq))):
                t0 = time.perf_counter()
                fn()
                if name == "regreader":
                    first_run[q] = (time.perf_counter() - t0) * 1000
                runs = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    fn()
                    runs.append((time.perf_counter() - t0) * 1000)
                if q in QUERIES:
                    lat[name] += runs
                per_query[q][name] = runs
                timings[name] = statistics.median(runs)
            # recall (every hit, not just the top 20)
            everything = lib.search(q, limit=1_000_000, literal=True)
            ours = {(h.doc_id, h.node_id, h.kind) for h in everything.hits}
            recall = len(ours & truth_keys) / len(truth_keys) if truth_keys else 1.0
            fts_rows = set(fts_search(fq)[2])
            fts_recall = len(fts_rows & set(truth)) / len(truth) if truth else 1.0
            if q in QUERIES:
                rows.append((q, len(truth), everything.total, recall, fts_recall, timings))
            found = max(len(truth), everything.total)
            classes = []
            if len(fq) == 1:
                classes.append("1 character")
            if len(fq) == 2:
                classes.append("2 characters")
            if not found:
                classes.append("absent")
            elif found >= COMMON_SHARE * len(units):
                classes.append("common words")
            else:
                classes.append("rare words")
            per_query[q]["classes"] = classes
            per_query[q]["recall"] = [recall]

        print(f"{'query':<14} {'units':>6} {'found':>6} {'recall':>6} {'fts5 rec':>8} "
              f"{'ours ms':>8} {'scan ms':>8} {'fts5 ms':>8}")
        for q, n, total, recall, fts_recall, t in rows:
            print(f"{q:<{14 - sum(1 for c in q if ord(c) > 0x2000)}} {n:>6} {total:>6} {recall:>6.3f} "
                  f"{fts_recall:>8.3f} {t['regreader']:>8.1f} {t['scan']:>8.1f} {t['fts5']:>8.1f}")
        print()
        print(f"{'engine':<12} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'min recall':>10}")
        for name, key in (("RegReader", "regreader"), ("scan", "scan"), ("FTS5 trigram", "fts5")):
            rec = 1.0 if key == "scan" else min(r[3] if key == "regreader" else r[4] for r in rows)
            v = lat[key]
            print(f"{name:<12} {percentile(v, .5):>8.1f} {percentile(v, .95):>8.1f} "
                  f"{max(v):>8.1f} {rec:>10.3f}")
        p95 = percentile(lat["regreader"], .95)
        ratio = p95 / percentile(lat["scan"], .95)
        print(f"\np95 RegReader / p95 scan: {ratio:.2f}")

        print(f"\n{'class':<14} {'queries':>7} {'p95 ms':>8} {'scan p95':>8} {'ratio':>6} "
              f"{'min recall':>10} {'1st run p95':>11}")
        for cls in ("1 character", "2 characters", "common words", "rare words", "absent"):
            qs = [q for q in per_query if cls in per_query[q]["classes"]]
            if not qs:
                continue
            ours = [t for q in qs for t in per_query[q]["regreader"]]
            base = [t for q in qs for t in per_query[q]["scan"]]
            rec = min(per_query[q]["recall"][0] for q in qs)
            first = percentile([first_run[q] for q in qs], .95)
            print(f"{cls:<14} {len(qs):>7} {percentile(ours, .95):>8.1f} "
                  f"{percentile(base, .95):>8.1f} {percentile(ours, .95) / percentile(base, .95):>6.2f} "
                  f"{rec:>10.3f} {first:>11.1f}")

        # incremental update of one document
        def next_search() -> float:
            t0 = time.perf_counter()
            lib.search("应当", limit=20)  # the next search sees the change (new searcher)
            return (time.perf_counter() - t0) * 1000

        one = files[len(files) // 2]
        t0 = time.perf_counter()
        lib.import_files([one])
        t_reimport = time.perf_counter() - t0
        after_import = next_search()
        doc = next(iter(lib.parse(one)))
        ix = indexer.check(index.folder)
        docver = index.catalog.versions()[doc.id]  # what the library says: nothing left to sync
        t0 = time.perf_counter()
        indexer.update(ix, [], [(lib.document(doc.id), docver)])
        t_update = time.perf_counter() - t0
        t_after = next_search()
        print(f"one document: re-import with index update {t_reimport * 1000:.0f} ms; "
              f"index update alone {t_update * 1000:.0f} ms; next search {t_after:.0f} ms")
        gone = lib.documents()[len(files) // 3].id
        t0 = time.perf_counter()
        lib.remove(gone)
        t_remove = time.perf_counter() - t0
        after_remove = next_search()
        print(f"one document removed in {t_remove * 1000:.0f} ms")
        print(f"first search after: re-import {after_import:.1f} ms, index update {t_after:.1f} ms, "
              f"removal {after_remove:.1f} ms; / p95 {p95:.1f} ms: "
              f"{after_import / p95:.2f}, {t_after / p95:.2f}, {after_remove / p95:.2f} (goal ≤ 3)")
        lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
