"""
The 2019 edition: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.

Reports for 2019 and 2020.  Table 二 counts documents as 本年新制作数量 / 本年新公开数量 / 对外公开总数量,
and 三（六）其他处理 is one row.  Every name below is the edition's entry in the registry
(:mod:`govinfo_report.editions`), which reads them as they are.

>>> from govinfo_report import editions
>>> editions.get("2019").last_year
2020

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from .. import vocab as v
from ..model import ApplicantCounts, Disputes, Edition, Proactive2019, Requests
from ._spec import Crosswalk, Section

EDITION = Edition.E2019
"""The edition."""

FIRST_YEAR = 2019
"""The first report year it applies to."""

LAST_YEAR: int | None = 2020
"""The last report year it applies to (None: every year from the first on)."""

SECTIONS: tuple[Section, ...] = (
    Section("proactive", v.TABLE_PROACTIVE, v.PROACTIVE, Proactive2019),
    Section("requests", v.TABLE_REQUESTS, v.REQUESTS, Requests),
    Section("disputes", v.TABLE_DISPUTES, v.DISPUTES, Disputes),
)
"""The three table sections in official order: attribute, table, section heading, class."""

OTHER_HANDLING = ApplicantCounts
"""The class of 三（六）其他处理 (``Results.other_handling``): one row."""

TABLE_HEADINGS: dict[str, tuple[v.Term, ...]] = {
    "proactive": (v.INFORMATION_CONTENT,),
    "requests": (v.REQUESTS_NOTE, v.APPLICANTS),
    "disputes": (),
}
"""Labels a printed table carries besides those of its rows and columns, by table attribute."""

CROSSWALK = Crosswalk(
    other=Edition.E2021,
    shared_proactive=(
        "$.proactive.licensing.decisions",
        "$.proactive.penalties.decisions",
        "$.proactive.enforcement.decisions",
    ),
    split_rows=(),
)
"""How its cells meet the 2021 edition's (see :mod:`govinfo_report._crosswalk`)."""
