"""Safe download file names."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_filename(stem: str, extension: str, limit: int = 80) -> str:
    """ASCII letters, digits, '-' and '_' only; no path parts, no reserved device names."""
    text = unicodedata.normalize("NFKD", str(stem)).encode("ascii", "ignore").decode()
    text = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9_-]+", "-", text))
    text = text.strip("-_")[:limit].strip("-_") or "project"
    if text.lower() in _RESERVED:
        text = f"project-{text}"
    return f"{text}.{extension}"


TEAM_FILE_NAME_LIMIT = 100


def team_file_name(name: str) -> str:
    """The stored name of a team question file (upload or import): a safe file name ending in .yaml, at most 100 characters."""
    stem = re.sub(r"\.ya?ml$", "", str(name), flags=re.IGNORECASE)
    return safe_filename(stem, "yaml", limit=TEAM_FILE_NAME_LIMIT - len(".yaml"))
