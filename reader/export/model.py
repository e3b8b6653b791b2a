"""What an export is asked to write: plain data, filled by the Library (or a test).

The export never reads the store: the caller hands it the documents (``reader.core.model``),
the annotations, detected references and user links as the small records below, and the
options the user chose.  Offsets are into one node's own ``text`` (``Node.text``), as
everywhere in RegReader.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from datetime import datetime
from enum import Enum
from pathlib import Path

from reader.core.errors import UserError
from reader.core.model import Document

DEFAULT_TITLE = "法规审阅简报"

OPEN = "open"
ANSWERED = "answered"
RESOLVED = "resolved"


class Scope(str, Enum):
    """How much of each document a brief holds."""

    FULL = "full"  # the whole text, annotations in place
    ANNOTATED = "annotated"  # only the articles (units) that carry an annotation or a link


@dataclass(frozen=True)
class BriefReply:
    """One reply in the thread under an annotation: it goes into the note's Word comment."""

    text: str
    author: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class BriefAnnotation:
    """One annotation: a span of a node's own text (or, start == end == 0, the whole clause)."""

    id: str | int
    node_id: str | None  # None, an id the document lacks, or orphan=True: listed apart
    start: int = 0
    end: int = 0
    quote: str = ""
    category: str = ""
    colour: str = "#FFFF00"  # the category colour, #RRGGBB
    note: str = ""
    tags: tuple[str, ...] = ()
    status: str = OPEN  # open | answered | resolved
    author: str = ""
    created: datetime | None = None
    modified: datetime | None = None
    initials: str = ""  # derived from the author when empty
    orphan: bool = False  # its place is gone (re-anchoring failed): listed apart, not placed
    replies: tuple[BriefReply, ...] = ()  # the live replies, oldest first

    @property
    def whole_node(self) -> bool:
        return self.start == 0 and self.end == 0

    @property
    def resolved(self) -> bool:
        return self.status == RESOLVED

    @property
    def answered(self) -> bool:
        return self.status == ANSWERED

    @property
    def has_note(self) -> bool:
        """Whether the annotation says something (a note, tags or replies): it becomes a comment."""
        return bool(self.note.strip() or any(t.strip() for t in self.tags)
                    or any(r.text.strip() for r in self.replies))


@dataclass(frozen=True)
class BriefRef:
    """A detected cross-reference: the words at ``node_id[start:end]`` and where they lead."""

    node_id: str | None
    start: int
    end: int
    text: str
    target_doc_id: str | None = None
    target_node_id: str | None = None  # None: the target document as a whole
    citation: str = ""  # 《title》第X条第X款 — written when the target is not in the brief


@dataclass(frozen=True)
class BriefLinkEnd:
    """One end of a user link: a document, a node in it and the words chosen there."""

    doc_id: str
    node_id: str | None = None
    quote: str = ""
    citation: str = ""  # 《title》第X条; computed from the document when empty and it is exported


@dataclass(frozen=True)
class BriefLink:
    """A link the user drew between two places (e.g. 依据, 冲突, 参照)."""

    src: BriefLinkEnd
    dst: BriefLinkEnd
    relation: str = ""
    note: str = ""
    id: str | int = ""
    author: str = ""
    created: datetime | None = None


@dataclass
class BriefDocument:
    """A document to export with its annotations and detected references."""

    document: Document
    annotations: list[BriefAnnotation] = field(default_factory=list)
    refs: list[BriefRef] = field(default_factory=list)


@dataclass
class BriefOptions:
    """The user's choices for a brief."""

    scope: Scope = Scope.FULL
    comments: bool = True  # notes as native Word comments
    review_paragraphs: bool = False  # notes also as indented 审阅意见 paragraphs under the article
    include_resolved: bool = True  # resolved annotations (left out entirely when False)
    front_matter: bool = True  # the 令/印发通知 text before the body (full scope only)
    toc: bool = True  # a table of contents field after the cover
    links_appendix: bool = True  # an appendix listing the user links


@dataclass
class BriefRequest:
    """Everything a brief is made of."""

    documents: list[BriefDocument]
    links: list[BriefLink] = field(default_factory=list)
    title: str = DEFAULT_TITLE
    author: str = ""
    date: dt.date | None = None  # None: today
    options: BriefOptions = field(default_factory=BriefOptions)


@dataclass
class ExportResult:
    """What an export wrote (for the CLI's --json and the GUI's closing message)."""

    path: Path
    documents: int = 0
    units: int = 0  # articles / outline units written
    annotations: int = 0  # annotations placed in the text
    comments: int = 0
    highlights: int = 0
    hyperlinks: int = 0  # references and links written as internal hyperlinks
    citations: int = 0  # references to places outside the brief, written as citation text
    links: int = 0  # user links in the appendix
    orphans: int = 0  # annotations whose place was not found (listed apart)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "path": str(self.path), "documents": self.documents, "units": self.units,
            "annotations": self.annotations, "comments": self.comments,
            "highlights": self.highlights, "hyperlinks": self.hyperlinks,
            "citations": self.citations, "links": self.links, "orphans": self.orphans,
            "seconds": round(self.seconds, 3), "warnings": list(self.warnings),
        }


class ExportError(UserError):
    """An export could not be written; names the target file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NothingToExport(ExportError):
    """The request selects nothing: no documents, or no annotations in annotated-only scope."""


class ExportCancelled(ExportError):
    """The user cancelled; nothing was written."""
