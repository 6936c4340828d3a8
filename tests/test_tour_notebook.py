"""The tour notebook runs, shows its figure under the non-interactive Agg backend, and the audit page inline."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT
from .helpers import load_module


def _tool() -> ModuleType:
    for name in ("nbclient", "nbformat", "ipykernel", "matplotlib"):
        pytest.importorskip(name)
    return load_module(ROOT / "tools" / "run_notebook.py", "run_notebook")


def test_tour_shows_its_figure_and_the_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Executed with MPLBACKEND=Agg (as CI does), the plot cell displays a PNG and the folder check an audit page."""
    tool = _tool()
    monkeypatch.setenv("MPLBACKEND", "Agg")

    nb = tool.execute(Path(tool.NOTEBOOK))

    assert tool.missing_figures(nb) == []
    [plot] = [c for c in nb.cells if c.cell_type == "code" and "plt.subplots" in c.source]
    assert sum("image/png" in o.get("data", {}) for o in plot.outputs) == 1
    [audit] = [c for c in nb.cells if c.cell_type == "code" and "check_folder" in c.source]
    [shown] = [o for o in audit.outputs if "text/html" in o.get("data", {})]
    assert '<table class="audit files sortable">' in shown["data"]["text/html"]
