"""
Progress of a batch: a line on the terminal, a tqdm bar, or any callback.

Every batch helper that takes ``progress=`` calls it as ``progress(done, total, source)``
after each input (see :data:`govinfo_report.analysis.batch.Progress`).  This module makes such callbacks:

* :func:`terminal_progress` draws one line on a terminal (stderr by default): files done
  and total, the share, the rate, the time left and the current file.  It is None, so
  silent, when the stream is not a terminal (a pipe, a log file, CI).
* :func:`tqdm_progress` drives a `tqdm <https://tqdm.github.io>`_ bar, created when the
  total is known and closed at the end (needs ``pip install "govinfo-report[progress]"``).
* :func:`as_progress` accepts what a user passes: a callback (kept), a tqdm bar (updated),
  ``True`` (a terminal line, when stderr is a terminal) or None/False (nothing).

>>> import io
>>> class Tty(io.StringIO):
...     def isatty(self) -> bool:
...         return True
>>> out = Tty()
>>> draw = terminal_progress(out, width=4, clock=iter([0.0, 2.0, 4.0]).__next__)
>>> draw(1, 4, "reports/a.txt"); draw(2, 4, "reports/b.html")
>>> out.getvalue().split("\\r")[-1].split()
['[##', ']', '2/4', '50%', '0.5', 'files/s', '0:04', 'left', 'b.html']

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from ._terminal import terminal_safe
from .errors import MissingDependencyError, OptionError

__all__ = ["as_progress", "terminal_progress", "tqdm_progress"]

Progress = Callable[[int, int, str], None]


def _clock_text(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def terminal_progress(
    stream: TextIO | None = None,
    *,
    width: int = 20,
    quiet: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> Progress | None:
    """
    A callback that redraws one progress line on *stream* (default stderr), or None.

    The line reads ``[###       ] 37/200 18% 4.2 files/s 0:39 left current-file.docx``;
    the rate and the time left are measured from the moment the callback is made.
    The last call ends the line with a newline.

    Args:
        stream: Where to draw (default: ``sys.stderr`` at call time).
        width: The width of the bar in characters (0: no bar).
        quiet: True gives None: no progress at all (``--quiet``).
        clock: Seconds, monotonic (for tests).

    Returns:
        The callback, or None when *quiet* or when *stream* is not a terminal.

    .. versionadded:: 0.2.0
    """
    out = stream if stream is not None else sys.stderr
    if quiet or not (hasattr(out, "isatty") and out.isatty()):
        return None
    start = clock()
    drawn = [0]

    def draw(done: int, total: int, source: str) -> None:
        elapsed = clock() - start
        share = f"{100 * done // total}%" if total else ""
        filled = width * done // total if total else width
        parts = [f"[{'#' * filled}{' ' * (width - filled)}]" if width else "", f"{done}/{total}", share]
        if elapsed > 0 and done:
            rate = done / elapsed
            parts.append(f"{rate:.1f} files/s" if rate < 100 else f"{rate:.0f} files/s")
            parts.append(f"{_clock_text((total - done) / rate)} left")
        name = terminal_safe(os.path.basename(source))  # a file name cannot drive the terminal either
        parts.append(name if len(name) <= 40 else "…" + name[-39:])
        line = " ".join(p for p in parts if p)
        pad = max(0, drawn[0] - len(line))
        drawn[0] = len(line)
        out.write("\r" + line + " " * pad)
        if done >= total:
            out.write("\n")
        out.flush()

    return draw


def tqdm_progress(**options: Any) -> Progress:
    """
    A callback that drives a tqdm bar: made at the first call (with the total), updated, closed at the end.

    Args:
        options: Passed to ``tqdm.tqdm`` (e.g. ``desc="reports"``, ``unit="file"``).

    Raises:
        MissingDependencyError: tqdm is not installed.

    .. versionadded:: 0.2.0
    """
    try:
        tqdm: Any = importlib.import_module("tqdm.auto").tqdm
    except ImportError:  # pragma: no cover - tqdm is in the test extra
        raise MissingDependencyError("tqdm", "progress", "tqdm_progress") from None
    options.setdefault("unit", "file")
    bar: list[Any] = []

    def update(done: int, total: int, source: str) -> None:
        if not bar:
            bar.append(tqdm(total=total, **options))
        _tqdm_step(bar[0], done, total, source)

    return update


def _tqdm_step(bar: Any, done: int, total: int, source: str) -> None:
    if bar.total != total:
        bar.total = total
    bar.update(done - bar.n)
    bar.set_postfix_str(terminal_safe(os.path.basename(source)), refresh=False)
    if done >= total:
        bar.close()


def as_progress(progress: object) -> Progress | None:
    """
    The callback for a ``progress=`` argument.

    Args:
        progress: None or False (no progress); True (a line on stderr when it is a
            terminal); a tqdm bar, or anything with ``update()`` and ``n`` (advanced
            to each ``done`` and closed at the end); or a callable ``(done, total, source)``.

    Raises:
        OptionError: Anything else.

    .. versionadded:: 0.2.0
    """
    if progress is None or progress is False:
        return None
    if progress is True:
        return terminal_progress()
    if hasattr(progress, "update") and hasattr(progress, "n"):
        bar = progress

        def step(done: int, total: int, source: str) -> None:
            _tqdm_step(bar, done, total, source)

        return step
    if callable(progress):
        return progress
    raise OptionError(f"progress: expected a callable, a tqdm bar, True or None, got {type(progress).__name__}")
