"""The plan's participant list: "name — role" lines, from the workshop and typed on the Plan page, without duplicates."""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = " — "


def entry(name: str, role: str) -> str:
    """One participant as the plan lists them, e.g. "Ana — Data scientist" (just the name without a role)."""
    name, role = " ".join(str(name).split()), " ".join(str(role).split())
    return f"{name}{SEPARATOR}{role}" if role else name


def split(line: str) -> tuple[str, str]:
    """(name, role) of one listed participant; a line typed without " — " is all name."""
    name, _, role = str(line).rpartition(SEPARATOR)
    return (name.strip(), role.strip()) if name.strip() else (str(line).strip(), "")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def merge(listed: Iterable[str], joined: Iterable[tuple[str, str]]) -> list[str]:
    """The plan's participants with the people who joined the workshop (name, role) added.

    Nobody is listed twice: an exact repeat (ignoring case and spaces) is dropped, and a name typed without a role
    takes the role of the one person of that name who joined (two people of one name keep a line each).
    """
    lines = [line for line in (str(x).strip() for x in listed) if line]
    seen = {_key(line) for line in lines}
    for name, role in joined:
        line = entry(name, role)
        if not line or _key(line) in seen:
            continue
        bare = next((i for i, x in enumerate(lines) if _key(x) == _key(name) and not split(x)[1]), None)
        if bare is not None:
            lines[bare] = line
        else:
            lines.append(line)
        seen.add(_key(line))
    return lines


def sign_off_rows(participants: Iterable[str], roles: Iterable[str]) -> list[tuple[str, str]]:
    """(role, name) rows of the sign-off table: each participant with their role, then each plan role nobody present holds."""
    people = [split(line) for line in participants if str(line).strip()]
    present = {_key(role) for _, role in people if role}
    rows = [(role, name) for name, role in people]
    rows += [(role, "") for role in roles if role.strip() and _key(role) not in present]
    return rows
