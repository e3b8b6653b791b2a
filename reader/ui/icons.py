"""Line icons from resources/icons (SVG), drawn in the theme's text colour; the small
widget and layout helpers the panels share."""
from __future__ import annotations

from functools import lru_cache
from typing import Union

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (QAbstractItemView, QBoxLayout, QHBoxLayout, QLabel, QLayout,
                               QToolButton, QTreeView, QVBoxLayout, QWidget)

from reader.ui.theme import RESOURCES

ICONS_DIR = RESOURCES / "icons"
_COLORS = {"light": "#3a3d42", "dark": "#c9ced6"}


@lru_cache(maxsize=None)
def icon(name: str, theme: str = "light") -> QIcon:
    path = ICONS_DIR / f"{name}.svg"
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        return QIcon()
    if name != "app":
        svg = svg.replace("#000000", _COLORS.get(theme, _COLORS["light"]))
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


def tool_button(parent: QWidget, name: str) -> QToolButton:
    """A flat icon button; ``iconName`` lets a theme change redraw its icon."""
    button = QToolButton(parent)
    button.setIcon(icon(name))
    button.setProperty("iconName", name)
    button.setAutoRaise(True)
    return button


def item_tree(parent: QWidget, name: str, model=None, wrap: bool = True) -> QTreeView:  # noqa: ANN001
    """A read-only tree without header for a panel's list (rows of varying height: with
    ``wrap`` False, one row per text line, each elided at the edge)."""
    view = QTreeView(parent)
    view.setObjectName(name)
    view.setHeaderHidden(True)
    view.setIndentation(12)
    view.setWordWrap(wrap)
    view.setUniformRowHeights(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if model is not None:
        view.setModel(model)
    return view


def muted_label(parent: QWidget, text: str = "") -> QLabel:
    """A grey, plain-text, wrapping label (titles and hints in panels and dialogs)."""
    label = QLabel(text, parent)
    label.setObjectName("mutedLabel")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


Item = Union[QWidget, QLayout, tuple]


def _fill(layout: QBoxLayout, items: tuple[Item, ...], margins: tuple[int, int, int, int],
          spacing: int) -> QBoxLayout:
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    for item in items:
        thing, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(thing, QLayout):
            layout.addLayout(thing, stretch)
        else:
            layout.addWidget(thing, stretch)
    return layout


def hbox(*items: Item, margins: tuple[int, int, int, int] = (0, 0, 0, 0), spacing: int = 4,
         parent: QWidget | None = None) -> QHBoxLayout:
    """A row of widgets/layouts; ``(item, stretch)`` gives an item a stretch factor."""
    return _fill(QHBoxLayout(parent) if parent else QHBoxLayout(), items, margins, spacing)


def vbox(parent: QWidget, *items: Item, margins: tuple[int, int, int, int] = (6, 6, 6, 6),
         spacing: int = 5) -> QVBoxLayout:
    """The column layout of a panel."""
    return _fill(QVBoxLayout(parent), items, margins, spacing)
