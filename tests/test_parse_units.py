"""The parts of the importer: cells, labels, titles, headings, tokens, editions, gaps, errors, files and batches."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.errors import GovInfoReportError, ParseError
from govinfo_report.importers import parse, parse_html, parse_many, parse_text
from govinfo_report.importers._html import extract
from govinfo_report.importers._text import is_subheading, parse_title
from govinfo_report.importers._tokens import BLANK, LABEL, VALUE, tokenize
from govinfo_report.importers.normalize import label_key, read_cell
from govinfo_report.rules import Severity

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
WAN, YUAN = gr.AmountUnit.WAN_YUAN, gr.AmountUnit.YUAN

HEADINGS = [t.zh for t in gr.vocab.SECTIONS]


def _report(title: str, body: dict[int, str]) -> str:
    """A report text: the title, then the six headings, each followed by body[k] when given."""
    out = [title]
    for k, heading in enumerate(HEADINGS):
        out.append(heading)
        if k in body:
            out.append(body[k])
    return "\n".join(out) + "\n"


T2021 = "\n".join(
    [
        "第二十条第（一）项",
        "信息内容 本年制发件数 本年废止件数 现行有效件数",
        "规章 0 0 1",
        "行政规范性文件 2 1 9",
    ]
)


# ---------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "code"),
    [
        ("0", "count", 0, None, None),
        ("\xa012\xa0", "count", 12, None, None),
        ("３０", "count", 30, None, None),
        ("2,315", "count", 2315, None, "DIGIT-GROUPS"),
        ("", "count", None, None, None),
        ("/", "count", None, None, "NOT-APPLICABLE"),
        ("-", "count", None, None, "NOT-APPLICABLE"),
        ("—", "count", None, None, "NOT-APPLICABLE"),
        ("无", "count", None, None, "NOT-APPLICABLE"),
        ("5件", "count", 5, None, "UNIT-IN-CELL"),
        ("-8", "count", None, None, "UNREADABLE-CELL"),
        ("3.5", "count", None, None, "UNREADABLE-CELL"),
        ("3O", "count", None, None, "UNREADABLE-CELL"),
        ("+1036", "signed", 1036, None, None),
        ("-8", "signed", -8, None, None),
        ("减4", "signed", -4, None, None),
        ("減4", "signed", -4, None, None),
        ("－２", "signed", -2, None, None),
        ("178万", "amount", Decimal(178), WAN, "UNIT-IN-CELL"),
        ("251000元", "amount", Decimal(251000), YUAN, "UNIT-IN-CELL"),
        ("86.5萬元", "amount", Decimal("86.5"), WAN, "UNIT-IN-CELL"),
        ("12.35", "amount", Decimal("12.35"), None, None),
        ("-3", "amount", None, None, "UNREADABLE-CELL"),
        # thousands separators: one value, said so
        ("1，234", "count", 1234, None, "DIGIT-GROUPS"),
        ("1 234", "count", 1234, None, "DIGIT-GROUPS"),
        ("1\u00a0234", "count", 1234, None, "DIGIT-GROUPS"),
        ("1\u2009234", "count", 1234, None, "DIGIT-GROUPS"),
        ("12 345.5", "amount", Decimal("12345.5"), None, "DIGIT-GROUPS"),
        ("1 23", "count", None, None, "UNREADABLE-CELL"),
        # what only looks like a number is never read as one
        ("5²", "count", None, None, "UNREADABLE-CELL"),
        ("25¹", "count", None, None, "UNREADABLE-CELL"),
        ("3₂", "count", None, None, "UNREADABLE-CELL"),
        ("①", "count", None, None, "UNREADABLE-CELL"),
        ("⑩", "count", None, None, "UNREADABLE-CELL"),
        ("一百二十", "count", None, None, "UNREADABLE-CELL"),
        ("五", "count", None, None, "UNREADABLE-CELL"),
        ("5\u0336", "count", None, None, "UNREADABLE-CELL"),
        ("Ⅻ", "count", None, None, "UNREADABLE-CELL"),
    ],
)
def test_read_cell(text: str, kind: str, value: object, unit: object, code: object) -> None:
    """Each printed form reads to the number it says (never more), with the unit and the diagnostic it deserves."""
    reading = read_cell(text, kind)

    assert (value, unit, code) == (reading.value, reading.unit, reading.code)
    assert type(value) is type(reading.value)


def test_read_cell_converts_yuan_in_a_wan_column_exactly() -> None:
    """25000元 in the 万元 fee column is 2.5 (exact), and the conversion is reported."""
    reading = read_cell("25000元", "amount", fixed_unit=WAN)

    assert (Decimal("2.5"), None, "UNIT-CONVERTED") == (reading.value, reading.unit, reading.code)


# ---------------------------------------------------------------------------- labels, titles, headings


@pytest.mark.parametrize(
    ("printed", "official"),
    [
        ("自 然 人", "自然人"),
        ("商业 企业", "商业企业"),
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", gr.vocab.PARTLY_DISCLOSED.zh),
        ("行政規範性檔案", "行政规范性文件"),
        ("主動公(gong)開(kai)", "主动公开"),
        ("本年收费金额(单位:万元)", "本年收费金额（单位：万元）"),
        ("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
         "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ],
)
def test_label_key_meets_the_official_label(printed: str, official: str) -> None:
    """Spacing, punctuation width, traditional characters, zh-TW words and pinyin do not change a label's key."""
    assert label_key(official) == label_key(printed)


@pytest.mark.parametrize(
    ("title", "organ", "year"),
    [
        ("乌苏市文化体育广播电视和旅游局政府信息公开工作2020年度报告", "乌苏市文化体育广播电视和旅游局", 2020),
        ("2020年度某某县统计局政府信息公开工作年度报告", "某某县统计局", 2020),
        ("某某市人民政府办公室2021年政府信息公开工作年度报告", "某某市人民政府办公室", 2021),
        ("《某某区司法局2022年度政府信息公开工作年度报告》", "某某区司法局", 2022),
        ("某某镇人民政府政府信息公开工作年度报告", "某某镇人民政府", None),
    ],
)
def test_parse_title(title: str, organ: str, year: int | None) -> None:
    """The three title patterns (and a title without a year) give the organ and the year."""
    assert (organ, year) == parse_title(title)


def test_parse_title_rejects_prose() -> None:
    """A sentence that mentions 政府信息公开 is not a title."""
    assert parse_title("2020年，本局认真贯彻《中华人民共和国政府信息公开条例》，全面梳理公开目录。") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("（一）主动公开", True),
        ("(二) 依申请公开", True),
        ("3、建议和提案办理结果公开情况", True),
        ("1.组织领导", True),
        ("一是加大解读力度。", False),
        ("1、严格落实制度，按时更新栏目。", False),
        ("2020年，本局全面推进公开。", False),
    ],
)
def test_is_subheading(line: str, expected: bool) -> None:
    """Short numbered lines are subsection headings; 一是… paragraphs and numbered sentences are not."""
    assert expected == is_subheading(line)


def test_heading_variants_are_found() -> None:
    """Variant headings (行政机关…, 因政府信息公开工作被申请…, 政府信息公开工作存在的…) start their sections."""
    text = "\n".join(
        [
            "某某县民政局2020年政府信息公开工作年度报告",
            "一、 总体情况",
            "概述。",
            "二、行政机关主动公开政府信息情况",
            "三、行政机关收到和处理政府信息公开申请情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
            "问题与改进。",
            "六、其他需要报告的事项",
            "无。",
        ]
    )
    result = parse_text(text)
    report = result.report
    assert report is not None

    assert (report.overview.text, report.problems.text, report.other_matters.text) == ("概述。", "问题与改进。", "无。")
    assert "SECTION-MISSING" not in result.codes


# ---------------------------------------------------------------------------- tokens


def test_tokenize_pipe_rows_with_colspans_and_broken_rows() -> None:
    """Pipes: blanks between pipes are cells, line ends between rows are breaks, a broken row continues."""
    tokens = tokenize([(1, "| 规章 | 0 |  |"), (2, "| 行政许可 | 5 |"), (3, "7 |")])

    assert [(t.text, t.kind, t.brk) for t in tokens] == [
        ("规章", LABEL, False),
        ("0", VALUE, False),
        ("", BLANK, False),
        ("行政许可", LABEL, True),
        ("5", VALUE, False),
        ("7", VALUE, False),
    ]


def test_tokenize_lines_splits_labels_from_values() -> None:
    """A line of two known labels and seven values becomes nine cells; a spaced label stays one."""
    tokens = tokenize([(1, "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0"), (2, "自 然 人")], known=lambda k: k in {
        label_key("（三）不予公开"), label_key("1.属于国家秘密"), label_key("自然人")})

    assert [t.text for t in tokens] == ["（三）不予公开", "1.属于国家秘密", *["0"] * 7, "自 然 人"]


# ---------------------------------------------------------------------------- editions, gaps


def test_edition_comes_from_the_headers_not_the_year() -> None:
    """A 2020 report printed with 2021-format headers is read as 2021, with a diagnostic saying so."""
    result = parse_text(_report("某某县民政局2020年政府信息公开工作年度报告", {1: T2021}))
    assert result.report is not None

    assert result.report.edition is gr.Edition.E2021
    assert result.report.proactive.normative_documents.in_force == 9  # type: ignore[union-attr]
    (d,) = result.by_code("EDITION-FROM-HEADERS")
    assert "本年制发件数" in d.message or "行政规范性文件" in d.message


def test_edition_from_the_year_when_no_header_shows_it() -> None:
    """With no table at all the year decides, and the diagnostic says the edition was assumed."""
    result = parse_text(_report("某某县民政局2022年政府信息公开工作年度报告", {0: "概述。"}))
    assert result.report is not None

    assert result.report.edition is gr.Edition.E2021
    assert "EDITION-FROM-YEAR" in result.codes


def test_missing_tables_are_blank_never_zero() -> None:
    """Headings without tables give all-blank tables and one TABLE-MISSING per table."""
    result = parse_text(_report("某某县民政局2022年政府信息公开工作年度报告", {0: "概述。"}))
    report = result.report
    assert report is not None

    assert all(value is None for _, value in report.cells())
    assert result.codes.count("TABLE-MISSING") == 3


def test_missing_sections_are_reported_and_empty() -> None:
    """A report without 五 and 六 gets SECTION-MISSING for each and empty narratives."""
    text = "某某县民政局2021年政府信息公开工作年度报告\n一、总体情况\n概述。\n二、主动公开政府信息情况\n" + T2021
    result = parse_text(text)
    report = result.report
    assert report is not None

    assert report.problems.text == ""
    assert report.other_matters.text == ""
    assert [d.message for d in result.by_code("SECTION-MISSING")][-2:] == [
        f"未找到“{HEADINGS[4]}”部分的标题，该部分按空白处理",
        f"未找到“{HEADINGS[5]}”部分的标题，该部分按空白处理",
    ]


def test_truncated_table_keeps_the_rows_read() -> None:
    """A table cut in the middle of a row keeps what was read, blanks the rest and says where it stopped."""
    body = "\n".join([T2021, "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 40", "第二十条第（六）项",
                      "信息内容 本年处理决定数量", "行政处罚"])
    head = "某某县民政局2021年政府信息公开工作年度报告\n一、总体情况\n概述。\n二、主动公开政府信息情况\n"
    result = parse_text(head + body)
    report = result.report
    assert report is not None

    assert report.proactive.licensing.decisions == 40
    assert report.proactive.penalties.decisions is None
    assert report.proactive.administrative_fees.amount is None  # type: ignore[union-attr]
    (d,) = result.by_code("TABLE-TRUNCATED")
    assert d.line == 14  # the 行政处罚 label, the last thing read
    assert "“第二十条第（六）项 / 行政处罚”的标签（该行没有数值）之后中断" in d.message
    assert "其后2行、共3个单元格留空" in d.message


def test_missing_row_in_the_middle() -> None:
    """A row left out in the middle of a table is blank and named."""
    body = "\n".join(["第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 1",
                      "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 3"])
    result = parse_text(_report("某某县民政局2021年政府信息公开工作年度报告", {1: body}))
    assert result.report is not None

    assert result.report.proactive.normative_documents.issued is None  # type: ignore[union-attr]
    assert any("行政规范性文件" in d.message for d in result.by_code("ROW-MISSING"))


def test_table_found_without_its_heading() -> None:
    """A table whose heading is missing is still read from its first unmistakable label."""
    head = "某某县民政局2021年政府信息公开工作年度报告\n一、总体情况\n概述。\n"
    text = head + T2021 + "\n三、收到和处理政府信息公开申请情况\n"
    result = parse_text(text)
    report = result.report
    assert report is not None

    assert report.overview.text == "概述。"
    assert report.proactive.normative_documents.issued == 2  # type: ignore[union-attr]
    assert any("表格从第4行开始读取" in d.message for d in result.by_code("SECTION-MISSING"))


# ---------------------------------------------------------------------------- errors and arguments


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "\x00\x01\x02binary" * 20, "这是一段与年度报告无关的文字。\n第二段。"],
)
def test_parse_error_when_no_report_can_be_made(text: str) -> None:
    """Empty, binary and unrelated text raise ParseError, a GovInfoReportError and ValueError."""
    with pytest.raises(ParseError) as info:
        parse_text(text)

    assert isinstance(info.value, GovInfoReportError)
    assert isinstance(info.value, ValueError)


def test_organ_and_year_from_arguments() -> None:
    """Without a title the report still imports, organ and year unknown, each with a warning naming its flag."""
    text = "一、总体情况\n概述。\n二、主动公开政府信息情况\n" + T2021

    unknown = parse_text(text)
    assert unknown.report is not None
    assert (unknown.report.meta.organ, unknown.report.meta.year) == (None, None)
    assert unknown.report.proactive == parse_text(text, organ="某某局", year=2021).report.proactive  # type: ignore[union-attr]
    missing = unknown.by_code("META-MISSING")
    assert [d.severity for d in missing] == [Severity.WARNING, Severity.WARNING]
    assert "--organ" in missing[0].message
    assert "--year" in missing[1].message
    assert "发布机关" in missing[0].message
    assert "年度" in missing[1].message
    report = parse_text(text, organ="某某局", year=2021).report
    assert report is not None
    assert (report.meta.organ, report.meta.year, report.meta.title) == ("某某局", 2021, None)


def test_arguments_override_the_title_with_a_diagnostic() -> None:
    """A year passed by the caller wins over the title's and the difference is reported."""
    result = parse_text(_report("某某县民政局2021年政府信息公开工作年度报告", {1: T2021}), year=2022)
    assert result.report is not None

    assert result.report.year == 2022
    assert "META-OVERRIDE" in result.codes


# ---------------------------------------------------------------------------- files and batches


def test_parse_chooses_the_reader(tmp_path: Path) -> None:
    """.json goes to from_json, HTML content to the HTML reader even in a .txt, GB18030 bytes are decoded."""
    report = parse(LAYOUTS / "2021-pipe.txt").report
    assert report is not None
    (tmp_path / "r.json").write_text(gr.to_json(report), encoding="utf-8")
    html = (LAYOUTS / "2021-table.html").read_text(encoding="utf-8")
    (tmp_path / "page.txt").write_text(html, encoding="utf-8")
    text = (LAYOUTS / "2021-pipe.txt").read_text(encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    assert parse(tmp_path / "r.json") == gr.ParseResult(report, source=str(tmp_path / "r.json"))
    assert parse(tmp_path / "page.txt").report == parse(LAYOUTS / "2021-table.html").report
    gbk = parse(tmp_path / "gbk.txt")
    assert gbk.report == report
    assert gbk.codes == ("ENCODING",)
    bom = parse(tmp_path / "bom.txt")
    assert bom.report == report
    assert bom.codes == ()


def test_parse_many_keeps_order_and_survives_failures(tmp_path: Path) -> None:
    """Results come back in input order; a bad file gives report None and one PARSE-FAILED error."""
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    paths = [LAYOUTS / "2019-pipe.txt", tmp_path / "bad.txt", tmp_path / "missing.txt", LAYOUTS / "2021-pipe.txt"]

    results = parse_many(paths, workers=2)

    assert [r.source for r in results] == [str(p) for p in paths]
    assert [r.ok for r in results] == [True, False, False, True]
    assert results[1].codes == ("PARSE-FAILED",)
    assert results[1].diagnostics[0].severity is gr.Severity.ERROR
    assert results[0].report == parse(LAYOUTS / "2019-pipe.txt").report
    assert parse_many(paths[:1], workers=1)[0].report == results[0].report


def test_html_grid_expands_spans() -> None:
    """The HTML table keeps rowspan and colspan; its grid fills every covered slot."""
    (table,) = extract('<table><tr><td rowspan="2">规章</td><td colspan=\\"2\\">5</td></tr><tr><td>6</td></tr></table>')
    grid = table.grid()  # type: ignore[union-attr]

    assert [[c.text if c else None for c in row] for row in grid] == [["规章", "5", "5"], ["规章", "6", None]]


def test_parse_html_nbsp_cells_are_blank() -> None:
    """&nbsp; cells in an HTML table are blank cells, not zeros, and keep their place."""
    page = (
        "<h2>某某县民政局2021年政府信息公开工作年度报告</h2>"
        + "".join(f"<p>{h}</p>" for h in HEADINGS[:2])
        + "<table><tr><td>规章</td><td>&nbsp;</td><td>1</td><td>&nbsp;</td></tr>"
        + "<tr><td>行政规范性文件</td><td>3</td><td>&nbsp;</td><td>7</td></tr></table>"
        + "".join(f"<p>{h}</p>" for h in HEADINGS[2:])
    )
    report = parse_html(page).report
    assert report is not None

    rules, docs = report.proactive.rules, report.proactive.normative_documents
    assert (rules.issued, rules.repealed, rules.in_force) == (None, 1, None)  # type: ignore[union-attr]
    assert (docs.issued, docs.repealed, docs.in_force) == (3, None, 7)  # type: ignore[union-attr]


def test_surplus_blanks_are_dropped_where_the_table_puts_them() -> None:
    """Table 二 rows lose padding at their end; table 三 rows lose merged label columns before the values."""
    t2 = "\n".join(
        [
            "| 第二十条第（八）项 |  |  |  |",
            "| 信息内容 | 上一年项目数量 | 本年增/减 |  |",
            "| 行政事业性收费 |  | 1 |  |",
        ]
    )
    t3 = "\n".join(
        [
            "| 一、本年新收政府信息公开申请数量 |  |  | 30 | 3 | 0 | 0 | 0 | 0 |  |",
            "| 二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        ]
    )
    result = parse_text(_report("某某县民政局2020年政府信息公开工作年度报告", {1: t2, 2: t3}))
    report = result.report
    assert report is not None

    fees = report.proactive.administrative_fees
    assert (fees.previous_year, fees.change) == (None, 1)  # type: ignore[union-attr]
    received = report.requests.received
    assert (received.natural_person, received.commercial, received.total) == (30, 3, None)
    assert report.requests.carried_in.total == 1
