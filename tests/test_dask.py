"""The batch helpers mapped over a Dask bag on a distributed cluster give exactly the results of check_many."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.analysis.batch import check_many, check_one, records_many, records_one

from .conftest import ROOT

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    """Report files of every kind a batch meets: consistent, with errors, blank cells, unreadable."""
    for name in ("wusu-2020.json", "example-2023.json"):
        shutil.copy(ROOT / "examples" / "data" / name, tmp_path / name)
    for i, fill in enumerate((0, None)):
        report = gr.AnnualReport.blank("2021", organ=f"单位{i}", year=2023, fill=fill)
        (tmp_path / f"r{i}.json").write_text(gr.to_json(report), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    return sorted(str(p) for p in tmp_path.glob("*.json"))


@pytest.fixture(scope="module")
def client() -> object:
    # one in-process worker with two threads: light enough for a 2-core CI machine
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_check_one_over_a_bag_equals_check_many(client: object, corpus: list[str]) -> None:
    assert distributed.default_client() is client  # compute() runs on the cluster, not in this thread
    expected = check_many(corpus, workers=1)
    results = db.from_sequence(corpus, npartitions=3).map(check_one).compute()
    assert results == expected
    assert [r.ok for r in results] == [r.ok for r in expected]
    assert any(r.ok and r.value for r in results)  # some findings came back through the cluster
    assert any(not r.ok for r in results)  # and the broken file's error
    codes = (
        db.from_sequence(corpus, npartitions=3)
        .map(check_one)
        .filter(lambda r: r.ok)
        .map(lambda r: [f.code for f in r.value])
        .flatten()
        .frequencies()
        .compute()
    )
    counted: dict[str, int] = {}
    for r in expected:
        for f in r.value or ():
            counted[f.code] = counted.get(f.code, 0) + 1
    assert dict(codes) == counted


def test_records_one_over_a_bag_equals_records_many(client: object, corpus: list[str]) -> None:
    expected = records_many(corpus, workers=1)
    assert db.from_sequence(corpus, npartitions=2).map(records_one).compute() == expected
