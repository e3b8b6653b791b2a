"""Importers: one per file format, each turning a file into a SourceText.

``load(path)`` picks the importer by suffix (case-insensitive).  Plain text is also assumed
for a file without a suffix — a text file saved without one is common, and the binary check
refuses anything that is not text.  Every failure the user can act on is an ImportFailure
naming the file and the reason.  An importer's module (and its libraries: PDFium, lxml,
python-docx) loads when a file of its format first comes: the window and the CLI start
without them.
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path

from reader.core.errors import ImportFailure
from reader.core.importers.base import SourceText
from reader.core.importers.files import check_source, read_source, sha256

__all__ = ["SUPPORTED", "SourceText", "importer_for", "load", "load_bytes"]

Importer = Callable[[str, bytes, str], SourceText]

#: suffix → (module of reader.core.importers, function)
_IMPORTERS: dict[str, tuple[str, str]] = {
    ".txt": ("txt", "load_txt"),
    ".text": ("txt", "load_txt"),
    "": ("txt", "load_txt"),
    ".md": ("markdown", "load_md"),
    ".markdown": ("markdown", "load_md"),
    ".docx": ("docx", "load_docx"),
    ".html": ("html", "load_html"),
    ".htm": ("html", "load_html"),
    ".mhtml": ("mhtml", "load_mhtml"),
    ".mht": ("mhtml", "load_mhtml"),
    ".pdf": ("pdf", "load_pdf"),
}
#: What the user is told we read (the aliases above are conveniences).
SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".mhtml", ".mht")

_REFUSED = {
    ".doc": "old .doc format is not supported; save as .docx",
}


def load(path: str | Path) -> SourceText:
    """Read and decode one source file; raise ImportFailure if it cannot be imported."""
    check_source(path)
    importer = importer_for(path)  # refuse an unsupported type before reading it
    return load_bytes(str(path), read_source(path), importer)


def load_bytes(path: str, data: bytes, importer: Importer | None = None) -> SourceText:
    """Decode ``data`` as the file ``path`` (which need not exist): useful for tests and
    for content that does not come from disk."""
    importer = importer or importer_for(path)
    return importer(path, data, sha256(data))


def importer_for(path: str | Path) -> Importer:
    """The importer for ``path``'s suffix; ImportFailure if the format is not supported."""
    suffix = _suffix(path)
    if suffix in _IMPORTERS:
        module, function = _IMPORTERS[suffix]
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)
    if suffix in _REFUSED:
        raise ImportFailure(path, _REFUSED[suffix])
    raise ImportFailure(path, f"unsupported format '{suffix}' (supported: {', '.join(SUPPORTED)})")


def _suffix(path: str | Path) -> str:
    """The lower-case suffix; "" when the dot does not start an extension (办法(2021.1.22))."""
    suffix = Path(path).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]*[a-z][a-z0-9]*", suffix) else ""

