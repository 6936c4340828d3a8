"""
Write examples/tour.ipynb, the executed tour of the library, from the cells below.

Run ``python tools/make_notebook.py`` after editing the cells; CI executes the
notebook with nbclient (``python tools/run_notebook.py``) and fails on any error.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent

CELLS: list[tuple[str, str]] = [
    ("markdown", """# A tour of govinfo_report

This notebook builds a few 政府信息公开工作年度报告, checks them, prints them, compiles a summary of them and
plots what it found. It runs from the `examples/` folder of a checkout."""),
    ("code", """from pathlib import Path

import govinfo_report as gr

seed = gr.from_json(Path("data/wusu-2020.json").read_text(encoding="utf-8"))
seed.meta"""),
    ("markdown", """## Check a published report

The 2020 report of 乌苏市文化体育广播电视和旅游局, figures as published. `check` returns the findings; in a
notebook they display as a table."""),
    ("code", """findings = gr.check(seed)
findings"""),
    ("code", """print(gr.render_findings([f for f in findings if f.severity is gr.Severity.ERROR][:2], "text"))"""),
    ("markdown", """## Build reports from parts

Three departments of an invented county, in the 2021 edition. The builders derive every total."""),
    ("code", """import random

rng = random.Random(7)


def department(name: str) -> gr.AnnualReport:
    new = rng.randint(5, 40)
    disclosed = rng.randint(0, new)
    not_held = rng.randint(0, new - disclosed)
    return gr.AnnualReport.build(
        gr.ReportMeta(organ=name, year=2023, edition=gr.Edition.E2021),
        overview="本年度依法推进政府信息公开。",
        proactive={"licensing": {"decisions": rng.randint(0, 500)}, "penalties": {"decisions": rng.randint(0, 50)}},
        requests=gr.Requests.from_parts(
            "2021",
            received={"natural_person": new},
            disclosed={"natural_person": disclosed},
            unable={"not_held": {"natural_person": not_held}},
        ),
        problems="信息更新不够及时。",
        other_matters="未收取信息处理费。",
    )


members = [department(n) for n in ("示例县教育局", "示例县卫生健康委员会", "示例县交通运输局")]
[gr.check(m) for m in members]"""),
    ("code", """print(gr.render_table(members[0], "三"))"""),
    ("markdown", """## Compile the summary (汇总)

`aggregate` sums the members cell by cell; `check(..., members=...)` confirms each cell."""),
    ("code", """summary = gr.aggregate(members, organ="示例县人民政府")
gr.check(summary, members=members)"""),
    ("code", """summary.requests"""),
    ("markdown", """## Indicators and records"""),
    ("code", """for r in [*members, summary]:
    ind = gr.indicators(r)
    rate, done = gr.percent(ind.disclosure_rate), gr.percent(ind.completion_rate)
    print(f"{r.organ}: disclosure rate {rate}, completion {done}")"""),
    ("code", """records = list(gr.iter_records([*members, summary]))
len(records), records[0]"""),
    ("markdown", """## Audit a folder

`check_folder` reads and checks every report of a folder (JSON, text, HTML, Word); in a notebook the result
displays as the audit page: the summary, the charts, a sortable table of the files and each report's tables
with the faulty cells highlighted (`govinfo-report check data --format html -o audit.html` writes the same page)."""),
    ("code", """audit = gr.check_folder("data", workers=1)
audit"""),
    ("markdown", """## Plot (needs matplotlib, optional)

The figure is shown as a PNG image, whichever matplotlib backend is active (also the non-interactive Agg)."""),
    ("code", """try:
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed; skipping the plot")
else:
    import io

    from IPython.display import Image, display

    names = [m.organ.removeprefix("示例县") for m in members]
    received = [m.requests.received.total for m in members]
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.bar(range(len(names)), received)
    ax.set_xticks(range(len(names)), [f"member {i + 1}" for i in range(len(names))])
    ax.set_ylabel("requests received")
    fig.tight_layout()
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=100)
    plt.close(fig)  # shown once, below, whatever the backend
    display(Image(png.getvalue()))"""),
]


def build() -> nbformat.NotebookNode:
    """The notebook object, without outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, source in CELLS:
        maker = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(maker(source))
    return nb


def main() -> None:
    """Write examples/tour.ipynb."""
    nbformat.write(build(), ROOT / "examples" / "tour.ipynb")


if __name__ == "__main__":
    main()
