"""
The ``govinfo-report`` command line: a thin shell over the public API.

Every command reads reports (JSON, and published text or HTML), writes its
result to stdout (or ``-o FILE``) and its diagnostics to stderr.  Exit status:
0 on success, 1 when ``check`` finds errors, 2 when the input cannot be read
or the command line is wrong.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ._common import CommandError, Formatter

# Each name is a module ``_<name>`` of this package with ``add_parser(subparsers)``.
COMMANDS: tuple[str, ...] = (
    "parse",
    "check",
    "render",
    "records",
    "aggregate",
    "diff",
    "indicators",
    "schema",
    "template",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``govinfo-report``, with every available command."""
    parser = argparse.ArgumentParser(
        prog="govinfo-report",
        description="Build, check, read and print 政府信息公开工作年度报告 "
        "(annual reports on open government information).",
        formatter_class=Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"._{name}", __name__)
        except ModuleNotFoundError as exc:  # a command whose module is not written yet
            if exc.name != f"{__name__}._{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run ``govinfo-report`` with *argv* (default: ``sys.argv[1:]``) and return the exit status.

    .. versionadded:: 0.1.0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = args.func(args)
    except CommandError as exc:
        print(f"govinfo-report {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
