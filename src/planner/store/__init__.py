"""Persistence: every read and write of projects goes through Store."""

from .access import FACILITATOR, PARTICIPANT, AccessDenied, AccessLink, Grant, valid_token
from .accounts import Account, Share, clean_email
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
    "Account",
    "Share",
    "clean_email",
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
