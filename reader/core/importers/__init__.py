"""Importers: one per file format, each turning a file into a SourceText.

``load(path)`` picks the importer by suffix (case-insensitive).  Plain text is also assumed
for a file without a suffix — a text file saved without one is common, and the binary check
refuses anything that is not text.  Every failure the user can act on is an ImportFailure
naming the file and the reason.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from reader.core.errors import ImportFailure
from reader.core.importers.base import SourceText
from reader.core.importers.docx import load_docx
from reader.core.importers.files import check_source, read_source, sha256
from reader.core.importers.html import load_html
from reader.core.importers.markdown import load_md
from reader.core.importers.mhtml import load_mhtml
from reader.core.importers.pdf import load_pdf
from reader.core.importers.txt import load_txt

__all__ = ["SUPPORTED", "SourceText", "importer_for", "load", "load_bytes"]

Importer = Callable[[str, bytes, str], SourceText]

_IMPORTERS: dict[str, Importer] = {
    ".txt": load_txt,
    ".text": load_txt,
    "": load_txt,
    ".md": load_md,
    ".markdown": load_md,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
    ".mhtml": load_mhtml,
    ".mht": load_mhtml,
    ".pdf": load_pdf,
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
        return _IMPORTERS[suffix]
    if suffix in _REFUSED:
        raise ImportFailure(path, _REFUSED[suffix])
    raise ImportFailure(path, f"unsupported format '{suffix}' (supported: {', '.join(SUPPORTED)})")


def _suffix(path: str | Path) -> str:
    """The lower-case suffix; "" when the dot does not start an extension (办法(2021.1.22))."""
    suffix = Path(path).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]*[a-z][a-z0-9]*", suffix) else ""

