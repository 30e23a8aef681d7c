"""Benchmark: cost of answering one question on the Questionnaire page, relative to Streamlit's floor.

Measures, in one process and against a temporary database (PLANNER_DB):
- questionnaire: median wall time of `at.radio(...).set_value(v).run()` on the Questionnaire page,
  opened through app.py with ?project=<id>, alternating between two options so every run saves
  a real change;
- baseline: median wall time of toggling the checkbox of bench/one_widget.py (a one-widget page).

The ratio questionnaire/baseline is compared with the target (<= 5.0). Not a test: it prints one
line and never fails a build. `run()` returns the result for bench/run_all.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 5.0
WARMUPS = 5
RUNS = 40
QUESTION_KEY = "quest_q_setup_trajectory"
OPTIONS = ("model_first", "parallel")

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)


from _apptest import one_widget_ms, open_project_page  # noqa: E402
from _timing import median_ms  # noqa: E402


def _median_ms(step, runs: int = RUNS, warmups: int = WARMUPS) -> float:
    return median_ms(step, runs, warmups)


def _questionnaire_ms() -> float:
    import streamlit as st

    from planner.store import Store

    st.cache_resource.clear()  # the Store is cached per process; make it open our temp database
    project = Store().create_project("Benchmark project", browser="bench")
    at = open_project_page(project, "pages/questionnaire.py")
    if at.exception:
        raise RuntimeError(f"questionnaire failed: {[e.value for e in at.exception]}")

    def answer(i: int) -> None:
        at.radio(key=QUESTION_KEY).set_value(OPTIONS[i % 2]).run()

    median = _median_ms(answer)
    saved = Store().load_answers(project.id).get("setup_trajectory")
    if saved not in OPTIONS or at.exception:
        raise RuntimeError(f"answers were not saved (got {saved!r}) or the page failed: {list(at.exception)}")
    st.cache_resource.clear()
    return median


def run() -> dict:
    previous = os.environ.get("PLANNER_DB")
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        os.environ["PLANNER_DB"] = str(Path(tmp) / "bench.sqlite")
        try:
            baseline = one_widget_ms(RUNS, WARMUPS)
            questionnaire = _questionnaire_ms()
        finally:
            if previous is None:
                os.environ.pop("PLANNER_DB", None)
            else:
                os.environ["PLANNER_DB"] = previous
    ratio = questionnaire / baseline
    passed = ratio <= TARGET
    print(f"questionnaire_rerun median_ms={questionnaire:.1f} baseline_ms={baseline:.1f} "
          f"ratio={ratio:.2f} target<={TARGET:.1f} {'PASS' if passed else 'FAIL'}")
    return {"name": "questionnaire_rerun", "ratio": ratio, "target": TARGET, "passed": passed,
            "median_ms": questionnaire, "baseline_ms": baseline}


if __name__ == "__main__":
    run()
