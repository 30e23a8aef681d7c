"""Persistence: every read and write of projects goes through Store."""

from .store import (
    ConflictError,
    HistoryEntry,
    Milestone,
    Participant,
    PlanConflictError,
    Project,
    ProjectSnapshot,
    Store,
    StoreError,
    clean_description,
    clean_name,
    valid_project_id,
)

__all__ = [
    "Participant",
    "HistoryEntry",
    "ConflictError",
    "Milestone",
    "PlanConflictError",
    "Project",
    "ProjectSnapshot",
    "Store",
    "StoreError",
    "clean_description",
    "clean_name",
    "valid_project_id",
]
