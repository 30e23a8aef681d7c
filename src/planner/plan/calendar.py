"""Calendar dates from working days: one function for every page, document and export.

The plan counts working days (Monday to Friday); with a start date, a number of working days becomes the date of
the last of them. Weekends are skipped; public holidays are not known to the planner and are not skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

EARLIEST_START = date(2000, 1, 1)  # a start date outside these is a typing slip (and keeps every date computable)
LATEST_START = date(2099, 12, 31)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CALENDAR_NOTE = "dates count working days (Monday to Friday) from the start date; weekends are skipped, public holidays are not"


def finish_date(start: date, working_days: float) -> date | None:
    """The date of the last of `working_days` working days, the start date being the first (a start on a weekend
    counts from the next Monday). Days are rounded to whole days as the plan shows them; 0 days finish on the start
    date. None when the date lies past the year 9999."""
    whole = max(1, round(working_days))
    try:
        day = np.busday_offset(np.datetime64(start, "D"), whole - 1, roll="forward")
        return day.astype(object) if day <= np.datetime64("9999-12-31") else None
    except (OverflowError, ValueError):
        return None


def date_text(day: date | None) -> str:
    """A date as every page and document shows it, e.g. "Mon 2026-03-02"; "–" when there is none."""
    return "–" if day is None else f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"  # not %a: that follows the process locale


@dataclass(frozen=True)
class ScheduleDates:
    """The simulated percentiles and the committed delivery as calendar dates (None where a number is missing)."""

    start: date
    p50: date | None
    p80: date | None
    p95: date | None
    committed: date | None = None


def schedule_dates(start: date | None, p50: float, p80: float, p95: float, committed: float | None = None) -> ScheduleDates | None:
    """The dates of the schedule's numbers from the plan's start date; None without a start date."""
    if start is None:
        return None
    return ScheduleDates(start, finish_date(start, p50), finish_date(start, p80), finish_date(start, p95),
                         None if committed is None else finish_date(start, committed))
