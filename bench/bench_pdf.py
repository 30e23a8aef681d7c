"""Benchmark: building the full kickoff PDF relative to reportlab building a plain document.

Measures, in one process, for the shipped risky example with its default plan:
- kickoff: median wall time of `build_pdf(report)` (story, tables, charts, fonts, page X of Y);
- baseline: median wall time of reportlab's SimpleDocTemplate building plain paragraphs in the same
  font (DejaVu Sans, so both pay for TrueType subsetting) until it has the same page count.

The two are built in turn (kickoff, plain, kickoff, ...), so both see the same machine load.
The report (assessment and Monte Carlo) is built once beforehand: this measures the rendering.
The ratio kickoff/baseline is compared with the target (<= 3.0).

pdf_raci_rows: the PDF of the same plan with a large RACI matrix (16 roles; one A and one R per row,
C and I spread over the rest), in ms, target <= 1,000 ms - at the model's cap (ROW_LIMITS, 60 rows) and,
report-only, at the issue's 500 rows (a plan the model refuses; built with model_copy, bypassing it).
Not a test: it prints and never fails a build. `run()` returns the results for bench/run_all.py.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 3.0
RACI_TARGET_MS = 1000.0
RACI_ROLES = 16
RACI_ISSUE_ROWS = 500
WARMUPS = 1
RUNS = 5

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

LOREM = ("Kickoff plans help teams agree on requirements, data and integration before model work starts. "
         "Each paragraph here is plain running text without tables or charts. ") * 3


from _timing import interleaved_ms, median_ms  # noqa: E402


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


def _raci_letter(row: int, role: int) -> str:
    """One A and one R per row (moving along the roles), C, I or nothing in the other cells."""
    offset = (role - row) % RACI_ROLES
    return "A" if offset == 0 else "R" if offset == 1 else ("C", "I", "")[(row + role) % 3]


def _with_raci(plan, rows: int):
    """`plan` with RACI_ROLES roles and `rows` RACI activities (validated up to the model's cap, copied beyond it)."""
    from planner.plan.model import ROW_LIMITS, RaciRow, Role

    roles = [Role(name=f"Role {j + 1}") for j in range(RACI_ROLES)]
    raci = [RaciRow(activity=f"Activity {i + 1}: agree the data refresh and who signs it off",
                    cells={r.name: _raci_letter(i, j) for j, r in enumerate(roles)}) for i in range(rows)]
    if rows <= ROW_LIMITS["raci"][0]:
        return type(plan).model_validate(plan.model_dump() | {"roles": [r.model_dump() for r in roles],
                                                              "raci": [r.model_dump() for r in raci]})
    return plan.model_copy(update={"roles": roles, "raci": raci})


def run() -> list[dict]:
    from planner.answers import answers_from_document
    from planner.content import load_content
    from planner.plan import default_plan
    from planner.plan.model import ROW_LIMITS
    from planner.plan.report import build_report
    from planner.render.plan_pdf import build_pdf
    from planner.safe_yaml import load_yaml

    content = load_content()
    answers = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), content, "risky")
    plan = default_plan(content, answers)
    report = build_report(content, answers, plan, project_name="Benchmark project")
    pdf = build_pdf(report)
    pages = _pages(pdf)
    paragraphs = _paragraphs_for(pages)
    assert _pages(_plain_pdf(paragraphs)) == pages

    medians = interleaved_ms({"kickoff": lambda _i: build_pdf(report), "plain": lambda _i: _plain_pdf(paragraphs)},
                             RUNS, WARMUPS)
    kickoff, baseline = medians["kickoff"], medians["plain"]
    ratio = kickoff / baseline
    print(f"pdf build: kickoff plan {kickoff:.0f} ms, plain document {baseline:.0f} ms "
          f"({pages} pages each, {paragraphs} plain paragraphs, interleaved), ratio {ratio:.2f} (target <= {TARGET})")
    results = [{"name": "pdf_build", "ratio": ratio, "target": TARGET, "passed": ratio <= TARGET}]
    for rows in (ROW_LIMITS["raci"][0], RACI_ISSUE_ROWS):
        big = build_report(content, answers, _with_raci(plan, rows), project_name="Benchmark project")
        raci_pages = _pages(build_pdf(big))
        ms = median_ms(lambda _i, big=big: build_pdf(big), 3, 0)
        capped = rows <= ROW_LIMITS["raci"][0]
        print(f"pdf with a {rows}-row RACI ({RACI_ROLES} roles, {raci_pages} pages): {ms:.0f} ms "
              f"(target <= {RACI_TARGET_MS:.0f} ms{'' if capped else '; above the model cap, report only'})")
        result = {"name": f"pdf_raci_{rows}_rows", "value": ms, "unit": "ms"}
        if capped:
            result |= {"target": f"<= {RACI_TARGET_MS:.0f} ms", "passed": ms <= RACI_TARGET_MS}
        results.append(result)
    return results


if __name__ == "__main__":
    run()
