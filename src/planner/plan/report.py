"""Everything the plan documents (PDF, Markdown) show, assembled once from the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..answers import Answers, is_visible
from ..assessment import Assessment, answer_label, assess
from ..content import Content
from ..explainers import FiredCard, fired_cards
from .buffers import BufferResult, compute_buffers
from .catalogue import Catalogue, load_catalogue
from .checks import Finding, plan_findings
from .model import Plan
from .whatif import WhatIf, what_if


@dataclass(frozen=True)
class AnswerLine:
    section: str
    question: str
    answer: str
    citations: str


@dataclass(frozen=True)
class PlanReport:
    project_name: str
    project_description: str
    date: str  # ISO date the document was made
    version: str  # plan version (store) or "draft"
    content: Content
    answers: Answers
    assessment: Assessment
    plan: Plan
    buffers: BufferResult
    findings: tuple[Finding, ...]
    catalogue: Catalogue
    answer_lines: tuple[AnswerLine, ...]
    cards: tuple[FiredCard, ...] = ()  # client explainer cards the answers trigger
    adopted: WhatIf | None = None  # the mitigations the team adopted, and what they would change

    def findings_for(self, section: str) -> list[Finding]:
        return [f for f in self.findings if f.section == section]


def build_report(content: Content, answers: Answers, plan: Plan, *, project_name: str, project_description: str = "",
                 version: str = "draft", date: str | None = None) -> PlanReport:
    assessment = assess(content, answers)
    lines = []
    for s in content.sections:
        for q in s.questions:
            if q.id in answers and is_visible(q, answers):
                lines.append(AnswerLine(s.section.title, q.text, str(answer_label(q, answers[q.id])), "; ".join(q.citations)))
    return PlanReport(
        project_name=project_name,
        project_description=project_description,
        date=date or datetime.now(UTC).date().isoformat(),
        version=version,
        content=content,
        answers=answers,
        assessment=assessment,
        plan=plan,
        buffers=compute_buffers(plan, answers, assessment),
        findings=tuple(plan_findings(plan, answers)),
        catalogue=load_catalogue(),
        answer_lines=tuple(lines),
        cards=tuple(fired_cards(content, answers)),
        adopted=what_if(content, answers, plan, plan.adopted_levers) if plan.adopted_levers else None,
    )
