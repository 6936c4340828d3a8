"""
Atomic file writes: a temporary file in the target's folder, then a rename.

Whatever goes wrong while writing (an exception, a full disk, a killed
process), the file at the target path is either the old one, untouched, or
the complete new one.  Every writer of the library that takes a path (the
command line's ``-o``, :func:`govinfo_report.write_docx`, and the Excel and
PDF writers to come) writes through :func:`replacing`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import IO


def _mode(target: str) -> int:
    """The permissions for the new file: the old file's, else what the umask gives a new file."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """
    A binary file to write; on success it replaces *path* atomically, on failure it is removed.

    Raises:
        OSError: The temporary file cannot be created, written or renamed.
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically (see :func:`replacing`)."""
    with replacing(path) as f:
        f.write(data)
