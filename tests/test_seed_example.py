"""The bundled seed example carries the published figures of the seed report exactly."""

from __future__ import annotations

import re
from decimal import Decimal

import govinfo_report as gr

from .conftest import EXAMPLE_JSON


def _published_values(seed: str, label: str, count: int) -> list[str]:
    """
    The *count* value lines that follow the line holding *label* in the seed, stripped.

    The seed prints one cell per tab-indented line; a blank cell is an empty or
    whitespace-only line.  This small reader is independent of the library's importer.
    """
    lines = seed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(label))
    return [lines[start + 1 + k].replace("\xa0", " ").strip() for k in range(count)]


def _as_cell(text: str) -> int | None:
    return None if text == "" else int(text)


def test_seed_example_matches_the_published_tables(seed_text: str) -> None:
    """Every cell of examples/data/wusu-2020.json equals the seed's published value (blank stays blank)."""
    report = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    lay = gr.layout("2019")
    checked = 0
    for table in ("二", "三"):
        for row in lay.table(table).rows:
            label = row.labels[-1].zh
            if label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）":
                label = "（二）部分公开"
            texts = _published_values(seed_text, label, len(row.cells))
            for cell, text in zip(row.cells, texts, strict=True):
                value = gr.get_cell(report, cell.path)
                if cell.column_key == "amount":
                    assert text == "178万"
                    assert value == Decimal("178")
                else:
                    assert value == _as_cell(text), (cell.path, text)
                checked += 1
    # table 四: the fifteen values after its last header line, in official order
    tail = seed_text.split("复议后起诉")[-1]
    numbers = re.findall(r"^\t(\d+)$", tail, flags=re.M)[:15]
    for cell, text in zip(lay.table("四").cells, numbers, strict=True):
        assert gr.get_cell(report, cell.path) == int(text)
        checked += 1
    assert checked == len(lay.cells)
    assert report.proactive.procurement.amount_unit is gr.AmountUnit.WAN_YUAN  # type: ignore[union-attr]


def test_seed_example_narratives_are_our_own(seed_text: str) -> None:
    """The example's narratives are short texts of our own, not sentences copied from the seed."""
    report = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    texts = [report.overview.text, report.problems.text] + [s.text for s in report.overview.subsections]
    for text in texts:
        for sentence in re.split(r"[。；]", text):
            if len(sentence) >= 12:
                assert sentence not in seed_text, sentence
