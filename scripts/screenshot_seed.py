"""
Render the seed example to HTML and take a PNG screenshot of it with headless Chromium.

The example report (``examples/data/wusu-2020.json``, 2019 edition) is rendered
with :func:`govinfo_report.render_html` and opened in headless Chromium, which
writes ``docs/img/wusu-2020.png`` for the documentation.  It is also a check
that a real browser lays out the merged cells of the three tables as intended.

Needs a ``chromium`` (or ``chromium-browser``/``google-chrome``) executable and a
font with Chinese glyphs; on Debian/Ubuntu::

    apt-get install -y chromium fonts-noto-cjk

Usage::

    python scripts/screenshot_seed.py [--json FILE] [--output PNG] [--width 1100] [--height 2200]

Exit status 0 on success, 2 when no Chromium is found or it fails.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "wusu-2020.json"
OUTPUT = ROOT / "docs" / "img" / "wusu-2020.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The path of a Chromium-like browser on PATH, or None."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html: str, output: Path, *, browser: str, width: int = 1100, height: int = 2200) -> None:
    """
    Write a PNG screenshot of *html* (a complete page) to *output* with headless *browser*.

    Raises:
        RuntimeError: The browser failed or wrote no file.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={output}",
            f"--window-size={width},{height}",
            page.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not output.is_file():
        raise RuntimeError(f"{browser} failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def main(argv: list[str] | None = None) -> int:
    """Render the example and take the screenshot; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--json", type=Path, default=EXAMPLE, help="the report as JSON (default: the seed example)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=2200)
    args = parser.parse_args(argv)

    import govinfo_report as gr
    from govinfo_report.render.html import render_html

    browser = find_chromium()
    if browser is None:
        print("no chromium found; install it (apt-get install -y chromium fonts-noto-cjk)", file=sys.stderr)
        return 2
    report = gr.from_json(args.json.read_bytes())
    try:
        screenshot(render_html(report), args.output, browser=browser, width=args.width, height=args.height)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        print(exc, file=sys.stderr)
        return 2
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
