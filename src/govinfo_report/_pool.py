"""
Run a function over many inputs in worker processes, surviving any one input: the one process-pool mapper.

:func:`pool_map` yields ``(index, result)`` for every input, in input order
(``ordered=True``) or as the results come in (``ordered=False``, for a caller
that streams them).  The batch helpers (``analysis.batch``), the streamed folder
check (``analysis.collection``) and ``importers.parse_many`` (through
:func:`run_all`, the same in a list) all go through it.

With one worker, or one input, everything runs in this process, lazily, and an
exception of the function is the caller's.  In a pool, the inputs travel in
chunks of *chunksize*, a few chunks in flight per worker.  An exception inside the
function is the function's business (the batch helpers catch it and return it
as that input's result).  Here, two things beyond the function's reach are
handled: a result that cannot be sent back (not picklable), and a worker
process that dies (killed by the system when out of memory, or crashed in C
code).  The chunks in flight when a worker dies go on in a fresh pool one input
at a time, and an input whose process dies again is run alone in a process of
its own: only the input that kills its process fails, with the result
``on_failure(index, reason)`` gives it, and every other input still gets its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

R = TypeVar("R")

DIED = "the worker process reading it died (killed by the system, e.g. out of memory, or crashed)"
"""The reason given for an input whose worker process died."""

IN_FLIGHT = 4
"""How many tasks (chunks) per worker are submitted at a time."""


def chunk_size(n: int, workers: int) -> int:
    """How many of *n* inputs one task carries: few tasks to keep the traffic low, enough to spread the work."""
    return max(1, min(256, n // (workers * 8)))


def _chunk(fn: Callable[..., Any], chunk: list[tuple[Any, ...]]) -> list[Any]:
    return [fn(*args) for args in chunk]


def pool_map(
    fn: Callable[..., R],
    items: Sequence[tuple[Any, ...]],
    workers: int,
    on_failure: Callable[[int, str], R],
    *,
    chunksize: int | None = None,
    ordered: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, R]]:
    """
    ``(index, fn(*args))`` for every argument tuple of *items*, in *workers* processes.

    Args:
        fn: A picklable (module-level) function.
        items: The argument tuples.
        workers: How many processes; 1 runs everything in this process, one input at a time as the
            results are asked for.
        on_failure: ``on_failure(index, reason)`` gives the result of an input whose worker died,
            whose result could not be sent back, or (in a pool) whose call raised.
        chunksize: How many inputs one task carries; by default :func:`chunk_size`.
        ordered: Yield in input order; else as the results come in.
        progress: Called with the index of each input just before its result is yielded.
    """
    n = len(items)
    if workers <= 1 or n < 2:
        for i, args in enumerate(items):
            value = fn(*args)
            if progress is not None:
                progress(i)
            yield i, value
        return
    size = chunk_size(n, workers) if chunksize is None else max(1, chunksize)
    results = _pooled(fn, items, workers, on_failure, size)
    for i, value in _in_order(results) if ordered else results:
        if progress is not None:
            progress(i)
        yield i, value


def run_all(
    fn: Callable[..., R],
    items: Sequence[tuple[Any, ...]],
    workers: int,
    on_failure: Callable[[int, str], R],
    *,
    chunksize: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[R]:
    """:func:`pool_map` in input order, as a list."""
    return [value for _, value in pool_map(fn, items, workers, on_failure, chunksize=chunksize, progress=progress)]


def _in_order(results: Iterator[tuple[int, R]]) -> Iterator[tuple[int, R]]:
    """*results* (every index once, in any order) in index order: each as soon as those before it are in."""
    waiting: dict[int, R] = {}
    following = 0
    for i, value in results:
        waiting[i] = value
        while following in waiting:
            yield following, waiting.pop(following)
            following += 1


def _pooled(
    fn: Callable[..., R],
    items: Sequence[tuple[Any, ...]],
    workers: int,
    on_failure: Callable[[int, str], R],
    chunksize: int,
) -> Iterator[tuple[int, R]]:
    """Every input in a pool, as the results come in; suspects (see the module documentation) at the end."""
    n = len(items)
    chunks = [list(range(start, min(start + chunksize, n))) for start in range(0, n, chunksize)]
    suspects: list[int] = []
    yield from _rounds(fn, items, workers, chunks, suspects)
    if chunksize > 1 and len(suspects) > 1:  # one at a time, in a pool: the input that kills it is among them
        again: list[int] = []
        yield from _rounds(fn, items, workers, [[i] for i in sorted(suspects)], again)
        suspects = again
    for i in sorted(suspects):  # alone in a process of its own: one that dies again is named
        yield i, _isolated(fn, items[i], i, on_failure)


def _rounds(
    fn: Callable[..., R],
    items: Sequence[tuple[Any, ...]],
    workers: int,
    chunks: list[list[int]],
    suspects: list[int],
) -> Iterator[tuple[int, R]]:
    """
    The *chunks* of inputs in a pool, a few in flight per worker, as they come in.

    The inputs of a chunk that fails (its worker died, or its result could not be
    sent back) go to *suspects*; when a worker dies, the pool is unusable, so every
    chunk still in it is a suspect too and the rest go on in a new pool.
    """
    queue = deque(chunks)
    while queue:
        pool = ProcessPoolExecutor(max_workers=workers)
        running: dict[Future[list[Any]], list[int]] = {}
        try:
            while queue or running:
                while queue and len(running) < workers * IN_FLIGHT:
                    chunk = queue.popleft()
                    running[pool.submit(_chunk, fn, [items[i] for i in chunk])] = chunk
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for future in finished:
                    chunk = running.pop(future)
                    try:
                        values = future.result()
                    except BrokenProcessPool:
                        suspects.extend(chunk)
                        broken = True
                        continue
                    except Exception:  # a result that cannot be unpickled, or the function raised
                        suspects.extend(chunk)
                        continue
                    yield from zip(chunk, values, strict=True)
                if broken:  # every chunk still in the pool is a suspect; the queue goes on in a new pool
                    for future, chunk in running.items():
                        done = future.done() and not future.cancelled() and future.exception() is None
                        if done:
                            yield from zip(chunk, future.result(), strict=True)
                        else:
                            suspects.extend(chunk)
                    running.clear()
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


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
