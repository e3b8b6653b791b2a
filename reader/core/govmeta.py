"""The metadata box of government web pages (政府信息公开 元数据): label → value pairs.

gov.cn and most provincial and city sites print, above the text of a policy document, a
box such as ``索引号：000014349/2018-00206  主题分类：科技、教育\\知识产权  发文机关：国务院
成文日期：2018年11月06日  标题：专利代理条例  发文字号：国令第706号  发布日期：2018年11月19日
主题词：``.  It is a catalogue record, not part of the document: the reader wants it as the
document's metadata and never in its body or as its title.  The box is a table (label and
value in neighbouring cells), a list of ``label：value`` items, or — in text copied from
such a page — one or more ``label：value`` lines at the top.

This module reads the labels wherever they come from; the HTML importer finds the box in
the page tree and the pipeline runs :func:`strip_text_box` over plain-text sources.
"""
from __future__ import annotations

import re
from datetime import date

from lxml import etree

from reader.core.importers.base import SourceText

#: Label (spaces removed) → metadata key.  Sites vary the wording; these are the ones the
#: national catalogue standard and the big portals use.
LABELS: dict[str, str] = {
    "索引号": "index_no", "信息索引号": "index_no", "索取号": "index_no",
    "主题分类": "subject", "分类": "subject", "信息分类": "subject", "主题": "subject",
    "发文机关": "issuer", "发文单位": "issuer", "发布机关": "issuer", "发布机构": "issuer",
    "制发机关": "issuer", "发文机构": "issuer", "发布单位": "issuer", "制定机关": "issuer",
    "成文日期": "issued", "发文日期": "issued", "印发日期": "issued", "签发日期": "issued",
    "标题": "title", "名称": "title", "文件名称": "title", "信息名称": "title",
    "发文字号": "doc_number", "文号": "doc_number", "文件编号": "doc_number", "发文号": "doc_number",
    "发布日期": "published", "公布日期": "published", "发布时间": "published", "公开日期": "published",
    "生效日期": "effective", "施行日期": "effective", "实施日期": "effective",
    "主题词": "keywords", "关键词": "keywords",
}
#: Labels that are also ordinary words: in a page they count only with their colon.
_WEAK = {"分类", "主题", "名称", "文号", "标题", "关键词"}
#: Keys whose values are dates.
DATE_KEYS = ("issued", "published", "effective")
#: A text source starts with a box when at least this many distinct labels open its lines.
MIN_LABELS = 3

_SPACES = re.compile(r"[\s\u3000\xa0]+")
_LABEL_AT = re.compile(
    "(?:^|(?<=[\\s\u3000\xa0]))(" + "|".join(
        sorted(("[\\s\u3000\xa0]*".join(label) for label in LABELS), key=len, reverse=True)
    ) + ")[\\s\u3000\xa0]*[:：]"
)
_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")
_KEYWORD_SPLIT = re.compile(r"[\s\u3000\xa0;；,，、]+")


def label_key(text: str) -> str | None:
    """The metadata key of a label cell such as ``标　　题：`` or ``发文字号:``; else None.

    A label that is also an ordinary word (标题, 名称 …) needs its colon."""
    squeezed = _SPACES.sub("", text)
    label = squeezed.rstrip(":：")
    if label in _WEAK and label == squeezed:
        return None
    return LABELS.get(label)


def pairs_in_line(line: str) -> list[tuple[str, str]] | None:
    """``label：value`` pairs of one line (a line may hold several); None when the line
    does not start with a label."""
    matches = list(_LABEL_AT.finditer(line))
    if not matches or line[: matches[0].start()].strip(" \u3000\xa0\t"):
        return None
    pairs = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
        key = label_key(m.group(0))  # with its colon
        if key:
            pairs.append((key, line[m.end():end].strip(" \u3000\xa0\t")))
    return pairs


def parse_date(text: str) -> date | None:
    """2018年11月06日, 2018-11-19, 2018.11.19, 2018/11/19 → date; None otherwise."""
    m = _DATE.search(text.translate(_FULLWIDTH))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_FULLWIDTH = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")


def to_meta(pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Typed metadata from label/value pairs: dates as ``date``, keywords as a list; empty
    values dropped; the first value of a key wins (a page may repeat its box)."""
    meta: dict[str, object] = {}
    for key, raw in pairs:
        value = _SPACES.sub(" ", raw).strip()
        if not value or key in meta:
            continue
        if key in DATE_KEYS:
            when = parse_date(value)
            if when is not None:
                meta[key] = when
        elif key == "keywords":
            words = [w for w in _KEYWORD_SPLIT.split(value) if w]
            if words:
                meta[key] = words
        elif key == "doc_number":
            meta[key] = value.replace(" ", "")
        else:
            meta[key] = value
    return meta


def box_in_lines(lines: list[str]) -> tuple[dict[str, object], list[int]]:
    """The box at the top of a text: its metadata and the indices of its lines.

    Only a run of ``label：value`` lines before any other text counts (blank lines allowed,
    a value wrapped onto its own line allowed), and only with at least MIN_LABELS labels:
    a regulation whose first article says ``标题：`` is not a box.
    """
    pairs: list[tuple[str, str]] = []
    taken: list[int] = []
    pending: int | None = None  # a label with an empty value: its value may be on the next line
    for i, line in enumerate(lines[:60]):
        if not line.strip(" \u3000\xa0\t\ufeff"):
            continue
        found = pairs_in_line(line.lstrip("\ufeff"))
        if found is None:
            if pending is None or len(line) > 80:
                break
            key, _ = pairs[pending]
            pairs[pending] = (key, line.strip())
            taken.append(i)
            pending = None
            continue
        pairs.extend(found)
        taken.append(i)
        pending = len(pairs) - 1 if found and not found[-1][1] and found[-1][0] != "keywords" else None
    if len({key for key, _ in pairs}) < MIN_LABELS:
        return {}, []
    return to_meta(pairs), taken


def strip_text_box(src: SourceText) -> SourceText:
    """Move a metadata box at the top of a text source into ``src.meta``.

    The box's lines are blanked, not removed, so line numbers in warnings stay those of the
    file.  What the source states elsewhere (an importer's own meta) is kept.
    """
    meta, taken = box_in_lines(src.lines)
    if not taken:
        return src
    for i in taken:
        src.lines[i] = ""
    for key, value in meta.items():
        src.meta.setdefault(key, value)
    return src


# --- the box in a page ------------------------------------------------------------------

#: The box must be at least this share of the text of the element removed as the box.
BOX_SHARE = 0.6
#: Longest text of one label/value element (a body paragraph is longer).
_MAX_PAIR_TEXT = 300


def element_text(el: etree._Element) -> str:
    """An element's text with white space collapsed (inline tags add no spaces)."""
    return _SPACES.sub(" ", "".join(el.itertext())).strip()


def find_box(root: etree._Element) -> tuple[dict[str, object], etree._Element | None]:
    """The page's metadata box: its metadata and the element that holds it (or None).

    Labels are found as cells (``<td>发文字号：</td><td>国令第706号</td>``, ``<b>索引号：</b>
    000014349``) or as ``label：value`` elements (``<li>成文日期：2018年11月06日</li>``).
    The box is the smallest element holding the most kinds of labels (at least MIN_LABELS
    with values) that is mostly made of them, so a label-like line inside the body never
    takes the body with it.
    """
    sizes = _text_sizes(root)
    hits = _label_hits(root, sizes)
    if not hits:
        return {}, None
    best: etree._Element | None = None
    best_rank = (0, 0)
    for el in _ancestors_of(hits):
        if el.tag in ("body", "html"):
            continue
        inside = [h for h in hits if h.holder is el or _contains(el, h.holder)]
        keys = {h.key for h in inside}
        size = sizes.get(el, 0)
        if len({h.key for h in inside if h.value}) < MIN_LABELS or sum(h.size for h in inside) < BOX_SHARE * size:
            continue  # a header row of labels over a list of documents is not a box
        rank = (len(keys), -size)  # all of the box, and nothing else
        if rank > best_rank:
            best, best_rank = el, rank
    if best is None:
        return {}, None
    pairs = [(h.key, h.value) for h in hits if h.holder is best or _contains(best, h.holder)]
    return to_meta(pairs), best


class _Hit:
    """One label/value found in the page: ``holder`` is the smallest element holding both;
    ``size`` counts their characters other than white space."""

    def __init__(self, key: str, value: str, holder: etree._Element, size: int) -> None:
        self.key, self.value, self.holder, self.size = key, value, holder, size


def _text_sizes(root: etree._Element) -> dict[etree._Element, int]:
    """Characters other than white space per element, children counted before parents
    (one pass: asking each element for its text would be quadratic on long pages)."""
    sizes: dict[etree._Element, int] = {}
    for el in reversed(list(root.iter())):
        size = _visible(el.text) if isinstance(el.tag, str) else 0
        for child in el:
            size += sizes.get(child, 0) + _visible(child.tail)
        sizes[el] = size
    return sizes


def _visible(text: str | None) -> int:
    return len(_SPACES.sub("", text)) if text else 0


def _label_hits(root: etree._Element, sizes: dict[etree._Element, int]) -> list[_Hit]:
    hits: list[_Hit] = []
    done: set[etree._Element] = set()
    for el in root.iter():
        size = sizes.get(el, 0)
        if not isinstance(el.tag, str) or el in done or not size or size > _MAX_PAIR_TEXT:
            continue
        parent = el.getparent()
        if parent is not None and sizes.get(parent, 0) == size:
            continue  # the outermost element with this text is the cell
        text = element_text(el)
        key = label_key(text)
        if key:
            value, cells = _value_after(el)
            holder = parent if parent is not None else el
            hits.append(_Hit(key, value, holder, size + _visible(value)))
            done.update(x for c in [el, *cells] for x in c.iter())
            continue
        pairs = pairs_in_line(text)
        if pairs and not any(pairs_in_line(element_text(c)) for c in el if isinstance(c.tag, str)):
            hits.extend(_Hit(k, v, el, size // len(pairs)) for k, v in pairs)
            done.update(el.iter())
    return hits


def _value_after(label: etree._Element) -> tuple[str, list[etree._Element]]:
    """The value that follows a label element: its tail and the next siblings, up to the
    next label."""
    parts = [label.tail or ""]
    cells: list[etree._Element] = []
    for sib in label.itersiblings():
        if not isinstance(sib.tag, str):
            parts.append(sib.tail or "")
            continue
        if label_key(element_text(sib)):
            break
        cells.append(sib)
        parts.extend(["".join(sib.itertext()), sib.tail or ""])
    return _SPACES.sub(" ", "".join(parts)).strip(), cells


def _ancestors_of(hits: list[_Hit]) -> list[etree._Element]:
    seen: dict[etree._Element, None] = {}
    for h in hits:
        seen.setdefault(h.holder, None)
        for anc in h.holder.iterancestors():
            seen.setdefault(anc, None)
    return list(seen)


def _contains(outer: etree._Element, inner: etree._Element) -> bool:
    return any(anc is outer for anc in inner.iterancestors())
