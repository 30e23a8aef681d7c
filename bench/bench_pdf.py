"""Benchmark: building the full kickoff PDF relative to reportlab building a plain document.

Measures, in one process, for the shipped risky example with its default plan:
- kickoff: median wall time of `build_pdf(report)` (story, tables, charts, fonts, page X of Y);
- baseline: median wall time of reportlab's SimpleDocTemplate building plain paragraphs in the same
  font (DejaVu Sans, so both pay for TrueType subsetting) until it has the same page count.

The report (assessment and Monte Carlo) is built once beforehand: this measures the rendering.
The ratio kickoff/baseline is compared with the target (<= 3.0). Not a test: it prints and never
fails a build. `run()` returns the result for bench/run_all.py.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 3.0
WARMUPS = 1
RUNS = 5

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

LOREM = ("Kickoff plans help teams agree on requirements, data and integration before model work starts. "
         "Each paragraph here is plain running text without tables or charts. ") * 3


from _timing import median_ms  # noqa: E402


def _median_ms(step) -> float:
    return median_ms(lambda _i: step(), RUNS, WARMUPS)


def _plain_pdf(paragraphs: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from planner.render.plan_pdf import FONT, register_fonts

    register_fonts()
    style = ParagraphStyle("plain", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(LOREM, style) for _ in range(paragraphs)])
    return buffer.getvalue()


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")


def _paragraphs_for(pages: int) -> int:
    """The smallest number of plain paragraphs that fills `pages` pages."""
    count = 10
    while _pages(_plain_pdf(count)) < pages:
        count *= 2
    low, high = count // 2, count
    while low < high:
        mid = (low + high) // 2
        if _pages(_plain_pdf(mid)) >= pages:
            high = mid
        else:
            low = mid + 1
    return low


def run() -> dict:
    from planner.answers import answers_from_document
    from planner.content import load_content
    from planner.plan import default_plan
    from planner.plan.report import build_report
    from planner.render.plan_pdf import build_pdf
    from planner.safe_yaml import load_yaml

    content = load_content()
    answers = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), content, "risky")
    report = build_report(content, answers, default_plan(content, answers), project_name="Benchmark project")
    pdf = build_pdf(report)
    pages = _pages(pdf)
    paragraphs = _paragraphs_for(pages)
    assert _pages(_plain_pdf(paragraphs)) == pages

    kickoff = _median_ms(lambda: build_pdf(report))
    baseline = _median_ms(lambda: _plain_pdf(paragraphs))
    ratio = kickoff / baseline
    print(f"pdf build: kickoff plan {kickoff:.0f} ms, plain document {baseline:.0f} ms "
          f"({pages} pages each, {paragraphs} plain paragraphs), ratio {ratio:.2f} (target <= {TARGET})")
    return {"name": "pdf_build", "ratio": ratio, "target": TARGET, "passed": ratio <= TARGET}


if __name__ == "__main__":
    run()
