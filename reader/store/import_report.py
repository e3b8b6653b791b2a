"""What an import did, file by file: the records the CLI prints and the GUI shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.core.importers.discover import Skipped
from reader.store.versions import Unchanged, VersionAdded


@dataclass(frozen=True)
class ImportedDoc:
    """One document an import touched."""

    id: str
    title: str
    file: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "file": self.file}


@dataclass(frozen=True)
class Duplicate:
    """A document a file holds twice: the first copy is kept."""

    id: str
    title: str
    file: str
    existing_file: str

    @property
    def reason(self) -> str:
        return f"already in the library from {self.existing_file}; kept that copy"

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "file": self.file,
                "existing_file": self.existing_file, "reason": self.reason}


@dataclass(frozen=True)
class Failure:
    """A file that could not be imported (nothing from it was stored).

    ``internal`` marks an unexpected exception (a bug) as opposed to a bad input file.
    """

    file: str
    reason: str
    internal: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "reason": self.reason, "internal": self.internal}


@dataclass
class ImportReport:
    """What an import did, file by file, for the CLI to print and the GUI to show."""

    added: list[ImportedDoc] = field(default_factory=list)
    #: re-imports of a file already in the library (parsed again, same version)
    updated: list[ImportedDoc] = field(default_factory=list)
    #: new versions of documents already in the library
    versions: list[VersionAdded] = field(default_factory=list)
    #: texts the library already holds (from another file, or the same): nothing changed
    unchanged: list[Unchanged] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: files found in the folders imported that no importer reads (not failures)
    skipped: list[Skipped] = field(default_factory=list)
    files_done: int = 0
    cancelled: bool = False
    #: re-anchoring of the annotations and link ends of re-imported documents:
    #: anchor state (ok / moved / orphan) → count
    anchors: dict[str, int] = field(default_factory=dict)
    #: the notes that followed a new current version: outcome (unchanged / moved / changed /
    #: orphan) → count
    followed: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def merge(self, other: ImportReport) -> None:
        """Add what one file did (its documents and counts) to the whole import's report."""
        for name in ("added", "updated", "versions", "unchanged", "duplicates", "failures"):
            getattr(self, name).extend(getattr(other, name))
        for name in ("anchors", "followed"):
            mine = getattr(self, name)
            for key, n in getattr(other, name).items():
                mine[key] = mine.get(key, 0) + n

    def to_json(self) -> dict[str, Any]:
        return {
            "added": [d.to_json() for d in self.added],
            "updated": [d.to_json() for d in self.updated],
            "versions": [v.to_json() for v in self.versions],
            "unchanged": [u.to_json() for u in self.unchanged],
            "duplicates": [d.to_json() for d in self.duplicates],
            "failures": [f.to_json() for f in self.failures],
            "skipped": [s.to_json() for s in self.skipped],
            "files": self.files_done,
            "cancelled": self.cancelled,
            **({"anchors": dict(self.anchors)} if self.anchors else {}),
            **({"followed": dict(self.followed)} if self.followed else {}),
        }
