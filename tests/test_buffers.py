"""planner.plan.buffers: rows with bad estimates are left out of the simulation and named for the user."""

from __future__ import annotations

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


def test_bad_rows_are_named_with_their_task_and_left_out():
    result = compute_buffers(plan(Task(name="Good", optimistic=1, likely=2, pessimistic=3),
                                  Task(),  # empty: not a row of the simulation
                                  Task(name="Labelling", optimistic=5, likely=4, pessimistic=2),
                                  Task(optimistic=-1, likely=2, pessimistic=3)), {}, ASSESSMENT)
    assert result.row_problems == ["row 2: optimistic (5) is larger than pessimistic (2) (Labelling)",
                                   "row 3: optimistic (-1) is negative (unnamed task)"]
    assert result.summary is not None and 1 <= result.summary.p50 <= 3  # only "Good" is simulated
    assert result.totals.max() <= 3


def test_only_bad_rows_give_no_summary():
    result = compute_buffers(plan(Task(name="Bad", optimistic=None, likely=2, pessimistic=3)), {}, ASSESSMENT)
    assert result.summary is None and result.row_problems == ["row 1: optimistic (None) is not a number (Bad)"]


def test_buffers_read_the_problems_row_not_their_text(monkeypatch):
    """The row comes from the problem object; a message is never parsed for "row N:"."""
    monkeypatch.setattr(buffers_module, "validate_estimates",
                        lambda *_: [EstimateProblem("row 1: looks like a row but is a whole-input problem"),
                                    EstimateProblem("is wrong", 2, "pessimistic")])
    result = compute_buffers(plan(Task(name="A", optimistic=1, likely=2, pessimistic=3),
                                  Task(name="B", optimistic=1, likely=2, pessimistic=3)), {}, ASSESSMENT)
    assert result.row_problems == ["row 1: looks like a row but is a whole-input problem", "row 2: is wrong (B)"]
    assert result.totals.max() <= 3  # A (row 1) is simulated, B is left out
