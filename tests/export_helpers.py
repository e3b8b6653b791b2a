"""Reading exported .docx files back, for the export tests: comment anchors, highlights,
bookmarks, hyperlinks and fields as they stand in document.xml."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
from docx.oxml.ns import qn

from reader.core.model import Document
from reader.export import BriefAnnotation, BriefRef

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path: Path):
    return docx.Document(str(path))


def body(d):
    return d.element.body


def comment_anchors(d) -> dict[int, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd."""
    open_ids: list[int] = []
    text: dict[int, list[str]] = {}
    for el in body(d).iter():
        if el.tag == qn("w:commentRangeStart"):
            cid = int(el.get(qn("w:id")))
            open_ids.append(cid)
            text[cid] = []
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.remove(int(el.get(qn("w:id"))))
        elif el.tag == qn("w:t") and el.text:
            for cid in open_ids:
                text[cid].append(el.text)
        elif el.tag == qn("w:p"):
            for cid in open_ids:  # a range over several paragraphs
                if text[cid]:
                    text[cid].append("\n")
    return {cid: "".join(parts).strip("\n") for cid, parts in text.items()}


def comment_references(d) -> list[int]:
    return [int(e.get(qn("w:id"))) for e in body(d).iter(qn("w:commentReference"))]


def highlighted(d) -> dict[str, str]:
    """Highlight colour → the highlighted text (runs joined in order)."""
    out: dict[str, list[str]] = {}
    for r in body(d).iter(qn("w:r")):
        hl = r.find(f"{qn('w:rPr')}/{qn('w:highlight')}")
        if hl is not None:
            out.setdefault(hl.get(qn("w:val")), []).append("".join(t.text or "" for t in r.iter(qn("w:t"))))
    return {k: "".join(v) for k, v in out.items()}


def bookmarks(d) -> dict[str, int]:
    return {b.get(qn("w:name")): int(b.get(qn("w:id"))) for b in body(d).iter(qn("w:bookmarkStart"))}


def hyperlinks(d) -> list[tuple[str, str]]:
    """(anchor, text) of every internal hyperlink in the body."""
    return [(h.get(qn("w:anchor")), "".join(t.text or "" for t in h.iter(qn("w:t"))))
            for h in body(d).iter(qn("w:hyperlink"))]


def all_text(d) -> str:
    return "".join(t.text or "" for t in body(d).iter(qn("w:t")))


def paragraphs_text(d) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body(d).iter(qn("w:p"))]


def span(doc: Document, node_id: str, quote: str, ann_id: int | str, *, note: str = "", colour: str = "#FFD54F",
         category: str = "重点", tags: tuple[str, ...] = (), status: str = "open", author: str = "张三",
         created: datetime | None = datetime(2024, 5, 1, 10, 30, 0), occurrence: int = 0) -> BriefAnnotation:
    """An annotation on the ``occurrence``-th appearance of ``quote`` in a node's own text."""
    text = doc.find(node_id).text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return BriefAnnotation(ann_id, node_id, start, start + len(quote), quote, category, colour, note, tags,
                           status, author, created, created)


def whole(node_id: str, ann_id: int | str, note: str = "整条意见", **kw) -> BriefAnnotation:
    kw.setdefault("category", "整条")
    kw.setdefault("colour", "#81C784")
    kw.setdefault("author", "李四")
    return BriefAnnotation(ann_id, node_id, 0, 0, "", note=note, **kw)


def ref(doc: Document, node_id: str, words: str, target_doc: str | None, target_node: str | None,
        citation: str = "") -> BriefRef:
    text = doc.find(node_id).text
    start = text.index(words)
    return BriefRef(node_id, start, start + len(words), words, target_doc, target_node, citation)


def lock_target(monkeypatch, target: Path) -> None:
    """Make ``target`` behave as a file open in Word: replacing it is refused (the export's
    atomic rename), everything else works."""
    import os

    real_replace = os.replace

    def locked(src, dst):
        if str(dst) == str(target):
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
