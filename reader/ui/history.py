"""Back/forward history across documents (Alt+← / Alt+→), browser style.

Each entry is a Location (document + the unit at the top of the view).  Before a jump the
window updates the current entry with where the reader actually is, so Back returns to the
place they left, not to where they first arrived.  Pure Python, no Qt.
"""
from __future__ import annotations

from reader.ui.docinfo import Location


class History:
    def __init__(self, limit: int = 200) -> None:
        self._entries: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._entries[self._index] if self._index >= 0 else None

    def can_back(self) -> bool:
        return self._index > 0

    def can_forward(self) -> bool:
        return 0 <= self._index < len(self._entries) - 1

    def update_current(self, location: Location) -> None:
        """Remember where the reader is now (same document: the position moved)."""
        if self._index >= 0 and self._entries[self._index].doc_id == location.doc_id:
            self._entries[self._index] = location

    def visit(self, location: Location) -> None:
        """A jump to ``location``: drops the forward entries, like a browser."""
        if self.current == location:
            return
        del self._entries[self._index + 1:]
        self._entries.append(location)
        if len(self._entries) > self._limit:
            del self._entries[: len(self._entries) - self._limit]
        self._index = len(self._entries) - 1

    def back(self) -> Location | None:
        if not self.can_back():
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> Location | None:
        if not self.can_forward():
            return None
        self._index += 1
        return self._entries[self._index]

    def forget(self, doc_id: str) -> None:
        """A removed document: drop its entries."""
        keep = [e for e in self._entries if e.doc_id != doc_id]
        current = self.current
        self._entries = keep
        if current in keep:
            self._index = keep.index(current)
        else:
            self._index = len(keep) - 1

    def __len__(self) -> int:
        return len(self._entries)
