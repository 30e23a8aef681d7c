"""What the workshop leaves in the plan: the disagreements it did not settle, who took part, and the questionnaire
answers a settled question stands for (the facilitator's actions on the Workshop page)."""

from __future__ import annotations

import streamlit as st

from ..assessment.engine import answer_label
from ..store import StoreError
from ..workshop import divergence, open_disagreements, questionnaire_answer, record_room, settled_value
from .language import ui_translator
from .plan_editing import change_plan
from .state import current_author, get_store, guarded, md


def _label(question, value) -> str:
    return ui_translator()._("no answer") if value is None else str(answer_label(question, value))


def save_settled_answer(project_id: str, content, expectation, value: str) -> tuple[str, str] | None:
    """After the room settled `expectation` on `value`: save the questionnaire answer that stands for, through the
    store's normal answer write (History shows who and when; the risk follows). ("success" | "error", what happened)
    for a note on the page; None when the option stands for no answer."""
    target = questionnaire_answer(expectation, value)
    question = content.questions.get(target[0]) if target else None
    if question is None:
        return None
    store, _ = get_store(), ui_translator()._
    try:
        before = store.load_answers(project_id).get(question.id)
        if before == target[1]:
            return "success", _("The questionnaire already answers “{question}” with “{answer}”.").format(
                question=md(question.text), answer=md(_label(question, before)))
        store.save_answer(project_id, question.id, target[1], author=current_author())
    except StoreError as exc:
        return "error", _("Recorded, but the questionnaire answer to “{question}” was not changed: {problem}").format(
            question=md(question.text), problem=md(exc))
    return "success", _("The questionnaire answer to “{question}” changed from “{before}” to “{after}” (History names you; "
                        "the risk follows the new answer).").format(question=md(question.text), before=md(_label(question, before)),
                                                                     after=md(_label(question, target[1])))


def settled_answer_caption(content, expectation, decision) -> None:
    """Under a settled question: the questionnaire answer its settled option stands for (saved when it was settled)."""
    target = questionnaire_answer(expectation, settled_value(expectation, decision) or "")
    question = content.questions.get(target[0]) if target else None
    if question is not None:
        st.caption(ui_translator()._("Settling this set the questionnaire answer to “{question}”: “{answer}” "
                                     "(History shows who and when).").format(question=md(question.text),
                                                                            answer=md(_label(question, target[1]))))


@guarded()
def _record(project_id: str, content, answers: dict, plan_version: int) -> None:
    t = ui_translator()
    _ = t._
    try:  # what the room holds now, not what the page showed a moment ago
        people = get_store().participants(project_id)
    except StoreError as exc:
        st.session_state.workshop_record_note = ("error", _("Not put into the plan: {problem}").format(problem=md(exc)))
        return
    results = divergence(content, people)
    written = {}

    def write(plan):
        updated = record_room(plan, results, people)
        written.update(open=len(updated.open_questions), people=len(updated.participants))
        return updated

    problem = change_plan(project_id, content, answers, plan_version, write, "workshop")
    if problem:
        st.session_state.workshop_record_note = ("error", _("Not put into the plan: {problem}").format(problem=md(problem)))
    else:
        st.session_state.workshop_record_note = ("success", _(
            "The plan now lists {open} open disagreement(s) with each role's answers (Plan → Workshop) and {people} "
            "participant(s) on the cover and in the sign-off (Plan → Document).").format(open=md(written["open"]),
                                                                                        people=md(written["people"])))


def record_room_panel(project_id: str, content, answers: dict, plan_version: int, saved_plan, results, people) -> None:
    """Facilitator: put the open disagreements and the participants into the plan; says when the plan lags the room."""
    from ..plan.model import Plan

    plan = saved_plan or Plan()
    now = [x.expectation for x in open_disagreements(plan, results)]
    written = [x.expectation for x in plan.open_questions]
    _ = ui_translator()._
    with st.container(border=True):
        st.markdown(_("**What the room leaves in the plan**"))
        st.caption(_("{open} disagreement(s) not settled yet, {people} participant(s). The plan's PDF lists the open "
                     "disagreements with each role's answers under “Open questions”, and the participants (name — role) on "
                     "the cover and in the sign-off. Settling a question later takes it off the list.").format(
            open=len(now), people=len(people)))
        kind, note = st.session_state.pop("workshop_record_note", (None, ""))
        if kind:
            (st.success if kind == "success" else st.error)(note)
        if written and set(written) != set(now):
            st.warning(_("The plan's open disagreements are from earlier: put them into the plan again to bring it up to date."))
        st.button(_("Put the open disagreements and the participants into the plan"), key="workshop_record_room",
                  on_click=_record, args=(project_id, content, answers, plan_version), disabled=not people)
