"""
The fast path of the arithmetic checks: one generated evaluator per edition.

:func:`clean` answers, for the common case of a complete and consistent
report, the question :func:`govinfo_report.check` would otherwise answer
equation by equation: is every table cell filled, and does every equation of
:func:`govinfo_report.rules.equations` hold?  The evaluator of an edition is
straight-line Python generated once from the rules: it reads every cell into a
local variable (sharing the attribute look-ups of a row), tests the blanks
with one ``is None`` chain, and evaluates all equations as one ``and`` expression.  It
builds nothing, so it costs about as much as reading the cells.

When it answers False (a blank cell, or an equation that fails), the checks take
their ordinary path, which evaluates every equation and builds the findings and
diagnoses; so the findings are the same either way (a property test compares
both paths).

A 2021-edition report that prints （六）其他处理 as one row
(:attr:`~govinfo_report.model.OtherHandling.single_row`) has its own evaluators,
one per :func:`~govinfo_report.tables.single_row_mode`, generated the same way
from :func:`~govinfo_report.tables.checked_cells` and
:func:`~govinfo_report.rules.report_equations`.

The generated source is registered with :mod:`linecache` under the file name
``<govinfo_report._evaluator EDITION>`` (``EDITION MODE`` for those), so a
traceback through it shows the line; :func:`source` returns it.

The evaluator only reads attributes, so it also works on any object with the
same attribute names as the model (the benchmarks run it on msgspec and
pydantic objects generated from our model).
"""

from __future__ import annotations

import functools
import itertools
import linecache
from collections.abc import Callable
from typing import Any

from .model import Edition
from .rules import Equation, Relation, equations, single_row_equations
from .tables import checked_cells, single_row_mode

__all__ = ["clean", "evaluator", "sides", "sides_source", "source"]


def _filename(edition: Edition, mode: str | None = None) -> str:
    return f"<govinfo_report._evaluator {edition.value}{'' if mode is None else ' ' + mode}>"


def _name(edition: Edition, mode: str | None) -> str:
    return f"clean_{edition.value}" + ("" if mode is None else "_" + mode.replace("-", "_"))


@functools.cache
def source(edition: Edition, mode: str | None = None) -> str:
    """
    The Python source of the evaluator of *edition* (generated from the layout and the rules only).

    *mode* is the :func:`~govinfo_report.tables.single_row_mode` of the reports it is for.
    """
    specs = checked_cells(edition, mode)
    eqs = equations(edition) if mode is None else single_row_equations(edition, mode)
    lines = [
        f"def {_name(edition, mode)}(r):",
        f'    """Every cell of a {edition.value}-edition report filled and every equation held."""',
    ]
    # one local per attribute prefix, so that the cells of a row share the look-ups above them
    prefixes: dict[tuple[str, ...], str] = {(): "r"}
    cell_var: dict[str, str] = {}
    for spec in specs:
        parent = spec.attr_path[:-1]
        for depth in range(1, len(parent) + 1):
            prefix = parent[:depth]
            if prefix not in prefixes:
                name = f"n{len(prefixes)}"
                lines.append(f"    {name} = {prefixes[prefix[:-1]]}.{prefix[-1]}")
                prefixes[prefix] = name
        var = f"c{len(cell_var)}"
        lines.append(f"    {var} = {prefixes[parent]}.{spec.attr_path[-1]}  # {spec.path}")
        cell_var[spec.path] = var
    # `x is None` per cell: far cheaper than `None in (...)`, which compares each int with None
    blank_tests = " or ".join(f"{var} is None" for var in cell_var.values())
    lines.append(f"    if {blank_tests}:")
    lines.append("        return False")
    terms = []
    for eq in eqs:
        left = " + ".join(cell_var[p] for p in eq.left)
        right = " + ".join(cell_var[p] for p in eq.right)
        op = "==" if eq.relation is Relation.EQ else ">="
        terms.append(f"({left} {op} {right})  # {eq.code} @ {eq.left[0]}")
    lines.append("    return (")
    for i, term in enumerate(terms):
        expr, _, comment = term.partition("  # ")
        lines.append(f"        {'and ' if i else ''}{expr}  # {comment}")
    lines.append("    )")
    return "\n".join(lines) + "\n"


@functools.cache
def evaluator(edition: Edition, mode: str | None = None) -> Callable[[Any], bool]:
    """The compiled evaluator of *edition*: ``evaluator(edition)(report)`` is :func:`clean` (report)."""
    text = source(edition, mode)
    filename = _filename(edition, mode)
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    namespace: dict[str, Any] = {}
    exec(compile(text, filename, "exec"), namespace)  # generated from the layout and the rules only
    fn: Callable[[Any], bool] = namespace[_name(edition, mode)]
    return fn


_EVALUATORS: dict[Any, Callable[[Any], bool]] = {}


def clean(report: Any) -> bool:
    """
    True when every table cell of *report* is filled and every arithmetic equation holds.

    >>> from govinfo_report import AnnualReport, replace_cell
    >>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    >>> clean(r), clean(replace_cell(r, "$.requests.received.natural_person", 2))
    (True, False)
    >>> clean(replace_cell(r, "$.requests.received.natural_person", None))
    False
    """
    edition = report.meta.edition
    oh = report.requests.results.other_handling
    if getattr(oh, "single_row", None) is not None:  # （六）其他处理 printed as one row: rare, its own evaluator
        return bool(evaluator(Edition(edition), single_row_mode(report))(report))
    fn = _EVALUATORS.get(edition)
    if fn is None:
        fn = _EVALUATORS[edition] = evaluator(Edition(edition))
    return bool(fn(report))


# ----------------------------------------------------------------------------
# The sides of every equation, for the reports that are not clean
# ----------------------------------------------------------------------------


def sides_source(eqs: tuple[Equation, ...], name: str = "sides") -> str:
    """
    The Python source of :func:`sides` for *eqs*: every cell read once, a blank as 0, then each side's sum.

    The sums are added in the order of each side's cells, from 0, as
    :func:`~govinfo_report._exact.total` adds them (so a Decimal keeps its exponent as it would there).
    """
    lines = [f"def {name}(v):", '    """[Σ left, Σ right] of each equation, in order (a blank counting as 0)."""']
    var: dict[str, str] = {}
    for eq in eqs:
        for p in eq.cells:
            if p not in var:
                var[p] = name_ = f"c{len(var)}"
                lines.append(f"    {name_} = v[{p!r}]")
                lines.append(f"    {name_} = 0 if {name_} is None else {name_}")
    lines.append("    return [")
    for eq in eqs:
        left = " + ".join(var[p] for p in eq.left)
        right = " + ".join(var[p] for p in eq.right)
        lines.append(f"        0 + {left}, 0 + {right},  # {eq.code} @ {eq.left[0]}")
    lines.append("    ]")
    return "\n".join(lines) + "\n"


_SERIAL = itertools.count()
_SIDES: dict[int, tuple[tuple[Equation, ...], Callable[[dict[str, Any]], list[Any]]]] = {}


def sides(eqs: tuple[Equation, ...]) -> Callable[[dict[str, Any]], list[Any]]:
    """
    The compiled sides of *eqs*: ``sides(eqs)(values)`` is ``[Σ left, Σ right]`` of each equation, flattened.

    *values* maps every cell path of *eqs* to its value (None for a blank).  One
    function is generated per tuple of equations (those of
    :func:`~govinfo_report.rules.report_equations` are made once per edition and
    mode, so their functions are too); its source is in :mod:`linecache` under
    ``<govinfo_report._evaluator sides N>``.
    """
    found = _SIDES.get(id(eqs))
    if found is not None and found[0] is eqs:
        return found[1]
    text = sides_source(eqs)
    filename = f"<govinfo_report._evaluator sides {next(_SERIAL)}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    namespace: dict[str, Any] = {}
    exec(compile(text, filename, "exec"), namespace)  # generated from the equations' paths only
    fn: Callable[[dict[str, Any]], list[Any]] = namespace["sides"]
    if len(_SIDES) < 64:  # the tuples of report_equations live for ever: remember theirs, not every user's
        _SIDES[id(eqs)] = (eqs, fn)
    return fn
