"""``govinfo-report check``: check a report's 勾稽关系 and print the findings."""

from __future__ import annotations

import argparse
import datetime as _dt
from typing import Any, Literal

from ._common import CommandError, Formatter, add_meta_arguments, load_parsed, load_report, write_output

EPILOG = """\
examples:
  govinfo-report check examples/data/wusu-2020.json
  govinfo-report check report-2021.json --previous report-2020.json
  govinfo-report check summary.json --members a.json b.json c.json --format json -o findings.json
  govinfo-report check report.json --blank strict --deadline 2022-01-28
  govinfo-report check report.txt --no-narrative   # skip the prose-against-tables rules (TEXT-*)
  govinfo-report check reports/ --recursive        # a summary table per file and per rule

exit status: 0 with no error findings, 1 with error findings (0 with --exit-zero),
2 when an input cannot be read.
"""


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_parser(sub: Any) -> None:
    """Register the ``check`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="check a report's arithmetic and completeness",
        description=(
            "Check a report (JSON, or a published text/HTML report) against every rule of the catalogue "
            "(docs/rules.md) and print the findings, each with its location and, for the arithmetic, "
            "the most likely faulty cell."
        ),
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument(
        "file",
        metavar="FILE",
        help="the report: .json, or a published report as .txt/.html/.docx/.xlsx/.pdf; or a folder of reports",
    )
    p.add_argument("--recursive", action="store_true", help="with a folder: also check its subfolders")
    p.add_argument("--previous", metavar="FILE", help="the same organ's report for the year before (continuity)")
    p.add_argument(
        "--members",
        metavar="FILE",
        nargs="+",
        action="extend",
        help="FILE is a summary: check it against these member reports",
    )
    p.add_argument(
        "--format",
        choices=("text", "table", "json", "csv"),
        default="text",
        help="output format (default: text; csv: for a folder only, one line per file)",
    )
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="csv: write text exactly as it is (by default a text starting with = + - @ gets a leading ')",
    )
    p.add_argument(
        "--blank",
        choices=("zero", "strict", "ignore"),
        default="zero",
        help="blank cells count as 0 and are a warning (zero, default), an error (strict), or are skipped (ignore)",
    )
    p.add_argument(
        "--deadline",
        metavar="YYYY-MM-DD",
        type=_date,
        help="publication deadline (default: next year's 01-31 for an organ, 03-31 for a government level)",
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages (text and table)")
    p.add_argument(
        "--plausibility",
        action="store_true",
        help="also run the advisory plausibility rules (PLAUS-*: copied numbers, jumps, shares)",
    )
    p.add_argument(
        "--no-rule-making-power",
        action="store_true",
        help="with --plausibility: the organ cannot make 规章, so a non-zero 规章 row is flagged",
    )
    p.add_argument(
        "--no-narrative",
        action="store_true",
        help="do not compare the figures the prose states with the tables (the TEXT-* rules)",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit with status 0 even when there are error findings (unreadable input still gives 2)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    add_meta_arguments(p, "FILE")
    p.set_defaults(func=run)


def run_folder(args: argparse.Namespace) -> int:
    """Check every report of the folder FILE and print the summary tables; exit 1 when any has errors."""
    from ..batch import REPORT_SUFFIXES, check_folder, render_folder_check, terminal_progress

    if args.previous or args.members:
        raise CommandError("--previous and --members take single reports, not a folder")
    if args.organ is not None or args.year is not None:
        raise CommandError("--organ and --year describe one report; a folder holds reports of several organs")
    result = check_folder(
        args.file,
        blank=args.blank,
        recursive=args.recursive,
        progress=terminal_progress(),
        narrative=not args.no_narrative,
    )
    if not result.files:
        raise CommandError(f"{args.file}: no reports ({', '.join(REPORT_SUFFIXES)}) in the folder")
    fmt: Literal["table", "json", "csv"] = "json" if args.format == "json" else "table"
    if args.format == "csv":
        fmt = "csv"
    text = render_folder_check(result, fmt, neutralize=not args.raw_csv)
    write_output(text, args.output)
    failed = any(f.errors or f.error for f in result.files)
    return 1 if failed and not args.exit_zero else 0


def run(args: argparse.Namespace) -> int:
    """Check the report; exit status 1 when any finding is an error, else 0."""
    from pathlib import Path

    from ..checks import check
    from ..errors import GovInfoReportError
    from ..findings import render_findings
    from ..importers import summarise
    from ..importers._result import unread_cells
    from ..rules import Severity

    if Path(args.file).is_dir():
        return run_folder(args)
    if args.format == "csv":
        raise CommandError("--format csv is for a folder of reports (one line per file)")
    report, diagnostics = load_parsed(args.file, organ=args.organ, year=args.year)
    unread = unread_cells(report, diagnostics)
    previous = load_report(args.previous) if args.previous else None
    members = [load_report(m) for m in args.members] if args.members is not None else None
    try:
        findings = check(
            report,
            previous=previous,
            members=members,
            blank=args.blank,
            deadline=args.deadline,
            plausibility=args.plausibility,
            rule_making_power=False if args.no_rule_making_power else None,
            diagnostics=summarise(diagnostics) if diagnostics else None,
            narrative=not args.no_narrative,
            unread=unread,
        )
    except GovInfoReportError as exc:  # pragma: no cover - the options are validated by argparse
        raise CommandError(str(exc)) from None
    write_output(render_findings(findings, args.format, language=args.lang), args.output)
    has_errors = any(f.severity is Severity.ERROR for f in findings)
    return 1 if has_errors and not args.exit_zero else 0
