"""``govinfo-report records``: every table cell as one record, in CSV or JSON Lines."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import Formatter, add_meta_arguments, load_report, write_output
from ._inputs import add_recursive_argument, expand

EPILOG = """\
examples:
  govinfo-report records examples/data/wusu-2020.json
  govinfo-report records a.json b.json --format csv -o cells.csv

Each record has the keys table, row, column, row_key, column_key, value, organ,
year and edition; a blank cell has the value null (an empty field in CSV).
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
        help="reports: .json, or published reports (.txt/.html/.docx); folders of them; - for standard input",
    )
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default: jsonl)")
    add_recursive_argument(p)
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    add_meta_arguments(p, "each published report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the records; exit status 0."""
    from ..records import iter_records, records_to_csv, records_to_jsonl

    reports = [load_report(f, organ=args.organ, year=args.year) for f in expand(args.files, recursive=args.recursive)]
    records = iter_records(reports)
    text = records_to_csv(records) if args.format == "csv" else records_to_jsonl(records)
    write_output(text, args.output)
    return 0
