"""``govinfo-report indicators``: disclosure, correction and completion rates of reports."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import (
    Formatter,
    add_csv_arguments,
    add_meta_arguments,
    check_binary_options,
    load_report,
    write_binary,
    write_output,
)
from ._inputs import add_recursive_argument, expand

EPILOG = """\
examples:
  govinfo-report indicators report-2023.json
  govinfo-report indicators dept/*.json --format csv -o indicators.csv
  govinfo-report indicators dept/*.json --format csv --bom -o indicators.csv   (for Excel)
  govinfo-report indicators dept/*.json dept/*.xlsx --format xlsx -o indicators.xlsx

Indicators (an empty cell where the denominator is 0 or blank):
  disclosure_rate             (（一）予以公开 + （二）部分公开) / （七）总计
  *_share                     each outcome group （一）…（六） / （七）总计
  review_correction_rate      行政复议 结果纠正 / (总计 − 尚未审结)
  litigation_correction_rate  行政诉讼 (both blocks) 结果纠正 / (总计 − 尚未审结)
  completion_rate             （七）总计 / (一、本年新收 + 二、上年结转)
Text shows percentages to one decimal; json and csv give the ratios as numbers (0–1);
xlsx gives them as numbers shown as percentages. --bom starts the CSV with a UTF-8
byte-order mark, so that Excel opens it as UTF-8.
"""


def add_parser(sub: Any) -> None:
    """Register the ``indicators`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "indicators",
        help="print disclosure, correction and completion rates",
        description="Print the indicators of one or more reports, one line per report.",
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="reports: .json, or published reports (.txt/.html/.docx/.xlsx/.pdf); folders of them; "
        "- for standard input",
    )
    p.add_argument(
        "--format", choices=("text", "json", "csv", "xlsx"), default="text", help="output format (default: text)"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (required for xlsx)")
    add_csv_arguments(p)
    add_recursive_argument(p)
    add_meta_arguments(p, "each published report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the indicators; exit status 0."""
    from ..analysis.indicators import INDICATOR_NAMES, indicators_table, render_indicators

    check_binary_options(args)
    rows = indicators_table(
        [load_report(f, organ=args.organ, year=args.year) for f in expand(args.files, recursive=args.recursive)]
    )
    if args.format == "xlsx":
        from ..render.xlsx import write_records_xlsx

        keys = ("organ", "year", "edition", *INDICATOR_NAMES)
        records = [r.to_dict() for r in rows]
        write_binary(
            lambda: write_records_xlsx(records, args.output, keys=keys, sheet="indicators", percent=INDICATOR_NAMES),
            args.output,
        )
        return 0
    write_output(render_indicators(rows, args.format, bom=args.bom, neutralize=not args.raw_csv), args.output)
    return 0
