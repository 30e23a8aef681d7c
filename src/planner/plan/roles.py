"""Role names are the RACI table's column names: unique, and never one of its fixed columns."""

from __future__ import annotations

from collections.abc import Iterable

# The RACI table's own columns: the activity, and the table editor's index column (Streamlit's `_index`).
RACI_FIXED_COLUMNS = ("activity", "_index")
ROLE_NAME_LIMIT = 80


def role_key(name: str) -> str:
    """Names that look the same to people collide: compared trimmed and case-insensitively."""
    return str(name).strip().casefold()


def role_name_problems(names: Iterable[str]) -> list[str]:
    """What makes these role names unusable as RACI columns, one message per name."""
    problems, seen = [], set()
    for name in names:
        key = role_key(name)
        if key in RACI_FIXED_COLUMNS:
            problems.append(f"the role '{name.strip()}' is named like the RACI table's '{key}' column; choose another name")
        elif key in seen:
            problems.append(f"the role '{name.strip()}' is already in the list; role names must be unique (ignoring case and surrounding spaces)")
        seen.add(key)
    return problems


def _free_name(name: str, taken: set[str], start: int) -> str:
    n = start
    while True:
        suffix = f" ({n})"
        candidate = name.strip()[:ROLE_NAME_LIMIT - len(suffix)] + suffix
        if role_key(candidate) not in taken and role_key(candidate) not in RACI_FIXED_COLUMNS:
            return candidate
        n += 1


def disambiguate_roles(data: dict) -> tuple[dict, list[str]]:
    """A stored plan with roles saved before names were checked: clashing roles get a numbered name.

    The first of equal names keeps its RACI cells; a renamed role takes the cells stored under its exact
    old name if no kept role uses that name. Returns the repaired copy and what was renamed.
    """
    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, list) or not all(isinstance(r, dict) and isinstance(r.get("name"), str) for r in roles):
        return data, []
    names = [r["name"] for r in roles]
    if not role_name_problems(names):
        return data, []
    taken = {role_key(n) for n in names}
    kept: set[str] = set()
    renamed: dict[int, str] = {}
    for index, name in enumerate(names):
        key = role_key(name)
        if key in RACI_FIXED_COLUMNS or key in kept:
            renamed[index] = _free_name(name, taken, index + 1)
            taken.add(role_key(renamed[index]))
        else:
            kept.add(key)
    kept_exact = {names[i] for i in range(len(names)) if i not in renamed}
    moves = {names[i]: new for i, new in renamed.items() if names[i] not in kept_exact}
    repaired = dict(data, roles=[dict(r, name=renamed.get(i, r["name"])) for i, r in enumerate(roles)])
    if isinstance(data.get("raci"), list):
        repaired["raci"] = [_move_cells(row, moves) for row in data["raci"]]
    notes = [f"'{names[i].strip()}' is shown as '{new}'" for i, new in renamed.items()]
    return repaired, notes


def _move_cells(row, moves: dict[str, str]):
    if not isinstance(row, dict) or not isinstance(row.get("cells"), dict):
        return row
    return dict(row, cells={moves.get(role, role): value for role, value in row["cells"].items()})
