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


def load_report(path: str) -> AnnualReport:
    """
    The report in *path*: JSON (written by to_json), or a published report as text, HTML or Word .docx.

    Diagnostics of the importer are printed on stderr.

    Raises:
        CommandError: The file is missing, unreadable or not a report.
    """
    return load_report_unread(path)[0]


def load_report_unread(path: str) -> tuple[AnnualReport, tuple[str, ...]]:
    """As :func:`load_report`, with the cells the importer could not read (``ParseResult.unread``)."""
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        if p.suffix.lower() == ".json":
            from ..convert import from_json

            return from_json(p.read_bytes()), ()
        from ..importers import parse  # text, HTML and .docx, by extension and content

        result = parse(p)
        for d in result.diagnostics:
            print(f"{path}: {d}", file=sys.stderr)
        if result.report is None:  # pragma: no cover - only parse_many leaves the report out
            raise CommandError(f"{path}: no report could be read")
        report: AnnualReport = result.report
        return report, result.unread
    except GovInfoReportError as exc:
        raise CommandError(f"{path}: {exc}") from None
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror or exc}") from None


def write_output(text: str, output: str | None) -> None:
    """Write *text* to the file *output* (UTF-8), or to stdout when it is None or ``-``."""
    if output in (None, "-"):
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    try:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{output}: {exc.strerror or exc}") from None
