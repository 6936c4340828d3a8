"""``govinfo-report aggregate``: sum member reports into a summary (汇总) report."""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any

from ._common import CommandError, Formatter, load_report, terminal, write_output, year_type
from ._inputs import add_recursive_argument, expand

EPILOG = """\
examples:
  govinfo-report aggregate a.json b.json c.json -o sum.json
  govinfo-report aggregate dept/*.json --organ 某某县人民政府 --division-code 000000 -o sum.json
  govinfo-report aggregate old-format.json new-format.json --map-other-handling --edition 2019 -o sum.json

Then check the summary against its members:
  govinfo-report check sum.json --members a.json b.json c.json

Every table cell of the summary is the sum of the members' cells. The members must
share one year and one edition (see --map-other-handling). Blank cells: --blank zero
(default) counts a blank as 0 but keeps a cell blank that every member left blank;
ignore gives the same sums; strict refuses any blank cell. Members whose own arithmetic
does not hold are summed as stated, named on stderr and in the summary's 一、总体情况
(--refuse-errors refuses them); a conversion of 采购总金额 between 元 and 万元 is said
the same way.
"""


def add_parser(sub: Any) -> None:
    """Register the ``aggregate`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "aggregate",
        help="sum member reports into a summary (汇总) report",
        description="Sum the reports of member organs into one government-level summary report (JSON).",
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="member reports: .json, or published reports (.txt/.html/.docx/.xlsx/.pdf); folders of them; "
        "- for standard input",
    )
    add_recursive_argument(p)
    p.add_argument("-o", "--output", metavar="OUT", help="write the summary (JSON) to OUT instead of stdout")
    p.add_argument("--organ", default="汇总报告", help="the organ of the summary (default: 汇总报告)")
    p.add_argument(
        "--year",
        type=year_type,
        help="the report year (default: the members' year; must match it); also the year of a member "
        "report that does not say its own",
    )
    p.add_argument("--edition", choices=("2019", "2021"), help="the summary's edition (default: the members')")
    p.add_argument(
        "--blank", choices=("zero", "strict", "ignore"), default="zero", help="blank-cell policy (default: zero)"
    )
    p.add_argument(
        "--map-other-handling",
        action="store_true",
        help="sum 2021-edition members into a 2019-edition summary (needs --edition 2019)",
    )
    p.add_argument(
        "--refuse-errors",
        action="store_true",
        help="refuse members whose own arithmetic does not hold (default: sum them and warn)",
    )
    p.add_argument("--title", help="the summary's title")
    p.add_argument("--division-code", help="the administrative division code (行政区划代码)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the summary; exit status 0."""
    from ..analysis.aggregate import AggregationWarning, aggregate
    from ..convert import to_json
    from ..errors import GovInfoReportError

    members = [load_report(f, year=args.year) for f in expand(args.files, recursive=args.recursive)]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", AggregationWarning)
            summary = aggregate(
                members,
                organ=args.organ,
                year=args.year,
                edition=args.edition,
                blank=args.blank,
                map_other_handling=args.map_other_handling,
                title=args.title,
                division_code=args.division_code,
                errors="refuse" if args.refuse_errors else "warn",
            )
    except GovInfoReportError as exc:
        raise CommandError(str(exc)) from None
    for w in caught:
        print(terminal(f"warning: {w.message}"), file=sys.stderr)
    write_output(to_json(summary), args.output)
    return 0
