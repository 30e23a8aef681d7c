"""Ownership (RACI): the roles, then who is responsible, accountable, consulted or informed per activity."""

from __future__ import annotations

import streamlit as st

from ...plan.model import Plan, RaciRow, Role
from ..plan_editing import RACI_CHOICES, RACI_EMPTY, RENAMED_ROLES, show_error
from ..language import ui_translator
from . import columns as col
from .view import PlanView


def editor_columns(plan: Plan) -> dict[str, dict]:
    roles = {r.name: st.column_config.SelectboxColumn(r.name, options=RACI_CHOICES, default=RACI_EMPTY) for r in plan.roles}
    _ = ui_translator()._
    return {
        "roles": {"name": col.text(Role, "name", _("Role"), required=True),
                  "external": col.checkbox(_("External"), default=False),
                  "lacks_capability": col.checkbox(_("Missing / not staffed"), default=False)},
        "raci": {"activity": col.text(RaciRow, "activity", _("Activity"), required=True, width="medium"), **roles},
    }


def show(view: PlanView) -> None:
    _ = ui_translator()._
    view.explain("raci")
    show_error(RENAMED_ROLES)
    columns = editor_columns(view.plan)
    st.markdown(_("**Roles** — mark roles in another organisation as external, and roles the team lacks."))
    view.table("roles", columns["roles"], num_rows="dynamic")
    st.markdown(_("**Who does what** — R responsible, A accountable (exactly one), C consulted, I informed."))
    view.table("raci", columns["raci"], num_rows="dynamic")
    view.findings("raci")
