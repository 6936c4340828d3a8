"""
Read published reports (text and HTML) into :class:`~govinfo_report.AnnualReport`, with diagnostics.

Most 政府信息公开工作年度报告 exist only as web pages and documents.  This
package reads them deterministically and says what it could not read; it
never invents a number.

* :func:`parse_text` reads a report copied as text, :func:`parse_html` a web
  page, :func:`parse_pdf` a PDF with a text layer (the ``pdf`` extra),
  :func:`parse` a file (``.json`` → :func:`~govinfo_report.from_json`,
  ``.html``/``.htm`` or HTML content → :func:`parse_html`, ``.docx`` →
  :func:`~govinfo_report.parse_docx`, ``.xlsx`` → :func:`~govinfo_report.parse_xlsx`,
  ``.pdf`` → :func:`parse_pdf`, else
  :func:`parse_text`; UTF-8 with or without BOM, else GB18030), and
  :func:`parse_many` many files on all cores.
* Each returns a :class:`ParseResult`: the report, the :class:`Diagnostic`
  list (code, severity, Chinese and English message, line and column, cell
  path), the provincial :class:`ExtraRow` list and the source.
* The edition comes from the table headers (本年制发件数 … → 2021; 本年新制作数量
  … → 2019), never from the year; a diagnostic says when the two disagree.
  Organ, year and publication date come from the title, the line above it,
  the page title, a CMS metadata table, the signature or the statistics
  period (or the ``organ=``/``year=`` arguments); what is found nowhere is
  None, with a ``META-MISSING`` warning, never a refusal.
* A cell that cannot be read is blank with ``UNREADABLE-CELL``; "/", "-", "—"
  and "无" are blank with ``NOT-APPLICABLE``; "178万" is 178 with the unit
  万元 and ``UNIT-IN-CELL``; a truncated table keeps the rows read
  (``TABLE-TRUNCATED``); a missing table is blank, never 0 (``TABLE-MISSING``).
  The codes and their severities are listed in :data:`CODES`.
* :class:`~govinfo_report.errors.ParseError` is raised only when no report can
  be produced at all (empty or binary input, no section heading or table).
* :func:`summarise` bounds a long list of diagnostics for a terminal, and
  :func:`diagnostics_to_json` writes them all.

>>> text = '''某某县统计局2021年政府信息公开工作年度报告
... 一、总体情况
... 本年度依法公开信息。
... 二、主动公开政府信息情况
... 第二十条第（五）项
... 信息内容 本年处理决定数量
... 行政许可 12
... 三、收到和处理政府信息公开申请情况
... 四、政府信息公开行政复议、行政诉讼情况
... 五、存在的主要问题及改进情况
... 六、其他需要报告的事项
... 无'''
>>> result = parse_text(text)
>>> result.report.meta.organ, result.report.year, result.report.edition.value
('某某县统计局', 2021, '2021')
>>> result.report.proactive.licensing.decisions, result.report.requests.received.total is None
(12, True)
>>> print(result.diagnostics[0])
line 4, col 1: 表二 未找到“第二十条第（一）项 / 规章”行，该行3个单元格留空 [ROW-MISSING]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from ..errors import ParseError
from ._dispatch import parse, parse_many
from ._files import READABLE_SUFFIXES, decode, parse_html, parse_text
from ._pdf import parse_pdf, pdf_to_text
from ._result import CODES, Diagnostic, ExtraRow, ParseResult, diagnostics_to_json, summarise

PARSE_CODES = CODES
"""The diagnostic codes of the importers and their severities (the same as :data:`CODES`)."""

__all__ = [
    "CODES",
    "PARSE_CODES",
    "READABLE_SUFFIXES",
    "Diagnostic",
    "ExtraRow",
    "ParseError",
    "ParseResult",
    "decode",
    "diagnostics_to_json",
    "parse",
    "parse_html",
    "parse_many",
    "parse_pdf",
    "parse_text",
    "pdf_to_text",
    "summarise",
]
