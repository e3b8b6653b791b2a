"""Export to Word (.docx): the annotated brief, a clean document, the annotations table.

Pure Python on python-docx; never imports Qt.  The caller (``Library``) fills the
request records from the store; see :mod:`reader.export.model`.  The names below load
their module on first use (PEP 562): python-docx and lxml are not paid for by a program
that only reads the records (the window's start, the CLI's other commands).
"""
from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "export_brief": "brief", "export_clean": "brief", "export_annotation_table": "table",
    "DEFAULT_TYPOGRAPHY": "styles", "Typography": "styles",
    **{name: "model" for name in (
        "DEFAULT_TITLE", "OPEN", "RESOLVED", "BriefAnnotation", "BriefDocument", "BriefLink",
        "BriefOptions", "BriefRef", "BriefReply", "BriefRequest", "ExportCancelled", "ExportError",
        "ExportResult", "BriefLinkEnd", "NothingToExport", "Scope")},
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)

__all__ = [
    "DEFAULT_TITLE", "DEFAULT_TYPOGRAPHY", "OPEN", "RESOLVED", "BriefAnnotation", "BriefDocument",
    "BriefLink", "BriefOptions", "BriefRef", "BriefRequest", "ExportCancelled", "ExportError",
    "ExportResult", "BriefLinkEnd", "NothingToExport", "Scope", "Typography", "export_annotation_table",
    "export_brief", "export_clean",
]
