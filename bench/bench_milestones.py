"""Benchmark: the Milestones page with 50 milestones relative to the same page with 5 (AppTest, server time).

Two projects with the risky example's answers, one with 5 and one with 50 milestones (each saved after
changing one answer, so no two milestones are alike). Both pages rerun in turn (interleaved), and the
ratio of their medians is compared with the target (<= 1.3): a milestone's assessment is kept once
computed, the page reads only the answers it shows and charts the latest ten milestones unless asked for all,
so it should cost about the same at any count. Measured in CPU time of the process (AppTest runs the script
in a thread of this process), each page first in half the rounds: wall time on a loaded machine swings more
than the difference measured. Not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.3
WARMUPS = 3
RUNS = 16  # even: each page runs first in half the rounds
SMALL, LARGE = 5, 50

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)


from _apptest import open_project_page  # noqa: E402
from _timing import interleaved_ms  # noqa: E402


def _project_with_milestones(store, content, answers: dict, count: int):
    project = store.create_project(f"Milestones x{count}", browser="bench")
    for qid, value in answers.items():
        store.save_answer(project.id, qid, value)
    choices = [q for q in content.questions.values() if q.type == "single" and q.id in answers]
    for k in range(count):
        question = choices[k % len(choices)]
        other = question.options[(k // len(choices) + 1) % len(question.options)].value
        store.save_answer(project.id, question.id, other)
        store.save_milestone(project.id, f"Milestone {k + 1}")
    return project


def run() -> dict:
    os.environ["PLANNER_DB"] = str(Path(tempfile.mkdtemp(prefix="planner-bench-")) / "milestones.sqlite")
    import streamlit as st

    from planner.content import load_content
    from planner.safe_yaml import load_yaml
    from planner.store import Store

    st.cache_resource.clear()
    store, content = Store(), load_content()
    answers = {k: v for k, v in load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky").items()
               if k != "schema_version"}
    pages = {n: open_project_page(_project_with_milestones(store, content, answers, n), "pages/milestones.py")
             for n in (SMALL, LARGE)}
    medians = interleaved_ms({n: (lambda _i, at=at: at.run()) for n, at in pages.items()}, RUNS, WARMUPS, alternate=True,
                             clock=time.process_time)
    for n, at in pages.items():
        if at.exception:
            raise RuntimeError(f"the Milestones page with {n} failed: {[e.value for e in at.exception]}")
    ratio = medians[LARGE] / medians[SMALL]
    passed = ratio <= TARGET
    print(f"milestones_50_vs_5 median_cpu_ms={medians[LARGE]:.1f} vs {medians[SMALL]:.1f} ratio={ratio:.2f} "
          f"target<={TARGET} {'PASS' if passed else 'FAIL'}")
    st.cache_resource.clear()
    return {"name": "milestones_50_vs_5", "ratio": ratio, "target": TARGET, "passed": passed,
            "median_ms": medians[LARGE], "baseline_ms": medians[SMALL], "clock": "cpu"}


if __name__ == "__main__":
    run()
