"""Small report builders shared by the tests."""

from __future__ import annotations

from typing import Any

import attrs

import govinfo_report as gr


def clean_report(
    edition: str = "2021", year: int | None = None, organ: str = "某某县统计局", **meta: Any
) -> gr.AnnualReport:
    """An all-0 report with the narratives every rule wants: check() finds nothing in it."""
    year = year or (2020 if edition == "2019" else 2022)
    report = gr.AnnualReport.blank(edition, organ=organ, year=year, fill=0, **meta)
    return attrs.evolve(
        report,
        problems=gr.Narrative(text="个别栏目更新不及时，下一年度加强审核。"),
        other_matters=gr.OtherMatters(text="本年度未收取信息处理费。"),
    )
