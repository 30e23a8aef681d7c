"""The content YAML's own texts, for tests that take them out of a page or a document before looking for English."""

from __future__ import annotations

from pathlib import Path

from planner.content.loader import content_dir
from planner.safe_yaml import load_yaml


def _walk(value, found: set[str]) -> None:
    if isinstance(value, str):
        found.add(" ".join(value.split()))
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, found)


def yaml_texts(skip: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Every text (over 3 characters) of the YAML under the content folder, except the files in `skip` (paths
    relative to it), longest first."""
    found: set[str] = set()
    root = Path(content_dir())
    for path in sorted(root.rglob("*.yaml")):
        if path.relative_to(root).as_posix() not in skip:
            _walk(load_yaml(path.read_bytes(), path.name), found)
    return tuple(sorted((x for x in found if len(x) > 3), key=len, reverse=True))
