"""What several benchmarks share: a median of timed runs, and an older revision of the
code checked out beside this tree (so a baseline runs in the same session, on the same
machine, as the figures it is compared with)."""
from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def median_time(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


@contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """``rev`` checked out in a temporary, detached worktree with ../shared beside it (the
    tests' tools find the corpus there); removed afterwards.  Nothing in this tree changes."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "base"
        (Path(tmp) / "shared").symlink_to(REPO.parent / "shared")
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), rev],
                       check=True, capture_output=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], capture_output=True)
