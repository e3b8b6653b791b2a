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
HAN = re.compile(r"[\u4e00-\u9fff]")
QUOTED = re.compile(r"“[^”]*”")


def core_notes() -> set[str]:
    """Every kind of note the core writes, and every note it writes on the seeds and 80 laws."""
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
    return notes | {r.note for d in docs for r in resolve(detect(d), d, index) if r.note}


def test_every_note_of_the_core_is_worded(qapp) -> None:
    for note in core_notes():
        worded = translate(note)
        assert not LATIN.search(worded), (note, worded)
    assert translate("inexact title match (0.95)") == "标题近似匹配（相似度 0.95）"
    assert translate(missing_note(Pin(ARTICLE, 17), "ch_2")) == "所引文件中没有第十七条"
    assert translate("no paragraph before this one") == "此前没有款"
    assert translate("something new") == "something new"  # unknown: shown as it is


def test_english_reasons_name_the_units_in_english(qapp) -> None:
    from reader.ui import i18n

    i18n.install(qapp, "en")
    try:
        assert translate("no paragraph before this one") == "There is no earlier paragraph"
        assert translate(missing_note(Pin(ARTICLE, 17), "ch_2")) == "The cited document has no article 17"
        assert translate("only a later version (2021-01-22) is in the library;"
                         " its 第十条之一第（三）项 may not be the one cited") == \
            "Only a later version (2021-01-22) is in the library; Its article 10-1 item (3) may not be the one cited"
        assert translate("target has no 附件2") == "The cited document has no attachment 2"
        # the words a citation quotes are the document's own: kept as they are
        assert translate("“审计结果报告” is in its 第十七条") == "Its article 17 contains “审计结果报告”"
        for note in core_notes():
            worded = QUOTED.sub("", translate(note))
            assert not HAN.search(worded), (note, worded)
    finally:
        i18n.install(qapp, "zh")
    assert translate("no paragraph before this one") == "此前没有款"
    assert translate("target has no 第十条之一") == "所引文件中没有第十条之一"
