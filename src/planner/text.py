"""Control characters in saved text: one rule for answers, names, descriptions and plan fields.

NUL and the other C0 control characters (ESC, BEL, ...) are refused when text is saved; only tab,
line feed and carriage return are kept. Text stored before this rule is cleaned on export so an
export always imports again.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_problem(text: str) -> str | None:
    """Why the text cannot be saved (its first control character), or None."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    what = "a NUL character" if match.group() == "\x00" else f"the control character U+{ord(match.group()):04X}"
    return f"contains {what} at position {match.start() + 1}; remove it (only tabs and line breaks are allowed)"


def refuse_controls(text: str, field: str) -> str:
    """The text unchanged; ValueError naming the field when it holds a control character."""
    problem = control_problem(text)
    if problem:
        raise ValueError(f"{field} {problem}")
    return text


def first_control(value: Any, where: str = "") -> tuple[str, str] | None:
    """(path, problem) of the first text with a control character inside nested dicts/lists, or None."""
    if isinstance(value, str):
        problem = control_problem(value)
        return (where, problem) if problem else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = first_control(key, where) if isinstance(key, str) else None
        found = found or first_control(item, f"{where} › {key}" if where else str(key))
        if found:
            return found
    return None


def strip_controls(value: Any) -> Any:
    """The same value with control characters removed from every text in it (nested dicts/lists too)."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, dict):
        return {strip_controls(k): strip_controls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_controls(v) for v in value]
    return value


MAX_LINE_BREAKS = 60  # the planner's default per text: a line break after every character made one PDF take minutes
CHARACTERS_PER_LINE_BREAK = 40  # ... and a shorter field allows fewer (a 120-character name: 3)


def line_breaks_allowed(limit: int | None = None) -> int:
    """How many line breaks a text of at most `limit` characters may hold."""
    return MAX_LINE_BREAKS if limit is None else max(2, min(MAX_LINE_BREAKS, limit // CHARACTERS_PER_LINE_BREAK))


def line_break_problem(text: str, limit: int | None = None) -> str | None:
    """Why the text has too many lines to lay out, or None."""
    breaks, allowed = text.count("\n"), line_breaks_allowed(limit)
    if breaks <= allowed:
        return None
    return f"has {breaks:,} line breaks; at most {allowed} are allowed in this text (join short lines)"
