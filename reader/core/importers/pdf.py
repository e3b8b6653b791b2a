"""PDF with a text layer → paragraphs, from character positions (layout-aware).

Pages are read one at a time with PDFium (pypdfium2) and closed at once; only the text
lines are kept, slimmed once their page is done (pdf_chars.Line.freeze).  Then, over the whole file:
page furniture goes (pdf_furniture), the 目录 goes, footnote bodies at page bottoms are
lifted out (handed to normalize via ``meta["footnotes"]``), and lines are joined into
paragraphs from the page geometry (pdf_paragraphs).  Every line of the result is a real
paragraph (``hard_breaks=True``), one 款/项/heading per line, table rows as tab-joined
cells, like the Word importer gives them.

Refused before any text is read (pdf_guard): not a PDF, damaged or truncated, password-
protected, streams that inflate to hundreds of MB, absurd page counts.  A PDF without any
text (a scan) is refused with the advice to run OCR first.
"""
from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reader.core.errors import ImportFailure
from reader.core.importers.base import SourceText
from reader.core.importers.pdf_chars import Line, page_lines
from reader.core.importers.pdf_columns import reading_order
from reader.core.importers.pdf_footnotes import Footnotes, lift_footnotes
from reader.core.importers.pdf_furniture import Page, remove_furniture, remove_toc, remove_web_head
from reader.core.importers.pdf_guard import check_bytes, open_document
from reader.core.importers.pdf_paragraphs import measure, paragraphs

#: Pages read before PDFium's document (and its cache of parsed objects) is reopened.
REOPEN = 50


def load_pdf(path: str, data: bytes, digest: str) -> SourceText:
    """Read the text of a PDF as paragraphs."""
    check_bytes(path, data)
    pages, blank = _read_pages(path, data)
    warnings: list[str] = []
    if not any(p.lines for p in pages):
        if blank:
            raise ImportFailure(path, f"scanned PDF without a text layer ({len(pages)} pages); run OCR first")
        raise ImportFailure(path, f"PDF contains no text ({len(pages)} empty pages)")
    if blank:
        shown = ", ".join(str(n + 1) for n in blank[:10]) + (" …" if len(blank) > 10 else "")
        warnings.append(f"pages without a text layer (scanned images, not imported): {shown}")
    removed = remove_furniture(pages)
    if pages:
        removed += remove_web_head(pages[0])
    removed += remove_toc(pages)
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        raise ImportFailure(path, "PDF contains no text besides page headers, footers and contents")
    geo = measure(lines)
    notes = lift_footnotes(pages, geo.em)
    lines = [ln for p in pages for ln in p.lines]
    paras = paragraphs(lines, geo)
    meta: dict[str, object] = {"warnings": warnings + notes.warnings, "removed": removed}
    if notes.items:
        meta["footnotes"] = _footnote_lines(notes, paras)
    return SourceText(path, "pdf", digest, [text for text, _page in paras], hard_breaks=True, meta=meta)


def _read_pages(path: str, data: bytes) -> tuple[list[Page], list[int]]:
    """Every page's lines in reading order; the numbers of pages with images but no text.

    PDFium keeps every object it has parsed until the document is closed, so the document
    is opened afresh every REOPEN pages: PDFium's memory stays bounded however long the
    file (bench_pdf.py measures it).
    """
    pages: list[Page] = []
    blank: list[int] = []
    pdf = open_document(path, data)
    try:
        count = len(pdf)
        for number in range(count):
            if number and number % REOPEN == 0:
                pdf.close()
                pdf = open_document(path, data)
            width, height, lines, scanned = _read_page(path, pdf, number)
            if scanned:
                blank.append(number)
            lines = reading_order(lines, width)
            for line in lines:
                line.freeze()
            pages.append(Page(number, width, height, lines))
    finally:
        pdf.close()
    return pages, blank


def _read_page(path: str, pdf: pdfium.PdfDocument, number: int) -> tuple[float, float, list[Line], bool]:
    """One page's size and lines, and whether it is an image without text (a scan)."""
    try:
        page = pdf[number]
    except pdfium.PdfiumError:
        raise ImportFailure(path, f"damaged PDF (page {number + 1} cannot be read)") from None
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = page_lines(textpage, number)
        finally:
            textpage.close()
        return width, height, lines, not lines and _has_images(page)
    finally:
        page.close()


def _has_images(page: pdfium.PdfPage) -> bool:
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    return any(pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i)) == pdfium_c.FPDF_PAGEOBJ_IMAGE
               for i in range(count))


def _footnote_lines(notes: Footnotes, paras: list[tuple[str, int]]) -> list[dict[str, object]]:
    """Each footnote with the 1-based paragraph that carries its mark: the last one with
    the mark that starts on or before the note's page (marks restart per document, and
    the line number tells the pipeline which document of a gazette the note belongs to)."""
    out: list[dict[str, object]] = []
    for mark, text, page in notes.items:
        line = next((k + 1 for k in range(len(paras) - 1, -1, -1) if paras[k][1] <= page and mark in paras[k][0]),
                    len(paras))
        out.append({"mark": mark, "text": text, "line": line})
    return out
