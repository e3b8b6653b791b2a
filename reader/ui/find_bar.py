"""Find in document (Ctrl+F): a bar under the reading view; every occurrence highlighted,
Enter / F3 for the next, Shift+Enter / Shift+F3 for the previous, Esc closes."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from reader.ui.icons import hbox, tool_button


class FindBar(QWidget):
    findRequested = Signal(str)  # the text changed: highlight it everywhere
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.label = QLabel(self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findText")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setObjectName("mutedLabel")
        self.count.setMinimumWidth(80)
        self.prev_button = tool_button(self, "up")
        self.next_button = tool_button(self, "down")
        self.close_button = tool_button(self, "close")
        hbox(self.label, (self.edit, 1), self.count, self.prev_button, self.next_button,
             self.close_button, margins=(10, 4, 10, 4), spacing=6, parent=self)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(lambda: self.findRequested.emit(self.edit.text()))
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.prev_button.clicked.connect(self.previousRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.close_button.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("查找"))
        self.edit.setPlaceholderText(self.tr("在本文档中查找…"))
        self.prev_button.setToolTip(self.tr("上一处（Shift+F3）"))
        self.next_button.setToolTip(self.tr("下一处（F3 或回车）"))
        self.close_button.setToolTip(self.tr("关闭（Esc）"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int, total: int) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("无结果"))
        else:
            self.count.setText(f"{current + 1} / {total}")

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # typed and pressed Enter at once: find first
                    self._timer.stop()
                    self.findRequested.emit(self.edit.text())
                elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previousRequested.emit()
                else:
                    self.nextRequested.emit()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(obj, event)
