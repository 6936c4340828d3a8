"""
The real excerpts of ../shared/corpus: every expected cell of index.json is read right (skips without it).

The expected cells are read from index.json by tools/corpus_score.py's own reader (independent of the
importer); that script prints the same comparison per file.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import govinfo_report as gr
from govinfo_report.importers import parse
from govinfo_report.tables import get_cell

from .conftest import ROOT, SHARED
from .helpers import load_module

CORPUS = SHARED / "corpus"
INDEX = CORPUS / "index.json"

pytestmark = pytest.mark.skipif(not INDEX.exists(), reason="../shared/corpus is not there")


def _score_module() -> Any:
    return load_module(ROOT / "tools" / "corpus_score.py", "corpus_score")


def _entries() -> list[dict[str, Any]]:
    if not INDEX.exists():
        return []
    entries: list[dict[str, Any]] = json.loads(INDEX.read_text(encoding="utf-8"))
    return entries


@pytest.mark.parametrize("entry", _entries(), ids=lambda e: e["file"])
def test_every_expected_cell_of_the_corpus_is_right(entry: dict[str, Any]) -> None:
    score = _score_module()
    result = parse(CORPUS / entry["file"])  # as a user runs it: no organ, no year, no hints
    report = result.report
    assert isinstance(report, gr.AnnualReport)
    assert report.edition.value == entry["edition"]
    # the metadata read is what the excerpt shows, or unknown; never another organ or year
    if report.meta.organ is not None:
        assert report.meta.organ in entry["organ"]
    if report.meta.year is not None:
        assert report.meta.year == entry["year"]

    wrong = []
    for exp in score.expected_cells(entry):
        got = get_cell(report, exp.path)
        if got != exp.value or (got is not None and not isinstance(got, (int, Decimal))):
            wrong.append((exp.table, exp.row, exp.path, exp.value, got))
        elif exp.unit is not None:
            assert report.proactive.procurement.amount_unit is exp.unit  # type: ignore[union-attr]
    assert wrong == []


def test_the_scoring_script_reports_every_cell_right() -> None:
    score = _score_module()
    assert score.main([str(CORPUS)]) == 0
