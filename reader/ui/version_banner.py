"""The strip above the reading view that says which version is open: a clear warning on an
older version (历史版本：… （现行版本：…）, with 转到现行版本), a quiet note on the current
version of a document that has several (共2个版本, with 版本…); hidden otherwise."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from reader.ui import theme
from reader.ui.icons import hbox

_OLD_STYLE = ("QFrame#versionBanner {{ background: {bg}; border-bottom: 1px solid {rule}; }}"
              " QLabel {{ color: {ink}; }}")
_OLD = {"light": ("#fff1d6", "#e0b35a", "#5c3b00"), "dark": ("#3d3018", "#7a5d22", "#f3d9a4")}


class VersionBanner(QFrame):
    """Shows ``show_for(versions, doc_id)``; asks the window to go to a version."""

    #: Open this version (the current one, from an older one).
    openRequested = Signal(str)
    #: Show the versions dialog.
    versionsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionBanner")
        self.label = QLabel(self)
        self.label.setObjectName("versionBannerText")
        self.label.setWordWrap(True)
        self.current_button = QPushButton(self)
        self.current_button.setObjectName("toCurrentVersion")
        self.versions_button = QPushButton(self)
        self.versions_button.setFlat(True)
        hbox((self.label, 1), self.current_button, self.versions_button,
             margins=(12, 5, 12, 5), spacing=8, parent=self)
        self.current_button.clicked.connect(lambda: self.openRequested.emit(self._current_id))
        self.versions_button.clicked.connect(self.versionsRequested)
        self._versions: list[Any] = []
        self._doc_id = ""
        self._current_id = ""
        self._theme = "light"
        self.hide()

    def set_theme(self, name: str) -> None:
        self._theme = name
        self._restyle()

    def show_for(self, versions: list[Any], doc_id: str) -> None:
        """The versions of the open document (oldest first) and which one is open."""
        self._versions, self._doc_id = list(versions), doc_id
        self.retranslate()

    def is_old(self) -> bool:
        """An older (not current) version is open."""
        me = self._me()
        return me is not None and not me.current and len(self._versions) > 1

    def _me(self) -> Any:
        return next((v for v in self._versions if v.id == self._doc_id), None)

    def retranslate(self) -> None:
        me = self._me()
        current = next((v for v in self._versions if v.current), None)
        self._current_id = current.id if current is not None else ""
        self.current_button.setText(self.tr("转到现行版本"))
        self.current_button.setToolTip(self.tr("打开本文档的现行版本"))
        self.versions_button.setText(self.tr("版本…"))
        self.versions_button.setToolTip(self.tr("列出本文档的全部版本"))
        if me is None or len(self._versions) < 2:
            self.hide()
            return
        if self.is_old():
            now = current.label if current is not None and current.label else self.tr("未注明")
            self.label.setText(self.tr("历史版本：{0}（现行版本：{1}）").format(
                me.label or self.tr("未注明日期"), now))
            self.current_button.setVisible(current is not None)
        else:
            self.label.setText(self.tr("现行版本 {0} · 共{1}个版本").format(me.label, len(self._versions)))
            self.current_button.hide()
        self._restyle()
        self.show()

    def _restyle(self) -> None:
        if self.is_old():
            bg, rule, ink = _OLD["dark" if self._theme == "dark" else "light"]
        else:
            c = theme.colors(self._theme)
            bg, rule, ink = c.box, c.rule, c.muted
        self.setStyleSheet(_OLD_STYLE.format(bg=bg, rule=rule, ink=ink))
        font = self.label.font()
        font.setBold(self.is_old())
        self.label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = ["VersionBanner"]
