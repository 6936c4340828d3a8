"""
Write the PDF fixtures of tests/fixtures/pdf/: reports printed by our own tools, and hand-made variants.

Each ``NAME.pdf`` is written next to ``NAME.json``, the report it was made
from (``to_json``), which the tests compare with what ``parse_pdf`` reads.

* ``word-2019``, ``word-2021``: :func:`govinfo_report.write_docx` converted by LibreOffice.
* ``html-2019``, ``html-2021``: :func:`govinfo_report.render_html` printed by headless Chromium.
* ``word-municipal-2019``: a Word document as many organs print it: the organ on
  its own line above the title, 三、本年度办理结果 one character per line, the
  footer “- N -”, tables over page breaks.
* ``word-footer-2021``: a six-page Word document (longer narratives, our own
  prose) with the footer “第 N 页 共 M 页”; its tables run over page breaks and
  Word repeats their header rows.
* ``split-2019``: the page printed in large type, so that the tables break over
  pages (the ``thead`` header rows repeat), with the footer “— N —”.
* ``landscape-2021``: landscape A4 pages, footer “- N -” and a running header.
* ``unruled-2021``: the tables printed without borders.
* ``vertical-2021``: the labels of 三 in a narrow column, one character per
  line, and the organ printed on its own line above the title.
* ``scanned``: one page that is only an image (no text layer).
* ``mixed-2021``: ``word-2021`` with that scanned page after it.
* ``encrypted``: a short report that needs the password ``secret``.

Needs LibreOffice (``soffice``), Chromium, qpdf, python-docx and Pillow, and the
fonts-noto-cjk fonts; the tests need none of them.  Run from the repository root
(with fixture names, only those are written again):

    python tools/make_pdf_fixtures.py [NAME ...]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import govinfo_report as gr  # noqa: E402
from govinfo_report import vocab as v  # noqa: E402
from govinfo_report.render.text import default_title  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "pdf"
EXAMPLES = ROOT / "examples" / "data"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]

# Our own prose, to make the narratives of the six-page report long.
MORE = [
    "本局坚持以公开为常态、不公开为例外，逐项梳理职责范围内的政府信息，按月更新公开目录。",
    "围绕群众关心的不动产登记、耕地保护和地质灾害防治，及时发布办事指南、工作动态和政策解读。",
    "对依申请公开实行登记、审核、答复、归档全流程管理，答复文书统一格式并载明救济途径。",
    "年内组织业务培训两次，覆盖局属各单位信息公开联络员，提升了答复的规范性和时效性。",
]


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def _word(report: gr.AnnualReport, name: str, *, footer: str | None = None, municipal: bool = False) -> None:
    """
    write_docx, converted to PDF by LibreOffice.

    *footer* ``"pages"`` adds the footer 第 N 页 共 M 页, ``"dash"`` the footer - N -.
    *municipal* prints the document as many organs do: the organ on a line of its
    own above the title, and 三、本年度办理结果 written one character per line.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.docx"
        gr.write_docx(report, source)
        document = docx.Document(str(source))
        if footer:
            paragraph = document.sections[0].footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

            def field(code: str) -> None:
                run = paragraph.add_run()
                for kind, text in (("begin", None), (None, code), ("end", None)):
                    if kind:
                        element = OxmlElement("w:fldChar")
                        element.set(qn("w:fldCharType"), kind)
                    else:
                        element = OxmlElement("w:instrText")
                        element.set(qn("xml:space"), "preserve")
                        element.text = text
                    run._r.append(element)

            paragraph.add_run("第 " if footer == "pages" else "- ")
            field("PAGE")
            if footer == "pages":
                paragraph.add_run(" 页 共 ")
                field("NUMPAGES")
                paragraph.add_run(" 页")
            else:
                paragraph.add_run(" -")
        if municipal:
            title = document.paragraphs[0]
            organ = report.meta.organ or ""
            rest = title.text[len(organ) :]
            for run in title.runs[1:]:
                run._r.getparent().remove(run._r)
            title.runs[0].text = organ
            after = OxmlElement("w:p")
            title._p.addnext(after)
            from docx.text.paragraph import Paragraph

            second = Paragraph(after, title._parent)
            second.style = title.style
            second.add_run(rest)
            for table in document.tables:
                for cell in {id(c): c for row in table.rows for c in row.cells}.values():
                    if cell.text == v.RESULTS.zh:
                        first = cell.paragraphs[0]
                        for extra in cell.paragraphs[1:]:
                            extra._p.getparent().remove(extra._p)
                        first.runs[0].text = v.RESULTS.zh[0]
                        for run in first.runs[1:]:
                            run._r.getparent().remove(run._r)
                        for char in v.RESULTS.zh[1:]:
                            cell.add_paragraph(char)
        document.save(str(source))
        profile = Path(tmp) / "profile"
        _run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ]
        )
        _compress(Path(tmp) / f"{name}.pdf", OUT / f"{name}.pdf")


def _chromium(html: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        printed = Path(tmp) / "out.pdf"
        _run(
            ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={printed}", page.as_uri()]
        )
        _compress(printed, OUT / f"{name}.pdf")


def _compress(source: Path, target: Path) -> None:
    """qpdf packs the objects into compressed streams (Chromium's output shrinks to half)."""
    _run(
        [
            "qpdf",
            "--object-streams=generate",
            "--recompress-flate",
            "--compression-level=9",
            "--deterministic-id",
            str(source),
            str(target),
        ]
    )


def _styled(report: gr.AnnualReport, css: str, *, organ_line: bool = False) -> str:
    html = gr.render_html(report)
    html = html.replace("</head>", f"<style>\n{css}\n</style>\n</head>", 1)
    if organ_line:
        title = report.meta.title or default_title(report)
        organ = report.meta.organ or ""
        rest = title[len(organ) :] if title.startswith(organ) else title
        html = html.replace(f"<h1>{title}</h1>", f'<p class="organ">{organ}</p>\n<h1>{rest}</h1>', 1)
    return html


def _save(report: gr.AnnualReport, name: str) -> None:
    (OUT / f"{name}.json").write_text(gr.to_json(report, indent=2) + "\n", encoding="utf-8")


def _longer(report: gr.AnnualReport, extra: int = 0) -> gr.AnnualReport:
    subsections = tuple(attrs.evolve(s, text="\n".join([s.text, *MORE])) for s in report.overview.subsections)
    text = "\n".join([report.overview.text, *MORE, *MORE[::-1], *MORE[:extra]])
    overview = attrs.evolve(report.overview, text=text, subsections=subsections)
    problems = attrs.evolve(report.problems, text="\n".join([report.problems.text, *MORE, *MORE[::-1]]))
    return attrs.evolve(report, overview=overview, problems=problems)


SPLIT_CSS = """
@page { size: A4; margin: 2cm 1.8cm; @bottom-center { content: "— " counter(page) " —"; } }
.govinfo-report .govinfo-table { font-size: 15pt; }
.govinfo-report .govinfo-table th, .govinfo-report .govinfo-table td { padding: 0.8em 0.3em; }
"""
LANDSCAPE_CSS = """
@page { size: A4 landscape; margin: 2cm 2cm;
        @top-right { content: "政务公开"; } @bottom-center { content: "- " counter(page) " -"; } }
"""
UNRULED_CSS = """
.govinfo-report .govinfo-table, .govinfo-report .govinfo-table th, .govinfo-report .govinfo-table td {
  border: none !important; }
"""
VERTICAL_CSS = """
.govinfo-report .govinfo-table-requests th.label[rowspan]:not([colspan]) {
  writing-mode: vertical-rl; text-orientation: upright; text-align: center; }
.govinfo-report p.organ { text-align: center; font-size: 1.4em; text-indent: 0; }
"""


def _encrypted(report: gr.AnnualReport) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.pdf"
        _word(report, "encrypted-plain")
        shutil.move(str(OUT / "encrypted-plain.pdf"), plain)
        _run(["qpdf", "--encrypt", "secret", "owner-secret", "256", "--", str(plain), str(OUT / "encrypted.pdf")])


def _mixed(name: str) -> None:
    """word-2021 with the scanned page after its last page."""
    with tempfile.TemporaryDirectory() as tmp:
        _scanned(Path(tmp) / "scan.pdf")
        _run(["qpdf", "--empty", "--pages", str(OUT / "word-2021.pdf"), str(Path(tmp) / "scan.pdf"), "--",
              str(OUT / f"{name}.pdf")])


def main(argv: list[str]) -> int:
    """Write every fixture, or only those named on the command line."""
    missing = [tool for tool in ("soffice", "chromium", "qpdf") if shutil.which(tool) is None]
    if missing:
        print(f"missing programs: {', '.join(missing)}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    r2019 = gr.from_json((EXAMPLES / "wusu-2020.json").read_bytes())
    r2021 = gr.from_json((EXAMPLES / "example-2023.json").read_bytes())
    short = gr.AnnualReport.blank("2021", organ="某某县统计局", year=2022, fill=0)
    fixtures: dict[str, tuple[gr.AnnualReport | None, Callable[[str], None]]] = {
        "word-2019": (r2019, lambda name: _word(r2019, name)),
        "word-2021": (r2021, lambda name: _word(r2021, name)),
        "html-2019": (r2019, lambda name: _chromium(gr.render_html(r2019), name)),
        "html-2021": (r2021, lambda name: _chromium(gr.render_html(r2021), name)),
        "word-footer-2021": (_longer(r2021), lambda name: _word(_longer(r2021), name, footer="pages")),
        "word-municipal-2019": (
            _longer(r2019, 3),
            lambda name: _word(_longer(r2019, 3), name, footer="dash", municipal=True),
        ),
        "split-2019": (r2019, lambda name: _chromium(_styled(r2019, SPLIT_CSS), name)),
        "landscape-2021": (r2021, lambda name: _chromium(_styled(r2021, LANDSCAPE_CSS), name)),
        "unruled-2021": (r2021, lambda name: _chromium(_styled(r2021, UNRULED_CSS), name)),
        "vertical-2021": (r2021, lambda name: _chromium(_styled(r2021, VERTICAL_CSS, organ_line=True), name)),
        "scanned": (None, lambda name: _scanned(OUT / f"{name}.pdf")),
        "mixed-2021": (r2021, _mixed),
        "encrypted": (short, lambda name: _encrypted(short)),
    }
    unknown = set(argv) - set(fixtures)
    if unknown:
        print(f"unknown fixtures: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 1
    for name, (report, make) in fixtures.items():
        if argv and name not in argv:
            continue
        make(name)
        if report is not None:
            _save(report, name)
        path = OUT / f"{name}.pdf"
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    return 0


def _scanned(target: Path) -> None:
    """A page as a scanner makes it: one black-and-white image, no text."""
    from PIL import Image, ImageDraw

    image = Image.new("1", (620, 877), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((150, 60, 470, 80), fill=0)  # where a title would be
    for y in range(130, 420, 22):
        draw.rectangle((70, y, 550, y + 8), fill=0)
    for y in range(450, 800, 25):
        draw.line((60, y, 560, y), fill=0)
    image.save(target, "PDF", resolution=75.0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
