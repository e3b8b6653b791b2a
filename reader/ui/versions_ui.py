"""Versions in the window: the banner over the reading view (which version is open), the
版本… dialog, and 在原版本中查看 (the version a note was made on, its words found there).

Everything comes from ``library.versions``; listing versions is one query, the dialog still
lists them on the worker thread and comparisons run in the 新旧对照 window's task."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from reader.ui.version_banner import VersionBanner
from reader.ui.versions_dialog import VersionsDialog

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class VersionsController(QObject):
    """Keeps the banner in step with the open document; opens the dialog and old versions."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.library = window.library
        self.dialog: VersionsDialog | None = None
        self.banner = VersionBanner(window)
        self.banner.set_theme(window._theme)
        layout = window.centralWidget().layout()
        layout.insertWidget(0, self.banner)
        self.banner.openRequested.connect(lambda doc_id: self.w.open_document(doc_id))
        self.banner.versionsRequested.connect(lambda: self.show_dialog())
        window.documentOpened.connect(self.update_banner)
        self._shown = ""

    def available(self) -> bool:
        return hasattr(self.library, "versions")

    def versions(self, doc_id: str) -> list[Any]:
        """The versions of ``doc_id``'s document, oldest first ([] when unknown)."""
        if not self.available():
            return []
        try:
            return self.library.versions.list(doc_id)
        except Exception:  # noqa: BLE001 - removed meanwhile
            return []

    def update_banner(self, _doc_id: str = "") -> None:
        """The open document (or the library) changed: say which version is open."""
        doc = self.w.doc
        if doc is None:
            self.banner.show_for([], "")
            return
        versions = self.versions(doc.id)
        self.banner.show_for(versions, doc.id)
        current = next((v.id for v in versions if v.current), doc.id)
        if current != doc.id:  # an older version: its document's row is the current one's
            self.w.library_panel.select_document(current)

    def library_versions(self, summaries: list[Any]) -> dict[str, list[tuple[str, bool]]]:
        """lineage → (label, current) of every version, for documents with several."""
        out = {}
        for s in summaries:
            if getattr(s, "versions", 1) > 1:
                out[s.lineage or s.id] = [(v.label, v.current) for v in self.versions(s.id)]
        return out

    # -- the dialog --------------------------------------------------------------------------

    def show_dialog(self, doc_id: str | None = None) -> VersionsDialog | None:
        """版本…: the versions of ``doc_id`` (default: the open document)."""
        doc_id = doc_id or (self.w.doc.id if self.w.doc is not None else None)
        if doc_id is None or not self.available():
            return None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = VersionsDialog(self.library, self.w.runner, doc_id, self.w)
        self.dialog.openRequested.connect(lambda d: self.w.open_document(d))
        self.dialog.compareRequested.connect(self.w.show_compare)
        self.dialog.show()
        return self.dialog

    # -- notes -------------------------------------------------------------------------------

    def view_original(self, ann_id: str, side: str = "") -> bool:
        """Open the version a note was made on, at its old place, its old words marked."""
        origin = self.library.versions.made_on(ann_id, side) if self.available() else None
        if origin is None:
            self._say(self.tr("这条批注一直在当前版本上"))
            return False
        try:
            self.library.document(origin.from_doc)
        except Exception:  # noqa: BLE001 - that version was removed from the library
            self._say(self.tr("批注原在的版本已从文库移除"))
            return False
        if not self.w.open_document(origin.from_doc, origin.old_node):
            return False
        view = self.w.view
        if origin.old_quote:
            near = view.node_position(origin.old_node)
            view.find_all([origin.old_quote], near=near)
        return True

    def _say(self, text: str) -> None:
        self.w.statusBar().showMessage(text, 6000)


__all__ = ["VersionsController"]
