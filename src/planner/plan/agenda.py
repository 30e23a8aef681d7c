"""A kickoff agenda that fits the planned duration: fixed slots take half, the collaboration points share the rest by risk."""

from __future__ import annotations

from collections.abc import Sequence

DEFAULT_WORKSHOP_MINUTES = 120  # a two-hour kickoff, a break and the closing survey included
WORKSHOP_MINUTES_RANGE = (60, 480)  # what the planned duration may be (Plan → Workshop)
FIXED_SHARE = 0.5  # of the planned duration: goals, buffers and ownership, break, survey, sign-off
UNKNOWN_SCORE = 50.0  # a point without answers yet counts as medium risk


def allot(total: int, weights: Sequence[float], step: int = 5, ties: Sequence[float] | None = None) -> list[int]:
    """`total` minutes split in proportion to `weights`, in steps of `step` minutes (1 when `total` is not a multiple),
    summing to exactly `total`, each at least one step when there are enough; a larger weight never gets fewer minutes (largest remainder, ties to the larger weight,
    then to the larger of `ties`: weights that differ by less than a float can hold come out equal)."""
    if not weights:
        return []
    step = step if total % step == 0 else 1
    units = total // step
    least = 1 if units >= len(weights) else 0  # every slot gets one step first when there are enough
    shared = units - least * len(weights)
    whole = sum(weights)
    quotas = [shared * w / whole if whole > 0 else shared / len(weights) for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), -weights[i], -(ties or weights)[i], i))
    for i in order[:shared - sum(counts)]:
        counts[i] += 1
    return [(c + least) * step for c in counts]


def risk_weight(score: float | None) -> float:
    """Minutes grow faster than the score, so that points a few score points apart still differ after rounding to
    5 minutes: 44/47/56 get 15/20/25 of 60 minutes, and so do 91/82/95 (20/15/25), instead of 20 each."""
    return ((UNKNOWN_SCORE if score is None else max(float(score), 0.0)) + 10.0) ** 3


def split_duration(total: int, fixed: Sequence[float], scores: Sequence[float | None]) -> tuple[list[int], list[int]]:
    """Minutes for the fixed slots (in proportion to their usual lengths) and for each point (by risk); sums to `total`."""
    step = 5 if total % 5 == 0 else 1
    fixed_total = min(total, round(total * FIXED_SHARE / step) * step) if scores else total
    known = [UNKNOWN_SCORE if s is None else float(s) for s in scores]
    return allot(fixed_total, fixed, step), allot(total - fixed_total, [risk_weight(s) for s in known], step, ties=known)
