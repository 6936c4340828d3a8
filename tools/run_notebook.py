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


def missing_figures(nb: nbformat.NotebookNode) -> list[int]:
    """The indexes of the executed code cells that draw a matplotlib figure but display no image."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "plt.subplots" not in cell.source:
            continue
        shown = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        skipped = any("matplotlib is not installed" in o.get("text", "") for o in cell.get("outputs", []))
        if not shown and not skipped:
            out.append(i)
    return out


def execute(path: Path = NOTEBOOK) -> nbformat.NotebookNode:
    """The notebook at *path*, executed in its folder (raises CellExecutionError when a cell fails)."""
    nb = nbformat.read(path, as_version=4)
    resources = {"metadata": {"path": str(path.parent)}}
    NotebookClient(nb, timeout=300, kernel_name="python3", resources=resources).execute()
    return nb


def main() -> int:
    """Run every cell; print the failing cell's error and return 1 if one fails or a figure is not shown."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    resources = {"metadata": {"path": str(NOTEBOOK.parent)}}
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources=resources)
    try:
        client.execute()
    except CellExecutionError as exc:
        print(f"{NOTEBOOK.name}: a cell failed:\n{exc}", file=sys.stderr)
        return 1
    blind = missing_figures(nb)
    if blind:
        print(f"{NOTEBOOK.name}: cells {blind} draw a figure but show no image", file=sys.stderr)
        return 1
    print(f"{NOTEBOOK.name}: {sum(c.cell_type == 'code' for c in nb.cells)} code cells ran without error")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
