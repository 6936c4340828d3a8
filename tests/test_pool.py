"""The one process-pool mapper (govinfo_report._pool.pool_map): order, chunks, progress and crash isolation."""

from __future__ import annotations

import os

import pytest

from govinfo_report._pool import DIED, pool_map, run_all


def _square_or_die(x: int) -> int:
    """x², except that the process dies (as when killed out of memory) on 7."""
    if x == 7:
        os._exit(9)
    return x * x


def _pid(x: int) -> tuple[int, int]:
    return x, os.getpid()


def _failed(i: int, reason: str) -> str:
    return f"failed {i}: {reason}"


@pytest.mark.parametrize("chunksize", [1, 3])
@pytest.mark.parametrize("ordered", [True, False])
def test_a_worker_that_dies_on_one_input_fails_only_that_input(chunksize: int, ordered: bool) -> None:
    """The input that kills its worker gets on_failure's result; every other input gets its own."""
    items = [(x,) for x in range(20)]
    seen: list[int] = []

    out = list(pool_map(_square_or_die, items, 2, _failed, chunksize=chunksize, ordered=ordered, progress=seen.append))
    by_index = dict(out)

    assert sorted(i for i, _ in out) == list(range(20))
    assert by_index[7] == f"failed 7: {DIED}"
    assert {i: v for i, v in by_index.items() if i != 7} == {x: x * x for x in range(20) if x != 7}
    assert seen == [i for i, _ in out]
    if ordered:
        assert [i for i, _ in out] == list(range(20))


def test_run_all_is_pool_map_in_input_order() -> None:
    """run_all gives the results as a list in input order, the dead input's result in its place."""
    out = run_all(_square_or_die, [(x,) for x in range(10)], 2, _failed, chunksize=4)

    assert out == [x * x if x != 7 else f"failed 7: {DIED}" for x in range(10)]


def test_one_worker_runs_in_this_process_lazily() -> None:
    """With one worker every input runs in this process, and only as far as the results are asked for."""
    calls: list[int] = []

    def record(x: int) -> int:  # not picklable: it could not go to a worker
        calls.append(x)
        return x

    results = pool_map(record, [(x,) for x in range(5)], 1, _failed)
    first = next(results)

    assert first == (0, 0)
    assert calls == [0]
    assert list(results) == [(i, i) for i in range(1, 5)]


def test_a_pool_runs_in_other_processes() -> None:
    """With two workers the inputs run in worker processes, and each comes back once."""
    out = run_all(_pid, [(x,) for x in range(8)], 2, _failed, chunksize=2)

    assert [x for x, _ in out] == list(range(8))
    assert os.getpid() not in {pid for _, pid in out}
