"""Conditions on answers, evaluated in one place: `show_if`, setup rules, explainer triggers, plan task defaults.

One model (content.schema.Condition; `show_if` and a task's `when` use its options-only form) and one rule:
a condition reads the answer to its question only where that question is asked (see asked_answers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .content.schema import Condition, OptionCondition, Question

if TYPE_CHECKING:  # pragma: no cover
    from .content import Content

__all__ = ["Condition", "OptionCondition", "all_hold", "asked_answers", "holds", "is_visible"]


def holds(condition: Condition | None, answers: Mapping[str, Any]) -> bool:
    """Whether the answer to `condition.question` meets it; no condition always holds, a missing answer never does.

    `any_of`: the answer is one of the options; a multi answer (a list) when any option chosen is one of them.
    `below`/`at_least`: a number answer (never a yes/no) with at_least <= answer < below; either bound may be left out.
    """
    if condition is None:
        return True
    given = answers.get(condition.question)
    if given is None:
        return False
    if condition.any_of is not None:
        chosen = given if isinstance(given, list) else [given]
        return any(v in condition.any_of for v in chosen)
    if isinstance(given, bool) or not isinstance(given, (int, float)):
        return False
    if condition.below is not None and not given < condition.below:
        return False
    return condition.at_least is None or given >= condition.at_least


def all_hold(conditions: Iterable[Condition], answers: Mapping[str, Any]) -> bool:
    """Every condition holds (the `when` lists of setup rules and explainer triggers)."""
    return all(holds(c, answers) for c in conditions)


def is_visible(question: Question, answers: Mapping[str, Any]) -> bool:
    """A conditional question is asked only when its trigger answer matches (a trigger is never conditional itself)."""
    return holds(question.show_if, answers)


def asked_answers(content: Content, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to questions `content` has and asks (visible for these answers): what every condition reads.
    An answer left behind on a question no longer asked, or on one the content does not have, meets no condition."""
    return {qid: value for qid, value in answers.items()
            if (question := content.questions.get(qid)) is not None and is_visible(question, answers)}
