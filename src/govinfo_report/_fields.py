"""
Field helpers: how a model attribute carries its label, and cell-local validators.

Every attribute of a table class is declared with :func:`cell`, :func:`row` or
:func:`group`.  They attach a :class:`FieldInfo` under the metadata key
:data:`METADATA_KEY`, which is how the layout, the renderers, the records and
the importers find the Chinese label of a field without spelling it again.

Validators here judge one cell only: its type and its sign.  Arithmetic
between cells is never checked at construction (see :mod:`govinfo_report.rules`).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from .errors import CellValueError
from .vocab import Term

METADATA_KEY = "govinfo_report"
"""The key under which every model field keeps its :class:`FieldInfo`."""


class Kind(enum.Enum):
    """What a model field holds."""

    COUNT = "count"
    """A count: an int ≥ 0, or None for a blank cell."""
    SIGNED = "signed"
    """A signed count (本年增/减): any int, or None for a blank cell."""
    AMOUNT = "amount"
    """An amount of money: a finite Decimal ≥ 0, or None for a blank cell."""
    ROW = "row"
    """A table row: an instance of a row class whose fields are cells."""
    GROUP = "group"
    """A group of rows (or of further groups)."""


CELL_KINDS = frozenset({Kind.COUNT, Kind.SIGNED, Kind.AMOUNT})


@frozen
class FieldInfo:
    """
    The label information of one model field.

    Attributes:
        term: The label of the field (a column label for cells, a row or group label otherwise).
        kind: What the field holds.
        header: Column labels above *term* (e.g. 法人或其他组织 above 商业企业).
        parents: Row labels above *term* that the model does not nest (e.g. the
            block caption 第二十条第（五）项 above 行政许可).
        in_row_path: False for a group whose label spans its rows in the official table
            but is not part of their row label (三、本年度办理结果).
        variants: For a field whose type depends on the edition, the class per edition value.
    """

    term: Term
    kind: Kind
    header: tuple[Term, ...] = ()
    parents: tuple[Term, ...] = ()
    in_row_path: bool = True
    variants: tuple[tuple[str, type], ...] = ()


def _validate_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise CellValueError(_where(inst, attribute), value, "expected an int or None (blank)", type_error=True)
    if value < 0:
        raise CellValueError(_where(inst, attribute), value, "a count cannot be negative")


def _validate_signed(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not int:
        raise CellValueError(_where(inst, attribute), value, "expected an int or None (blank)", type_error=True)


def _validate_amount(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not Decimal:
        raise CellValueError(_where(inst, attribute), value, "expected a Decimal or None (blank)", type_error=True)
    if not value.is_finite():
        raise CellValueError(_where(inst, attribute), value, "an amount must be a finite number")
    if value.is_signed():  # -0 too: its JSON form "-0" is not an amount
        raise CellValueError(_where(inst, attribute), value, "an amount cannot be negative")


def _where(inst: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(inst).__name__}.{attribute.name}"


_VALIDATORS = {Kind.COUNT: _validate_count, Kind.SIGNED: _validate_signed, Kind.AMOUNT: _validate_amount}


def cell(term: Term, *, kind: Kind = Kind.COUNT, header: tuple[Term, ...] = ()) -> Any:
    """
    Declare a table cell: a count (default), a signed count or an amount.

    The cell is required (no default): a report always says every cell, even
    if what it says is blank (None).
    """
    info = FieldInfo(term=term, kind=kind, header=header)
    return attrs.field(validator=_VALIDATORS[kind], metadata={METADATA_KEY: info})


def row(term: Term, *, parents: tuple[Term, ...] = ()) -> Any:
    """Declare a row of a table (its type is a row class)."""
    info = FieldInfo(term=term, kind=Kind.ROW, parents=parents)
    return attrs.field(metadata={METADATA_KEY: info})


def group(
    term: Term,
    *,
    parents: tuple[Term, ...] = (),
    in_row_path: bool = True,
    variants: tuple[tuple[str, type], ...] = (),
) -> Any:
    """Declare a group of rows (its type is a group class)."""
    kind = Kind.GROUP
    info = FieldInfo(term=term, kind=kind, parents=parents, in_row_path=in_row_path, variants=variants)
    return attrs.field(metadata={METADATA_KEY: info})


def field_info(attribute: attrs.Attribute[Any]) -> FieldInfo | None:
    """The :class:`FieldInfo` of a model attribute, or None for a plain attribute."""
    info = attribute.metadata.get(METADATA_KEY)
    return info if isinstance(info, FieldInfo) else None


def text_validator(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a text field: a str."""
    if type(value) is not str:
        raise CellValueError(_where(inst, attribute), value, "expected a str", type_error=True)
