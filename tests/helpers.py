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


STRAY_SHAPES = ("lines", "pipes", "cells", "random")


def stray_report(size: int, shape: str = "lines") -> str:
    """
    A report whose table 三 holds about *size* characters of numbers that belong to no cell.

    *shape*: ``lines`` (50 numbers a line), ``pipes`` (pipe rows of numbers), ``cells`` (one number a line,
    as the seed prints its cells) or ``random`` (lines of varied numbers, so no line repeats).
    """
    head = (
        "某某县统计局2021年政府信息公开工作年度报告\n一、总体情况\n概述。\n二、主动公开政府信息情况\n"
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
    )
    if shape == "pipes":
        row = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"
        head = head.replace(row, "| " + " | ".join(row.split()) + " |")
        line = "| 0 " * 25 + "|\n"
    elif shape == "cells":
        line = "0\n"
    elif shape == "random":
        line = ""
    else:
        line = "0 " * 50 + "\n"
    if shape == "random":
        lines = [" ".join(str((k * 7919 + j * 104729) % 100000) for j in range(20)) for k in range(size // 120 + 1)]
        body = "\n".join(lines) + "\n"
    else:
        body = line * (size // len(line) + 1)
    tail = "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无\n"
    return head + body + tail
