"""
The 2021 edition: 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号.

Reports for 2021 on.  Table 二 counts documents as 本年制发件数 / 本年废止件数 / 现行有效件数, and
三（六）其他处理 has three sub-rows.  Every name below is the edition's entry in the registry
(:mod:`govinfo_report.editions`), which reads them as they are.

>>> from govinfo_report import editions
>>> editions.get("2021").first_year
2021

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from .. import vocab as v
from ..model import Disputes, Edition, OtherHandling, Proactive2021, Requests
from ._spec import Crosswalk, Section

EDITION = Edition.E2021
"""The edition."""

FIRST_YEAR = 2021
"""The first report year it applies to."""

LAST_YEAR: int | None = None
"""The last report year it applies to (None: every year from the first on)."""

SECTIONS: tuple[Section, ...] = (
    Section("proactive", v.TABLE_PROACTIVE, v.PROACTIVE, Proactive2021),
    Section("requests", v.TABLE_REQUESTS, v.REQUESTS, Requests),
    Section("disputes", v.TABLE_DISPUTES, v.DISPUTES, Disputes),
)
"""The three table sections in official order: attribute, table, section heading, class."""

OTHER_HANDLING = OtherHandling
"""The class of 三（六）其他处理 (``Results.other_handling``): three sub-rows."""

TABLE_HEADINGS: dict[str, tuple[v.Term, ...]] = {
    "proactive": (v.INFORMATION_CONTENT,),
    "requests": (v.REQUESTS_NOTE, v.APPLICANTS),
    "disputes": (),
}
"""Labels a printed table carries besides those of its rows and columns, by table attribute."""

CROSSWALK = Crosswalk(
    other=Edition.E2019,
    shared_proactive=(
        "$.proactive.licensing.decisions",
        "$.proactive.penalties.decisions",
        "$.proactive.enforcement.decisions",
    ),
    split_rows=("$.requests.results.other_handling",),
)
"""How its cells meet the 2019 edition's (see :mod:`govinfo_report._crosswalk`)."""
