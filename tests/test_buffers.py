"""planner.plan.buffers: a row with a bad estimate blocks the simulation, named with its task and the fix (issue 14: no row is
left out silently — the totals never lose a task)."""

from __future__ import annotations

from pathlib import Path

from planner.assessment import assess
from planner.content import load_content
from planner.plan import buffers as buffers_module
from planner.plan.buffers import compute_buffers
from planner.plan.model import Estimation, Plan, Task
from planner.plan.montecarlo import EstimateProblem

CONTENT = load_content()
ASSESSMENT = assess(CONTENT, {})


def plan(*tasks: Task) -> Plan:
    return Plan(tasks=list(tasks), estimation=Estimation(trials=200))


def test_a_bad_row_blocks_the_simulation_naming_the_row_its_task_and_the_fix():
    result = compute_buffers(plan(Task(name="Good", optimistic=1, likely=2, pessimistic=3),
                                  Task(),  # empty: not a row of the simulation
                                  Task(name="Labelling", optimistic=80, likely=40, pessimistic=25),
                                  Task(optimistic=-1, likely=2, pessimistic=3)), {}, ASSESSMENT)
    assert result.row_problems == [
        "row 2 (Labelling): optimistic (80) is larger than pessimistic (25); swap them, or correct one, so that "
        "optimistic ≤ most likely ≤ pessimistic",
        "row 3 (unnamed task): optimistic (-1) is negative; type the optimistic duration in working days (0 or more)"]
    assert result.blocked and result.summary is None and result.totals is None  # never a total without the wrong row


def test_only_bad_rows_give_no_summary():
    result = compute_buffers(plan(Task(name="Bad", optimistic=None, likely=2, pessimistic=3)), {}, ASSESSMENT)
    assert result.summary is None and result.blocked
    assert result.row_problems == ["row 1 (Bad): optimistic (None) is not a number; type the optimistic duration in working days (0 or more)"]


def test_most_likely_outside_the_range_says_which_values_fit():
    result = compute_buffers(plan(Task(name="Model", optimistic=2, likely=9, pessimistic=4)), {}, ASSESSMENT)
    assert result.row_problems == ["row 1 (Model): most likely (9) is outside optimistic..pessimistic (2..4); type a most likely "
                                   "value from 2 to 4, or widen the range"]


def test_good_rows_are_simulated_and_not_blocked():
    result = compute_buffers(plan(Task(name="A", optimistic=1, likely=2, pessimistic=3)), {}, ASSESSMENT)
    assert not result.blocked and result.row_problems == [] and result.summary is not None


def test_buffers_read_the_problems_row_not_their_text(monkeypatch):
    """The row comes from the problem object; a message is never parsed for "row N:"."""
    monkeypatch.setattr(buffers_module, "validate_estimates",
                        lambda *_: [EstimateProblem("row 1: looks like a row but is a whole-input problem"),
                                    EstimateProblem("is wrong", 2, "pessimistic", "type another")])
    result = compute_buffers(plan(Task(name="A", optimistic=1, likely=2, pessimistic=3),
                                  Task(name="B", optimistic=1, likely=2, pessimistic=3)), {}, ASSESSMENT)
    assert result.row_problems == ["row 1: looks like a row but is a whole-input problem", "row 2 (B): is wrong; type another"]
    assert result.blocked


def test_the_memory_cap_counts_the_arrays_it_holds_and_only_the_drivers_that_run(monkeypatch):
    """Review: the cap counted all 19 drivers with drivers switched off, and one array per driver although each
    driver holds two (occurrence and impact) and each task three."""
    monkeypatch.setattr(buffers_module, "MAX_DRAWS", 100_000)
    tasks = [Task(name=f"t{i}", optimistic=1, likely=2, pessimistic=3) for i in range(10)]
    on = compute_buffers(Plan(tasks=tasks, estimation=Estimation(trials=100_000)), {}, ASSESSMENT)
    drivers = len(on.drivers)
    assert on.summary.trials == 100_000 // (3 * 10 + 2 * drivers)
    assert any(f"10 tasks and {drivers} risk drivers is too much to hold in memory" in p for p in on.row_problems)
    off = compute_buffers(Plan(tasks=tasks, estimation=Estimation(trials=100_000, apply_drivers=False)), {}, ASSESSMENT)
    assert off.summary.trials == 100_000 // 30 and any("10 tasks and 0 risk drivers" in p for p in off.row_problems)


def test_a_what_if_simulation_without_details_gives_the_same_schedule_faster():
    """What-if only reads the summary and the totals: the drivers' P80 shares and the time-boxes are left out there."""
    from planner.answers import answers_from_document
    from planner.plan import default_plan
    from planner.safe_yaml import load_yaml

    content = load_content()
    path = Path(__file__).resolve().parents[1] / "examples" / "risky.yaml"
    answers = answers_from_document(load_yaml(path.read_bytes(), "risky"), content, "risky")
    plan, assessment = default_plan(content, answers), assess(content, answers)
    full, lean = compute_buffers(plan, answers, assessment), compute_buffers(plan, answers, assessment, details=False)
    assert lean.summary == full.summary and (lean.totals == full.totals).all() and lean.dates == full.dates
    assert full.contributions and full.go_no_go and lean.contributions == {} and lean.go_no_go == () and lean.without_drivers is None


def test_the_drivers_contributions_are_computed_when_first_read(monkeypatch):
    """Issue 16: a rerun of the Effort section shows P50/P80/P95 before it works out what each driver adds to P80 (about
    half of the simulation's time); the numbers are the same as computed at once."""
    from planner.plan import schedule

    calls = []

    def counted(run, ids):
        calls.append(ids)
        return schedule.p80_contributions(run, ids)

    monkeypatch.setattr(buffers_module, "p80_contributions", counted)
    drivers = assess(CONTENT, {"req_fixed_contract": "fixed_date"})
    result = compute_buffers(plan(Task(name="Model", driver="model", optimistic=2, likely=5, pessimistic=30)), {}, drivers)
    assert result.summary is not None and calls == []
    first = dict(result.contributions)
    assert len(calls) == 1 and dict(result.contributions) == first and len(calls) == 1  # computed once
    assert first and list(first.values()) == sorted(first.values(), reverse=True)
