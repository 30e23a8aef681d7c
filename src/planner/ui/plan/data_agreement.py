"""Data agreement: one text per point the producing and consuming teams agree on."""

from __future__ import annotations

import streamlit as st

from ...plan.model import DataAgreement
from ..language import ui_translator
from ..plan_editing import on_field_change, show_error
from ..state import md
from . import columns as col
from .view import PlanView


def show(view: PlanView) -> None:
    _ = ui_translator()._
    view.explain("data_agreement")
    info = view.catalogue.data_agreement
    required = view.report.required_agreement_fields
    for field, label in info.labels.items():
        rule = required.get(field)
        mandatory = "" if field not in required else _(" (required: {reason})").format(reason=rule.reason) if rule else _(" (required)")
        key = f"plan_agreement_{field}"
        st.text_area(md(label + mandatory), value=getattr(view.plan.data_agreement, field), **col.field_limits(DataAgreement, field),
                     height=70, key=key, on_change=on_field_change, args=(*view.ctx, "data_agreement", ("data_agreement", field), key))
    show_error("data_agreement")
    view.findings("data_agreement")
