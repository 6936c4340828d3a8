"""``govinfo-report check``: check a report's 勾稽关系 and print the findings."""

from __future__ import annotations

import argparse
import datetime as _dt
from typing import Any

from ._common import (
    CommandError,
    Formatter,
    add_csv_arguments,
    add_meta_arguments,
    load_parsed,
    load_report,
    write_output,
)

EPILOG = """\
examples:
  govinfo-report check examples/data/wusu-2020.json
  govinfo-report check report-2021.json --previous report-2020.json
  govinfo-report check summary.json --members a.json b.json c.json --format json -o findings.json
  govinfo-report check report.json --blank strict --deadline 2022-01-28
  govinfo-report check report.txt --no-narrative   # skip the prose-against-tables rules (TEXT-*)
  govinfo-report check reports/ --recursive        # a summary table per file and per rule
  govinfo-report check reports/ --format jsonl -o findings.jsonl   # one JSON line per file, as each finishes
  govinfo-report check reports/ --format html -o audit.html        # a page to read and forward
  govinfo-report check reports/ --format xlsx -o audit.xlsx        (needs: pip install "govinfo-report[xlsx]")
  govinfo-report check a.txt b.html c.docx         # several files: as a folder
  curl -s https://example.org/report.html | govinfo-report check -
  govinfo-report check summary.json --members dept/

With a folder or several files, each file is read and checked on its own (all cores), a
progress line shows on stderr when it is a terminal (not with --quiet), and the formats are:
table (default) or json, the counts per file and per rule; jsonl, one JSON object per file
written as it finishes (schema: govinfo-report schema --check-line); html, the audit page;
xlsx, a summary sheet and a findings sheet.

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
        "files",
        metavar="FILE",
        nargs="+",
        help="the report: .json, or a published report (.txt/.html/.docx/.xlsx/.pdf); - for standard input; "
        "or a folder of reports, or several files",
    )
    p.add_argument("--recursive", action="store_true", help="with a folder: also check its subfolders")
    p.add_argument("--quiet", action="store_true", help="with a folder: no progress line on stderr")
    p.add_argument("--workers", metavar="N", type=int, help="with a folder: processes to use (default: every core)")
    p.add_argument("--previous", metavar="FILE", help="the same organ's report for the year before (continuity)")
    p.add_argument(
        "--members",
        metavar="FILE",
        nargs="+",
        action="extend",
        help="FILE is a summary: check it against these member reports (files or folders)",
    )
    p.add_argument(
        "--format",
        choices=("text", "table", "json", "jsonl", "html", "xlsx", "csv"),
        default="text",
        help="output format (default: text; for a folder: table); jsonl, html, xlsx and csv (one line per file) "
        "check a collection",
    )
    add_csv_arguments(p, bom=False)
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
    """Check every report of the folders and files FILE ...; exit 1 when any has errors or is unreadable."""
    from ._check_many import run_collection

    return run_collection(args)


def run(args: argparse.Namespace) -> int:
    """Check the report; exit status 1 when any finding is an error, else 0."""
    from ..checks import check
    from ..errors import GovInfoReportError
    from ..findings import render_findings
    from ..importers import summarise
    from ..importers._result import unread_cells
    from ..rules import Severity
    from ._inputs import expand, is_collection, one_input

    if is_collection(args.files) or args.format in ("jsonl", "html", "xlsx", "csv"):
        return run_folder(args)
    args.file = one_input(args.files[0])
    report, diagnostics = load_parsed(args.file, organ=args.organ, year=args.year)
    unread = unread_cells(report, diagnostics)
    previous = load_report(one_input(args.previous)) if args.previous else None
    members = None
    if args.members is not None:
        members = [load_report(m) for m in expand(args.members, recursive=args.recursive)]
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
