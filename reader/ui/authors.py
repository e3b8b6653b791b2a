"""Authors in colour: a team's notes and replies are told apart at a glance by their
author's colour, the same one every time and on every desktop (it comes from the name,
not from the order the authors turn up in), and readable on the light and the dark
theme's background (the WCAG contrast of text, 4.5:1, is kept).

The panel's rows are plain multi-line text; :class:`AuthorDelegate` paints the author's
part of a row (``AUTHOR_SPAN_ROLE``: line, start, end) in that colour and the rest as
the style would."""
from __future__ import annotations

import zlib

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

AUTHOR_ROLE = Qt.ItemDataRole.UserRole + 31  # the author's name
AUTHOR_SPAN_ROLE = Qt.ItemDataRole.UserRole + 32  # (line, start, end) of the name in the text
MIN_CONTRAST = 4.5
_GOLDEN = 0.618033988749895


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(background: QColor) -> bool:
    return background.lightnessF() < 0.5


def author_color(name: str, background: QColor | str = "#ffffff") -> QColor:
    """The colour of ``name`` on ``background``: the hue from the name (spread by the golden
    ratio, so similar names still differ), the lightness moved away from the background
    until the text reads."""
    bg = QColor(background)
    hue = (zlib.crc32(name.encode("utf-8")) * _GOLDEN) % 1.0
    dark = is_dark(bg)
    lightness = 0.72 if dark else 0.38
    color = QColor.fromHslF(hue, 0.62, lightness)
    while contrast(color, bg) < MIN_CONTRAST and 0.05 < lightness < 0.95:
        lightness += 0.03 if dark else -0.03
        color = QColor.fromHslF(hue, 0.62, lightness)
    return color


class AuthorDelegate(QStyledItemDelegate):
    """Paints a row like the style does, with the author's name in the author's colour
    (the selection's text colour when the row is selected: that is what reads there)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        span = index.data(AUTHOR_SPAN_ROLE)
        author = index.data(AUTHOR_ROLE)
        if not span or not author:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Enabled \
            else QPalette.ColorGroup.Disabled
        ink = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        own = ink if selected else author_color(author, opt.palette.color(QPalette.ColorRole.Base))
        if not selected and index.data(Qt.ItemDataRole.ForegroundRole) is not None:
            own.setAlphaF(0.6)  # a dimmed row (resolved, deleted): its author dimmed too
        self._lines(painter, rect, opt, text, span, ink, own)

    @staticmethod
    def _lines(painter: QPainter, rect: QRect, opt: QStyleOptionViewItem, text: str,
               span: tuple[int, int, int], ink: QColor, own: QColor) -> None:
        """Each line elided at the edge, the block centred as the style centres text."""
        lines = text.replace("\u2028", "\n").split("\n")  # the style option's line separators
        fm = opt.fontMetrics
        height = fm.lineSpacing()
        top = rect.top() + max(0, (rect.height() - height * len(lines)) // 2)
        line_no, start, end = span
        painter.save()
        painter.setFont(opt.font)
        for n, line in enumerate(lines):
            y = top + n * height
            if y > rect.bottom():
                break
            shown = fm.elidedText(line, opt.textElideMode, rect.width())
            parts = [(shown, ink)]
            if n == line_no and shown == line:
                parts = [(line[:start], ink), (line[start:end], own), (line[end:], ink)]
            elif n == line_no and len(shown) > end:  # elided after the name: still coloured
                parts = [(shown[:start], ink), (shown[start:end], own), (shown[end:], ink)]
            x = rect.left()
            for part, color in parts:
                if not part:
                    continue
                painter.setPen(color)
                painter.drawText(QRect(x, y, rect.right() - x + 1, height),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), part)
                x += fm.horizontalAdvance(part)
        painter.restore()


__all__ = ["AUTHOR_ROLE", "AUTHOR_SPAN_ROLE", "AuthorDelegate", "author_color", "contrast", "is_dark"]
