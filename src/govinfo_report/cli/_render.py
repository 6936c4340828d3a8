"""``govinfo-report render``: print a report as text, Markdown or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import Formatter, load_report, write_output

EPILOG = """\
examples:
  govinfo-report render examples/data/wusu-2020.json
  govinfo-report render report.json --format markdown -o report.md
  govinfo-report render published.txt --format json -o report.json
"""


def add_parser(sub: Any) -> None:
    """Register the ``render`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "render",
        help="print a report in the official layout",
        description="Print a report (JSON, or a published text/HTML report) in the official layout.",
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument("file", metavar="FILE", help="the report: .json, or a published report as .txt/.html")
    p.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format (default: text)"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render the report; exit status 0."""
    report = load_report(args.file)
    if args.format == "json":
        from ..convert import to_json

        text = to_json(report)
    elif args.format == "markdown":
        from ..render import render_markdown

        text = render_markdown(report)
    else:
        from ..render import render_text

        text = render_text(report)
    write_output(text, args.output)
    return 0
