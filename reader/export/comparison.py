"""The 修改前后对照表 of two versions: the table Chinese legislative offices hand reviewers.

Three columns, 修改前 | 修改后 | 说明, one row per paired article (or 章/节 heading) in the
new version's order, removed ones where they stood; each cell opens with the article's
number, deleted words are struck through in 修改前 and inserted words underlined (and bold)
in 修改后, so the table reads on paper without colour.  A4 landscape, the header row
repeated on every page.  By default only what changed is listed — an 对照表 is read for
its changes — and the note under the title says how many articles were left out.

Pure: a :class:`~reader.core.versions.Comparison` and its two Documents in, a .docx out.
"""
from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from reader.core.model import Document
from reader.core.versions import Comparison, Pair
from reader.export import ooxml, styles
from reader.export.files import check_target, write_atomically
from reader.export.model import ExportCancelled
from reader.export.styles import DEFAULT_TYPOGRAPHY, Typography

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

HEADERS = ("修改前", "修改后", "说明")
WIDTHS_MM = (100, 100, 47)  # landscape A4 less 25 mm margins: 247 mm
_TICK = 25  # rows between progress / cancel checks
#: An event of a law's history (题注 or front matter): its date and what happened.
_EVENT = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^\n。；]{0,80}?"
                    r"(第[一二三四五六七八九十]+次(?:修正|修订)|修正|修订|通过|公布)")
#: Statuses listed even in a changes-only table (a renumbering alone is not a change).
_ALWAYS = frozenset({"added", "removed", "split", "merged", "changed"})


@dataclass(frozen=True)
class ComparisonOptions:
    """What the 对照表 holds.  Captions name the two versions under the title (default: the
    last 通过/修正/修订 date of each version's history, else its dates)."""

    changes_only: bool = True  # leave out unchanged and only renumbered articles
    title: str | None = None  # default 《title》修改前后对照表
    old_caption: str | None = None
    new_caption: str | None = None


@dataclass
class ComparisonResult:
    """What the export wrote (for the CLI's --json and the GUI's closing message)."""

    path: Path
    rows: int = 0  # table rows written, the header aside
    unchanged: int = 0  # articles left out as unchanged (changes only)
    renumbered: int = 0  # articles left out whose only change is their number (changes only)
    counts: dict[str, int] = field(default_factory=dict)  # rows per status
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"path": str(self.path), "rows": self.rows, "unchanged": self.unchanged,
                "renumbered": self.renumbered, "counts": dict(self.counts),
                "seconds": round(self.seconds, 3)}


def export_comparison(comparison: Comparison, old: Document, new: Document, path: str | Path,
                      options: ComparisonOptions = ComparisonOptions(), *,
                      progress: Progress | None = None, cancel: Cancel | None = None,
                      typography: Typography = DEFAULT_TYPOGRAPHY) -> ComparisonResult:
    """Write the 修改前后对照表 of ``comparison`` (``old`` → ``new``) to ``path`` atomically.

    Raises ExportError (naming the file and the reason) when it cannot be written and
    ExportCancelled when ``cancel()`` turns True; the target is then left as it was."""
    started = time.perf_counter()
    path = check_target(path)
    result = ComparisonResult(path)
    rows = []
    for pair in comparison.pairs:
        if not listed(pair, options.changes_only):
            if not pair.heading:
                if pair.status == "moved":
                    result.renumbered += 1
                else:
                    result.unchanged += 1
            continue
        rows.append(pair)
    w = _Writer(typography, path, progress, cancel, len(rows))
    title = (options.title or "").strip() or f"《{new.title}》修改前后对照表"
    w.front(title, options.old_caption or version_caption(old),
            options.new_caption or version_caption(new), _listed_note(options, result))
    groups = _groups(comparison)
    w.table([_row(p, groups, w) for p in rows])
    for p in rows:
        result.counts[p.status] = result.counts.get(p.status, 0) + 1
    result.rows = len(rows)
    w.check(len(rows))
    write_atomically(path, w.docx.save)
    result.seconds = time.perf_counter() - started
    return result


def listed(pair: Pair, changes_only: bool) -> bool:
    """Whether the pair gets a row: always with every article; with changes only, when its
    words changed or it was added, removed, split or merged."""
    return not changes_only or pair.status in _ALWAYS or text_changed(pair)


def text_changed(pair: Pair) -> bool:
    """Whether the words of the pair differ (not only its number)."""
    return pair.status in ("added", "removed") or any(
        op != "equal" for d in pair.paragraphs for op, _ in d.segments)


def note(pair: Pair, groups: dict[tuple[str, str], list[Pair]] | None = None) -> str:
    """The 说明 of one row: 新增 / 删除 / 修改 / 条文顺序调整（原第X条） / 拆分 / 合并 / 未修改."""
    groups = groups or {}
    if pair.status == "added":
        return "新增"
    if pair.status == "removed":
        return "删除"
    if pair.status == "split" and pair.old:
        parts = "、".join(p.new.label for p in groups.get(("split", pair.old.node_id), [pair]) if p.new)
        whole = f"原{pair.old.label}拆分为{parts}" if "、" in parts else f"原{pair.old.label}"
        return f"拆分（{whole}）"
    if pair.status == "merged" and pair.new:
        parts = "、".join(p.old.label for p in groups.get(("merged", pair.new.node_id), [pair]) if p.old)
        whole = f"原{parts}合并为{pair.new.label}" if "、" in parts else f"原{parts}"
        return f"合并（{whole}）"
    changed = text_changed(pair)
    if pair.status == "moved" and pair.old:
        what = "章节" if pair.heading else "条文"
        return f"{what}顺序调整（原{pair.old.label}）" + ("，修改" if changed else "")
    return "修改" if changed else "未修改"


def version_caption(doc: Document) -> str:
    """How a version is named: its last 通过/修正/修订 (2023年12月29日第二次修订) from its
    history, else its 施行 or 发布 date, else nothing."""
    events = list(_EVENT.finditer(doc.front_matter or ""))
    if events:
        y, m, d, act = events[-1].groups()
        return f"{int(y)}年{int(m)}月{int(d)}日{act}"
    if doc.effective:
        return f"{ooxml.cn_date(doc.effective)}施行"
    return f"{ooxml.cn_date(doc.issued)}发布" if doc.issued else ""


def _listed_note(options: ComparisonOptions, result: ComparisonResult) -> str:
    if not options.changes_only:
        return ""
    left = [f"未修改的{result.unchanged}条"] if result.unchanged else []
    left += [f"仅序号调整的{result.renumbered}条"] if result.renumbered else []
    return "本表仅列修改的条文" + (f"（{'、'.join(left)}未列出）" if left else "")


def _groups(comparison: Comparison) -> dict[tuple[str, str], list[Pair]]:
    """The parts of each split (by old unit) and merged (by new unit) group."""
    out: dict[tuple[str, str], list[Pair]] = {}
    for p in comparison.units:
        if p.status == "split" and p.old:
            out.setdefault(("split", p.old.node_id), []).append(p)
        elif p.status == "merged" and p.new:
            out.setdefault(("merged", p.new.node_id), []).append(p)
    return out


# -- writing ---------------------------------------------------------------------------------

#: A cell: paragraphs of (text, kind) runs, kind being label / equal / delete / insert / note.
Cell = list[list[tuple[str, str]]]
#: 修改前, 修改后, 说明, and whether the row is a 编/章/节 heading (shaded, to tell it from articles).
_Row = tuple[Cell, Cell, Cell, bool]
_HEADING_SHADE = "F2F2F2"


def _side(pair: Pair, old_side: bool) -> Cell:
    ref = pair.old if old_side else pair.new
    if ref is None:
        return []
    drop = "insert" if old_side else "delete"
    paras: Cell = []
    for d in pair.paragraphs:
        if (d.old if old_side else d.new) is None:
            continue
        paras.append([(text, op) for op, text in d.segments if op != drop and text])
    if not paras:
        if pair.status in ("split", "merged"):
            return []  # a part that took nothing from this side; 说明 names the unit
        paras = [[]]
    sep = "　" if paras[0] else ""
    paras[0] = [(ref.label + sep, "label")] + paras[0] if ref.label else paras[0]
    return paras


def _row(pair: Pair, groups: dict[tuple[str, str], list[Pair]], w: _Writer) -> _Row:
    w.tick()
    return _side(pair, True), _side(pair, False), [[(note(pair, groups), "note")]], pair.heading


class _Writer:
    """One .docx being built: page set up, styles, and the run properties of each kind."""

    def __init__(self, t: Typography, path: Path, progress: Progress | None, cancel: Cancel | None,
                 total: int) -> None:
        self.t, self.path, self.progress, self.cancel = t, path, progress, cancel
        self.done, self.total = 0, total
        self.docx = docx.Document()
        styles.apply(self.docx, t)
        section = self.docx.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(25))
        styles.page_number_footer(section, t)
        self.body = self.docx.element.body
        self.sentinel = self.body.get_or_add_sectPr()
        size = t.table_size
        plain = ooxml.rpr(None, t.body, latin=t.latin, size=size)
        self.props = {
            "equal": plain,
            "note": plain,
            "label": ooxml.rpr(None, t.heading, latin=t.latin, size=size),
            "insert": ooxml.rpr(None, t.body, latin=t.latin, size=size, bold=True, underline=True),
            "delete": _struck(plain),
        }
        self.head = ooxml.rpr(None, t.heading, latin=t.latin, size=size)

    def tick(self) -> None:
        self.done += 1
        if self.done % _TICK == 0:
            self.check(self.done)

    def check(self, done: int) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled(self.path, "导出已取消")
        if self.progress is not None:
            self.progress(min(done, self.total), self.total)

    def _para(self, style: str, **kw) -> etree._Element:
        p = ooxml.paragraph(style, **kw)
        self.sentinel.addprevious(p)
        return p

    def front(self, title: str, old_caption: str, new_caption: str, listed: str) -> None:
        props = self.docx.core_properties
        props.title = ooxml.clean(title)
        props.created = props.modified = datetime.now()
        props.revision = 1
        ooxml.run(self._para(styles.TITLE), title, ooxml.rpr(None, self.t.title, latin=self.t.latin))
        versions = "　".join(x for x in (f"修改前：{old_caption}" if old_caption else "",
                                         f"修改后：{new_caption}" if new_caption else "") if x)
        meta = ooxml.rpr(None, self.t.subheading, latin=self.t.latin, size=self.t.small_size)
        for line in (versions, listed):
            if line:
                ooxml.run(self._para(styles.META), line, meta)

    def table(self, rows: list[_Row]) -> None:
        """The bordered table; built as XML (python-docx's add_row re-reads the grid per row)."""
        table = self.docx.add_table(rows=1, cols=3)
        table.style = self.docx.styles["Table Grid"]
        table.autofit = False
        tbl = table._tbl
        self.sentinel.addprevious(tbl)
        for i, width in enumerate(WIDTHS_MM):
            table.columns[i].width = Mm(width)
        header = tbl.tr_lst[0]
        tr_pr = header.get_or_add_trPr()
        ooxml.sub(tr_pr, "cantSplit")
        ooxml.sub(tr_pr, "tblHeader")
        for tc in header.tc_lst:
            header.remove(tc)
        for text, width in zip(HEADERS, WIDTHS_MM):
            self._cell(header, width, [[(text, "head")]], shade="E7E6E6", align="center")
        for *cells, heading in rows:
            tr = ooxml.sub(tbl, "tr")
            for width, cell in zip(WIDTHS_MM, cells):
                self._cell(tr, width, cell, shade=_HEADING_SHADE if heading else None)

    def _cell(self, tr: etree._Element, width_mm: float, paras: Cell, *, shade: str | None = None,
              align: str | None = None) -> None:
        tc = ooxml.sub(tr, "tc")
        tc_pr = ooxml.sub(tc, "tcPr")
        ooxml.sub(tc_pr, "tcW", w=str(round(width_mm * 1440 / 25.4)), type="dxa")
        if shade:
            ooxml.sub(tc_pr, "shd", val="clear", color="auto", fill=shade)
        for runs in paras or [[]]:  # a cell holds at least one paragraph
            p = ooxml.paragraph(styles.TABLE_TEXT, align=align)
            tc.append(p)
            for text, kind in runs:
                ooxml.run(p, text, self.head if kind == "head" else self.props[kind])


def _struck(props: etree._Element | None) -> etree._Element:
    """``props`` with w:strike, placed where CT_RPr's sequence wants it (before w:color / w:sz)."""
    out = copy.deepcopy(props) if props is not None else ooxml.el("rPr")
    strike = ooxml.el("strike")
    later = next((c for c in out if c.tag in (qn("w:color"), qn("w:sz"), qn("w:szCs"), qn("w:u"))), None)
    if later is not None:
        later.addprevious(strike)
    else:
        out.append(strike)
    return out
