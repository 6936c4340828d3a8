"""``govinfo-report render``: print a report as text, Markdown, JSON or HTML, or write it as Word."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import GovInfoReportError
from ._common import CommandError, Formatter, add_meta_arguments, load_report, write_output
from ._inputs import one_input

EPILOG = """\
examples:
  govinfo-report render examples/data/wusu-2020.json
  govinfo-report render report.json --format markdown -o report.md
  govinfo-report render published.txt --format json -o report.json
  govinfo-report render report.json --format html -o report.html
  govinfo-report render report.json --format html --findings -o checked.html
  govinfo-report render report.json --format docx -o report.docx    (needs: pip install "govinfo-report[docx]")
"""

FORMATS = ("text", "markdown", "json", "html", "docx")


def add_parser(sub: Any) -> None:
    """Register the ``render`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "render",
        help="print a report in the official layout",
        description=(
            "Print a report (JSON, or a published text/HTML/.docx report) in the official layout: "
            "as text, Markdown, JSON, a printable HTML page, or a Word document (--format docx needs -o)."
        ),
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument("file", metavar="FILE", help="the report: .json, or a published report as .txt/.html/.docx")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (required for docx)")
    p.add_argument(
        "--findings",
        action="store_true",
        help="html only: check the report and highlight the cells of its findings",
    )
    add_meta_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render the report; exit status 0."""
    if args.format == "docx" and args.output in (None, "-"):
        raise CommandError("--format docx writes a binary Word file: give its name with -o FILE.docx")
    if args.findings and args.format != "html":
        raise CommandError("--findings works with --format html only")
    report = load_report(one_input(args.file), organ=args.organ, year=args.year)
    if args.format == "docx":
        from ..docx_io import write_docx

        try:
            write_docx(report, args.output)
        except GovInfoReportError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"{args.output}: {exc.strerror or exc}") from None
        return 0
    if args.format == "json":
        from ..convert import to_json

        text = to_json(report)
    elif args.format == "markdown":
        from ..render import render_markdown

        text = render_markdown(report)
    elif args.format == "html":
        from ..html_render import render_html

        findings = None
        if args.findings:
            from ..checks import check

            findings = check(report)
        text = render_html(report, findings=findings)
    else:
        from ..render import render_text

        text = render_text(report)
    write_output(text, args.output)
    return 0
