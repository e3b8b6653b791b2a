"""Export to Word (.docx): the annotated brief, a clean document, the annotations table.

Pure Python on python-docx; never imports Qt.  The caller (``Library``) fills the
request records from the store; see :mod:`reader.export.model`.
"""
from reader.export.brief import export_brief, export_clean
from reader.export.model import (
    DEFAULT_TITLE, OPEN, RESOLVED, BriefAnnotation, BriefDocument, BriefLink, BriefOptions, BriefRef,
    BriefRequest, ExportCancelled, ExportError, ExportResult, BriefLinkEnd, NothingToExport, Scope,
)
from reader.export.styles import DEFAULT_TYPOGRAPHY, Typography
from reader.export.table import export_annotation_table

__all__ = [
    "DEFAULT_TITLE", "DEFAULT_TYPOGRAPHY", "OPEN", "RESOLVED", "BriefAnnotation", "BriefDocument",
    "BriefLink", "BriefOptions", "BriefRef", "BriefRequest", "ExportCancelled", "ExportError",
    "ExportResult", "BriefLinkEnd", "NothingToExport", "Scope", "Typography", "export_annotation_table",
    "export_brief", "export_clean",
]
