"""
The audit of a collection of reports, for people: one self-contained HTML page, or an Excel workbook.

:func:`render_audit_html` draws a :class:`~govinfo_report.analysis.batch.FolderCheck` (from
:func:`~govinfo_report.analysis.collection.check_folder`) as one HTML page that needs nothing from
the network (inline CSS, inline SVG, one small inline script):

* a summary: files, readable, unreadable, with errors, findings by severity and by rule;
* a sortable table of the files (click a column header): organ, year, edition, errors,
  warnings, notices and import diagnostics, each row linked to its report;
* charts as inline SVG: the findings per rule, and the distribution of the main
  indicators (:func:`govinfo_report.analysis.indicators.indicators`) across the organs;
* each report: its findings, its import diagnostics and its three tables drawn on the
  shared grid (:func:`govinfo_report.render.html.render_html_table`), the faulty cells
  highlighted.

A notebook shows the same page inline for a ``FolderCheck`` (its ``_repr_html_``).
:func:`write_audit_xlsx` writes a workbook with a summary sheet (one row per file) and a
findings sheet (one row per finding); it needs openpyxl (``pip install "govinfo-report[xlsx]"``).

>>> import tempfile, pathlib
>>> from govinfo_report import AnnualReport, check_folder, to_json
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> report = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
>>> _ = (folder / "a.json").write_text(to_json(report), encoding="utf-8")
>>> page = render_audit_html(check_folder(folder, workers=1))
>>> page.startswith("<!DOCTYPE html>"), '<svg role="img"' in page, "<td>某某局</td>" in page
(True, True, True)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import html as _html
import importlib
import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import vocab as v
from .._deprecation import warn_renamed
from ..errors import MissingDependencyError
from ..render.html import _CSS as _REPORT_CSS
from ..render.html import render_html_table
from ..rules import Severity

if TYPE_CHECKING:
    from ..findings import Finding
    from .batch import FileCheck, FolderCheck

__all__ = ["AUDIT_INDICATORS", "audit_html", "render_audit_html", "write_audit_xlsx"]

AUDIT_INDICATORS: tuple[str, ...] = (
    "disclosure_rate",
    "completion_rate",
    "review_correction_rate",
    "litigation_correction_rate",
)
"""The indicators whose distribution across organs the page charts (names of :class:`~govinfo_report.Indicators`)."""

_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_COLOURS = {Severity.ERROR: "#c62828", Severity.WARNING: "#d89a00", Severity.INFO: "#3b7dd8"}

_CSS = """
.govinfo-audit { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; color: #111; max-width: 72em; margin: 0 auto; padding: 1em 1.5em; line-height: 1.5; }
.govinfo-audit h1 { font-size: 1.5em; margin: 0.3em 0 0.2em; }
.govinfo-audit h2 { font-size: 1.2em; margin: 1.5em 0 0.5em; border-bottom: 1px solid #ccc; }
.govinfo-audit .folder { color: #555; margin: 0 0 1em; font-family: monospace; }
.govinfo-audit .cards { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 0.5em 0 1em; }
.govinfo-audit .card { border: 1px solid #ccc; border-radius: 6px; padding: 0.4em 0.9em; min-width: 7em; }
.govinfo-audit .card .n { font-size: 1.6em; font-weight: bold; display: block; }
.govinfo-audit .card.bad .n { color: #c62828; }
.govinfo-audit .card.warn .n { color: #b07d00; }
.govinfo-audit table.audit { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
.govinfo-audit table.audit th, .govinfo-audit table.audit td { border: 1px solid #bbb; padding: 0.2em 0.5em; }
.govinfo-audit table.audit th { background: #f0f0f0; text-align: left; }
.govinfo-audit table.audit td.n { text-align: right; font-variant-numeric: tabular-nums; }
.govinfo-audit table.sortable th { cursor: pointer; user-select: none; }
.govinfo-audit table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
.govinfo-audit table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
.govinfo-audit tr.unreadable td { background: #fde7e7; }
.govinfo-audit td.errors-some { background: #ffd6d6; font-weight: bold; }
.govinfo-audit .charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
.govinfo-audit figure { margin: 0; }
.govinfo-audit figcaption { font-size: 0.9em; font-weight: bold; margin-bottom: 0.2em; }
.govinfo-audit svg text { font-size: 11px; fill: #222; }
.govinfo-audit details.report { border: 1px solid #ccc; border-radius: 6px; margin: 0.5em 0; padding: 0.3em 0.8em; }
.govinfo-audit details.report > summary { cursor: pointer; font-weight: bold; }
.govinfo-audit .sev { font-family: monospace; padding: 0 0.3em; border-radius: 3px; }
.govinfo-audit .sev-error { background: #ffd6d6; }
.govinfo-audit .sev-warning { background: #ffe9a8; }
.govinfo-audit .sev-info { background: #dceeff; }
.govinfo-audit ul.items { font-size: 0.9em; padding-left: 1.4em; }
.govinfo-audit .govinfo-report { max-width: none; padding: 0; font-size: 14px; }
.govinfo-audit .govinfo-report h3 { font-size: 1em; margin: 0.8em 0 0.2em; }
"""

_SCRIPT = """
(function () {
  var root = document.currentScript ? document.currentScript.parentNode : document;
  root.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      th.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = th.dataset.type === "number";
        rows.sort(function (a, b) {
          var x = a.cells[column].dataset.sort || a.cells[column].textContent;
          var y = b.cells[column].dataset.sort || b.cells[column].textContent;
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh");
          return descending ? -order : order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    table.dataset.sortable = "ready";
  });
})();
"""


def _esc(text: object) -> str:
    return _html.escape(str(text), quote=True)


def _organ(f: FileCheck) -> str:
    return f.organ if f.organ is not None else ""


def _count(f: FileCheck, severity: Severity) -> int:
    return {Severity.ERROR: f.errors, Severity.WARNING: f.warnings, Severity.INFO: f.infos}[severity]


def _diagnostic_count(f: FileCheck) -> int:
    return len(f.import_diagnostics) or len(f.diagnostics)


def _rule_title(code: str) -> str:
    from ..importers import CODES
    from ..rules import rule

    try:
        return rule(code).zh
    except KeyError:  # IMPORT-<code>: the importer's diagnostic, described in English only
        found = CODES.get(code.removeprefix("IMPORT-"))
        return found[1] if found else ""


# ----------------------------------------------------------------------------
# Charts (inline SVG)
# ----------------------------------------------------------------------------


def _bar_chart(rows: Sequence[tuple[str, int, str]], *, label_width: int = 190, width: int = 520) -> str:
    """Horizontal bars: ``(label, value, colour)``, the value printed at the end of each bar."""
    bar_h, gap, top = 16, 5, 4
    height = top + len(rows) * (bar_h + gap) + 4
    most = max((n for _, n, _ in rows), default=0) or 1
    room = width - label_width - 50
    parts = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for i, (label, n, colour) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(1, round(room * n / most))
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_h - 4}" text-anchor="end">{_esc(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}"><title>{_esc(label)}: {n}'
            f"</title></rect>"
            f'<text x="{label_width + w + 4}" y="{y + bar_h - 4}">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _histogram(values: Sequence[Fraction], *, width: int = 300, height: int = 150) -> str:
    """How many organs fall in each tenth of 0–100 % (a last bar for values above 100 %)."""
    bins = [0] * 11
    for value in values:
        bins[10 if value > 1 else min(9, int(value * 10))] += 1
    if not bins[10]:
        bins.pop()
    left, right, bottom, top = 28, 18, 22, 14
    plot_w, plot_h = width - left - right, height - bottom - top
    step = plot_w / len(bins)
    most = max(bins) or 1
    parts = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#555"/>'
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{most}</text>'
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>'
    )
    for i, n in enumerate(bins):
        h = plot_h * n / most
        x = left + i * step
        label = ">100%" if i == 10 else f"{i * 10}–{i * 10 + 10}%"
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{step - 2:.1f}" height="{h:.1f}" fill="#5b7fb3">'
            f"<title>{label}: {n}</title></rect>"
        )
        if n:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h - h - 2:.1f}" text-anchor="middle">{n}</text>')
    for i in range(0, len(bins) + 1, 2 if len(bins) <= 10 else 1):
        if i <= 10:
            x = left + i * step
            parts.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle">{i * 10}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def _indicator_values(result: FolderCheck) -> dict[str, list[Fraction]]:
    from .indicators import indicators

    values: dict[str, list[Fraction]] = {name: [] for name in AUDIT_INDICATORS}
    for f in result.files:
        if f.report is None:
            continue
        ind = indicators(f.report)
        for name in AUDIT_INDICATORS:
            value = getattr(ind, name)
            if value is not None:
                values[name].append(value)
    return values


def _charts_html(result: FolderCheck) -> list[str]:
    out = ['<section id="charts"><h2>图表 Charts</h2><div class="charts">']
    if result.rules:
        rows = [(r.code, r.findings, _COLOURS[r.severity]) for r in result.rules]
        out.append(
            '<figure class="chart chart-rules"><figcaption>各规则的问题数 Findings per rule</figcaption>'
            + _bar_chart(rows)
            + "</figure>"
        )
    values = _indicator_values(result)
    for name in AUDIT_INDICATORS:
        found = values[name]
        if not found:
            continue
        caption = f"{name.replace('_', ' ')}: {len(found)} organs"
        out.append(
            f'<figure class="chart chart-indicator" data-indicator="{name}"><figcaption>{_esc(caption)}</figcaption>'
            + _histogram(found)
            + "</figure>"
        )
    out.append("</div></section>")
    return out


# ----------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------


def _summary_html(result: FolderCheck) -> list[str]:
    files = result.files
    readable = sum(1 for f in files if f.error is None)
    with_errors = sum(1 for f in files if f.errors)
    with_warnings = sum(1 for f in files if f.warnings)
    diagnostics = sum(_diagnostic_count(f) for f in files)
    cards = [
        ("files", "文件 files", len(files), ""),
        ("readable", "可读取 readable", readable, ""),
        ("unreadable", "无法读取 unreadable", result.unreadable, "bad" if result.unreadable else ""),
        ("with-errors", "有错误 with errors", with_errors, "bad" if with_errors else ""),
        ("with-warnings", "有警告 with warnings", with_warnings, "warn" if with_warnings else ""),
        ("diagnostics", "导入诊断 import diagnostics", diagnostics, ""),
        ("skipped", "跳过 skipped", len(result.skipped), ""),
    ]
    out = ['<section id="summary"><h2>概况 Summary</h2><div class="cards">']
    out += [
        f'<div class="card {cls}" data-key="{key}"><span class="n">{n}</span>{_esc(label)}</div>'
        for key, label, n, cls in cards
    ]
    out.append("</div>")
    out.append(
        '<table class="audit by-severity"><thead><tr><th>级别 severity</th><th>文件数 files</th>'
        "<th>次数 findings</th></tr></thead><tbody>"
    )
    for s in Severity:
        n_files = sum(1 for f in files if _count(f, s))
        n = sum(_count(f, s) for f in files)
        out.append(
            f'<tr data-severity="{s.value}"><td><span class="sev sev-{s.value}">{s.value}</span> {_SEVERITY_ZH[s]}</td>'
            f'<td class="n">{n_files}</td><td class="n">{n}</td></tr>'
        )
    out.append("</tbody></table>")
    if result.rules:
        out.append(
            '<table class="audit by-rule sortable"><thead><tr><th>规则 rule</th><th>级别 severity</th>'
            '<th data-type="number">文件数 files</th><th data-type="number">次数 findings</th><th>说明</th>'
            "</tr></thead><tbody>"
        )
        for r in result.rules:
            out.append(
                f'<tr data-code="{_esc(r.code)}"><td><code>{_esc(r.code)}</code></td>'
                f'<td><span class="sev sev-{r.severity.value}">{r.severity.value}</span></td>'
                f'<td class="n">{r.files}</td><td class="n">{r.findings}</td><td>{_esc(_rule_title(r.code))}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _files_table_html(result: FolderCheck) -> list[str]:
    headers = [
        ("文件 file", ""),
        ("机关 organ", ""),
        ("年度 year", "number"),
        ("版本 edition", ""),
        ("错误 errors", "number"),
        ("警告 warnings", "number"),
        ("提示 info", "number"),
        ("导入诊断 diagnostics", "number"),
        ("状态 status", ""),
    ]
    out = [
        '<section id="files"><h2>各机关 Organs</h2>',
        '<table class="audit files sortable"><thead><tr>'
        + "".join(f'<th data-type="{t}">{_esc(h)}</th>' if t else f"<th>{_esc(h)}</th>" for h, t in headers)
        + "</tr></thead><tbody>",
    ]
    for i, f in enumerate(result.files):
        name = os.path.basename(f.source)
        status = "无法读取 unreadable" if f.error is not None else ("有错误 errors" if f.errors else "")
        row_class = ' class="unreadable"' if f.error is not None else ""
        cells = [
            f'<td data-sort="{_esc(f.source)}"><a href="#report-{i}">{_esc(name)}</a></td>',
            f"<td>{_esc(_organ(f))}</td>",
            f'<td class="n">{"" if f.year is None else f.year}</td>',
            f"<td>{_esc(f.edition or '')}</td>",
            f'<td class="n{" errors-some" if f.errors else ""}">{f.errors}</td>',
            f'<td class="n">{f.warnings}</td>',
            f'<td class="n">{f.infos}</td>',
            f'<td class="n">{_diagnostic_count(f)}</td>',
            f'<td title="{_esc(f.error or "")}">{_esc(status)}</td>',
        ]
        out.append(f'<tr{row_class} data-file="{_esc(f.source)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table></section>")
    return out


def _finding_items(findings: Sequence[Finding]) -> str:
    items = []
    for x in findings:
        where = f"表{x.table} {x.row} × {x.column}" if x.table and x.row and x.column else x.path
        items.append(
            f'<li data-code="{_esc(x.code)}"><span class="sev sev-{x.severity.value}">{x.severity.value}</span> '
            f"<code>{_esc(x.code)}</code> {_esc(where)}: {_esc(x.message)}</li>"
        )
    return '<ul class="items findings">' + "".join(items) + "</ul>"


def _report_html(i: int, f: FileCheck) -> list[str]:
    title = f"{_organ(f) or v.UNKNOWN_ORGAN.zh} {f.year if f.year is not None else v.UNKNOWN_YEAR.zh}"
    counts = f"错误 {f.errors} · 警告 {f.warnings} · 提示 {f.infos}"
    if f.error is not None:
        counts = "无法读取 unreadable"
    out = [
        f'<details class="report" id="report-{i}" data-file="{_esc(f.source)}">',
        f"<summary>{_esc(title)} — {_esc(os.path.basename(f.source))} ({_esc(counts)})</summary>",
    ]
    if f.error is not None:
        out.append(f'<p class="error">{_esc(f.error)}</p>')
    if f.findings:
        out.append(_finding_items(f.findings))
    texts = [str(d) for d in f.import_diagnostics] or list(f.diagnostics)
    if texts:
        out.append(
            '<h3>导入诊断 import diagnostics</h3><ul class="items diagnostics">'
            + "".join(f"<li>{_esc(t)}</li>" for t in texts)
            + "</ul>"
        )
    if f.report is not None:
        out.append('<div class="govinfo-report">')
        for heading, table in ((v.PROACTIVE, "二"), (v.REQUESTS, "三"), (v.DISPUTES, "四")):
            out.append(f"<h3>{_esc(heading.zh)}</h3>")
            out.append(render_html_table(f.report, table, findings=f.findings))
        out.append("</div>")
    out.append("</details>")
    return out


def render_audit_html(result: FolderCheck, *, standalone: bool = True, title: str | None = None) -> str:
    """
    The audit page of a folder check (contents in the module documentation).

    Args:
        result: What :func:`govinfo_report.analysis.batch.check_folder` returned.
        standalone: True for a complete HTML5 page; False for a fragment (a ``<div>`` with
            its ``<style>`` and ``<script>``), as a notebook shows it.
        title: The page title (default: 审核 / audit and the folder).

    Returns:
        The HTML text: no external resources, every text escaped.

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.2.0 renamed from ``audit_html`` (``render_*`` returns a str).
    """
    heading = title or f"政府信息公开工作年度报告审核 Audit of {len(result.files)} reports"
    body = [
        '<div class="govinfo-audit">',
        f"<h1>{_esc(heading)}</h1>",
        f'<p class="folder">{_esc(result.folder)}</p>',
        *_summary_html(result),
        *_files_table_html(result),
        *_charts_html(result),
        '<section id="reports"><h2>各报告 Reports</h2>',
    ]
    for i, f in enumerate(result.files):
        body += _report_html(i, f)
    body.append("</section>")
    if result.skipped:
        body.append(
            '<section id="skipped"><h2>跳过的文件 Skipped</h2><ul class="items">'
            + "".join(f"<li><code>{_esc(p)}</code>: {_esc(reason)}</li>" for p, reason in result.skipped)
            + "</ul></section>"
        )
    body.append(f"<script>{_SCRIPT}</script>")
    body.append("</div>")
    style = f"<style>{_CSS}{_REPORT_CSS}</style>"
    if not standalone:
        return style + "\n" + "\n".join(body) + "\n"
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(heading)}</title>",
        style,
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>", ""])


# ----------------------------------------------------------------------------
# Excel
# ----------------------------------------------------------------------------

_SUMMARY_HEADERS = (
    "文件 file",
    "机关 organ",
    "年度 year",
    "版本 edition",
    "错误 errors",
    "警告 warnings",
    "提示 info",
    "导入诊断 diagnostics",
    "无法读取 unreadable",
)
_FINDING_HEADERS = (
    "文件 file",
    "机关 organ",
    "年度 year",
    "级别 severity",
    "规则 code",
    "表 table",
    "行 row",
    "列 column",
    "位置 path",
    "填报 stated",
    "应为 expected",
    "差 difference",
    "说明 message",
    "message (en)",
)


def _cell(value: object) -> Any:
    """A value for a spreadsheet cell: numbers stay numbers, blanks stay empty, dates as ISO text."""
    if value is None or isinstance(value, (int, str)):
        return value
    from decimal import Decimal

    if isinstance(value, Decimal):
        return value
    return str(value)


def write_audit_xlsx(result: FolderCheck, path: str | os.PathLike[str]) -> None:
    """
    Write the audit as an Excel workbook: sheet ``summary`` (one row per file) and ``findings`` (one per finding).

    Blank values stay empty cells; numbers are the numbers the findings state.

    Raises:
        MissingDependencyError: openpyxl is not installed.
        OSError: *path* cannot be written.

    .. versionadded:: 0.2.0
    """
    try:
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise MissingDependencyError("openpyxl", "xlsx", "write_audit_xlsx") from None
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "summary"
    summary.append(list(_SUMMARY_HEADERS))
    findings = book.create_sheet("findings")
    findings.append(list(_FINDING_HEADERS))
    for f in result.files:
        summary.append(
            [f.source, f.organ, f.year, f.edition, f.errors, f.warnings, f.infos, _diagnostic_count(f), f.error]
        )
        for x in f.findings:
            findings.append(
                [
                    f.source,
                    f.organ,
                    f.year,
                    x.severity.value,
                    x.code,
                    x.table,
                    x.row,
                    x.column,
                    x.path,
                    _cell(x.stated),
                    _cell(x.expected),
                    _cell(x.difference),
                    x.message,
                    x.message_en,
                ]
            )
    for sheet in (summary, findings):
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    book.save(Path(path))


def audit_html(result: FolderCheck, *, standalone: bool = True, title: str | None = None) -> str:
    """
    The old name of :func:`render_audit_html`: deprecated since 0.2.0.

    Calls :func:`render_audit_html` with the same arguments, after a :class:`DeprecationWarning`.

    .. deprecated:: 0.2.0 Use :func:`render_audit_html`.
    """
    warn_renamed("audit_html", "render_audit_html")
    return render_audit_html(result, standalone=standalone, title=title)
