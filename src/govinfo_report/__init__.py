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
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0.dev0"

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
    "CellValueError": "errors",
    "GovInfoReportError": "errors",
    "InconsistentReportError": "errors",
    "ReportReadError": "errors",
    "StructureError": "errors",
    # layout
    "CellSpec": "layout",
    "LayoutError": "layout",
    "ReportLayout": "layout",
    "RowSpec": "layout",
    "TableSpec": "layout",
    "get_cell": "layout",
    "layout": "layout",
    "replace_cell": "layout",
    # rules and builders
    "CATALOGUE": "rules",
    "Equation": "rules",
    "Rule": "rules",
    "Severity": "rules",
    "equations": "rules",
    "derive_totals": "build",
    # conversion
    "FORMAT_VERSION": "convert",
    "from_dict": "convert",
    "from_json": "convert",
    "to_dict": "convert",
    "to_json": "convert",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govinfo_report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from .build import derive_totals
    from .convert import FORMAT_VERSION, from_dict, from_json, to_dict, to_json
    from .errors import (
        CellValueError,
        GovInfoReportError,
        InconsistentReportError,
        ReportReadError,
        StructureError,
    )
    from .layout import CellSpec, LayoutError, ReportLayout, RowSpec, TableSpec, get_cell, layout, replace_cell
    from .model import (
        AmountUnit,
        AnnualReport,
        ApplicantCounts,
        DecisionCounts,
        Disputes,
        DocumentCounts,
        Edition,
        FeeAmount,
        FeeItemCounts,
        ItemCounts,
        Narrative,
        NotProcessed,
        OtherHandling,
        OtherMatters,
        Outcomes,
        Proactive2019,
        Proactive2021,
        ProcessingFees,
        ProcurementCounts,
        PublicationCounts,
        ReportMeta,
        Requests,
        Results,
        Scope,
        Subsection,
        Unable,
        Withheld,
    )
    from .rules import CATALOGUE, Equation, Rule, Severity, equations
