"""Word .docx: paragraphs and table rows in body order.

Every paragraph is a real break (hard_breaks=True); a manual line break (w:br, w:cr) inside a
paragraph is one too, since drafters use it to start a new 款 or 项 without a new paragraph.
Tables give one line per row, cells joined by a tab.  Labels drawn by Word's automatic
numbering (第一条, 一、) are written in front of their paragraphs (see numbering.py).  Text
boxes follow the paragraph they are anchored in.  Deleted tracked changes, VML fallbacks
(duplicates of the DrawingML text box), headers, footers and footnotes are not body text
and are left out.

An ``w:altChunk`` imports another part where it stands: the national law database's
downloads have nothing else — their body is one altChunk pointing at an MHT web page
(word/afchunk.mht).  Word shows that page in place, so its text (read by the HTML importer's
block walk, see html.py) is spliced in at the altChunk's position among the paragraphs.

python-docx opens and validates the package; the body is then walked as XML, because
python-docx's own paragraph text skips runs inside tracked insertions, fields and content
controls, which would silently lose regulation text.  Before anything is read, every member
of the archive is inflated once in small pieces against a byte budget: declared sizes are
the archive's own claim and a zip bomb lies about them.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from reader.core.errors import ImportFailure
from reader.core.importers.base import SourceText
from reader.core.importers.html import decode_html, html_lines, parse
from reader.core.importers.mhtml import mime_html
from reader.core.importers.numbering import Numbering
from reader.core.importers.txt import decode_text, split_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Refuse archives that inflate beyond this (a "zip bomb" or not a document at all): the
#: largest real Word files, full of images, stay well below it.
MAX_UNZIPPED = 256 * 1024 * 1024
_INFLATE_STEP = 1 << 16
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: An altChunk may be a Word document itself, which may hold altChunks: so deep, no deeper.
_MAX_CHUNK_DEPTH = 3

# Inside a paragraph: elements whose runs are not part of the current text.
_SKIP = {_W + "del", _W + "moveFrom", _MC_FALLBACK, _W + "pPr", _W + "rPr"}
# Run children and the text they stand for (w:t handled separately; w:br/w:cr break lines).
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "noBreakHyphen": "-",
             _W + "br": "\n", _W + "cr": "\n"}


def load_docx(path: str, data: bytes, digest: str) -> SourceText:
    """Read the body of a .docx file as lines."""
    lines, warnings = docx_lines(path, data)
    if not lines:
        raise ImportFailure(path, warnings[0] if warnings else "document contains no text")
    meta: dict[str, object] = {"warnings": warnings} if warnings else {}
    return SourceText(path, "docx", digest, lines, hard_breaks=True, meta=meta)


def docx_lines(path: str, data: bytes, depth: int = 0) -> tuple[list[str], list[str]]:
    """The lines of a .docx body (altChunks spliced in) and warnings about what was left out."""
    body, numbering, part = _open_body(path, data)
    walker = _Body(numbering, _Chunks(path, part, depth))
    lines = list(walker.lines(body))
    return lines, walker.chunks.warnings


def check_zip_budget(path: str, archive: zipfile.ZipFile, budget: int = MAX_UNZIPPED) -> None:
    """Refuse an archive that inflates to more than ``budget`` bytes, before it is read.

    The declared sizes are checked first (cheap), then every member is really inflated in
    small steps, so a bomb that understates its sizes costs the budget in time, never in
    memory."""
    too_big = f"not a valid .docx file (unpacks to over {budget // (1024 * 1024)} MB: a zip bomb?)"
    if sum(info.file_size for info in archive.infolist()) > budget:
        raise ImportFailure(path, too_big)
    total = 0
    for info in archive.infolist():
        with archive.open(info.filename) as member:  # the member a reader by name would get
            while chunk := member.read(_INFLATE_STEP):
                total += len(chunk)
                if total > budget:
                    raise ImportFailure(path, too_big)


def _open_body(path: str, data: bytes) -> tuple[etree._Element, Numbering, object]:
    import docx  # the python-docx package (this module is reader.core.importers.docx)

    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportFailure(path, "the document is password-protected; remove the "
                                      "password in Word and save again")
        raise ImportFailure(path, "old .doc format is not supported; save as .docx")
    if not data:
        raise ImportFailure(path, "file is empty")
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise ImportFailure(path, "not a valid .docx file (not a zip archive)")
    try:
        with zipfile.ZipFile(buffer) as archive:
            check_zip_budget(path, archive)
            if "word/document.xml" not in archive.namelist() and not _has_main_part(archive):
                raise ImportFailure(path, "not a Word document (no document part in the archive)")
        document = docx.Document(io.BytesIO(data))
    except ImportFailure:
        raise
    except ValueError as exc:
        if "content type is" not in str(exc):
            raise ImportFailure(path, f"corrupt .docx file ({_describe(exc)})") from None
        raise ImportFailure(path, _wrong_kind(str(exc))) from None
    except Exception as exc:  # noqa: BLE001 — a damaged file can fail anywhere inside python-docx
        raise ImportFailure(path, f"corrupt .docx file ({_describe(exc)})") from None
    body = document.element.find(_W + "body")
    if body is None:
        if document.element.find(_STRICT_W + "body") is not None:
            raise ImportFailure(path, "Strict Open XML .docx is not supported; save as a "
                                      "regular Word document (.docx)")
        raise ImportFailure(path, "corrupt .docx file (no document body)")
    numbering = Numbering(_part_xml(document, "numbering"), _part_xml(document, "styles"))
    return body, numbering, document.part


def _part_xml(document: object, name: str) -> etree._Element | None:
    """The numbering or styles part's XML; None when absent or unreadable (numbering is
    a nicety: a damaged definition must not stop the import)."""
    part = document.part  # type: ignore[attr-defined]
    try:
        for rel in part.rels.values():
            if not rel.is_external and rel.reltype.endswith("/" + name):
                return rel.target_part.element  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001
        return None
    return None


def _has_main_part(archive: zipfile.ZipFile) -> bool:
    """Some generators name the main part differently; [Content_Types].xml says which."""
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        return False
    return b"wordprocessingml.document.main" in types or b"ms-word.document.macroEnabled" in types


def _describe(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _wrong_kind(message: str) -> str:
    """python-docx refused the package's content type: say what the file is instead."""
    content_type = message.split("content type is", 1)[1].strip(" '\"")
    kinds = (("spreadsheetml", "an Excel workbook"), ("presentationml", "a PowerPoint file"),
             ("template", "a Word template"), ("macroEnabled", "a macro-enabled Word document"))
    kind = next((name for key, name in kinds if key in content_type), None)
    if kind is None:
        return f"not a Word document (content type {content_type})"
    return f"not a Word document but {kind}; save it as a .docx document"


class _Chunks:
    """The text of the parts that altChunks import (web page, MHT, text, Word)."""

    def __init__(self, path: str, part: object, depth: int) -> None:
        self.path, self.part, self.depth = path, part, depth
        self.warnings: list[str] = []

    def lines(self, alt_chunk: etree._Element) -> list[str]:
        """The chunk's lines; a chunk that cannot be read is a warning, not a failure, as long
        as the document has other text."""
        try:
            target = self.part.rels[alt_chunk.get(_R_ID)].target_part  # type: ignore[attr-defined]
        except (KeyError, AttributeError, ValueError):
            self.warnings.append("an imported part (altChunk) is missing from the document")
            return []
        try:
            return self._read(target)
        except ImportFailure as exc:
            self.warnings.append(f"an imported part {target.partname} was left out: {exc.reason}")
            return []

    def _read(self, target: object) -> list[str]:
        name = str(target.partname)  # type: ignore[attr-defined]
        kind = target.content_type.split(";")[0].strip().lower()  # type: ignore[attr-defined]
        blob: bytes = target.blob  # type: ignore[attr-defined]
        where = f"{self.path} ({name})"
        if kind == "message/rfc822" or name.lower().endswith((".mht", ".mhtml")):
            text, _, warnings = mime_html(where, blob)
        elif kind in ("text/html", "application/xhtml+xml") or name.lower().endswith((".htm", ".html")):
            text, _, warnings = decode_html(where, blob)
        elif kind == "text/plain":
            text, _, warnings = decode_text(where, blob)
            self.warnings.extend(warnings)
            return [ln.strip() for ln in split_lines(text) if ln.strip()]
        elif "wordprocessingml" in kind and self.depth < _MAX_CHUNK_DEPTH:
            lines, warnings = docx_lines(where, blob, self.depth + 1)
            self.warnings.extend(warnings)
            return lines
        else:
            self.warnings.append(f"an imported part {name} ({kind}) is not text and was left out")
            return []
        self.warnings.extend(warnings)
        return html_lines(parse(where, text))


class _Body:
    """Walks block content in document order, numbering paragraphs as Word would."""

    def __init__(self, numbering: Numbering, chunks: _Chunks) -> None:
        self.numbering = numbering
        self.chunks = chunks

    def lines(self, container: etree._Element) -> Iterator[str]:
        """Lines of the block-level content of a body, cell or text box."""
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                boxes: list[etree._Element] = []
                text = self.numbering.label(child) + _paragraph_text(child, boxes)
                yield from _clean(text)
                for box in boxes:
                    yield from self.lines(box)
            elif tag == _W + "tbl":
                yield from self.table_rows(child)
            elif tag == _W + "altChunk":
                yield from self.chunks.lines(child)
            elif tag in (_W + "sdt", _W + "customXml", _W + "sdtContent", _W + "ins"):
                yield from self.lines(child)

    def table_rows(self, tbl: etree._Element) -> Iterator[str]:
        """One line per row: the cells' texts joined by a tab."""
        for tr in tbl.iter(_W + "tr"):
            if _nearest_table(tr) is not tbl:
                continue  # a row of a nested table: it belongs to its cell's text
            cells = [self.cell_text(tc) for tc in tr.iter(_W + "tc") if _nearest_row(tc) is tr]
            if any(cells):
                yield "\t".join(cells)  # empty cells kept, so columns stay aligned

    def cell_text(self, tc: etree._Element) -> str:
        """A cell's paragraphs (and nested tables) on one line, separated by spaces."""
        return " ".join(line.replace("\t", " ").strip() for line in self.lines(tc))


def _paragraph_text(p: etree._Element, boxes: list[etree._Element]) -> str:
    """Text of one paragraph ("\\n" for line breaks); text boxes found are added to boxes."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in _RUN_TEXT and el.tag == _W + "r":
                parts.append(_RUN_TEXT[tag])
            elif tag == _W + "txbxContent":
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _nearest_table(el: etree._Element) -> etree._Element | None:
    return next(el.iterancestors(_W + "tbl"), None)


def _nearest_row(el: etree._Element) -> etree._Element | None:
    return next(el.iterancestors(_W + "tr"), None)


def _clean(block: str) -> Iterator[str]:
    """A paragraph's lines, trimmed; blank ones (spacing paragraphs) dropped."""
    for line in block.split("\n"):
        line = line.strip()
        if line:
            yield line
