"""Benchmark: answering one question on the Questionnaire page (AppTest, server time).

Measures, in one process and against a temporary database (PLANNER_DB), each pair interleaved
(a, b, a, b, ...) so both sides of a ratio see the same machine load:
- questionnaire_rerun: `at.radio(...).set_value(v).run()` on a built-in question, alternating two options
  so every run saves a real change, ÷ toggling the checkbox of bench/one_widget.py (target <= 5.0);
- questionnaire_200_vs_8: the same answer in a team section of 200 questions ÷ in one of 8 (target <= 1.5):
  an answer should cost about the same however long its section is.
Not a test: it prints and never fails a build. `run()` returns the results for bench/run_all.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 5.0
SECTION_TARGET = 1.5
WARMUPS = 5
RUNS = 40
SECTION_RUNS = 15
QUESTION_KEY = "quest_q_setup_trajectory"
OPTIONS = ("model_first", "parallel")
SMALL, LARGE = 8, 200

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)


from _apptest import open_project_page, versus_one_widget_ms  # noqa: E402
from _timing import interleaved_ms  # noqa: E402


def team_file(section: str, count: int, order: int) -> str:
    """A valid team question file: `count` single-choice data questions in section `section`."""
    lines = ["schema_version: 1", "section:", f"  id: {section}", f"  title: Team checks ({count})",
             "  collaboration_point: data", f"  order: {order}", "  intro: Questions a team added.",
             '  citations: ["§5.2"]', "questions:"]
    for i in range(count):
        challenge = ("D1", "D2", "D3", "D4", "D5")[i % 5]
        lines += [f"  - id: {section}_q{i:03d}", f"    text: Is data check {i} in place?", "    help: A generated check.",
                  "    example: Kept for 90 days.", "    type: single", "    options:",
                  "      - value: kept", "        label: Kept", "        effects: {}",
                  "      - value: not_kept", "        label: Not kept", f"        effects: {{{challenge}: 0.8}}",
                  f'    citations: ["§5.2, {challenge}"]']
    return "\n".join(lines) + "\n"


def _answer_step(at, key: str, options):
    def answer(i: int) -> None:
        at.radio(key=key).set_value(options[i % 2]).run()
    return answer


def _checked(at, what: str):
    if at.exception:
        raise RuntimeError(f"{what} failed: {[e.value for e in at.exception]}")
    return at


def run() -> list[dict]:
    previous = os.environ.get("PLANNER_DB")
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        os.environ["PLANNER_DB"] = str(Path(tmp) / "bench.sqlite")
        try:
            return _measure()
        finally:
            if previous is None:
                os.environ.pop("PLANNER_DB", None)
            else:
                os.environ["PLANNER_DB"] = previous


def _measure() -> list[dict]:
    import streamlit as st

    from planner.store import Store

    st.cache_resource.clear()  # the Store is cached per process; make it open our temp database
    store = Store()
    project = store.create_project("Benchmark project", browser="bench")
    at = _checked(open_project_page(project, "pages/questionnaire.py"), "the questionnaire")
    questionnaire, baseline = versus_one_widget_ms(_answer_step(at, QUESTION_KEY, OPTIONS), RUNS, WARMUPS)
    saved = store.load_answers(project.id).get("setup_trajectory")
    if saved not in OPTIONS or at.exception:
        raise RuntimeError(f"answers were not saved (got {saved!r}) or the page failed: {list(at.exception)}")
    ratio = questionnaire / baseline
    print(f"questionnaire_rerun median_ms={questionnaire:.1f} baseline_ms={baseline:.1f} (interleaved) "
          f"ratio={ratio:.2f} target<={TARGET:.1f} {'PASS' if ratio <= TARGET else 'FAIL'}")

    for order, (section, count) in enumerate((("team_small", SMALL), ("team_large", LARGE))):
        store.save_question_file(project.id, f"{section}.yaml", team_file(section, count, 70 + order))
    sessions = {n: _checked(open_project_page(project, "pages/questionnaire.py", {"section": section}), section)
                for section, n in (("team_small", SMALL), ("team_large", LARGE))}
    steps = {n: _answer_step(at, f"quest_q_team_{'small' if n == SMALL else 'large'}_q000", ("kept", "not_kept"))
             for n, at in sessions.items()}
    medians = interleaved_ms(steps, SECTION_RUNS, 3)
    for n, at in sessions.items():
        _checked(at, f"the {n}-question section")
    section_ratio = medians[LARGE] / medians[SMALL]
    print(f"questionnaire_200_vs_8 median_ms={medians[LARGE]:.1f} vs {medians[SMALL]:.1f} (interleaved) "
          f"ratio={section_ratio:.2f} target<={SECTION_TARGET} {'PASS' if section_ratio <= SECTION_TARGET else 'FAIL'}")
    st.cache_resource.clear()
    return [{"name": "questionnaire_rerun", "ratio": ratio, "target": TARGET, "passed": ratio <= TARGET,
             "median_ms": questionnaire, "baseline_ms": baseline},
            {"name": "questionnaire_200_vs_8", "ratio": section_ratio, "target": SECTION_TARGET,
             "passed": section_ratio <= SECTION_TARGET, "median_ms": medians[LARGE], "baseline_ms": medians[SMALL]}]


if __name__ == "__main__":
    run()
