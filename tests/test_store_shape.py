"""The store's shape: the Library composes its services, and no service reaches back for it.

reader/store/library.py imports annotating, references and exporting; were any of them
(or any other module of reader/store) to import reader.store.library, the services would
depend on the facade again — the import circle the composition removed.
"""
from __future__ import annotations

import ast
from pathlib import Path

from reader.store.annotating import Annotations
from reader.store.db import Database
from reader.store.exporting import Exports
from reader.store.library import Library
from reader.store.references import References

STORE = Path(__file__).resolve().parents[1] / "reader" / "store"
FACADE = "reader.store.library"


def imported_modules(source: str) -> set[str]:
    """Every module a source imports, at any depth (``TYPE_CHECKING`` blocks and function
    bodies included), ``from reader.store import library`` counted as the module itself."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_check_sees_an_import_of_the_facade() -> None:
    assert FACADE in imported_modules("from reader.store.library import _Transaction")
    assert FACADE in imported_modules("if TYPE_CHECKING:\n    from reader.store import library")
    assert FACADE in imported_modules("def f():\n    import reader.store.library")
    assert FACADE not in imported_modules("from reader.store import db, userdata")


def test_no_store_module_imports_the_library() -> None:
    modules = sorted(STORE.glob("*.py"))
    assert len(modules) > 5  # the folder was found
    offenders = [p.name for p in modules if p.name != "library.py"
                 and FACADE in imported_modules(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_library_composes_its_services(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library") as lib:
        assert isinstance(lib.db, Database)
        assert isinstance(lib.annotations, Annotations)
        assert isinstance(lib.refs, References)
        assert isinstance(lib.exports, Exports)
        assert lib.annotations.db is lib.db and lib.refs.db is lib.db  # one connection, one lock
        assert lib.annotations.categories()  # the seeded categories, through the service
