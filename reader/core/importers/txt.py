"""Plain text: encoding detection, binary refusal, newline normalisation.

Chinese regulation files arrive as UTF-8 (with or without BOM), UTF-16 with BOM (Windows
Notepad "Unicode"; without one from some converters) or GBK/GB18030 (older Windows tools).
Guessing wrong garbles every character, so detection is conservative: a BOM is trusted;
UTF-16 without one is recognised by its NUL bytes and by reading as Chinese text in one
byte order; otherwise UTF-8 is tried strictly first (real GBK text is almost never valid
UTF-8, while UTF-8 text often happens to decode as GBK); a file that is UTF-8 except for a
few stray bytes is read as UTF-8 with those bytes replaced (and a warning), because decoding
it as GB18030 would garble everything; only then GB18030, a superset of GBK and GB2312.
Everything else is refused.  The layout (hard wraps or one paragraph per line) is decided
per file by layout.py.
"""
from __future__ import annotations

import codecs
import re

from reader.core.errors import ImportFailure
from reader.core.importers.base import SourceText
from reader.core.importers.layout import one_paragraph_per_line

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0/C1 control characters that never occur in text.  Tab, LF, VT, FF, CR and NEL are
# layout; ESC-free text editors never write the rest.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

#: More control characters than this share of all characters means "binary".
MAX_CONTROL_RATIO = 0.01
#: A file that is not valid UTF-8 is still read as UTF-8 (with replacements) when it has at
#: least this many well-formed non-ASCII characters per invalid byte sequence.
UTF8_GOOD_PER_BAD = 100
#: UTF-16 without a BOM is accepted when at least this share of its characters is ASCII
#: text or CJK (ideographs, CJK and general punctuation, full-width forms, ① ⑴, Latin-1).
UTF16_TEXT_SHARE = 0.95
_TEXT_CHARS = re.compile("[\t\n\r -~\u00a0-\u00ff\u2000-\u206f\u2460-\u24ff\u3000-\u303f"
                         "\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# Line breaks: CRLF, CR, LF, and the Unicode separators (VT, FF = page break, NEL, LS, PS).
_NEWLINE = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")

# What a refused binary file probably is, for a more helpful reason.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (e.g. .docx, .xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (e.g. .doc, .xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)


def load_txt(path: str, data: bytes, digest: str) -> SourceText:
    """Decode a plain-text file into lines: hard wraps of a PDF extract, or one paragraph
    per line (flk downloads, text copied from a web page) — decided for the whole file."""
    text, encoding, warnings = decode_text(path, data)
    meta: dict[str, object] = {"encoding": encoding}
    if warnings:
        meta["warnings"] = warnings
    lines = split_lines(text)
    return SourceText(path, "txt", digest, lines, hard_breaks=one_paragraph_per_line(lines), meta=meta)


def decode_text(path: str, data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding name, warnings); raise ImportFailure for non-text input.

    Shared with the Markdown importer, so a GBK-encoded .md file works too.
    """
    if not data:
        raise ImportFailure(path, "file is empty")
    if _sniff(data):  # a renamed PDF or Word file can decode "successfully" as GB18030
        raise ImportFailure(path, _binary_reason(data, ""))
    decoded = _decode_with_bom(path, data)
    if decoded is None and b"\x00" in data:
        decoded = _decode_utf16_without_bom(data)
        if decoded is None:
            raise ImportFailure(path, _binary_reason(data, "contains NUL bytes; if it is "
                                                     "UTF-16 text, save it with a BOM"))
    if decoded is None:
        decoded = _decode_without_bom(path, data)
    text, encoding, warnings = decoded
    if not text.strip():
        raise ImportFailure(path, "file is empty")
    controls = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    if controls > MAX_CONTROL_RATIO * len(text):
        raise ImportFailure(path, _binary_reason(data, f"{controls} control characters"))
    return text, encoding, warnings


def split_lines(text: str) -> list[str]:
    """Split on every kind of line break; a final line break does not add an empty line."""
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def utf8_quality(data: bytes) -> tuple[int, int]:
    """Return (well-formed non-ASCII characters, invalid sequences) of ``data`` read as UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return non_ascii - bad, bad


def _decode_with_bom(path: str, data: bytes) -> tuple[str, str, list[str]] | None:
    """Decode by byte-order mark; None when there is none."""
    for bom, codec in _BOMS:
        if not data.startswith(bom):
            continue
        body = data[len(bom):]
        if codec == "utf-8-sig":
            decoded = _decode_utf8(body)
            if decoded is None:
                raise ImportFailure(path, _undecodable("UTF-8", body))
            return decoded[0], codec, decoded[1]
        try:
            return body.decode(codec), codec, []
        except UnicodeDecodeError as exc:
            if codec.startswith("utf-32"):
                continue  # FF FE 00 00 may be a UTF-16-LE BOM and a NUL: try that next
            where = exc.start + len(bom)
            raise ImportFailure(path, f"not valid {codec.upper()} text despite its byte-order "
                                      f"mark ({exc.reason} at byte {where})") from None
    return None


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str, list[str]] | None:
    """UTF-16 saved without a BOM, told by its NUL bytes; None when it is not that.

    Text in UTF-16 has a NUL byte beside every ASCII character (line breaks, digits) and in
    common CJK code points (一 U+4E00, the ideographic space U+3000), so the NULs alone do
    not show the byte order.  Both orders are decoded; the right one reads as Chinese or
    ASCII text almost throughout, the wrong one (and binary data) as scattered scripts.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _text_share(text)
        if best is None or share > best[0]:
            best = (share, codec, text)
    if best is None or best[0] < UTF16_TEXT_SHARE:
        return None
    _share, codec, text = best
    return text, codec, [f"no byte-order mark: read as {codec.upper()} from its NUL bytes"]


def _text_share(text: str) -> float:
    """Share of the characters that are ASCII text or CJK."""
    return len(_TEXT_CHARS.findall(text)) / len(text) if text else 0.0


def _decode_without_bom(path: str, data: bytes) -> tuple[str, str, list[str]]:
    decoded = _decode_utf8(data)
    if decoded is not None:
        return decoded[0], "utf-8", decoded[1]
    try:
        return data.decode("gb18030"), "gb18030", []
    except UnicodeDecodeError:
        pass
    raise ImportFailure(path, _undecodable("UTF-8 or GB18030/GBK", data))


def _decode_utf8(data: bytes) -> tuple[str, list[str]] | None:
    """Strict UTF-8; or lenient UTF-8 if only a few stray bytes are bad; else None."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    good, bad = utf8_quality(data)
    if good < UTF8_GOOD_PER_BAD * bad:
        return None
    return data.decode("utf-8", errors="replace"), [
        f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD (first at byte {first_bad})"
    ]


def _undecodable(codecs_tried: str, data: bytes) -> str:
    try:
        data.decode("utf-8")
        where = ""
    except UnicodeDecodeError as exc:
        where = f", first bad byte at {exc.start}"
    return (f"cannot decode text: not valid {codecs_tried}{where}; "
            "save it as UTF-8")


def _binary_reason(data: bytes, detail: str) -> str:
    kind = _sniff(data)
    if kind:
        return f"binary file, not text (looks like {kind})"
    return f"binary file, not text: {detail}" if detail else "binary file, not text"


def _sniff(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None
