"""reader.core.lineage: which documents are versions of one another, the date and act that
name a version, and which version is current — on the corpus's real version pairs."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.core.lineage import (Identity, VersionEntry, VersionFacts, content_hash,
                                 current_version, number_family, renamed_from, same_lineage,
                                 title_key, version_facts)
from reader.core.pipeline import parse_file


def _law(shared_dir: Path, name: str):  # noqa: ANN202
    (path,) = (shared_dir / "corpus" / "laws").rglob(name)
    (doc,) = parse_file(path)
    return doc


@pytest.mark.parametrize("name, label, in_force", [
    ("公司法(2018-10-26).md", "2018年10月26日修正", date(2018, 10, 26)),
    ("公司法(2023-12-29).md", "2023年12月29日修订", date(2024, 7, 1)),
    ("反洗钱法(2006-10-31).md", "2006年10月31日通过", date(2007, 1, 1)),
    ("反洗钱法(2024-11-08).md", "2024年11月8日修订", date(2025, 1, 1)),
])
def test_version_facts_from_the_headnote(shared_dir: Path, name: str, label: str, in_force: date) -> None:
    doc = _law(shared_dir, name)
    facts = version_facts(doc.front_matter, doc.issued, doc.effective)
    assert facts.label == label
    # the 2018 text still says 本法自2006年1月1日起施行: a version is never in force before it was made
    assert facts.effective == in_force


def test_versions_of_one_law_are_one_lineage_and_others_are_not(shared_dir: Path) -> None:
    old, new = _law(shared_dir, "公司法(2018-10-26).md"), _law(shared_dir, "公司法(2023-12-29).md")
    other = _law(shared_dir, "反洗钱法(2006-10-31).md")
    ident = lambda d: Identity(d.title, d.doc_number, d.issuer)  # noqa: E731
    assert same_lineage(ident(old), ident(new))
    assert not same_lineage(ident(old), ident(other))
    assert content_hash(old) != content_hash(new)


def test_a_renamed_law_continues_the_one_it_repeals(shared_dir: Path) -> None:
    new = _law(shared_dir, "噪声污染防治法(2021-12-24).md")
    closing = "\n".join(n.full_text() for n in list(new.walk())[-6:])
    assert renamed_from(new.title, closing, "中华人民共和国环境噪声污染防治法")
    # a code that repeals other laws is not their next version
    assert not renamed_from("中华人民共和国民法典", "《中华人民共和国婚姻法》…同时废止。", "中华人民共和国婚姻法")
    # repealing is what makes the successor, not a similar title alone
    assert not renamed_from(new.title, "本法自2022年6月5日起施行。", "中华人民共和国环境噪声污染防治法")


def test_title_and_number_rules() -> None:
    assert title_key("中华人民共和国公司法（2018年修正）") == title_key("公司法")
    assert title_key("XX条例（试行）") != title_key("XX条例")  # 试行 is part of the title
    assert number_family("穗府办〔2020〕12号") == number_family("穗府办〔2023〕5号") != number_family("穗府〔2023〕5号")
    same = Identity("关于加强安全生产工作的通知", "穗府办〔2020〕12号", "广州市人民政府办公厅")
    assert same_lineage(same, Identity("关于加强安全生产工作的通知", "穗府办〔2023〕1号", None))
    assert not same_lineage(same, Identity("关于加强安全生产工作的通知", "粤府办〔2023〕1号", None))
    assert not same_lineage(same, Identity("关于加强安全生产工作的通知", None, "深圳市人民政府办公厅"))


def test_current_is_the_newest_in_force() -> None:
    def entry(id_: str, made: date | None, start: date | None, order: int) -> VersionEntry:
        return VersionEntry(id_, VersionFacts(made, "修订", start), order)

    v2018 = entry("a", date(2018, 10, 26), date(2018, 10, 26), 1)
    v2023 = entry("b", date(2023, 12, 29), date(2024, 7, 1), 2)
    assert current_version([v2018, v2023], date(2026, 1, 1)) == "b"
    assert current_version([v2023, v2018], date(2024, 1, 1)) == "a"  # adopted, not yet in force
    assert current_version([v2023], date(2024, 1, 1)) == "b"  # none in force yet: the newest
    corrected = entry("c", date(2023, 12, 29), date(2024, 7, 1), 3)
    assert current_version([v2018, v2023, corrected], date(2026, 1, 1)) == "c"  # later import wins a tie
    undated = entry("d", None, None, 4)
    assert current_version([v2018, undated], date(2026, 1, 1)) == "a"


def test_a_list_of_amending_acts_names_the_latest(shared_dir: Path) -> None:
    """刑法's 题注 lists its amending acts in one sentence (根据D1通过的《…》、D2通过的《…》…
    和D3通过的《刑法修正案（十一）》修正): the version is named by the last of them."""
    (doc,) = parse_file(shared_dir / "realdocs" / "pdf" / "刑法-2020-书籍排版.pdf")
    facts = version_facts(doc.front_matter, doc.issued, doc.effective)
    assert facts.label == "2020年12月26日修正"
    assert doc.issued == date(1979, 7, 1)  # the first adoption is still the issue date
