"""The seed example rendered to HTML and photographed by headless Chromium (skipped without Chromium)."""

from __future__ import annotations

from pathlib import Path

from .helpers import SCREENSHOT_SCRIPT, assert_screenshot, chromium, load_module


def test_screenshot_of_the_seed_example(tmp_path: Path) -> None:
    """The script writes a PNG of the requested size, and it is not a blank page."""
    chromium()
    script = load_module(SCREENSHOT_SCRIPT, "screenshot_seed")
    target = tmp_path / "wusu.png"

    status = script.main(["--output", str(target), "--width", "900", "--height", "1200"])

    assert status == 0
    assert_screenshot(target.read_bytes(), 900, 1200)
