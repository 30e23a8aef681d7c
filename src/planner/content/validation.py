"""Pydantic validation of content files with messages that name file, place and what is wrong."""

from __future__ import annotations

from pydantic import ValidationError

from ..errors import InputError, Problem, format_path, label_from_data
from .schema import SCHEMA_VERSION


def validate(model, data, source: str):
    """`model` from `data`, or InputError with one problem per field, named by path and list-element id."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        label_of = label_from_data(data)
        problems = []
        for error in exc.errors(include_url=False):
            location = format_path(tuple(error["loc"]), label_of)
            problems.append(Problem(source, location or "top level", message(error)))
        raise InputError(problems) from None


def message(error: dict) -> str:
    kind, text = error["type"], error["msg"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against docs/content-format.md)"
    if kind == "missing":
        return "required field is missing"
    return text.removeprefix("Value error, ")


def check_version(data, source: str) -> None:
    if not isinstance(data, dict):
        raise InputError(Problem(source, "top level", "must be a mapping (key: value), not a list or a single value"))
    version = data.get("schema_version")
    if version is None:
        raise InputError(Problem(source, "schema_version", f"is required; add `schema_version: {SCHEMA_VERSION}`"))
    if type(version) is not int or version != SCHEMA_VERSION:
        raise InputError(Problem(source, "schema_version", f"{version!r} is not supported; this planner reads version {SCHEMA_VERSION}"))
