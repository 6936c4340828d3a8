"""
Run a function over many inputs in worker processes, surviving any one input.

Each input's result comes back in input order.  An exception inside the
function is the function's business (the batch helpers catch it and return
it as that input's result).  Here, two things beyond the function's reach are
handled: a result that cannot be sent back (not picklable), and a worker
process that dies (killed by the system when out of memory, or crashed in C
code).  The inputs of the broken chunk are then run again one at a time, each
in a process of its own, so only the input that kills its process fails, with
the result ``on_failure`` gives it, and every other input still gets its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

R = TypeVar("R")

DIED = "the worker process reading it died (killed by the system, e.g. out of memory, or crashed)"
"""The reason given for an input whose worker process died."""


def _chunk(fn: Callable[..., Any], chunk: list[tuple[Any, ...]]) -> list[Any]:
    return [fn(*args) for args in chunk]


def run_all(
    fn: Callable[..., R],
    items: Sequence[tuple[Any, ...]],
    workers: int,
    on_failure: Callable[[int, str], R],
    *,
    chunksize: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[R]:
    """
    ``fn(*args)`` for every argument tuple of *items*, in input order, in *workers* processes.

    Args:
        fn: A picklable (module-level) function.
        items: The argument tuples.
        workers: How many processes; 1 runs everything in this process.
        on_failure: ``on_failure(index, reason)`` gives the result of an input
            whose worker died or whose result could not be sent back.
        chunksize: How many inputs one task carries.
        progress: Called with the index of each input once its result is in, in input order.
    """
    n = len(items)
    if workers <= 1 or n < 2:
        out: list[R] = []
        for i, args in enumerate(items):
            out.append(fn(*args))
            if progress is not None:
                progress(i)
        return out
    results: list[Any] = [None] * n
    retry: list[int] = []
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        starts = range(0, n, chunksize)
        futures: list[tuple[int, Future[list[Any]]]] = [
            (s, pool.submit(_chunk, fn, list(items[s : s + chunksize]))) for s in starts
        ]
        for start, future in futures:
            stop = min(start + chunksize, n)
            try:
                values = future.result()
            except Exception:  # BrokenProcessPool, or a result that cannot be unpickled
                retry.extend(range(start, stop))
                continue
            for i, value in zip(range(start, stop), values, strict=True):
                results[i] = value
                if progress is not None:
                    progress(i)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for i in retry:
        results[i] = _isolated(fn, items[i], i, on_failure)
        if progress is not None:
            progress(i)
    return results


def _isolated(fn: Callable[..., R], args: tuple[Any, ...], index: int, on_failure: Callable[[int, str], R]) -> R:
    """``fn(*args)`` in a process of its own; its death (or an unsendable result) becomes ``on_failure``."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            value: R = pool.submit(_chunk, fn, [args]).result()[0]
        except BrokenProcessPool:
            return on_failure(index, DIED)
        except Exception as exc:
            return on_failure(index, f"its result could not be sent back from the worker: {type(exc).__name__}")
    return value
