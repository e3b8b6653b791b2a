"""Shared fixtures: where the seeds live, and a library folder no test can escape from."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"
#: shared/ sits beside the checkout (in CI too: a fresh clone with shared/ next to it).
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_library(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point REGREADER_LIBRARY at a temp folder so no test ever writes the user's library."""
    monkeypatch.setenv("REGREADER_LIBRARY", str(tmp_path_factory.mktemp("default-library")))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    """The five seed documents as shipped in resources/samples."""
    files = sorted(SAMPLES.glob("*.txt"))
    assert len(files) == 5, f"expected the five seeds in {SAMPLES}"
    return files


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (seeds, corpus); tests that need it are skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found (shared/ must sit beside the checkout)")
    return SHARED


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def library(library_dir: Path):
    """A fresh, empty library in a temp folder, closed after the test."""
    from reader.store.library import Library

    lib = Library.open(library_dir)
    yield lib
    lib.close()


def make_document(
    title: str = "广州市测试管理办法",
    doc_number: str | None = "穗府规〔2024〕1号",
    body: str = "为了测试，制定本办法。",
    articles: int = 2,
    **meta,
):
    """A small regulation built by hand (chapter → articles → paragraphs → items), so store
    and CLI tests do not depend on what the parser makes of a real file."""
    from datetime import date

    from reader.core.model import Document, Node, NodeKind, Source

    chapter = Node("chap_1", NodeKind.CHAPTER, "第一章", 1, "总则", "第一章　总则")
    for n in range(1, articles + 1):
        para = Node(f"art_{n}__para_1", NodeKind.PARAGRAPH, "", 1, "", f"第{n}条　{body}")
        para.children = [
            Node(f"art_{n}__para_1__item_{i}", NodeKind.ITEM, f"（{'一二三'[i - 1]}）", i, "",
                 f"（{'一二三'[i - 1]}）第{i}项；")
            for i in (1, 2)
        ]
        chapter.children.append(Node(f"art_{n}", NodeKind.ARTICLE, f"第{n}条", n, "", "",
                                     [para, Node(f"art_{n}__para_2", NodeKind.PARAGRAPH, "", 2,
                                                 "", "第二款。")]))
    fields = dict(
        issuer="广州市人民政府", issued=date(2024, 1, 2), effective=date(2024, 3, 1),
        expires=date(2029, 2, 28), kind="规章", front_matter="广州市人民政府令\n第1号",
        warnings=["line 3: numbering jumps"], source=Source("fake.txt", "0" * 64, "txt"),
    )
    fields.update(meta)
    return Document(title=title, doc_number=doc_number, nodes=[chapter], **fields)


class FakeParser:
    """Stands in for reader.core.pipeline.parse_file for files registered with ``add``;
    other files go to the real parser."""

    def __init__(self, real) -> None:
        self.real = real
        self.docs: dict[str, list[dict]] = {}

    def add(self, path: Path, *docs) -> Path:
        """Register ``docs`` for ``path`` and write the file (its bytes give the sha256)."""
        import hashlib

        if Path(path).resolve().is_relative_to(REPO):  # never overwrite a shipped file
            raise AssertionError(f"FakeParser.add would overwrite {path}: register a copy in tmp_path")
        path.write_text("\n".join(d.title for d in docs) + f"\n{len(self.docs)}", encoding="utf-8")
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        for d in docs:
            d.source.file, d.source.sha256 = str(path), sha
        self.docs[str(path.resolve())] = [d.to_json() for d in docs]
        return path

    def __call__(self, path):
        from reader.core.model import Document

        key = str(Path(path).resolve())
        if key in self.docs:
            return [Document.from_json(d) for d in self.docs[key]]
        return self.real(path)


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> FakeParser:
    import reader.store.library as library_module

    fake = FakeParser(library_module.parse_file)
    monkeypatch.setattr(library_module, "parse_file", fake)
    return fake
