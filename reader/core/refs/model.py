"""What a detected cross-reference is: where its words are, what they name, where it leads."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from reader.core.numerals import int_to_cn

# Kinds of reference.
INTERNAL = "internal"  # 本办法第十七条第二款, bare 第十条: a unit of this document, named absolutely
RELATIVE = "relative"  # 本条, 前款, 前两款, 本章, bare 第二款 / 第三项: named from the reference's position
EXTERNAL = "external"  # 《title》 (with or without a pinpoint), 刑法第X条, an alias, 该法
ATTACHMENT = "attachment"  # 附件2, 见附件
DOC_NUMBER = "doc_number"  # 穗府办规〔2019〕9号, 广州市人民政府令第123号 (not right after a title)
REPEAL = "repeal"  # the document named is repealed by this one (…同时废止)
ISSUE = "issue"  # the document named is issued by this one (印发《X》)

KINDS = (INTERNAL, RELATIVE, EXTERNAL, ATTACHMENT, DOC_NUMBER, REPEAL, ISSUE)
#: Kinds whose target is another document.
DOCUMENT_KINDS = frozenset({EXTERNAL, DOC_NUMBER, REPEAL, ISSUE})

# Units a pinpoint can name, outermost first (立法技术规范).
PART, SUBPART, CHAPTER, SECTION, ARTICLE, PARAGRAPH, ITEM, SUBITEM = (
    "part", "subpart", "chapter", "section", "article", "paragraph", "item", "subitem")
# Outline units of a document without articles (一、 / （一）), named by 本条 inside them.
LEVEL1, LEVEL2 = "level1", "level2"
UNIT_CHAR = {"编": PART, "分编": SUBPART, "章": CHAPTER, "节": SECTION, "条": ARTICLE, "款": PARAGRAPH,
             "项": ITEM, "目": SUBITEM}
RANK = {ATTACHMENT: 0, PART: 1, SUBPART: 2, CHAPTER: 3, SECTION: 4, ARTICLE: 5, PARAGRAPH: 6, ITEM: 7, SUBITEM: 8,
        LEVEL1: 5, LEVEL2: 7}
_LABEL = {v: k for k, v in UNIT_CHAR.items()}


class Pin(NamedTuple):
    """One step of a pinpoint: 第十七条 → Pin('article', 17), 第十条之一 → Pin('article', 10, 1)."""

    unit: str
    number: int
    sub: int = 0

    def label(self) -> str:
        if self.unit == ATTACHMENT:
            return f"附件{self.number}"
        if self.unit in (LEVEL1, LEVEL2):
            n = int_to_cn(self.number)
            return f"{n}、" if self.unit == LEVEL1 else f"（{n}）"
        n = int_to_cn(self.number)
        if self.unit == ITEM:
            return f"第（{n}）项"
        return f"第{n}{_LABEL[self.unit]}" + (f"之{int_to_cn(self.sub)}" if self.sub else "")


Pinpoint = tuple[Pin, ...]


@lru_cache(maxsize=8192)
def pin(unit: str, number: int, sub: int = 0) -> Pin:
    """``Pin(unit, number, sub)``, shared: references name the same few hundred units over and
    over, and one object each would be that many more for the garbage collector to walk."""
    return Pin(unit, number, sub)


def pinpoint_label(pins: Pinpoint) -> str:
    """(Pin(article, 17), Pin(paragraph, 2)) → '第十七条第二款'."""
    return "".join(p.label() for p in pins)


@dataclass(slots=True)
class Ref:
    """One reference as written in a document, and (after ``resolve``) where it leads.

    ``node_id`` is the node whose ``text`` holds the words (``None``: the document's
    ``front_matter``); ``start``/``end`` are offsets into that text, ``text`` the words.
    A list (第十六条、第十七条) gives one Ref per element; a range (第二十条至第二十二条, 前两款)
    gives one Ref whose ``pinpoint``..``pinpoint_end`` span it and whose ``target_node_ids``
    list every unit covered.  ``target_node_id`` is the most specific node named (a
    paragraph for 第二款); for a range, its first unit.
    """

    node_id: str | None
    start: int
    end: int
    text: str
    kind: str
    target_title: str | None = None  # external: the title as cited (an alias expanded)
    target_doc_number: str | None = None
    pinpoint: Pinpoint = ()
    pinpoint_end: Pinpoint = ()  # non-empty for a range
    target_doc_id: str | None = None
    target_node_id: str | None = None
    target_node_ids: tuple[str, ...] = ()
    resolved: bool = False
    exact: bool = True  # False: found by an inexact title match, or a pinpoint into a later version
    note: str = ""
    nearest_node_id: str | None = None  # unresolved pinpoint: the deepest unit that does exist
    scope: str = ""  # internal refs: the attachment (att_1) the reference sits in, '' for the body
    hint: str = field(default="", repr=False)  # internal: the node whose paragraph a bare 第X项 prefers

    def unresolved(self) -> Ref:
        """A copy with what detection found and no target (what ``resolve`` fills in).

        Built field by field: copying ``__dict__`` (or ``dataclasses.replace``) costs more,
        and gives each copy a dict the garbage collector has to walk."""
        return Ref(self.node_id, self.start, self.end, self.text, self.kind, self.target_title,
                   self.target_doc_number, self.pinpoint, self.pinpoint_end, scope=self.scope, hint=self.hint)

    @property
    def is_range(self) -> bool:
        return bool(self.pinpoint_end)

    def to_json(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "target_title": self.target_title,
            "target_doc_number": self.target_doc_number,
            "pinpoint": pinpoint_label(self.pinpoint),
            "pinpoint_end": pinpoint_label(self.pinpoint_end),
            "target_doc_id": self.target_doc_id,
            "target_node_id": self.target_node_id,
            "target_node_ids": list(self.target_node_ids),
            "resolved": self.resolved,
            "exact": self.exact,
            "note": self.note,
            "nearest_node_id": self.nearest_node_id,
            # what resolve() needs to run again later (a target imported after this document)
            "pins": [list(p) for p in self.pinpoint],
            "pins_end": [list(p) for p in self.pinpoint_end],
            "scope": self.scope,
            "hint": self.hint,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ref:
        """The inverse of ``to_json`` (the store keeps refs as JSON and resolves them again)."""
        return cls(
            node_id=data.get("node_id"),
            start=data["start"],
            end=data["end"],
            text=data["text"],
            kind=data["kind"],
            target_title=data.get("target_title"),
            target_doc_number=data.get("target_doc_number"),
            pinpoint=tuple(Pin(*p) for p in data.get("pins") or ()),
            pinpoint_end=tuple(Pin(*p) for p in data.get("pins_end") or ()),
            target_doc_id=data.get("target_doc_id"),
            target_node_id=data.get("target_node_id"),
            target_node_ids=tuple(data.get("target_node_ids") or ()),
            resolved=bool(data.get("resolved")),
            exact=data.get("exact", True),
            note=data.get("note") or "",
            nearest_node_id=data.get("nearest_node_id"),
            scope=data.get("scope") or "",
            hint=data.get("hint") or "",
        )
