"""
Constructors: blank reports, and builders that derive totals from their parts.

Builders construct; they never judge.  They fill a total only where it is
blank, by solving the equations of :mod:`govinfo_report.rules`, so the
arithmetic that :func:`govinfo_report.check` verifies is the arithmetic the
builders apply.  A report built from parts has no arithmetic findings.

Sections can be given as model objects or as plain mappings shaped like the
model (missing counts are 0, totals are derived):

>>> req = Requests.from_parts(
...     "2021",
...     received={"natural_person": 10, "commercial": 2},
...     disclosed={"natural_person": 7, "commercial": 2},
...     unable={"not_held": {"natural_person": 2}},
... )
>>> req.results.total.total, req.carried_forward.natural_person
(11, 1)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs

from . import editions
from ._fields import CELL_KINDS, Kind, field_info
from .errors import CellValueError
from .model import (
    AnnualReport,
    ApplicantCounts,
    Disputes,
    Edition,
    Narrative,
    OtherHandling,
    OtherMatters,
    Proactive2019,
    Proactive2021,
    ReportMeta,
    Requests,
)
from .rules import ARITHMETIC, ColumnBalance, ColumnSum, Equation, Relation, equations_for, single_row_equations
from .tables import SINGLE_ROW_PATH, _field_class, build_sections, cell_accessor, layout, other_handling_mode

__all__ = ["blank_report", "build_report", "coerce", "derive_totals"]

T = TypeVar("T")


def _edition_of(obj: Any) -> Edition:
    if isinstance(obj, AnnualReport):
        return obj.meta.edition
    return editions.edition_of(obj) or Edition.E2021  # a class every edition has: the same in each


def _flatten(obj: Any, prefix: str, out: dict[str, Any]) -> None:
    """The cells of a table object (a row, a group, a table), by path from *prefix*."""
    for a in attrs.fields(type(obj)):
        info = field_info(a)
        if info is None:
            continue
        value = getattr(obj, a.name)
        path = f"{prefix}.{a.name}"
        if info.kind in CELL_KINDS:
            out[path] = value
        else:
            _flatten(value, path, out)


def _rebuild(obj: Any, prefix: str, values: Mapping[str, Any], changed: set[str]) -> Any:
    """A copy of the table object *obj* with the cells in *changed* set from *values*."""
    kwargs: dict[str, Any] = {}
    for a in attrs.fields(type(obj)):
        info = field_info(a)
        if info is None:
            continue
        path = f"{prefix}.{a.name}"
        if info.kind in CELL_KINDS:
            if path in changed:
                kwargs[a.name] = values[path]
        elif any(c.startswith(path + ".") for c in changed):
            kwargs[a.name] = _rebuild(getattr(obj, a.name), path, values, changed)
    return attrs.evolve(obj, **kwargs) if kwargs else obj


def derive_totals(obj: T) -> T:
    """
    A copy of *obj* with every blank total that its parts determine filled in.

    *obj* may be a whole :class:`AnnualReport` or any table object (a row, a
    group, a table).  Totals that are already stated are kept as stated, even
    when wrong; only blank (None) totals are derived.

    Raises:
        CellValueError: A derived count would be negative (e.g. more results
            than requests, so 四、结转下年度继续办理 would fall below 0).

    .. versionadded:: 0.1.0
    """
    edition = _edition_of(obj)
    report = isinstance(obj, AnnualReport)
    values: dict[str, Any] = cell_accessor(edition).as_dict(obj) if report else {}
    if not report:
        _flatten(obj, "$", values)
    changed: set[str] = set()
    single = _single_row(obj)
    if single is None:
        eqs = equations_for(cast(type, type(obj)), edition)
    else:  # （六）其他处理 printed as one row: the report's own equations (the row may stand for its sub-rows)
        eqs, where = _equations_with_single_row(obj, edition)
        values.update({f"{where}.{a.name}": getattr(single, a.name) for a in attrs.fields(ApplicantCounts)})
    pending = [e for e in eqs if e.relation is Relation.EQ and e.target is not None]
    progress = True
    while progress:
        progress = False
        rest = []
        for eq in pending:
            target = eq.target
            assert target is not None
            if values[target] is not None:
                continue
            others = [p for p in eq.cells if p != target]
            if any(values[p] is None for p in others):
                rest.append(eq)
                continue
            sign = 1 if target in eq.left else -1
            total = sum(values[p] for p in eq.right) - sum(values[p] for p in eq.left if p != target)
            if sign < 0:
                total = sum(values[p] for p in eq.left) - sum(values[p] for p in eq.right if p != target)
            if total < 0:
                where = _describe(obj, target, edition)
                raise CellValueError(where, total, "the parts given make this derived count negative")
            values[target] = total
            changed.add(target)
            progress = True
        pending = rest
    if not changed:
        return obj
    if report:  # every cell through the compiled accessor of the edition
        cells = cell_accessor(edition)
        whole = cast(AnnualReport, obj)
        result: T = cast(T, attrs.evolve(whole, **cells.build(tuple(values[p] for p in cells.paths))))
    else:
        result = _rebuild(obj, "$", values, changed)
    if single is not None and (report or any(p.startswith(where + ".") for p in changed)):
        row = attrs.evolve(single, **{a.name: values[f"{where}.{a.name}"] for a in attrs.fields(ApplicantCounts)})
        result = _with_single_row(result, row)
    return result


def _requests_of(obj: Any) -> Requests | None:
    if isinstance(obj, AnnualReport):
        return obj.requests
    return obj if isinstance(obj, Requests) else None


def _single_row(obj: Any) -> ApplicantCounts | None:
    """（六）其他处理 printed as one row (``OtherHandling.single_row``) of a report or a table 三, else None."""
    requests = _requests_of(obj)
    row: ApplicantCounts | None = getattr(requests.results.other_handling, "single_row", None) if requests else None
    return row


def _equations_with_single_row(obj: Any, edition: Edition) -> tuple[tuple[Equation, ...], str]:
    """The equations of *obj* (a report or a table 三) with its single row of （六）, and that row's path in *obj*."""
    requests = _requests_of(obj)
    assert requests is not None
    mode = other_handling_mode(requests.results.other_handling)
    assert mode is not None  # the caller found the single row
    if isinstance(obj, AnnualReport):
        return single_row_equations(edition, mode), SINGLE_ROW_PATH
    # table 三 alone: the report's equations of 三, with paths from the table down ("$.results…")
    head = "$.requests"
    eqs = tuple(
        attrs.evolve(
            e,
            left=tuple("$" + p[len(head) :] for p in e.left),
            right=tuple("$" + p[len(head) :] for p in e.right),
            target=None if e.target is None else "$" + e.target[len(head) :],
        )
        for e in single_row_equations(edition, mode)
        if all(p.startswith(head + ".") for p in e.cells)
    )
    return eqs, "$" + SINGLE_ROW_PATH[len(head) :]


def _with_single_row(obj: T, row: ApplicantCounts) -> T:
    requests = _requests_of(obj)
    assert requests is not None
    results = requests.results
    oh = attrs.evolve(cast(OtherHandling, results.other_handling), single_row=row)
    requests = attrs.evolve(requests, results=attrs.evolve(results, other_handling=oh))
    if isinstance(obj, AnnualReport):
        return cast(T, attrs.evolve(obj, requests=requests))
    return cast(T, requests)


def _describe(obj: Any, path: str, edition: Edition) -> str:
    if isinstance(obj, AnnualReport):
        spec = layout(edition).by_path.get(path)
        if spec is not None:
            return f"{spec.location} ({path})"
    return f"{type(obj).__name__} {path}"


def _zero(kind: Kind) -> Any:
    return Decimal(0) if kind is Kind.AMOUNT else 0


def coerce(cls: type[T], value: Any, edition: Edition | str, where: str = "$") -> T:
    """
    An instance of *cls* from *value*: an instance, a mapping shaped like the model, or None.

    In a mapping, missing cells are 0 and missing rows are all 0, except totals,
    which are left blank for :func:`derive_totals`.  None gives an all-0 object
    with blank totals.  Amounts may be given as int, str or Decimal.

    Raises:
        CellValueError: An unknown key, or a value that does not fit.

    .. versionadded:: 0.1.0
    """
    edition = Edition(edition)
    if isinstance(value, cls):
        return value
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise CellValueError(where, value, f"expected a {cls.__name__} or a mapping", type_error=True)
    known = {a.name: a for a in attrs.fields(cast(Any, cls))}
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise CellValueError(f"{where}.{unknown[0]}", value[unknown[0]], f"{cls.__name__} has no field {unknown[0]!r}")
    kwargs: dict[str, Any] = {}
    totals = getattr(cls, "PARTS", None)
    # （六）其他处理 given as one row: the sub-rows not given were not printed, so they are blank, not 0
    one_row = value.get("single_row") is not None and "single_row" in known
    for name, a in known.items():
        info = field_info(a)
        path = f"{where}.{name}"
        if info is None:
            if name == "single_row" and isinstance(value.get(name), Mapping):
                # （六）其他处理 printed as one row: a mapping of applicant counts, its 总计 derived
                kwargs[name] = derive_totals(coerce(ApplicantCounts, value[name], edition, path))
            elif name in value:
                kwargs[name] = value[name]
            continue
        if info.kind in CELL_KINDS:
            if name in value:
                cell = value[name]
                if info.kind is Kind.AMOUNT and isinstance(cell, (int, str)) and not isinstance(cell, bool):
                    try:
                        cell = Decimal(cell)
                    except ArithmeticError:
                        raise CellValueError(path, cell, "not a decimal amount") from None
                kwargs[name] = cell
            elif totals is not None and name not in totals:
                kwargs[name] = None  # a total: derived later
            else:
                kwargs[name] = _zero(info.kind)
        else:
            sub = _field_class(cls, a, info, edition)
            if name not in value and (name in _derived_rows(cls) or one_row):
                kwargs[name] = _blank_row(sub)
            else:
                kwargs[name] = coerce(sub, value.get(name), edition, path)
    try:
        return cls(**kwargs)
    except CellValueError as exc:
        raise CellValueError(f"{where}.{exc.field.split('.')[-1]}", exc.value, exc.reason) from None


def _derived_rows(cls: type) -> frozenset[str]:
    """Rows of *cls* that a rule derives whole (（七）总计, 四、结转下年度继续办理)."""
    names = set()
    for r in ARITHMETIC:
        if r.cls is cls and isinstance(r, ColumnSum):
            names.add(r.total)
        elif r.cls is cls and isinstance(r, ColumnBalance):
            names.add(r.target)
    return frozenset(names)


def _blank_row(cls: type[T]) -> T:
    """A row of *cls* with every cell blank."""
    row: T = cast(Any, cls).blank()
    return row


def blank_report(
    edition: Edition, *, organ: str, year: int | None = None, fill: int | None = None, **meta: Any
) -> AnnualReport:
    """
    A report of *edition* whose every cell is *fill* (None for blank, or 0) and whose narratives are empty.

    .. versionadded:: 0.1.0
    """
    if fill not in (None, 0):
        raise CellValueError("fill", fill, "a blank report is filled with None or 0")
    if year is None:
        year = editions.get(edition).first_year
    m = ReportMeta(organ=organ, year=year, edition=edition, **meta)
    sections = build_sections(edition, {}, default=fill)
    return AnnualReport(
        meta=m,
        overview=Narrative(text=""),
        problems=Narrative(text=""),
        other_matters=OtherMatters(text=""),
        **sections,
    )


def _narrative(value: Any, cls: type[T]) -> T:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        made: T = cast(Any, cls)(text=value)
        return made
    raise CellValueError(cls.__name__, value, f"expected a {cls.__name__} or a str", type_error=True)


def build_report(
    meta: ReportMeta,
    *,
    overview: Any = "",
    proactive: Any = None,
    requests: Any = None,
    disputes: Any = None,
    problems: Any = "",
    other_matters: Any = "",
) -> AnnualReport:
    """
    A report from its sections, with every blank total derived.

    Tables may be model objects or mappings shaped like the model; a missing
    table is all 0.  Narratives may be str.

    .. versionadded:: 0.1.0
    """
    edition = meta.edition
    proactive_cls: type[Proactive2019 | Proactive2021] = editions.get(edition).proactive_class
    report = AnnualReport(
        meta=meta,
        overview=_narrative(overview, Narrative),
        proactive=coerce(proactive_cls, proactive, edition, "$.proactive"),
        requests=coerce(Requests, requests, edition, "$.requests"),
        disputes=coerce(Disputes, disputes, edition, "$.disputes"),
        problems=_narrative(problems, Narrative),
        other_matters=_narrative(other_matters, OtherMatters),
    )
    return derive_totals(report)


def requests_from_parts(
    edition: Edition | str,
    *,
    received: Any = None,
    carried_in: Any = None,
    disclosed: Any = None,
    partly_disclosed: Any = None,
    withheld: Any = None,
    unable: Any = None,
    not_processed: Any = None,
    other_handling: Any = None,
    carried_forward: Any = None,
) -> Requests:
    """Table 三 from its parts; see :meth:`Requests.from_parts`."""
    edition = Edition(edition)
    results = {
        "disclosed": disclosed,
        "partly_disclosed": partly_disclosed,
        "withheld": withheld,
        "unable": unable,
        "not_processed": not_processed,
        "other_handling": other_handling,
    }
    mapping: dict[str, Any] = {
        "received": received,
        "carried_in": carried_in,
        "results": {k: v for k, v in results.items() if v is not None},
    }
    if carried_forward is not None:
        mapping["carried_forward"] = carried_forward
    return derive_totals(coerce(Requests, {k: v for k, v in mapping.items() if v is not None}, edition, "$.requests"))


def disputes_from_parts(review: Any = None, direct_suit: Any = None, suit_after_review: Any = None) -> Disputes:
    """Table 四 from its parts; see :meth:`Disputes.from_parts`."""
    mapping = {"review": review, "direct_suit": direct_suit, "suit_after_review": suit_after_review}
    return derive_totals(coerce(Disputes, {k: v for k, v in mapping.items() if v is not None}, Edition.E2021))
