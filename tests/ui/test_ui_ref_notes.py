"""The reasons a reference is unresolved or inexact, worded in the interface's language."""
from __future__ import annotations

import re

from reader.core.refs import Pin, detect, resolve
from reader.core.refs.model import ARTICLE, PARAGRAPH
from reader.core.refs.outline import missing_note
from reader.core.refs.resolve import LibraryIndex
from reader.core.pipeline import parse_file
from reader.ui.ref_notes import translate
from tests.conftest import SAMPLES, SHARED

LATIN = re.compile(r"[A-Za-z]{2,}")


def test_every_note_of_the_core_is_worded(qapp) -> None:
    notes = {
        "not in the library", "inexact title match (0.93)", missing_note(Pin(ARTICLE, 17), "ch_2"),
        missing_note(Pin(PARAGRAPH, 3), None), "target's units unknown",
        "only a later version (2021-01-22) is in the library; “审计结果报告” is in its 第十七条",
        "only a later version (2021-01-22) is in the library; its 第十条 may not be the one cited",
        "only a later version (2021-01-22) is in the library;"
        " its numbering matches the words cited elsewhere in this document",
        "no unit named", "no article before this one", "no paragraph before this one",
        "which attachment is not said", "document has no attachment",
    }
    laws = sorted((SHARED / "corpus" / "laws").rglob("*.md"))[:80]
    docs = [d for p in [*SAMPLES.glob("*.txt"), *laws] for d in parse_file(p)]
    index = LibraryIndex.from_documents(docs)
    notes |= {r.note for d in docs for r in resolve(detect(d), d, index) if r.note}
    for note in notes:
        worded = translate(note)
        assert not LATIN.search(worded), (note, worded)
    assert translate("inexact title match (0.95)") == "标题近似匹配（相似度 0.95）"
    assert translate(missing_note(Pin(ARTICLE, 17), "ch_2")) == "所引文件中没有第十七条"
    assert translate("no paragraph before this one") == "此前没有款"
    assert translate("something new") == "something new"  # unknown: shown as it is
