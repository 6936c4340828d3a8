"""
HTML rendering in the official layout: a printable page, table fragments and notebook display.

:func:`render_html` gives the whole report as a standalone HTML5 page (UTF-8,
embedded CSS with print styles and Chinese font stacks): the title, the six
section headings, the narratives as paragraphs under their subsection headings,
and the three tables with the merged cells of the national format
(format-spec §1.2–§2.4):

* 二: one block per 第二十条 item, its caption spanning the table, then 信息内容 and
  the block's column headers, then its rows.  The value grid is as wide as the
  widest block (plus one column when a narrower block does not divide it, as in
  the 2019 edition, whose （八）/（九） values span two grid columns each).
* 三: the 勾稽 note in the corner (rowspan 3, colspan 3), 申请人情况 (colspan 7),
  自然人 and 总计 (rowspan 2) beside 法人或其他组织 (colspan 5); row labels on three
  label columns, group labels (三、本年度办理结果, （三）不予公开 ...) spanning their
  rows, and rows without sub-rows spanning the label columns they leave free.
* 四: 行政复议 (colspan 5) and 行政诉讼 (colspan 10) over the outcome headers, then
  the 15 values in one row.

Everything comes from :func:`govinfo_report.tables.layout` and the vocabulary;
blank cells stay empty, and all text is escaped.  With *findings*, the cells a
finding concerns are highlighted (a class and a ``title`` with the messages)
and the findings are listed under their table.

:func:`~govinfo_report.render.grid.table_grid` is the layout as data (rows of
:class:`~govinfo_report.render.grid.GridCell` with their spans); every writer draws that grid.
:func:`render_findings_html` draws a list of findings for notebooks (see :class:`~govinfo_report.findings.FindingList`).

>>> from govinfo_report import AnnualReport
>>> r = AnnualReport.blank("2019", organ="某某局", year=2020, fill=0)
>>> html = render_html_table(r, "三")
>>> '<th rowspan="3" colspan="3" class="note">' in html, '<th colspan="7" class="header">申请人情况</th>' in html
(True, True)
>>> '<th rowspan="20" class="label">三、本年度办理结果</th>' in html
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .. import editions
from .._deprecation import warn_renamed
from ..findings import FindingList
from ..model import (
    AnnualReport,
    Disputes,
    Edition,
    Narrative,
    OtherMatters,
    Proactive2019,
    Proactive2021,
    Requests,
)
from .grid import GridCell, TableGrid, iter_grid_positions, table_grid
from .text import _sections, default_title

if TYPE_CHECKING:
    from ..findings import Finding

__all__ = [
    "FindingList",
    "GridCell",
    "TableGrid",
    "findings_html",
    "findings_markdown",
    "iter_grid_positions",
    "render_findings_html",
    "render_html",
    "render_html_table",
    "section_html",
    "section_markdown",
    "table_grid",
]

# ----------------------------------------------------------------------------
# HTML
# ----------------------------------------------------------------------------

_CSS = """
.govinfo-report {
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "宋体", serif;
  font-size: 16px; line-height: 1.75; color: #111; max-width: 60em; margin: 0 auto; padding: 1.5em;
}
.govinfo-report h1, .govinfo-report h2, .govinfo-report h3 {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", SimHei, "黑体", sans-serif;
  font-weight: bold; line-height: 1.4;
}
.govinfo-report h1 { font-size: 1.5em; text-align: center; margin: 0.5em 0 1em; }
.govinfo-report h2 { font-size: 1.15em; margin: 1.5em 0 0.6em; }
.govinfo-report h3 { font-size: 1em; margin: 1em 0 0.4em; }
.govinfo-report p { text-indent: 2em; margin: 0.3em 0; }
.govinfo-report table.govinfo-table {
  border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.8em; line-height: 1.4;
}
.govinfo-report .govinfo-table th, .govinfo-report .govinfo-table td {
  border: 1px solid #333; padding: 0.3em 0.4em; vertical-align: middle;
}
.govinfo-report .govinfo-table th { font-weight: normal; background: #f4f4f4; text-align: center; }
.govinfo-report .govinfo-table th.label { text-align: left; background: #fafafa; }
.govinfo-report .govinfo-table th.caption { text-align: left; font-weight: bold; }
.govinfo-report .govinfo-table th.note { font-size: 0.9em; text-align: left; background: #fff; }
.govinfo-report .govinfo-table td { text-align: center; min-width: 2.5em; }
.govinfo-report .govinfo-table-disputes td, .govinfo-report .govinfo-table-disputes th { padding: 0.3em 0.15em; }
.govinfo-report td.finding-part { background: #fff4d6; }
.govinfo-report td.finding-stated.finding-info { background: #dceeff; outline: 2px solid #3b7dd8; }
.govinfo-report td.finding-stated.finding-warning { background: #ffe9a8; outline: 2px solid #d89a00; }
.govinfo-report td.finding-stated.finding-error { background: #ffd6d6; outline: 2px solid #c62828; }
.govinfo-report .findings { font-size: 0.9em; margin: 0.5em 0 1em; padding-left: 1.5em; }
.govinfo-report .findings li { margin: 0.2em 0; }
.govinfo-report .findings .severity { font-family: monospace; padding: 0 0.3em; border-radius: 3px; }
.govinfo-report .findings .severity-error { background: #ffd6d6; }
.govinfo-report .findings .severity-warning { background: #ffe9a8; }
.govinfo-report .findings .severity-info { background: #dceeff; }
.govinfo-report .findings code { font-size: 0.9em; }
@media print {
  @page { size: A4; margin: 2cm 1.8cm; }
  .govinfo-report { max-width: none; padding: 0; font-size: 12pt; }
  .govinfo-report table.govinfo-table { font-size: 9pt; page-break-inside: auto; }
  .govinfo-report .govinfo-table tr { page-break-inside: avoid; }
  .govinfo-report .govinfo-table thead { display: table-header-group; }
  .govinfo-report h2, .govinfo-report h3 { page-break-after: avoid; }
  .govinfo-report .govinfo-table th { background: none; }
}
"""

_SEVERITY_ORDER = ("error", "warning", "info")


def _esc(text: str) -> str:
    return _html.escape(text, quote=True)


class _Marks:
    """The findings that concern each cell: the cell they state, and the cells that take part."""

    def __init__(self, findings: Iterable[Finding] | None) -> None:
        self.findings: list[Finding] = list(findings or ())
        self.stated: dict[str, list[Finding]] = {}
        self.parts: dict[str, list[Finding]] = {}
        for f in self.findings:
            self.stated.setdefault(f.path, []).append(f)
            for ref in (*f.cells, *f.details):
                if ref.source is None and ref.path != f.path:
                    self.parts.setdefault(ref.path, [])
                    if f not in self.parts[ref.path]:
                        self.parts[ref.path].append(f)

    def attributes(self, path: str | None) -> tuple[list[str], str | None]:
        """The classes and the title of the value cell at *path*."""
        if path is None:
            return [], None
        stated = self.stated.get(path, [])
        parts = [f for f in self.parts.get(path, []) if f not in stated]
        concerned = stated + parts
        if not concerned:
            return [], None
        severities = {f.severity.value for f in concerned}
        worst = next(s for s in _SEVERITY_ORDER if s in severities)
        classes = ["finding", "finding-stated" if stated else "finding-part", f"finding-{worst}"]
        title = "\n".join(f"[{f.code}] {f.message}" for f in concerned)
        return classes, title


def _cell_html(cell: GridCell, marks: _Marks) -> str:
    attrs_: list[str] = []
    if cell.rowspan > 1:
        attrs_.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs_.append(f'colspan="{cell.colspan}"')
    classes: list[str] = [cell.kind]
    title = None
    if cell.kind == "value":
        extra, title = marks.attributes(cell.path)
        classes += extra
    attrs_.append(f'class="{" ".join(classes)}"')
    if cell.path is not None:
        attrs_.append(f'data-path="{_esc(cell.path)}"')
    if title is not None:
        attrs_.append(f'title="{_esc(title)}"')
    tag = "td" if cell.kind == "value" else "th"
    return f"<{tag} {' '.join(attrs_)}>{_esc(cell.text)}</{tag}>"


def _grid_html(grid: TableGrid, marks: _Marks) -> str:
    lines = [f'<table class="govinfo-table govinfo-table-{grid.table.attr}" data-table="{_esc(grid.table.table.zh)}">']
    if grid.table.attr == "proactive":
        # equal value columns, so that cells spanning two grid columns line up as in the official table
        share = 72 / (grid.width - 1)
        cols = '<col style="width: 28%">' + f'<col style="width: {share:.2f}%">' * (grid.width - 1)
        lines.append(f"<colgroup>{cols}</colgroup>")
    if grid.head:
        lines.append("<thead>")
        lines += ["<tr>" + "".join(_cell_html(c, marks) for c in r) + "</tr>" for r in grid.head]
        lines.append("</thead>")
    lines.append("<tbody>")
    lines += ["<tr>" + "".join(_cell_html(c, marks) for c in r) + "</tr>" for r in grid.body]
    lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)


def _findings_list_html(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    items = []
    for f in findings:
        where = f"表{f.table} {f.row} × {f.column}" if f.table and f.row and f.column else f.path
        line = (
            f'<li class="finding-item finding-{f.severity.value}">'
            f'<span class="severity severity-{f.severity.value}">{_esc(f.severity.value)}</span> '
            f"<code>{_esc(f.code)}</code> {_esc(where)}: {_esc(f.message)}"
        )
        if f.diagnosis is not None:
            line += f"<br><small>{_esc(f.diagnosis.describe('zh'))}</small>"
        items.append(line + "</li>")
    return '<ul class="findings">\n' + "\n".join(items) + "\n</ul>"


def render_html_table(report: AnnualReport, table: str, *, findings: Iterable[Finding] | None = None) -> str:
    """
    One table (``"二"``, ``"三"`` or ``"四"``) as an HTML ``<table>`` with the official merged cells.

    Args:
        report: The report.
        table: ``"二"``, ``"三"``, ``"四"`` (or ``"proactive"``, ``"requests"``, ``"disputes"``).
        findings: Findings whose cells are highlighted (class ``finding-stated`` on
            the cell a finding states, ``finding-part`` on the cells that take part,
            and ``finding-error``/``-warning``/``-info``; the messages in ``title``).

    Raises:
        LayoutError: No such table.

    .. versionadded:: 0.1.0
    """
    return _grid_html(table_grid(report, table), _Marks(findings))


def _paragraphs(text: str) -> list[str]:
    return [f"<p>{_esc(line)}</p>" for line in text.split("\n") if line.strip()]


def _narrative_html(section: Narrative | OtherMatters) -> list[str]:
    out = _paragraphs(section.text)
    for s in section.subsections:
        out.append(f"<h3>{_esc(s.title)}</h3>")
        out += _paragraphs(s.text)
    return out


def _meta_tags(report: AnnualReport) -> list[str]:
    """Machine-readable metadata for the page head (what the visible page does not show)."""
    meta = report.meta
    pairs: list[tuple[str, str]] = []
    if meta.organ is not None:
        pairs.append(("organ", meta.organ))
    if meta.year is not None:
        pairs.append(("year", str(meta.year)))
    pairs += [("edition", meta.edition.value), ("scope", meta.scope.value)]
    if meta.title is not None:
        pairs.append(("title", meta.title))
    if meta.division_code is not None:
        pairs.append(("division-code", meta.division_code))
    if meta.published is not None:
        pairs.append(("published", meta.published.isoformat()))
    pairs += [("member", m) for m in meta.members]
    fees = report.other_matters.fees
    if fees is not None:  # stated, even when both figures are blank
        pairs.append(("fees", "stated"))
    if fees is not None and fees.applications is not None:
        pairs.append(("fees-applications", str(fees.applications)))
    if fees is not None and fees.amount_yuan is not None:
        pairs.append(("fees-amount-yuan", str(fees.amount_yuan)))
    return [f'<meta name="govinfo-report:{name}" content="{_esc(value)}">' for name, value in pairs]


def _body_html(report: AnnualReport, marks: _Marks) -> str:
    lines = ['<article class="govinfo-report" lang="zh-CN">', f"<h1>{_esc(default_title(report))}</h1>"]
    general = [f for f in marks.findings if f.table is None]
    if general:
        lines.append(_findings_list_html(general))
    for heading, body in _sections(report):
        lines.append(f'<section class="govinfo-section" id="{heading.key}">')
        lines.append(f"<h2>{_esc(heading.zh)}</h2>")
        if isinstance(body, str):
            lines.append(_grid_html(table_grid(report, body), marks))
            concerned = [f for f in marks.findings if f.table == body]
            if concerned:
                lines.append(_findings_list_html(concerned))
        else:
            lines += _narrative_html(body)
        lines.append("</section>")
    lines.append("</article>")
    return "\n".join(lines)


def render_html(report: AnnualReport, *, findings: Iterable[Finding] | None = None, standalone: bool = True) -> str:
    """
    The whole report as HTML in the official layout.

    Args:
        report: The report.
        findings: Findings to show (e.g. from :func:`govinfo_report.check`):
            the cells they concern are highlighted, each table is followed by
            a list of its findings, and findings about the whole report are
            listed under the title.
        standalone: True for a complete HTML5 page (``<!DOCTYPE html>``, UTF-8
            ``<meta>``, the title, embedded CSS with print styles, and the
            metadata as ``<meta name="govinfo-report:...">`` tags); False for
            a fragment to embed (a ``<style>`` and an ``<article>``), as
            notebooks show it.

    Returns:
        The HTML text.

    >>> from govinfo_report import AnnualReport
    >>> page = render_html(AnnualReport.blank("2021", organ="某某局<试点>", year=2022))
    >>> page.startswith("<!DOCTYPE html>"), "<h1>某某局&lt;试点&gt;2022年政府信息公开工作年度报告</h1>" in page
    (True, True)

    .. versionadded:: 0.1.0
    """
    marks = _Marks(findings)
    body = _body_html(report, marks)
    if not standalone:
        return f"<style>{_CSS}</style>\n{body}\n"
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(default_title(report))}</title>",
        *_meta_tags(report),
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, body, "</body>", "</html>", ""])


# ----------------------------------------------------------------------------
# Notebook display
# ----------------------------------------------------------------------------

_TABLE_OF = {Proactive2019: "proactive", Proactive2021: "proactive", Requests: "requests", Disputes: "disputes"}


def _section_edition(section: object) -> Edition:
    return editions.edition_of(section) or Edition.E2021  # 四 is the same in both editions


def section_html(section: Narrative | OtherMatters | Proactive2019 | Proactive2021 | Requests | Disputes) -> str:
    """
    One section as an HTML fragment (with the CSS), as notebooks display it.

    A table section is drawn in the official layout (the edition follows from
    the section itself); a narrative section gives its paragraphs and
    subsection headings.

    .. versionadded:: 0.1.0
    """
    if isinstance(section, (Narrative, OtherMatters)):
        inner = "\n".join(_narrative_html(section))
    else:
        attr = _TABLE_OF[type(section)]
        report = AnnualReport.blank(_section_edition(section), organ="-")
        changes: dict[str, Any] = {attr: section}
        report = attrs.evolve(report, **changes)
        inner = render_html_table(report, attr)
    return f'<style>{_CSS}</style>\n<div class="govinfo-report">\n{inner}\n</div>\n'


def section_markdown(section: Narrative | OtherMatters) -> str:
    """
    A narrative section as Markdown: its text, then each subsection as a level-3 heading and its text.

    .. versionadded:: 0.1.0
    """
    parts = [section.text] if section.text else []
    for s in section.subsections:
        parts.append(f"### {s.title}")
        if s.text:
            parts.append(s.text)
    return "\n\n".join(parts) + "\n"


def findings_html(findings: Sequence[Finding]) -> str:
    """
    The old name of :func:`render_findings_html`: deprecated since 0.2.0.

    Returns what :func:`render_findings_html` returns, after a :class:`DeprecationWarning`.

    .. versionadded:: 0.1.0
    .. deprecated:: 0.2.0 Use :func:`render_findings_html`.
    """
    warn_renamed("findings_html", "render_findings_html")
    return render_findings_html(findings)


def render_findings_html(findings: Sequence[Finding]) -> str:
    """
    Findings as an HTML table (severity, code, location, numbers, message and diagnosis), for notebooks.

    >>> render_findings_html([])
    '<p class="govinfo-findings">没有发现问题 / no findings</p>'

    .. versionadded:: 0.2.0 (before, as ``findings_html``).
    """
    from ..findings import summary_line

    if not findings:
        return f'<p class="govinfo-findings">{_esc(summary_line(findings))}</p>'
    rows = []
    for f in findings:
        where = f"表{f.table} {f.row} × {f.column}" if f.table and f.row and f.column else ""
        cells = [
            f'<span class="severity severity-{f.severity.value}">{_esc(f.severity.value)}</span>',
            f"<code>{_esc(f.code)}</code>",
            f"{_esc(where)}<br><code>{_esc(f.path)}</code>",
            _esc("" if f.stated is None else str(f.stated)),
            _esc("" if f.expected is None else str(f.expected)),
            _esc(f"{f.direction} {abs(f.difference)}" if f.direction and f.difference is not None else ""),
            _esc(f.message)
            + (f"<br><small>{_esc(f.diagnosis.describe('zh'))}</small>" if f.diagnosis is not None else ""),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    headers = ("severity", "code", "location", "stated", "expected", "difference", "message")
    return (
        f"<style>{_CSS}</style>\n"
        '<div class="govinfo-report govinfo-findings">\n<table class="govinfo-table">\n<thead><tr>'
        + "".join(f"<th>{h}</th>" for h in headers)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + f"\n</tbody>\n</table>\n<p>{_esc(summary_line(findings))}</p>\n</div>\n"
    )


def findings_markdown(findings: Sequence[Finding]) -> str:
    """
    Findings as a Markdown list, one line per finding, then the summary line.

    .. versionadded:: 0.1.0
    """
    from ..findings import summary_line

    lines = [f"- **{f.severity.value}** `{f.code}` `{f.path}`: {f.message}" for f in findings]
    return "\n".join([*lines, "", summary_line(findings)]).strip() + "\n"
