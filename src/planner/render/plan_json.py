"""The plan as JSON: every section as the model holds it, with the schedule summary the app and the documents show."""

from __future__ import annotations

import json

from ..plan.buffers import schedule_summary
from ..plan.report import PlanReport


def plan_json(report: PlanReport) -> str:
    return json.dumps({"project": {"name": report.project_name, "description": report.project_description},
                       "version": report.version, "date": report.date,
                       "plan": report.plan.model_dump(mode="json"),
                       "schedule": schedule_summary(report.buffers)}, indent=2, ensure_ascii=False)
