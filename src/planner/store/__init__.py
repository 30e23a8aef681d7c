"""Persistence: every read and write of projects goes through Store."""

from .store import (
    ConflictError,
    PlanConflictError,
    Project,
    ProjectSnapshot,
    Store,
    StoreError,
    clean_description,
    clean_name,
    valid_project_id,
)

__all__ = ["ConflictError", "PlanConflictError", "Project", "ProjectSnapshot", "Store", "StoreError", "clean_description", "clean_name", "valid_project_id"]
