"""
Plain-text and Markdown rendering in the layout of the official tables.

:func:`render_text` prints the whole report in the official section order:
the title, 一 to 六, narratives as written, and the three tables with their
official labels, row order and grouping.  :func:`render_table` prints one
table; :func:`render_markdown` gives the report as Markdown for docs and
notebooks.  Blank cells print blank; nothing is recomputed.

The tables are drawn with tabulate (imported only when a table is drawn), and
Chinese text aligns by display width through wcwidth:

* 二: one block per 第二十条 item, each with its caption and its own header row
  (信息内容 and the block's columns), as in the official table.
* 三: the three header rows (申请人情况; 自然人, 法人或其他组织, 总计; the five
  organisation columns) beside the 勾稽 note, which is wrapped over the three
  lines of the corner cell; then one line per row.  A group's label (三、本年度办理结果,
  （三）不予公开 ...) stands on a line of its own above its rows.
* 四: the three header rows (行政复议 / 行政诉讼; 未经复议直接起诉 / 复议后起诉;
  the outcome columns) and the 15 values on one line.

>>> from govinfo_report import AnnualReport
>>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
>>> print(render_table(r, "二", tablefmt="plain"))  # doctest: +ELLIPSIS
第二十条第（一）项
信息内容            本年制发件数      本年废止件数  现行有效件数
规章                0                 0             0
...
行政事业性收费      0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import vocab as v
from .._terminal import terminal_safe
from ..model import AnnualReport, Narrative, OtherMatters, ProcurementCounts
from ..tables import RowSpec, TableSpec, _get, layout, printed_rows

if TYPE_CHECKING:
    from ..vocab import Term

__all__ = [
    "default_title",
    "format_cell",
    "markdown_escape",
    "render_markdown",
    "render_table",
    "render_text",
    "table_rows",
    "terminal_safe",
]

_MD_INLINE = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_MD_LINE_START = re.compile(r"^(\s*(?:\d+)?)([-+=#.)])", re.MULTILINE)


def markdown_escape(text: str) -> str:
    r"""
    *text* as literal Markdown: no HTML, links, emphasis, headings, lists or quotes can come out of it.

    ``&``, ``<`` and ``>`` are written as HTML entities (which every Markdown
    reads), the rest of Markdown's punctuation is escaped with a backslash, and
    a line that would start a heading, list or rule has its marker escaped.

    >>> print(markdown_escape("<script>x</script> [a](http://x) # 1. *b*"))
    &lt;script&gt;x&lt;/script&gt; \[a\]\(http://x\) \# 1. \*b\*

    .. versionadded:: 0.1.0
    """
    entities = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MD_INLINE.sub(r"\\\1", entities)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def default_title(report: AnnualReport) -> str:
    """
    The title as published when known (``meta.title``), else ``{organ}{year}年政府信息公开工作年度报告``.

    .. versionadded:: 0.1.0
    """
    meta = report.meta
    if meta.title:
        return meta.title
    year = f"{meta.year}年" if meta.year is not None else ""
    return f"{meta.organ or ''}{year}{v.REPORT_TITLE_SUFFIX.zh}"


def format_cell(value: int | Decimal | None, unit: str = "") -> str:
    """
    A cell as printed: blank for None, the number as written otherwise, then *unit*.

    >>> format_cell(None), format_cell(0), format_cell(Decimal("12.50")), format_cell(Decimal("178"), "万元")
    ('', '0', '12.50', '178万元')

    .. versionadded:: 0.1.0
    """
    if value is None:
        return ""
    return f"{value}{unit}"


def _row_values(report: AnnualReport, row: RowSpec) -> list[str]:
    obj = _get(report, row.attr_path)
    out = []
    for cell in row.cells:
        value = getattr(obj, cell.attr_path[-1])
        unit = ""
        if isinstance(obj, ProcurementCounts) and cell.column_key == "amount" and obj.amount_unit is not None:
            unit = obj.amount_unit.value
        out.append(format_cell(value, unit))
    return out


def table_rows(report: AnnualReport, table: str) -> tuple[list[list[str]], int]:
    """
    The rows of one table as lists of printed cells, header rows included.

    Returns:
        The rows, and how many of the first rows are header rows.

    .. versionadded:: 0.1.0
    """
    spec = layout(report.meta.edition).table(table)
    if spec.attr == "proactive":
        return _proactive_rows(report, spec), 0
    if spec.attr == "requests":
        return _requests_rows(report, spec), 3
    return _disputes_rows(report, spec), 3


def _proactive_rows(report: AnnualReport, spec: TableSpec) -> list[list[str]]:
    width = max(len(r.cells) for r in spec.rows)
    rows: list[list[str]] = []
    block: Term | None = None
    for r in spec.rows:
        caption = r.labels[0]
        if caption != block:
            block = caption
            rows.append([caption.zh] + [""] * width)
            headers = [c.column_terms[-1].zh for c in r.cells]
            rows.append([v.INFORMATION_CONTENT.zh, *headers] + [""] * (width - len(headers)))
        values = _row_values(report, r)
        rows.append([r.labels[-1].zh, *values] + [""] * (width - len(values)))
    return rows


def _requests_header(spec: TableSpec) -> list[list[str]]:
    cells = spec.rows[0].cells
    note = _wrap_note(v.REQUESTS_NOTE.zh)
    top = [note[0], v.APPLICANTS.zh] + [""] * (len(cells) - 1)
    middle = [note[1]]
    bottom = [note[2]]
    for c in cells:
        if len(c.column_terms) > 1:
            group = c.column_terms[0].zh
            middle.append(group if group not in middle else "")
            bottom.append(c.column_terms[-1].zh)
        else:
            middle.append(c.column_terms[-1].zh)
            bottom.append("")
    return [top, middle, bottom]


def _wrap_note(note: str) -> tuple[str, str, str]:
    """The 勾稽 note over three lines, broken after its first colon and its first comma."""
    head, _, rest = note.partition("：")
    first, _, last = rest.partition("，")
    return head + "：", first + "，", last


def _requests_rows(report: AnnualReport, spec: TableSpec) -> list[list[str]]:
    rows = _requests_header(spec)
    seen: set[Term] = set()
    width = len(spec.rows[0].cells)
    for r in printed_rows(report, spec):  # with （六）其他处理（未分子行） when the report has it
        for group in r.labels[:-1]:
            if group not in seen:
                seen.add(group)
                rows.append([group.zh] + [""] * width)
        rows.append([r.labels[-1].zh, *_row_values(report, r)])
    return rows


def _disputes_rows(report: AnnualReport, spec: TableSpec) -> list[list[str]]:
    top: list[str] = []
    middle: list[str] = []
    bottom: list[str] = []
    values: list[str] = []
    for r in spec.rows:
        block = r.labels[0].zh
        sub = r.labels[1].zh if len(r.labels) > 1 else ""
        for i, c in enumerate(r.cells):
            top.append(block if block not in top else "")
            middle.append(sub if i == 0 and sub else "")
            bottom.append(c.column_terms[-1].zh)
        values.extend(_row_values(report, r))
    return [top, middle, bottom, values]


def _tabulate(rows: Sequence[Sequence[str]], tablefmt: str, headers: Sequence[str] = ()) -> str:
    from tabulate import tabulate

    # labels read from the left; values sit centred under their headers, as in the official tables
    width = max(len(r) for r in rows) if rows else 0
    colalign = ("left",) + ("center",) * (width - 1)
    text: str = tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True, colalign=colalign)
    return text


def render_table(report: AnnualReport, table: str, *, tablefmt: str = "grid") -> str:
    """
    One table (``"二"``, ``"三"`` or ``"四"``) in the official layout, drawn by tabulate.

    Args:
        report: The report.
        table: ``"二"``, ``"三"``, ``"四"`` (or ``"proactive"``, ``"requests"``, ``"disputes"``).
        tablefmt: Any tabulate table format; ``"grid"`` by default.

    Raises:
        LayoutError: No such table.

    .. versionadded:: 0.1.0
    """
    rows, _ = table_rows(report, table)
    return _tabulate(rows, tablefmt)


def _narrative_lines(section: Narrative | OtherMatters) -> list[str]:
    out: list[str] = []
    if section.text:
        out += [section.text, ""]
    for s in section.subsections:
        out.append(s.title)
        if s.text:
            out.append(s.text)
        out.append("")
    return out


def _sections(report: AnnualReport) -> Iterable[tuple[Term, Narrative | OtherMatters | str]]:
    yield v.OVERVIEW, report.overview
    yield v.PROACTIVE, "二"
    yield v.REQUESTS, "三"
    yield v.DISPUTES, "四"
    yield v.PROBLEMS, report.problems
    yield v.OTHER_MATTERS, report.other_matters


def render_text(report: AnnualReport, *, tablefmt: str = "grid") -> str:
    """
    The whole report as plain text, in the official section order.

    The title comes first, then each section heading on its own line, followed
    by its narrative (text, then each subsection's title and text) or its table.
    Control characters and ANSI escape sequences in the report's text are
    left out (:func:`terminal_safe`).

    .. versionadded:: 0.1.0
    """
    lines = [default_title(report), ""]
    for heading, body in _sections(report):
        lines += [heading.zh, ""]
        if isinstance(body, str):
            lines += [render_table(report, body, tablefmt=tablefmt), ""]
        else:
            lines += _narrative_lines(body)
    return terminal_safe("\n".join(lines).rstrip("\n") + "\n")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(report: AnnualReport) -> str:
    """
    The whole report as Markdown: a level-1 title, level-2 section headings and pipe tables.

    The report's own text (title, organ, subsection titles, narratives) is
    escaped with :func:`markdown_escape`, so it shows as written and can never
    become HTML, a link or a heading.

    .. versionadded:: 0.1.0
    """
    lines = [f"# {markdown_escape(default_title(report))}", ""]
    for heading, body in _sections(report):
        lines += [f"## {heading.zh}", ""]
        if isinstance(body, str):
            rows, header_count = table_rows(report, body)
            escaped = [[_md_escape(c) for c in r] for r in rows]
            head = escaped[0] if header_count else [""] * len(escaped[0])
            body_rows = escaped[1:] if header_count else escaped
            lines += [_tabulate(body_rows, "pipe", headers=head), ""]
        else:
            if body.text:
                lines += [markdown_escape(body.text), ""]
            for s in body.subsections:
                lines += [f"### {markdown_escape(' '.join(s.title.split()))}", ""]
                if s.text:
                    lines += [markdown_escape(s.text), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
