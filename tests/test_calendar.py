"""Dates from a start date (issue 14 §2): working days Monday to Friday, one function, the same dates in every output."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from planner.assessment import assess
from planner.content import load_content
from planner.plan.buffers import commitment, compute_buffers, schedule_summary
from planner.plan.calendar import date_text, finish_date, schedule_dates
from planner.plan.model import Estimation, Plan, Task, first_problem
from planner.plan.report import build_report
from planner.render.csv_export import plan_items_csv
from planner.render.plan_json import plan_json
from planner.render.plan_markdown import plan_markdown

CONTENT = load_content()
MONDAY = date(2026, 3, 2)


@pytest.mark.parametrize("days, expected", [
    (1, date(2026, 3, 2)),  # the start date is the first working day
    (5, date(2026, 3, 6)),  # Friday
    (6, date(2026, 3, 9)),  # the weekend is skipped
    (0, date(2026, 3, 2)),  # nothing to do: done on the start date
    (10.4, date(2026, 3, 13)),  # rounded as the plan shows it ("10")
    (10.6, date(2026, 3, 16)),  # "11"
    (260, date(2027, 2, 26)),  # 52 weeks of 5 working days
])
def test_working_days_become_the_date_of_the_last_of_them(days, expected):
    assert finish_date(MONDAY, days) == expected


def test_a_start_on_a_weekend_counts_from_the_next_monday():
    assert finish_date(date(2026, 2, 28), 1) == MONDAY and finish_date(date(2026, 3, 1), 5) == date(2026, 3, 6)  # Sat, Sun


def test_a_date_past_the_calendar_is_none_not_a_crash():
    assert finish_date(MONDAY, 5_000_000) is None and date_text(None) == "–"


def test_no_start_date_gives_no_dates():
    assert schedule_dates(None, 10, 20, 30, 40) is None


def test_dates_are_shown_with_their_weekday():
    assert date_text(MONDAY) == "Mon 2026-03-02"


@pytest.mark.parametrize("value, message", [
    ("2026-02-30", "'2026-02-30' is not a date: write the day work starts as YYYY-MM-DD, e.g. 2026-03-02"),
    ("next monday", "'next monday' is not a date"),
    ("2026-3-2", "'2026-3-2' is not a date"),
    (20260302, "20260302 is not a date"),
    ("2150-01-01", "2150-01-01 is outside 2000-01-01 to 2099-12-31"),
])
def test_a_wrong_start_date_is_refused_naming_the_field_and_the_fix(value, message):
    with pytest.raises(ValueError) as caught:
        Plan.model_validate({"estimation": {"start_date": value}})
    assert first_problem(caught.value).startswith("estimation › start_date: " + message)


def test_the_start_date_round_trips_as_iso_text():
    plan = Plan.model_validate({"estimation": {"start_date": "2026-03-02"}})
    assert plan.estimation.start_date == MONDAY
    assert Plan.model_validate(json.loads(plan.model_dump_json())).estimation.start_date == MONDAY
    assert Plan.model_validate({"estimation": {"start_date": ""}}).estimation.start_date is None


def _report(start: date | None, target: float | None = 30):
    plan = Plan(tasks=[Task(name="Build", optimistic=10, likely=20, pessimistic=40), Task(name="Test", optimistic=3, likely=5, pessimistic=9)],
                estimation=Estimation(trials=2000, target_days=target, start_date=start))
    return build_report(CONTENT, {}, plan, project_name="Dates", date="2026-01-01")


def test_the_simulation_carries_the_dates_of_its_percentiles_and_the_commitment():
    result = compute_buffers(_report(MONDAY).plan, {}, assess(CONTENT, {}))
    s = result.summary
    assert result.dates == schedule_dates(MONDAY, s.p50, s.p80, s.p95, 30)
    assert result.dates.p80 == finish_date(MONDAY, s.p80) and commitment(result).due == finish_date(MONDAY, 30) == date(2026, 4, 10)
    assert compute_buffers(_report(None).plan, {}, assess(CONTENT, {})).dates is None


def test_the_same_dates_reach_json_markdown_word_and_csv():
    report = _report(MONDAY)
    s, dates = report.buffers.summary, report.buffers.dates
    expected = {name: finish_date(MONDAY, days) for name, days in (("p50", s.p50), ("p80", s.p80), ("p95", s.p95), ("committed", 30))}
    schedule = json.loads(plan_json(report))["schedule"]
    assert {k: schedule["dates"][k] for k in expected} == {k: v.isoformat() for k, v in expected.items()}
    assert schedule["dates"]["start"] == "2026-03-02" and "weekends are skipped" in schedule["dates"]["calendar"]
    markdown = plan_markdown(report)
    for day in expected.values():
        assert date_text(day) in markdown
    assert "public holidays are not" in markdown
    rows = list(csv.reader(io.StringIO(plan_items_csv(report))))
    delivery = rows[-1]
    assert rows[0][-1] == "Due date" and delivery[0] == "Committed delivery" and delivery[-1] == expected["committed"].isoformat()
    assert all(date_text(day) in delivery[1] for day in expected.values())
    assert dates.p80 == expected["p80"]


def test_without_a_start_date_no_output_shows_dates():
    report = _report(None)
    assert schedule_summary(report.buffers)["dates"] is None
    assert "2026-" not in plan_markdown(report).split("## Risk per collaboration point")[0].replace("2026-01-01", "")
    rows = list(csv.reader(io.StringIO(plan_items_csv(report))))
    assert all(row[-1] == "" for row in rows[1:]) and all("delivery" not in row[3] for row in rows[1:])


def test_without_a_commitment_the_delivery_ticket_is_due_at_p80():
    report = _report(MONDAY, target=None)
    delivery = list(csv.reader(io.StringIO(plan_items_csv(report))))[-1]
    assert delivery[0] == "Delivery (P80)" and delivery[-1] == finish_date(MONDAY, report.buffers.summary.p80).isoformat()
