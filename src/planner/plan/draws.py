"""Common random numbers: one random stream per task and per risk driver, drawn once and kept.

A task's draws depend only on the seed, its position, its estimates, the distribution and the number of trials; a
driver's uniform draws only on the seed, its id and the number of trials. Every variant of a plan (each what-if
lever, an edit of one task's estimates) therefore reuses the draws of everything it leaves unchanged: an estimate
edit re-draws one column, a lever (which only moves driver probabilities) re-draws nothing. Kept arrays are read-only
and bounded by size (least recently used dropped first); an unseeded run (seed None) is drawn fresh and never kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

TASK_STREAM = 13  # spawn keys under the seed: each task's stream is (TASK_STREAM, position), each driver's
DRIVER_STREAM = 14  # (DRIVER_STREAM, the id's UTF-8 bytes as one number) - distinct ids never share a stream
CACHE_BYTES = 128 * 2**20  # the kept draws at most (10,000 trials: 80 kB per task or driver)

_kept: OrderedDict[tuple, np.ndarray] = OrderedDict()
_kept_bytes = 0
_lock = threading.Lock()


def clear_draws() -> None:
    """Forget every kept draw (benchmarks measure the first, uncached draw with it)."""
    global _kept_bytes
    with _lock:
        _kept.clear()
        _kept_bytes = 0


def seed_sequence(seed) -> np.random.SeedSequence:
    """The seed as a SeedSequence (built once per run, not once per task: a SeedSequence costs ~20 µs)."""
    return seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)


_root = seed_sequence


def _stream(root: np.random.SeedSequence, *key: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *key)))


def kept(seed, key: tuple, draw) -> np.ndarray:
    """The kept array for (seed, key), else draw(), kept read-only; unseeded (None) runs are drawn every time."""
    global _kept_bytes
    if seed is None:
        return draw()
    root = _root(seed)
    entropy = root.entropy if isinstance(root.entropy, int) else tuple(root.entropy)
    full = (entropy, tuple(root.spawn_key), *key)
    with _lock:
        found = _kept.get(full)
        if found is not None:
            _kept.move_to_end(full)
            return found
    values = draw()
    values.setflags(write=False)
    with _lock:
        if full not in _kept and values.nbytes <= CACHE_BYTES:
            _kept[full] = values
            _kept_bytes += values.nbytes
            while _kept_bytes > CACHE_BYTES:
                _, dropped = _kept.popitem(last=False)
                _kept_bytes -= dropped.nbytes
    return values


def driver_key(driver) -> int:
    """A driver's id (text) or position (int) as one spawn-key number; different ids give different numbers."""
    if isinstance(driver, (int, np.integer)):
        return int(driver)
    return int.from_bytes(("id:" + str(driver)).encode("utf-8"), "big")


def task_column(seed, position: int, low: float, mode: float, high: float, *, trials: int, distribution: str,
                alpha: float, beta: float) -> np.ndarray:
    """(trials,): one task's durations from its own stream (PERT: beta(alpha, beta) scaled; else triangular)."""
    root = _root(seed)

    def draw() -> np.ndarray:
        if high <= low:
            return np.full(trials, float(low))
        rng = _stream(root, TASK_STREAM, position)
        if distribution == "pert":
            out = rng.beta(alpha, beta, size=trials)
            out *= high - low
            out += low
        else:
            out = rng.triangular(low, mode, high, size=trials)
        return np.clip(out, low, high, out=out)  # guards against rounding a hair outside [low, high]

    return kept(seed, ("task", position, low, mode, high, distribution, trials), draw)


def driver_uniforms(seed, driver, *, trials: int) -> np.ndarray:
    """(2, trials): a driver's occurrence and impact uniforms from its own stream, whatever its probability."""
    root, key = _root(seed), driver_key(driver)
    return kept(seed, ("driver", key, trials), lambda: _stream(root, DRIVER_STREAM, key).random((2, trials)))
