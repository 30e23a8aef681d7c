"""The Plan page's sections in page order: id → the `show(view)` that renders it, and every table editor's columns."""

from __future__ import annotations

from collections.abc import Callable

from ...plan.model import Plan
from ..plan_editing import PLAN_SECTIONS
from . import data_agreement, document, effort, experts, monitoring, qualities, raci, release_criteria, whatif, workshop
from .view import PlanView

SECTIONS: dict[str, Callable[[PlanView], None]] = {
    "effort": effort.show, "experts": experts.show, "data_agreement": data_agreement.show, "monitoring": monitoring.show,
    "raci": raci.show, "qualities": qualities.show, "release_criteria": release_criteria.show, "workshop": workshop.show,
    "whatif": whatif.show, "document": document.show,
}

_WITH_EDITORS = (effort, experts, monitoring, raci, qualities, workshop, release_criteria)


def editor_columns(plan: Plan) -> dict[str, dict]:
    """Every table editor's column config (plan_editing.TABLES' names), e.g. to check them against the model."""
    out: dict[str, dict] = {}
    for module in _WITH_EDITORS:
        out.update(module.editor_columns(plan))
    return out
