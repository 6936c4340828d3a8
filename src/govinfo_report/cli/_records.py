"""``govinfo-report records``: every table cell as one record, in JSON Lines, CSV or an Excel workbook."""

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
  govinfo-report records examples/data/wusu-2020.json
  govinfo-report records a.json b.json --format csv -o cells.csv
  govinfo-report records a.json --format csv --bom -o cells.csv     (for Excel)
  govinfo-report records a.json report.xlsx --format xlsx -o cells.xlsx

Each record has the keys table, row, column, row_key, column_key, value, unit,
organ, year and edition; a blank cell has the value null (an empty field in CSV,
an empty cell in xlsx). unit is 万元 or 元 for an amount (null when the report gave
none), null for a count. --bom starts the CSV with a UTF-8 byte-order mark, so
that Excel opens it as UTF-8 (without it, Excel on Chinese Windows shows mojibake).
"""


def add_parser(sub: Any) -> None:
    """Register the ``records`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "records",
        help="print every table cell as a record (jsonl or csv)",
        description="Print every table cell of one or more reports as flat records.",
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
        "--format", choices=("jsonl", "csv", "xlsx"), default="jsonl", help="output format (default: jsonl)"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (required for xlsx)")
    add_csv_arguments(p)
    add_recursive_argument(p)
    add_meta_arguments(p, "each published report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the records; exit status 0."""
    from ..export.records import iter_records, records_to_csv, records_to_jsonl

    check_binary_options(args)
    reports = [load_report(f, organ=args.organ, year=args.year) for f in expand(args.files, recursive=args.recursive)]
    records = iter_records(reports)
    if args.format == "xlsx":
        from ..render.xlsx import write_records_xlsx

        write_binary(lambda: write_records_xlsx(records, args.output), args.output)
        return 0
    if args.format == "csv":
        text = records_to_csv(records, bom=args.bom, neutralize=not args.raw_csv)
    else:
        text = records_to_jsonl(records)
    write_output(text, args.output)
    return 0
