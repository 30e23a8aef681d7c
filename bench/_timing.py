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


def interleaved_ms(steps: dict, runs: int, warmups: int, *, alternate: bool = False, clock=time.perf_counter) -> dict[str, float]:
    """Median ms of each named `step(i)`, the steps run in turn (a, b, a, b, ...) so both sides of a ratio
    see the same machine load; each gets `warmups` untimed runs first. With `alternate`, every other round runs
    them in reverse (a, b, b, a, ...): a step run right after another is slower (its garbage, cold caches), and
    a fixed order puts that on one side of the ratio. `clock` may be time.process_time: the CPU time of the whole
    process (every thread), which a loaded machine does not stretch as it does wall time."""
    for i in range(warmups):
        for step in steps.values():
            step(i)
    times: dict[str, list[float]] = {name: [] for name in steps}
    for i in range(runs):
        order = list(steps.items())
        for name, step in (order[::-1] if alternate and i % 2 else order):
            start = clock()
            step(warmups + i)
            times[name].append(clock() - start)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}
