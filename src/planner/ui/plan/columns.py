"""Editor limits read from the plan model: a column or widget never restates a length, range or choice list.

`field_limits(Task, "name")` is {"max_chars": 200}; `field_limits(Estimation, "trials")` is
{"min_value": 100, "max_value": 1000000}; a Literal gives {"options": [...]}. The column helpers pass
these on to st.column_config, so changing a limit in planner.plan.model changes the editor with it.
"""

from __future__ import annotations

import types
from typing import Annotated, Literal, Union, get_args, get_origin

import streamlit as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _unwrap(annotation, metadata=()) -> tuple[object, list]:
    """The bare type of an annotation and every constraint on it (Annotated, Optional and FieldInfo unpacked)."""
    found: list = []

    def collect(items) -> None:
        for item in items:
            if isinstance(item, FieldInfo):
                collect(item.metadata)
            else:
                found.append(item)

    collect(metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            collect(extra)
        elif origin in (Union, types.UnionType) and len([a for a in get_args(annotation) if a is not type(None)]) == 1:
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation, found


def annotation_limits(annotation, metadata=()) -> dict:
    """max_chars / min_value / max_value / options of one annotation, as st.column_config and widgets name them."""
    base, constraints = _unwrap(annotation, metadata)
    if get_origin(base) is Literal:
        return {"options": list(get_args(base))}
    out: dict = {}
    number = float if base is float else int if base is int else None
    for constraint in constraints:
        if getattr(constraint, "max_length", None) is not None and base is str:
            out["max_chars"] = constraint.max_length
        for name, key in (("ge", "min_value"), ("le", "max_value")):
            value = getattr(constraint, name, None)
            if value is not None and number is not None:
                out[key] = number(value)
    return out


def field_limits(model: type[BaseModel], field: str, part: str | None = None) -> dict:
    """The limits of `model.field`; part="values" / "keys" / "items" for a dict's values or keys, a list's items."""
    info = model.model_fields[field]
    if part is None:
        return annotation_limits(info.annotation, info.metadata)
    container, _ = _unwrap(info.annotation)
    args = get_args(container)
    return annotation_limits({"keys": args[0], "values": args[-1], "items": args[0]}[part])


def text(model: type[BaseModel], field: str, label: str, **kwargs) -> dict:
    """A text column as long as the model allows."""
    return st.column_config.TextColumn(label, max_chars=field_limits(model, field).get("max_chars"), **kwargs)


def number(model: type[BaseModel], field: str, label: str, part: str | None = None, **kwargs) -> dict:
    """A number column within the model's range."""
    limits = field_limits(model, field, part)
    return st.column_config.NumberColumn(label, min_value=limits.get("min_value"), max_value=limits.get("max_value"), **kwargs)


def choice(model: type[BaseModel], field: str, label: str, **kwargs) -> dict:
    """A selectbox column offering exactly the model's Literal values."""
    return st.column_config.SelectboxColumn(label, options=field_limits(model, field)["options"], **kwargs)


def checkbox(label: str, **kwargs) -> dict:
    return st.column_config.CheckboxColumn(label, **kwargs)
