"""The 0.1.0 module ``govinfo_report.docx_io``: the Word writer and reader, now two modules."""

from __future__ import annotations

from ..importers.docx import docx_to_html, parse_docx
from ..render.docx import *  # noqa: F403
from ..render.docx import DocxTarget, write_docx

__all__ = ["DocxTarget", "docx_to_html", "parse_docx", "write_docx"]
