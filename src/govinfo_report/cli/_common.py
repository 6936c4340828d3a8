"""Helpers shared by the commands: reading reports, writing output, errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..errors import GovInfoReportError

if TYPE_CHECKING:
    from ..importers import Diagnostic
    from ..model import AnnualReport


class CommandError(Exception):
    """A command cannot go on (unreadable input, bad option); printed on stderr, exit status 2."""


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples in the epilog as written."""


def terminal(text: str) -> str:
    """*text* for a terminal: control characters and ANSI escape sequences from report text removed."""
    from ..render.text import terminal_safe

    return terminal_safe(text)


def year_type(text: str) -> int:
    """An argparse type for a report year (2008–2100)."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 2008 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"not a report year (2008–2100): {year}")
    return year


def add_csv_arguments(p: argparse.ArgumentParser, *, bom: bool = True) -> None:
    """``--raw-csv`` (and ``--bom``): how CSV output is written for spreadsheets."""
    if bom:
        p.add_argument("--bom", action="store_true", help="csv only: start with a UTF-8 byte-order mark (for Excel)")
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="csv: write text exactly as it is (by default a text starting with = + - @ gets a leading ')",
    )


def add_meta_arguments(p: argparse.ArgumentParser, what: str = "a published report") -> None:
    """``--organ`` and ``--year``: the metadata of *what* when it does not say it."""
    p.add_argument(
        "--organ",
        metavar="NAME",
        help=f"the organ (发布机关) of {what}: overrides the title of a published report, fills an unknown one in JSON",
    )
    p.add_argument(
        "--year",
        metavar="YEAR",
        type=year_type,
        help=f"the report year (年度) of {what}: overrides a published report's, fills an unknown one in JSON",
    )


def load_report(path: str, *, organ: str | None = None, year: int | None = None) -> AnnualReport:
    """
    The report in *path*: JSON (written by to_json), or a report as text, HTML, Word .docx, Excel .xlsx or PDF.

    Diagnostics of the importer are printed on stderr (see :func:`print_diagnostics`).
    *organ* and *year* are passed to the importer (they override what a published
    report says); in a JSON report they only fill an organ or year that is unknown (null).

    Raises:
        CommandError: The file is missing, unreadable or not a report.
    """
    report, diagnostics = load_parsed(path, organ=organ, year=year)
    print_diagnostics(path, diagnostics)
    return report


def print_diagnostics(path: str, diagnostics: Sequence[Diagnostic]) -> None:
    """The diagnostics on stderr, one line each, the repeats of one code counted after the first twenty."""
    from ..importers import summarise

    for d in summarise(diagnostics):
        line = terminal(f"{path}: {d}")
        print(line if len(line) <= 300 else line[:297] + "...", file=sys.stderr)


def load_parsed(
    path: str, *, organ: str | None = None, year: int | None = None
) -> tuple[AnnualReport, tuple[Diagnostic, ...]]:
    """The report in *path* and the importer's diagnostics (none for JSON), printing nothing; see load_report."""
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        if p.suffix.lower() == ".json":
            from ..convert import from_json

            loaded = from_json(p.read_bytes())
            meta = loaded.meta
            if meta.organ is None and organ is not None:
                meta = attrs.evolve(meta, organ=organ)
            if meta.year is None and year is not None:
                meta = attrs.evolve(meta, year=year)
            return (loaded if meta is loaded.meta else attrs.evolve(loaded, meta=meta)), ()
        from ..importers import parse  # text, HTML, .docx, .xlsx and .pdf, by extension and content

        result = parse(p, organ=organ, year=year)
        if result.report is None:  # pragma: no cover - only parse_many leaves the report out
            raise CommandError(f"{path}: no report could be read")
        return result.report, result.diagnostics
    except GovInfoReportError as exc:
        raise CommandError(str(exc) if str(exc).startswith(path) else f"{path}: {exc}") from None
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


def check_binary_options(args: argparse.Namespace) -> None:
    """
    Refuse what a binary format cannot do before any input is read.

    ``--format xlsx`` (and ``docx``) write a file and need ``-o FILE``;
    ``--bom`` belongs to CSV only.

    Raises:
        CommandError: A binary format without -o, or --bom with another format than csv.
    """
    fmt = getattr(args, "format", None)
    if fmt in ("xlsx", "docx") and args.output in (None, "-"):
        raise CommandError(f"--format {fmt} writes a binary file: give its name with -o FILE.{fmt}")
    if getattr(args, "bom", False) and fmt != "csv":
        raise CommandError("--bom works with --format csv only")


def write_binary(write: Callable[[], None], output: str) -> None:
    """Run *write* (which writes the file *output*), turning library and OS errors into CommandError."""
    try:
        write()
    except GovInfoReportError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{output}: {exc.strerror or exc}") from None
