"""Workshop: the timed agenda with its timer, the decision log and the parking lot."""

from __future__ import annotations

import time

import streamlit as st

from ...i18n import ENGLISH, Translator
from ...plan.defaults import default_agenda
from ...plan.model import AgendaItem, Decision, ParkingItem, Plan
from ..language import ui_translator
from ..plan_editing import on_field_change
from ..roles import role_name
from ..state import md
from . import columns as col
from .view import PlanView


def editor_columns(plan) -> dict[str, dict]:
    _ = ui_translator()._
    return {
        "agenda": {"topic": col.text(AgendaItem, "topic", _("Topic"), width="large"),
                   "minutes": col.number(AgendaItem, "minutes", _("Minutes"), step=5.0),
                   "citation": col.text(AgendaItem, "citation", _("Study"))},
        "decisions": {"topic": col.text(Decision, "topic", _("Topic")), "decision": col.text(Decision, "decision", _("Decision"), width="large"),
                      "owner": col.text(Decision, "owner", _("Owner")), "decided_on": col.text(Decision, "decided_on", _("Date"))},
        "parking_lot": {"question": col.text(ParkingItem, "question", _("Question"), width="large"),
                        "owner": col.text(ParkingItem, "owner", _("Owner")), "due": col.text(ParkingItem, "due", _("Due"))},
    }


def _timer(topics: list[tuple[str, float]]) -> None:
    """One topic at a time against its minutes; reruns every second while it runs."""
    t = ui_translator()
    _ = t._
    started = st.session_state.get("plan_timer_started")
    index = st.session_state.get("plan_timer_index", 0)
    if started is None or index >= len(topics):
        if index >= len(topics) and started is not None:
            st.success(_("Agenda done."))
        if topics and st.button(_("Start the agenda timer"), key="plan_timer_start"):
            st.session_state.plan_timer_started, st.session_state.plan_timer_index = time.time(), 0
            st.rerun()
        return
    topic, minutes = topics[index]
    elapsed = time.time() - started
    budget = minutes * 60
    label = _("{number}/{count} · {topic} — {clock} of {minutes} min").format(
        number=index + 1, count=len(topics), topic=md(topic), clock=f"{int(elapsed // 60)}:{int(elapsed % 60):02d}", minutes=t.g(minutes))
    st.progress(min(elapsed / budget, 1.0) if budget else 1.0, text=label)
    if budget and elapsed > budget:
        st.warning(_("Over time by {clock} - park the rest of the topic or decide now.").format(
            clock=f"{int((elapsed - budget) // 60)}:{int((elapsed - budget) % 60):02d}"))
    left, right = st.columns(2)
    if left.button(_("Next topic"), key="plan_timer_next"):
        st.session_state.plan_timer_index, st.session_state.plan_timer_started = index + 1, time.time()
        st.rerun()
    if right.button(_("Stop the timer"), key="plan_timer_stop"):
        st.session_state.plan_timer_started = None
        st.rerun()


def agenda_against_duration(view: PlanView, topics: list[tuple[str, float]]) -> None:
    """The planned duration (editable), the agenda's total against it, a warning when the agenda runs longer, and the
    suggested agenda for that duration (minutes by risk) on request."""
    plan, key, t = view.plan, "plan_workshop_minutes", ui_translator()
    _ = t._
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    left.number_input(_("Planned duration (minutes)"), **col.field_limits(Plan, "workshop_minutes"), value=plan.workshop_minutes,
                      step=15, key=key, on_change=on_field_change, args=(*view.ctx, "workshop", ("workshop_minutes",), key),
                      help=_("The whole kickoff, the break and the closing survey included."))
    right.button(_("Replace the agenda with the suggested one for {minutes} minutes").format(minutes=t.g(plan.workshop_minutes)),
                 key="plan_agenda_fit", on_click=_fit_agenda, args=(view.ctx, plan.workshop_minutes),
                 help=_("The collaboration points share half of the time, more where the risk is higher."))
    total = sum(m for _topic, m in topics)
    st.caption(_("{count} topics, {total} of {planned} planned minutes.").format(count=len(topics), total=t.g(total),
                                                                               planned=t.g(plan.workshop_minutes)))
    over = agenda_overrun(total, plan.workshop_minutes, t)
    if over:
        st.warning(over)


def _fit_agenda(ctx: tuple, minutes: int) -> None:
    """The suggested agenda for `minutes`, computed on the click only (it assesses the answers)."""
    _, content, answers = ctx
    st.session_state.plan_agenda_fitted = [a.model_dump() for a in default_agenda(content, answers, minutes)]
    on_field_change(*ctx, "workshop", ("agenda",), "plan_agenda_fitted")


def agenda_overrun(total: float, planned: int, t: Translator = ENGLISH) -> str | None:
    """What to say when the agenda is longer than the planned duration (None: it fits)."""
    if total <= planned:
        return None
    return t._("The agenda takes {total} minutes, {more} more than the planned {planned}: shorten a topic, "
               "plan a longer kickoff, or replace the agenda with the suggested one.").format(
        total=t.g(total), more=t.g(total - planned), planned=t.g(planned))


def show(view: PlanView) -> None:
    plan, _ = view.plan, ui_translator()._
    columns = editor_columns(plan)
    st.caption(_("Run the kickoff from here: a timed agenda per collaboration point (more time where the risk is "
                 "higher), a log of the decisions taken and a parking lot for questions nobody can answer yet. All "
                 "three go into the PDF (§8: make expectations explicit and write decisions down)."))
    st.markdown(_("**Agenda**"))
    view.table("agenda", columns["agenda"], num_rows="dynamic")
    if not plan.agenda:  # plans saved before agendas existed
        st.session_state.plan_agenda_suggested = [a.model_dump() for a in default_agenda(view.content, view.answers)]
        st.button(_("Fill in the suggested agenda"), key="plan_agenda_fill", on_click=on_field_change,
                  args=(*view.ctx, "workshop", ("agenda",), "plan_agenda_suggested"))
    topics = [(a.topic, a.minutes or 0) for a in plan.agenda if a.topic.strip()]
    agenda_against_duration(view, topics)
    def timer() -> None:
        _timer(topics)

    running = st.session_state.get("plan_timer_started") is not None
    st.fragment(timer, run_every=1.0 if running else None)()
    st.markdown(_("**Decision log**"))
    view.table("decisions", columns["decisions"], num_rows="dynamic")
    st.markdown(_("**Parking lot** — questions to settle after the workshop"))
    view.table("parking_lot", columns["parking_lot"], num_rows="dynamic")
    open_disagreements(plan)


def open_disagreements(plan) -> None:
    """The workshop's disagreements nobody settled, with each role's answers (written on the Workshop page)."""
    t = ui_translator()
    _ = t._
    st.markdown(_("**Disagreements the workshop did not settle**"))
    shown = [x for x in plan.open_questions if x.question.strip()]
    if not shown:
        st.caption(_("None in the plan. On the Workshop page the facilitator puts the questions the roles disagree on and "
                     "did not settle into the plan; they go into the PDF's open questions with each role's answers."))
        return
    for item in shown:
        st.markdown(f"*{md(item.question)}*")
        st.markdown("\n".join(f"- {md(role_name(a.role, t))}: {md(a.answers)}" for a in item.answers))
    st.caption(_("Settling one on the Workshop page takes it off this list and puts the answer into the decision log."))
