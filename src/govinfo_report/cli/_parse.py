"""``govinfo-report parse``: read a published report (text, HTML, Word, Excel or PDF) into JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ._common import CommandError, Formatter, add_meta_arguments, print_diagnostics, write_output
from ._inputs import add_recursive_argument, is_collection, one_input

EPILOG = """\
examples:
  govinfo-report parse report.txt
  govinfo-report parse report.html -o report.json
  govinfo-report parse report.pdf -o report.json      (needs: pip install "govinfo-report[pdf]")
  govinfo-report parse page.txt --organ 某某县统计局 --year 2021
  govinfo-report parse 年报模板.xlsx -o report.json      (a filled-in template)
  govinfo-report parse reports/ -o parsed/        # parsed/NAME.json and parsed/NAME.diagnostics.json per file
  govinfo-report parse a.txt b.html c.docx -o parsed/ --recursive
  curl -s https://example.org/report.html | govinfo-report parse - -o report.json

With a folder or several files, -o names a folder (made when missing): for each input it
gets NAME.json (the report) and NAME.diagnostics.json (every diagnostic), NAME being the
file's name without its suffix (with it, when two inputs share a name), and the folder's
subfolders kept. A file that cannot be read is reported on stderr and the others go on.

Diagnostics (unreadable cells, units in cells, missing tables ...) go to stderr,
one per line: "FILE: line L, col C: message [CODE]" (for a workbook: the row and
column of the sheet the message names).

exit status: 0 when a report was produced (even with diagnostics), 2 when an input cannot be read.
"""


def add_parser(sub: Any) -> None:
    """Register the ``parse`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "parse",
        help="read a published report (text, HTML, Word, Excel or PDF) into JSON",
        description=(
            "Read a published report as copied from its website (.txt), saved as a page (.html), "
            "or published as a Word document (.docx), an Excel workbook (.xlsx) or a PDF with a text layer (.pdf), "
            "and write it as JSON. Nothing is invented: unreadable cells stay blank and are reported."
        ),
        epilog=EPILOG,
        formatter_class=Formatter,
    )
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="the published report: .txt, .html/.htm (UTF-8 or GB18030), .docx, .xlsx or .pdf; - for standard input; "
        "or a folder of reports, or several files",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the JSON here instead of stdout; with a folder or several files, the folder to write into",
    )
    add_recursive_argument(p)
    p.add_argument("--quiet", action="store_true", help="with a folder: no progress line on stderr")
    add_meta_arguments(p)
    p.add_argument(
        "--diagnostics",
        metavar="OUT.json",
        help="also write every diagnostic as JSON ({source, diagnostics: [...], extra_rows: [...]}) to this file",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse the file, print the diagnostics on stderr and write the report as JSON."""
    from ..convert import to_json
    from ..errors import GovInfoReportError
    from ..importers import diagnostics_to_json, parse

    if is_collection(args.files):
        from ._parse_many import run_many

        return run_many(args)
    path = one_input(args.files[0])
    if not Path(path).is_file():
        raise CommandError(f"{path}: no such file")
    try:
        result = parse(path, organ=args.organ, year=args.year)
    except GovInfoReportError as exc:
        raise CommandError(str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}") from None
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror or exc}") from None
    print_diagnostics(path, result.diagnostics)
    if result.report is None:  # pragma: no cover - parse() always returns a report or raises
        raise CommandError(f"{path}: no report could be read")
    write_output(to_json(result.report), args.output)
    if args.diagnostics:
        write_output(diagnostics_to_json(result), args.diagnostics)
    return 0
