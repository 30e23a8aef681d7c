"""The kickoff plan: defaults from the answers, buffers, checks (pure core)."""

from .checks import Finding, plan_findings
from .defaults import default_plan
from .model import PLAN_SCHEMA_VERSION, Plan

__all__ = ["PLAN_SCHEMA_VERSION", "Finding", "Plan", "default_plan", "plan_findings"]
