"""Apply a table editor's changes (edited/added/deleted rows) to plan rows: pure and testable."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError


def clean_cell(value: Any) -> Any:
    """Editor cells: NaN/NaT → None, numpy scalars → Python values."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def apply_delta(rows: list[dict], delta: dict) -> list[dict]:
    """`delta` as st.data_editor reports it: {edited_rows: {i: {col: v}}, added_rows: [...], deleted_rows: [...]}."""
    out = [dict(r) for r in rows]
    for index, changes in (delta.get("edited_rows") or {}).items():
        i = int(index)
        if 0 <= i < len(out):
            out[i].update({k: clean_cell(v) for k, v in changes.items()})
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    out = [r for i, r in enumerate(out) if i not in deleted]
    out += [{k: clean_cell(v) for k, v in added.items()} for added in delta.get("added_rows") or []]
    return out


def rows_to_models(rows: list[dict], build: Callable[[dict], BaseModel], defaults: dict | None = None,
                   text_fields: tuple[str, ...] = ()) -> tuple[list[BaseModel], list[str]]:
    """Validate each row with `build` (e.g. Task.model_validate); problems name the row (1-based) and field."""
    models, problems = [], []
    for n, row in enumerate(rows, start=1):
        data = {**(defaults or {}), **{k: v for k, v in row.items() if v is not None or k not in text_fields}}
        for field in text_fields:
            if data.get(field) is None:
                data[field] = ""
        try:
            models.append(build(data))
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            field = ".".join(str(p) for p in first["loc"]) or "row"
            problems.append(f"row {n}, {field}: {first['msg']}")
        except ValueError as exc:  # a row builder's own check, e.g. an amount typed as text
            problems.append(f"row {n}, {exc}")
    return models, problems


def with_estimates(plan, index: int, values: dict):
    """The plan with the task at `index` given these estimates (the Plan page's estimate form); ValueError naming the
    task when the plan no longer holds it (deleted since the form was shown)."""
    if not 0 <= index < len(plan.tasks):
        raise ValueError(f"task {index + 1} is no longer in the plan (it has {len(plan.tasks)}); choose the task again")
    tasks = list(plan.tasks)
    tasks[index] = tasks[index].model_copy(update=values)
    return plan.model_copy(update={"tasks": tasks})
