"""Benchmark: cost of the Monte Carlo schedule estimate relative to numpy's raw beta draws.

Measures, in one process, for 100,000 trials × 30 tasks (PERT, random but fixed estimates):
- montecarlo: median wall time of `simulate_total(...)` with no kept draws (validation, draws, scaling, row sums);
- baseline: median wall time of `rng.beta(alpha, beta, size=(100_000, 30))` with the same α/β
  arrays — the draws alone, without scaling or sums.

The ratio montecarlo/baseline is compared with the target (<= 2.0). Not a test: it prints one
line and never fails a build. `run()` returns the result for bench/run_all.py.
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
SEED = 20221

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)


from _timing import interleaved_ms  # noqa: E402


def _estimates() -> tuple[list[float], list[float], list[float]]:
    rng = np.random.default_rng(12345)
    low = rng.uniform(1, 10, TASKS)
    mode = low + rng.uniform(0, 10, TASKS)
    high = mode + rng.uniform(1, 20, TASKS)
    return low.tolist(), mode.tolist(), high.tolist()  # plain lists, as the Plan page passes them


def run() -> dict:
    from planner.plan.draws import clear_draws
    from planner.plan.montecarlo import simulate_total

    low, mode, high = _estimates()
    a, m, b = (np.array(x) for x in (low, mode, high))
    alpha = 1 + 4 * (m - a) / (b - a)
    beta = 1 + 4 * (b - m) / (b - a)

    def simulate() -> None:
        clear_draws()  # the first, uncached draw: kept draws would make every later run a cache hit
        totals = simulate_total(low, mode, high, trials=TRIALS, seed=SEED, distribution="pert")
        assert totals.shape == (TRIALS,)

    def baseline() -> None:
        np.random.default_rng(SEED).beta(alpha, beta, size=(TRIALS, TASKS))

    medians = interleaved_ms({"simulate": lambda _i: simulate(), "baseline": lambda _i: baseline()}, RUNS, WARMUPS)
    median_ms, baseline_ms = medians["simulate"], medians["baseline"]
    ratio = median_ms / baseline_ms
    passed = ratio <= TARGET
    print(f"montecarlo_100k_x_30 median_ms={median_ms:.1f} baseline_ms={baseline_ms:.1f} "
          f"(interleaved) ratio={ratio:.2f} target<={TARGET:.1f} {'PASS' if passed else 'FAIL'}")
    return {"name": "montecarlo_100k_x_30", "ratio": ratio, "target": TARGET, "passed": passed,
            "median_ms": median_ms, "baseline_ms": baseline_ms}


if __name__ == "__main__":
    run()
