"""
Execute examples/tour.ipynb with nbclient, in the examples/ folder; exit 1 on any error.

Used by CI.  Needs the ``notebook`` extra (nbclient, nbformat, ipykernel).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "tour.ipynb"


def main() -> int:
    """Run every cell; print the failing cell's error and return 1 if one fails."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    resources = {"metadata": {"path": str(NOTEBOOK.parent)}}
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources=resources)
    try:
        client.execute()
    except CellExecutionError as exc:
        print(f"{NOTEBOOK.name}: a cell failed:\n{exc}", file=sys.stderr)
        return 1
    print(f"{NOTEBOOK.name}: {sum(c.cell_type == 'code' for c in nb.cells)} code cells ran without error")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
