"""What changed between two saved plans, in words a History reader understands."""

from __future__ import annotations

SECTION_NAMES = {
    "participants": "Participants", "tasks": "Tasks", "estimation": "Estimation",
    "expert_access": "Domain experts", "data_agreement": "Data agreement", "monitoring": "Monitoring",
    "roles": "Roles", "raci": "Ownership (RACI)", "qualities": "Qualities", "glossary": "Glossary",
    "agenda": "Agenda", "decisions": "Decision log", "parking_lot": "Parking lot", "mitigations": "Mitigations",
    "open_questions": "Workshop disagreements not settled",
}
_ROW_NAMES = ("name", "activity", "item", "topic", "term", "question", "title", "id")
MAX_CHANGES = 5
_VALUE_CHARS = 60


def _label(field: str) -> str:
    return SECTION_NAMES.get(field, field.replace("_", " "))


def _value(value) -> str:
    if value is None or value == "":
        return "empty"
    text = str(value).replace("\n", " ")
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 1] + "…"


def _row_name(row, index: int) -> str:
    if isinstance(row, dict):
        for key in _ROW_NAMES:
            if isinstance(row.get(key), str) and row[key].strip():
                return _value(row[key].strip())
    return f"row {index + 1}"


def _walk(path: list[str], old, new, out: list[str]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(dict.fromkeys([*old, *new])):
            _walk(path + [_label(key)], old.get(key), new.get(key), out)
        return
    if isinstance(old, list) and isinstance(new, list):
        if all(isinstance(r, dict) for r in old + new) and len(old) == len(new):
            for i, (a, b) in enumerate(zip(old, new)):
                _walk(path + [_row_name(b, i)], a, b, out)
            return
        added = [r for r in new if r not in old]
        removed = [r for r in old if r not in new]
        where = " › ".join(path)
        for r in added:
            out.append(f"{where}: added {_row_name(r, new.index(r)) if isinstance(r, dict) else _value(r)}")
        for r in removed:
            out.append(f"{where}: removed {_row_name(r, old.index(r)) if isinstance(r, dict) else _value(r)}")
        if not added and not removed:
            out.append(f"{where}: order changed")
        return
    out.append(f"{' › '.join(path)}: {_value(old)} → {_value(new)}")


def describe_plan_change(old: dict | None, new: dict) -> str:
    """"Tasks › Data cleaning › pessimistic: 25 → 30; …" (at most MAX_CHANGES, then "and N more")."""
    if old is None:
        return "plan created"
    changes: list[str] = []
    _walk([], old, new, changes)
    if not changes:
        return "no change"
    shown = "; ".join(changes[:MAX_CHANGES])
    return shown + (f"; and {len(changes) - MAX_CHANGES} more" if len(changes) > MAX_CHANGES else "")
