"""The committed delivery as the simulation's target (issue 14 §2): its chance, the P80 and the buffer needed to reach 80 %,
a commitment below P50 as a cited warning, and the drivers that add most to P80 (the tornado chart's numbers)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from planner.assessment import assess
from planner.content import load_content
from planner.plan.buffers import commitment, compute_buffers, days_short, largest_contributions
from planner.plan.checks import commitment_findings
from planner.plan.model import Estimation, Plan, Task
from planner.render import document as d
from planner.render.outline import TORNADO_BARS, plan_document
from planner.render.plan_docx import render_docx
from planner.render.plan_pdf import render_pdf
from test_plan_render import RISKY, report_for

CONTENT = load_content()


def simulated(target: float | None, weeks=None) -> object:
    plan = Plan(tasks=[Task(name="Build", optimistic=10, likely=20, pessimistic=40)], estimation=Estimation(trials=2000, target_days=target))
    answers = {} if weeks is None else {"req_weeks_to_delivery": weeks}
    return compute_buffers(plan, answers, assess(CONTENT, answers))


def test_the_commitment_reads_the_questionnaire_weeks_and_says_what_reaching_80_percent_takes():
    result = simulated(None, weeks=3)  # 15 working days
    goal = commitment(result)
    s = result.summary
    assert goal.target_days == 15 and "3 weeks" in goal.source
    assert goal.chance == s.probability_on_time and goal.p80 == s.p80
    assert goal.to_reach_80 == pytest.approx(s.p80 - 15) and goal.short_of_p50 == pytest.approx(s.p50 - 15)


def test_a_commitment_at_or_beyond_p80_needs_no_more_buffer_and_none_without_a_target():
    result = simulated(400)
    assert commitment(result).to_reach_80 == 0 and commitment(result).short_of_p50 == 0
    assert commitment(simulated(None)) is None and commitment_findings(simulated(None)) == []


def test_a_commitment_below_p50_is_a_cited_warning_saying_by_how_many_working_days_it_falls_short():
    result = simulated(12)
    (finding,) = commitment_findings(result)
    short = round(result.summary.p50 - 12)
    assert (finding.section, finding.level, finding.citation) == ("effort", "warning", "§5.3, R4")
    assert f"falls short of the median run by {short} working days" in finding.message
    assert f"add {round(result.summary.p80 - 12)} working days (to the P80)" in finding.message
    assert commitment_findings(simulated(result.summary.p50 + 1)) == []  # above P50: no warning


def test_a_shortfall_is_never_shown_as_zero_days():
    assert (days_short(0), days_short(-3), days_short(0.2), days_short(218.4), days_short(218.6)) == (0, 0, 1, 218, 219)


def test_the_plan_report_carries_the_commitment_warning():
    report = report_for(Plan(tasks=[Task(name="Build", optimistic=10, likely=20, pessimistic=40)], estimation=Estimation(target_days=5)))
    assert any(f.citation == "§5.3, R4" and "committed delivery" in f.message for f in report.findings_for("effort"))


@pytest.fixture(scope="module")
def risky_report():
    from planner.plan import default_plan

    return report_for(default_plan(CONTENT, RISKY))


def test_the_tornado_figure_lists_the_largest_drivers_first_with_their_days(risky_report):
    (figure,) = [b for b in d.walk(plan_document(risky_report).blocks) if isinstance(b, d.Figure) and b.kind == "tornado"]
    largest = largest_contributions(risky_report.buffers, TORNADO_BARS)
    assert [days for _, days in figure.data] == [days for _, days in largest]
    assert 3 <= len(figure.data) <= TORNADO_BARS and figure.data[0][0].endswith("(R4)")
    assert [days for _, days in figure.data] == sorted((days for _, days in figure.data), reverse=True)
    assert all(f"({driver.id}) +{days:.0f}" in figure.alt for driver, days in largest)  # Word prints the alt: the same numbers


def test_the_tornado_chart_is_drawn_in_the_pdf_and_its_numbers_are_in_word(risky_report):
    from docx import Document

    figure = d.Figure("tornado", (("ML uncertainty makes estimates unreliable (R4)", 79.8), ("Too little data (D1)", 33.3)), "Caption", "Alt")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(d.Document("t", "t", "t", (figure,)), invariant=True))).pages)
    assert "+80 d" in text and "+33 d" in text and "working days added to P80" in text and "(R4)" in text
    doc = Document(io.BytesIO(render_docx(plan_document(risky_report), invariant=True)))
    assert any("What the risk drivers add to P80" in p.text and "(R4) +" in p.text for p in doc.paragraphs)
