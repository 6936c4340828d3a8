"""
govinfo_report: China's 政府信息公开工作年度报告 as typed data.

Build, check, read and print the annual report on open government information
that every administrative organ publishes under Article 50 of the 2019
《中华人民共和国政府信息公开条例》, in both national editions (2019 and 2021).

This module only re-exports the public API.  Names are imported on first use,
so ``import govinfo_report`` stays fast.

>>> import govinfo_report as gr
>>> report = gr.AnnualReport.blank("2021", organ="某某县统计局", year=2023, fill=0)
>>> report.edition
<Edition.E2021: '2021'>
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The module paths of 0.1.0 that moved in 0.2.0: importing one gives the module where it lives now (the same
# object) with a DeprecationWarning.  A finder of its own answers only for these names.
_MOVED: dict[str, str] = {
    "govinfo_report.summary": "govinfo_report.analysis.aggregate",
    "govinfo_report.comparison": "govinfo_report.analysis.compare",
    "govinfo_report.metrics": "govinfo_report.analysis.indicators",
    "govinfo_report.batch": "govinfo_report._compat.batch",
    "govinfo_report.docx_io": "govinfo_report._compat.docx_io",
    "govinfo_report.xlsx_io": "govinfo_report._compat.xlsx_io",
    "govinfo_report.collection": "govinfo_report.analysis.collection",
    "govinfo_report.audit": "govinfo_report.analysis.audit",
    "govinfo_report.records": "govinfo_report.export.records",
    "govinfo_report.frames": "govinfo_report.export.frames",
    "govinfo_report.html_render": "govinfo_report.render.html",
}

# Modules split in two: what the warning advises instead of the compatibility module.
_SPLIT: dict[str, str] = {
    "govinfo_report.batch": "govinfo_report.analysis.batch or govinfo_report.analysis.collection",
    "govinfo_report.docx_io": "govinfo_report.render.docx (writing) or govinfo_report.importers.docx (reading)",
    "govinfo_report.xlsx_io": "govinfo_report.render.xlsx (writing) or govinfo_report.importers.xlsx (reading)",
}


class _MovedModules:
    """A finder and loader for the names of :data:`_MOVED` (only; every other import passes it by)."""

    @staticmethod
    def find_spec(fullname: str, path: object = None, target: object = None) -> Any:
        if fullname not in _MOVED:
            return None
        from importlib.machinery import ModuleSpec

        return ModuleSpec(fullname, _MovedModules)  # type: ignore[arg-type]

    @staticmethod
    def create_module(spec: Any) -> Any:
        import warnings

        new = _MOVED[spec.name]
        instead = _SPLIT.get(spec.name, new)
        warnings.warn(
            f"{spec.name} is deprecated since govinfo_report 0.2.0; import {instead} instead "
            "(or the name from govinfo_report itself)",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(new)

    @staticmethod
    def exec_module(module: object) -> None:
        """The module is the new one, already run."""


if not any(f is _MovedModules for f in sys.meta_path):
    sys.meta_path.append(_MovedModules)

# name -> module that defines it (relative to this package)
_EXPORTS: dict[str, str] = {
    # model
    "AmountUnit": "model",
    "AnnualReport": "model",
    "ApplicantCounts": "model",
    "DecisionCounts": "model",
    "Disputes": "model",
    "DocumentCounts": "model",
    "Edition": "model",
    "FeeAmount": "model",
    "FeeItemCounts": "model",
    "ItemCounts": "model",
    "Narrative": "model",
    "NotProcessed": "model",
    "OtherHandling": "model",
    "OtherMatters": "model",
    "Outcomes": "model",
    "Proactive2019": "model",
    "Proactive2021": "model",
    "ProcessingFees": "model",
    "ProcurementCounts": "model",
    "PublicationCounts": "model",
    "ReportMeta": "model",
    "Requests": "model",
    "Results": "model",
    "Scope": "model",
    "Subsection": "model",
    "Unable": "model",
    "Withheld": "model",
    # errors
    "CellTypeError": "errors",
    "CellValueError": "errors",
    "GovInfoReportError": "errors",
    "InconsistentReportError": "errors",
    "ReportReadError": "errors",
    "InputError": "errors",
    "InputFileError": "errors",
    "InputLimitError": "errors",
    "JsonValueError": "errors",
    # limits on container inputs
    "DEFAULT_LIMITS": "limits",
    "Limits": "limits",
    "StructureError": "errors",
    # layout
    "CellSpec": "tables",
    "LayoutError": "errors",
    "ReportLayout": "tables",
    "RowSpec": "tables",
    "TableSpec": "tables",
    "get_cell": "tables",
    "layout": "tables",
    "replace_cell": "tables",
    # rules and builders
    "CATALOGUE": "rules",
    "NARRATIVE_RULES": "rules",
    "Equation": "rules",
    "Across": "rules",
    "Rule": "rules",
    "Severity": "rules",
    "equations": "rules",
    "derive_totals": "build",
    # checks and findings
    "BlankPolicy": "checks",
    "CheckContext": "checks",
    "catalogue_markdown": "checks",
    "render_catalogue": "checks",
    "check": "checks",
    "default_deadline": "checks",
    "ensure_consistent": "checks",
    "CellRef": "findings",
    "Finding": "findings",
    "FindingList": "findings",
    "Fix": "findings",
    "Quote": "findings",
    "diagnose": "findings",
    "finding_to_dict": "findings",
    "findings_to_json": "findings",
    "render_findings": "findings",
    "OptionError": "errors",
    "AggregationError": "errors",
    "MissingDependencyError": "errors",
    # importers
    "Diagnostic": "importers",
    "ExtraRow": "importers",
    "PARSE_CODES": "importers",
    "ParseError": "errors",
    "PdfReadError": "errors",
    "ParseResult": "importers",
    "cell_values": "tables",
    "iter_cells": "tables",
    "parse": "importers",
    "parse_html": "importers",
    "parse_pdf": "importers",
    "parse_many": "importers",
    "parse_text": "importers",
    # publishing
    "render_html": "render.html",
    "render_html_table": "render.html",
    "findings_html": "render.html",
    "render_findings_html": "render.html",
    "parse_docx": "importers.docx",
    "docx_to_html": "importers.docx",
    "write_docx": "render.docx",
    "parse_xlsx": "importers.xlsx",
    "write_records_xlsx": "render.xlsx",
    "write_xlsx": "render.xlsx",
    "write_xlsx_template": "render.xlsx",
    # many reports
    "aggregate": "analysis.aggregate",
    "AggregationWarning": "analysis.aggregate",
    # prose
    "Claim": "claims",
    "ClaimKind": "claims",
    "claims_in_text": "claims",
    "read_claims": "claims",
    "narrative_findings": "narrative_checks",
    "CellChange": "analysis.compare",
    "Comparison": "analysis.compare",
    "NarrativeDiff": "analysis.compare",
    "compare": "analysis.compare",
    "PLAUSIBILITY_RULES": "rules",
    "plausibility": "plausibility_checks",
    "INDICATOR_NAMES": "analysis.indicators",
    "Indicators": "analysis.indicators",
    "indicators": "analysis.indicators",
    "indicators_table": "analysis.indicators",
    "IndicatorTable": "analysis.indicators",
    "percent": "analysis.indicators",
    "render_indicators": "analysis.indicators",
    "FRAME_COLUMNS": "export.frames",
    "to_dataframe": "export.frames",
    "json_schema": "schema",
    "shipped_schema": "schema",
    "BatchResult": "analysis.batch",
    "check_folder": "analysis.collection",
    "check_many": "analysis.batch",
    "load_many": "analysis.batch",
    "records_many": "analysis.batch",
    "render_folder_check": "analysis.batch",
    "FileCheck": "analysis.batch",
    "FolderCheck": "analysis.batch",
    "check_file": "analysis.collection",
    "check_line": "analysis.collection",
    "check_line_schema": "analysis.collection",
    "iter_check_files": "analysis.collection",
    "iter_check_folder": "analysis.collection",
    "audit_html": "analysis.audit",
    "render_audit_html": "analysis.audit",
    "write_audit_xlsx": "analysis.audit",
    "tqdm_progress": "progress",
    # conversion
    "FORMAT_VERSION": "convert",
    "from_dict": "convert",
    "from_json": "convert",
    "to_dict": "convert",
    "to_json": "convert",
    # rendering and records
    "default_title": "render.text",
    "render_markdown": "render.text",
    "render_table": "render.text",
    "render_text": "render.text",
    "RECORD_KEYS": "export.records",
    "amount_unit": "export.records",
    "iter_records": "export.records",
    "records_to_csv": "export.records",
    "records_to_jsonl": "export.records",
    "to_records": "export.records",
}

def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govinfo_report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


# --- generated by tools/gen_init.py: do not edit below ---

__all__ = [
    "Across",
    "AggregationError",
    "AggregationWarning",
    "AmountUnit",
    "AnnualReport",
    "ApplicantCounts",
    "BatchResult",
    "BlankPolicy",
    "CATALOGUE",
    "CellChange",
    "CellRef",
    "CellSpec",
    "CellTypeError",
    "CellValueError",
    "CheckContext",
    "Claim",
    "ClaimKind",
    "Comparison",
    "DEFAULT_LIMITS",
    "DecisionCounts",
    "Diagnostic",
    "Disputes",
    "DocumentCounts",
    "Edition",
    "Equation",
    "ExtraRow",
    "FORMAT_VERSION",
    "FRAME_COLUMNS",
    "FeeAmount",
    "FeeItemCounts",
    "FileCheck",
    "Finding",
    "FindingList",
    "Fix",
    "FolderCheck",
    "GovInfoReportError",
    "INDICATOR_NAMES",
    "InconsistentReportError",
    "IndicatorTable",
    "Indicators",
    "InputError",
    "InputFileError",
    "InputLimitError",
    "ItemCounts",
    "JsonValueError",
    "LayoutError",
    "Limits",
    "MissingDependencyError",
    "NARRATIVE_RULES",
    "Narrative",
    "NarrativeDiff",
    "NotProcessed",
    "OptionError",
    "OtherHandling",
    "OtherMatters",
    "Outcomes",
    "PARSE_CODES",
    "PLAUSIBILITY_RULES",
    "ParseError",
    "ParseResult",
    "PdfReadError",
    "Proactive2019",
    "Proactive2021",
    "ProcessingFees",
    "ProcurementCounts",
    "PublicationCounts",
    "Quote",
    "RECORD_KEYS",
    "ReportLayout",
    "ReportMeta",
    "ReportReadError",
    "Requests",
    "Results",
    "RowSpec",
    "Rule",
    "Scope",
    "Severity",
    "StructureError",
    "Subsection",
    "TableSpec",
    "Unable",
    "Withheld",
    "__version__",
    "aggregate",
    "amount_unit",
    "audit_html",
    "catalogue_markdown",
    "cell_values",
    "check",
    "check_file",
    "check_folder",
    "check_line",
    "check_line_schema",
    "check_many",
    "claims_in_text",
    "compare",
    "default_deadline",
    "default_title",
    "derive_totals",
    "diagnose",
    "docx_to_html",
    "ensure_consistent",
    "equations",
    "finding_to_dict",
    "findings_html",
    "findings_to_json",
    "from_dict",
    "from_json",
    "get_cell",
    "indicators",
    "indicators_table",
    "iter_cells",
    "iter_check_files",
    "iter_check_folder",
    "iter_records",
    "json_schema",
    "layout",
    "load_many",
    "narrative_findings",
    "parse",
    "parse_docx",
    "parse_html",
    "parse_many",
    "parse_pdf",
    "parse_text",
    "parse_xlsx",
    "percent",
    "plausibility",
    "read_claims",
    "records_many",
    "records_to_csv",
    "records_to_jsonl",
    "render_audit_html",
    "render_catalogue",
    "render_findings",
    "render_findings_html",
    "render_folder_check",
    "render_html",
    "render_html_table",
    "render_indicators",
    "render_markdown",
    "render_table",
    "render_text",
    "replace_cell",
    "shipped_schema",
    "to_dataframe",
    "to_dict",
    "to_json",
    "to_records",
    "tqdm_progress",
    "write_audit_xlsx",
    "write_docx",
    "write_records_xlsx",
    "write_xlsx",
    "write_xlsx_template",
]

if TYPE_CHECKING:
    from .analysis.aggregate import (
        AggregationWarning as AggregationWarning,
        aggregate as aggregate,
    )
    from .analysis.audit import (
        audit_html as audit_html,
        render_audit_html as render_audit_html,
        write_audit_xlsx as write_audit_xlsx,
    )
    from .analysis.batch import (
        BatchResult as BatchResult,
        FileCheck as FileCheck,
        FolderCheck as FolderCheck,
        check_many as check_many,
        load_many as load_many,
        records_many as records_many,
        render_folder_check as render_folder_check,
    )
    from .analysis.collection import (
        check_file as check_file,
        check_folder as check_folder,
        check_line as check_line,
        check_line_schema as check_line_schema,
        iter_check_files as iter_check_files,
        iter_check_folder as iter_check_folder,
    )
    from .analysis.compare import (
        CellChange as CellChange,
        Comparison as Comparison,
        NarrativeDiff as NarrativeDiff,
        compare as compare,
    )
    from .analysis.indicators import (
        INDICATOR_NAMES as INDICATOR_NAMES,
        IndicatorTable as IndicatorTable,
        Indicators as Indicators,
        indicators as indicators,
        indicators_table as indicators_table,
        percent as percent,
        render_indicators as render_indicators,
    )
    from .build import (
        derive_totals as derive_totals,
    )
    from .checks import (
        BlankPolicy as BlankPolicy,
        CheckContext as CheckContext,
        catalogue_markdown as catalogue_markdown,
        check as check,
        default_deadline as default_deadline,
        ensure_consistent as ensure_consistent,
        render_catalogue as render_catalogue,
    )
    from .claims import (
        Claim as Claim,
        ClaimKind as ClaimKind,
        claims_in_text as claims_in_text,
        read_claims as read_claims,
    )
    from .convert import (
        FORMAT_VERSION as FORMAT_VERSION,
        from_dict as from_dict,
        from_json as from_json,
        to_dict as to_dict,
        to_json as to_json,
    )
    from .errors import (
        AggregationError as AggregationError,
        CellTypeError as CellTypeError,
        CellValueError as CellValueError,
        GovInfoReportError as GovInfoReportError,
        InconsistentReportError as InconsistentReportError,
        InputError as InputError,
        InputFileError as InputFileError,
        InputLimitError as InputLimitError,
        JsonValueError as JsonValueError,
        LayoutError as LayoutError,
        MissingDependencyError as MissingDependencyError,
        OptionError as OptionError,
        ParseError as ParseError,
        PdfReadError as PdfReadError,
        ReportReadError as ReportReadError,
        StructureError as StructureError,
    )
    from .export.frames import (
        FRAME_COLUMNS as FRAME_COLUMNS,
        to_dataframe as to_dataframe,
    )
    from .export.records import (
        RECORD_KEYS as RECORD_KEYS,
        amount_unit as amount_unit,
        iter_records as iter_records,
        records_to_csv as records_to_csv,
        records_to_jsonl as records_to_jsonl,
        to_records as to_records,
    )
    from .findings import (
        CellRef as CellRef,
        Finding as Finding,
        FindingList as FindingList,
        Fix as Fix,
        Quote as Quote,
        diagnose as diagnose,
        finding_to_dict as finding_to_dict,
        findings_to_json as findings_to_json,
        render_findings as render_findings,
    )
    from .importers import (
        Diagnostic as Diagnostic,
        ExtraRow as ExtraRow,
        PARSE_CODES as PARSE_CODES,
        ParseResult as ParseResult,
        parse as parse,
        parse_html as parse_html,
        parse_many as parse_many,
        parse_pdf as parse_pdf,
        parse_text as parse_text,
    )
    from .importers.docx import (
        docx_to_html as docx_to_html,
        parse_docx as parse_docx,
    )
    from .importers.xlsx import (
        parse_xlsx as parse_xlsx,
    )
    from .limits import (
        DEFAULT_LIMITS as DEFAULT_LIMITS,
        Limits as Limits,
    )
    from .model import (
        AmountUnit as AmountUnit,
        AnnualReport as AnnualReport,
        ApplicantCounts as ApplicantCounts,
        DecisionCounts as DecisionCounts,
        Disputes as Disputes,
        DocumentCounts as DocumentCounts,
        Edition as Edition,
        FeeAmount as FeeAmount,
        FeeItemCounts as FeeItemCounts,
        ItemCounts as ItemCounts,
        Narrative as Narrative,
        NotProcessed as NotProcessed,
        OtherHandling as OtherHandling,
        OtherMatters as OtherMatters,
        Outcomes as Outcomes,
        Proactive2019 as Proactive2019,
        Proactive2021 as Proactive2021,
        ProcessingFees as ProcessingFees,
        ProcurementCounts as ProcurementCounts,
        PublicationCounts as PublicationCounts,
        ReportMeta as ReportMeta,
        Requests as Requests,
        Results as Results,
        Scope as Scope,
        Subsection as Subsection,
        Unable as Unable,
        Withheld as Withheld,
    )
    from .narrative_checks import (
        narrative_findings as narrative_findings,
    )
    from .plausibility_checks import (
        plausibility as plausibility,
    )
    from .progress import (
        tqdm_progress as tqdm_progress,
    )
    from .render.docx import (
        write_docx as write_docx,
    )
    from .render.html import (
        findings_html as findings_html,
        render_findings_html as render_findings_html,
        render_html as render_html,
        render_html_table as render_html_table,
    )
    from .render.text import (
        default_title as default_title,
        render_markdown as render_markdown,
        render_table as render_table,
        render_text as render_text,
    )
    from .render.xlsx import (
        write_records_xlsx as write_records_xlsx,
        write_xlsx as write_xlsx,
        write_xlsx_template as write_xlsx_template,
    )
    from .rules import (
        Across as Across,
        CATALOGUE as CATALOGUE,
        Equation as Equation,
        NARRATIVE_RULES as NARRATIVE_RULES,
        PLAUSIBILITY_RULES as PLAUSIBILITY_RULES,
        Rule as Rule,
        Severity as Severity,
        equations as equations,
    )
    from .schema import (
        json_schema as json_schema,
        shipped_schema as shipped_schema,
    )
    from .tables import (
        CellSpec as CellSpec,
        ReportLayout as ReportLayout,
        RowSpec as RowSpec,
        TableSpec as TableSpec,
        cell_values as cell_values,
        get_cell as get_cell,
        iter_cells as iter_cells,
        layout as layout,
        replace_cell as replace_cell,
    )
