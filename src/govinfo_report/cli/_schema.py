"""``govinfo-report schema``: print the JSON Schema of the report format."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import Formatter, write_output

EPILOG = """\
examples:
  govinfo-report schema --edition 2021
  govinfo-report schema --edition 2019 -o report-2019.schema.json
  govinfo-report schema --check-line      # one line of check DIR --format jsonl

The schema (JSON Schema draft 2020-12) is generated from the model; the same files
ship inside the package as govinfo_report/schemas/report-<edition>.schema.json.
The schema of a check line ships as govinfo_report/schemas/check-line.schema.json.
"""


def add_parser(sub: Any) -> None:
    """Register the ``schema`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help="print the JSON Schema of the report format",
        description="Print the JSON Schema (draft 2020-12) of the JSON form of a report of one edition, "
        "or of one line of check --format jsonl.",
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--edition", choices=("2019", "2021"), help="the edition")
    which.add_argument(
        "--check-line", action="store_true", help="the schema of one line of check DIR --format jsonl instead"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema; exit status 0."""
    if args.check_line:
        import json

        from ..analysis.collection import check_line_schema

        write_output(json.dumps(check_line_schema(), ensure_ascii=False, indent=2), args.output)
        return 0
    from ..schema import schema_json

    write_output(schema_json(args.edition), args.output)
    return 0
