"""Plain records the core and the store share: no imports from either, so the store stays at ground level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

WORKSHOP_ROLES = ("Product owner / PM", "Data scientist", "Software engineer", "Domain expert", "Operations",
                  "Client", "Other")


@dataclass(frozen=True)
class Participant:
    """Someone who joined the workshop with one of WORKSHOP_ROLES, and their expectation answers."""

    id: str
    name: str
    role: str
    answers: dict  # expectation question id → option value


@dataclass(frozen=True)
class Milestone:
    """The project's answers saved under a name at one moment."""

    id: str
    name: str
    created_at: datetime  # timezone-aware (UTC)
    answers: dict
