"""
The ``govinfo-report`` command line: a thin shell over the public API.

Every command reads reports (JSON, and published text or HTML), writes its
result to stdout (or ``-o FILE``, written atomically) and its diagnostics to
stderr.  Exit status:

* 0: success;
* 1: ``check`` found error findings;
* 2: the input cannot be read (malformed, too large, not a report), an output
  cannot be written, or the command line is wrong; one line on stderr says why;
* 70: a bug in govinfo-report (an unexpected exception); one line on stderr
  says how to report it.  Set the environment variable
  ``GOVINFO_REPORT_TRACEBACK=1`` to see the traceback;
* 130: interrupted (Ctrl-C).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import GovInfoReportError, short_repr
from ._common import CommandError, Formatter

EXIT_OK = 0
"""Success."""
EXIT_FINDINGS = 1
"""``check`` found error findings."""
EXIT_INPUT = 2
"""Unreadable input, an output that cannot be written, or a wrong command line."""
EXIT_BUG = 70
"""A bug in govinfo-report (EX_SOFTWARE of sysexits.h)."""
EXIT_INTERRUPTED = 130
"""Interrupted by Ctrl-C."""

TRACEBACK_ENV = "GOVINFO_REPORT_TRACEBACK"
"""Set this environment variable to 1 to see the traceback of a bug instead of one line."""

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
        importlib.import_module(f"._{name}", __name__).add_parser(sub)
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
        _say(args.command, str(exc))
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except KeyboardInterrupt:
        _say(args.command, "interrupted")
        return EXIT_INTERRUPTED
    except (GovInfoReportError, OSError, UnicodeError) as exc:  # bad input a command did not catch itself
        _say(args.command, f"{type(exc).__name__}: {exc}")
        return EXIT_INPUT
    except MemoryError:
        _say(args.command, "out of memory: the input is too large for this machine")
        return EXIT_INPUT
    except Exception as exc:  # a bug of ours: one line, its own exit status
        if os.environ.get(TRACEBACK_ENV, "") not in ("", "0"):
            raise
        what = f"{type(exc).__name__}: {short_repr(str(exc), 160)[1:-1]}"
        _say(
            args.command,
            f"internal error ({what}); this is a bug in govinfo-report {__version__}, please report it with the "
            f"command line and the input file (set {TRACEBACK_ENV}=1 to see the traceback)",
        )
        return EXIT_BUG
    return status


_MAX_LINES = 30


def _say(command: str, message: str) -> None:
    """
    The message on stderr after the command's name, without control characters or ANSI escapes.

    A message is one line, except a StructureError's list of problems (one per
    line, at most 30 shown); each line is cut to 300 characters.
    """
    from ..render.text import terminal_safe

    lines = [line.rstrip() for line in terminal_safe(message).split("\n")]
    lines = [line if len(line) <= 300 else line[:297] + "..." for line in lines if line.strip()]
    if len(lines) > _MAX_LINES:
        lines = [*lines[: _MAX_LINES - 1], f"  ... and {len(lines) - _MAX_LINES + 1} more"]
    print(f"govinfo-report {command}: " + "\n".join(lines), file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
