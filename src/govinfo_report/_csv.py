"""
CSV output that a spreadsheet cannot run: formula neutralisation (CSV injection).

A spreadsheet opening a CSV file runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula (and some also after a leading tab or carriage
return), so a report whose organ is ``=HYPERLINK(...)`` could run code or leak
data on the machine of whoever opens the export.  Every CSV writer of the
library (records, indicators, folder checks) therefore writes such a *text*
cell with a leading apostrophe (``'=HYPERLINK(...)``), which spreadsheets show
as text.  Numbers are never changed: a count or a 本年增/减 of ``-3`` is written
``-3``.  Pipelines that need the text byte for byte pass ``neutralize=False``
(``--raw-csv`` on the command line).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""


def neutralize(value: Any) -> Any:
    """*value* with a leading apostrophe when it is text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(
    rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str], *, neutralize_text: bool = True, bom: bool = False
) -> str:
    """
    The rows as CSV with a header line; None is an empty field; text cells neutralised unless told not to.

    With *bom* the text starts with a UTF-8 byte-order mark, so that Excel opens it as UTF-8.
    """
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=fieldnames, lineterminator="\n")
    # the csv module quotes a field with a newline but not one with a lone carriage return, which
    # readers take for a line break: such a row is written with every field quoted
    quoted = csv.DictWriter(buf, fieldnames=fieldnames, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for r in rows:
        if neutralize_text:
            row = {k: ("" if r[k] is None else neutralize(r[k])) for k in fieldnames}
        else:
            row = {k: ("" if r[k] is None else r[k]) for k in fieldnames}
        if any(isinstance(x, str) and "\r" in x for x in row.values()):
            quoted.writerow(row)
        else:
            writer.writerow(row)
    return buf.getvalue()
