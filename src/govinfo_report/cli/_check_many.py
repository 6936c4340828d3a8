"""``govinfo-report check DIR`` (or several files): the collection formats table, json, jsonl, html and xlsx."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from ._common import CommandError, write_output
from ._inputs import STDIN, expand, skipped_files

if TYPE_CHECKING:
    from ..analysis.batch import FileCheck


def _folder_name(names: list[str]) -> str:
    if len(names) == 1 and names[0] != STDIN:
        return names[0]
    return ", ".join(names)


def _write_lines(checked: Iterable[FileCheck], out: TextIO) -> bool:
    """One JSON line per file, written (and flushed) as each finishes; True when any has errors or is unreadable."""
    from ..analysis.collection import check_line

    failed = False
    for result in checked:
        failed = failed or bool(result.errors or result.error)
        out.write(check_line(result) + "\n")
        out.flush()
    return failed


def run_collection(args: argparse.Namespace) -> int:
    """Check each file; write the chosen format; exit 1 when a file has errors or cannot be read."""
    from ..analysis.batch import folder_check, render_folder_check
    from ..analysis.collection import iter_check_files
    from ..progress import terminal_progress

    if args.previous or args.members:
        raise CommandError("--previous and --members take single reports, not a folder")
    if args.organ is not None or args.year is not None:
        raise CommandError("--organ and --year describe one report; a folder holds reports of several organs")
    if args.format == "xlsx" and args.output in (None, "-"):
        raise CommandError("--format xlsx writes a binary Excel file: give its name with -o FILE.xlsx")
    if args.workers is not None and args.workers < 1:
        raise CommandError(f"--workers: expected a number ≥ 1, got {args.workers}")
    paths = expand(args.files, recursive=args.recursive)
    progress = terminal_progress(quiet=args.quiet)
    checked = iter_check_files(
        paths, blank=args.blank, workers=args.workers, progress=progress, narrative=not args.no_narrative
    )
    if args.format == "jsonl":
        if args.output in (None, "-"):
            failed = _write_lines(checked, sys.stdout)
        else:
            try:
                with Path(args.output).open("w", encoding="utf-8") as out:
                    failed = _write_lines(checked, out)
            except OSError as exc:
                raise CommandError(f"{args.output}: {exc.strerror or exc}") from None
        return 1 if failed and not args.exit_zero else 0
    order = {p: i for i, p in enumerate(paths)}
    files = sorted(checked, key=lambda f: order[f.source])
    result = folder_check(_folder_name(args.files), files, skipped_files(args.files, recursive=args.recursive))
    if args.format == "html":
        from ..analysis.audit import render_audit_html

        write_output(render_audit_html(result), args.output)
    elif args.format == "xlsx":
        from ..analysis.audit import write_audit_xlsx
        from ..errors import GovInfoReportError

        try:
            write_audit_xlsx(result, args.output)
        except GovInfoReportError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"{args.output}: {exc.strerror or exc}") from None
    else:
        fmt: Literal["table", "json", "csv"] = "table"
        if args.format in ("json", "csv"):
            fmt = "json" if args.format == "json" else "csv"
        write_output(render_folder_check(result, fmt, neutralize=not args.raw_csv), args.output)
    return 1 if result.has_errors and not args.exit_zero else 0
