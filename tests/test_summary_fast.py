"""aggregate's one-pass sums (generated per edition) against the column-by-column path."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.analysis import aggregate as summary

from .strategies import reports


@given(st.sampled_from(["2019", "2021"]).flatmap(lambda e: st.lists(reports(e, blanks=False), min_size=1, max_size=4)))
def test_one_pass_sums_equal_the_column_sums(members: list[gr.AnnualReport]) -> None:
    edition = members[0].meta.edition
    summed = summary._summed_columns(members, edition)
    assert summed is not None
    paths, columns = summary._columns(members, edition)
    assert summed[0] == paths
    for path, fast, slow in zip(paths, summed[1], columns, strict=True):
        if path == summary._AMOUNT_PATH and edition is gr.Edition.E2019:
            assert list(fast) == list(slow)  # the amount keeps its column, for its units
        else:
            assert list(fast) == [sum(slow)], path


@given(st.sampled_from(["2019", "2021"]).flatmap(lambda e: st.lists(reports(e, blanks=True), min_size=1, max_size=3)))
def test_a_blank_cell_takes_the_column_path(members: list[gr.AnnualReport]) -> None:
    edition = members[0].meta.edition
    blank_elsewhere = any(
        value is None and spec.path != summary._AMOUNT_PATH for r in members for spec, value in gr.iter_cells(r)
    )
    assert (summary._summed_columns(members, edition) is None) is blank_elsewhere
