"""
Build a consistent 2021-edition report from its parts, as a notebook user would.

Only the parts are given: the builders derive every 总计, the （七）总计 row and
四、结转下年度继续办理 from the same arithmetic that the checks verify.  The
organ and its figures are invented for the example.

Run it from the repository root:

    python examples/build_2021_from_parts.py

It writes examples/data/example-2023.json and prints the report as text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import govinfo_report as gr


def build() -> gr.AnnualReport:
    """A 2023 report of an invented county bureau, built from parts."""
    meta = gr.ReportMeta(
        organ="示例县自然资源局",
        year=2023,
        edition=gr.Edition.E2021,
        published=dt.date(2024, 1, 26),
        division_code="000000",
    )
    requests = gr.Requests.from_parts(
        "2021",
        received={"natural_person": 41, "commercial": 6, "legal_service": 2},
        carried_in={"natural_person": 3},
        disclosed={"natural_person": 18, "commercial": 3},
        partly_disclosed={"natural_person": 4, "legal_service": 1},
        withheld={"third_party": {"natural_person": 2}, "process_information": {"commercial": 1}},
        unable={"not_held": {"natural_person": 9, "commercial": 2}, "needs_creation": {"natural_person": 1}},
        not_processed={"complaint": {"natural_person": 3}, "repeated": {"natural_person": 2}},
        other_handling={"overdue_correction": {"natural_person": 1}, "other": {"legal_service": 1}},
    )
    disputes = gr.Disputes.from_parts(
        review={"upheld": 2, "corrected": 1},
        direct_suit={"upheld": 1, "pending": 1},
    )
    return gr.AnnualReport.build(
        meta,
        overview=gr.Narrative(
            text="本年度，本局围绕自然资源管理重点工作推进政府信息公开。",
            subsections=(
                gr.Subsection(title="（一）主动公开", text="及时发布规划、用地审批和不动产登记等信息。"),
                gr.Subsection(title="（二）依申请公开", text="规范受理、办理和答复流程，按期答复。"),
                gr.Subsection(title="（三）政府信息管理", text="定期清理规范性文件并公布清理结果。"),
                gr.Subsection(title="（四）政府信息公开平台建设", text="统一在政府门户网站专栏发布。"),
                gr.Subsection(title="（五）监督保障", text="将公开工作纳入年度考核。"),
            ),
        ),
        proactive={
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 2, "repealed": 1, "in_force": 9},
            "licensing": {"decisions": 356},
            "penalties": {"decisions": 27},
            "enforcement": {"decisions": 3},
            "administrative_fees": {"amount": "12.60"},
        },
        requests=requests,
        disputes=disputes,
        problems="部分信息更新不够及时。下一年度将建立更新台账，按月检查。",
        other_matters=gr.OtherMatters(
            text="本年度未收取信息处理费。",
            fees=gr.ProcessingFees(applications=0),
        ),
    )


def main() -> None:
    """Write examples/data/example-2023.json and print the report."""
    report = build()
    out = Path(__file__).parent / "data" / "example-2023.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(gr.to_json(report) + "\n", encoding="utf-8")
    print(gr.render_text(report))


if __name__ == "__main__":
    main()
