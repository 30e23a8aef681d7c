"""Answers as CSV for spreadsheets, with formula injection defused.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a leading tab or
carriage return can hide such a start), so those text cells get a leading apostrophe: the
spreadsheet shows the text and does not evaluate it. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io

from ..answers import Answers, fitting_answers, is_visible
from ..assessment import answer_label
from ..content import Content

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("section", "question_id", "question", "answer", "citations")


def sanitise_cell(value) -> str | int | float:
    """A CSV cell a spreadsheet shows as text: formula starts are neutralised; idempotent."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def answers_csv(content: Content, answers: Answers) -> str:
    """One row per answered, visible question; UTF-8 text with CRLF line ends (RFC 4180)."""
    answers = fitting_answers(content, answers)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for section in content.sections:
        for q in section.questions:
            if q.id in answers and is_visible(q, answers):
                value = answers[q.id]
                shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else answer_label(q, value)
                writer.writerow([sanitise_cell(v) for v in
                                 (section.section.title, q.id, q.text, shown, "; ".join(q.citations))])
    return out.getvalue()


TRACKER_HEADER = ("Summary", "Description", "Issue Type", "Labels", "Estimate (working days)", "Source", "Due date")


def _delivery_row(report) -> tuple | None:
    """The delivery as one ticket with its calendar dates, when the plan has a start date and a simulated schedule."""
    from ..plan.buffers import commitment
    from ..plan.calendar import CALENDAR_NOTE, date_text

    dates, s = report.buffers.dates, report.buffers.summary
    if dates is None or s is None:
        return None
    goal = commitment(report.buffers)
    parts = [f"Simulated finish from the start on {date_text(dates.start)}: P50 {date_text(dates.p50)} ({s.p50:.0f} working days), "
             f"P80 {date_text(dates.p80)} ({s.p80:.0f}), P95 {date_text(dates.p95)} ({s.p95:.0f})."]
    if goal is not None:
        parts.append(f"Committed delivery {date_text(goal.due)} ({goal.target_days:g} working days), "
                     f"chance of meeting it {goal.chance:.0%}.")
    parts.append(CALENDAR_NOTE[:1].upper() + CALENDAR_NOTE[1:] + ".")
    due = goal.due if goal is not None and goal.due is not None else dates.p80
    summary = "Committed delivery" if goal is not None else "Delivery (P80)"
    return (summary, " ".join(parts), "Task", "kickoff-plan delivery", "", "§5.3, R4", "" if due is None else due.isoformat())


def plan_items_csv(report) -> str:
    """The plan's tasks and the mitigations of likely challenges, one row per ticket (Jira / GitHub import).

    Text cells are formula-safe; the estimate is the task's most likely duration (empty if none). With the plan's start
    date a last row is the delivery, due on the committed delivery's date (else the P80 date), ISO YYYY-MM-DD.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TRACKER_HEADER)
    timeboxes = dict(report.buffers.timeboxes)
    for task in report.plan.tasks:
        if not task.name.strip():
            continue
        estimate = " / ".join("?" if v is None else f"{v:g}" for v in (task.optimistic, task.likely, task.pessimistic))
        parts = [f"Three-point estimate (optimistic / likely / pessimistic, working days): {estimate}.",
                 f"Uncertainty driver: {task.driver}."]
        if task.name in timeboxes:
            parts.append(f"Research time-box: stop and decide after {timeboxes[task.name]:g} working days.")
        writer.writerow([sanitise_cell(v) for v in (task.name, " ".join(parts), "Task",
                                                    "kickoff-plan effort" + (" research" if task.exploratory else ""),
                                                    "" if task.likely is None else task.likely, "§5.3, R4", "")])
    seen: set[str] = set()
    for point in report.assessment.points:
        for challenge in report.likely_challenges(point):  # unlikely challenges get no ticket
            for mitigation in report.content.mitigations_for.get(challenge.id, ()):
                if mitigation.id in seen:
                    continue
                seen.add(mitigation.id)
                reduces = ", ".join(mitigation.reduces)
                description = (f"{mitigation.description} Reduces: {reduces} (here {challenge.id} is "
                               f"{challenge.likelihood:.0%} likely).")
                writer.writerow([sanitise_cell(v) for v in (mitigation.title, description, "Task",
                                                            "kickoff-plan mitigation " + " ".join(mitigation.themes), "",
                                                            "; ".join(mitigation.citations), "")])
    delivery = _delivery_row(report)
    if delivery is not None:
        writer.writerow([sanitise_cell(v) for v in delivery])
    return out.getvalue()
