"""
The layout of the three tables of each edition, derived from the model.

The model classes carry their labels in field metadata (see ``_fields``).  This
module walks them once per edition and produces a :class:`ReportLayout`: the
tables, their rows in official order, and every cell with its path, its Chinese
row and column labels, and its stable English keys.  Renderers, records,
importers and the rules all read this one layout, so a change to an edition
touches the model and the vocabulary only.

>>> lay = layout(Edition.E2019)
>>> spec = lay.cell("$.requests.results.withheld.state_secret.natural_person")
>>> spec.row, spec.column
('（三）不予公开 / 1.属于国家秘密', '自然人')
>>> lay.cell("$.proactive.licensing.decisions").row
'第二十条第（五）项 / 行政许可'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import linecache
import operator
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Union

import attrs
from attrs import frozen

from . import vocab as v
from ._fields import CELL_KINDS, FieldInfo, Kind, field_info, field_type
from .errors import LayoutError
from .model import AnnualReport, Edition
from .vocab import Term

__all__ = [
    "CellAccessor",
    "CellSpec",
    "ReportLayout",
    "RowSpec",
    "TableSpec",
    "cell_accessor",
    "cell_values",
    "get_cell",
    "iter_cells",
    "layout",
    "replace_cell",
]

CellValue = Union[int, Decimal, None]


@frozen
class CellSpec:
    """
    One cell of a table: where it lives in the model and what the table calls it.

    Attributes:
        table: The table, ``"二"``, ``"三"`` or ``"四"``.
        attr_path: Attribute names from the report down to the cell.
        row_terms: The row labels, from the group down (as records print them).
        column_terms: The column labels, from the header group down.
        kind: Count, signed count or amount.

    .. versionadded:: 0.1.0
    """

    table: str
    attr_path: tuple[str, ...]
    row_terms: tuple[Term, ...]
    column_terms: tuple[Term, ...]
    kind: Kind
    # derived once, since checks and records read them for every cell
    path: str = attrs.field(
        init=False, eq=False, default=attrs.Factory(lambda s: "$." + ".".join(s.attr_path), takes_self=True)
    )
    """The cell's path, e.g. ``$.requests.received.natural_person``."""
    row: str = attrs.field(
        init=False, eq=False, default=attrs.Factory(lambda s: " / ".join(t.zh for t in s.row_terms), takes_self=True)
    )
    """The Chinese row label, levels joined by ``" / "``."""
    column: str = attrs.field(
        init=False,
        eq=False,
        default=attrs.Factory(lambda s: " / ".join(t.zh for t in s.column_terms), takes_self=True),
    )
    """The Chinese column label, levels joined by ``" / "``."""
    row_en: str = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda s: " / ".join(t.en for t in s.row_terms), takes_self=True),
    )
    """The English row label."""
    column_en: str = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda s: " / ".join(t.en for t in s.column_terms), takes_self=True),
    )
    """The English column label."""

    @property
    def row_key(self) -> str:
        """Stable English key of the row within its table, e.g. ``results.withheld.state_secret``."""
        return ".".join(self.attr_path[1:-1])

    @property
    def column_key(self) -> str:
        """Stable English key of the column, e.g. ``natural_person``."""
        return self.attr_path[-1]

    @property
    def location(self) -> str:
        """The cell in the table's own words, e.g. ``表三 （七）总计 × 自然人``."""
        return f"表{self.table} {self.row} × {self.column}"


@frozen
class RowSpec:
    """
    One row of a table.

    Attributes:
        table: ``"二"``, ``"三"`` or ``"四"``.
        attr_path: Attribute names from the report down to the row object.
        labels: Every label level of the row as the official table prints it,
            outermost first (including spanning captions such as 三、本年度办理结果).
        row_terms: The levels that make up the row label in records.
        cells: The row's cells, in column order.

    .. versionadded:: 0.1.0
    """

    table: str
    attr_path: tuple[str, ...]
    labels: tuple[Term, ...]
    row_terms: tuple[Term, ...]
    cells: tuple[CellSpec, ...]

    @property
    def path(self) -> str:
        """The row's path, e.g. ``$.requests.received``."""
        return "$." + ".".join(self.attr_path)

    @property
    def label(self) -> str:
        """The row label as in records."""
        return " / ".join(t.zh for t in self.row_terms)

    @property
    def key(self) -> str:
        """Stable English key of the row within its table."""
        return ".".join(self.attr_path[1:])


@frozen
class TableSpec:
    """
    One table of an edition: its section, rows and cells.

    .. versionadded:: 0.1.0
    """

    table: Term
    section: Term
    attr: str
    rows: tuple[RowSpec, ...]

    @property
    def cells(self) -> tuple[CellSpec, ...]:
        """Every cell, row by row."""
        return tuple(c for r in self.rows for c in r.cells)


@frozen
class ReportLayout:
    """
    The three tables of one edition.

    .. versionadded:: 0.1.0
    """

    edition: Edition
    tables: tuple[TableSpec, ...]
    cells: tuple[CellSpec, ...]
    by_path: Mapping[str, CellSpec]
    rows_by_path: Mapping[str, RowSpec]

    def cell(self, path: str) -> CellSpec:
        """The cell at *path*; raises :class:`KeyError`-free :class:`LayoutError` if there is none."""
        try:
            return self.by_path[path]
        except KeyError:
            raise LayoutError(f"no cell at {path} in the {self.edition.value} edition") from None

    def table(self, name: str) -> TableSpec:
        """The table ``"二"``, ``"三"`` or ``"四"`` (or its key ``proactive``, ``requests``, ``disputes``)."""
        for t in self.tables:
            if name in (t.table.zh, t.table.key, t.attr):
                return t
        raise LayoutError(f"no table {name!r}; expected 二, 三 or 四")




def _infos(cls: type) -> list[tuple[attrs.Attribute[Any], FieldInfo]]:
    out = []
    for a in attrs.fields(cls):
        info = field_info(a)
        if info is not None:
            out.append((a, info))
    return out


def is_row_class(cls: type) -> bool:
    """True for a class whose labelled fields are cells (a table row)."""
    infos = _infos(cls)
    return bool(infos) and all(info.kind in CELL_KINDS for _, info in infos)


def _field_class(cls: type, a: attrs.Attribute[Any], info: FieldInfo, edition: Edition) -> type:
    if info.variants:
        return dict(info.variants)[edition.value]
    t = field_type(cls, a)
    assert isinstance(t, type), (cls, a.name, t)
    return t



def _walk(
    table: str,
    cls: type,
    prefix: tuple[str, ...],
    labels: tuple[Term, ...],
    row_terms: tuple[Term, ...],
    edition: Edition,
) -> Iterator[RowSpec]:
    for a, info in _infos(cls):
        sub = _field_class(cls, a, info, edition)
        path = (*prefix, a.name)
        own_labels = (*labels, *info.parents, info.term)
        own_terms = (*row_terms, *info.parents, info.term) if info.in_row_path else (*row_terms, *info.parents)
        if is_row_class(sub):
            cells = tuple(
                CellSpec(
                    table=table,
                    attr_path=(*path, ca.name),
                    row_terms=own_terms,
                    column_terms=(*cinfo.header, cinfo.term),
                    kind=cinfo.kind,
                )
                for ca, cinfo in _infos(sub)
            )
            yield RowSpec(table=table, attr_path=path, labels=own_labels, row_terms=own_terms, cells=cells)
        else:
            yield from _walk(table, sub, path, own_labels, own_terms, edition)


@functools.cache
def layout(edition: Edition | str) -> ReportLayout:
    """
    The layout of the three tables of *edition*.

    .. versionadded:: 0.1.0
    """
    edition = Edition(edition)
    tables = []
    for attr, table_term, section, cls in _SECTION_CLASSES[edition]:
        rows = tuple(_walk(table_term.zh, cls, (attr,), (), (), edition))
        tables.append(TableSpec(table=table_term, section=section, attr=attr, rows=rows))
    cells = tuple(c for t in tables for c in t.cells)
    return ReportLayout(
        edition=edition,
        tables=tuple(tables),
        cells=cells,
        by_path={c.path: c for c in cells},
        rows_by_path={r.path: r for t in tables for r in t.rows},
    )


def _get(obj: Any, attr_path: tuple[str, ...]) -> Any:
    for name in attr_path:
        obj = getattr(obj, name)
    return obj


# ----------------------------------------------------------------------------
# The compiled accessor of an edition: every cell read, set and built by generated code
# ----------------------------------------------------------------------------


@frozen
class CellAccessor:
    """
    The cells of one edition, read and written by code generated once from its layout (:func:`cell_accessor`).

    Attributes:
        paths: Every cell's path, in official order.
        values: The cell values of a report as a tuple, in the order of *paths*.
        as_dict: The cell values keyed by path.
        getters: One getter per path (``operator.attrgetter`` of its attributes).
        setters: One function per path: ``(report, value) → a copy with the cell set``.
        build: The three table sections (``{"proactive": …, "requests": …, "disputes": …}``)
            from a tuple of values in the order of *paths* (the model's validators judge them).
        amounts: The indexes of the amount cells in *paths*.
    """

    paths: tuple[str, ...]
    values: Any
    as_dict: Any
    getters: dict[str, Any]
    setters: dict[str, Any]
    build: Any
    amounts: frozenset[int]


@functools.cache
def cell_accessor(edition: Edition | str) -> CellAccessor:
    """
    The compiled accessor of *edition*: every cell of its reports read, set and built by code generated once.

    :func:`iter_cells`, :func:`cell_values`, :func:`get_cell`, :func:`replace_cell`, the builders, the
    checks and the summary read cells through it.

    >>> from govinfo_report import AnnualReport
    >>> cells = cell_accessor("2021")
    >>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    >>> cells.paths[0], cells.values(r)[0], len(cells.values(r)) == len(cells.paths)
    ('$.proactive.rules.issued', 0, True)
    >>> cells.getters["$.requests.received.total"](cells.setters["$.requests.received.total"](r, 5))
    5

    .. versionadded:: 0.2.0
    """
    edition = Edition(edition)  # cached by the key given: an edition's value reaches the same code
    lay = layout(edition)
    cells = lay.cells
    # each object on the way down read once into a local (n1 = r.requests, n2 = n1.results, ...)
    local: dict[tuple[str, ...], str] = {(): "r"}
    walk: list[str] = []
    for c in cells:
        for depth in range(1, len(c.attr_path)):
            prefix = c.attr_path[:depth]
            if prefix not in local:
                local[prefix] = f"n{len(local)}"
                walk.append(f"    {local[prefix]} = {local[prefix[:-1]]}.{prefix[-1]}")
    reads = [f"{local[c.attr_path[:-1]]}.{c.attr_path[-1]}" for c in cells]
    lines = [
        "def values(r):",
        *walk,
        f"    return ({', '.join(reads)},)",
        "",
        "def as_dict(r):",
        *walk,
        f"    return {{{', '.join(f'{c.path!r}: {x}' for c, x in zip(cells, reads, strict=True))}}}",
    ]
    namespace: dict[str, Any] = {"_evolve": attrs.evolve}
    setter_names: dict[str, str] = {}
    for i, c in enumerate(cells):
        name, chain = f"set_{i}", c.attr_path
        body = [f"def {name}(r, v):", "    o0 = r"]
        body += [f"    o{k + 1} = o{k}.{chain[k]}" for k in range(len(chain) - 1)]
        expr = "v"
        for k in range(len(chain) - 1, -1, -1):
            expr = f"_evolve(o{k}, {chain[k]}={expr})"
        body.append(f"    return {expr}")
        lines += ["", *body]
        setter_names[c.path] = name
    counter = iter(range(len(cells)))

    def construct(cls: type, prefix: tuple[str, ...]) -> str:
        namespace[cls.__name__] = cls
        args = []
        for a, info in _infos(cls):
            if info.kind in CELL_KINDS:
                args.append(f"{a.name}=t[{next(counter)}]")
            else:
                args.append(f"{a.name}={construct(_field_class(cls, a, info, edition), (*prefix, a.name))}")
        return f"{cls.__name__}({', '.join(args)})"

    classes = {t[0]: t[3] for t in _SECTION_CLASSES[edition]}
    sections = ", ".join(f"{t.attr!r}: {construct(classes[t.attr], (t.attr,))}" for t in lay.tables)
    lines += ["", "def build(t):", f"    return {{{sections}}}"]
    if next(counter, None) is not None:  # pragma: no cover - the layout and the classes list the same cells
        raise AssertionError(f"the {edition.value} layout and its classes disagree")
    source = "\n".join(lines) + "\n"
    filename = f"<govinfo_report.tables accessor {edition.value}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)  # for tracebacks
    exec(compile(source, filename, "exec"), namespace)  # generated from the layout only
    return CellAccessor(
        paths=tuple(c.path for c in cells),
        values=namespace["values"],
        as_dict=namespace["as_dict"],
        getters={c.path: operator.attrgetter(".".join(c.attr_path)) for c in cells},
        setters={path: namespace[name] for path, name in setter_names.items()},
        build=namespace["build"],
        amounts=frozenset(i for i, c in enumerate(cells) if c.kind is Kind.AMOUNT),
    )


def iter_cells(report: AnnualReport) -> Iterator[tuple[CellSpec, CellValue]]:
    """
    Every table cell of *report* with its value, in official order.

    .. versionadded:: 0.1.0
    """
    edition = report.meta.edition
    return zip(layout(edition).cells, cell_accessor(edition).values(report), strict=True)


def cell_values(report: AnnualReport) -> dict[str, CellValue]:
    """
    Every table cell value of *report*, keyed by path, in official order.

    >>> r = AnnualReport.blank("2019", organ="某某局", year=2020, fill=0)
    >>> cell_values(r)["$.requests.received.total"]
    0

    .. versionadded:: 0.1.0
    """
    values: dict[str, CellValue] = cell_accessor(report.meta.edition).as_dict(report)
    return values


def get_cell(report: AnnualReport, path: str) -> CellValue:
    """
    The value of the cell at *path* (e.g. ``"$.requests.received.total"``).

    A cell of （六）其他处理 printed as one row (``….other_handling.single_row.total``) is found
    when the report has that row.

    Raises:
        LayoutError: The report's edition has no such cell.

    .. versionadded:: 0.1.0
    """
    getter = cell_accessor(report.meta.edition).getters.get(path)
    if getter is not None:
        value: CellValue = getter(report)
        return value
    spec = _cell_spec(report, path)
    value = _get(report, spec.attr_path)
    return value


def _cell_spec(report: AnnualReport, path: str) -> CellSpec:
    """The layout's cell at *path*, or a cell of the report's single row of （六）其他处理."""
    lay = layout(report.meta.edition)
    spec = lay.by_path.get(path)
    if spec is None and path.startswith(SINGLE_ROW_PATH + ".") and single_row_values(report):
        spec = next((c for c in single_row_cells(report.meta.edition) if c.path == path), None)
    return spec if spec is not None else lay.cell(path)


def _replace(obj: Any, attr_path: tuple[str, ...], value: Any) -> Any:
    head, *rest = attr_path
    if not rest:
        return attrs.evolve(obj, **{head: value})
    return attrs.evolve(obj, **{head: _replace(getattr(obj, head), tuple(rest), value)})


def replace_cell(report: AnnualReport, path: str, value: CellValue) -> AnnualReport:
    """
    A copy of *report* with the cell at *path* set to *value* (None for blank).

    >>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    >>> replace_cell(r, "$.requests.received.natural_person", 4).requests.received.natural_person
    4

    A cell of （六）其他处理 printed as one row (``….other_handling.single_row.total``) can be set
    when the report has that row.

    Raises:
        LayoutError: The report's edition has no such cell.
        CellValueError: The value does not fit the cell.

    .. versionadded:: 0.1.0
    """
    setter = cell_accessor(report.meta.edition).setters.get(path)
    if setter is not None:
        replaced: AnnualReport = setter(report, value)
        return replaced
    spec = _cell_spec(report, path)
    result: AnnualReport = _replace(report, spec.attr_path, value)
    return result


def build_sections(edition: Edition, values: Mapping[str, CellValue], default: CellValue = None) -> dict[str, Any]:
    """
    The three table sections of *edition* from cell values keyed by path.

    Cells missing from *values* get *default*.  Unknown paths raise :class:`LayoutError`.

    .. versionadded:: 0.1.0
    """
    lay = layout(edition)
    unknown = [p for p in values if p not in lay.by_path]
    if unknown:
        raise LayoutError(f"no cell at {', '.join(sorted(unknown))} in the {edition.value} edition")
    access = cell_accessor(edition)
    cells = [values.get(p, default) for p in access.paths]
    for i in access.amounts:
        value = cells[i]
        if isinstance(value, int):
            cells[i] = Decimal(value)
    sections: dict[str, Any] = access.build(tuple(cells))
    return sections


# ----------------------------------------------------------------------------
# （六）其他处理 printed as one row in a 2021-edition report: not a cell of the layout
# ----------------------------------------------------------------------------

SINGLE_ROW_PATH = "$.requests.results.other_handling.single_row"
"""The path of :attr:`~govinfo_report.model.OtherHandling.single_row` (its cells: ``….single_row.total``…)."""

_SUB_ROWS = ("overdue_correction", "overdue_fee", "other")


@functools.cache
def single_row_cells(edition: Edition | str) -> tuple[CellSpec, ...]:
    """
    The cells of （六）其他处理 printed as one row (:attr:`~govinfo_report.model.OtherHandling.single_row`).

    They are not cells of the official layout (which has the three sub-rows): :func:`layout`,
    :func:`iter_cells` and :func:`cell_values` never list them.  Empty for the 2019 edition,
    whose （六）其他处理 is one row of the layout.

    >>> [c.location for c in single_row_cells("2021")][-1]
    '表三 （六）其他处理（未分子行） × 总计'
    >>> single_row_cells("2019")
    ()

    .. versionadded:: 0.2.0
    """
    edition = Edition(edition)
    if edition is not Edition.E2021:
        return ()
    first = layout(edition).rows_by_path[f"$.requests.results.other_handling.{_SUB_ROWS[0]}"]
    return tuple(
        CellSpec(
            table=c.table,
            attr_path=(*first.attr_path[:-1], "single_row", c.attr_path[-1]),
            row_terms=(v.OTHER_HANDLING_SINGLE_ROW,),
            column_terms=c.column_terms,
            kind=c.kind,
        )
        for c in first.cells
    )


@functools.cache
def single_row_spec(edition: Edition | str) -> RowSpec | None:
    """
    （六）其他处理 printed as one row, as a row spec (its cells are :func:`single_row_cells`); None for 2019.

    .. versionadded:: 0.2.0
    """
    cells = single_row_cells(edition)
    if not cells:
        return None
    first = layout(edition).rows_by_path[f"$.requests.results.other_handling.{_SUB_ROWS[0]}"]
    return RowSpec(
        table=cells[0].table,
        attr_path=cells[0].attr_path[:-1],
        labels=(*first.labels[:-2], v.OTHER_HANDLING_SINGLE_ROW),
        row_terms=cells[0].row_terms,
        cells=cells,
    )


def single_row_values(report: AnnualReport) -> dict[str, CellValue]:
    """
    The cells of （六）其他处理 printed as one row, keyed by path; ``{}`` when the report has no such row.

    .. versionadded:: 0.2.0
    """
    oh = report.requests.results.other_handling
    single = getattr(oh, "single_row", None)
    if single is None:
        return {}
    return {c.path: getattr(single, c.attr_path[-1]) for c in single_row_cells(report.meta.edition)}


SINGLE_ALONE, SINGLE_WITH_SUB_ROWS = "alone", "with-sub-rows"


def single_row_mode(report: AnnualReport) -> str | None:
    """
    How the arithmetic treats （六）其他处理 printed as one row.

    None when the report has no single row; ``"alone"`` when its three sub-rows
    are all blank (the single row stands for them); ``"with-sub-rows"`` when the
    sub-rows have numbers too (they are used, and the single row is compared
    with their sum).

    .. versionadded:: 0.2.0
    """
    return other_handling_mode(report.requests.results.other_handling)


def other_handling_mode(other_handling: Any) -> str | None:
    """
    :func:`single_row_mode` of a report whose 三 （六）其他处理 is *other_handling* (of either edition).

    .. versionadded:: 0.2.0
    """
    oh = other_handling
    if getattr(oh, "single_row", None) is None:
        return None
    for name in _SUB_ROWS:
        row = getattr(oh, name)
        if any(getattr(row, c) is not None for c in (*row.PARTS, "total")):
            return SINGLE_WITH_SUB_ROWS
    return SINGLE_ALONE


def printed_cells(report: AnnualReport) -> Iterator[tuple[CellSpec, CellValue]]:
    """
    :func:`iter_cells`, and the cells of :attr:`~govinfo_report.model.OtherHandling.single_row` after the three
    sub-rows of （六）其他处理 when the report has it (records and data frames list them under the row
    （六）其他处理（未分子行）, row key ``results.other_handling.single_row``).

    .. versionadded:: 0.2.0
    """
    single = single_row_values(report)
    if not single:
        yield from iter_cells(report)
        return
    for spec in checked_cells(report.meta.edition, SINGLE_WITH_SUB_ROWS):
        yield spec, _get(report, spec.attr_path)


def printed_rows(report: AnnualReport, spec: TableSpec) -> tuple[RowSpec, ...]:
    """
    The rows of table *spec* as the writers print them for *report*: the layout's rows, and in 三 of a report with
    :attr:`~govinfo_report.model.OtherHandling.single_row`, that row after the three sub-rows of （六）其他处理,
    labelled （六）其他处理（未分子行）, so its numbers are never dropped (the readers read it back).

    .. versionadded:: 0.2.0
    """
    single = single_row_spec(report.meta.edition) if spec.attr == "requests" else None
    if single is None or not single_row_values(report):
        return spec.rows
    prefix = "$." + ".".join(single.attr_path[:-1]) + "."
    last = max(k for k, r in enumerate(spec.rows) if r.path.startswith(prefix))
    return (*spec.rows[: last + 1], single, *spec.rows[last + 1 :])


@functools.cache
def checked_cells(edition: Edition | str, mode: str | None = None) -> tuple[CellSpec, ...]:
    """
    The cells the checks read for a report of *edition* whose :func:`single_row_mode` is *mode*, in order.

    Without a single row, the layout's cells.  With one, its cells follow the
    three sub-rows of （六）其他处理; when it stands for them (``"alone"``), the
    sub-rows, which the report did not print, are left out.

    .. versionadded:: 0.2.0
    """
    cells = layout(edition).cells
    single = single_row_cells(edition)
    if mode is None or not single:
        return cells
    prefix = "$." + ".".join(single[0].attr_path[:-2]) + "."  # the cells of （六）其他处理
    out: list[CellSpec] = []
    placed = False
    for c in cells:
        inside = c.path.startswith(prefix)
        if not inside and not placed and out and out[-1].path.startswith(prefix):
            out.extend(single)
            placed = True
        if inside and mode == SINGLE_ALONE:
            if not placed:
                out.extend(single)
                placed = True
            continue
        out.append(c)
    return tuple(out)


__all__ += [
    "SINGLE_ROW_PATH",
    "checked_cells",
    "other_handling_mode",
    "printed_cells",
    "printed_rows",
    "single_row_cells",
    "single_row_mode",
    "single_row_spec",
    "single_row_values",
]


# The sections of each edition, as its module in editions/ declares them.  The registry (govinfo_report.editions)
# gives them with the rest of the edition and reads this layout, so the layout reads the edition modules, and
# does so last: whichever of the two is imported first, the other finds what it needs already defined.
from .editions._declared import MODULES  # noqa: E402
from .editions._spec import Section  # noqa: E402

_SECTION_CLASSES: dict[Edition, tuple[Section, ...]] = {m.EDITION: m.SECTIONS for m in MODULES}
