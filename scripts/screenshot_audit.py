"""
Make a small folder of mixed report files, audit it, and take a PNG screenshot of the page with headless Chromium.

The folder holds the two example reports (``examples/data``) and variants of the 2023
example under invented organ names, written as JSON, text, HTML and (with python-docx)
Word, a few with a wrong total, and one broken file.  The audit page
(:func:`govinfo_report.analysis.audit.render_audit_html`) is photographed into ``docs/img/audit.png``
for docs/howto-audit.md.

Needs Chromium and a font with Chinese glyphs (see scripts/screenshot_seed.py).

Usage::

    python scripts/screenshot_audit.py [--output PNG] [--width 1000] [--height 1400] [--html PAGE]

Exit status 0 on success, 2 when no Chromium is found or it fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "examples" / "data"
OUTPUT = ROOT / "docs" / "img" / "audit.png"
ORGANS = ("示例县教育局", "示例县卫生健康委员会", "示例县交通运输局", "示例县民政局", "示例县财政局", "示例县水利局")


def _seed_script() -> object:
    spec = importlib.util.spec_from_file_location("screenshot_seed", ROOT / "scripts" / "screenshot_seed.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_folder(folder: Path) -> None:
    """Write the demonstration folder."""
    import govinfo_report as gr
    from govinfo_report.render.html import render_html

    for name in ("wusu-2020.json", "example-2023.json"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    base = gr.from_json((DATA / "example-2023.json").read_bytes())
    writers = ["txt", "html", "docx" if importlib.util.find_spec("docx") else "json", "json"]
    for i, organ in enumerate(ORGANS):
        report = attrs.evolve(base, meta=attrs.evolve(base.meta, organ=organ))
        received = gr.get_cell(report, "$.requests.received.natural_person")
        report = gr.replace_cell(report, "$.requests.received.natural_person", (received or 0) + i % 3)
        kind = writers[i % len(writers)]
        target = folder / f"{i + 1:02d}-{organ}.{kind}"
        if kind == "txt":
            target.write_text(gr.render_text(report), encoding="utf-8")
        elif kind == "html":
            target.write_text(render_html(report), encoding="utf-8")
        elif kind == "docx":
            gr.write_docx(report, target)
        else:
            target.write_text(gr.to_json(report), encoding="utf-8")
    (folder / "scan.docx").write_bytes(b"not a Word document")


def main(argv: list[str] | None = None) -> int:
    """Make the folder, audit it and take the screenshot; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=1400)
    parser.add_argument("--html", type=Path, help="also keep the page here")
    args = parser.parse_args(argv)

    from govinfo_report import check_folder
    from govinfo_report.analysis.audit import render_audit_html

    seed: object = _seed_script()
    browser = seed.find_chromium()  # type: ignore[attr-defined]
    if browser is None:
        print("no chromium found; install it (apt-get install -y chromium fonts-noto-cjk)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_folder(folder)
        page = render_audit_html(check_folder(folder, workers=1))
    page = page.replace(f"<p class=\"folder\">{folder}</p>", '<p class="folder">reports/</p>')
    if args.html is not None:
        args.html.write_text(page, encoding="utf-8")
    try:
        seed.screenshot(page, args.output, browser=browser, width=args.width, height=args.height)  # type: ignore[attr-defined]
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        print(exc, file=sys.stderr)
        return 2
    _shrink(args.output)
    print(args.output)
    return 0


def _shrink(png: Path) -> None:
    """Fewer colours, same pixels to the eye: keeps the PNG small (with Pillow, when it is installed)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=64)
    small.save(png, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
