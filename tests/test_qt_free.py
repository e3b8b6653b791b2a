"""The domain, store, export and index never import Qt (PySide6): they must run headless,
in the CLI, in tests and on worker threads.  Parsed with ast, so nothing is imported."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

QT_FREE = ["reader/core", "reader/store", "reader/export", "reader/team", "index"]
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6")


def _is_qt(name: str | None) -> bool:
    return bool(name) and name.split(".")[0] in QT_MODULES


def qt_imports(source: str, filename: str) -> list[str]:
    """Every Qt import in a module: import statements (at any depth, also inside functions
    or try blocks) and ``importlib.import_module``/``__import__`` calls with a literal name."""
    found = []
    try:
        tree = ast.parse(source, filename)
    except SyntaxError as exc:  # cannot be checked, and would not import anyway
        return [f"{filename}:{exc.lineno}: cannot be parsed by this Python: {exc.msg}"]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{filename}:{node.lineno}: import {a.name}" for a in node.names if _is_qt(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_qt(node.module):
            found.append(f"{filename}:{node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and _is_qt(str(node.args[0].value)):
                found.append(f"{filename}:{node.lineno}: {name}({node.args[0].value!r})")
    return found


def python_files() -> list[Path]:
    return sorted(p for d in QT_FREE if (REPO / d).is_dir() for p in (REPO / d).rglob("*.py"))


def test_core_store_export_index_do_not_import_qt() -> None:
    files = python_files()
    assert any(p.parts[-2:] == ("store", "library.py") for p in files)  # the walk finds code
    offenders = [hit for p in files
                 for hit in qt_imports(p.read_text(encoding="utf-8"), str(p.relative_to(REPO)))]
    assert not offenders, "Qt imported outside reader/ui (or unparseable):\n" + "\n".join(offenders)


@pytest.mark.parametrize("source", [
    "import PySide6",
    "from PySide6.QtCore import QObject",
    "import os, PySide6.QtWidgets as w",
    "def f():\n    from PySide6 import QtGui",
    "try:\n    import PySide6\nexcept ImportError:\n    pass",
    "import importlib\nimportlib.import_module('PySide6.QtCore')",
    "__import__('PySide6')",
])
def test_detector_catches_qt_imports(source: str) -> None:
    assert qt_imports(source, "x.py")


@pytest.mark.parametrize("source", ["import os", "from reader.core import model", "from . import ui",
                                    "x = 'import PySide6'"])
def test_detector_ignores_other_imports(source: str) -> None:
    assert not qt_imports(source, "x.py")
