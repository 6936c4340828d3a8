"""
The report schema rebuilt in msgspec and in pydantic v2, for side-by-side benchmarks.

Both are generated from govinfo_report's own attrs model (the same field names,
types and constraints: counts ≥ 0 or null, signed counts, amounts as decimal
strings, strict types, unknown keys forbidden), so that the three libraries
decode and encode exactly the same documents.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union, get_args, get_origin

import attrs

import govinfo_report as gr
from govinfo_report._fields import Kind, field_info

AMOUNT_PATTERN = r"^\d+(\.\d+)?$"


def _leaf_type(info_kind: Kind, lib: str) -> Any:
    if lib == "msgspec":
        import msgspec

        if info_kind is Kind.COUNT:
            return Optional[Annotated[int, msgspec.Meta(ge=0)]]
        if info_kind is Kind.SIGNED:
            return Optional[int]
        return Optional[Annotated[str, msgspec.Meta(pattern=AMOUNT_PATTERN)]]
    import pydantic

    if info_kind is Kind.COUNT:
        return Optional[Annotated[int, pydantic.Field(ge=0, strict=True)]]
    if info_kind is Kind.SIGNED:
        return Optional[Annotated[int, pydantic.Field(strict=True)]]
    return Optional[Annotated[str, pydantic.Field(pattern=AMOUNT_PATTERN)]]


def _plain_type(tp: Any, lib: str, made: dict[Any, Any], edition: gr.Edition) -> Any:
    origin = get_origin(tp)
    if tp in (str, int):
        return tp
    if tp is dt.date:
        return dt.date
    if isinstance(tp, type) and issubclass(tp, gr.Edition):
        return Literal[edition.value]
    if isinstance(tp, type) and issubclass(tp, (gr.Scope, gr.AmountUnit)):
        return Literal[tuple(m.value for m in tp)]  # type: ignore[misc]
    if tp is Decimal:
        return str
    if origin is tuple:
        return list[_plain_type(get_args(tp)[0], lib, made, edition)]  # type: ignore[misc]
    if origin is Union or str(origin) == "<class 'types.UnionType'>":
        args = [a for a in get_args(tp) if a is not type(None)]
        inner = _plain_type(args[0], lib, made, edition) if len(args) == 1 else None
        return Optional[inner]
    if attrs.has(tp):
        return build(tp, lib, made, edition)
    raise TypeError(tp)


def build(cls: type, lib: str, made: dict[Any, Any], edition: gr.Edition) -> Any:
    """The msgspec Struct or pydantic model mirroring the attrs class *cls*."""
    if cls in made:
        return made[cls]
    attrs.resolve_types(cls)
    fields: list[tuple[str, Any, Any]] = []
    for a in attrs.fields(cls):
        info = field_info(a)
        if info is not None and info.kind in (Kind.COUNT, Kind.SIGNED, Kind.AMOUNT):
            tp = _leaf_type(info.kind, lib)
        elif info is not None and info.variants:
            tp = build(dict(info.variants)[edition.value], lib, made, edition)
        elif a.name == "proactive":
            tp = build(gr.Proactive2019 if edition is gr.Edition.E2019 else gr.Proactive2021, lib, made, edition)
        else:
            tp = _plain_type(a.type, lib, made, edition)
        has_default = a.default is not attrs.NOTHING
        default = a.default if has_default and not isinstance(a.default, attrs.Factory) else None  # type: ignore[arg-type]
        if isinstance(default, (gr.Scope, gr.AmountUnit)):
            default = default.value
        if isinstance(default, tuple):
            default = []
        fields.append((a.name, tp, default if has_default else attrs.NOTHING))
    if lib == "msgspec":
        import msgspec

        spec = [(n, t) if d is attrs.NOTHING else (n, t, d) for n, t, d in fields]
        if cls is gr.AnnualReport:
            spec.insert(0, ("format_version", Literal[1]))
        made[cls] = msgspec.defstruct(cls.__name__, spec, forbid_unknown_fields=True, kw_only=True)
    else:
        import pydantic

        spec2: dict[str, Any] = {n: (t, ... if d is attrs.NOTHING else d) for n, t, d in fields}
        if cls is gr.AnnualReport:
            spec2 = {"format_version": (Literal[1], ...), **spec2}
        config = pydantic.ConfigDict(extra="forbid", strict=True)
        made[cls] = pydantic.create_model(cls.__name__, __config__=config, **spec2)
    return made[cls]


def report_schema(lib: str, edition: gr.Edition | str) -> Any:
    """The top-level report type for *lib* ("msgspec" or "pydantic") and *edition*."""
    return build(gr.AnnualReport, lib, {}, gr.Edition(edition))
