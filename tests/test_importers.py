"""Importers: encodings, bad input, Markdown laws (incl. the whole corpus), Word files."""
from __future__ import annotations

import codecs
import datetime as dt
import io
import os
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from reader.core.errors import ImportFailure
from reader.core.importers import SUPPORTED, SourceText, load, load_bytes
from reader.core.importers.markdown import parse_markdown
from reader.core.importers.numbering import format_number
from reader.core.importers.txt import UTF8_GOOD_PER_BAD, utf8_quality

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "laws"
SEEDS = SHARED / "seeds"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus/laws not present")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not present")

REGULATION = (
    "广州市人民政府令\n"
    "第190号\n"
    "第一条　为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，制定本办法。\n"
    "第二条　本办法所称行政处罚，是指行政机关依法对违反行政管理秩序的公民、法人\n"
    "或者其他组织，以减损权益或者增加义务的方式予以惩戒的行为。\n"
    "（一）警告、通报批评；\n"
    "（二）罚款、没收违法所得、没收非法财物；\n"
    "第三条 本办法自2022年10月1日起施行。有效期5年。\n"
)
REGULATION_LINES = REGULATION.split("\n")[:-1]


def failure(path: str | Path, data: bytes | None = None) -> str:
    """The reason load (or load_bytes) gives for refusing the input."""
    with pytest.raises(ImportFailure) as info:
        if data is None:
            load(path)
        else:
            load_bytes(str(path), data)
    assert info.value.path == str(path)
    return info.value.reason


# ---------------------------------------------------------------- plain text: encodings

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "utf-16-le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings_round_trip_to_the_same_lines(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"reg-{encoding}.txt"
    data = ENCODINGS[encoding](REGULATION)
    path.write_bytes(data)
    src = load(path)
    assert isinstance(src, SourceText)
    assert src.lines == REGULATION_LINES
    assert src.format == "txt" and src.hard_breaks is False
    assert src.path == str(path)
    assert src.sha256 == __import__("hashlib").sha256(data).hexdigest()
    expected = {"gbk": "gb18030"}.get(encoding, encoding)
    assert src.meta["encoding"] == expected


def test_path_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(REGULATION, encoding="utf-8")
    assert load("a.txt").path == "a.txt"


def test_utf8_is_tried_before_gbk() -> None:
    # The UTF-8 bytes of 中文 are also valid GB18030 (涓枃): UTF-8 must win.
    data = "中文\n".encode()
    data.decode("gb18030")
    assert load_bytes("a.txt", data).lines == ["中文"]


def test_gbk_is_not_mistaken_for_utf8() -> None:
    text = "行政处罚法\n第一条 为了规范行政处罚的设定和实施。\n" * 50
    src = load_bytes("a.txt", text.encode("gbk"))
    assert src.meta["encoding"] == "gb18030"
    assert "\n".join(src.lines) + "\n" == text


def test_newlines_are_normalised() -> None:
    text = "一\r\n二\r三\n四\u2028五\u2029六\x0c七"
    assert load_bytes("a.txt", text.encode()).lines == list("一二三四五六七")


def test_blank_lines_are_kept_for_the_paragraph_parser() -> None:
    assert load_bytes("a.txt", "甲\n\n乙\n".encode()).lines == ["甲", "", "乙"]


@needs_seeds
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seeds_load_untouched(name: str) -> None:
    data = (SEEDS / name).read_bytes()
    src = load(SEEDS / name)
    assert src.meta == {"encoding": "utf-8"}  # no warnings: nothing replaced
    assert src.lines == expected_lines(data.decode("utf-8"))


@needs_seeds
def test_seed_private_use_characters_survive() -> None:
    src = load(SEEDS / "003_d2bd9f2bf5d49910.txt")
    assert any("\U001001b0" in line for line in src.lines)


def test_stray_bytes_in_utf8_are_replaced_not_garbling_the_rest() -> None:
    good = (REGULATION * 20).encode()
    a, b = good.index(b"\n", 300) + 1, good.index(b"\n", 600) + 1  # between characters
    data = good[:a] + b"\xff" + good[a:b] + b"\xc0" + good[b:]
    src = load_bytes("a.txt", data)
    assert src.meta["encoding"] == "utf-8"
    assert "2 invalid UTF-8" in src.meta["warnings"][0]
    text = "\n".join(src.lines)
    assert text.count("\ufffd") == 2
    assert text.replace("\ufffd", "") + "\n" == REGULATION * 20


def test_large_file_loads_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = "第一条　为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理。\n"
    data = (line * (20_000_000 // len(line.encode()))).encode()
    path.write_bytes(data)
    start = time.perf_counter()
    src = load(path)
    assert time.perf_counter() - start < 20
    assert len(src.lines) == data.count(b"\n")


# ---------------------------------------------------------------- plain text: refusals

def test_empty_files_are_refused(tmp_path: Path) -> None:
    assert failure(tmp_path / "a.txt", b"") == "file is empty"
    assert failure(tmp_path / "a.txt", " \r\n\t\u3000\n".encode()) == "file is empty"
    assert failure(tmp_path / "a.txt", codecs.BOM_UTF8) == "file is empty"
    assert failure(tmp_path / "a.md", b"\n\n") == "file is empty"
    (tmp_path / "empty.txt").write_bytes(b"")
    assert failure(tmp_path / "empty.txt") == "file is empty"


def test_binary_files_are_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    assert "PNG image" in failure(tmp_path / "a.txt", png)
    noise = bytes(range(256)) * 4
    assert "binary" in failure(tmp_path / "a.txt", noise)
    assert "NUL" in failure(tmp_path / "a.txt", "条例".encode() + b"\x00" * 10)
    controls = ("第一条" + "\x01\x02\x03\x04") * 50
    assert "control characters" in failure(tmp_path / "a.txt", controls.encode())
    assert "PDF" in failure(tmp_path / "a.txt", b"%PDF-1.4\n\xe2\xe3\xcf\xd3\n1 0 obj")


def test_undecodable_text_is_refused(tmp_path: Path) -> None:
    data = "第一条".encode("gbk") + b"\xff\xfe\x80" + b"abc"
    reason = failure(tmp_path / "a.txt", data[2:])
    assert reason.startswith("cannot decode text")
    assert "UTF-8" in reason and "GB18030" in reason


def test_bad_utf16_after_bom_is_refused(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "条例".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    assert "UTF-16-LE" in failure(tmp_path / "a.txt", data)


def test_missing_file(tmp_path: Path) -> None:
    assert failure(tmp_path / "nope.txt") == "file not found"
    assert failure(tmp_path / "nope.pdf") == "file not found"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    assert failure(tmp_path / "dir.md") == "is a directory"
    assert failure(tmp_path) == "is a directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("条例", encoding="utf-8")
    path.chmod(0)
    assert failure(path).startswith("cannot read file (Permission denied")


@pytest.mark.parametrize("suffix", [".pptx", ".odt", ".xlsx", ".XLS", ".rtf"])
def test_unsupported_formats_are_refused_by_name(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"规定{suffix}"
    path.write_bytes(b"whatever")
    assert failure(path) == (f"unsupported format '{suffix.lower()}' "
                             f"(supported: {', '.join(SUPPORTED)})")
    assert str(path) in str(pytest.raises(ImportFailure, load, path).value)


def test_files_without_a_suffix_are_read_as_text(tmp_path: Path) -> None:
    for name in ("README", "办法(2021.1.22)"):
        path = tmp_path / name
        path.write_text(REGULATION, encoding="utf-8")
        assert load(path).lines == REGULATION_LINES


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "REG.TXT"
    path.write_text(REGULATION, encoding="utf-8")
    assert load(path).format == "txt"


def test_old_doc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "通知.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert failure(path) == "old .doc format is not supported; save as .docx"


# ---------------------------------------------------------------- plain text: properties

BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BOMS), st.binary(max_size=400))
def test_arbitrary_bytes_load_or_fail_cleanly(bom: bytes, data: bytes) -> None:
    try:
        src = load_bytes("fuzz.txt", bom + data)
    except ImportFailure as exc:
        assert exc.reason
    else:
        assert all(isinstance(line, str) for line in src.lines)
        assert any(line.strip() for line in src.lines)


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(list("\n\r\t第一条款项章节，。；：、（）《》　")),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    ),
    min_size=1,
)


def expected_lines(text: str) -> list[str]:
    """Independent statement of the newline rule: CRLF, CR, LF, U+2028, U+2029."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    return lines[:-1] if lines[-1] == "" else lines


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "gb18030"]))
def test_any_text_round_trips_in_each_encoding(text: str, encoding: str) -> None:
    assume(text.strip())
    assume(not text.startswith("\ufeff"))  # would read as a BOM
    data = ENCODINGS[encoding](text)
    if encoding == "gb18030":
        # GB18030 bytes that are also (nearly) valid UTF-8 are read as UTF-8, by design.
        good, bad = utf8_quality(data)
        assume(bad and good < UTF8_GOOD_PER_BAD * bad)
    assert load_bytes("a.txt", data).lines == expected_lines(text)


# ---------------------------------------------------------------- Markdown

MD = """# 某某市物业管理条例

2020年9月29日 某某市第十五届人民代表大会常务委员会第三十次会议通过
2021年1月1日 施行

<!-- INFO END -->

## 第一章 总则

### 第一节 一般规定

第一条 为了规范**物业管理**活动，制定本条例。{BREAK}
第二条 本条例适用于本市。<!-- 注释 -->

<!-- TABLE -->
| 项目 | 标准 |
|-----|-----|
| 物业费 | 每月 2 元 |
<!-- TABLE END -->

## 第二章 附则

第三条 填写：________ 本条例自2021年1月1日起施行。
""".replace("{BREAK}", "  ")  # a trailing two-space Markdown line break


def test_markdown_structure_and_marks_removed() -> None:
    src = parse_markdown(MD, path="x.md")
    assert src.lines == [
        "第一章 总则",
        "第一节 一般规定",
        "第一条 为了规范物业管理活动，制定本条例。",
        "第二条 本条例适用于本市。",
        "项目\t标准",
        "物业费\t每月 2 元",
        "第二章 附则",
        "第三条 填写：________ 本条例自2021年1月1日起施行。",
    ]
    assert src.headings == {0: 1, 1: 2, 6: 1}
    assert src.hard_breaks is True and src.format == "md"
    meta = src.meta
    assert meta["title"] == "某某市物业管理条例"
    assert meta["history"] == [
        "2020年9月29日 某某市第十五届人民代表大会常务委员会第三十次会议通过",
        "2021年1月1日 施行",
    ]
    assert meta["issuer"] == "某某市人民代表大会常务委员会"
    assert meta["issued"] == dt.date(2020, 9, 29)
    assert meta["effective"] == dt.date(2021, 1, 1)
    assert meta["amended"] == []


def test_markdown_without_info_end_and_relative_heading_depth() -> None:
    text = "# 办法\n\n#### 第一章 总则\n\n第一条 本办法自公布之日起施行。\n"
    src = parse_markdown(text, "办法.md")
    assert src.meta["title"] == "办法" and src.meta["history"] == []
    assert src.lines == ["第一章 总则", "第一条 本办法自公布之日起施行。"]
    assert src.headings == {0: 1}
    assert src.meta["issued"] is None and src.meta["effective"] is None


def test_markdown_without_title_uses_the_file_name() -> None:
    src = parse_markdown("第一条 内容。\n", "/tmp/某某规定(2021-03-01).md")
    assert src.meta["title"] == "某某规定(2021-03-01)"
    assert src.meta["issued"] == dt.date(2021, 3, 1)  # the publication date in the name


def test_markdown_in_gbk_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "条例.md"
    path.write_bytes(MD.encode("gbk"))
    assert load(path).meta["title"] == "某某市物业管理条例"


def law(relative: str) -> SourceText:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"{relative} not in the corpus")
    return load(path)


@needs_corpus
def test_corpus_constitution() -> None:
    src = law("宪法/宪法.md")
    m = src.meta
    assert m["title"] == "中华人民共和国宪法"
    assert len(m["history"]) == 7
    assert m["issuer"] == "全国人民代表大会"
    assert m["issued"] == dt.date(1982, 12, 4)
    assert m["effective"] == dt.date(1982, 12, 4)
    assert m["amended"] == [dt.date(1988, 4, 12), dt.date(1993, 3, 29), dt.date(1999, 3, 15),
                            dt.date(2004, 3, 14), dt.date(2018, 3, 11)]
    assert src.lines[0] == "序言" and src.headings[0] == 1
    assert set(src.headings.values()) == {1, 2}  # 章 and 节
    assert not any("FORCE BREAK" in line or "<!--" in line for line in src.lines)


@needs_corpus
def test_corpus_criminal_law_three_heading_levels() -> None:
    src = law("刑法/刑法.md")
    assert src.lines[0] == "第一编 总则" and src.headings[0] == 1
    assert src.headings[1] == 2 and src.lines[1].startswith("第一章")
    assert set(src.headings.values()) == {1, 2, 3}
    m = src.meta
    assert m["issued"] == dt.date(1979, 7, 1)
    assert dt.date(1997, 3, 14) in m["amended"] and dt.date(2023, 12, 29) in m["amended"]
    assert len(m["amended"]) == 15


@needs_corpus
def test_corpus_law_with_amendments() -> None:
    m = law("行政法/行政处罚法(2021-01-22).md").meta
    assert m["issuer"] == "全国人民代表大会"
    assert m["issued"] == dt.date(1996, 3, 17)
    assert m["amended"] == [dt.date(2009, 8, 27), dt.date(2017, 9, 1), dt.date(2021, 1, 22)]
    assert m["effective"] == dt.date(2021, 7, 15)


@needs_corpus
def test_corpus_judicial_interpretation_joint_adoption() -> None:
    src = law("司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定（四）"
              "(2009-10-14).md")
    m = src.meta
    assert m["issuer"] == "最高人民法院审判委员会、最高人民检察院检察委员会"
    assert m["issued"] == dt.date(2009, 9, 21)
    assert m["promulgated"] == dt.date(2009, 10, 14)
    assert m["effective"] == dt.date(2009, 10, 16)
    rows = [line for line in src.lines if "\t" in line]
    assert rows[0] == "刑法条文\t罪名" and len(rows) == 14  # two tables, header rules dropped


@needs_corpus
def test_corpus_state_council_regulation_and_notice() -> None:
    m = law("行政法规/工资支付暂行规定(1994-12-06).md").meta
    assert m["doc_number"] == "劳部发〔1994〕489号"
    assert m["issuer"] == "劳动部" and m["issued"] == dt.date(1994, 12, 6)
    assert m["effective"] == dt.date(1995, 1, 1)


@needs_corpus
def test_corpus_civil_code_book_title() -> None:
    src = law("民法典/总则.md")
    assert src.meta["title"] == "中华人民共和国民法典·总则"
    assert src.meta["subtitle"] == "总则"
    assert src.meta["effective"] == dt.date(2021, 1, 1)


@needs_corpus
def test_every_corpus_file_loads() -> None:
    files = sorted(CORPUS.rglob("*.md"))
    assert len(files) >= 1500
    missing = {"issuer": 0, "issued": 0, "effective": 0}
    start = time.perf_counter()
    for path in files:
        src = load(path)
        assert src.format == "md" and src.hard_breaks
        assert src.meta["title"] and src.lines, path
        assert all(line and line == line.strip() for line in src.lines), path
        assert all(0 <= i < len(src.lines) and d >= 1 for i, d in src.headings.items()), path
        if src.headings:
            assert min(src.headings.values()) == 1
        for key in missing:
            missing[key] += src.meta[key] is None
        assert all(isinstance(d, dt.date) for d in src.meta["amended"])
        _assert_text_kept(path, src)
    assert time.perf_counter() - start < 20
    # Measured on the 1,510 files: issued 0, issuer 62, effective 126 missing (files whose
    # history is empty or silent and whose body states no 施行 date).
    assert missing["issued"] <= 5
    assert missing["issuer"] <= 80
    assert missing["effective"] <= 150


def _assert_text_kept(path: Path, src: SourceText) -> None:
    """Every body character other than Markdown marks reaches the lines, in order."""
    raw = path.read_text(encoding="utf-8")
    body = raw.split("<!-- INFO END -->", 1)[1] if "<!-- INFO END -->" in raw else raw
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    body = re.sub(r"(?m)^\|?[-| :]+\|?$|^#+", "", body)
    strip = re.compile(r"[\s|]")
    assert strip.sub("", "".join(src.lines)) == strip.sub("", body), path


# ---------------------------------------------------------------- Word

def make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某某市物业管理条例")
    document.add_paragraph("第一章　总则")
    p = document.add_paragraph("第一条　为了规范物业管理活动，")
    p.add_run("制定本条例。")
    p = document.add_paragraph("第二条　本条例适用于：")
    p.add_run().add_break()
    p.add_run("（一）住宅小区；")
    document.add_paragraph("")  # spacing paragraph
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "标准"
    table.cell(1, 0).text, table.cell(1, 1).text = "物业费", "每月2元"
    document.add_paragraph("第三条　本条例自2021年1月1日起施行。")
    document.save(path)


def test_docx_paragraphs_tables_and_breaks_in_order(tmp_path: Path) -> None:
    path = tmp_path / "条例.docx"
    make_docx(path)
    src = load(path)
    assert src.format == "docx" and src.hard_breaks is True
    assert src.lines == [
        "某某市物业管理条例",
        "第一章　总则",
        "第一条　为了规范物业管理活动，制定本条例。",
        "第二条　本条例适用于：",
        "（一）住宅小区；",
        "项目\t标准",
        "物业费\t每月2元",
        "第三条　本条例自2021年1月1日起施行。",
    ]


def test_docx_tracked_insertions_are_kept_and_deletions_dropped(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("第一条　")
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "x")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "新增内容。"
    run.append(text)
    ins.append(run)
    p._p.append(ins)
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "2")
    deleted.set(qn("w:author"), "x")
    drun = OxmlElement("w:r")
    dtext = OxmlElement("w:delText")
    dtext.text = "删除内容。"
    drun.append(dtext)
    deleted.append(drun)
    p._p.append(deleted)
    path = tmp_path / "t.docx"
    document.save(path)
    assert load(path).lines == ["第一条　新增内容。"]


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    make_docx(good)
    data = good.read_bytes()
    assert "not a zip archive" in failure(tmp_path / "a.docx", b"this is not a zip file")
    assert failure(tmp_path / "a.docx", data[: len(data) // 2])  # truncated
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "not a Word document" in failure(tmp_path / "a.docx", buffer.getvalue())
    assert failure(tmp_path / "a.docx", b"") == "file is empty"


def test_docx_with_damaged_xml_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    make_docx(good)
    buffer = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]
            dst.writestr(item, body)
    assert failure(tmp_path / "a.docx", buffer.getvalue()).startswith("corrupt .docx file")


def test_password_protected_and_renamed_doc_are_refused(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    encrypted = ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    assert "password-protected" in failure(tmp_path / "a.docx", encrypted)
    assert failure(tmp_path / "a.docx", ole) == "old .doc format is not supported; save as .docx"


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(path)
    assert failure(path) == "document contains no text"


def _numbered_docx(path: Path) -> None:
    """Articles numbered by Word: level 0 "第%1条" (chineseCounting), level 1 "（%2）"."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    abstract = etree.fromstring(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\uf0b7"/></w:lvl>'
        "</w:abstractNum>")
    num = etree.fromstring(
        f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(f"{{{w}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        ppr = p._p.get_or_add_pPr()
        numpr = etree.SubElement(ppr, f"{{{w}}}numPr")
        etree.SubElement(numpr, f"{{{w}}}ilvl").set(f"{{{w}}}val", str(level))
        etree.SubElement(numpr, f"{{{w}}}numId").set(f"{{{w}}}val", "90")

    document.add_paragraph("第一章　总则")
    numbered("为了规范管理，制定本办法。", 0)
    numbered("下列情形适用本办法：", 0)
    numbered("住宅；", 1)
    numbered("商业。", 1)
    numbered("要点", 2)
    for _ in range(9):
        numbered("本条。", 0)
    numbered("另一项。", 1)
    document.save(path)


def test_docx_automatic_numbering_is_rendered(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _numbered_docx(path)
    lines = load(path).lines
    assert lines[:6] == [
        "第一章　总则",
        "第一条 为了规范管理，制定本办法。",
        "第二条 下列情形适用本办法：",
        "（一）住宅；",
        "（二）商业。",
        "要点",  # bullets carry no number
    ]
    assert lines[-2:] == ["第十一条 本条。", "（一）另一项。"]  # deeper levels restart


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (15, "chineseCounting", "十五"),
    (20, "chineseCounting", "二十"), (105, "chineseCounting", "一百零五"),
    (110, "chineseCounting", "一百一十"), (1010, "chineseCounting", "一千零一十"),
    (3, "chineseLegalSimplified", "叁"), (2, "ideographTraditional", "乙"),
    (12, "decimalEnclosedCircle", "⑫"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
    (7, "decimal", "7"), (7, "decimalFullWidth", "７"),
])
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected
