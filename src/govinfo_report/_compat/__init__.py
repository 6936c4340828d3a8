"""
The 0.1.0 modules that were split in 0.2.0, as their old names saw them.  Reached only through the deprecated
module paths (``govinfo_report.docx_io``, ``govinfo_report.xlsx_io``, ``govinfo_report.batch``), which warn.
"""
