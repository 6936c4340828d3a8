"""Tests of the model classes, the layout and the builders."""

from __future__ import annotations

import pickle
import re
from decimal import Decimal

import attrs
import pytest

import govinfo_report as gr
from govinfo_report import vocab as v
from govinfo_report.errors import CellValueError

from .conftest import ROOT


def test_cells_keep_blank_distinct_from_zero() -> None:
    """A blank (None) cell and a 0 cell are different values of the model."""
    blank = gr.ApplicantCounts.blank()
    zero = gr.ApplicantCounts.blank(fill=0)

    assert blank.natural_person is None
    assert zero.natural_person == 0
    assert blank != zero


@pytest.mark.parametrize("bad", ["3", 3.0, 3.9, True, Decimal(3)])
def test_count_rejects_wrong_types_naming_the_field(bad: object) -> None:
    """A count cell refuses str, float, bool and Decimal, and the error names the field."""
    with pytest.raises(CellValueError) as info:
        gr.Outcomes(upheld=bad, corrected=0, other=0, pending=0, total=0)  # type: ignore[arg-type]

    assert info.value.field == "Outcomes.upheld"
    assert isinstance(info.value, TypeError)
    assert "Outcomes.upheld" in str(info.value)


def test_count_rejects_negative_but_change_accepts_it() -> None:
    """Counts are ≥ 0, but 本年增/减 may be negative."""
    with pytest.raises(CellValueError, match=r"ItemCounts\.previous_year"):
        gr.ItemCounts(previous_year=-1, change=0, decisions=0)

    row = gr.ItemCounts(previous_year=3, change=-8, decisions=0)

    assert row.change == -8


@pytest.mark.parametrize("bad", [Decimal("-1"), Decimal("NaN"), Decimal("Infinity"), 1.5, "1.5"])
def test_amount_rejects_negative_non_finite_and_non_decimal(bad: object) -> None:
    """Amounts are finite Decimals ≥ 0."""
    with pytest.raises(CellValueError, match=r"FeeAmount\.amount"):
        gr.FeeAmount(amount=bad)  # type: ignore[arg-type]


def test_inconsistent_arithmetic_still_constructs() -> None:
    """A row whose 总计 does not add up is a valid value: construction never judges arithmetic."""
    row = gr.ApplicantCounts(
        natural_person=33, commercial=3, research=0, public_interest=0, legal_service=0, other=0, total=0
    )

    assert row.total == 0


def test_report_refuses_tables_of_the_other_edition() -> None:
    """A 2021 report cannot hold the 2019 table 二, nor the 2019 single （六） row."""
    r2019 = gr.AnnualReport.blank("2019", organ="甲局", year=2020)
    r2021 = gr.AnnualReport.blank("2021", organ="甲局", year=2021)

    with pytest.raises(CellValueError, match=r"AnnualReport\.proactive"):
        attrs.evolve(r2021, proactive=r2019.proactive)
    with pytest.raises(CellValueError, match="other_handling"):
        attrs.evolve(r2021, requests=r2019.requests)


def test_meta_validates_year_and_organ() -> None:
    """The organ cannot be empty and the year must be an int in a plausible range."""
    with pytest.raises(CellValueError, match="organ"):
        gr.ReportMeta(organ="  ", year=2020, edition=gr.Edition.E2019)
    with pytest.raises(CellValueError, match="year"):
        gr.ReportMeta(organ="甲局", year="2020", edition=gr.Edition.E2019)  # type: ignore[arg-type]
    with pytest.raises(CellValueError, match="year"):
        gr.ReportMeta(organ="甲局", year=1999, edition=gr.Edition.E2019)


def test_edition_for_year() -> None:
    """2019 and 2020 use the 2019 edition; 2021 on use the 2021 edition."""
    assert [gr.Edition.for_year(y).value for y in (2019, 2020, 2021, 2025)] == ["2019", "2019", "2021", "2021"]


@pytest.mark.parametrize("fill", [None, 0])
def test_blank_report_fills_every_cell(fill: int | None) -> None:
    """AnnualReport.blank sets every table cell to the fill value, amounts included."""
    for edition in gr.Edition:
        report = gr.AnnualReport.blank(edition, organ="甲局", fill=fill)

        values = [value for _, value in report.cells()]
        assert values
        assert all(value == fill if fill is None else value == 0 for value in values)
        assert report.year == (2019 if edition is gr.Edition.E2019 else 2021)


def test_from_parts_derives_row_and_outcome_totals() -> None:
    """ApplicantCounts.from_parts and Outcomes.from_parts compute 总计 from the parts."""
    row = gr.ApplicantCounts.from_parts(natural_person=4, research=2, other=1)
    block = gr.Outcomes.from_parts(upheld=3, corrected=1, pending=2)

    assert (row.total, row.commercial) == (7, 0)
    assert block.total == 6


def test_requests_from_parts_2021_derives_all_totals_and_carry_forward() -> None:
    """Table 三 from parts: row totals, （七）总计 per column and 四 from the balance."""
    req = gr.Requests.from_parts(
        "2021",
        received={"natural_person": 20, "commercial": 4},
        carried_in={"natural_person": 2},
        disclosed={"natural_person": 10, "commercial": 1},
        partly_disclosed={"natural_person": 2},
        withheld={"third_party": {"natural_person": 1}},
        unable={"not_held": {"natural_person": 3, "commercial": 1}},
        not_processed={"repeated": {"natural_person": 1}},
        other_handling={"overdue_correction": {"natural_person": 2}},
    )

    total = req.results.total
    assert (total.natural_person, total.commercial, total.total) == (19, 2, 21)
    assert (req.carried_forward.natural_person, req.carried_forward.commercial) == (3, 2)
    assert req.carried_forward.total == 5
    assert req.received.total == 24


def test_requests_from_parts_2019_single_other_handling_row() -> None:
    """In the 2019 edition （六）其他处理 is one row and is part of （七）总计."""
    req = gr.Requests.from_parts("2019", received={"other": 2}, other_handling={"other": 2})

    assert isinstance(req.results.other_handling, gr.ApplicantCounts)
    assert req.results.total.other == 2
    assert req.carried_forward.total == 0


def test_requests_from_parts_keeps_a_given_carry_forward() -> None:
    """A given 四、结转下年度继续办理 is kept as stated, not recomputed."""
    req = gr.Requests.from_parts(
        "2021", received={"natural_person": 5}, disclosed={"natural_person": 5}, carried_forward={"natural_person": 1}
    )

    assert req.carried_forward.natural_person == 1


def test_requests_from_parts_refuses_more_results_than_requests() -> None:
    """Parts that would make 四、结转下年度继续办理 negative raise an error naming the cell."""
    with pytest.raises(CellValueError, match=r"carried_forward\.natural_person"):
        gr.Requests.from_parts("2021", received={"natural_person": 1}, disclosed={"natural_person": 2})


def test_requests_from_parts_refuses_unknown_keys() -> None:
    """A misspelled key in a builder mapping is an error, never silently dropped."""
    with pytest.raises(CellValueError, match="natural_persons"):
        gr.Requests.from_parts("2021", received={"natural_persons": 1})


def test_build_report_with_mappings_and_strings() -> None:
    """AnnualReport.build accepts mappings for tables and str for narratives, deriving totals."""
    meta = gr.ReportMeta(organ="甲区司法局", year=2022, edition=gr.Edition.E2021)
    report = gr.AnnualReport.build(
        meta,
        overview="概况。",
        proactive={"licensing": {"decisions": 12}, "administrative_fees": {"amount": "1.25"}},
        requests={"received": {"natural_person": 3}, "results": {"disclosed": {"natural_person": 3}}},
        disputes=gr.Disputes.from_parts(review={"upheld": 1}),
    )

    assert report.overview.text == "概况。"
    assert report.proactive.administrative_fees.amount == Decimal("1.25")  # type: ignore[union-attr]
    assert report.requests.results.total.total == 3
    assert report.requests.carried_forward.total == 0
    assert report.disputes.review.total == 1


def test_derive_totals_keeps_stated_totals() -> None:
    """derive_totals fills blank totals only; a stated wrong total stays as stated."""
    row = gr.ApplicantCounts(
        natural_person=1, commercial=1, research=0, public_interest=0, legal_service=0, other=0, total=5
    )

    assert gr.derive_totals(row).total == 5
    assert gr.derive_totals(attrs.evolve(row, total=None)).total == 2


def test_replace_and_get_cell_by_path() -> None:
    """replace_cell and get_cell address any cell by its path."""
    report = gr.AnnualReport.blank("2019", organ="甲局", year=2020, fill=0)
    path = "$.requests.results.withheld.administrative_inquiry.total"

    changed = gr.replace_cell(report, path, 36)

    assert gr.get_cell(changed, path) == 36
    assert gr.get_cell(report, path) == 0
    with pytest.raises(gr.LayoutError, match="no cell"):
        gr.get_cell(report, "$.requests.nowhere")


def test_layout_cell_counts_per_edition() -> None:
    """2019: 22 + 23×7 + 15 cells; 2021: 10 + 25×7 + 15 cells."""
    assert len(gr.layout("2019").cells) == 22 + 23 * 7 + 15
    assert len(gr.layout("2021").cells) == 10 + 25 * 7 + 15


def test_layout_row_and_column_labels() -> None:
    """Cells carry the official labels, from the group down, joined by ' / '."""
    lay = gr.layout("2021")

    assert lay.cell("$.requests.results.withheld.state_secret.natural_person").row == "（三）不予公开 / 1.属于国家秘密"
    assert lay.cell("$.requests.received.commercial").column == "法人或其他组织 / 商业企业"
    assert lay.cell("$.disputes.suit_after_review.upheld").row == "行政诉讼 / 复议后起诉"
    assert lay.cell("$.proactive.licensing.decisions").row == "第二十条第（五）项 / 行政许可"
    assert lay.cell("$.requests.results.total.total").location == "表三 （七）总计 × 总计"
    assert lay.cell("$.requests.received.total").row == "一、本年新收政府信息公开申请数量"


def _spec_labels(spec: str, heading: str) -> list[str]:
    """The comma-separated labels of one paragraph of format-spec.md §7."""
    section = spec.split("## 7. Canonical label inventory")[1].split("## 8.")[0]
    para = section.split(heading, 1)[1].split("\n\n", 1)[0]
    para = re.sub(r"\s*\n\s*", " ", para).removeprefix(":").strip().rstrip(".")
    labels = []
    for item in re.split(r",\s*", para):
        labels.append(item.strip().replace("²¹", ""))
    return labels


def test_labels_match_format_spec(format_spec: str) -> None:
    """Every label of both editions, as the layout prints it, is spelled as in format-spec.md §7."""
    t2_2019 = set(_spec_labels(format_spec, "2019 table 二"))
    t2_2021 = set(_spec_labels(format_spec, "2021 table 二"))
    t3 = set(_spec_labels(format_spec, "three 2021-only labels are marked ²¹):"))
    t4 = set(_spec_labels(format_spec, "Table 四 (both)"))

    for edition, t2 in (("2019", t2_2019), ("2021", t2_2021)):
        lay = gr.layout(edition)
        used = {t.zh for c in lay.table("二").cells for t in (*c.row_terms, *c.column_terms)}
        assert used <= t2, used - t2
        used3 = {t.zh for r in lay.table("三").rows for t in r.labels} | {
            t.zh for c in lay.table("三").cells for t in c.column_terms
        }
        assert used3 <= t3, used3 - t3
        used4 = {t.zh for r in lay.table("四").rows for t in r.labels} | {
            t.zh for c in lay.table("四").cells for t in c.column_terms
        }
        assert used4 <= t4, used4 - t4
    # the labels the spec lists are all used by one edition or the other
    all_used = {t.zh for e in ("2019", "2021") for c in gr.layout(e).cells for t in (*c.row_terms, *c.column_terms)}
    assert (t2_2019 | t2_2021) - all_used == {v.INFORMATION_CONTENT.zh}
    assert t3 - all_used == {v.REQUESTS_NOTE.zh, v.APPLICANTS.zh, v.RESULTS.zh}


def test_section_headings_match_format_spec(format_spec: str) -> None:
    """The six section headings are the ones format-spec.md gives."""
    for term in v.SECTIONS:
        assert f"| {term.zh} |" in format_spec


def test_vocab_is_the_only_module_with_labels() -> None:
    """No module but vocab.py spells an official table label."""
    labels = {t.zh for t in v.TERMS if len(t.zh) >= 4}
    for path in (ROOT / "src" / "govinfo_report").rglob("*.py"):
        if path.name == "vocab.py":
            continue
        text = path.read_text(encoding="utf-8")
        found = [label for label in labels if label in text]
        # docstrings may quote labels as examples; code must not: check outside docstrings
        code = re.sub(r'"""[\s\S]*?"""', "", text)
        code = re.sub(r"#.*", "", code)
        found = [label for label in labels if f'"{label}"' in code]
        assert not found, f"{path.name} spells {found}"


def test_errors_pickle() -> None:
    """Library exceptions survive pickling (for process pools)."""
    err = CellValueError("Outcomes.total", "x", "expected an int or None (blank)", type_error=True)
    again = pickle.loads(pickle.dumps(err))

    assert isinstance(again, TypeError)
    assert (again.field, again.value) == ("Outcomes.total", "x")
    structure = pickle.loads(pickle.dumps(gr.StructureError(["a @ $.b"])))
    assert structure.errors == ["a @ $.b"]


def test_edition_given_as_its_value() -> None:
    """ReportMeta takes "2021" for Edition.E2021; a wrong value raises the public CellTypeError, not a private class."""
    meta = gr.ReportMeta(organ="某某局", year=2021, edition="2021")  # type: ignore[arg-type]
    assert meta.edition is gr.Edition.E2021

    with pytest.raises(gr.CellTypeError, match=r"ReportMeta\.edition") as info:
        gr.ReportMeta(organ="某某局", year=2021, edition="2022")  # type: ignore[arg-type]
    assert type(info.value).__module__ == "govinfo_report.errors"
    assert not type(info.value).__name__.startswith("_")
    assert isinstance(info.value, gr.CellValueError)
    assert isinstance(info.value, TypeError)


def test_field_type_finds_what_resolve_types_finds() -> None:
    """_fields.field_type of every field of every model class is the type attrs.resolve_types gives it."""
    import subprocess
    import sys

    code = (
        "import attrs\n"
        "from govinfo_report import model\n"
        "from govinfo_report._fields import field_type\n"
        "classes = [c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)]\n"
        "strings = sum(isinstance(a.type, str) for c in classes for a in attrs.fields(c))\n"
        "assert strings > 50, strings  # the annotations are still strings: field_type resolves them\n"
        "found = {(c, a.name): field_type(c, a) for c in classes for a in attrs.fields(c)}\n"
        "for c in classes:\n"
        "    attrs.resolve_types(c)\n"
        "resolved = {(c, a.name): a.type for c in classes for a in attrs.fields(c)}\n"
        "assert found == resolved, [k for k in found if found[k] != resolved[k]]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
