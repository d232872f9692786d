"""Atomic file writes: a reader sees the old file or the new one, never a torn one.

The file stays what the user made it: a symbolic link is followed (the file it points to is
replaced, the link stays a link), the file's permissions carry over to the new version and to
the backup, and errors name the file the caller asked for, never the temp file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

#: Permissions of a file that did not exist before (the common default for documents).
NEW_FILE_MODE = 0o644


def real_file(path: Path) -> Path:
    """Where writing ``path`` really goes: symbolic links (of the file or its folders)
    followed, so the link is not replaced by a regular file."""
    return Path(os.path.realpath(path))


def is_read_only(path: Path) -> bool:
    """Whether the user made the existing file ``path`` read-only: no write permission for
    this process, or no write bit at all (root may write anything, but a ``chmod 444``
    still says "do not change this")."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def atomic_write_text(path: Path, text: str | bytes, *, backup: bool = False) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder, fsync and ``os.replace``
    (``bytes``: written as they are, for text already encoded as UTF-8).

    With ``backup``, the previous version (if any) is kept as ``<name>.bak`` first, itself
    replaced atomically and with the same permissions, so one good earlier copy always
    survives. A file the user made read-only (``is_read_only``) is not replaced. Raises
    ``OSError`` whose ``filename`` is ``path``.
    """
    path = Path(path)
    target = real_file(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if is_read_only(target):
        raise PermissionError(errno.EACCES, "the file is read-only; left as it is", str(path))
    folder = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        exists = True
    except FileNotFoundError:
        mode, exists = NEW_FILE_MODE, False
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(text)
                raw.flush()
                os.fsync(raw.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        if backup and exists:
            _copy_atomic(target, target.with_name(target.name + ".bak"), mode)
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError) and not isinstance(exc, InterruptedError):
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    _fsync_dir(folder)


def _copy_atomic(source: Path, target: Path, mode: int) -> None:
    data = source.read_bytes()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, mode)  # mkstemp makes 0600: the backup keeps the file's mode
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
