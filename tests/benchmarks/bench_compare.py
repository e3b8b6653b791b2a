"""Compare (对照) of two versions: alignment quality and speed, beside plain difflib.

    python tests/benchmarks/bench_compare.py

Prints: the alignment of 公司法 2018 → 2023 (pairs per status, renumbered articles paired as
moved); compare() time for the two largest amendment pairs of shared/corpus/laws beside a
plain difflib line diff of the same files in the same run; the share of old articles whose
text survives verbatim that are paired with that very article; and the candidate libraries
measured for the two inner steps (all-pairs scores, 款 diff).
"""
from __future__ import annotations

import difflib
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from diff_match_patch import diff_match_patch  # noqa: E402
from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import Indel  # noqa: E402

from reader.core.pipeline import parse_file  # noqa: E402
from reader.core.versions import _units, compare  # noqa: E402
from reader.core.versions_diff import text_diff  # noqa: E402

LAWS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "laws"
_DATED = re.compile(r"^(.*)\((\d{4}-\d{2}-\d{2})\)\.md$")


def best_of(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def amendment_pairs() -> list[tuple[Path, Path]]:
    """Consecutive versions of each law the corpus holds in several dated files."""
    versions = defaultdict(list)
    for f in LAWS.glob("*/*.md"):
        if m := _DATED.match(f.name):
            versions[(f.parent, m[1])].append((m[2], f))
    return [(a[1], b[1]) for v in versions.values() for a, b in zip(sorted(v), sorted(v)[1:])]


def company_law() -> None:
    old = parse_file(LAWS / "民法商法" / "公司法(2018-10-26).md")[0]
    new = parse_file(LAWS / "民法商法" / "公司法(2023-12-29).md")[0]
    cmp = compare(old, new)
    s = cmp.summary()
    renumbered = [p for p in cmp.units if p.old and p.new and p.old.label != p.new.label]
    print("公司法 2018 → 2023:", sum(1 for u in _units(old)[0]), "→", sum(1 for u in _units(new)[0]), "articles")
    print("  units:", {k: v for k, v in s.items() if k != "headings"})
    print("  headings:", s["headings"])
    print(f"  renumbered articles paired: {len(renumbered)}, as moved: "
          f"{sum(p.status == 'moved' for p in renumbered)}, in split/merged groups: "
          f"{sum(p.status in ('split', 'merged') for p in renumbered)}")


def speed() -> None:
    pairs = []
    for a, b in amendment_pairs():
        old, new = parse_file(a)[0], parse_file(b)[0]
        pairs.append((max(len(_units(old)[0]), len(_units(new)[0])), a, b, old, new))
    pairs.sort(key=lambda p: -p[0])
    near_260 = [p for p in pairs if p[0] <= 300][:2]
    print(f"\n{len(pairs)} amendment pairs in the corpus; the two largest, and the two largest of <= 300 articles:")
    for size, a, b, old, new in pairs[:2] + near_260:
        t_cmp = best_of(lambda: compare(old, new))
        la = a.read_text(encoding="utf-8").splitlines()
        lb = b.read_text(encoding="utf-8").splitlines()
        t_dl = best_of(lambda: list(difflib.unified_diff(la, lb, lineterm="")))
        print(f"  {a.name} → {b.name} ({size} articles): compare {t_cmp * 1000:.0f} ms, "
              f"difflib line diff {t_dl * 1000:.0f} ms, ratio {t_cmp / t_dl:.1f}x")
    verbatim(pairs)


def verbatim(pairs) -> None:
    """Old articles whose text occurs, once, as a new article: paired with it?"""
    total = hit = 0
    for _, _, _, old, new in pairs:
        ou, nu = _units(old)[0], _units(new)[0]
        where = Counter(u.text for u in nu)
        first = {u.text: u.node.id for u in reversed(nu)}
        cmp = compare(old, new)
        partner = defaultdict(set)
        for p in cmp.units:
            if p.old and p.new:
                partner[p.old.node_id].add(p.new.node_id)
        olds = Counter(u.text for u in ou)
        for u in ou:
            if where[u.text] == 1 and olds[u.text] == 1:
                total += 1
                hit += first[u.text] in partner[u.node.id]
    print(f"\nverbatim survivors paired with their new article: {hit}/{total} = {hit / total:.4f} "
          f"(all {len(pairs)} pairs)")


def candidates() -> None:
    old = parse_file(LAWS / "民法商法" / "公司法(2018-10-26).md")[0]
    new = parse_file(LAWS / "民法商法" / "公司法(2023-12-29).md")[0]
    a, b = [u.text for u in _units(old)[0]], [u.text for u in _units(new)[0]]
    print(f"\ncandidates, all {len(a)} × {len(b)} article scores:")
    t = best_of(lambda: [process.extract(x, b, scorer=Indel.normalized_similarity, limit=None) for x in a], 3)
    print(f"  rapidfuzz Indel: {t * 1000:.0f} ms")
    t0 = time.perf_counter()
    for x in a[:20]:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(x)
        for y in b:
            sm.set_seq1(y)
            sm.ratio()
    print(f"  difflib ratio: {(time.perf_counter() - t0) * len(a) / 20 * 1000:.0f} ms (20 rows, extrapolated)")
    cmp = compare(old, new)
    texts = {}
    for u in _units(old)[0] + _units(new)[0]:
        texts.update({p.node_id: p.text for p in u.paras})
    para_pairs = [(texts[d.old], texts[d.new]) for p in cmp.units for d in p.paragraphs
                  if d.old and d.new and texts[d.old] != texts[d.new]]
    dmp = diff_match_patch()

    def by_dmp():
        out = []
        for x, y in para_pairs:
            d = dmp.diff_main(x, y, False)
            dmp.diff_cleanupSemantic(d)
            out.append(len(d))
        return out

    def by_difflib():
        return [sum(1 for op in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes())
                for x, y in para_pairs]

    def by_rapidfuzz():
        return [len(text_diff(x, y)) for x, y in para_pairs]

    for name, fn in (("diff-match-patch diff + semantic cleanup", by_dmp), ("difflib opcodes", by_difflib),
                     ("rapidfuzz opcodes + diff-match-patch cleanup (chosen)", by_rapidfuzz)):
        t = best_of(fn, 3)
        segs = fn()
        print(f"  {name}: {len(para_pairs)} changed 款, {t * 1000:.0f} ms, "
              f"segments per 款 median {statistics.median(segs)}, mean {statistics.mean(segs):.1f}")


if __name__ == "__main__":
    company_law()
    speed()
    candidates()
