"""
The edition registry (govinfo_report.editions): one module per edition behind one interface.

The oracles are the template itself (format-spec.md: the 2019 edition for 2019 and 2020, the 2021 edition from
2021; the labels only one edition prints), the tables as our own writers print them, the labels of the real
reports in ../shared/corpus as transcribed by hand, and reports constructed from the model classes directly.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from types import ModuleType

import attrs
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report import editions
from govinfo_report import vocab as v
from govinfo_report.editions import e2019, e2021
from govinfo_report.editions._declared import MODULES
from govinfo_report.editions._spec import Crosswalk, Section
from govinfo_report.importers._tables import index_for, known_key
from govinfo_report.render.grid import table_grid
from govinfo_report.render.text import render_markdown

from .conftest import ROOT, SHARED
from .strategies import spec_reports

CORPUS_INDEX = SHARED / "corpus" / "index.json"

# What every edition module declares, and the type of each (the uniform interface).
DECLARED: dict[str, type | tuple[type, ...]] = {
    "EDITION": gr.Edition,
    "FIRST_YEAR": int,
    "LAST_YEAR": (int, type(None)),
    "SECTIONS": tuple,
    "OTHER_HANDLING": type,
    "TABLE_HEADINGS": dict,
    "CROSSWALK": Crosswalk,
}
TABLES = ("proactive", "requests", "disputes")


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_edition_module_declares_the_same_names(module: ModuleType) -> None:
    """Each edition module declares every name of the interface, with its type, and its sections in order."""
    missing = [name for name in DECLARED if not hasattr(module, name)]
    wrong = [
        name for name, kind in DECLARED.items() if hasattr(module, name) and not isinstance(getattr(module, name), kind)
    ]

    assert missing == []
    assert wrong == []
    assert tuple(s.attr for s in module.SECTIONS) == TABLES
    assert all(isinstance(s, Section) for s in module.SECTIONS)
    assert set(TABLES) == set(module.TABLE_HEADINGS)
    assert module.CROSSWALK.other is not module.EDITION


def test_the_modules_are_the_editions() -> None:
    """One module per edition of the model, oldest first, and nothing else."""
    assert [e2019, e2021] == list(MODULES)
    assert list(gr.Edition) == [m.EDITION for m in MODULES]
    assert list(gr.Edition) == [s.edition for s in editions.all()]


@pytest.mark.parametrize("edition", list(gr.Edition))
def test_get_round_trips(edition: gr.Edition) -> None:
    """get(e).edition is e, by the enum or its value; every entry answers the whole interface."""
    spec = editions.get(edition)

    assert spec.edition is edition
    assert editions.get(edition.value) is spec
    assert spec.layout is gr.layout(edition)
    assert spec.layout.edition is edition
    assert [s.cls for s in spec.sections] == [spec.section_class(a) for a in TABLES]
    assert spec.proactive_class is spec.section_class("proactive")
    assert spec.labels
    assert spec.markers <= spec.label_keys


@pytest.mark.parametrize("bad", ["2017", "2020", "", 2021, None])
def test_get_refuses_an_unknown_edition(bad: object) -> None:
    """An edition that does not exist raises EditionError, a ValueError naming the editions there are."""
    with pytest.raises(editions.EditionError, match="2019, 2021") as info:
        editions.get(bad)  # type: ignore[arg-type]

    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, gr.GovInfoReportError)


def test_section_class_refuses_an_unknown_table() -> None:
    """A table the edition does not have raises EditionError."""
    with pytest.raises(editions.EditionError, match="overview"):
        editions.get("2021").section_class("overview")


def test_the_classes_per_edition() -> None:
    """The section and （六）其他处理 classes are the model's, per edition (format-spec §2.5)."""
    assert (gr.Proactive2019, gr.ApplicantCounts) == (e2019.SECTIONS[0].cls, editions.get("2019").other_handling)
    assert (gr.Proactive2021, gr.OtherHandling) == (e2021.SECTIONS[0].cls, editions.get("2021").other_handling)


@pytest.mark.parametrize("year", range(2019, 2031))
def test_for_year(year: int) -> None:
    """2019 and 2020 follow the 2019 edition, 2021 on the 2021 edition; the model's Edition.for_year agrees."""
    expected = gr.Edition.E2019 if year in (2019, 2020) else gr.Edition.E2021

    assert expected is editions.for_year(year).edition
    assert expected is editions.for_year(year, strict=False).edition
    assert expected is gr.Edition.for_year(year)
    assert editions.get(expected).applies_to(year)
    assert [expected] == [s.edition for s in editions.all() if s.applies_to(year)]


@pytest.mark.parametrize("year", [2008, 2015, 2018])
def test_for_year_refuses_a_year_before_the_first_edition(year: int) -> None:
    """A year before 2019 has no edition; strict=False (and Edition.for_year) give it the 2019 edition."""
    with pytest.raises(editions.EditionError, match=str(year)):
        editions.for_year(year)

    assert gr.Edition.E2019 is editions.for_year(year, strict=False).edition
    assert gr.Edition.E2019 is gr.Edition.for_year(year)


def test_edition_for_year_agrees_with_the_registry_on_every_valid_year() -> None:
    """The model's Edition.for_year (kept for 0.1.0 callers) is the registry's, over every year a report may have."""
    assert [gr.Edition.for_year(y) for y in range(2008, 2101)] == [
        editions.for_year(y, strict=False).edition for y in range(2008, 2101)
    ]


# ----------------------------------------------------------------------------
# The labels that identify an edition
# ----------------------------------------------------------------------------


def test_markers_are_the_labels_only_one_edition_prints() -> None:
    """The identifying labels are those of format-spec §2.5 that the other edition does not have."""
    only_2019 = {v.NEWLY_MADE.zh, v.NEWLY_PUBLISHED.zh, v.TOTAL_PUBLISHED.zh, v.PREVIOUS_YEAR_ITEMS.zh}
    only_2021 = {v.ISSUED.zh, v.REPEALED.zh, v.IN_FORCE.zh, v.NORMATIVE_DOCUMENTS_2021.zh}

    assert only_2019 <= {t.zh for t in editions.get("2019").labels}
    assert only_2021 <= {t.zh for t in editions.get("2021").labels}
    assert not {t.zh for t in editions.get("2019").labels} & {t.zh for t in editions.get("2021").labels}
    assert v.NATURAL_PERSON.zh not in {t.zh for s in editions.all() for t in s.labels}


def test_label_keys_are_the_table_readers_keys() -> None:
    """The registry's label keys are exactly the keys the table reader's indexes know, table by table."""
    for spec in editions.all():
        index_keys = {k for t in TABLES for k in index_for(spec.edition, t).exact}

        assert index_keys == set(spec.label_keys)
    assert all(known_key(k) for k in editions.label_keys())


def _grid_labels(report: gr.AnnualReport, table: str) -> list[str]:
    grid = table_grid(report, table)
    return [c.text for row in grid.rows for c in row if c.path is None and c.text]


def _markdown_labels(report: gr.AnnualReport) -> list[str]:
    cells = [
        c.strip() for line in render_markdown(report).splitlines() if line.startswith("|") for c in line.split("|")
    ]
    return [c for c in cells if c and not re.fullmatch(r"[-:\d.\s]*", c)]


@pytest.mark.parametrize("edition", list(gr.Edition))
def test_identify_the_tables_our_writers_print(edition: gr.Edition) -> None:
    """Tables as drawn (the grid) and as printed (Markdown) identify the edition: 二, the 2021 三; 四 is shared."""
    report = gr.AnnualReport.blank(edition, organ="某某局", fill=0)

    assert edition is editions.identify(_grid_labels(report, "proactive"))
    # 三 differs only by the three 2021 sub-rows of （六）其他处理: the 2019 table shows no label of its own
    assert (edition if edition is gr.Edition.E2021 else None) is editions.identify(_grid_labels(report, "requests"))
    assert editions.identify(_grid_labels(report, "disputes")) is None
    assert edition is editions.identify([x for t in TABLES for x in _grid_labels(report, t)])
    assert edition is editions.identify(_markdown_labels(report))


def test_identify_the_single_row_of_other_handling() -> None:
    """（六）其他处理 printed as one row, as our writers print it, is a 2021 label."""
    assert gr.Edition.E2021 is editions.identify([v.OTHER_HANDLING_SINGLE_ROW.zh])


def test_identify_ties_and_nothing() -> None:
    """No identifying label, or as many of each edition, identifies nothing; a note after a label still counts."""
    assert editions.identify([]) is None
    assert editions.identify([v.NATURAL_PERSON.zh, v.TOTAL.zh]) is None
    assert editions.identify([v.NEWLY_MADE.zh, v.ISSUED.zh]) is None
    assert gr.Edition.E2021 is editions.identify([v.ISSUED.zh + "（件）"])
    assert {gr.Edition.E2019: [], gr.Edition.E2021: [v.ISSUED.zh + "（件）"]} == editions.evidence(
        [v.ISSUED.zh + "（件）", v.NATURAL_PERSON.zh]
    )


def _corpus() -> list[dict[str, object]]:
    if not CORPUS_INDEX.exists():
        pytest.skip("../shared/corpus is not beside the checkout")
    return list(json.loads(CORPUS_INDEX.read_text(encoding="utf-8")))


def test_identify_the_corpus_labels() -> None:
    """The row and column labels of table 二 as each real report printed them (transcribed) identify its edition."""
    entries = [e for e in _corpus() if "II" in e["expected"]]  # type: ignore[operator]
    seen = []
    for entry in entries:
        expected = entry["expected"]
        assert isinstance(expected, dict)
        labels = list(expected["II"]) + [h for heads in expected.get("II_column_order", {}).values() for h in heads]
        seen.append((entry["file"], editions.identify(labels), gr.Edition(entry["edition"])))

    assert len(entries) >= 10
    assert [(f, e) for f, _, e in seen] == [(f, got) for f, got, _ in seen]


# ----------------------------------------------------------------------------
# Reports and their entry
# ----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(spec_reports())
def test_a_report_is_laid_out_by_its_entry(report: gr.AnnualReport) -> None:
    """A report constructed from the model classes has its entry's classes, and its cells are its entry's layout."""
    spec = editions.get(report.meta.edition)

    assert [s.cls for s in spec.sections] == [type(getattr(report, s.attr)) for s in spec.sections]
    assert spec.other_handling is type(report.requests.results.other_handling)
    assert [c.path for c in spec.layout.cells] == [c.path for c, _ in gr.iter_cells(report)]
    assert {s.attr for s in spec.sections} == {a.name for a in attrs.fields(type(report))} & set(TABLES)
    assert spec.edition is editions.edition_of(report.proactive) is editions.edition_of(report.requests.results)
    assert editions.edition_of(report.disputes) is None


@pytest.mark.parametrize(
    "module", ["govinfo_report.tables", "govinfo_report.editions", "govinfo_report.editions.e2021"]
)
def test_layout_and_registry_import_in_either_order(module: str) -> None:
    """Whichever of the layout, the registry or an edition module a program imports first, both work."""
    code = f"import {module}; from govinfo_report import editions; print(len(editions.get('2021').layout.cells))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)

    assert (done.returncode, done.stderr) == (0, "")
    assert str(10 + 25 * 7 + 15) == done.stdout.strip()
