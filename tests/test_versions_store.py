"""Versions in the library: an amended text becomes a version of the document already
there, the current one is the newest in force, the notes follow it (or are orphaned, never
misplaced), identical text changes nothing, old versions stay readable and searchable,
removing a version loses no note, and a library from before versions opens intact."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.model import NodeKind
from reader.store.library import Library, Span
from tests.old_libraries import library_at_schema

LAWS = "corpus/laws/民法商法"


def _copy(shared_dir: Path, tmp_path: Path, name: str, folder: str = LAWS) -> Path:
    target = tmp_path / "in" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(shared_dir / folder / name, target)
    return target


@pytest.fixture
def company(shared_dir: Path, tmp_path: Path, library: Library):
    """公司法 2018 imported, with a note on the first words of every article's first 款."""
    old_file = _copy(shared_dir, tmp_path, "公司法(2018-10-26).md")
    report = library.import_files([old_file])
    (old,) = report.added
    doc = library.document(old.id)
    notes = {}
    for art in (n for n in doc.walk() if n.kind == NodeKind.ARTICLE):
        para = art.children[0] if art.children else art
        if len(para.text) >= 12:
            ann = library.annotations.add(old.id, para.id, Span(quote=para.text[2:12]), note=art.label)
            notes[ann.id] = (para.id, para.text[2:12])
    return library, old.id, notes, _copy(shared_dir, tmp_path, "公司法(2023-12-29).md")


def test_amended_law_becomes_a_version_and_the_notes_follow(company) -> None:
    library, old_id, notes, new_file = company
    report = library.import_files([new_file])
    assert not report.added and not report.duplicates
    (added,) = report.versions
    assert added.current and added.previous == old_id and added.label == "2023年12月29日修订"
    versions = library.versions.list(old_id)
    assert [v.label for v in versions] == ["2018年10月26日修正", "2023年12月29日修订"]
    assert [v.current for v in versions] == [False, True]
    assert library.versions.current(old_id) == added.id
    assert [d.id for d in library.documents()] == [added.id]  # one document, two versions
    assert len(library.documents(all_versions=True)) == 2

    new_doc = library.document(added.id)
    pairs = library.versions.compare(added.id)
    successors: dict[str, set[str]] = {}
    for p in pairs.pairs:
        if p.old and p.new:
            successors.setdefault(p.old.node_id, set()).add(p.new.node_id)
    everything = library.annotations.list(added.id, deleted=None)
    moved = [a for a in everything if not a.orphan]
    orphans = [a for a in everything if a.orphan]
    assert {a.id for a in moved} | {a.id for a in orphans} == set(notes)  # nothing lost
    assert not library.annotations.list(old_id)
    follow = library.versions.follow_notes(added.id)
    assert set(follow) == set(notes)
    assert report.followed and sum(report.followed.values()) == len(notes)
    for ann in moved:
        old_node, quote = notes[ann.id]
        node = new_doc.find(ann.node_id)
        assert node is not None and node.text[ann.start:ann.end] == ann.quote
        outcome = follow[ann.id].outcome
        if outcome in ("unchanged", "moved"):
            assert ann.quote == quote  # the same words …
        article = old_node.split("__")[0]
        # … in the article the old one became (never other words elsewhere)
        assert any(ann.node_id == s or ann.node_id.startswith(s + "__") for s in successors.get(article, ())), \
            (ann.note, ann.node_id, successors.get(article))
    assert {f.outcome for f in follow.values()} >= {"unchanged", "moved"}
    made = library.versions.made_on(next(iter(notes)))
    assert made is not None and made.from_doc == old_id


def test_identical_text_changes_nothing(company, tmp_path: Path) -> None:
    library, old_id, notes, _ = company
    copy = tmp_path / "elsewhere" / "公司法.md"
    copy.parent.mkdir()
    copy.write_text(Path(library.document(old_id).source.file).read_text(encoding="utf-8") + "\n\n",
                    encoding="utf-8")
    before = library.data_version()
    report = library.import_files([copy])
    (same,) = report.unchanged
    assert same.existing == old_id and "nothing changed" in same.reason
    assert not report.added and not report.versions and not report.updated
    assert len(library.versions.list(old_id)) == 1 and len(library.annotations.list(old_id)) == len(notes)
    assert library.data_version() == before


def test_an_older_version_imported_later_does_not_take_over(shared_dir: Path, tmp_path: Path,
                                                            library: Library) -> None:
    new = library.import_files([_copy(shared_dir, tmp_path, "公司法(2023-12-29).md")]).added[0]
    art = library.document(new.id).find("art_1")
    ann = library.annotations.add(new.id, art.id if not art.children else art.children[0].id,
                                  Span(quote="为了规范公司的组织和行为"))
    report = library.import_files([_copy(shared_dir, tmp_path, "公司法(2018-10-26).md")])
    (old,) = report.versions
    assert not old.current and old.label == "2018年10月26日修正"
    assert library.versions.current(old.id) == new.id
    assert library.annotations.get(ann.id).doc_id == new.id and not report.followed


def test_old_versions_are_searched_on_request(company) -> None:
    library, old_id, _, new_file = company
    new_id = library.import_files([new_file]).versions[0].id
    phrase = "公司股东依法享有资产收益、参与重大决策和选择管理者等权利"  # 2018 第四条 wording, reworded in 2023
    assert phrase in library.document(old_id).full_text() and phrase not in library.document(new_id).full_text()
    assert library.search(f'"{phrase}"').total == 0
    hits = library.search(f'"{phrase}"', all_versions=True)
    assert hits.total >= 1 and {h.doc_id for h in hits.hits} == {old_id}
    assert library.search("公司").by_document.keys() == {new_id}


def test_removing_a_version_keeps_every_note(company) -> None:
    library, old_id, notes, new_file = company
    new_id = library.import_files([new_file]).versions[0].id
    library.remove(new_id)  # the current version: the 2018 text is current again
    assert library.versions.current(old_id) == old_id
    kept = library.annotations.list(old_id, deleted=None)
    assert {a.id for a in kept} == set(notes)
    library.import_files([new_file])
    current = library.versions.current(old_id)
    library.remove(old_id)  # an old version with no notes left on it
    assert {a.id for a in library.annotations.list(current, deleted=None)} == set(notes)
    assert [v.id for v in library.versions.list(current)] == [current]


def test_a_renamed_law_is_a_version_of_the_one_it_repeals(shared_dir: Path, tmp_path: Path,
                                                          library: Library) -> None:
    (old,) = library.import_files([_copy(shared_dir, tmp_path, "环境噪声污染防治法(2018-12-29).md",
                                         "corpus/laws/行政法")]).added
    (new,) = library.import_files([_copy(shared_dir, tmp_path, "噪声污染防治法(2021-12-24).md",
                                         "corpus/laws/行政法")]).versions
    assert new.current and library.versions.list(new.id)[0].id == old.id


def test_the_user_can_say_two_documents_are_versions(shared_dir: Path, tmp_path: Path,
                                                     library: Library) -> None:
    a = library.import_files([_copy(shared_dir, tmp_path, "公司法(2018-10-26).md")]).added[0]
    b = library.import_files([_copy(shared_dir, tmp_path, "公司法(2023-12-29).md")]).versions[0]
    library.remove(b.id)
    doc = library.document(a.id)
    renamed = tmp_path / "renamed.md"
    text = Path(doc.source.file).read_text(encoding="utf-8").replace("中华人民共和国公司法", "中华人民共和国公司条例", 1)
    renamed.write_text(text.replace("第一条", "第一条　（改）", 1), encoding="utf-8")
    (c,) = library.import_files([renamed]).added  # another title: another document …
    library.versions.join(c.id, into=a.id)  # … until the user says so
    assert {v.id for v in library.versions.list(a.id)} == {a.id, c.id}
    with pytest.raises(Exception, match="already versions"):
        library.versions.join(c.id, into=a.id)


def test_a_library_from_before_versions_opens_with_its_notes(tmp_path: Path) -> None:
    folder = tmp_path / "old-library"
    conn = library_at_schema(folder, 3)
    conn.execute("INSERT INTO documents (id, title, kind, issued, source_file, source_sha256,"
                 " source_format, front_matter, imported, updated) VALUES ('doc_a', '中华人民共和国测试法',"
                 " '法律', '2001-01-01', '/x.md', 'abc', 'md', '2001年1月1日 第九届全国人民代表大会常务委员会"
                 "第一次会议通过\n2010年5月1日 第十一届全国人民代表大会常务委员会第二次会议修正',"
                 " '2026-01-01', '2026-01-01')")
    conn.execute("INSERT INTO nodes (doc_id, node_id, parent_id, ord, kind, label, number, text)"
                 " VALUES ('doc_a', 'art_1', NULL, 0, 'article', '第一条', 1, '为了测试，制定本法。')")
    conn.execute("INSERT INTO annotations (id, doc_id, node_id, span_start, span_end, quote, kind,"
                 " created, modified) VALUES ('n1', 'doc_a', 'art_1', 3, 5, '测试', 'highlight', 'x', 'x')")
    conn.close()
    with Library.open(folder) as library:
        (version,) = library.versions.list("doc_a")
        assert version.current and version.label == "2010年5月1日修正"
        assert library.annotations.get("n1").quote == "测试"
        assert [d.id for d in library.documents()] == ["doc_a"]


CITING = """广州市公司登记管理若干规定

（2019年5月1日广州市人民政府发布）

第一条　为了规范公司登记，根据《中华人民共和国公司法》第十六条和第二百零四条，制定本规定。

第二条　本规定自发布之日起施行。
"""


def test_references_across_versions(company, tmp_path: Path, capsys) -> None:
    """本法第X条 stays within its own version; another document citing an older version's
    article is flagged with where that article is in the current version."""
    library, old_id, _notes, new_file = company
    new_id = library.import_files([new_file]).versions[0].id
    for version in (old_id, new_id):
        internal = [r for r in library.refs.list(version) if r.resolved and r.target_doc_id == version]
        assert internal and all(r.target_doc_id == version for r in library.refs.list(version)
                                if r.text.startswith("本法第"))
    citing = tmp_path / "citing.txt"
    citing.write_text(CITING, encoding="utf-8")
    (doc,) = library.import_files([citing]).added
    refs = {r.text: r for r in library.refs.list(doc.id) if r.resolved and r.target_doc_id in (old_id, new_id)}
    to_16 = next(r for t, r in refs.items() if "第十六条" in t)
    assert to_16.target_doc_id == old_id  # written in 2019: the 2018 text is what it cites
    now = library.versions.cited_now(to_16.target_doc_id, to_16.target_node_id)
    assert now is not None and now.doc_id == new_id and now.flagged
    assert (now.status, now.old_label, now.new_label) == ("moved", "第十六条", "第十五条")
    assert library.versions.cited_now(new_id, "art_15") is None  # a citation of the current text
    from reader.cli import main

    assert main(["--library", str(library.folder), "refs", doc.id]) == 0
    assert "current version: moved, now 第十五条" in capsys.readouterr().out


def test_a_text_without_its_headnote_is_placed_by_when_it_takes_effect(company, tmp_path: Path) -> None:
    """A copy of the 2023 公司法 without its 题注 is still the newer version: its own
    本法自2024年7月1日起施行 says when it took effect."""
    library, old_id, _notes, new_file = company
    text = new_file.read_text(encoding="utf-8")
    bare = tmp_path / "公司法-无题注.md"
    bare.write_text(text[:text.index("\n")] + "\n\n" + text[text.index("<!-- INFO END -->"):], encoding="utf-8")
    (version,) = library.import_files([bare]).versions
    assert version.current and version.previous == old_id
    assert [v.id for v in library.versions.list(old_id)] == [old_id, version.id]
