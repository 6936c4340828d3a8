"""``govinfo-report template``: write an empty Excel workbook of the official tables to fill in."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import GovInfoReportError
from ._common import CommandError, Formatter

EPILOG = """\
examples:
  govinfo-report template --edition 2021 -o 年报模板.xlsx
  govinfo-report template --edition 2019 -o template-2019.xlsx

The workbook has the sheet 报告信息 (organ, year, title ... and the texts of
一、五、六), one sheet per table in the official layout with every value cell
empty and validated (whole numbers >= 0; amounts >= 0), and the sheet 勾稽关系
listing the rules in Chinese. Fill it in, then:
  govinfo-report check 年报模板.xlsx
  govinfo-report render 年报模板.xlsx --format docx -o 年报.docx
Needs: pip install "govinfo-report[xlsx]".
"""


def add_parser(sub: Any) -> None:
    """Register the ``template`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "template",
        help="write an empty Excel workbook of the official tables to fill in",
        description=(
            "Write an empty workbook (.xlsx) of the official tables of an edition, with data validation "
            "on the value cells and a sheet listing the 勾稽关系, to fill in by hand and read back."
        ),
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument("--edition", choices=("2019", "2021"), default="2021", help="the edition (default: 2021)")
    p.add_argument("-o", "--output", metavar="OUT.xlsx", required=True, help="the workbook to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the template; exit status 0."""
    from ..render.xlsx import write_xlsx_template

    if args.output == "-":
        raise CommandError("the template is a binary .xlsx file: give its name with -o FILE.xlsx")
    try:
        write_xlsx_template(args.edition, args.output)
    except GovInfoReportError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{args.output}: {exc.strerror or exc}") from None
    return 0
