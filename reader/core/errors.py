"""Errors a user can act on: each names the file and the reason."""
from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with the user's input or request (CLI exit code 1)."""


class ImportFailure(UserError):
    """A file could not be imported; the library is left as it was."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
