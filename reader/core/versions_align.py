"""Align two sequences of texts by content: which old unit became which new one.

Pure functions on lists of strings, so articles, 款 and 编/章/节 headings share them.

Scores are rapidfuzz's normalized Indel similarity (2·LCS / (len a + len b), the measure
difflib's ``ratio`` approximates).  Chosen by measurement (tests/benchmarks/bench_compare.py):
all 218 × 266 article pairs of 公司法 2018 → 2023 take ~80 ms with rapidfuzz against ~6 s with
``difflib.SequenceMatcher.ratio``; both separate true from chance pairs alike (unrelated
articles of one law score 0.34–0.36 at the 99th percentile with either).

The alignment is global-order-aware: articles unchanged and unique on both sides anchor it
(as patience diff does), a monotone alignment by dynamic programming on similarity fills the
blocks between anchors (an amendment keeps most articles in order, so order breaks ties between
near-identical parallel articles such as the 有限责任公司 / 股份有限公司 ones), a second pass
pairs what moved out of order, and 4-gram containment recognises splits and merges.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Indel

#: Below this an in-order pair is chance: unrelated articles of one law score up to ~0.36 (p99).
IN_ORDER_MIN = 0.45
#: An out-of-order pair needs stronger evidence than one order supports.
MOVED_MIN = 0.6
#: Share of a unit's 4-grams found in another for it to count as carved out of (or into) it.
CONTAINED_MIN = 0.6
#: The same for two units both left unpaired: an article cut down to a sentence of itself.
LEFTOVER_MIN = 0.5
#: Share of a split (merge) source that its parts must cover together.
COVERED_MIN = 0.5
_GRAM = 4


@dataclass
class Group:
    """Old units ``olds`` became new units ``news``: 1:1, 1:n (split), n:1 (merged), 1:0, 0:1."""

    olds: list[int] = field(default_factory=list)
    news: list[int] = field(default_factory=list)
    similarity: float = 0.0


def similarity_matrix(old: list[str], new: list[str], cutoff: float = 0.0) -> list[dict[int, float]]:
    """For each old text, the new texts scoring at least ``cutoff``: {new index: score}."""
    rows = []
    for text in old:
        hits = process.extract(text, new, scorer=Indel.normalized_similarity, limit=None,
                               score_cutoff=cutoff)
        rows.append({j: score for _, score, j in hits})
    return rows


def anchors(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Texts found once on each side, unchanged, in order (longest increasing run, as patience
    diff does): certain pairs that cut the similarity matrix into the small blocks between them."""
    once_old = _unique(old)
    cands = sorted((i, j) for t, j in _unique(new).items() if (i := once_old.get(t)) is not None)
    # longest increasing subsequence of the new indices, O(k log k)
    tails: list[int] = []  # index into cands of the smallest tail of each length
    tail_js: list[int] = []
    prev = [-1] * len(cands)
    for k, (_, j) in enumerate(cands):
        pos = bisect_left(tail_js, j)
        prev[k] = tails[pos - 1] if pos else -1
        tails[pos:pos + 1] = [k]
        tail_js[pos:pos + 1] = [j]
    out, k = [], tails[-1] if tails else -1
    while k >= 0:
        out.append(cands[k])
        k = prev[k]
    return out[::-1]


def _unique(texts: list[str]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for k, t in enumerate(texts):
        seen[t] = -1 if t in seen else k
    return {t: k for t, k in seen.items() if k >= 0}


def in_order(old: list[str], new: list[str]) -> dict[tuple[int, int], float]:
    """The monotone alignment: anchors, then weighted LCS inside each block between them."""
    fixed = anchors(old, new)
    pairs = {p: 1.0 for p in fixed}
    bounds = [(-1, -1), *fixed, (len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if i1 - i0 > 1 and j1 - j0 > 1:
            sim = similarity_matrix(old[i0 + 1:i1], new[j0 + 1:j1], cutoff=IN_ORDER_MIN)
            pairs.update({(i0 + 1 + a, j0 + 1 + b): sim[a][b] for a, b in monotone(sim, j1 - j0 - 1)})
    return pairs


def monotone(sim: list[dict[int, float]], m: int, floor: float = IN_ORDER_MIN) -> list[tuple[int, int]]:
    """Order-preserving pairs maximising Σ(score − floor): longest common subsequence
    weighted by similarity, O(n·m)."""
    n = len(sim)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, here = sim[i], best[i + 1], best[i]
        for j in range(m - 1, -1, -1):
            v = below[j] if below[j] > here[j + 1] else here[j + 1]
            s = row.get(j)
            if s is not None and s >= floor and below[j + 1] + s - floor > v:
                v = below[j + 1] + s - floor
            here[j] = v
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        s = sim[i].get(j)
        if s is not None and s >= floor and best[i][j] == best[i + 1][j + 1] + s - floor:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def moves(sim: list[dict[int, float]], free_old: set[int], free_new: set[int],
          floor: float = MOVED_MIN) -> list[tuple[int, int]]:
    """Greedy best-first pairs among units the monotone pass left: articles moved out of order."""
    cands = sorted(((s, i, j) for i in free_old for j, s in sim[i].items() if j in free_new and s >= floor),
                   key=lambda c: (-c[0], c[1], c[2]))
    pairs = []
    for _, i, j in cands:
        if i in free_old and j in free_new:
            free_old.discard(i)
            free_new.discard(j)
            pairs.append((i, j))
    return sorted(pairs)


def grams(text: str) -> set[str]:
    """Character 4-grams: contiguous runs, so scattered common characters do not count."""
    return {text[k:k + _GRAM] for k in range(max(1, len(text) - _GRAM + 1))}


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def align(old: list[str], new: list[str]) -> list[Group]:
    """All groups, each old and new index in exactly one group."""
    scores = in_order(old, new)
    free_old = set(range(len(old))) - {i for i, _ in scores}
    free_new = set(range(len(new))) - {j for _, j in scores}
    fo, fn = sorted(free_old), sorted(free_new)
    sim = similarity_matrix([old[i] for i in fo], [new[j] for j in fn], cutoff=MOVED_MIN)
    rows: list[dict[int, float]] = [{} for _ in old]
    for a, row in enumerate(sim):
        rows[fo[a]] = {fn[b]: s for b, s in row.items()}
    scores.update({p: rows[p[0]][p[1]] for p in moves(rows, free_old, free_new)})
    og, ng = [grams(t) for t in old], [grams(t) for t in new]
    for i, j in _leftovers(og, ng, free_old, free_new):
        scores[i, j] = Indel.normalized_similarity(old[i], new[j])
    groups = {i: Group([i], [j], s) for (i, j), s in scores.items()}
    _splits(groups, og, ng, free_old, free_new, by_old=True)
    _splits(groups, ng, og, free_new, free_old, by_old=False)
    result = list(groups.values())
    result += [Group([i], [], 0.0) for i in sorted(free_old)]
    result += [Group([], [j], 0.0) for j in sorted(free_new)]
    for g in result:
        if len(g.olds) + len(g.news) > 2:
            g.similarity = Indel.normalized_similarity("\n".join(old[i] for i in g.olds),
                                                       "\n".join(new[j] for j in g.news))
    return result


def _shared(parts: dict[int, set[str]], wholes: dict[int, set[str]]) -> dict[tuple[int, int], int]:
    """4-grams each part shares with each whole, for the pairs sharing any (an inverted index,
    so unrelated pairs cost nothing)."""
    index: dict[str, list[int]] = {}
    for w, gs in wholes.items():
        for gr in gs:
            index.setdefault(gr, []).append(w)
    out: dict[tuple[int, int], int] = {}
    for p, gs in parts.items():
        for w, n in Counter(w for gr in gs for w in index.get(gr, ())).items():
            out[p, w] = n
    return out


def _leftovers(og: list[set[str]], ng: list[set[str]], free_old: set[int],
               free_new: set[int]) -> list[tuple[int, int]]:
    """Pairs where one side is mostly inside the other (an article cut down to one 款, or
    grown by new 款): low overall similarity, but plainly the same article."""
    shared = _shared({i: og[i] for i in free_old}, {j: ng[j] for j in free_new})
    cands = [(c, i, j) for (i, j), n in shared.items()
             if (c := max(n / len(og[i]), n / len(ng[j]))) >= LEFTOVER_MIN]
    pairs = []
    for _, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i in free_old and j in free_new:
            free_old.discard(i)
            free_new.discard(j)
            pairs.append((i, j))
    return pairs


def _splits(groups: dict[int, Group], src: list[set[str]], dst: list[set[str]],
            free_src: set[int], free_dst: set[int], by_old: bool) -> None:
    """Attach unpaired ``dst`` units carved out of a ``src`` unit to that unit's group
    (split when ``src`` is old, merge when it is new).  ``groups`` is keyed by old index."""
    owner = {(g.olds[0] if by_old else g.news[0]): g for g in groups.values() if len(g.olds) == len(g.news) == 1}
    shared = _shared({d: dst[d] for d in free_dst}, {s: src[s] for s in owner})
    for d in sorted(free_dst):
        best, best_c = None, CONTAINED_MIN
        for s, g in owner.items():
            if shared.get((d, s), 0) < CONTAINED_MIN * len(dst[d]):
                continue
            partner = g.news[0] if by_old else g.olds[0]
            if _share(dst[d], dst[partner]) >= CONTAINED_MIN:
                continue  # d repeats what s's partner kept, not a part carved out of s
            c = _share(dst[d], src[s])
            if c >= best_c:
                best, best_c = s, c
        if best is not None:
            (owner[best].news if by_old else owner[best].olds).append(d)
            free_dst.discard(d)
    shared = _shared({d: dst[d] for d in free_dst}, {s: src[s] for s in free_src})
    for s in sorted(free_src):
        parts = [d for d in sorted(free_dst) if shared.get((d, s), 0) >= CONTAINED_MIN * len(dst[d])]
        covered = set().union(*(dst[d] for d in parts)) if parts else set()
        if len(parts) >= 2 and _share(src[s], covered) >= COVERED_MIN:
            g = Group([s], parts) if by_old else Group(parts, [s])
            groups[g.olds[0]] = g
            free_src.discard(s)
            free_dst.difference_update(parts)
    for g in groups.values():
        g.olds.sort()
        g.news.sort()
