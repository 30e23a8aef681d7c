"""Benchmark: the what-if table's uncached first build on examples/risky.yaml (every lever's schedule, no kept draws).

Reported in seconds (no target: the table is cached per answers, tasks and estimation afterwards). Not a test: it
prints and returns the result for bench/run_all.py. Alone: `python bench/bench_whatif_build.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)


def run() -> dict:
    from planner.answers import answers_from_document
    from planner.assessment import assess
    from planner.content import load_content
    from planner.plan import default_plan
    from planner.plan.buffers import compute_buffers
    from planner.plan.draws import clear_draws
    from planner.plan.whatif import lever_effects, what_if
    from planner.safe_yaml import load_yaml

    content = load_content()
    answers = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), content, "risky")
    plan = default_plan(content, answers)
    before = assess(content, answers)
    effects = lever_effects(content, answers, before=before)
    times = []
    for _ in range(ROUNDS):
        clear_draws()
        start = time.perf_counter()
        summary = compute_buffers(plan, answers, before, details=False).summary
        built = {e.lever.id: what_if(content, answers, plan, [e.lever.id], before=before, schedule_before=summary, after=e.after)
                 for e in effects if e.changes_anything}
        times.append(time.perf_counter() - start)
    best = sorted(times)[len(times) // 2]
    print(f"whatif_first_build {len(built)} levers × {len(plan.tasks)} tasks: median {best * 1000:.0f} ms over {ROUNDS} "
          "uncached builds (report)")
    return {"name": "whatif_first_build", "value": best * 1000, "unit": "ms"}


if __name__ == "__main__":
    run()
