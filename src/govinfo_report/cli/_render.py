"""``govinfo-report render``: print a report as text, Markdown, JSON or HTML, or write it as Word."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import (
    CommandError,
    Formatter,
    add_meta_arguments,
    check_binary_options,
    load_report,
    write_binary,
    write_output,
)
from ._inputs import one_input

EPILOG = """\
examples:
  govinfo-report render examples/data/wusu-2020.json
  govinfo-report render report.json --format markdown -o report.md
  govinfo-report render published.txt --format json -o report.json
  govinfo-report render report.json --format html -o report.html
  govinfo-report render report.json --format html --findings -o checked.html
  govinfo-report render report.json --format docx -o report.docx    (needs: pip install "govinfo-report[docx]")
  govinfo-report render report.json --format xlsx -o report.xlsx    (needs: pip install "govinfo-report[xlsx]")
  govinfo-report render 年报模板.xlsx --format docx -o 年报.docx     (a filled-in template, published as Word)
"""

FORMATS = ("text", "markdown", "json", "html", "docx", "xlsx")


def add_parser(sub: Any) -> None:
    """Register the ``render`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "render",
        help="print a report in the official layout",
        description=(
            "Print a report (JSON, or a published text/HTML/.docx/.xlsx/.pdf report) in the official layout: "
            "as text, Markdown, JSON, a printable HTML page, a Word document or an Excel workbook "
            "(--format docx and xlsx need -o)."
        ),
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument(
        "file", metavar="FILE", help="the report: .json, or a published report as .txt/.html/.docx/.xlsx/.pdf"
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (required for docx and xlsx)")
    p.add_argument(
        "--findings",
        action="store_true",
        help="html only: check the report and highlight the cells of its findings",
    )
    add_meta_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render the report; exit status 0."""
    check_binary_options(args)
    if args.findings and args.format != "html":
        raise CommandError("--findings works with --format html only")
    report = load_report(one_input(args.file), organ=args.organ, year=args.year)
    if args.format == "docx":
        from ..render.docx import write_docx

        write_binary(lambda: write_docx(report, args.output), args.output)
        return 0
    if args.format == "xlsx":
        from ..render.xlsx import write_xlsx

        write_binary(lambda: write_xlsx(report, args.output), args.output)
        return 0
    if args.format == "json":
        from ..convert import to_json

        text = to_json(report)
    elif args.format == "markdown":
        from ..render.text import render_markdown

        text = render_markdown(report)
    elif args.format == "html":
        from ..render.html import render_html

        findings = None
        if args.findings:
            from ..checks import check

            findings = check(report)
        text = render_html(report, findings=findings)
    else:
        from ..render.text import render_text

        text = render_text(report)
    write_output(text, args.output)
    return 0
