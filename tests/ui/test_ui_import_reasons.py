"""Why a file could not be imported, worded in the interface's language: every reason the
importers give, produced by a real failing input, reads as Chinese."""
from __future__ import annotations

import ast
import email.message
import hashlib
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from reader.core import importers
from reader.core.errors import ImportFailure
from reader.core.importers import files, pdf_guard, txt
from reader.ui.import_reasons import translate
from tests.conftest import REPO
from tests.test_pdf_import import _rc4, pdf_bytes

#: What may stay in Latin letters inside a Chinese reason: format, codec and product names,
#: file suffixes and quoted names (a file's own suffix, a part's name).
_KEPT = re.compile(r"'[^']*'|\.\w+|%PDF|[\w.+-]+/[\w.+-]+|Strict Open XML|GB18030/GBK|UTF-\d+(?:-[LB]E)?|"
                   r"\b(?:PDF|BOM|NUL|OCR|Word|Excel|PowerPoint|Office|zip|gzip|PNG|JPEG|GIF|RTF|MB|altChunk)\b")
_LATIN = re.compile(r"[A-Za-z]{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TEXT = [(79.5, 720.0, 16.0, "第一条　正文。")]
_EXCEL = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _docx(**parts: bytes) -> bytes:
    """A real .docx with one paragraph, some of whose parts are replaced by ``parts``."""
    document = docx.Document()
    document.add_paragraph("第一条　正文。")
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, parts.get(name, src.read(name)))
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A member that inflates to 257 MB of zeros, compressed to a few hundred kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(257):
                member.write(bytes(2**20))
    return out.getvalue()


def _mhtml(content_type: str, payload: str) -> bytes:
    message = email.message.EmailMessage()
    message["Subject"] = "page"
    message.add_attachment(payload, subtype=content_type)
    return message.as_bytes()


def _retyped_docx(content_type: bytes) -> bytes:
    """A .docx whose main part is declared to be of another kind (a renamed workbook)."""
    word = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return _docx(**{"[Content_Types].xml": _docx_part("[Content_Types].xml").replace(word, content_type)})


def _docx_part(name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(_docx())) as archive:
        return archive.read(name)


def _no_text_docx() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def _pdf_bomb() -> bytes:
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(bytes(2**20)) for _ in range(8)) + packer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(bomb), bomb)
    return pdf_bytes([_TEXT], extra=(stream,))


def _encrypted_pdf() -> bytes:
    """Standard security handler, revision 2 (40-bit RC4), user password "secret"."""
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    owner = _rc4(hashlib.md5(b"owner" + pad[:27]).digest()[:5], b"secret" + pad[:26])
    file_id = b"0123456789abcdef"
    key = hashlib.md5(b"secret" + pad[:26] + owner + (-44).to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (owner.hex().encode(), _rc4(key, pad).hex().encode())
    ids = file_id.hex().encode()
    return pdf_bytes([_TEXT], extra=(encrypt,), trailer=b"/Encrypt 3 0 R /ID [<%s> <%s>] " % (ids, ids))


def _inputs() -> dict[str, bytes]:
    """File name → contents, each failing to import for another reason."""
    text_pdf = pdf_bytes([_TEXT])
    return {
        "空.txt": b"", "空白.txt": b" \n\t\n",
        "损坏的文件.txt": b"\x00\x01\x02\x03abc\x00\xff",
        "控制字符.txt": b"\x01\x02\x03\x04\x05\x06" * 50 + "第一条".encode(),
        "改名的PDF.txt": text_pdf, "图片.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "乱码.txt": b"\x81\xff" * 30 + b"\x80",
        "坏的BOM.txt": b"\xef\xbb\xbf" + "第一条".encode() + b"\xff\xfe\xfa" * 40,
        "UTF16.txt": b"\xff\xfe" + "第一条".encode("utf-16-le") + b"\x00",
        "代理项.txt": b"\xff\xfe" + "第一条".encode("utf-16-le") + b"\x00\xdc" + "正文".encode("utf-16-le"),
        "旧版.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "加密.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(64),
        "炸弹.docx": _zip_bomb(), "不是zip.docx": b"PK not really a zip" * 10,
        "没有正文.docx": _zip({"readme.txt": b"hello"}), "表格.docx": _retyped_docx(_EXCEL),
        "XML.docx": _retyped_docx(b"application/xml"),
        "损坏.docx": _docx(**{"word/document.xml": b"<w:document><unclosed"}),
        "空文档.docx": _no_text_docx(), "空.docx": b"",
        "坏页.pdf": pdf_bytes([_TEXT, _TEXT]).replace(b"/Kids [4 0 R 6 0 R]", b"/Kids [4 0 R 1 0 R]"),
        "截断.pdf": text_pdf[: len(text_pdf) // 2], "假的.pdf": b"<html>not a pdf</html>" * 10,
        "扫描.pdf": pdf_bytes([[], []], images=frozenset({0, 1})), "空白页.pdf": pdf_bytes([[], []]),
        "乱码.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n",
        "加密.pdf": _encrypted_pdf(), "炸弹.pdf": _pdf_bomb(), "页数多.pdf": pdf_bytes([_TEXT] * 3),
        "导航.html": b"<html><head><title>t</title></head><body><img src='a.png'></body></html>",
        "空.html": b"   ", "注释.html": b"<!-- text -->",
        "没有网页.mhtml": _mhtml("plain", "正文"), "空网页.mhtml": _mhtml("html", " "), "表格.xlsx": b"PK",
    }


def core_reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """File name → the reason the core gives, for every kind of failing input."""
    monkeypatch.setattr(pdf_guard, "MAX_INFLATED", 4 * 2**20)
    monkeypatch.setattr(pdf_guard, "MAX_PAGES", 2)
    reasons = {}
    for name, data in _inputs().items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "文件夹.txt").mkdir()
    os.mkfifo(tmp_path / "管道.txt")
    paths = [*sorted(tmp_path.iterdir()), tmp_path / "不存在.txt", "名字\x00.txt"]
    for path in paths:
        with pytest.raises(ImportFailure) as info:
            importers.load(path)
        reasons[Path(path).name] = info.value.reason
    monkeypatch.setattr(files, "MAX_BYTES", 4)
    with pytest.raises(ImportFailure) as info:
        importers.load(tmp_path / "控制字符.txt")
    reasons["太大.txt"] = info.value.reason
    # the operating system's refusals (this test may run as root, who is never refused)
    reasons |= {"不可读.txt": "cannot read file (Permission denied)", "不可读文件夹": "cannot read folder (Permission denied)",
                "库.txt": "Permission denied", "无文档.txt": "no document found in the file"}
    return reasons


def _reason_sources() -> list[ast.AST]:
    """What a reason is built from: the second argument of every ``ImportFailure(path, …)``,
    the helper called there (``_open_reason``) and the name given there (``too_big``)."""
    sources: list[ast.AST] = []
    for path in [*(REPO / "reader" / "core").rglob("*.py"), *(REPO / "reader" / "store").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assigned = {t.id: n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                    for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ImportFailure"
                    and len(node.args) == 2):
                arg = node.args[1]
                sources += [s for s in (arg, functions.get(getattr(getattr(arg, "func", None), "id", "")),
                                        assigned.get(getattr(arg, "id", ""))) if s is not None]
    return sources


def literal_reasons() -> set[str]:
    """Every whole reason written as a plain string: given to ``ImportFailure`` or returned by
    a helper that words one."""
    found = set()
    for source in _reason_sources():
        if isinstance(source, ast.Constant):
            found.add(source.value)
        found |= {r.value.value for r in ast.walk(source)
                  if isinstance(r, ast.Return) and isinstance(r.value, ast.Constant) and isinstance(r.value.value, str)}
    return found


def fstring_openings() -> set[str]:
    """The fixed opening of every f-string a reason is built from (``f"file is too large ({…"``)."""
    return {f.values[0].value for source in _reason_sources() for f in ast.walk(source)
            if isinstance(f, ast.JoinedStr) and isinstance(f.values[0], ast.Constant)}


def is_chinese(worded: str) -> bool:
    return bool(_HAN.search(worded)) and not _LATIN.search(_KEPT.sub("", worded))


def test_every_reason_of_the_core_reads_as_chinese(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reasons = core_reasons(tmp_path, monkeypatch)
    assert len(set(reasons.values())) >= 35, reasons  # each input fails for a reason of its own
    for name, reason in reasons.items():
        worded = translate(reason)
        if name == "损坏.docx":  # the XML parser's own message is kept: it locates the damage
            assert worded.startswith("损坏的 .docx 文件（") and worded.endswith("）"), worded
            continue
        assert is_chinese(worded), (name, reason, worded)
    unproduced = {w for w in fstring_openings() if not any(w in r for r in reasons.values())}
    assert not unproduced, f"add a failing input for: {unproduced}"
    for reason in literal_reasons():
        assert is_chinese(translate(reason)), reason
    for _magic, kind in txt._MAGIC:  # every kind of file a renamed binary is recognised as
        assert is_chinese(translate(f"binary file, not text (looks like {kind})")), kind
    assert translate(reasons["损坏的文件.txt"]) == "不是文本文件（含有 NUL 字节；如果是 UTF-16 文本，请带 BOM 保存）"
    assert translate(reasons["扫描.pdf"]) == "扫描版 PDF，没有文字层（2 页）；请先做文字识别（OCR）"
    assert translate(reasons["表格.xlsx"]).startswith("不支持的格式 '.xlsx'（支持：.txt、.md、.docx")
    assert translate(reasons["改名的PDF.txt"]) == "不是文本文件（看起来是一个 PDF 文档）"
    assert translate(reasons["炸弹.docx"]) == "不是有效的 .docx 文件（解压后超过 256 MB，可能是压缩炸弹）"


def test_unknown_reasons_and_the_english_interface_keep_the_core_words(qapp) -> None:
    from reader.ui import i18n

    assert translate("something new happened") == "something new happened"
    assert translate("cannot read file (Stale file handle)") == "无法读取文件（Stale file handle）"
    reason = "scanned PDF without a text layer (4 pages); run OCR first"
    i18n.install(qapp, "en")
    try:
        assert translate(reason) == reason
        assert translate("file is empty") == "file is empty"
    finally:
        i18n.install(qapp, "zh")
    assert translate(reason) == "扫描版 PDF，没有文字层（4 页）；请先做文字识别（OCR）"
