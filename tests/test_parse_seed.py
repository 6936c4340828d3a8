"""The seed report (a real 2020 report as copied from its website) parses to the published figures."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.importers import parse, parse_text

from .conftest import EXAMPLE_JSON, SEED

pytestmark = pytest.mark.seed


def test_seed_cells_equal_the_example(seed_text: str) -> None:
    """Every table cell of the seed equals examples/data/wusu-2020.json, blanks included."""
    expected = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    report = parse_text(seed_text).report
    assert report is not None

    got = {spec.path: (value, type(value)) for spec, value in report.cells()}
    want = {spec.path: (value, type(value)) for spec, value in expected.cells()}
    assert want == got
    assert report.proactive.procurement.amount_unit is gr.AmountUnit.WAN_YUAN  # type: ignore[union-attr]


def test_seed_meta(seed_text: str) -> None:
    """Organ and year come from the title, the edition from the 2019-format headers."""
    report = parse_text(seed_text).report
    assert report is not None

    assert report.meta.organ == "乌苏市文化体育广播电视和旅游局"
    assert report.meta.year == 2020
    assert report.meta.edition is gr.Edition.E2019
    assert report.meta.title == seed_text.splitlines()[1]


def test_seed_diagnostics(seed_text: str) -> None:
    """The stray “0”, the “178万” unit and the glued heading are reported where they are, and nothing else."""
    result = parse_text(seed_text)
    lines = seed_text.split("\n")

    assert result.codes == ("GLUED-HEADING", "STRAY-TEXT", "UNIT-IN-CELL")
    glued, stray, unit = result.diagnostics
    assert lines[glued.line - 1][glued.column - 1 :] == "二、主动公开政府信息情况"
    assert lines[stray.line - 1].endswith("项0")
    assert lines[stray.line - 1][stray.column - 1 :] == "0"
    assert "“0”" in stray.message
    assert "第二十条第（八）项" in stray.message
    assert lines[unit.line - 1].strip() == "178万"
    assert unit.path == "$.proactive.procurement.amount"
    assert "万元" in unit.message
    assert str(stray) == f"line {stray.line}, col {stray.column}: {stray.message} [STRAY-TEXT]"


def test_seed_narratives_are_the_seeds_own(seed_text: str) -> None:
    """Narratives are the seed's text, byte for byte, split at the subsection headings and the glued heading."""
    report = parse_text(seed_text).report
    assert report is not None
    lines = seed_text.split("\n")

    overview = report.overview
    assert overview.text == lines[3]
    assert [s.title for s in overview.subsections] == [lines[i].strip() for i in (5, 9, 13, 17)]
    assert overview.subsections[0].text == lines[7]
    assert overview.subsections[2].text == lines[15]  # keeps its trailing full-width spaces
    last = overview.subsections[3].text
    assert last == "\n".join(lines[19:23]) + "\n" + lines[23].split("    二、")[0]
    assert last.endswith("及时宣传报道文旅")
    assert report.problems.text == "\n".join(lines[405:408])
    assert report.problems.text.endswith("\xa0")
    assert report.problems.subsections == ()
    assert report.other_matters.text == "无"


def test_seed_through_parse_and_cli(tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    """parse(path) reads the seed file; the CLI prints the diagnostics on stderr and the report as JSON."""
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not available")
    assert parse(SEED).codes == ("GLUED-HEADING", "STRAY-TEXT", "UNIT-IN-CELL")

    status = main(["parse", str(SEED)])
    out, err = capsys.readouterr()

    assert status == 0
    assert json.loads(out)["meta"]["organ"] == "乌苏市文化体育广播电视和旅游局"
    assert gr.from_json(out).proactive.procurement.amount == Decimal("178")  # type: ignore[union-attr]
    assert [line.rsplit("[", 1)[-1] for line in err.splitlines()] == ["GLUED-HEADING]", "STRAY-TEXT]", "UNIT-IN-CELL]"]
    assert all(line.startswith(f"{SEED}: line ") for line in err.splitlines())


def test_cli_check_reads_the_seed_text(capsys: pytest.CaptureFixture[str]) -> None:
    """`check` accepts the seed .txt directly and reports its arithmetic findings and, among them, its reading."""
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not available")

    status = main(["check", str(SEED)])
    out, err = capsys.readouterr()

    assert status == 1
    assert "T3-ROW-TOTAL" in out
    assert "[IMPORT-STRAY-TEXT]" in out  # the import diagnostics are part of the output, not only of stderr
    assert "STRAY-TEXT" not in err
