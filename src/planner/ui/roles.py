"""The workshop's roles as shown: a role is an identifier (planner.domain.WORKSHOP_ROLES) shown in the app's language."""

from __future__ import annotations

from dataclasses import replace

from ..i18n import N_, Translator

# The catalog's entries for planner.domain.WORKSHOP_ROLES (tests/test_ui_german_plan_workshop.py checks they match).
ROLE_NAMES = (N_("Product owner / PM"), N_("Data scientist"), N_("Software engineer"), N_("ML / platform engineer"),
              N_("Domain expert"), N_("QA / tester"), N_("Labelling vendor"), N_("Client"), N_("Other"))


def role_name(role: str, t: Translator) -> str:
    """A role as shown in t's language; a role saved under an older name stays as saved."""
    return t._(role) if role in ROLE_NAMES else role


def with_role_names(results, t: Translator) -> list:
    """workshop.Divergence results with each role as shown (for the heatmap and its table, which print the roles)."""
    return [replace(d, roles=tuple(replace(r, role=role_name(r.role, t)) for r in d.roles)) for d in results]
