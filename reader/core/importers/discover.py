"""Which files an import reads: files as given, folders expanded into their supported files.

Users import a folder as they do in calibre or Zotero: everything readable below it, in a
stable order, without the clutter other programs leave (hidden files, ``__MACOSX``, Word's
``~$`` lock files).  A file named explicitly is always tried, so an unsupported one still
fails with its reason; a file met inside a folder is only taken when an importer claims its
suffix, and the others are reported as skipped — they were never meant to be imported.
What is supported is asked of the importers at call time, so a new format counts as soon as
it is registered.
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.errors import ImportFailure
from reader.core.importers import _suffix, importer_for

#: Folders other programs leave that never hold the user's documents.
_JUNK_DIRS = frozenset({"__MACOSX", "$RECYCLE.BIN", "System Volume Information"})
#: Why a file inside a folder was passed over (kinds the GUI words in its own language).
FORMAT, NO_EXTENSION, BROKEN_LINK = "format", "no-extension", "broken-link"


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder and not imported: not a failure, just not a document."""

    file: str
    reason: str
    kind: str  # FORMAT, NO_EXTENSION or BROKEN_LINK
    suffix: str = ""  # for FORMAT: the suffix, as the file has it (".json")

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "reason": self.reason, "kind": self.kind}


@dataclass
class Expansion:
    """The files to import, in order, and what the folders held besides."""

    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: folders that could not be listed (their files are unknown: a failure, not a skip)
    unreadable: list[ImportFailure] = field(default_factory=list)
    cancelled: bool = False


def expand_paths(paths: Iterable[str | Path],
                 cancel: Callable[[], bool] | None = None) -> Expansion:
    """Files as given, folders replaced by the supported files below them, recursively.

    Within a folder, names sort naturally (第2号 before 第10号), a subfolder's files in its
    place among them; a file reached twice (given twice, or through a link) is read
    once.  ``cancel`` is polled per folder: a huge tree dropped by mistake can be stopped.
    """
    out = Expansion()
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def take(file: str) -> None:
        try:
            key = os.path.realpath(file)
        except ValueError:  # a NUL in the name: the importer says so, by name
            key = file
        if key not in seen_files:
            seen_files.add(key)
            out.files.append(file)

    for given in paths:
        path = str(given)
        if os.path.isdir(path):
            _walk(path, out, take, seen_dirs, cancel)
        else:  # a file (or nothing at all): tried, so its failure names the reason
            take(path)
        if out.cancelled:
            break
    return out


def is_hidden(entry: os.DirEntry[str]) -> bool:
    """Hidden by name (Unix dot files, Office lock files, macOS resource folders) or by
    the Windows hidden attribute."""
    name = entry.name
    if name.startswith((".", "~$")) or name in _JUNK_DIRS:
        return True
    if os.name != "nt":
        return False
    try:
        attributes = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attributes & stat.FILE_ATTRIBUTE_HIDDEN)


def _walk(folder: str, out: Expansion, take: Callable[[str], None],
          seen_dirs: set[tuple[int, int]], cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        out.cancelled = True
        return
    try:
        st = os.stat(folder)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a link back up the tree, or a folder given twice
            return
        seen_dirs.add(key)
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not is_hidden(e)),
                             key=lambda e: (natural_key(e.name), e.name))
    except OSError as exc:
        out.unreadable.append(ImportFailure(folder, f"cannot read folder ({exc.strerror or exc})"))
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # follows links: a linked folder is read like any other
            is_file = not is_dir and entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            _walk(entry.path, out, take, seen_dirs, cancel)
            if out.cancelled:
                return
        elif is_file:
            skipped = _unsupported(entry.path)
            if skipped is None:
                take(entry.path)
            else:
                out.skipped.append(skipped)
        elif entry.is_symlink():
            out.skipped.append(Skipped(entry.path, "broken link", BROKEN_LINK))
        # sockets, pipes and devices are not documents, nor worth a line in the report


def _unsupported(file: str) -> Skipped | None:
    """Why a file inside a folder is not imported, or None if an importer reads it.

    A file without an extension is passed over here, although it is read as text when
    named explicitly: in a folder it is far more often a README or a program's data.
    """
    if not _suffix(file):
        return Skipped(file, "no file extension (import it by name to read it as text)",
                       NO_EXTENSION)
    try:
        importer_for(file)
    except ImportFailure as exc:
        return Skipped(file, exc.reason, FORMAT, Path(file).suffix)
    return None


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key comparing runs of digits as numbers and the rest case-insensitively."""
    return tuple((0, int(part)) if part.isdecimal() else (1, part.casefold())
                 for part in re.split(r"(\d+)", name) if part)
