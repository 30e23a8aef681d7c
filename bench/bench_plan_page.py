"""Benchmark: Plan-page rerun after editing one task cell, relative to a one-widget page (AppTest).

Every edit sets a new value, so each rerun saves the plan and recomputes the simulation (10,000
trials, the risky example's tasks) - the real cost of an edit, not a cache hit. Not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 5.0
RUNS = 25

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)


from _apptest import one_widget_ms, open_project_page  # noqa: E402
from _timing import median_ms  # noqa: E402


def _median(step, runs=RUNS, warmups=3) -> float:
    return median_ms(step, runs, warmups)


def run() -> dict:
    os.environ["PLANNER_DB"] = tempfile.mktemp(suffix=".db")
    import streamlit as st

    from planner.safe_yaml import load_yaml
    from planner.store import Store

    st.cache_resource.clear()
    store = Store()
    project = store.create_project("Benchmark plan", browser="bench")
    for qid, value in load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky").items():
        if qid != "schema_version":
            store.save_answer(project.id, qid, value)
    at = open_project_page(project, "pages/plan.py")

    def edit(i: int) -> None:
        at.session_state["plan_tasks_editor"] = {"edited_rows": {0: {"likely": 10.0 + (i % 100) / 10}},
                                                 "added_rows": [], "deleted_rows": []}
        at.run()

    plan_ms = _median(edit)
    if at.exception or store.load_plan(project.id)[1] < RUNS:
        raise RuntimeError(f"edits were not saved or the page failed: {list(at.exception)}")
    base_ms = one_widget_ms(RUNS, 3)
    ratio = plan_ms / base_ms
    passed = ratio <= TARGET
    print(f"plan_page_edit_rerun median_ms={plan_ms:.1f} baseline_ms={base_ms:.1f} ratio={ratio:.2f} "
          f"target<={TARGET} {'PASS' if passed else 'FAIL'}")
    st.cache_resource.clear()
    return {"name": "plan_page_edit_rerun", "ratio": ratio, "target": TARGET, "passed": passed}


if __name__ == "__main__":
    run()
