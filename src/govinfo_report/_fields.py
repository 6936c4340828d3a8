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
import sys
from collections.abc import Callable
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


MAX_COUNT = 10**15 - 1
"""
The largest count (and the largest magnitude of a 本年增/减) that the JSON form reads.

Fifteen digits are far beyond any report and still exact as a float, in
spreadsheets and in JavaScript; a larger number is hostile or broken input.
:func:`govinfo_report.from_json`, the JSON Schema and the importers' cell
reader refuse it; the model itself does not (a sum of summaries may pass it).
"""

AMOUNT_PATTERN = r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,18})?"
"""An amount in JSON, matched whole: ``str(Decimal)`` of a finite amount ≥ 0, ASCII digits, no sign, no spaces."""


@frozen
class CellKind:
    """
    One kind of table cell, described once: what every layer that reads or writes a cell follows.

    The model's validators (:func:`cell`), the JSON converter (its cattrs hooks
    and its generated fast path), the JSON Schema and the importers' cell reader
    (``importers.normalize.read_cell``) all read this table, :data:`CELL_KINDS`.

    Attributes:
        kind: The :class:`Kind`.
        name: The short name the importers use (``"count"``, ``"signed"``, ``"amount"``).
        python_type: The exact type of a value (``int`` or ``Decimal``); None is a blank cell.
        signed: True when a value may be below 0 (本年增/减).
        bound: The largest magnitude that the JSON form and the importers read
            (:data:`MAX_COUNT`), or None (amounts). The model does not enforce it.
        type_error: The model's message for a value of another type.
        json_type_error: The converter's message for a JSON value of another type.
        json_pattern: For an amount, the pattern its JSON decimal string matches whole.
    """

    kind: Kind
    name: str
    python_type: type
    signed: bool
    bound: int | None
    type_error: str
    json_type_error: str
    json_pattern: str | None = None

    @property
    def minimum(self) -> int | None:
        """The smallest value that JSON reads: 0, ``-bound`` for a signed count."""
        if not self.signed:
            return 0
        return None if self.bound is None else -self.bound

    @property
    def maximum(self) -> int | None:
        """The largest value that JSON reads (None: no bound)."""
        return self.bound

    @property
    def negative_error(self) -> str:
        """The message for a value below 0 where the kind has no sign."""
        return f"{'an amount' if self.python_type is Decimal else 'a count'} cannot be negative"

    @property
    def size_error(self) -> str:
        """The message for a count beyond :attr:`bound`."""
        return f"a count has at most {len(str(self.bound))} digits"

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of a cell of this kind: its value, or null for a blank cell."""
        if self.json_pattern is not None:
            return {"type": ["string", "null"], "pattern": schema_pattern(self.json_pattern)}
        out: dict[str, Any] = {"type": ["integer", "null"]}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def in_bounds(self, value: int) -> bool:
        """True when the int *value* lies between :attr:`minimum` and :attr:`maximum`."""
        low, high = self.minimum, self.maximum
        return (low is None or value >= low) and (high is None or value <= high)

    @property
    def validator(self) -> Callable[[object, attrs.Attribute[Any], object], None]:
        """The model's validator of a cell of this kind: its type and its sign (None, a blank cell, is valid)."""
        return _VALIDATORS[self.kind]


def schema_pattern(pattern: str) -> str:
    """
    *pattern* matched whole, as a JSON Schema ``pattern`` (which searches) must say it.

    The end is ``$(?!\\n)``: in ECMA-262 ``$`` is the end, and in Python it also
    matches before a final newline, which the lookahead refuses.
    """
    return f"^(?:{pattern})$(?!\\n)"


CELL_KINDS: dict[Kind, CellKind] = {
    Kind.COUNT: CellKind(
        Kind.COUNT, "count", int, False, MAX_COUNT, "expected an int or None (blank)", "expected an int or null"
    ),
    Kind.SIGNED: CellKind(
        Kind.SIGNED, "signed", int, True, MAX_COUNT, "expected an int or None (blank)", "expected an int or null"
    ),
    Kind.AMOUNT: CellKind(
        Kind.AMOUNT,
        "amount",
        Decimal,
        False,
        None,
        "expected a Decimal or None (blank)",
        "expected a decimal string or null",
        AMOUNT_PATTERN,
    ),
}
"""Every kind of table cell, by its :class:`Kind`."""

CELL_KINDS_BY_NAME: dict[str, CellKind] = {k.name: k for k in CELL_KINDS.values()}
"""The same table by :attr:`CellKind.name` (``"count"``, ``"signed"``, ``"amount"``)."""


def _make_validator(spec: CellKind) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """The validator of one kind, specialised once (it runs for every cell of every report built)."""
    kind, type_error, negative_error = spec.python_type, spec.type_error, spec.negative_error
    if kind is Decimal:

        def validate_amount(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
            if value is None:
                return
            if type(value) is not Decimal:
                raise CellValueError(_where(inst, attribute), value, type_error, type_error=True)
            if not value.is_finite():
                raise CellValueError(_where(inst, attribute), value, "an amount must be a finite number")
            if value.is_signed():  # -0 too: its JSON form "-0" is not an amount
                raise CellValueError(_where(inst, attribute), value, negative_error)

        return validate_amount
    if spec.signed:

        def validate_signed(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
            if value is not None and type(value) is not kind:
                raise CellValueError(_where(inst, attribute), value, type_error, type_error=True)

        return validate_signed

    def validate_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if type(value) is not kind:
            raise CellValueError(_where(inst, attribute), value, type_error, type_error=True)
        if value < 0:  # type: ignore[operator]
            raise CellValueError(_where(inst, attribute), value, negative_error)

    return validate_count


_VALIDATORS = {k: _make_validator(spec) for k, spec in CELL_KINDS.items()}


def _where(inst: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(inst).__name__}.{attribute.name}"


def cell_kind_of(attribute: attrs.Attribute[Any]) -> CellKind | None:
    """
    The :class:`CellKind` of a model attribute: a table cell, or a value validated as one; else None.

    The fees of section 六 (``ProcessingFees``) are not cells of a table but are
    validated as a count and an amount: they have a kind too.
    """
    info = attribute.metadata.get(METADATA_KEY)
    if isinstance(info, FieldInfo):
        return CELL_KINDS.get(info.kind)
    for spec in CELL_KINDS.values():
        if attribute.validator is spec.validator:
            return spec
    return None


def cell(term: Term, *, kind: Kind = Kind.COUNT, header: tuple[Term, ...] = ()) -> Any:
    """
    Declare a table cell: a count (default), a signed count or an amount.

    The cell is required (no default): a report always says every cell, even
    if what it says is blank (None).
    """
    info = FieldInfo(term=term, kind=kind, header=header)
    return attrs.field(validator=CELL_KINDS[kind].validator, metadata={METADATA_KEY: info})


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


def field_type(cls: type, attribute: attrs.Attribute[Any]) -> Any:
    """
    The type of *attribute* of the attrs class *cls*, with a string annotation resolved.

    The model writes its annotations as strings (``from __future__ import annotations``).  One
    that names a class of the module is looked up there, which is what :func:`attrs.resolve_types`
    would find, without evaluating every annotation of the class; any other is left to it.
    """
    t = attribute.type
    if isinstance(t, str):
        found = vars(sys.modules[cls.__module__]).get(t)
        if isinstance(found, type):
            return found
        attrs.resolve_types(cls)
        t = getattr(attrs.fields(cls), attribute.name).type
    return t


def text_validator(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a text field: a str."""
    if type(value) is not str:
        raise CellValueError(_where(inst, attribute), value, "expected a str", type_error=True)
