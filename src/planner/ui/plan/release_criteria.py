"""Release criteria: what the model must reach before release, which error is worse, who signs off and when."""

from __future__ import annotations

import streamlit as st

from ...plan.defaults import default_release_criteria
from ...plan.model import WORSE_ERRORS, Plan, ReleaseCriteria, ReleaseCriterion
from ...i18n import N_
from ..language import ui_translator
from ..plan_editing import on_field_change, show_error
from . import columns as col
from .view import PlanView

NOT_CHOSEN = N_("Not chosen yet")  # the sign-off selectbox's label for ""


def editor_columns(plan: Plan) -> dict[str, dict]:
    _ = ui_translator()._
    return {"release_criteria": {
        "metric": col.text(ReleaseCriterion, "metric", _("Metric"), width="medium", help=_("What is measured, e.g. recall of the cases that matter")),
        "target": col.text(ReleaseCriterion, "target", _("Target"), help=_("The value the room agrees on, e.g. at least 0.85")),
        "agreed": col.checkbox(_("Agreed"), default=False, help=_("Tick once the room has agreed on the row")),
        "baseline": col.text(ReleaseCriterion, "baseline", _("Baseline"), help=_("What the model must beat: today's process, a simple rule")),
        "evaluation_data": col.text(ReleaseCriterion, "evaluation_data", _("Evaluation data"), width="medium",
                                    help=_("The data set the target is measured on")),
        "subgroups": col.text(ReleaseCriterion, "subgroups", _("Must hold too for"), width="medium",
                              help=_("Groups or cases where the target must hold as well, e.g. each hospital")),
        "suggested_by": col.text(ReleaseCriterion, "suggested_by", _("Suggested because"), disabled=True)}}


def _field(view: PlanView, name: str, key: str, convert=None) -> dict:
    return {"key": key, "on_change": on_field_change,
            "args": (*view.ctx, "release_criteria", ("release_criteria", name), key, *((convert,) if convert else ()))}


def _none_to_empty(value) -> str:
    return value or ""


def show(view: PlanView) -> None:
    _ = ui_translator()._
    release, info = view.plan.release_criteria, view.catalogue.release_criteria
    view.explain("release_criteria")
    view.table("release_criteria", editor_columns(view.plan)["release_criteria"], num_rows="dynamic")
    if not release.criteria:  # plans saved before release criteria existed, or emptied by the team
        suggested = default_release_criteria(view.content, view.answers).criteria
        st.session_state.plan_release_suggested = [c.model_dump() for c in suggested]
        st.button(_("Fill in the suggested criteria"), key="plan_release_fill", on_click=on_field_change,
                  args=(*view.ctx, "release_criteria", ("release_criteria", "criteria"), "plan_release_suggested"))
    st.caption(_("Tick “Agreed” once the room has agreed on a row; the last column says which answer suggested it. "
                 "Qualities such as latency or fairness get their targets under Qualities & glossary."))
    st.markdown("**" + _("Errors and sign-off") + "**")
    options = list(WORSE_ERRORS)
    st.selectbox(_("Which error is worse?"), options, index=options.index(release.worse_error), format_func=info.worse_error.get,
                 **_field(view, "worse_error", "plan_release_worse"))
    left, right = st.columns(2)
    left.text_area(_("What a false positive (false alarm) costs, and whom"), value=release.false_positive_cost, height=90,
                   **col.field_limits(ReleaseCriteria, "false_positive_cost"), placeholder=_("e.g. someone checks a case that was fine"),
                   **_field(view, "false_positive_cost", "plan_release_fp"))
    right.text_area(_("What a false negative (miss) costs, and whom"), value=release.false_negative_cost, height=90,
                    **col.field_limits(ReleaseCriteria, "false_negative_cost"), placeholder=_("e.g. a case that needed action is missed"),
                    **_field(view, "false_negative_cost", "plan_release_fn"))
    roles = [r.name for r in view.plan.roles]
    choices = ["", *roles, *([release.sign_off] if release.sign_off and release.sign_off not in roles else [])]
    left.selectbox(_("Who signs off (a role from Ownership)"), choices, index=choices.index(release.sign_off),
                   format_func=lambda v: v or _(NOT_CHOSEN), **_field(view, "sign_off", "plan_release_sign_off", _none_to_empty))
    right.text_input(_("When it is evaluated"), value=release.evaluated_when, **col.field_limits(ReleaseCriteria, "evaluated_when"),
                     placeholder=_("e.g. before the pilot, and after every retraining"), **_field(view, "evaluated_when", "plan_release_when"))
    show_error("release_criteria")
    view.findings("release_criteria")
