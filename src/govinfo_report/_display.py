"""HTML for notebooks: an import result, a comparison and indicators as HTML tables (their ``_repr_html_``)."""

from __future__ import annotations

import html as _html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from . import vocab as v
from .render.html import _CSS

if TYPE_CHECKING:
    from .analysis.compare import Comparison
    from .analysis.indicators import Indicators
    from .importers import Diagnostic, ParseResult


def _esc(value: object) -> str:
    return _html.escape("" if value is None else str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], css_class: str) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table class="govinfo-table {css_class}">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def _wrap(inner: str) -> str:
    return f'<style>{_CSS}</style>\n<div class="govinfo-report">\n{inner}\n</div>\n'


def diagnostics_table_html(diagnostics: Sequence[Diagnostic]) -> str:
    """The importer's diagnostics as one HTML table (severity, code, line, column, cell, message)."""
    rows = [(d.severity.value, d.code, d.line, d.column, d.path, d.message) for d in diagnostics]
    return _table(("severity", "code", "line", "column", "cell", "message"), rows, "govinfo-diagnostics")


def parse_result_html(result: ParseResult) -> str:
    """An import result: its diagnostics as a table, then the report as read (or that there is none)."""
    parts = [f"<p>{_esc(result.source or '')} — {len(result.diagnostics)} diagnostics</p>"]
    if result.diagnostics:
        parts.append(diagnostics_table_html(result.diagnostics))
    if result.extra_rows:
        rows = [(r.table, r.label, " | ".join(r.values), r.line) for r in result.extra_rows]
        parts.append(_table(("table", "row", "values", "line"), rows, "govinfo-extra-rows"))
    if result.report is None:
        parts.append("<p>no report could be read</p>")
        return _wrap("\n".join(parts))
    from .render.html import render_html

    return _wrap("\n".join(parts)) + render_html(result.report, standalone=False)


def comparison_html(comparison: Comparison) -> str:
    """A comparison: the changed cells as a table, the notes, and each changed narrative as a diff."""
    old, new = comparison.old, comparison.new
    title = f"{old.organ_name} {old.year or ''} → {new.organ_name} {new.year or ''}"
    parts = [f"<h3>{_esc(title)}</h3>"]
    changed = comparison.changed()
    if changed:
        rows = [
            (
                f"表{c.table}",
                c.row,
                c.column,
                c.old,
                c.new,
                c.change,
                "" if c.change_pct is None else f"{c.change_pct}%",
            )
            for c in changed
        ]
        parts.append(_table(("table", "row", "column", "old", "new", "change", "change %"), rows, "govinfo-diff"))
    else:
        parts.append("<p>no cell changed</p>")
    parts += [f"<p>{_esc(n)}</p>" for n in comparison.notes]
    for n in comparison.narratives:
        if n.diff:
            parts.append(f"<h3>{_esc(n.title)}</h3><pre>{_esc(n.diff)}</pre>")
    return _wrap("\n".join(parts))


def indicators_html(rows: Sequence[Indicators]) -> str:
    """Indicators as one HTML table: organ, year, edition, then each indicator as a percentage."""
    from .analysis.indicators import INDICATOR_NAMES, percent

    body = [
        [r.organ or v.UNKNOWN_ORGAN.zh, r.year, r.edition] + [percent(getattr(r, n)) for n in INDICATOR_NAMES]
        for r in rows
    ]
    return _wrap(_table(("organ", "year", "edition", *INDICATOR_NAMES), body, "govinfo-indicators"))
