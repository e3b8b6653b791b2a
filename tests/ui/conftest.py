"""GUI tests (pytest-qt): offscreen Qt, temporary settings, a seeded library per test."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import pytest  # noqa: E402

from tests.conftest import SAMPLES  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own settings file (never the user's)."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("REGREADER_SETTINGS", str(path))
    return path


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library with the sample documents, imported once per session."""
    from reader.store.library import Library

    folder = tmp_path_factory.mktemp("seeded") / "library"
    with Library.open(folder) as lib:
        report = lib.import_files(sorted(SAMPLES.glob("*.txt")))
        assert not report.failures, report.failures
    return folder


@pytest.fixture
def seeded_library(_seeded_template: Path, tmp_path: Path):
    """A copy of the seeded library, open; closed after the test."""
    from reader.store.library import Library

    folder = tmp_path / "library"
    shutil.copytree(_seeded_template, folder)
    lib = Library.open(folder)
    yield lib
    lib.close()


@pytest.fixture
def make_window(qtbot, _isolated_settings: Path):
    """Build main windows on a library; each is closed (settings saved) after the test."""
    from PySide6.QtWidgets import QApplication

    from reader.ui import i18n, theme
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

    windows = []

    def make(library, settings_path: Path | None = None, start: bool = True,
             size: tuple[int, int] | None = (1280, 820)) -> MainWindow:
        window = MainWindow(library, Settings(settings_path or _isolated_settings))
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if start:
            window.start([], index=False)  # the search index is built by the search tests
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.cancel_all()
        window.runner.wait()
    app = QApplication.instance()
    i18n.install(app, "zh")
    theme.apply(app, "light")


def doc_id(library, words: str) -> str:
    return next(s.id for s in library.documents() if words in s.title)
