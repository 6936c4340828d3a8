"""``govinfo-report diff``: compare two reports cell by cell and section by section."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import Formatter, load_report, write_output, year_type
from ._inputs import one_input

EPILOG = """\
examples:
  govinfo-report diff report-2022.json report-2023.json
  govinfo-report diff report-2020.json report-2021.json --all
  govinfo-report diff first-version.json second-version.json --format json -o diff.json

Text lists the cells that changed (old, new, change, change in % where the old value
is not 0), then the narratives 一, 五 and 六 as unified diffs. A 2019-edition report
(2019, 2020) and a 2021-edition one are compared on the cells they share. Exit status 0
whether or not anything changed.
"""


def add_parser(sub: Any) -> None:
    """Register the ``diff`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "diff",
        help="compare two reports (last year and this year, or two versions)",
        description="Compare two reports of an organ: every shared table cell, and the narratives as unified diffs.",
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument(
        "old", metavar="OLD", help="the earlier report: .json, or a published report as .txt/.html/.docx/.pdf"
    )
    p.add_argument("new", metavar="NEW", help="the later report")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--all", action="store_true", help="text: list every shared cell, not only the changed ones")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.add_argument("--organ", metavar="NAME", help="the organ (发布机关) of both reports, when they do not name it")
    p.add_argument("--year", metavar="YEAR", type=year_type, help="the year (年度) of NEW, when it does not say it")
    p.add_argument("--old-year", metavar="YEAR", type=year_type, help="the year (年度) of OLD, when it does not say it")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the comparison; exit status 0."""
    from ..analysis.compare import compare

    old = load_report(one_input(args.old), organ=args.organ, year=args.old_year)
    new = load_report(one_input(args.new), organ=args.organ, year=args.year)
    comparison = compare(old, new)
    write_output(comparison.render(args.format, all_cells=args.all), args.output)
    return 0
