"""Word files whose body is an altChunk (the national law database's downloads), and zip bombs.

The real downloads (../shared/realdocs/docx) are scored against the same law in the corpus
(tests/realdocs_tools.py); small packages built here cover the rest: an MHT chunk in GBK
with quoted-printable encoding between ordinary paragraphs, an HTML chunk, a chunk whose
part is missing, and archives that would inflate to hundreds of MB.
"""
from __future__ import annotations

import io
import quopri
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from reader.core.errors import ImportFailure
from reader.core.importers import load_bytes
from reader.core.importers.docx import MAX_UNZIPPED, check_zip_budget
from reader.core.model import NodeKind
from reader.core.pipeline import parse_file, parse_source
from tests.realdocs_tools import score_real

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_AF_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def _real(shared_dir: Path, name: str) -> Path:
    path = shared_dir / "realdocs" / "docx" / f"中华人民共和国{name}.docx"
    if not path.is_file():
        pytest.skip(f"{path.name} missing")
    return path


# --- the real downloads -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["民法典", "立法法", "行政处罚法", "证券法"])
def test_real_altchunk_laws_match_the_corpus(shared_dir: Path, name: str) -> None:
    r = score_real(_real(shared_dir, name))
    assert r.titles_ok, (r.titles_found, r.titles_expected)
    s = r.score
    assert s.expected and s.matched == s.expected == s.found, [str(m) for m in s.mismatches[:5]]
    assert s.text_ratio >= 0.99 and s.para_ratio >= 0.99, [str(m) for m in s.mismatches[:5]]


def test_real_national_flag_law(shared_dir: Path) -> None:
    """Every article is found; its 款 differ from the corpus only where the download itself
    prints two 款 as one paragraph (第二条 to 第五条)."""
    r = score_real(_real(shared_dir, "国旗法"))
    assert r.score.matched == r.score.expected == r.score.found == 24
    assert {m.label for m in r.score.mismatches} <= {"第二条", "第三条", "第四条", "第五条", "第七条"}
    doc = parse_file(_real(shared_dir, "国旗法"))[0]
    fifth = next(n for n in doc.walk() if n.label == "第五条")
    assert [n.label for n in fifth.walk() if n.kind is NodeKind.ITEM] == ["（一）", "（二）", "（三）", "（四）"]


def test_real_patent_law_2008_text(shared_dir: Path) -> None:
    """The download is the 2008 text (76 articles, in <pre> blocks); the corpus holds only
    the 2020 revision, so the articles are checked by their numbering."""
    doc = parse_file(_real(shared_dir, "专利法"))[0]
    assert doc.title == "中华人民共和国专利法" and doc.kind == "法律"
    articles = [n.number for n in doc.walk() if n.kind is NodeKind.ARTICLE]
    assert articles == list(range(1, 77))
    chapters = [n.heading for n in doc.walk() if n.kind is NodeKind.CHAPTER]
    assert len(chapters) == 8 and chapters[0].replace(" ", "") == "总则"
    assert "目录" not in "\n".join(n.text for n in doc.walk())


# --- synthetic packages -----------------------------------------------------------------------

def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx(body: str, parts: dict[str, tuple[str, bytes]], rels: dict[str, str]) -> bytes:
    """A minimal package: document.xml with ``body``, extra parts {name: (type, bytes)},
    relationships {id: target}."""
    overrides = "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, (t, _) in parts.items())
    rel_xml = "".join(f'<Relationship Id="{i}" Type="{_AF_CHUNK}" Target="/{t}"/>' for i, t in rels.items())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            f'wordprocessingml.document.main+xml"/>{overrides}</Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'))
        z.writestr("word/document.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>{body}'
            '</w:body></w:document>'))
        z.writestr("word/_rels/document.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rel_xml}</Relationships>'))
        for name, (_, data) in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _mht(html: str, charset: str) -> bytes:
    body = quopri.encodestring(html.encode(charset)).decode("ascii")
    return (f'MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; boundary="=b"\r\n\r\n'
            f'--=b\r\nContent-Type: text/html; charset="{charset}"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
            f'Content-Location: file:///C:/x.htm\r\n\r\n{body}\r\n--=b--\r\n').encode("ascii")


_CHUNK_HTML = ("<html><head><meta charset='gb2312'></head><body>"
               "<p>第一条　为了规范示例，<br>制定本办法。第二条　本办法自公布之日起施行。</p>"
               "<table><tr><td>类别</td><td>时限</td></tr><tr><td>甲</td><td>7日</td></tr></table></body></html>")


def test_mht_chunk_is_spliced_between_paragraphs() -> None:
    body = (_paragraph("示例办法") + f'<w:altChunk r:id="c1"/>' + _paragraph("附件：示例表"))
    data = _docx(body, {"word/afchunk.mht": ("message/rfc822", _mht(_CHUNK_HTML, "gb2312"))},
                 {"c1": "word/afchunk.mht"})
    src = load_bytes("示例.docx", data)
    assert src.lines == ["示例办法", "第一条　为了规范示例，制定本办法。", "第二条　本办法自公布之日起施行。",
                         "类别\t时限", "甲\t7日", "附件：示例表"]
    doc = parse_source(src)[0]
    assert doc.title == "示例办法"
    assert [n.label for n in doc.walk() if n.kind is NodeKind.ARTICLE] == ["第一条", "第二条"]


def test_html_chunk_and_missing_chunk() -> None:
    html = "<html><body><h1>示例规定</h1><p>第一条　本规定适用于示例。</p></body></html>"
    body = '<w:altChunk r:id="c1"/><w:altChunk r:id="gone"/>'
    data = _docx(body, {"word/chunk.htm": ("text/html", html.encode("utf-8"))}, {"c1": "word/chunk.htm"})
    src = load_bytes("示例.docx", data)
    assert src.lines == ["示例规定", "第一条　本规定适用于示例。"]
    assert any("altChunk" in w for w in src.meta["warnings"])  # type: ignore[union-attr]


def test_unreadable_chunk_is_a_warning_beside_other_text_and_the_reason_alone() -> None:
    empty_archive = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b--\r\n'
    parts = {"word/afchunk.mht": ("message/rfc822", empty_archive)}
    src = load_bytes("a.docx", _docx(_paragraph("第一条　本办法适用于示例。") + '<w:altChunk r:id="c1"/>',
                                     parts, {"c1": "word/afchunk.mht"}))
    assert src.lines == ["第一条　本办法适用于示例。"]
    assert any("afchunk.mht was left out" in w for w in src.meta["warnings"])  # type: ignore[union-attr]
    with pytest.raises(ImportFailure, match="no web page"):
        load_bytes("b.docx", _docx('<w:altChunk r:id="c1"/>', parts, {"c1": "word/afchunk.mht"}))


def test_docx_with_only_an_empty_chunk_is_refused() -> None:
    data = _docx('<w:altChunk r:id="c1"/>', {"word/c.htm": ("text/html", b"<html><body> </body></html>")},
                 {"c1": "word/c.htm"})
    with pytest.raises(ImportFailure, match="no text"):
        load_bytes("空.docx", data)


# --- zip bombs ----------------------------------------------------------------------------------

def _bomb(size: int, lie: bool = False) -> bytes:
    """A .docx-looking zip whose one member inflates to ``size`` zero bytes; with ``lie``
    its headers claim 1 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(block)
    data = buffer.getvalue()
    if lie:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
        true_size = info.file_size.to_bytes(8, "little")
        data = data.replace(true_size, (1024).to_bytes(8, "little"))
    return data


def test_zip_bomb_is_refused_before_it_is_read() -> None:
    bomb = _bomb(MAX_UNZIPPED + (16 << 20))
    assert len(bomb) < 1 << 20  # under a megabyte on disk
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailure, match="zip bomb"):
            load_bytes("bomb.docx", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 << 20, f"{peak / 2**20:.0f} MB"


class _Understating(zipfile.ZipFile):
    """An archive whose directory claims every member is one byte long."""

    def infolist(self) -> list[zipfile.ZipInfo]:
        infos = []
        for info in super().infolist():
            claim = zipfile.ZipInfo(info.filename, info.date_time)
            claim.file_size = 1
            infos.append(claim)
        return infos


def test_inflated_bytes_are_counted_not_the_declared_sizes() -> None:
    with _Understating(io.BytesIO(_bomb(8 << 20))) as z:
        assert sum(i.file_size for i in z.infolist()) < 10
        with pytest.raises(ImportFailure, match="zip bomb"):
            check_zip_budget("x.docx", z, budget=4 << 20)
        check_zip_budget("x.docx", z, budget=16 << 20)  # within budget: accepted


def test_archive_with_understated_sizes_is_refused_in_little_memory() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailure, match="corrupt|zip bomb"):
            load_bytes("liar.docx", _bomb(MAX_UNZIPPED + (16 << 20), lie=True))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 << 20, f"{peak / 2**20:.0f} MB"
