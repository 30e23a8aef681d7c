"""Errors about user-supplied input: safe to show, naming what is wrong and where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: the source (file), where in it, and what."""

    source: str
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.location}" if self.location else self.source
        return f"{where}: {self.message}"


class InputError(Exception):
    """Input that cannot be accepted; carries every problem found."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(str(p) for p in self.problems[:5]))

    def one_line(self) -> str:
        """A single line for CLI output: the first problem and how many more."""
        first = str(self.problems[0]) if self.problems else "invalid input"
        more = len(self.problems) - 1
        return first if more <= 0 else f"{first} (and {more} more problem{'s' if more > 1 else ''})"


class Item(int):
    """A list index that also knows a label for its element (e.g. the question id)."""

    def __new__(cls, index: int, label: str | None):
        item = super().__new__(cls, index)
        item.label = label
        return item


def format_path(path: tuple, label_of=None) -> str:
    """Render ('questions', 3, 'options', 1, 'value') as `questions[3] (id req_x) › options[1] › value`.

    `label_of(prefix)` may return a human label (e.g. the question id) for a list element.
    """
    parts: list[str] = []
    for i, element in enumerate(path):
        if isinstance(element, int):
            label = getattr(element, "label", None) or (label_of(path[: i + 1]) if label_of else None)
            text = f"[{int(element)}]"
            if label:
                text += f" ({label})"
            if parts:
                parts[-1] += text
            else:
                parts.append(text)
        else:
            parts.append(str(element))
    return " › ".join(parts)


def label_from_data(data):
    """A `label_of` for format_path that names list elements by their `id` or `value` field."""

    def label_of(prefix: tuple):
        node = data
        try:
            for element in prefix:
                node = node[element]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(node, dict):
            for key in ("id", "value"):
                value = node.get(key)
                if isinstance(value, (str, int)) and not isinstance(value, bool):
                    return f"{key} {str(value)[:60]!r}"
        return None

    return label_of
