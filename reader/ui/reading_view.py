"""The reading view: one document, typeset for reading, with the position map that keeps
it in step with the article tree, highlights search hits, and cites what is copied."""
from __future__ import annotations

from bisect import bisect_right

from typing import Callable

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QContextMenuEvent, QGuiApplication, QHelpEvent, QKeySequence,
                           QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen,
                           QResizeEvent, QTextCharFormat, QTextCursor, QTextFrameFormat,
                           QWheelEvent)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from reader.core.annotations import Annotation, Link
from reader.core.model import Document
from reader.ui import theme
from reader.ui.annotation_layer import AnnotationLayer, NodeMark, Selection, map_selection
from reader.ui.docinfo import DocInfo, fold, literal_rich_text
from reader.ui.render import Rendered, RenderJob, TitleTexts
from reader.ui.settings import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE

#: Widest text column, in CJK characters (a comfortable measure for Chinese).
MEASURE = 40
MAX_HIGHLIGHTS = 3000
#: Documents longer than this (characters) are typeset a piece at a time: the first
#: FIRST_CHARS shown at once, then STEP_CHARS per turn of the event loop (each piece also
#: lays out the one before it), so opening one never holds the window up.
PROGRESSIVE_CHARS = 40_000
FIRST_CHARS = 6_000
STEP_CHARS = 10_000


class ReadingView(QTextBrowser):
    #: The tree unit at the top of the view changed (user scrolling or a jump).
    nodeChanged = Signal(str)
    fontSizeChanged = Signal(float)
    #: (current index, count) of the highlighted occurrences.
    hitsChanged = Signal(int, int)
    statusMessage = Signal(str)
    #: The user asked to show a node in the tree (context menu).
    revealRequested = Signal(str)
    #: A click on an annotation (its id): the window selects it in the annotations panel.
    annotationClicked = Signal(str)
    #: A click on a link marker in the margin: (link, "out" | "in").
    linkClicked = Signal(object, str)
    #: A (new) QTextDocument was typeset to its end: layers that format its text apply
    #: themselves again.
    documentRendered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # files dropped on the text reach the window (import)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._doc: Document | None = None
        self._info: DocInfo | None = None
        self._rendered: Rendered | None = None
        self._font_size = DEFAULT_FONT_SIZE
        self._theme = "light"
        self._texts = TitleTexts()
        self._folded: str | None = None
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._flash: tuple[int, int] | None = None
        self._current: str | None = None
        self._side = -1.0
        self._layer = AnnotationLayer()
        self._ann_input: tuple[list[Annotation], list[Link], dict[str, str]] = ([], [], {})
        self._press: QPoint | None = None
        #: ``hook(menu, position, point)`` adds the window's annotation commands to the
        #: context menu (document position and viewport point of the click)
        self.context_hook: Callable[[QMenu, int, QPoint], None] | None = None
        #: ``ref_tooltip(point)``: the tooltip of a cross-reference link there ('' if none)
        self.ref_tooltip: Callable[[QPoint], str] | None = None
        #: ``decorate(rendered, start, end)`` formats each newly typeset piece [start, end) of
        #: the document in the piece's edit block (one relayout): reference links
        self.decorators: list[Callable[[Rendered, int, int], None]] = []
        self._job: RenderJob | None = None  # the document being typeset, until its end
        self._when_complete: list[Callable[[], None]] = []
        self._waiting_scroll: tuple[str, bool] | None = None  # a node not typeset yet
        self._piece = QTimer(self, singleShot=True, interval=0)
        self._piece.timeout.connect(self._continue)
        self._sync = QTimer(self, singleShot=True, interval=60)
        self._sync.timeout.connect(self._emit_current)
        self._flash_timer = QTimer(self, singleShot=True, interval=1400)
        self._flash_timer.timeout.connect(self._end_flash)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._sync.start())
        self._apply_colors()

    # -- content ---------------------------------------------------------------------------

    @property
    def document_model(self) -> Document | None:
        return self._doc

    @property
    def info(self) -> DocInfo | None:
        return self._info

    @property
    def rendered(self) -> Rendered | None:
        return self._rendered

    def set_title_texts(self, texts: TitleTexts) -> None:
        self._texts = texts

    def show_document(self, doc: Document | None, info: DocInfo | None = None) -> None:
        """Typeset ``doc`` (None: empty view) and scroll to its top."""
        self._doc = doc
        self._info = (info or DocInfo(doc)) if doc is not None else None
        self._hits, self._hit, self._flash = [], -1, None
        self._current = None  # whatever is at the top now is news to the tree
        self._when_complete = []
        self._render()
        self.verticalScrollBar().setValue(0)
        self._sync.start()  # not now: finding the top unit lays the document out

    def _render(self) -> None:
        self._piece.stop()
        self._job, self._waiting_scroll = None, None
        if self._doc is None or self._info is None:
            self._rendered = None
            from PySide6.QtGui import QTextDocument
            new = QTextDocument(self)
        else:
            job = RenderJob(self._doc, self._info, self._font_size, theme.colors(self._theme),
                            self._texts)
            self._rendered = job.rendered
            new = self._rendered.document
            new.setParent(self)
            large = sum(len(n.text) for n in self._info.by_id.values()) > PROGRESSIVE_CHARS
            job.step(FIRST_CHARS if large else None, self._decorate)
            if not job.done:
                self._job = job
        self._folded = None
        self._side = -1.0
        self._fit_measure(new)
        self.setDocument(new)  # the previous document, our child, is deleted by Qt
        if self._job is not None:
            self._piece.start()
        self._typeset()

    def _decorate(self, rendered: Rendered, start: int, end: int) -> None:
        for decorate in self.decorators:
            decorate(rendered, start, end)

    def _continue(self) -> None:
        """The next piece of a long document (a turn of the event loop each)."""
        job = self._job
        if job is None:
            return
        job.step(STEP_CHARS, self._decorate)
        if job.done:
            self._job = None
        else:
            self._piece.start()
        if self._waiting_scroll is not None:
            node, flash = self._waiting_scroll
            if self.node_position(node) is not None or job.done:
                self._waiting_scroll = None
                self.scroll_to_node(node, flash)
        if job.done:
            self._folded = None
            self._typeset()

    def _typeset(self) -> None:
        """After each piece: the layers; once the document is whole, tell the listeners."""
        self._rebuild_layer()
        self._update_selections()
        if self._job is None:
            self.documentRendered.emit()
            waiting, self._when_complete = self._when_complete, []
            for fn in waiting:
                fn()

    def is_complete(self) -> bool:
        """Whether the open document is typeset to its end."""
        return self._job is None

    def when_complete(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` once the document is typeset to its end (now if it is).  Dropped
        when another document is shown first."""
        if self._job is None:
            fn()
        else:
            self._when_complete.append(fn)

    def finish(self) -> None:
        """Typeset the rest now (for what needs the whole text at once)."""
        if self._job is not None:
            self._piece.stop()
            self._job.step(None, self._decorate)
            self._continue()

    def rerender(self) -> None:
        """Typeset again (font size, theme or language changed), keeping the place."""
        node = self.current_node()
        self._render()
        if node:
            self.scroll_to_node(node, flash=False)

    # -- appearance --------------------------------------------------------------------------

    def font_size(self) -> float:
        return self._font_size

    def set_font_size(self, size: float) -> None:
        size = min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, round(size * 2) / 2))
        if size == self._font_size:
            return
        self._font_size = size
        if self._doc is not None:
            self.rerender()
        self.fontSizeChanged.emit(size)

    def zoom_in_text(self) -> None:
        self.set_font_size(self._font_size + 1)

    def zoom_out_text(self) -> None:
        self.set_font_size(self._font_size - 1)

    def zoom_reset(self) -> None:
        self.set_font_size(DEFAULT_FONT_SIZE)

    def set_theme(self, name: str) -> None:
        if name == self._theme:
            return
        self._theme = name
        self._apply_colors()
        if self._doc is not None:
            self.rerender()

    def _apply_colors(self) -> None:
        c = theme.colors(self._theme)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(c.paper))
        pal.setColor(QPalette.ColorRole.Text, QColor(c.ink))
        pal.setColor(QPalette.ColorRole.WindowText, QColor(c.rule))  # horizontal rules
        self.setPalette(pal)
        self.viewport().setPalette(pal)

    def _fit_measure(self, qdoc=None) -> None:
        """Centre a column of at most MEASURE characters (root frame side margins)."""
        qdoc = qdoc or self.document()
        em = self._rendered.em if self._rendered else 16.0
        width = self.viewport().width()
        side = max(em * 1.2, (width - MEASURE * em) / 2 - qdoc.documentMargin())
        if abs(side - self._side) < 1:
            return
        self._side = side
        root = qdoc.rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setBottomMargin(self.viewport().height() * 0.5)  # the last article can reach the top
        root.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        node = self.current_node() if self._rendered else None
        super().resizeEvent(event)
        if self._rendered is not None:
            self._fit_measure()
            if node and event.oldSize().width() != event.size().width():  # text reflowed
                self.scroll_to_node(node, flash=False)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in_text if event.angleDelta().y() > 0 else self.zoom_out_text)()
            event.accept()
            return
        super().wheelEvent(event)

    # -- positions ---------------------------------------------------------------------------

    def node_at(self, pos: int) -> str | None:
        """The innermost node whose text starts at or before document position ``pos``."""
        r = self._rendered
        if r is None or not r.starts:
            return None
        i = bisect_right(r.starts, pos) - 1
        return r.ids[i] if i >= 0 else None

    def node_position(self, node_id: str) -> int | None:
        r = self._rendered
        if r is None:
            return None
        span = r.spans.get(node_id)
        return span[0] if span else r.begin.get(node_id)  # begun, not finished yet

    def _top_margin(self) -> int:
        """How far below the top edge a unit scrolled to stands (one line of air)."""
        return int(self._rendered.em if self._rendered else 16)

    def top_position(self) -> int:
        """The document position at the reading line (just below the top edge)."""
        return self.position_at_y(self.verticalScrollBar().value() + self._top_margin() + 4)

    def position_at_y(self, y: float) -> int:
        """Where the line at document height ``y`` starts.  A galloping search over the
        blocks (which stack downwards): measuring a block lays the text out down to it, so
        the probes stay near ``y`` — a hit test (cursorForPosition) walks every block."""
        qdoc = self.document()
        layout = qdoc.documentLayout()
        last = qdoc.blockCount() - 1
        lo, step = 0, 1
        while lo + step <= last and layout.blockBoundingRect(qdoc.findBlockByNumber(lo + step)).top() <= y:
            lo += step
            step *= 2
        hi = min(last, lo + step - 1)
        while lo < hi:  # the last block that starts at or above y
            mid = (lo + hi + 1) // 2
            if layout.blockBoundingRect(qdoc.findBlockByNumber(mid)).top() <= y:
                lo = mid
            else:
                hi = mid - 1
        block = qdoc.findBlockByNumber(lo)
        lines = block.layout()
        if not block.isValid() or lines is None or not lines.lineCount():
            return max(0, block.position())
        inside = y - layout.blockBoundingRect(block).top()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            if line.y() + line.height() > inside:
                return block.position() + line.textStart()
        return block.position() + lines.lineAt(lines.lineCount() - 1).textStart()

    def current_node(self) -> str | None:
        """The node at the top of the view."""
        if self._rendered is None:
            return None
        return self.node_at(self.top_position())

    def scroll_to_node(self, node_id: str, flash: bool = True) -> bool:
        """Bring a node to the top (a node not typeset yet: as soon as it is)."""
        pos = self.node_position(node_id)
        if pos is None:
            if self._job is not None and self._info is not None and self._info.node(node_id):
                self._waiting_scroll = (node_id, flash)
                return True
            return False
        self.scroll_to_position(pos)
        if flash and self._rendered is not None:
            start, end = self._rendered.spans.get(node_id, (pos, pos + 1))
            if end - start > 1200:  # a chapter: flash its heading, not the whole chapter
                end = self.document().findBlock(start).position() + self.document().findBlock(start).length() - 1
            self._flash = (start, end)
            self._flash_timer.start()
            self._update_selections()
        self._emit_current()
        return True

    def scroll_to_position(self, pos: int) -> None:
        qdoc = self.document()
        block = qdoc.findBlock(pos)
        if not block.isValid():
            return
        rect = qdoc.documentLayout().blockBoundingRect(block)
        y = rect.top()
        layout = block.layout()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(pos - block.position())
            if line.isValid():
                y += line.y()
        self.verticalScrollBar().setValue(max(0, int(y) - self._top_margin()))

    def _emit_current(self) -> None:
        node = self.current_node() or ""
        if self._info is not None and node:
            shown = self._info.tree_node(node)
            node = shown.id if shown is not None else node
        if node != self._current:
            self._current = node
            self.nodeChanged.emit(node)

    # -- highlights ------------------------------------------------------------------------

    def plain_folded(self) -> str:
        self.finish()
        if self._folded is None:
            self._folded = fold(self.document().toPlainText())
        return self._folded

    def find_all(self, terms: list[str] | str, near: int | None = None) -> int:
        """Highlight every occurrence of the terms; make the first one at/after ``near`` (a
        document position) current.  Returns the number of occurrences."""
        if isinstance(terms, str):
            terms = [terms]
        text = self.plain_folded()  # the whole document typeset
        hits: list[tuple[int, int]] = []
        for term in {fold(t) for t in terms if t and t.strip()}:
            start = text.find(term)
            while start >= 0:
                hits.append((start, len(term)))
                start = text.find(term, start + max(1, len(term)))
        hits.sort()
        self._hits = hits
        self._hit = -1
        if hits:
            if near is None:
                self._hit = 0
            else:
                self._hit = next((i for i, (s, _n) in enumerate(hits) if s >= near), 0)
        self._update_selections()
        if self._hit >= 0:
            self._show_hit()
        self.hitsChanged.emit(self._hit, len(hits))
        return len(hits)

    def clear_hits(self) -> None:
        self._hits, self._hit = [], -1
        self._update_selections()
        self.hitsChanged.emit(-1, 0)

    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

    def current_hit(self) -> int:
        return self._hit

    def next_hit(self) -> bool:
        return self._step(1)

    def previous_hit(self) -> bool:
        return self._step(-1)

    def _step(self, delta: int) -> bool:
        if not self._hits:
            return False
        self._hit = (self._hit + delta) % len(self._hits)
        self._update_selections()
        self._show_hit()
        self.hitsChanged.emit(self._hit, len(self._hits))
        return True

    def _show_hit(self) -> None:
        start, length = self._hits[self._hit]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        self.setTextCursor(cursor)  # keyboard selection continues from here
        rect = self.cursorRect(cursor)
        vp = self.viewport().height()
        if rect.top() < vp * 0.15 or rect.bottom() > vp * 0.85:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - int(vp * 0.3))

    def _update_selections(self) -> None:
        c = theme.colors(self._theme)
        selections = self._annotation_selections()
        if self._flash is not None:
            selections.append(self._selection(self._flash[0], self._flash[1] - self._flash[0], c.flash))
        hit_fmt_color = c.hit
        for i, (start, length) in enumerate(self._hits[:MAX_HIGHLIGHTS]):
            if i != self._hit:
                selections.append(self._selection(start, length, hit_fmt_color))
        if 0 <= self._hit < len(self._hits):
            start, length = self._hits[self._hit]
            selections.append(self._selection(start, length, c.hit_current))
        self.setExtraSelections(selections)

    def _selection(self, start: int, length: int, color: str) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        if color != theme.colors(self._theme).flash:
            fmt.setForeground(QColor("#000000" if self._theme != "dark" else "#ffffff"))
        sel.format = fmt
        return sel

    def _end_flash(self) -> None:
        self._flash = None
        self._update_selections()

    # -- annotations -----------------------------------------------------------------------

    @property
    def layer(self) -> AnnotationLayer:
        return self._layer

    def set_annotations(self, annotations: list[Annotation], links: list[Link],
                        colors: dict[str, str], selected: str | None = None) -> None:
        """Show the open document's annotations (span highlights in their category's
        colour, a marker for notes, a bar beside clauses with a note) and link markers."""
        self._ann_input = (list(annotations), list(links), dict(colors))
        self._layer.selected = selected
        self._rebuild_layer()
        self._update_selections()
        self.viewport().update()

    def select_annotation(self, ann_id: str | None) -> None:
        self._layer.selected = ann_id
        self._update_selections()
        self.viewport().update()

    def _rebuild_layer(self) -> None:
        anns, links, colors = self._ann_input
        self._layer = AnnotationLayer.build(self._rendered, self._info,
                                            self._doc.id if self._doc else "", anns, links,
                                            colors, self._layer.selected)

    def _annotation_selections(self) -> list[QTextEdit.ExtraSelection]:
        dark = self._theme == "dark"
        out = []
        for mark in self._layer.marks:
            color = QColor(mark.color)
            chosen = mark.ann.id == self._layer.selected
            alpha = 150 if chosen else (60 if mark.ann.status == "resolved" else 95)
            color.setAlpha(alpha + (40 if dark else 0))
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.start)
            cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            if mark.ann.note or chosen:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(mark.color).darker(130 if not dark else 80))
            sel.format = fmt
            out.append(sel)
        return out

    def selection(self) -> Selection | None:
        """The selection as one node's span (the node holding most of it), or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return map_selection(self._rendered, self._info, cursor.selectionStart(),
                             cursor.selectionEnd(), self.selected_plain_text())

    def scroll_to_annotation(self, ann_id: str) -> bool:
        self.finish()  # the note may be further down than typeset yet
        where = self._layer.find(ann_id)
        if where is None:
            return False
        self.scroll_to_position(where[0])
        bar = self.verticalScrollBar()  # a third down the page: the words before it show too
        bar.setValue(max(0, bar.value() - int(self.viewport().height() * 0.3)))
        self._flash = (where[0], min(where[1], where[0] + 1200))
        self._flash_timer.start()
        self.select_annotation(ann_id)
        self._emit_current()
        return True

    def _node_rect(self, mark: NodeMark) -> QRectF | None:
        """The node's first line, in viewport coordinates (for its margin markers)."""
        qdoc = self.document()
        block = qdoc.findBlock(mark.start)
        if not block.isValid():
            return None
        rect = qdoc.documentLayout().blockBoundingRect(block)
        last = qdoc.findBlock(max(mark.start, mark.end - 1))
        bottom = qdoc.documentLayout().blockBoundingRect(last).bottom() if last.isValid() else rect.bottom()
        top = rect.top() - self.verticalScrollBar().value()
        return QRectF(rect.left(), top, rect.width(), bottom - rect.top())

    def _margins(self) -> tuple[float, float]:
        """x of the text column's left and right edges in the viewport (the root frame's
        side margins, which replace the document margin there)."""
        left = max(self._side, 0)
        return left, self.viewport().width() - left

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._layer.marks and not self._layer.nodes:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        em = self._rendered.em if self._rendered else 16.0
        height = self.viewport().height()
        left, right = self._margins()
        for mark in self._layer.marks:  # a note: a small tab at the end of its span
            if not mark.ann.note:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.end)
            rect = self.cursorRect(cursor)
            if rect.bottom() < 0 or rect.top() > height:
                continue
            size = em * 0.42  # raised into the space between the lines, like a superscript
            self._note_marker(painter, QPointF(rect.left() - size * 0.35, rect.top() - size * 0.85),
                              size, mark.color, mark.ann.id == self._layer.selected)
        for mark in self._layer.nodes.values():
            rect = self._node_rect(mark)
            if rect is None or rect.bottom() < 0 or rect.top() > height:
                continue
            if mark.notes:  # a note on the whole clause: a bar in the left margin
                color = QColor(self._layer.color(mark.notes[0].category))
                chosen = any(a.id == self._layer.selected for a in mark.notes)
                painter.fillRect(QRectF(left - em * 0.55, rect.top() + 2, em * (0.22 if chosen else 0.14),
                                        rect.height() - 4), color)
                self._note_marker(painter, QPointF(left - em * 0.95, rect.top() + em * 0.2),
                                  em * 0.5, color.name(), chosen)
            if mark.links:  # linked: a chain sign in the right margin
                self._link_marker(painter, QPointF(right + em * 0.35, rect.top() + em * 0.25), em)
        painter.end()

    def _note_marker(self, painter: QPainter, at: QPointF, size: float, color: str,
                     chosen: bool) -> None:
        """A folded-corner note sign (a small square with its corner turned)."""
        c = QColor(color)
        path = QPainterPath()
        path.moveTo(at)
        path.lineTo(at.x() + size, at.y())
        path.lineTo(at.x() + size, at.y() + size * 0.7)
        path.lineTo(at.x() + size * 0.7, at.y() + size)
        path.lineTo(at.x(), at.y() + size)
        path.closeSubpath()
        painter.fillPath(path, c if chosen else c.lighter(105))
        painter.setPen(QPen(c.darker(150), 1))
        painter.drawPath(path)

    def _link_marker(self, painter: QPainter, at: QPointF, em: float) -> None:
        c = QColor(theme.colors(self._theme).heading)
        pen = QPen(c, max(1.2, em * 0.09))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        w, h = em * 0.42, em * 0.26
        painter.drawRoundedRect(QRectF(at.x(), at.y(), w, h), h / 2, h / 2)
        painter.drawRoundedRect(QRectF(at.x() + w * 0.6, at.y() + h * 0.9, w, h), h / 2, h / 2)

    def _margin_mark(self, point: QPoint) -> tuple[NodeMark, str] | None:
        """The clause-note bar ("note") or link sign ("link") under a viewport point."""
        em = self._rendered.em if self._rendered else 16.0
        left, right = self._margins()
        x = point.x()
        side = "note" if left - em * 1.1 <= x <= left else ("link" if right <= x <= right + em * 1.2 else None)
        if side is None:
            return None
        for mark in self._layer.nodes.values():
            if (side == "note" and not mark.notes) or (side == "link" and not mark.links):
                continue
            rect = self._node_rect(mark)
            if rect is not None and rect.top() <= point.y() <= rect.top() + max(rect.height(), em):
                if side == "link" and point.y() > rect.top() + em * 1.4:
                    continue
                return mark, side
        return None

    def annotation_at(self, point: QPoint) -> Annotation | None:
        """The annotation under a viewport point: a span's innermost, or a clause note's bar."""
        margin = self._margin_mark(point)
        if margin is not None and margin[1] == "note":
            return margin[0].notes[0]
        if margin is not None:
            return None
        pos = self.cursorForPosition(point).position()
        marks = self._layer.at(pos)
        return marks[-1].ann if marks else None

    def _tooltip(self, point: QPoint) -> str:
        margin = self._margin_mark(point)
        if margin is not None and margin[1] == "link":
            lines = [self.tr("{0} →").format(link.relation) if d == "out" else self.tr("← {0}").format(link.relation)
                     for link, d in margin[0].links]
            return "\n".join(lines) + "\n" + self.tr("（单击查看链接）")
        ann = self.annotation_at(point)
        if ann is None:
            return self.ref_tooltip(point) if self.ref_tooltip is not None else ""
        parts = [f"【{ann.category}】" if ann.category else ""]
        if ann.note:
            parts.append(ann.note)
        elif not ann.on_clause:
            parts.append(self.tr("（高亮，无批注）"))
        if ann.tags:
            parts.append(" ".join(f"#{t}" for t in ann.tags))
        if ann.status == "resolved":
            parts.append(self.tr("已解决"))
        if ann.author:
            parts.append(f"— {ann.author}")
        return "\n".join(p for p in parts if p)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), literal_rich_text(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        point = event.position().toPoint()
        if press is None or (point - press).manhattanLength() > 4 or self.textCursor().hasSelection():
            return
        margin = self._margin_mark(point)
        if margin is not None and margin[1] == "link":
            link, direction = margin[0].links[0]
            self.linkClicked.emit(link, direction)
            return
        ann = self.annotation_at(point)
        if ann is not None:
            self.select_annotation(ann.id)
            self.annotationClicked.emit(ann.id)

    # -- copy with citation -------------------------------------------------------------------

    def selection_citation(self) -> str:
        cursor = self.textCursor()
        if self._info is None:
            return ""
        start, end = cursor.selectionStart(), max(cursor.selectionStart(), cursor.selectionEnd() - 1)
        return self._info.citation(self.node_at(start), self.node_at(end))

    def selected_plain_text(self) -> str:
        return self.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copying a selection yields the text followed by its citation."""
        mime = QMimeData()
        text = self.selected_plain_text()
        cite = self.selection_citation() if text.strip() else ""
        mime.setText(f"{text}\n{cite}" if cite else text)
        return mime

    def copy_plain(self) -> None:
        QGuiApplication.clipboard().setText(self.selected_plain_text())

    def article_text_with_citation(self, node_id: str | None) -> str | None:
        if self._info is None or not node_id:
            return None
        unit = self._info.article(node_id)
        if unit is None:
            return None
        return f"{self._info.display_text(unit)}\n{self._info.citation(unit.id)}"

    def copy_article(self, node_id: str | None = None) -> bool:
        """Copy the whole article (or outline unit) at ``node_id`` / the cursor, cited."""
        node_id = node_id or self.node_at(self.textCursor().position()) or self.current_node()
        text = self.article_text_with_citation(node_id)
        if text is None:
            return False
        QGuiApplication.clipboard().setText(text)
        unit = self._info.article(node_id) if self._info else None
        label = self._info.cite_label(unit.id) if self._info and unit else ""
        self.statusMessage.emit(self.tr("已复制 {0}（附引注）").format(label))
        return True

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        has_sel = self.textCursor().hasSelection()
        pos = self.cursorForPosition(event.pos()).position()
        node_id = self.node_at(pos)
        act = menu.addAction(self.tr("复制（附引注）"), self.copy)
        act.setShortcut(QKeySequence.StandardKey.Copy)
        act.setEnabled(has_sel)
        act = menu.addAction(self.tr("仅复制文字"), self.copy_plain)
        act.setShortcut(QKeySequence("Ctrl+Shift+C"))
        act.setEnabled(has_sel)
        unit = self._info.article(node_id) if self._info and node_id else None
        if unit is not None:
            label = self._info.cite_label(unit.id) or unit.label
            menu.addAction(self.tr("复制{0}全文（附引注）").format(label),
                           lambda n=node_id: self.copy_article(n))
            menu.addAction(self.tr("在目录中显示"), lambda n=node_id: self.revealRequested.emit(n))
        if self.context_hook is not None and self._doc is not None:
            menu.addSeparator()
            self.context_hook(menu, pos, event.pos())
        menu.addSeparator()
        menu.addAction(self.tr("全选"), self.selectAll).setShortcut(QKeySequence.StandardKey.SelectAll)
        menu.exec(event.globalPos())
        menu.deleteLater()
