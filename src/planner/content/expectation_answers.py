"""Checks of the questionnaire answers a settled workshop question stands for (Expectation options' `answer`)."""

from __future__ import annotations

from ..errors import Problem
from .schema import KnowledgeBase, Question


def _problem(question: Question | None, target: str, value) -> str | None:
    if question is None:
        return f"refers to unknown question {target!r}"
    if question.show_if is not None:
        return f"{target!r} is itself conditional; refer to an unconditional question"
    if question.type not in ("single", "scale"):
        return f"{target!r} is a {question.type} question; choose a single-choice one"
    if question.option(value) is None:
        return f"{value!r} is not an option of {target!r}"
    return None


def expectation_answer_problems(kb: KnowledgeBase, questions: dict[str, Question], source: str) -> list[Problem]:
    """Each answer is an option of an unconditional single-choice question; one question per expectation question, and
    no question set by two of them (settling one would overwrite what the other settled)."""
    problems, owner = [], {}
    for expectation in kb.expectations:
        targets = set()
        for option in expectation.options:
            if option.answer is None:
                continue
            target = option.answer.question
            problem = _problem(questions.get(target), target, option.answer.value)
            if problem:
                problems.append(Problem(source, f"expectation {expectation.id!r} › {option.value} › answer", problem))
            targets.add(target)
        if len(targets) > 1:
            problems.append(Problem(source, f"expectation {expectation.id!r}", "its options set answers to more than one question"))
        for target in sorted(targets):
            if target in owner:
                problems.append(Problem(source, f"expectation {expectation.id!r}", f"{target!r} is already set by {owner[target]!r}"))
            owner.setdefault(target, expectation.id)
    return problems
