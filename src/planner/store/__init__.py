"""Persistence: every read and write of projects goes through Store."""

from .access import FACILITATOR, PARTICIPANT, AccessDenied, AccessLink, Grant, valid_token
from .store import (
    ConflictError,
    HistoryEntry,
    HistoryPage,
    Milestone,
    Participant,
    PlanConflictError,
    Project,
    ProjectConflictError,
    ProjectSnapshot,
    Store,
    StoreError,
    StoreUnavailable,
    clean_description,
    clean_name,
    valid_project_id,
)

__all__ = [
    "FACILITATOR",
    "PARTICIPANT",
    "AccessDenied",
    "AccessLink",
    "Grant",
    "valid_token",
    "Participant",
    "HistoryEntry",
    "HistoryPage",
    "ConflictError",
    "Milestone",
    "PlanConflictError",
    "Project",
    "ProjectConflictError",
    "ProjectSnapshot",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "clean_description",
    "clean_name",
    "valid_project_id",
]
