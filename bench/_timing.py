"""Median wall time of a step, after warm-up runs (shared by the benchmarks)."""

from __future__ import annotations

import statistics
import time


def median_ms(step, runs: int, warmups: int) -> float:
    """`step(i)` is called warmups + runs times with a running index; the median of the timed runs, in ms."""
    for i in range(warmups):
        step(i)
    times = []
    for i in range(runs):
        start = time.perf_counter()
        step(warmups + i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def interleaved_ms(steps: dict, runs: int, warmups: int) -> dict[str, float]:
    """Median ms of each named `step(i)`, the steps run in turn (a, b, a, b, ...) so both sides of a ratio
    see the same machine load; each gets `warmups` untimed runs first."""
    for i in range(warmups):
        for step in steps.values():
            step(i)
    times: dict[str, list[float]] = {name: [] for name in steps}
    for i in range(runs):
        for name, step in steps.items():
            start = time.perf_counter()
            step(warmups + i)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}
