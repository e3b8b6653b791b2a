"""What every importer returns: the decoded lines of one file, before any text repair."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceText:
    """Decoded content of one source file.

    ``hard_breaks`` is True when every line is a real paragraph (Word, Markdown);
    False when lines may be hard wraps made by a PDF extractor (plain text).
    ``headings`` (Markdown only) maps a line index to its heading depth (1 = ``#``).
    ``meta`` carries what the format states outright (Markdown: ``title``, ``history``; a web
    page's metadata box: ``title``, ``doc_number``, ``issuer``, ``issued``, ``published`` …).
    """

    path: str
    format: str  # "txt" | "md" | "docx" | "pdf" | "html" | "mhtml"
    sha256: str
    lines: list[str]
    hard_breaks: bool = False
    headings: dict[int, int] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)
