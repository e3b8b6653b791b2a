"""The annotations alone, as a table: one row per annotation (条文, 摘录, 类别, 意见, 标签, 状态)."""
from __future__ import annotations

import time
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from reader.export import ooxml, styles
from reader.export.brief import Cancel, Progress, _Writer, write_table
from reader.export.files import check_target, write_atomically
from reader.export.model import BriefRequest, ExportResult, NothingToExport
from reader.export.styles import DEFAULT_TYPOGRAPHY, Typography

#: The review status as the table says it.
STATUS_WORDS = {"open": "待处理", "answered": "已答复", "resolved": "已解决"}
HEADERS = ["序号", "条文", "摘录", "类别", "意见", "标签", "状态"]
WIDTHS_MM = [14, 40, 60, 20, 67, 28, 18]  # landscape A4 less 25 mm margins: 247 mm


def export_annotation_table(request: BriefRequest, path: str | Path, progress: Progress | None = None,
                            cancel: Cancel | None = None,
                            typography: Typography = DEFAULT_TYPOGRAPHY) -> ExportResult:
    """Write the annotations of ``request`` (its scope aside) as one table per document.

    Resolved annotations follow ``request.options.include_resolved``; annotations whose
    place is gone are listed with 条文 "（未定位）".  Raises :class:`NothingToExport` when
    there is no annotation to list.
    """
    started = time.perf_counter()
    path = check_target(path)
    writer = _Writer(request, path, typography, progress, cancel)
    if writer.result.annotations + writer.result.orphans == 0:
        raise NothingToExport(path, "所选文件没有批注，批注表会是空的")
    _tables(writer)
    write_atomically(path, writer.docx.save)
    writer.result.seconds = time.perf_counter() - started
    return writer.result


def _tables(w: _Writer) -> None:
    section = w.docx.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(25))
    styles.page_number_footer(section, w.t)
    p = w._para(styles.TITLE)
    ooxml.run(p, "批注一览", w._props(w.t.title))
    sub = "　".join(x for x in (w.request.title.strip(), w.request.author.strip(),
                               ooxml.cn_date(w.request.date) if w.request.date else "") if x)
    if sub:
        p = w._para(styles.META)
        ooxml.run(p, sub, w._props(w.t.subheading, size=w.t.small_size))
    for plan in w.plans.values():
        placed = sorted((x for spans in plan.placed.values() for x in spans), key=lambda x: x.order)
        if not placed and not plan.orphans:
            continue
        w._tick()
        p = w._para(styles.CAPTION)
        ooxml.run(p, f"《{plan.doc.title}》", w._props(w.t.heading))
        rows, shades = [], []
        items = [(plan.place(x.node_id) or "（全文）", x.ann,
                  "" if x.whole else plan.by_id[x.node_id].text[x.start:x.end]) for x in placed]
        items += [("（未定位）", a, a.quote) for a in plan.orphans]
        for i, (where, ann, quote) in enumerate(items, 1):
            rgb = ooxml.parse_hex(ann.colour)
            rows.append([(str(i), None), (where, None), (quote or "（整条）", None), (ann.category or "—", None),
                         (ann.note.strip() or "—", None), ("、".join(t for t in ann.tags if t.strip()) or "—", None),
                         (STATUS_WORDS.get(ann.status, "待处理"), None)])
            shades.append([None, None, None, "%02X%02X%02X" % rgb if rgb else None, None, None, None])
        write_table(w.docx, w.t, HEADERS, rows, WIDTHS_MM, shading=shades)
    w._report()
