"""Time the what-if table's uncached first build on examples/risky.yaml: every lever's schedule, no kept draws.

Run from the repository root: PYTHONPATH=src .venv/bin/python bench/bench_whatif_build.py [rounds]. Not in make bench.
"""
import sys, time
from pathlib import Path
sys.path.insert(0, "src")
from planner.content import load_content
from planner.safe_yaml import load_yaml
from planner.assessment import assess
from planner.plan import default_plan
from planner.plan.buffers import compute_buffers
from planner.plan.whatif import lever_effects, what_if

content = load_content()
answers = {k: v for k, v in load_yaml(Path("examples/risky.yaml").read_bytes(), "risky").items() if k != "schema_version"}
plan = default_plan(content, answers)
before = assess(content, answers)
effects = lever_effects(content, answers, before=before)
def build():
    try:
        from planner.plan.draws import clear_draws
        clear_draws()
    except ImportError:
        pass
    t = time.perf_counter()
    sb = compute_buffers(plan, answers, before, details=False).summary
    out = {e.lever.id: what_if(content, answers, plan, [e.lever.id], before=before, schedule_before=sb) for e in effects if e.changes_anything}
    return time.perf_counter() - t, len(out), out
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 2):
    dt, n, out = build()
    print(f"whatif_first_build levers={n} tasks={len(plan.tasks)} s={dt:.2f}")
if "--dump" in sys.argv:
    for k, v in out.items(): print(k, round(v.schedule_after.p80, 3))
