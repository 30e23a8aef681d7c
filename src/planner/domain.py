"""Plain records the core and the store share: no imports from either, so the store stays at ground level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The roles of a kickoff, one list for both the workshop (the role a participant joins with) and the plan's RACI
# columns (questionnaires/knowledge/plan_defaults.yaml names each of them). Participants and plans saved with an
# older name (e.g. "Operations", which stood in for ML / platform engineers) keep it: stored roles are read as saved.
TEAM_ROLES = ("Product owner / PM", "Data scientist", "Software engineer", "ML / platform engineer", "Domain expert",
              "QA / tester", "Labelling vendor", "Client")
WORKSHOP_ROLES = (*TEAM_ROLES, "Other")  # "Other": someone who joins the workshop without a RACI column of their own


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


@dataclass(frozen=True)
class MilestoneEntry:
    """A milestone without its answers: what a list of milestones shows (the answers are read only where needed)."""

    id: str
    name: str
    created_at: datetime  # timezone-aware (UTC)
