"""Everything the plan documents (PDF, Markdown) show, assembled once from the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from ..answers import Answers, fitting_answers, is_visible
from ..assessment import Assessment, ChallengeResult, answer_label, assess
from ..conditions import asked_answers
from ..content import Content
from ..explainers import FiredCard, fired_cards
from ..i18n import catalogue_for, translator
from .buffers import BufferResult, compute_buffers
from .catalogue import AgreementRule, Catalogue
from .checks import Finding, commitment_findings, plan_findings, required_agreement_fields
from .model import Plan
from .whatif import WhatIf, what_if

LIKELY = 0.25  # challenges at or above this likelihood are explained in the documents and get tickets
SECTION_ORDER = ("effort", "experts", "data_agreement", "monitoring", "raci", "qualities", "release_criteria", "glossary")


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
    language: str = "en"  # of the documents (planner.i18n): the plan's own, or the one asked for

    def findings_for(self, section: str) -> list[Finding]:
        return [f for f in self.findings if f.section == section]

    @cached_property
    def required_agreement_fields(self) -> dict[str, AgreementRule | None]:
        """Data-agreement fields to agree before the first delivery (always, or because of an answer asked)."""
        return required_agreement_fields(asked_answers(self.content, self.answers), self.language)

    @cached_property
    def adopted(self) -> WhatIf | None:
        """The mitigations the team adopted and what they would change; computed only when a document asks
        (it re-assesses and re-simulates, which the Plan page's rerun after an edit does not need)."""
        if not self.plan.adopted_levers:
            return None
        return what_if(self.content, self.answers, self.plan, self.plan.adopted_levers, before=self.assessment,
                       schedule_before=self.buffers.summary)

    def likely_challenges(self, point=None) -> list[ChallengeResult]:
        """Challenges (of one point, or all) with a likelihood of at least LIKELY, most likely first."""
        points = self.assessment.points if point is None else [point]
        found = [c for p in points for c in p.challenges if c.likelihood is not None and c.likelihood >= LIKELY]
        return sorted(found, key=lambda c: -c.likelihood)

    def top_risks(self, count: int = 5) -> list[ChallengeResult]:
        """The likely challenges that weigh most: importance × likelihood."""
        return sorted(self.likely_challenges(), key=lambda c: (-c.importance * c.likelihood, c.id))[:count]

    def open_points(self) -> list[Finding]:
        """Every finding: errors first, then warnings, then open questions, each in document order."""
        level = {"error": 0, "warning": 1}
        return sorted(self.findings, key=lambda f: (level.get(f.level, 2),
                                                    SECTION_ORDER.index(f.section) if f.section in SECTION_ORDER else 99))

    def open_workshop_questions(self) -> list:
        """The disagreements the workshop left open (written into the plan by planner.workshop.record_room)."""
        return [x for x in self.plan.open_questions if x.question.strip()]

    def workshop_items(self) -> tuple[list, list, list]:
        """The agenda, decision log and parking lot without empty rows."""
        plan = self.plan
        return ([a for a in plan.agenda if a.topic.strip()],
                [d for d in plan.decisions if d.topic.strip() or d.decision.strip()],
                [x for x in plan.parking_lot if x.question.strip()])


@dataclass(frozen=True)
class AnsweredPart:
    """What a report takes from the answers alone (the same for every plan): kept across plan edits (issue 16)."""

    answers: Answers  # the stored answers that fit their questions
    assessment: Assessment
    lines: tuple[AnswerLine, ...]
    cards: tuple[FiredCard, ...]
    asked: Answers  # the answers of the questions shown (a hidden answer opens no point)


def answered_part(content: Content, answers: Answers) -> AnsweredPart:
    answers = fitting_answers(content, answers)  # a stored answer that no longer fits its question counts as unanswered
    lines = []
    for s in content.sections:
        for q in s.questions:
            if q.id in answers and is_visible(q, answers):
                lines.append(AnswerLine(s.section.title, q.text, str(answer_label(q, answers[q.id])), "; ".join(q.citations)))
    return AnsweredPart(answers, assess(content, answers), tuple(lines), tuple(fired_cards(content, answers)),
                        asked_answers(content, answers))


def build_report(content: Content, answers: Answers, plan: Plan, *, project_name: str, project_description: str = "",
                 version: str = "draft", date: str | None = None, language: str | None = None,
                 answered: AnsweredPart | None = None) -> PlanReport:
    """The report in `language` (else the plan's own, else English); `content` should be in that language too
    (planner.i18n.content_for). `answered`: answered_part(content, answers), when already at hand."""
    language = language or plan.language or "en"
    t = translator(language)
    answered = answered or answered_part(content, answers)
    answers, assessment = answered.answers, answered.assessment
    buffers = compute_buffers(plan, answers, assessment, t=t)
    return PlanReport(
        project_name=project_name,
        project_description=project_description,
        date=date or datetime.now(UTC).date().isoformat(),
        version=version,
        content=content,
        answers=answers,
        assessment=assessment,
        plan=plan,
        buffers=buffers,
        findings=tuple(plan_findings(plan, answered.asked, t) + commitment_findings(buffers, t)),  # a hidden answer opens no point
        catalogue=catalogue_for(language),
        answer_lines=answered.lines,
        cards=answered.cards,
        language=language,
    )
