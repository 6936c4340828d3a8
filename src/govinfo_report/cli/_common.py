"""Helpers shared by the commands: reading reports, writing output, errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GovInfoReportError

if TYPE_CHECKING:
    from ..model import AnnualReport


class CommandError(Exception):
    """A command cannot go on (unreadable input, bad option); printed on stderr, exit status 2."""


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples in the epilog as written."""


def terminal(text: str) -> str:
    """*text* for a terminal: control characters and ANSI escape sequences from report text removed."""
    from ..render import terminal_safe

    return terminal_safe(text)


def load_report(path: str) -> AnnualReport:
    """
    The report in *path*: JSON (written by to_json), or a published report as text, HTML or Word .docx.

    Diagnostics of the importer are printed on stderr, one line each (cut to
    300 characters, without control characters).

    Raises:
        CommandError: The file is missing, unreadable or not a report.
    """
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        if p.suffix.lower() == ".json":
            from ..convert import from_json

            return from_json(p.read_bytes())
        from ..importers import parse  # text, HTML and .docx, by extension and content

        result = parse(p)
        for d in result.diagnostics:
            line = terminal(f"{path}: {d}")
            print(line if len(line) <= 300 else line[:297] + "...", file=sys.stderr)
        if result.report is None:  # pragma: no cover - only parse_many leaves the report out
            raise CommandError(f"{path}: no report could be read")
        report: AnnualReport = result.report
        return report
    except GovInfoReportError as exc:
        raise CommandError(f"{path}: {exc}") from None
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror or exc}") from None


def _encode(text: str, where: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, from a report built in Python
        reason = f"the output cannot be written as UTF-8 (a lone surrogate at {exc.start})"
        raise CommandError(f"{where}: {reason}") from None


def write_output(text: str, output: str | None) -> None:
    """
    Write *text* to the file *output* (UTF-8), or to stdout when it is None or ``-``.

    A file is written atomically (a temporary file in the same folder, then a
    rename): if anything fails, the old file is left as it was.
    """
    if text and not text.endswith("\n"):
        text += "\n"
    data = _encode(text, output or "stdout")
    if output in (None, "-"):
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (e.g. captured in tests)
            sys.stdout.write(text)
        else:
            buffer.write(data)
            buffer.flush()
        return
    write_file(output, data)


def write_file(output: str, data: bytes) -> None:
    """Write *data* to the file *output* atomically; an OSError becomes a CommandError."""
    from .._atomic import write_bytes

    try:
        write_bytes(output, data)
    except OSError as exc:
        raise CommandError(f"{output}: {exc.strerror or exc}") from None
