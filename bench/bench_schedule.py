"""Benchmark: the schedule-risk simulation relative to numpy's raw draws of the same numbers.

Measures, in one process, for 100,000 trials × 30 tasks × 19 risk drivers (PERT tasks, random but fixed
estimates, probabilities, impact ranges and touches):
- schedule: median wall time of `simulate_schedule(...)` with no kept draws (validation, task draws, driver
  draws, the drivers' factors on the tasks they touch, row sums);
- baseline: median wall time (runs alternating with the schedule's) of the raw draws alone — `rng.beta(alpha, beta, size=(100_000, 30))` and
  `rng.random((2, 100_000, 19))` (each driver's occurrence and impact draw).

The ratio schedule/baseline is compared with the target (<= 2.0). Not a test: it prints one line and never
fails a build. `run()` returns the result for bench/run_all.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2.0
WARMUPS = 1
RUNS = 7
TRIALS = 100_000
TASKS = 30
DRIVERS = 19
SEED = 20221

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)


from _timing import interleaved_ms  # noqa: E402


def _inputs():
    rng = np.random.default_rng(12345)
    low = rng.uniform(1, 10, TASKS)
    mode = low + rng.uniform(0, 10, TASKS)
    high = mode + rng.uniform(1, 20, TASKS)
    probability = rng.uniform(0, 1, DRIVERS)
    top = 1 + rng.uniform(0.1, 2, DRIVERS)
    impact = np.column_stack([np.ones(DRIVERS), 1 + (top - 1) * rng.uniform(0, 0.5, DRIVERS), top])
    touches = rng.random((DRIVERS, TASKS)) < 0.2
    return low.tolist(), mode.tolist(), high.tolist(), probability, impact, touches


def run() -> dict:
    from planner.plan.draws import clear_draws
    from planner.plan.schedule import simulate_schedule

    low, mode, high, probability, impact, touches = _inputs()
    a, m, b = (np.array(x) for x in (low, mode, high))
    alpha = 1 + 4 * (m - a) / (b - a)
    beta = 1 + 4 * (b - m) / (b - a)

    def simulate(_i) -> None:
        clear_draws()  # the first, uncached draw: kept draws would make every later run a cache hit
        result = simulate_schedule(low, mode, high, probability, impact, touches, trials=TRIALS, seed=SEED)
        assert result.totals.shape == (TRIALS,)

    def baseline(_i) -> None:
        rng = np.random.default_rng(SEED)
        rng.beta(alpha, beta, size=(TRIALS, TASKS))
        rng.random((2, TRIALS, DRIVERS))

    medians = interleaved_ms({"schedule": simulate, "baseline": baseline}, RUNS, WARMUPS)  # alternating: the same load
    schedule_ms, baseline_ms = medians["schedule"], medians["baseline"]
    ratio = schedule_ms / baseline_ms
    passed = ratio <= TARGET
    name = f"schedule_100k_x_{TASKS}_x_{DRIVERS}"
    print(f"{name} median_ms={schedule_ms:.1f} baseline_ms={baseline_ms:.1f} ratio={ratio:.2f} target<={TARGET:.1f} "
          f"{'PASS' if passed else 'FAIL'}")
    return {"name": name, "ratio": ratio, "target": TARGET, "passed": passed, "median_ms": schedule_ms, "baseline_ms": baseline_ms}


if __name__ == "__main__":
    run()
