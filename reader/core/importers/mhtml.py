"""MHTML web archives (.mhtml, .mht): a saved page and its resources in one MIME message.

Browsers ("Save as… single file"), Word ("Web page, single file") and the national law
database's .docx downloads (whose altChunk part is an MHT) write the page as a
``multipart/related`` message.  The page is the part the ``start`` parameter names, else
the first ``text/html`` part; its transfer encoding (quoted-printable, base64) is undone
by the standard library's MIME parser and its charset comes from the part header, else
the page's own ``<meta charset>``, else detection (UTF-8, then GB18030).  Images and
style sheets are not text and are ignored.
"""
from __future__ import annotations

import codecs
import email
from email import policy
from email.message import Message

from reader.core.errors import ImportFailure
from reader.core.importers.base import SourceText
from reader.core.importers.html import decode_html, page_source


def load_mhtml(path: str, data: bytes, digest: str) -> SourceText:
    """Import the web page an MHTML archive holds, as the HTML importer reads pages."""
    text, encoding, warnings = mime_html(path, data)
    return page_source(path, text, digest, "mhtml", {"encoding": encoding}, warnings)


def mime_html(path: str, data: bytes) -> tuple[str, str, list[str]]:
    """The decoded HTML of the page in an MHTML archive: (text, encoding, warnings).

    A file that is not a MIME message but a plain page (a page saved with the wrong
    suffix) is read as that page."""
    if not data.strip():
        raise ImportFailure(path, "file is empty")
    message = email.message_from_bytes(data.lstrip(b"\r\n\t "), policy=policy.compat32)
    if not message.get("Content-Type") and not message.is_multipart():
        return decode_html(path, data)
    part = _page_part(message)
    if part is None:
        raise ImportFailure(path, "the web archive holds no web page (no text/html part)")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise ImportFailure(path, "the web archive's page is empty")
    charset = _codec(part.get_content_charset())
    if charset:
        try:
            return payload.decode(charset), charset, []
        except UnicodeDecodeError:
            text, encoding, warnings = decode_html(path, payload)
            return text, encoding, [f"the web archive declares {charset} but the page is {encoding}", *warnings]
    return decode_html(path, payload)


def _page_part(message: Message) -> Message | None:
    """The part the ``start`` parameter names, else the first HTML part."""
    leaves = [p for p in message.walk() if not p.is_multipart()]
    start = message.get_param("start") if message.is_multipart() else None
    if isinstance(start, str):
        wanted = start.strip("<> ")
        for part in leaves:
            if (part.get("Content-ID") or "").strip("<> ") == wanted:
                return part
    return next((p for p in leaves if p.get_content_type() in ("text/html", "application/xhtml+xml")), None)


def _codec(name: str | None) -> str | None:
    """A Python codec for a MIME charset; GB2312/GBK read as GB18030, their superset."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if codec in ("gb2312", "gbk") else codec
