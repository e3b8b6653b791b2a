"""The annotated brief (审阅简报) and the clean export of a document, as .docx.

Layout of a brief:

* cover — title, reviewer, date, the source documents (文号, 制定机关, 施行日期), a count;
* contents — a TOC field (``TOC \\o "1-3" \\h \\z \\u``) pre-filled with links to the
  headings; ``w:updateFields`` makes Word fill in page numbers when the file opens;
* body (page numbers "— 1 —" from here) — per document its title (Heading 1) and metadata
  line, the front matter, then the text: 编/章/节 and outline headings as Heading 2…9 by
  depth, articles as body paragraphs with the label in 黑体, each article/unit bookmarked;
  annotations as highlights in the category colour and, for notes, native Word comments
  anchored on exactly the annotated words (author, initials, date); optionally a
  审阅意见 paragraph under the article; references as internal hyperlinks when their
  target is in the brief, else followed by the citation text;
* appendix — the user links with their relations and notes.

All of it is built as WordprocessingML elements (python-docx for the package, the
comments part, sections and tables), then written to a temporary file and renamed.
"""
from __future__ import annotations

import time
from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable

import docx
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from reader.core.model import HEADING_KINDS, Document, Node, NodeKind
from reader.export import ooxml, styles
from reader.export.files import check_target, write_atomically
from reader.export.model import (
    DEFAULT_TITLE, BriefDocument, BriefLink, BriefOptions, BriefRef, BriefRequest, ExportCancelled, ExportResult,
    BriefLinkEnd, NothingToExport, Scope,
)
from reader.export.plan import OUTLINE, DocPlan, Placed, is_heading, plan_document
from reader.export.styles import DEFAULT_TYPOGRAPHY, Typography

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
_TICK = 64  # nodes between progress reports / cancel checks


def export_brief(request: BriefRequest, path: str | Path, progress: Progress | None = None,
                 cancel: Cancel | None = None, typography: Typography = DEFAULT_TYPOGRAPHY) -> ExportResult:
    """Write the annotated brief of ``request`` to ``path`` (.docx) and say what it holds.

    Raises :class:`NothingToExport` when nothing is chosen (no documents; in annotated-only
    scope, no annotation and no link), :class:`ExportCancelled` when ``cancel()`` turns
    true, :class:`ExportError` when the file cannot be written — in every case the target
    is left as it was.
    """
    started = time.perf_counter()
    path = check_target(path)
    writer = _Writer(request, path, typography, progress, cancel)
    writer.brief()
    write_atomically(path, writer.docx.save)
    writer.result.seconds = time.perf_counter() - started
    return writer.result


def export_clean(document: Document, path: str | Path, progress: Progress | None = None,
                 cancel: Cancel | None = None, typography: Typography = DEFAULT_TYPOGRAPHY) -> ExportResult:
    """Write one document as it reads, without annotations: title, metadata, front matter,
    the text with its headings; page numbers in the footer."""
    started = time.perf_counter()
    path = check_target(path)
    request = BriefRequest([BriefDocument(document)], title=document.title,
                           options=BriefOptions(scope=Scope.FULL, comments=False, toc=False))
    writer = _Writer(request, path, typography, progress, cancel)
    writer.clean()
    write_atomically(path, writer.docx.save)
    writer.result.seconds = time.perf_counter() - started
    return writer.result


class _Writer:
    def __init__(self, request: BriefRequest, path: Path, typography: Typography,
                 progress: Progress | None, cancel: Cancel | None) -> None:
        self.request = request
        self.opt = request.options
        self.t = typography
        self.progress = progress
        self.cancel = cancel
        self.result = ExportResult(path)
        if not request.documents:
            raise NothingToExport(path, "没有选择任何文件")
        self.docx = docx.Document()
        styles.apply(self.docx, typography)
        props = self.docx.core_properties
        props.title = ooxml.clean(request.title)
        props.author = props.last_modified_by = ooxml.clean(request.author)
        props.created = props.modified = datetime.now()
        props.revision = 1
        props.comments = props.keywords = ""
        self.sentinel = self.docx.element.body.get_or_add_sectPr()
        self.plans: dict[str, DocPlan] = {}
        self.toc: list[tuple[int, str, str]] = []
        self._last_p: etree._Element | None = None
        self._bookmark_id = 0
        self._comment_ids: dict[int, int] = {}
        self._done = 0
        self._total = 0
        self._reviews: dict[str, dict[str, list[Placed]]] = {}
        self._link_lines: dict[str, dict[str, list[tuple[BriefLink, bool]]]] = {}
        self._highlighted: set[int] = set()
        self._plan()

    # -- planning ------------------------------------------------------------------------

    def _plan(self) -> None:
        links = list(self.request.links)
        targets: set[tuple[str, str]] = set()
        for bdoc in self.request.documents:
            targets.update((r.target_doc_id, r.target_node_id) for r in bdoc.refs
                           if r.target_doc_id and r.target_node_id)
        for link in links:
            for end in (link.src, link.dst):
                if end.node_id:
                    targets.add((end.doc_id, end.node_id))
        for i, bdoc in enumerate(self.request.documents):
            doc_id = bdoc.document.id
            if doc_id in self.plans:  # the same document chosen twice: once is enough
                continue
            plan = plan_document(bdoc, self.opt.scope, self.opt.include_resolved, links, targets,
                                 order_base=i << 48)
            self.plans[doc_id] = plan
            self.result.warnings.extend(f"{bdoc.document.title}：{w}" for w in plan.warnings)
            reviews: dict[str, list[Placed]] = defaultdict(list)
            for spans in plan.placed.values():
                for placed in spans:
                    reviews[plan.owner(placed.node_id)].append(placed)
            for spans in reviews.values():
                spans.sort(key=lambda p: p.order)
            self._reviews[doc_id] = reviews
            lines: dict[str, list[tuple[BriefLink, bool]]] = defaultdict(list)
            for link in links:
                for end, outgoing in ((link.src, True), (link.dst, False)):
                    if end.doc_id == doc_id and end.node_id in plan.by_id:
                        lines[plan.owner(end.node_id)].append((link, outgoing))
            self._link_lines[doc_id] = lines
            self._total += len(plan.by_id) if plan.written is None else len(plan.written)
        annotations = sum(len(s) for p in self.plans.values() for s in p.placed.values())
        orphans = sum(len(p.orphans) for p in self.plans.values())
        self.result.documents = len(self.plans)
        self.result.annotations = annotations
        self.result.orphans = orphans
        touching = [lk for lk in links if lk.src.doc_id in self.plans or lk.dst.doc_id in self.plans]
        self.result.links = len(touching) if self.opt.links_appendix else 0
        if self.opt.scope is Scope.ANNOTATED and annotations + orphans == 0 and not touching:
            raise NothingToExport(self.result.path,
                                  "所选文件没有批注或关联：仅含批注的简报会是空的（可改为导出全文）")

    # -- the two kinds of file -----------------------------------------------------------

    def brief(self) -> None:
        self._cover()
        toc_anchor = self._toc_start() if self.opt.toc else None
        section = styles.new_section(self.docx)
        styles.page_number_footer(section, self.t, start=1)
        for plan in self.plans.values():
            self._document(plan)
        if self.opt.links_appendix and self.result.links:
            self._links_appendix()
        if toc_anchor is not None:
            self._toc_fill(toc_anchor)
        self._report()

    def clean(self) -> None:
        styles.page_number_footer(self.docx.sections[0], self.t)
        for plan in self.plans.values():
            self._document(plan)
        self._report()

    # -- building blocks -----------------------------------------------------------------

    def _append(self, p: etree._Element) -> etree._Element:
        self.sentinel.addprevious(p)
        self._last_p = p
        return p

    def _para(self, style: str | None = None, **kw) -> etree._Element:
        return self._append(ooxml.paragraph(style, **kw))

    def _props(self, font: str | None = None, *, bold: bool = False, size: float | None = None,
               style: str | None = None, colour: str | None = None, highlight: str | None = None):
        return ooxml.rpr(style, font or self.t.body, latin=self.t.latin, bold=bold, size=size,
                         colour=colour, highlight=highlight)

    def _tick(self) -> None:
        self._done += 1
        if self._done % _TICK == 0:
            self._check()

    def _check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled(self.result.path, "导出已取消")
        if self.progress is not None:
            self.progress(min(self._done, self._total), self._total)

    def _report(self) -> None:
        self._done = self._total
        self._check()

    def _bookmark(self, p: etree._Element, plan: DocPlan, node_id: str) -> int | None:
        name = plan.bookmarks.get(node_id)
        if name is None:
            return None
        self._bookmark_id += 1
        ooxml.bookmark_start(p, self._bookmark_id, name)
        return self._bookmark_id

    def _anchor(self, doc_id: str | None, node_id: str | None) -> str | None:
        """The bookmark of a place when it is in this file, else None."""
        plan = self.plans.get(doc_id or "")
        if plan is None:
            return None
        if not node_id:
            return plan.bookmarks[""]
        if not plan.is_written(node_id):
            return None
        return plan.bookmarks.get(node_id)

    def _citation(self, end: BriefLinkEnd) -> str:
        if end.citation:
            return end.citation
        plan = self.plans.get(end.doc_id)
        return plan.citation(end.node_id) if plan is not None else f"{end.doc_id} {end.node_id or ''}".strip()

    # -- cover and contents --------------------------------------------------------------

    def _cover(self) -> None:
        req = self.request
        for _ in range(4):
            self._para()
        p = self._para(styles.TITLE)
        ooxml.run(p, req.title.strip() or DEFAULT_TITLE, self._props(self.t.title, size=self.t.title_size + 4))
        self._para()
        when = req.date or date.today()
        lines = ([f"审阅人：{req.author}"] if req.author.strip() else []) + [f"日期：{ooxml.cn_date(when)}"]
        for line in lines:
            p = self._para(styles.COVER_LINE)
            ooxml.run(p, line, self._props(self.t.subheading))
        p = self._para(styles.CAPTION)
        ooxml.run(p, "收录文件", self._props(self.t.heading))
        rows = []
        for i, plan in enumerate(self.plans.values(), 1):
            d = plan.doc
            when_eff = (f"{ooxml.cn_date(d.effective)}" if d.effective else
                        f"{ooxml.cn_date(d.issued)}（发布）" if d.issued else "—")
            rows.append([(str(i), None), (d.title, plan.bookmarks[""]), (d.doc_number or "—", None),
                         (d.issuer or "—", None), (when_eff, None)])
        self._table(["序号", "文件名称", "文号", "制定机关", "施行日期"], rows, [14, 44, 32, 30, 36])
        notes = sum(1 for p in self.plans.values() for s in p.placed.values() for x in s if x.ann.has_note)
        summary = f"共 {len(self.plans)} 件文件；批注 {self.result.annotations + self.result.orphans} 处"
        summary += f"（其中意见 {notes} 条）"
        if self.result.links:
            summary += f"；关联 {self.result.links} 条"
        if self.opt.scope is Scope.ANNOTATED:
            summary += "；仅收录有批注或关联的条文"
        p = self._para(styles.COVER_LINE)
        ooxml.run(p, summary, self._props(self.t.subheading, size=self.t.small_size))

    def _toc_start(self) -> etree._Element:
        p = self._para(styles.CAPTION, page_break_before=True)
        ooxml.run(p, "目　录", self._props(self.t.heading))
        return p

    def _toc_fill(self, anchor: etree._Element) -> None:
        """The TOC field; its cached result (shown until Word updates the field, and by
        viewers that do not) is one linked line per heading of levels 1–3."""
        after = anchor
        entries = [(lvl, text, bm) for lvl, text, bm in self.toc if lvl <= 3]
        if not entries:
            p = ooxml.paragraph(styles.TOC_STYLES[0])
            ooxml.field_begin(p, TOC_INSTRUCTION)
            ooxml.run(p, "（打开文件时由 Word 生成目录）", self._props())
            ooxml.field_end(p)
            after.addnext(p)
            return
        for i, (level, text, bm) in enumerate(entries):
            p = ooxml.paragraph(styles.TOC_STYLES[level - 1])
            if i == 0:
                ooxml.field_begin(p, TOC_INSTRUCTION)
            h = ooxml.hyperlink(p, bm)
            font = self.t.heading if level == 1 else self.t.body
            props = self._props(font, size=self.t.body_size if level == 1 else self.t.small_size)
            ooxml.run(h, text, props)  # Word adds the dot leader and page number on update
            after.addnext(p)
            after = p
        p = ooxml.paragraph(styles.TOC_STYLES[0])
        ooxml.field_end(p)
        after.addnext(p)

    # -- a document ------------------------------------------------------------------------

    def _document(self, plan: DocPlan) -> None:
        doc = plan.doc
        p = self._para("Heading1")
        bid = self._bookmark(p, plan, "")
        ooxml.run(p, doc.title, self._props(self.t.title))
        ooxml.bookmark_end(p, bid)
        self.toc.append((1, ooxml.clean(doc.title), plan.bookmarks[""]))
        bits = [doc.doc_number or "", doc.issuer or "",
                f"{ooxml.cn_date(doc.issued)}发布" if doc.issued else "",
                f"{ooxml.cn_date(doc.effective)}施行" if doc.effective else "", doc.status or ""]
        meta = "　".join(b for b in bits if b)
        if meta:
            p = self._para(styles.META)
            ooxml.run(p, meta, self._props(self.t.subheading, size=self.t.small_size))
        if self.opt.front_matter and self.opt.scope is Scope.FULL and doc.front_matter.strip():
            for line in doc.front_matter.splitlines():
                if line.strip():
                    p = self._para(styles.FRONT)
                    ooxml.run(p, line.strip(), self._props(self.t.subheading, size=self.t.small_size))
        for node in doc.nodes:
            self._node(plan, node, 0)
        if plan.orphans:
            self._orphans(plan)

    def _node(self, plan: DocPlan, node: Node, depth: int) -> None:
        if not plan.is_written(node.id):
            return
        self._tick()
        unit = plan.unit_of.get(node.id)
        in_unit = unit is not None
        if unit is node:
            self.result.units += 1
        if is_heading(node):
            opened, children, child_depth = self._heading(plan, node, depth), node.children, depth + 1
        elif node.kind is NodeKind.ARTICLE:
            opened, children, child_depth = self._article(plan, node, depth), None, depth
        else:
            opened, children, child_depth = self._block(plan, node), node.children, depth
        if not in_unit:  # a heading line above the units: its notes right under it
            self._close_whole(opened)
            self._review_block(plan, node.id)
        for child in children or ():
            self._node(plan, child, child_depth)
        if in_unit:
            self._close_whole(opened)
        if unit is node:
            self._review_block(plan, node.id)

    def _heading(self, plan: DocPlan, node: Node, depth: int) -> list[int]:
        level = min(depth + 2, 9)
        kind = node.kind
        p = self._para(f"Heading{level}", align="center" if kind in HEADING_KINDS else None,
                       indent_chars=2 if kind in OUTLINE else None)
        bid = self._bookmark(p, plan, node.id)
        opened = self._open_whole(p, plan, node)
        font, bold = self._heading_font(kind)
        self._emit(p, plan, node, [(len(node.text), font, bold)])
        if bid is not None:
            ooxml.bookmark_end(p, bid)
        if level <= 3 and node.id in plan.bookmarks:
            self.toc.append((level, ooxml.clean(node.text).strip(), plan.bookmarks[node.id]))
        return opened

    def _heading_font(self, kind: NodeKind) -> tuple[str, bool]:
        if kind in (NodeKind.SECTION, NodeKind.LEVEL2):
            return self.t.subheading, False
        if kind is NodeKind.LEVEL3:
            return self.t.body, True
        if kind is NodeKind.LEVEL4:
            return self.t.body, False
        return self.t.heading, False  # 编, 章, 一级标题, 附件

    def _article(self, plan: DocPlan, node: Node, depth: int) -> list[int]:
        """第X条 in 黑体, then (in the same paragraph) its first paragraph, then the rest."""
        p = self._para(styles.BODY)
        bid = self._bookmark(p, plan, node.id)
        opened = self._open_whole(p, plan, node)
        text, label = node.text, node.label
        split = len(label) if label and text.startswith(label) else len(text)
        # a caption (第一条【立法宗旨】) is set like the label: 黑体, the first 款 runs in after it
        captioned = bool(node.heading) and split == len(label) and node.heading in text
        base = [(len(text), self.t.heading, False)] if captioned else \
            [(split, self.t.heading, False), (len(text), self.t.body, False)]
        self._emit(p, plan, node, base)
        children = list(node.children)
        first = children[0] if children else None
        if (first is not None and first.kind is NodeKind.PARAGRAPH and plan.is_written(first.id)
                and (text.strip() in ("", label.strip()) or captioned)):
            children.pop(0)
            self._tick()
            if text.strip():
                ooxml.run(p, "　", self._props())
            fbid = self._bookmark(p, plan, first.id)
            first_opened = self._open_whole(p, plan, first)
            self._emit(p, plan, first, [(len(first.text), self.t.body, False)])
            if fbid is not None:
                ooxml.bookmark_end(p, fbid)
            if bid is not None:
                ooxml.bookmark_end(p, bid)
            for child in first.children:
                self._node(plan, child, depth)
            self._close_whole(first_opened)
        elif bid is not None:
            ooxml.bookmark_end(p, bid)
        for child in children:
            self._node(plan, child, depth)
        return opened

    def _block(self, plan: DocPlan, node: Node) -> list[int]:
        """A paragraph of text: 款, 项, 目, preamble, unnumbered text, table, footnote, and
        outline units too long to be headings (their label and heading run in, in bold)."""
        style = styles.NOTE if node.kind is NodeKind.FOOTNOTE else styles.BODY
        p = self._para(style)
        bid = self._bookmark(p, plan, node.id)
        opened = self._open_whole(p, plan, node)
        text = node.text
        base = [(len(text), self.t.body, False)]
        if node.kind in OUTLINE and node.label and text.startswith(node.label):
            lead = len(node.label)
            if node.heading and text.startswith(node.heading, lead):
                lead += len(node.heading)
                if text[lead:lead + 1] in ("。", "．", "."):
                    lead += 1
            font, bold = self._heading_font(node.kind)
            base = [(lead, font, bold or font == self.t.body), (len(text), self.t.body, False)]
        self._emit(p, plan, node, base)
        if bid is not None:
            ooxml.bookmark_end(p, bid)
        return opened

    # -- annotations ---------------------------------------------------------------------

    def _wants_comment(self, placed: Placed) -> bool:
        return self.opt.comments and placed.ann.has_note

    def _comment(self, placed: Placed) -> int:
        """The Word comment of an annotation (created once)."""
        key = id(placed.ann)
        if key in self._comment_ids:
            return self._comment_ids[key]
        ann = placed.ann
        author = ooxml.clean(ann.author or self.request.author or "RegReader")
        # python-docx writes no threaded replies: they follow the note in its comment
        lines = [ann.note.strip()] if ann.note.strip() else []
        lines += [self._reply_line(r) for r in ann.replies if r.text.strip()]
        c = self.docx.comments.add_comment(
            text=ooxml.clean(lines[0] if lines else ""), author=author,
            initials=ooxml.clean(ann.initials) or ooxml.initials(author))
        for line in lines[1:]:
            c.add_paragraph(ooxml.clean(line))
        meta = self._meta_bits(ann)
        if meta:
            c.add_paragraph(ooxml.clean("　".join(meta)))
        when = ann.created or ann.modified
        if when is not None:
            c._comment_elm.set(qn("w:date"), ooxml.word_datetime(when))
        else:
            c._comment_elm.attrib.pop(qn("w:date"), None)
        self._comment_ids[key] = c.comment_id
        self.result.comments += 1
        return c.comment_id

    @staticmethod
    def _meta_bits(ann) -> list[str]:
        bits = []
        if ann.category:
            bits.append(f"类别：{ann.category}")
        tags = [t.strip() for t in ann.tags if t.strip()]
        if tags:
            bits.append("标签：" + "、".join(tags))
        if ann.resolved:
            bits.append("状态：已解决")
        elif ann.answered:
            bits.append("状态：已答复")
        return bits

    @staticmethod
    def _reply_line(reply) -> str:
        """回复（张三　2024年5月2日）：… — who answered, when, and what."""
        who = "　".join(x for x in (reply.author.strip(), ooxml.cn_date(reply.created)) if x)
        return f"回复（{who}）：{reply.text.strip()}" if who else f"回复：{reply.text.strip()}"

    def _open_whole(self, p: etree._Element, plan: DocPlan, node: Node) -> list[int]:
        """Comment ranges of whole-clause notes on ``node`` start here (they end after the
        node's last paragraph — or its own line, for a heading above the units)."""
        ids = []
        for placed in plan.placed.get(node.id, ()):
            if placed.whole and self._wants_comment(placed):
                cid = self._comment(placed)
                ooxml.comment_start(p, cid)
                ids.append(cid)
        return ids

    def _close_whole(self, ids: list[int]) -> None:
        for cid in reversed(ids):
            ooxml.comment_end(self._last_p, cid)

    def _emit(self, p: etree._Element, plan: DocPlan, node: Node,
              base: list[tuple[int, str, bool]]) -> None:
        """A node's own text into ``p``: runs split at every span boundary, highlights,
        comment ranges on exactly the annotated characters, references as hyperlinks or
        followed by their citation."""
        text = node.text
        n = len(text)
        if not n:
            return
        marks: list[Placed] = []
        starts: dict[int, list[int]] = defaultdict(list)
        ends: dict[int, list[int]] = defaultdict(list)
        for placed in plan.placed.get(node.id, ()):
            marks.append(placed)
            if id(placed.ann) not in self._highlighted:
                self._highlighted.add(id(placed.ann))
                self.result.highlights += 1
            if not placed.whole and self._wants_comment(placed):
                cid = self._comment(placed)
                starts[placed.start].append(cid)
                ends[placed.end].insert(0, cid)
        links = self._ref_spans(plan, node, text)
        points = {0, n}
        for m in marks:
            points.update((m.start, m.end))
        for s, e, _, _ in links:
            points.update((s, e))
        bounds = [b[0] for b in base]
        points.update(b for b in bounds if b < n)
        points = sorted(x for x in points if 0 <= x <= n)
        link_at = {s: (s, e, anchor, cite) for s, e, anchor, cite in links}
        container = p
        link_end: int | None = None
        link_cite = ""
        open_comments = 0
        pending: list[str] = []
        for i, pos in enumerate(points):
            for cid in ends.get(pos, ()):
                ooxml.comment_end(container, cid)
                open_comments -= 1
            if link_end == pos:
                container = p
                link_end = None
                if link_cite:
                    pending.append(link_cite)
            if pending and open_comments == 0:
                for cite in pending:
                    ooxml.run(p, f"［见{cite}］", self._props(style=styles.CITATION))
                pending.clear()
            for cid in starts.get(pos, ()):
                ooxml.comment_start(container, cid)
                open_comments += 1
            if pos in link_at and link_end is None:
                _, e, anchor, cite = link_at[pos]
                if anchor:
                    container = ooxml.hyperlink(p, anchor)
                link_end, link_cite = e, cite
            if i + 1 == len(points):
                break
            nxt = points[i + 1]
            seg_base = base[min(bisect_right(bounds, pos), len(base) - 1)]
            active = [m for m in marks if m.start <= pos < m.end]
            hl = max(active, key=lambda m: (m.start, -m.end)).highlight if active else None
            props = ooxml.rpr(
                styles.HYPERLINK if container is not p else None, seg_base[1], latin=self.t.latin,
                bold=seg_base[2], highlight=hl,
                colour="FFFFFF" if hl in ooxml.DARK_HIGHLIGHTS else None)
            ooxml.run(container, text[pos:nxt], props)

    def _ref_spans(self, plan: DocPlan, node: Node, text: str) -> list[tuple[int, int, str | None, str]]:
        """(start, end, bookmark or None, citation or "") per reference in ``node``."""
        out: list[tuple[int, int, str | None, str]] = []
        last_end = 0
        for ref in sorted(plan.refs.get(node.id, ()), key=lambda r: (r.start, -r.end)):
            start, end = ref.start, ref.end
            if not (0 <= start < end <= len(text)) or (ref.text and text[start:end] != ref.text):
                found = text.find(ref.text, max(0, start - 8)) if ref.text else -1
                if found < 0:
                    continue
                start, end = found, found + len(ref.text)
            if start < last_end:
                continue
            anchor = self._anchor(ref.target_doc_id, ref.target_node_id) if ref.target_doc_id else None
            cite = ""
            if anchor:
                self.result.hyperlinks += 1
            else:
                cite = self._ref_citation(ref)
                own = f"《{plan.doc.title}》"
                if ref.target_doc_id == plan.doc.id and cite.startswith(own) and len(cite) > len(own):
                    cite = cite[len(own):]  # a place in this same document: 第七条 is enough
                if cite and _same(cite, text[start:end]):
                    cite = ""
                if not cite and not ref.target_doc_id:
                    continue  # nothing known about where it leads: plain text
                if cite:
                    self.result.citations += 1
            out.append((start, end, anchor, cite))
            last_end = end
        return out

    def _ref_citation(self, ref: BriefRef) -> str:
        if ref.citation:
            return ref.citation
        plan = self.plans.get(ref.target_doc_id or "")
        return plan.citation(ref.target_node_id) if plan is not None else ""

    def _review_block(self, plan: DocPlan, owner: str) -> None:
        """审阅意见 and 关联 paragraphs under a unit (when the user asked for them)."""
        if not self.opt.review_paragraphs:
            return
        sm = self.t.small_size
        label = self._props(self.t.heading, size=sm)
        body = self._props(self.t.subheading, size=sm)
        for placed in self._reviews[plan.doc.id].get(owner, ()):
            ann = placed.ann
            if not ann.has_note:
                continue
            p = self._para(styles.REVIEW)
            ooxml.run(p, "审阅意见　", label)
            bits = []
            if ann.category:
                bits.append(f"〔{ann.category}〕")
            if not placed.whole:
                node = plan.by_id[placed.node_id]
                bits.append(f"“{node.text[placed.start:placed.end]}”")
            note = ann.note.strip()
            bits.append(("：" if bits else "") + note if note else "")
            tags = [t.strip() for t in ann.tags if t.strip()]
            if tags:
                bits.append("（标签：" + "、".join(tags) + "）")
            who = "　".join(x for x in (ann.author, ooxml.cn_date(ann.created or ann.modified)) if x)
            if who:
                bits.append(f"——{who}")
            if ann.resolved:
                bits.append("（已解决）")
            elif ann.answered:
                bits.append("（已答复）")
            ooxml.run(p, "".join(bits), body)
            for reply in ann.replies:
                if reply.text.strip():
                    ooxml.run(self._para(styles.REVIEW), self._reply_line(reply), body)
        for link, outgoing in self._link_lines[plan.doc.id].get(owner, ()):
            other = link.dst if outgoing else link.src
            p = self._para(styles.REVIEW)
            ooxml.run(p, "关联　", label)
            rel = f"〔{link.relation}〕" if link.relation else ""
            ooxml.run(p, f"{rel}{'→' if outgoing else '←'} ", body)
            self._linked_text(p, self._citation(other), self._anchor(other.doc_id, other.node_id), body)
            rest = (f"“{other.quote}”" if other.quote else "") + (f"：{link.note}" if link.note else "")
            if rest:
                ooxml.run(p, rest, body)

    def _linked_text(self, p: etree._Element, text: str, anchor: str | None, props) -> None:
        if anchor:
            h = ooxml.hyperlink(p, anchor)
            ooxml.run(h, text, ooxml.rpr(styles.HYPERLINK, self.t.subheading, latin=self.t.latin,
                                         size=self.t.small_size))
        else:
            ooxml.run(p, text, props)

    def _orphans(self, plan: DocPlan) -> None:
        """Annotations whose place is gone: listed (and commented) after the document."""
        p = self._para("Heading2")
        ooxml.run(p, "未能定位的批注", self._props(self.t.heading))
        body = self._props(self.t.subheading, size=self.t.small_size)
        for ann in plan.orphans:
            p = self._para(styles.REVIEW)
            placed = Placed(ann, "", 0, 0, True, ooxml.nearest_highlight(ann.colour), 0)
            quote = ann.quote.strip() or "（原文已不存在）"
            want = self._wants_comment(placed)
            cid = self._comment(placed) if want else None
            if cid is not None:
                ooxml.comment_start(p, cid)
            ooxml.run(p, f"“{quote}”", self._props(
                self.t.subheading, size=self.t.small_size, highlight=placed.highlight,
                colour="FFFFFF" if placed.highlight in ooxml.DARK_HIGHLIGHTS else "000000"))
            if cid is not None:
                ooxml.comment_end(p, cid)
            bits = self._meta_bits(ann)
            if ann.note.strip():
                bits.insert(0, ann.note.strip())
            if bits:
                ooxml.run(p, "　" + "　".join(bits), body)

    # -- appendix and tables -------------------------------------------------------------

    def _links_appendix(self) -> None:
        p = self._para("Heading1")
        self._bookmark_id += 1
        ooxml.bookmark_start(p, self._bookmark_id, "appendix_links")
        ooxml.run(p, "附录　关联关系", self._props(self.t.title))
        ooxml.bookmark_end(p, self._bookmark_id)
        self.toc.append((1, "附录　关联关系", "appendix_links"))
        rows = []
        for i, link in enumerate(lk for lk in self.request.links
                                 if lk.src.doc_id in self.plans or lk.dst.doc_id in self.plans):
            cells = [(str(i + 1), None)]
            for end in (link.src, link.dst):
                anchor = self._anchor(end.doc_id, end.node_id)
                if anchor:
                    self.result.hyperlinks += 1
                pieces = [(self._citation(end), anchor)]
                if end.quote:
                    pieces.append((f"\n“{end.quote}”", None))
                cells.append(pieces)
            cells.insert(2, (link.relation or "—", None))
            note = link.note
            if link.author:
                note = f"{note}（{link.author}）" if note else link.author
            cells.append((note or "—", None))
            rows.append(cells)
        self._table(["序号", "出处", "关系", "指向", "说明"], rows, [14, 48, 18, 48, 28])

    def _table(self, headers: list[str], rows: list[list[Cell]],
               widths_mm: list[float]) -> None:
        write_table(self.docx, self.t, headers, rows, widths_mm)


#: A table cell: (text, bookmark or None), or a list of such pieces; text with a bookmark
#: is an internal hyperlink to it.
Cell = tuple[str, str | None] | list[tuple[str, str | None]]


def write_table(document, t: Typography, headers: list[str], rows: Iterable[list[Cell]],
                widths_mm: list[float], shading: list[list[str | None]] | None = None) -> None:
    """A bordered table, its header row repeated on each page."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    tbl = table._tbl
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
    head = ooxml.rpr(None, t.heading, latin=t.latin, size=t.table_size)
    body = ooxml.rpr(None, t.body, latin=t.latin, size=t.table_size)
    link = ooxml.rpr(styles.HYPERLINK, t.body, latin=t.latin, size=t.table_size)
    ooxml.sub(tbl.tr_lst[0].get_or_add_trPr(), "cantSplit")
    ooxml.sub(tbl.tr_lst[0].get_or_add_trPr(), "tblHeader")
    for c, (cell, text) in enumerate(zip(table.rows[0].cells, headers)):
        _cell(cell, (text, None), (head, head), Mm(widths_mm[c]), shade="E7E6E6")
    for r, row in enumerate(rows):
        row_el = table.add_row()
        ooxml.sub(row_el._tr.get_or_add_trPr(), "cantSplit")
        cells = row_el.cells
        for c, (cell, value) in enumerate(zip(cells, row)):
            shade = shading[r][c] if shading else None
            _cell(cell, value, (body, link), Mm(widths_mm[c]), shade=shade)


def _cell(cell, value: Cell, props, width, shade: str | None = None) -> None:
    tc = cell._tc
    cell.width = width
    if shade:
        tcpr = tc.get_or_add_tcPr()
        ooxml.sub(tcpr, "shd", val="clear", color="auto", fill=shade)
    p = tc.p_lst[0]
    ppr = p.get_or_add_pPr()
    ooxml.sub(ppr, "pStyle", val=styles.TABLE_TEXT)
    for text, anchor in [value] if isinstance(value, tuple) else value:
        if anchor:
            ooxml.run(ooxml.hyperlink(p, anchor), text, props[1])
        else:
            ooxml.run(p, text, props[0])


def _same(a: str, b: str) -> bool:
    return a.replace(" ", "").replace("　", "") == b.replace(" ", "").replace("　", "")
