"""Organ, year and publication date, found where real pages put them, or left unknown with a warning."""

from __future__ import annotations

import datetime as dt

import pytest

from govinfo_report.importers import parse_html, parse_text
from govinfo_report.importers._meta import is_breadcrumb, organ_like, parse_date
from govinfo_report.importers._text import parse_title
from govinfo_report.rules import Severity

BODY = """一、总体情况
本年度按照条例要求做好公开工作。
二、主动公开政府信息情况
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 7
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
人员不足，将加强培训。
六、其他需要报告的事项
无。"""


def _meta(text: str) -> tuple[object, ...]:
    result = parse_text(text)
    assert result.report is not None
    meta = result.report.meta
    return meta.organ, meta.year, meta.published


@pytest.mark.parametrize(
    ("title", "organ", "year"),
    [
        ("某某县统计局关于2020年度政府信息公开工作的年度报告", "某某县统计局", 2020),
        ("关于2021年度政府信息公开工作的年度报告", None, 2021),
        ("2024   年政府信息公开工作年度报告", None, 2024),
        ("某某县统计局 2024 年 政府信息公开工作年度报告", "某某县统计局", 2024),
        ("某某縣統計局2022年政府信息公開工作年度報告", "某某縣統計局", 2022),
        ("某某县统(tong)计局2022年政(zheng)府信息公开工作年度报(bao)告", "某某县统计局", 2022),
    ],
)
def test_title_forms(title: str, organ: str | None, year: int) -> None:
    """The organ and year of a title in its real forms; 关于 before the year belongs to no organ."""
    assert parse_title(title) == (organ, year)


def test_organ_on_its_own_line_above_the_title() -> None:
    """A title without the organ takes it from the line just above, and says so."""
    result = parse_text("某某市人民政府办公室\n2023年政府信息公开工作年度报告\n" + BODY)
    assert result.report is not None

    assert (result.report.meta.organ, result.report.meta.year) == ("某某市人民政府办公室", 2023)
    assert result.report.meta.title == "某某市人民政府办公室2023年政府信息公开工作年度报告"
    [source] = result.by_code("META-SOURCE")
    assert source.line == 1
    assert "标题上一行" in source.message
    assert "IGNORED-TEXT" not in result.codes


def test_a_sentence_above_the_title_is_not_an_organ() -> None:
    """Only a line shaped like an organ's name is taken; a sentence is not."""
    result = parse_text("点击进入无障碍阅读。\n2023年政府信息公开工作年度报告\n" + BODY)
    assert result.report is not None

    assert result.report.meta.organ is None
    assert result.report.meta.year == 2023
    assert len(result.by_code("META-MISSING")) == 1


def test_breadcrumb_is_never_the_title() -> None:
    """当前位置：首页 > … > 年报 is navigation; the real title below it is used."""
    text = "当前位置：首页 > 政府信息公开 > 政府信息公开年报\n某某区商务局2022年政府信息公开工作年度报告\n" + BODY
    assert _meta(text)[:2] == ("某某区商务局", 2022)
    assert is_breadcrumb("您的位置：首页>信息公开>年度报告")


def test_breadcrumb_alone_gives_no_organ() -> None:
    """With only a breadcrumb above the sections, organ and year stay unknown with two warnings."""
    result = parse_text("当前位置：首页 > 政府信息公开 > 年报\n" + BODY)
    assert result.report is not None

    assert (result.report.meta.organ, result.report.meta.year) == (None, None)
    assert [d.severity for d in result.by_code("META-MISSING")] == [Severity.WARNING] * 2
    assert result.report.proactive.licensing.decisions == 7


def test_cms_metadata_table_in_text() -> None:
    """发布机构 and 发布日期 of a CMS metadata block give the organ and the publication date."""
    text = (
        "索引号：000000000/2023-00012 | 主题分类：其他\n"
        "发布机构：某某县交通运输局 | 发布日期：2023-01-18\n"
        "2022年政府信息公开工作年度报告\n" + BODY
    )
    result = parse_text(text)
    assert result.report is not None

    assert _meta(text) == ("某某县交通运输局", 2022, dt.date(2023, 1, 18))
    assert {d.line for d in result.by_code("META-SOURCE")} == {2}
    assert "IGNORED-TEXT" not in result.codes


def test_cms_metadata_table_in_html() -> None:
    """The metadata table of a saved CMS page, with labels and values in separate cells."""
    html = (
        "<html><head><title>年度报告_某某县人民政府门户网站</title></head><body>"
        "<table><tr><td>发文机关：</td><td>某某县农业农村局</td><td>成文日期：</td><td>2022年1月25日</td></tr></table>"
        "<h1>2021年政府信息公开工作年度报告</h1>"
        + "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
        + "</body></html>"
    )
    result = parse_html(html)
    assert result.report is not None

    meta = result.report.meta
    assert (meta.organ, meta.year, meta.published) == ("某某县农业农村局", 2021, dt.date(2022, 1, 25))


def test_page_title_gives_organ_and_year() -> None:
    """The HTML <title>, less the site name after _, names the organ when the page body does not."""
    html = (
        "<html><head><title>某某县审计局2022年政府信息公开工作年度报告_某某县人民政府</title></head><body>"
        + "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
        + "</body></html>"
    )
    result = parse_html(html)
    assert result.report is not None

    assert (result.report.meta.organ, result.report.meta.year) == ("某某县审计局", 2022)
    assert result.report.meta.title == "某某县审计局2022年政府信息公开工作年度报告"
    assert {d.code for d in result.diagnostics} >= {"META-SOURCE"}


@pytest.mark.parametrize(
    "signature",
    ["某某县统计局\n2022年1月20日", "某某县统计局 2022年1月20日", "某某县统计局\n二〇二二年一月二十日"],
)
def test_signature_gives_organ_and_date(signature: str) -> None:
    """The signature at the end: organ and date on one line or two, Arabic or Chinese numerals."""
    text = "2021年政府信息公开工作年度报告\n" + BODY + "\n\n" + signature
    assert _meta(text) == ("某某县统计局", 2021, dt.date(2022, 1, 20))


def test_statistics_period_gives_the_year() -> None:
    """Without a title, the statistics-period sentence gives the year; never the publication date."""
    body = BODY.replace(
        "本年度按照条例要求做好公开工作。",
        "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
    )
    result = parse_text(body + "\n某某镇人民政府\n2025年1月10日")
    assert result.report is not None

    assert (result.report.meta.organ, result.report.meta.year) == ("某某镇人民政府", 2024)
    assert result.report.meta.published == dt.date(2025, 1, 10)
    assert "统计期限" in " ".join(d.message for d in result.by_code("META-SOURCE"))


def test_publication_date_alone_gives_no_year() -> None:
    """A publication date is not a report year: the year stays unknown."""
    result = parse_text(BODY + "\n某某镇人民政府\n2025年1月10日")
    assert result.report is not None

    assert result.report.meta.year is None
    assert result.report.meta.published == dt.date(2025, 1, 10)
    [missing] = result.by_code("META-MISSING")
    assert "--year" in missing.message


def test_given_values_win_and_are_noted() -> None:
    """organ= and year= override what the report says, with META-OVERRIDE naming the place."""
    result = parse_text("某某市人民政府办公室\n2023年政府信息公开工作年度报告\n" + BODY, organ="某某局", year=2022)
    assert result.report is not None

    assert (result.report.meta.organ, result.report.meta.year) == ("某某局", 2022)
    assert len(result.by_code("META-OVERRIDE")) == 2
    assert "META-MISSING" not in result.codes


def test_helpers() -> None:
    """The shapes the finder relies on."""
    assert organ_like("某某市海珠区某某街道办事处")
    assert not organ_like("特此报告。")
    assert not organ_like("一、总体情况")
    assert parse_date("2022/1/5") == dt.date(2022, 1, 5)
    assert parse_date("2022年2月30日") is None
    assert parse_date("2024126") is None


def test_a_last_line_without_a_date_is_no_signature() -> None:
    """A short last line shaped like a name (一区) is prose, not a signature, without a date under it."""
    result = parse_text("2021年政府信息公开工作年度报告\n" + BODY + "\n一区")
    assert result.report is not None

    assert result.report.meta.organ is None
