"""
Build the 2020 report of 乌苏市文化体育广播电视和旅游局 cell by cell, as it was published.

The figures are the published ones, blanks and faults included: several cells
were left blank, 采购总金额 was written "178万", and table 三 does not add up.
A builder would have derived the totals; here every cell is set by hand so the
report says exactly what the organ published.  The narratives are short
summaries of our own, not the report's text.

Run it from the repository root:

    python examples/build_wusu_2020.py

It writes examples/data/wusu-2020.json and prints the report as text.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import govinfo_report as gr
from govinfo_report import ApplicantCounts as Row
from govinfo_report import Outcomes

_: None = None  # a blank cell, as published


def row(np: int | None, biz: int | None, res: int | None, ngo: int | None, law: int | None, oth: int | None,
        total: int | None) -> Row:
    """One row of table 三, in the official column order, exactly as published."""
    return Row(natural_person=np, commercial=biz, research=res, public_interest=ngo, legal_service=law,
               other=oth, total=total)


ZERO = row(0, 0, 0, 0, 0, 0, 0)


def build() -> gr.AnnualReport:
    """The report as published (figures), with our own short narratives."""
    meta = gr.ReportMeta(
        organ="乌苏市文化体育广播电视和旅游局",
        year=2020,
        edition=gr.Edition.E2019,
        title="乌苏市文化体育广播电视和旅游局政府信息公开工作2020年度报告",
    )
    proactive = gr.Proactive2019(
        rules=gr.PublicationCounts(newly_made=0, newly_published=0, total_published=0),
        normative_documents=gr.PublicationCounts(newly_made=0, newly_published=0, total_published=0),
        licensing=gr.ItemCounts(previous_year=13, change=0, decisions=20),
        other_services=gr.ItemCounts(previous_year=30, change=_, decisions=_),
        penalties=gr.ItemCounts(previous_year=0, change=0, decisions=0),
        enforcement=gr.ItemCounts(previous_year=0, change=0, decisions=_),
        administrative_fees=gr.FeeItemCounts(previous_year=0, change=0),
        procurement=gr.ProcurementCounts(projects=35, amount=Decimal("178"), amount_unit=gr.AmountUnit.WAN_YUAN),
    )
    requests = gr.Requests(
        received=row(30, 3, 0, 0, 0, 0, 33),
        carried_in=ZERO,
        results=gr.Results(
            disclosed=row(30, 3, _, _, _, _, 33),
            partly_disclosed=ZERO,
            withheld=gr.Withheld(
                state_secret=ZERO,
                prohibited_by_law=ZERO,
                three_safeties=ZERO,
                third_party=ZERO,
                internal_affairs=ZERO,
                process_information=ZERO,
                enforcement_files=ZERO,
                administrative_inquiry=row(33, 3, 0, 0, 0, 0, 0),
            ),
            unable=gr.Unable(not_held=ZERO, needs_creation=ZERO, unclear=ZERO),
            not_processed=gr.NotProcessed(
                complaint=row(3, 0, 0, 0, 0, 0, 3),
                repeated=ZERO,
                publications=ZERO,
                mass_repeated=ZERO,
                confirmation=ZERO,
            ),
            other_handling=row(0, 0, 0, 0, 0, 0, _),
            total=row(_, _, _, _, _, _, 33),
        ),
        carried_forward=row(0, 0, 0, 0, 0, 0, _),
    )
    nothing = Outcomes(upheld=0, corrected=0, other=0, pending=0, total=0)
    disputes = gr.Disputes(review=nothing, direct_suit=nothing, suit_after_review=nothing)
    return gr.AnnualReport(
        meta=meta,
        overview=gr.Narrative(
            text="本局按照条例要求梳理主动公开目录，规范依申请公开办理流程。",
            subsections=(
                gr.Subsection(title="1、组织领导和制度建设", text="明确专人负责，建立公开内容动态调整机制。"),
                gr.Subsection(title="2、解读回应", text="年内举办推介会1次、征求意见会3次，发布解读稿件1篇。"),
                gr.Subsection(title="3、建议提案办理结果公开", text="办理人大代表建议1条、政协委员提案1件。"),
                gr.Subsection(title="4、重点领域信息公开", text="围绕文旅项目、行政许可和政务服务推进公开。"),
            ),
        ),
        proactive=proactive,
        requests=requests,
        disputes=disputes,
        problems=gr.Narrative(text="归档不够及时规范，重形式轻内容；下一年度将完善流程、加强网站和公众号建设。"),
        other_matters=gr.OtherMatters(text="无"),
    )


def main() -> None:
    """Write examples/data/wusu-2020.json and print the report."""
    report = build()
    out = Path(__file__).parent / "data" / "wusu-2020.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(gr.to_json(report) + "\n", encoding="utf-8")
    print(gr.render_text(report))


if __name__ == "__main__":
    main()
