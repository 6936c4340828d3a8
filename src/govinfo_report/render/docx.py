"""
Word (.docx) output: publish a report as a Word document.

:func:`write_docx` writes a document ready to publish: the title, the six
section headings, the narratives, and the three tables with the merged cells of
the national format (the grid of :func:`govinfo_report.render.grid.table_grid`),
with borders, header rows that repeat on each page, an A4 page, and Chinese fonts
set for East Asian text (仿宋 三号 for the body, 黑体 for section headings, 楷体 for
subsection headings, 宋体 for the title and the tables).

It needs python-docx, the optional ``docx`` extra (``pip install "govinfo-report[docx]"``);
without it it raises :class:`~govinfo_report.errors.MissingDependencyError`.
:func:`govinfo_report.importers.docx.parse_docx` reads Word documents.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   The writer of the 0.1.0 module ``govinfo_report.docx_io``.
"""


from __future__ import annotations

import functools
import os
import re
from typing import IO, TYPE_CHECKING, Any, Union

from .. import vocab as v
from .._extras import require
from ..errors import CellValueError, InputLimitError
from ..limits import DEFAULT_LIMITS, Limits
from .grid import TableGrid, iter_grid_positions, table_grid
from .text import _sections, default_title

if TYPE_CHECKING:
    from ..model import AnnualReport, Narrative, OtherMatters

__all__ = ["DocxTarget", "write_docx"]

DocxTarget = Union[str, "os.PathLike[str]", IO[bytes]]
"""Where a document is: a path, or a binary file object."""

# Font names as Word knows them (East Asian faces that Windows, macOS and WPS map to installed fonts).
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Sizes in points: 二号 22, 三号 16, 五号 10.5, 小五 9.
TITLE_SIZE = 22
BODY_SIZE = 16
TABLE_SIZE = 10.5
WIDE_TABLE_SIZE = 9

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Characters XML 1.0 cannot hold (so neither can a .docx).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@functools.cache
def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _require(feature: str) -> Any:
    return require("docx", "python-docx", "docx", feature)


# ----------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------


def _set_fonts(rpr_owner: Any, east_asian: str, size: float | None = None, *, bold: bool | None = None) -> None:
    """Set the Latin and East Asian font (and size, bold) on a style or run; drop theme fonts."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = rpr_owner.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = rpr_owner.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:cs"), LATIN_FONT)


def _setup_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    _set_fonts(normal, BODY_FONT, BODY_SIZE)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25

    title = styles["Title"]
    _set_fonts(title, TITLE_FONT, TITLE_SIZE, bold=True)
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(BODY_SIZE)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):  # the default template underlines the title
        ppr.remove(border)

    for name, face in (("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
        style = styles[name]
        _set_fonts(style, face, BODY_SIZE, bold=name == "Heading 2")
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(BODY_SIZE / 2)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)

    body = styles.add_style("GovInfo Body", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)

    for name, size in (("GovInfo Table", TABLE_SIZE), ("GovInfo Wide Table", WIDE_TABLE_SIZE)):
        cell = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        _set_fonts(cell, TABLE_FONT, size)
        cell.paragraph_format.line_spacing = 1.0
        cell.paragraph_format.first_line_indent = Pt(0)


def _page_setup(document: Any) -> None:
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.2)


def _borders(table: Any) -> None:
    """Single borders on every edge and between every cell, whatever the table style says."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _check_text(text: str, where: str) -> str:
    if _XML_ILLEGAL.search(text):
        raise CellValueError(where, text, "contains a control character that a Word document cannot hold")
    return text


def _column_widths(grid: TableGrid, total: int) -> list[int]:
    """
    Widths (EMU) of the grid columns: the label columns wide enough for their labels, the value columns equal.

    One label column takes 28% of the width (二); several (三) take 47%, the
    innermost (the sub-row labels) the largest share; 四 has none.
    """
    value_columns = {c for r, c, cell in iter_grid_positions(grid) if cell.kind == "value"}
    labels = min(value_columns)
    share = 0.0 if labels == 0 else (0.28 if labels == 1 else 0.47)
    weights = [1.0] * (labels - 1) + [2.5] if labels else []
    label_widths = [total * share * w / sum(weights) for w in weights]
    value_width = total * (1 - share) / (grid.width - labels)
    return [int(w) for w in label_widths] + [int(value_width)] * (grid.width - labels)


def _merge(tcs: list[list[Any]], r: int, c: int, rowspan: int, colspan: int, width: int) -> Any:
    """Merge the rectangle of cells at (r, c) as Word does (gridSpan, vMerge); return its first cell."""
    from docx.shared import Emu

    for dr in range(rowspan):
        row = tcs[r + dr]
        first = row[c]
        first.width = Emu(width)
        if colspan > 1:
            first.grid_span = colspan
            for tc in row[c + 1 : c + colspan]:
                tc.getparent().remove(tc)
        if rowspan > 1:
            first.vMerge = "restart" if dr == 0 else "continue"
    return tcs[r][c]


def _add_table(document: Any, grid: TableGrid) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu

    rows = grid.rows
    table = document.add_table(rows=len(rows), cols=grid.width)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # keep the widths below, as the official tables do
    _borders(table)
    section = document.sections[0]
    widths = _column_widths(grid, section.page_width - section.left_margin - section.right_margin)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width)
    style_id = document.styles["GovInfo Wide Table" if grid.width > 6 else "GovInfo Table"].style_id
    # python-docx looks cells up by scanning the table; keep the elements at hand instead
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for r, c, cell in iter_grid_positions(grid):
        tc = _merge(tcs, r, c, cell.rowspan, cell.colspan, sum(widths[c : c + cell.colspan]))
        tc_pr = tc.get_or_add_tcPr()
        valign = OxmlElement("w:vAlign")
        valign.set(qn("w:val"), "center")
        tc_pr.append(valign)
        p = tc.p_lst[0]
        p.style = style_id
        left = cell.kind in ("label", "caption", "note")
        p.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        if cell.text:
            run = p.add_r()
            if cell.kind == "caption":
                run.get_or_add_rPr()._add_b()
            run.text = cell.text
    for tr in table._tbl.tr_lst[: len(grid.head)]:  # repeat the header rows on every page
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr.get_or_add_trPr().append(header)


def _add_narrative(document: Any, section: Narrative | OtherMatters, where: str) -> None:
    for line in _check_text(section.text, f"{where}.text").split("\n"):
        if line.strip():
            document.add_paragraph(line, style="GovInfo Body")
    for i, sub in enumerate(section.subsections):
        document.add_paragraph(_check_text(sub.title, f"{where}.subsections[{i}].title"), style="Heading 2")
        for line in _check_text(sub.text, f"{where}.subsections[{i}].text").split("\n"):
            if line.strip():
                document.add_paragraph(line, style="GovInfo Body")


def _check_size(report: AnnualReport, limits: Limits) -> None:
    """Refuse, before building anything, a report whose text the reader would refuse to read back."""
    texts = [default_title(report)]
    for section in (report.overview, report.problems, report.other_matters):
        texts.append(section.text)
        for sub in section.subsections:
            texts += [sub.title, sub.text]
    total = 0
    for text in texts:
        total += len(text)
        longest = max((len(line) for line in text.split("\n")), default=0) if len(text) > limits.max_text_node else 0
        if longest > limits.max_text_node:
            raise InputLimitError("write_docx", "max_text_node", longest, limits.max_text_node, "a paragraph")
    if total > limits.max_text_chars:
        raise InputLimitError("write_docx", "max_text_chars", total, limits.max_text_chars, "the text of the report")


def write_docx(report: AnnualReport, path: DocxTarget, *, limits: Limits | None = None) -> None:
    """
    Write *report* as a Word document in the official layout.

    The document has the title (style Title), the six section headings
    (Heading 1), the narratives (subsection titles as Heading 2), and the three
    tables with the official merged cells; blank cells stay empty.  A file is
    written atomically: if anything fails, an existing file is left as it was.

    A report whose text exceeds *limits* (``max_text_chars`` in all,
    ``max_text_node`` in one paragraph: what :func:`parse_docx` would refuse to
    read back) is refused before anything is built.

    Args:
        report: The report.
        path: A file name, or a binary file object to write to.
        limits: The limits (default :data:`govinfo_report.limits.DEFAULT_LIMITS`).

    Raises:
        MissingDependencyError: python-docx is not installed (the ``docx`` extra).
        CellValueError: A text holds a control character that Word cannot store.
        InputLimitError: The report's text is too large for a document.
        OSError: The file cannot be written.

    .. versionadded:: 0.1.0
    """
    docx = _require("write_docx")
    _check_size(report, limits or DEFAULT_LIMITS)
    document = docx.Document()
    _page_setup(document)
    _setup_styles(document)
    title = _check_text(default_title(report), "ReportMeta.title")
    document.core_properties.title = title
    document.core_properties.language = "zh-CN"
    document.add_paragraph(title, style="Title")
    fields = {v.OVERVIEW: "overview", v.PROBLEMS: "problems", v.OTHER_MATTERS: "other_matters"}
    for heading, body in _sections(report):
        document.add_paragraph(heading.zh, style="Heading 1")
        if isinstance(body, str):
            _add_table(document, table_grid(report, body))
        else:
            _add_narrative(document, body, f"AnnualReport.{fields[heading]}")
    from ._package import save_package

    save_package(document.save, path)  # a path atomically: a failure leaves an existing file as it was


