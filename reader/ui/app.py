"""Start the GUI: ``run(argv, files=None, library=None) -> int``.

Opens the window on the library (``library`` folder, else $REGREADER_LIBRARY or the user
data folder), imports the sample documents on the first start and the ``files`` given, in
the background, and returns the exit code of the event loop.
"""
from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any, Sequence

APP_NAME = "RegReader"


def create_application(argv: Sequence[str] | None = None):  # noqa: ANN201
    """The QApplication (reused if one exists), named, themed and translated."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from reader.ui import i18n, theme
    from reader.ui.icons import icon
    from reader.ui.settings import Settings

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)  # crisp text at 125 %/150 %
        app = QApplication(list(argv) if argv else [sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("法规阅读器")
    app.setWindowIcon(icon("app"))
    settings = Settings()
    app.setFont(theme.ui_font(app.font()))
    theme.apply(app, settings.theme)
    i18n.install(app, settings.language)
    return app


class LibraryOnDemand:
    """Stands for the library until ``open()``: the window is built and painted before the
    store is loaded (it imports every importer, python-docx and lxml: most of the start-up
    time), then opened; from then on every attribute is the Library's.  Asked for anything
    before, it opens the library there and then."""

    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self._folder = folder
        self._library: Any = None

    def open(self) -> Any:
        if self._library is None:
            from reader.store.library import Library

            self._library = Library.open(self._folder)
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.open(), name)


def run(argv: Sequence[str] | None = None, files: Sequence[str | os.PathLike] | None = None,
        library: str | os.PathLike | None = None) -> int:
    """Open the reading window; return the exit code (0 when the window is closed).

    ``argv`` goes to QApplication (Qt's own options); ``files`` are imported in the
    background once the window is shown; ``library`` overrides the library folder.  The
    window paints first; the store's modules are imported on a worker meanwhile, then the
    library opens and the window starts (lists it, restores the last document …).
    """
    app = create_application(argv)
    from reader.core.errors import UserError
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

    lib = LibraryOnDemand(library)
    window = MainWindow(lib, Settings())
    window.show()
    paths = [str(Path(f)) for f in files or []]

    def opened() -> None:
        try:
            lib.open()
        except UserError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(window, "法规阅读器", str(exc))
            app.exit(1)
            return
        window.commands.retranslate()  # the import commands name the formats now loaded
        window.start(paths)

    def load_store() -> None:
        window.runner.start(lambda _t: importlib.import_module("reader.store.library"), name="library",
                            on_done=lambda _m: opened(), on_error=lambda _m: opened())

    window.after_first_paint(load_store)
    try:
        code = app.exec()
    finally:
        window.runner.cancel_all()
        window.runner.wait(10000)
        window.deleteLater()
        lib.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(run(sys.argv, files=[a for a in sys.argv[1:] if not a.startswith("-")]))
