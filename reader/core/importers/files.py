"""Reading a source file's bytes once, with the checks every importer needs.

All formats share the same failure modes (missing file, directory, permissions, a pipe that
would block forever), so they are answered here with one set of clear reasons.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from reader.core.errors import ImportFailure

#: Refuse anything bigger: a regulation, even a whole gazette volume, is a few MB; a larger
#: file is almost certainly not what the user meant, and would exhaust memory when parsed.
MAX_BYTES = 256 * 1024 * 1024


def check_source(path: str | Path) -> None:
    """Raise ImportFailure unless ``path`` is an existing, readable-sized regular file."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ImportFailure(path, "file not found") from None
    except OSError as exc:
        raise ImportFailure(path, f"cannot read file ({_os_reason(exc)})") from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise ImportFailure(path, f"invalid file name ({exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ImportFailure(path, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ImportFailure(path, "not a regular file")
    if st.st_size > MAX_BYTES:
        raise ImportFailure(path, f"file is too large ({st.st_size // 2**20} MB; at most "
                                  f"{MAX_BYTES // 2**20} MB)")


def read_source(path: str | Path) -> bytes:
    """Return the raw bytes of ``path``, or raise ImportFailure saying why not."""
    check_source(path)
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFailure(path, f"cannot read file ({_os_reason(exc)})") from None


def sha256(data: bytes) -> str:
    """Hex SHA-256 of the raw bytes: identifies the exact source a document came from."""
    return hashlib.sha256(data).hexdigest()


def _os_reason(exc: OSError) -> str:
    return exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc)) or type(exc).__name__
