"""Inputs of the commands: folders, several files, and ``-`` for standard input."""

from __future__ import annotations

import argparse
import atexit
import io
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ._common import CommandError

STDIN = "-"

_saved: list[str] = []


def add_recursive_argument(p: argparse.ArgumentParser) -> None:
    """``--recursive``: a folder among the inputs is read with its subfolders."""
    p.add_argument("--recursive", action="store_true", help="with a folder: also read its subfolders")


def _suffix(data: bytes) -> str:
    """The suffix that makes the importer read *data* as what it is."""
    from ..importers._files import READABLE_SUFFIXES
    from ..importers._html import looks_like_html

    if data.startswith(b"PK\x03\x04"):  # a zip: a Word document, or an Excel workbook when that is read
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        return ".xlsx" if "xl/workbook.xml" in names and ".xlsx" in READABLE_SUFFIXES else ".docx"
    if data.startswith(b"%PDF") and ".pdf" in READABLE_SUFFIXES:
        return ".pdf"
    head = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return ".json"
    return ".html" if looks_like_html(head) else ".txt"


def stdin_file() -> str:
    """
    Standard input saved to a temporary file (``stdin.json``, ``.txt``, ``.html`` or ``.docx`` by its content).

    Read once: a second ``-`` names the same file. The file is removed when the command ends.
    """
    if _saved:
        return _saved[0]
    data = sys.stdin.buffer.read()
    folder = tempfile.mkdtemp(prefix="govinfo-report-")
    atexit.register(shutil.rmtree, folder, True)
    path = os.path.join(folder, "stdin" + _suffix(data))
    Path(path).write_bytes(data)
    _saved.append(path)
    return path


def one_input(name: str) -> str:
    """The file *name* names: itself, or standard input saved to a file for ``-``."""
    return stdin_file() if name == STDIN else name


def expand(names: Sequence[str], *, recursive: bool = False) -> list[str]:
    """
    The report files *names* stand for, in order: a folder gives its report files (sorted, every readable
    format), ``-`` standard input, a file itself.

    Raises:
        CommandError: A folder holds no report file.
    """
    from ..analysis.batch import REPORT_SUFFIXES, report_files

    files: list[str] = []
    for name in names:
        if name != STDIN and Path(name).is_dir():
            found = report_files(name, recursive=recursive)
            if not found:
                raise CommandError(f"{name}: no reports ({', '.join(REPORT_SUFFIXES)}) in the folder")
            files += found
        else:
            files.append(one_input(name))
    return files


def skipped_files(names: Sequence[str], *, recursive: bool = False) -> list[tuple[str, str]]:
    """``(path, reason)`` for the files of the folders among *names* that are no report format."""
    from ..analysis.batch import _other_files, _skip_reason

    out: list[tuple[str, str]] = []
    for name in names:
        if name != STDIN and Path(name).is_dir():
            out += [(p, _skip_reason(p)) for p in _other_files(name, recursive)]
    return out


def is_collection(names: Sequence[str]) -> bool:
    """True when *names* are more than one input, or a folder."""
    return len(names) > 1 or any(n != STDIN and Path(n).is_dir() for n in names)
