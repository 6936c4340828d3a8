"""The 0.1.0 module ``govinfo_report.xlsx_io``: the Excel writer and reader, now two modules."""

from __future__ import annotations

from ..importers.xlsx import parse_xlsx
from ..render.xlsx import *  # noqa: F403
from ..render.xlsx import XlsxTarget, write_records_xlsx, write_xlsx, write_xlsx_template

__all__ = ["XlsxTarget", "parse_xlsx", "write_records_xlsx", "write_xlsx", "write_xlsx_template"]
