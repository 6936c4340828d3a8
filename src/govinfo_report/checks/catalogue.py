"""
The rule catalogue as a docs page (docs/rules.md) and ``python -m govinfo_report.checks``.

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._deprecation import warn_renamed
from ..rules import (
    ACROSS,
    CATALOGUE,
)

if TYPE_CHECKING:
    pass


# ----------------------------------------------------------------------------
# The catalogue as a docs page
# ----------------------------------------------------------------------------

_GROUPS = (
    ("arithmetic", "Arithmetic (勾稽关系 within the tables)"),
    ("report", "Report level"),
    ("continuity", "Continuity with the previous year (`check(report, previous=...)`)"),
    ("summary", "A summary against its members (`check(summary, members=[...])`)"),
    ("narrative", "The prose against the tables (on by default; `check(report, narrative=False)` skips them)"),
    ("plausibility", "Plausibility, advisory (`check(report, plausibility=True)`)"),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def catalogue_markdown() -> str:
    """
    The old name of :func:`render_catalogue`: deprecated since 0.2.0.

    Returns what :func:`render_catalogue` returns, after a :class:`DeprecationWarning`.

    .. versionadded:: 0.1.0
    .. deprecated:: 0.2.0 Use :func:`render_catalogue`.
    """
    warn_renamed("catalogue_markdown", "render_catalogue")
    return render_catalogue()


def render_catalogue() -> str:
    """
    The rule catalogue as a Markdown page (docs/rules.md).

    Regenerate the page with ``python -m govinfo_report.checks --rules-markdown > docs/rules.md``.

    >>> "| T3-BALANCE | error |" in render_catalogue()
    True

    .. versionadded:: 0.2.0 (before, as ``catalogue_markdown``).
    """
    lines = [
        "<!-- Generated from govinfo_report.rules.CATALOGUE; do not edit.",
        "     Regenerate: python -m govinfo_report.checks --rules-markdown > docs/rules.md -->",
        "",
        "# Consistency rules",
        "",
        "`govinfo_report.check(report)` evaluates these rules and returns one finding per violation.",
        "Codes are stable and part of the public API. Severities are those of the default policies;",
        'with `blank="strict"`, BLANK-CELLS is an error. The spec column names the rule of',
        "format-spec.md §4 that each code implements.",
        "",
        'Blank cells: with `blank="zero"` (the default) a blank cell counts as 0 and one BLANK-CELLS',
        'warning lists every blank cell; `blank="strict"` makes that finding an error; `blank="ignore"`',
        "reports no blank cells and skips every relation that uses one.",
    ]
    known = [g for g, _ in _GROUPS]
    extra = [g for g in dict.fromkeys(r.group for r in CATALOGUE) if g not in known]
    titles = dict(_GROUPS)
    for group in [*known, *extra]:  # a group added to the catalogue later still gets a section
        rules = [r for r in CATALOGUE if r.group == group]
        if not rules:
            continue
        lines += ["", f"## {titles.get(group, group.capitalize())}", ""]
        lines.append("| code | severity | editions | 中文 | English | spec |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for r in rules:
            editions = ", ".join(e.value for e in r.editions)
            lines.append(
                f"| {r.code} | {r.severity.value} | {editions} | {_cell(r.zh)} | {_cell(r.en)} | {r.spec or '—'} |"
            )
    lines += [
        "",
        "## Across reports, as data",
        "",
        "The continuity and summary rules are equations whose terms may read last year's report",
        "(`previous`) or the member reports (`members`, summed), as `govinfo_report.rules.ACROSS` declares",
        "them. `check()` evaluates them with one evaluator and gives each finding a diagnosis. Your own",
        "rules, as functions or as equations, go in `check(report, extra_checks=[...])`: see",
        "[Write your own rules](howto-custom-rules.md).",
        "",
    ]
    lines += [f"- {r.code}: `{r.describe()}`" for r in ACROSS]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """
    ``python -m govinfo_report.checks --rules-markdown``: print the rule catalogue page; returns the exit status.

    .. versionadded:: 0.1.0
    """
    import argparse  # here, not at import: argparse costs more than the rest of check's first use

    parser = argparse.ArgumentParser(
        prog="python -m govinfo_report.checks",
        description="Print the rule catalogue. To check a report, use `govinfo-report check FILE`.",
    )
    parser.add_argument("--rules-markdown", action="store_true", help="print docs/rules.md")
    args = parser.parse_args(argv)
    if not args.rules_markdown:
        parser.print_help(sys.stderr)
        return 2
    sys.stdout.write(render_catalogue())
    return 0
