"""
Writers of the official layout: each draws the grid of :mod:`govinfo_report.render.grid`.

- :mod:`govinfo_report.render.text`: plain text and Markdown (``render_text``, ``render_markdown``);
- :mod:`govinfo_report.render.html`: a printable HTML page, table fragments, notebook display;
- :mod:`govinfo_report.render.grid`: the merged-cell grid of each official table.

The Word and Excel writers are :func:`govinfo_report.write_docx` and :func:`govinfo_report.write_xlsx`.
This package keeps the names of the 0.1.0 module ``govinfo_report.render``.
"""

from __future__ import annotations

from .text import (
    default_title,
    format_cell,
    markdown_escape,
    render_markdown,
    render_table,
    render_text,
    table_rows,
    terminal_safe,
)

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
