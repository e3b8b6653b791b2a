"""Cheap checks on a PDF's bytes before any text is extracted, and opening it with PDFium.

Each refusal is an ImportFailure the user can act on: not a PDF, damaged or cut short,
password-protected, absurdly large once decompressed (a "decompression bomb" or a scan
archive), or too many pages.  The checks read the raw bytes only: PDFium is lenient and
rebuilds a broken cross-reference table silently, which would import a truncated download
as if it were whole.
"""
from __future__ import annotations

import re
import zlib

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reader.core.errors import ImportFailure

#: Refuse a file whose Flate streams (page contents, fonts, object streams) inflate beyond
#: this: a whole gazette volume holds a few MB of text and fonts; images are not counted
#: (they are never decoded for text extraction).
MAX_INFLATED = 256 * 1024 * 1024
#: A regulation, even a yearbook, has hundreds of pages, not tens of thousands.
MAX_PAGES = 5000
#: The end-of-file marker must close the file (a little trailing junk is tolerated).
_EOF_SLACK = 4096

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")


def check_bytes(path: str, data: bytes) -> None:
    """Raise ImportFailure for bytes that are not a whole, reasonably sized PDF."""
    if not data.strip():
        raise ImportFailure(path, "file is empty")
    if b"%PDF-" not in data[:1024]:
        raise ImportFailure(path, "not a PDF file (no %PDF header)")
    eof = data.rfind(b"%%EOF")
    if eof < 0 or len(data) - eof > _EOF_SLACK:
        raise ImportFailure(path, "damaged or truncated PDF (the file is cut short: no end-of-file "
                                  "marker); download or copy it again")
    if b"/Encrypt" in data and _is_encrypted_trailer(data):
        _check_password_free(path, data)
    inflated = inflated_size(data, MAX_INFLATED + 1)
    if inflated > MAX_INFLATED:
        raise ImportFailure(path, f"PDF too large: its compressed streams expand to over "
                                  f"{MAX_INFLATED // 2**20} MB; split it or save a smaller copy")


def _is_encrypted_trailer(data: bytes) -> bool:
    """/Encrypt in a trailer or cross-reference stream dictionary (not in page text)."""
    return re.search(rb"/Encrypt\s+\d+\s+\d+\s+R", data) is not None or re.search(rb"/Encrypt\s*<<", data) is not None


def _check_password_free(path: str, data: bytes) -> None:
    """An encrypted PDF that opens with the empty user password is readable (owner-only
    restrictions); one that needs a password is not."""
    try:
        pdfium.PdfDocument(data).close()
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ImportFailure(path, "the PDF is password-protected; open it with the password "
                                      "and save an unprotected copy") from None


def inflated_size(data: bytes, limit: int) -> int:
    """Total decompressed size of the non-image Flate streams, counted up to ``limit``.

    Decompression stops as soon as the limit is passed, so a bomb costs at most ``limit``
    bytes of work, never its full size.
    """
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 600):m.start()]
        head = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
        if not _FLATE.search(head) or _IMAGE.search(head):
            continue
        end = data.find(b"endstream", m.end())
        if end < 0:
            end = len(data)
        inflater = zlib.decompressobj()
        chunk = data[m.end():end]
        try:
            out = inflater.decompress(chunk, limit - total + 1)
            total += len(out)
            while inflater.unconsumed_tail and total <= limit:
                out = inflater.decompress(inflater.unconsumed_tail, limit - total + 1)
                if not out:
                    break
                total += len(out)
        except zlib.error:
            continue  # encrypted or damaged stream: PDFium decides about it
        if total > limit:
            return total
    return total


def open_document(path: str, data: bytes) -> pdfium.PdfDocument:
    """Open ``data`` with PDFium; ImportFailure naming the reason when it cannot."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ImportFailure(path, _open_reason(exc.err_code)) from None
    pages = len(pdf)
    if pages > MAX_PAGES:
        pdf.close()
        raise ImportFailure(path, f"PDF has too many pages ({pages}; at most {MAX_PAGES})")
    return pdf


def _open_reason(code: int | None) -> str:
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "the PDF is password-protected; open it with the password and save an unprotected copy"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "the PDF uses an unsupported encryption scheme; save an unprotected copy"
    return "damaged PDF (it cannot be opened: no readable pages); download or copy it again"
