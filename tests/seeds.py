"""Where the real inputs live, for tests that read them."""
from __future__ import annotations

from pathlib import Path

from reader.core.model import Document
from reader.core.pipeline import parse_file

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "resources" / "samples"
CORPUS = REPO.parent / "shared" / "corpus" / "laws"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def parse_seed(prefix: str) -> list[Document]:
    return parse_file(seed(prefix))


def by_title(docs: list[Document], fragment: str) -> Document:
    return next(d for d in docs if fragment in d.title)
