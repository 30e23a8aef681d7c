"""Client explainer cards: which apply to a project, and because of which answers."""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answers
from .conditions import all_hold, asked_answers
from .content import Content
from .content.schema import Explainer


@dataclass(frozen=True)
class FiredCard:
    card: Explainer
    questions: tuple[str, ...]  # the answered questions that made it apply (where the UI shows it)


def fired_cards(content: Content, answers: Answers) -> list[FiredCard]:
    """Cards with at least one trigger whose conditions all hold on visible answers, in knowledge-base order."""
    fired = []
    asked = asked_answers(content, answers)
    for card in content.kb.explainers:
        questions: list[str] = []
        for trigger in card.triggers:
            if all_hold(trigger.when, asked):
                questions += [c.question for c in trigger.when if c.question not in questions]
        if questions:
            fired.append(FiredCard(card, tuple(questions)))
    return fired


def cards_for_question(fired: list[FiredCard], question_id: str) -> list[Explainer]:
    return [f.card for f in fired if question_id in f.questions]



def trigger_questions(content: Content) -> frozenset[str]:
    """The questions whose answer changes more of the questionnaire than their own widget: the `show_if`
    triggers of follow-up questions and every question an explainer card's condition reads (kept per content)."""
    def compute() -> frozenset[str]:
        follow_up_triggers = {q.show_if.question for q in content.questions.values() if q.show_if is not None}
        card_conditions = {c.question for card in content.kb.explainers for t in card.triggers for c in t.when}
        return frozenset(follow_up_triggers | card_conditions)
    return content.kept("trigger_questions", compute)
