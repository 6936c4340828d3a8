"""The seed example rendered to HTML and photographed by headless Chromium (skipped without Chromium)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "screenshot_seed.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshot_seed", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_of_the_seed_example(tmp_path: Path) -> None:
    """The script writes a PNG of the requested size, and it is not a blank page."""
    script = _script()
    if script.find_chromium() is None:
        pytest.skip("no chromium on PATH")
    target = tmp_path / "wusu.png"

    status = script.main(["--output", str(target), "--width", "900", "--height", "1200"])

    assert status == 0
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (900, 1200)
    assert len(data) > 20_000  # a white page compresses to a few hundred bytes
