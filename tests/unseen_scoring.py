"""Scoring a generated file of tests/unseen_tools against its answer key (``<file>.gold.json``):
documents split, titles, 章/节 headings, articles, text, 款 over the breaks the file
shows, and page furniture left in any node.  Split from the generators, which need
LibreOffice and Chromium; scoring needs neither."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus_tools import (
    ExpectedArticle,
    Score,
    compare,
    error_score,
    fold,
)

@dataclass
class UnseenScore:
    path: Path
    fmt: str
    sources: list[str]
    layout: str
    score: Score
    documents_expected: int
    documents_found: int
    titles_expected: list[str]
    titles_found: list[str]
    headings_expected: list[str]
    headings_found: list[str]
    leaks: list[str]
    #: paragraphs of an article-free document (``outline``) missing from its parsed text
    lost: list[str] = field(default_factory=list)

    @property
    def split_ok(self) -> bool:
        return self.documents_expected == self.documents_found

    @property
    def titles_ok(self) -> bool:
        return [fold(t) for t in self.titles_expected] == [fold(t) for t in self.titles_found]

    @property
    def headings_ok(self) -> bool:
        return self.headings_expected == self.headings_found


def hidden_breaks(expected: list[ExpectedArticle], path: Path) -> set[int]:
    """Articles of a page printed without indents whose 款 count the print cannot show: a
    paragraph wraps right after a sentence end (。；：), so the next line looks like a new 款."""
    from tests.realdocs_tools import raw_lines

    joined = "\n".join(raw_lines(path))
    out = set()
    for i, article in enumerate(expected):
        for para in map(fold, article.paragraphs):
            ends = [j for j, ch in enumerate(para[:-1]) if ch in "。；：！？"]
            if any(para[max(0, j - 10):j + 1] + "\n" + para[j + 1:j + 11] in joined for j in ends):
                out.add(i)
    return out


def furniture_leaks(documents: list, key: dict) -> list[str]:
    """Node texts holding page furniture (running header, page number, print date, URL,
    目录 …): a pattern of ``key["furniture"]`` found in a node although the answer key's own
    text never has it."""
    gold = "\n".join(ln for d in key["documents"] for ln in
                     [d["title"], *(h["label"] + h["heading"] for h in d["headings"]),
                      *(ln for a in d["articles"] for ln in a["lines"])])
    texts = [t for d in documents for n in d.walk() for t in (n.text, n.heading) if t]
    return [f"{pattern!r} in {t[:60]!r}" for pattern in key["furniture"] if not re.search(pattern, gold)
            for t in texts if re.search(pattern, t)]


def score_unseen(path: Path) -> UnseenScore:
    """Parse ``path`` with the product's parser and score it against ``<path>.gold.json``."""
    from reader.core.model import HEADING_KINDS
    from reader.core.pipeline import parse_file

    key = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    expected = [ExpectedArticle(a["label"], list(a["lines"])) for d in key["documents"] for a in d["articles"]]
    titles = [d["title"] for d in key["documents"]]
    headings = [fold(h["label"] + h["heading"]) for d in key["documents"] for h in d["headings"]]
    result = UnseenScore(path, key["format"], key["sources"], key["layout"], Score(), len(titles), 0, titles, [],
                         headings, [], [])
    try:
        documents = parse_file(path)
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report
        result.score = error_score(expected, path.name, exc)
        return result
    hidden = hidden_breaks(expected, path) if key["format"] == "pdf" else set()
    result.score = compare(expected, documents, name=path.name, ambiguous=hidden)
    result.documents_found = len(documents)
    result.titles_found = [d.title for d in documents]
    result.headings_found = [fold(n.label + n.heading) for d in documents for n in d.walk() if n.kind in HEADING_KINDS]
    result.leaks = furniture_leaks(documents, key)
    by_title = {fold(d.title): fold(d.full_text()) for d in documents}
    result.lost = [f"{d['title']}: {line[:30]}" for d in key["documents"] for line in d.get("outline", ())
                   if fold(line) not in by_title.get(fold(d["title"]), "")]
    return result
