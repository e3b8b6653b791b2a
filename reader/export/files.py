"""Writing an export file safely: a temporary file beside the target, then an atomic rename.

A failed export (an exception, a full disk, a cancel) never leaves a half-written file and
never replaces a good one; a target that is open in Word, read-only or in a folder that
cannot be written is a clear :class:`ExportError` naming the file and the reason.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable

from reader.export.model import ExportError


def check_target(path: str | os.PathLike) -> Path:
    """Fail early, before the work, when ``path`` cannot be written."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "导出文件须以 .docx 结尾")
    if path.is_dir():
        raise ExportError(path, "这是一个文件夹，不是文件")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(path, f"文件夹不存在：{folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(path, f"没有写入该文件夹的权限：{folder}")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(path, "文件只读或正被其他程序（如 Word）占用")
    return path


def write_atomically(path: str | os.PathLike, write: Callable[[str], None]) -> Path:
    """Call ``write(temp_path)`` and move the result onto ``path`` in one step."""
    path = check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(path, f"无法在该文件夹创建临时文件：{exc.strerror or exc}") from exc
    os.close(fd)
    try:
        try:
            write(tmp)
        except OSError as exc:  # a full disk, a vanished folder …
            raise ExportError(path, f"写入失败：{exc.strerror or exc}") from exc
        _fsync(tmp)
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise ExportError(path, "文件正被其他程序（如 Word）占用或没有写入权限，请关闭后重试") from exc
        except OSError as exc:
            if exc.errno in (errno.EBUSY, errno.ETXTBSY, errno.EACCES):
                raise ExportError(path, "文件正被其他程序占用，请关闭后重试") from exc
            raise ExportError(path, f"无法写入：{exc.strerror or exc}") from exc
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def _fsync(name: str) -> None:
    try:
        with open(name, "rb+") as f:
            os.fsync(f.fileno())
    except OSError:  # some file systems cannot fsync; the rename is still atomic
        pass
