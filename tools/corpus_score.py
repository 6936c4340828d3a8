"""
Score the importer on a corpus of real excerpts: per file, the cells right, wrong and missing, and the refusals.

    python tools/corpus_score.py ../shared/corpus            # as a user runs it: no organ or year given
    python tools/corpus_score.py ../shared/corpus --hints    # organ and year from index.json (for comparison)
    python tools/corpus_score.py ../shared/corpus -v         # also list every cell that is not right

The corpus folder holds the excerpts and an ``index.json`` whose ``expected`` entries give the cells as printed
(see the corpus README): ``II`` (row label → strings in ``II_column_order``), ``III`` (row label → 7 values),
``IV`` (15 values) and ``partial_rows_III``.  A cell is *right* when the parsed value equals the printed one,
*wrong* when the parser gives another number (the one thing that must never happen), *missing* when it is blank.
A *refusal* is a :class:`~govinfo_report.errors.ParseError`.

The expected values are read here by a small reader of its own, independent of the importer: a sign (+, -, 增,
减), digits, an optional fraction and an optional unit (元, 万元).

Exit status: 0 when every expected cell is right and no file is refused, else 1.  Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from govinfo_report import AnnualReport, Edition  # noqa: E402
from govinfo_report.errors import ParseError  # noqa: E402
from govinfo_report.importers import parse  # noqa: E402
from govinfo_report.model import AmountUnit  # noqa: E402
from govinfo_report.tables import RowSpec, get_cell, layout  # noqa: E402

_NUMBER = re.compile(r"^(?P<sign>[+\-增减])?(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|元)?$")
_PUNCT = re.compile(r"[\W_]+")


def _key(label: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", label))


class Expected(NamedTuple):
    """One expected cell: its path, the value printed and the unit printed (or None)."""

    table: str
    row: str
    path: str
    value: int | Decimal | None
    unit: AmountUnit | None


def _printed(text: str | int | None) -> tuple[int | Decimal | None, AmountUnit | None]:
    """An expected value as a number and unit (an independent reader, on purpose not the importer's)."""
    if text is None or isinstance(text, int):
        return text, None
    m = _NUMBER.match(text.strip())
    if m is None:
        raise ValueError(f"cannot read the expected value {text!r}")
    num = m.group("num")
    value: int | Decimal = Decimal(num) if "." in num else int(num)
    if m.group("sign") in ("-", "减"):
        value = -value
    unit = {"元": AmountUnit.YUAN, "万元": AmountUnit.WAN_YUAN}.get(m.group("unit") or "")
    return value, unit


def _find_row(rows: Sequence[RowSpec], label: str, edition: Edition) -> RowSpec:
    """The row an index label names: its last part is the row's own label, the parts before name its groups."""
    parts = [_key(p) for p in label.split()]
    # the 2019 label of 行政规范性文件 (some 2021-edition reports print it): the same row
    aliases = {_key("规范性文件"): _key("行政规范性文件")} if edition is Edition.E2021 else {}
    own = parts[-1]
    for row in rows:
        keys = [_key(t.zh) for t in row.labels]
        same = keys[-1] in (own, aliases.get(own)) or (keys[-1].startswith(own) and own.endswith(_key("部分公开")))
        if same and all(p in keys for p in parts[:-1]):
            return row
    raise KeyError(f"no row {label!r} in table of the {edition.value} edition")


def expected_cells(entry: dict[str, Any]) -> Iterator[Expected]:
    """Every expected cell of one index entry."""
    edition = Edition(entry["edition"])
    lay = layout(edition)
    exp = entry["expected"]
    order: dict[str, list[str]] = exp.get("II_column_order", {})
    columns = {name: cols for group, cols in order.items() for name in group.split("/")}
    for label, values in exp.get("II", {}).items():
        row = _find_row(lay.table("二").rows, label, edition)
        cols = columns.get(label) or [c.column for c in row.cells]
        by_column = {_key(c.column_terms[-1].zh): c for c in row.cells}
        for col, text in zip(cols, values, strict=True):
            cell = by_column.get(_key(col)) or row.cells[cols.index(col)]
            value, unit = _printed(text)
            yield Expected("II", label, cell.path, value, unit)
    rows_iii = {**entry.get("partial_rows_III", {}), **exp.get("partial_rows_III", {}), **exp.get("III", {})}
    for label, values in rows_iii.items():
        row = _find_row(lay.table("三").rows, label, edition)
        if len(values) != len(row.cells):
            # a 2019-style single （六）其他处理 row in a 2021-edition report: its seven cells are the group's total
            continue
        for cell, value in zip(row.cells, values, strict=True):
            yield Expected("III", label, cell.path, value, None)
    if "IV" in exp:
        for cell, value in zip(lay.table("四").cells, exp["IV"], strict=True):
            yield Expected("IV", cell.row, cell.path, value, None)


class Score(NamedTuple):
    """The result for one file."""

    file: str
    right: int
    wrong: list[tuple[Expected, object]]
    missing: list[Expected]
    refused: str | None
    diagnostics: int


def score_file(folder: Path, entry: dict[str, Any], hints: bool) -> Score:
    """Parse one corpus file and compare its cells with the index."""
    cells = list(expected_cells(entry))
    kwargs: dict[str, Any] = {}
    if hints:
        kwargs = {"organ": entry["organ"] or "未知", "year": entry["year"] or int(entry["edition"])}
    try:
        result = parse(folder / entry["file"], **kwargs)
    except ParseError as exc:
        return Score(entry["file"], 0, [], cells, str(exc), 0)
    report = result.report
    assert isinstance(report, AnnualReport)
    right, wrong, missing = 0, [], []
    for exp in cells:
        if report.meta.edition.value != entry["edition"]:
            got: object = f"edition {report.meta.edition.value}"
        else:
            got = get_cell(report, exp.path)
        if exp.value is None and got is None:
            right += 1
        elif got is None:
            missing.append(exp)
        elif isinstance(got, (int, Decimal)) and got == exp.value and _unit_ok(report, exp):
            right += 1
        else:
            wrong.append((exp, got))
    return Score(entry["file"], right, wrong, missing, None, len(result.diagnostics))


def _unit_ok(report: AnnualReport, exp: Expected) -> bool:
    if exp.unit is None or not exp.path.startswith("$.proactive.procurement"):
        return True
    return report.proactive.procurement.amount_unit is exp.unit  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path, help="the corpus folder (with index.json)")
    parser.add_argument("--hints", action="store_true", help="pass organ and year from index.json to the parser")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every cell that is not right")
    args = parser.parse_args(argv)
    entries = json.loads((args.corpus / "index.json").read_text(encoding="utf-8"))
    totals = [0, 0, 0, 0]
    print(f"{'file':<10} {'right':>6} {'wrong':>6} {'missing':>8}  refused")
    for entry in entries:
        s = score_file(args.corpus, entry, args.hints)
        print(f"{s.file:<10} {s.right:>6} {len(s.wrong):>6} {len(s.missing):>8}  {s.refused or ''}")
        totals[0] += s.right
        totals[1] += len(s.wrong)
        totals[2] += len(s.missing)
        totals[3] += s.refused is not None
        if args.verbose:
            for exp, got in s.wrong:
                print(f"    WRONG   {exp.table} {exp.row} {exp.path}: expected {exp.value}, got {got}")
            if s.refused is None:
                for exp in s.missing:
                    print(f"    MISSING {exp.table} {exp.row} {exp.path}: expected {exp.value}")
    n = totals[0] + totals[1] + totals[2]
    share = 100 * totals[0] / n if n else 100.0
    print(f"{'total':<10} {totals[0]:>6} {totals[1]:>6} {totals[2]:>8}  {totals[3]} refused; {share:.1f}% right")
    return 0 if totals[1] == totals[2] == totals[3] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
