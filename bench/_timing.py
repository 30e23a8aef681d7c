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
