"""Workshop: participants answer expectation questions from their role; the facilitator sees where roles diverge."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

from datetime import date

import pandas as pd
import streamlit as st

from planner.store import StoreError
from planner.ui.chart_table import chart_table, divergence_rows
from planner.ui.charts import divergence_heatmap_spec
from planner.ui.language import ui_translator
from planner.ui.live import live_updates
from planner.ui.parking import facilitator_parking_lot, participant_parking_lot
from planner.ui.plan_editing import change_plan, read_plan
from planner.ui.presenter import presenter_view
from planner.ui.question_widgets import question_label
from planner.ui.room import PRESENTER, invite_panel
from planner.ui.roles import role_name, with_role_names
from planner.ui.room_cache import room_state
from planner.ui.sharing import create_link, show_new_links
from planner.ui.state import (
    browser_to_remember,
    current_access,
    current_author,
    ensure_app_navigation,
    flash,
    get_store,
    guarded,
    md,
    project_content,
    require_project,
    show_flash,
)
from planner.ui.workshop_outcome import record_room_panel, save_settled_answer, settled_answer_caption
from planner.ui.workshop_room import reveal_button, reveal_panel, timer_controls, timer_view
from planner.workshop import WORKSHOP_ROLES, answers_text, settle, settled

ensure_app_navigation()
t = ui_translator()
_ = t._

snapshot = require_project(facilitator=False)
project = snapshot.project
access = current_access()
content, _problem = project_content(snapshot)
store = get_store()
questions = content.kb.expectations

st.title(_("Workshop · {name}").format(name=md(project.name)))
# before reading: no change slips by; a participant's page reruns only for what they see (they answer blind)
noted = live_updates("workshop_live_version", lambda: store.workshop_version(project.id, participant=not access.facilitator))
try:  # read once per workshop version for every session of the room
    shared = room_state(store, project.id, content, noted if access.facilitator else None)
except StoreError as exc:
    st.error(str(exc))
    st.stop()

people, room, results = list(shared.people), shared.room, list(shared.results)
show_flash()
presenting = access.facilitator and bool(st.session_state.get(PRESENTER))  # the projector: ui/presenter.py draws it all
if not presenting:
    timer_view(room.timer)
saved_plan = read_plan(content, snapshot.answers, snapshot.plan)[0] if snapshot.plan else None  # decisions live only in a saved plan
revealed = set(room.revealed)


def _role_answers(d) -> str:
    return "\n".join(f"- {md(role_name(r.role, t))}: {md(answers_text(d.question, r))}" for r in d.roles)


def show_heatmap(shown) -> None:
    shown = with_role_names(shown, t)
    spec = divergence_heatmap_spec(shown)
    if spec is None:
        st.info(_("No answers yet."))
    else:
        alt = _("How each role answered each expectation question")
        st.vega_lite_chart(spec, width="stretch", alt=alt)
        chart_table(divergence_rows(shown, answers_text), alt)


@guarded()
def _settle(question) -> None:
    key = f"workshop_settle_{question.id}"
    author = current_author()

    def record(plan):  # the first settling saves the plan
        return settle(plan, question, st.session_state.get(f"{key}_value"), st.session_state.get(f"{key}_note", ""),
                      author, date.today().isoformat())

    problem = change_plan(project.id, content, snapshot.answers, snapshot.plan_version, record, "workshop")
    if problem:
        st.session_state.workshop_settle_error = _("Not recorded: {problem}").format(problem=problem)
    else:
        st.session_state.workshop_discussing = None  # on to the next open question
        note = save_settled_answer(project.id, content, question, st.session_state.get(f"{key}_value"))
        if note:  # the questionnaire answer this settled answer stands for
            flash(*note)
        if question.id not in revealed:  # the room discussed it: the participants see the answers and the outcome
            try:
                store.reveal_questions(project.id, [question.id], author=author)
            except StoreError as exc:
                st.session_state.workshop_settle_error = _("Recorded, but not revealed: {problem}").format(problem=exc)


def show_flagged(can_settle: bool) -> None:
    """Flagged questions with their answers by role (for participants: the revealed ones); the facilitator settles the
    one under discussion."""
    flagged = [d for d in results if d.flagged and (can_settle or d.question.id in revealed)]
    st.header(_("{count} question(s) where the roles disagree").format(count=len(flagged)))
    if st.session_state.get("workshop_settle_error"):
        st.error(md(st.session_state.pop("workshop_settle_error")))
    done = {d.question.id: settled(saved_plan, d.question) if saved_plan else None for d in flagged}
    ids = [d.question.id for d in flagged]
    if can_settle and st.session_state.get("workshop_discussing") not in ids:  # one question at a time
        st.session_state.workshop_discussing = next((i for i in ids if not done[i]), ids[0] if ids else None)
    for d in flagged:
        with st.container(border=True):
            st.markdown(_("**{question}** — spread {spread} over {count} answers").format(
                question=md(d.question.text), spread=t.pct(d.spread), count=d.answered))
            st.markdown(_role_answers(d))
            st.info(_("Discuss: {prompt} *({citations})*").format(prompt=md(d.question.prompt), citations=md("; ".join(d.question.citations))))
            outcome = done[d.question.id]
            if outcome:
                st.success(_("Settled: {decision}").format(decision=md(outcome.decision))
                           + (f" ({md(outcome.owner)}, {md(t.iso_date(outcome.decided_on))})" if outcome.owner else ""))
                settled_answer_caption(content, d.question, outcome)
            if not can_settle:
                continue
            reveal_button(project.id, d.question.id, d.question.id in revealed)
            if st.session_state.workshop_discussing != d.question.id:
                st.button(_("Change the settled answer") if outcome else _("Discuss and settle this one"),
                          key=f"workshop_discuss_{d.question.id}", on_click=st.session_state.__setitem__,
                          args=("workshop_discussing", d.question.id))
                continue
            with st.form(f"workshop_settle_{d.question.id}_form", border=False):
                left, right = st.columns([2, 3])
                labels = {o.value: o.label for o in d.question.options}
                left.selectbox(_("The team settles on"), list(labels), format_func=labels.get, index=None,
                               key=f"workshop_settle_{d.question.id}_value", placeholder=_("Choose the settled answer"))
                right.text_input(_("Note (why, conditions)"), max_chars=500, key=f"workshop_settle_{d.question.id}_note")
                st.form_submit_button(_("Change the settled answer") if outcome else _("Record in the decision log"),
                                      on_click=_settle, args=(d.question,), type="primary")
    if flagged and can_settle:
        st.caption(_("Settled answers go into the plan's decision log (Plan → Workshop) and the PDF, with who and when; "
                     "the next open question comes up for discussion."))


@guarded(facilitator=False)
def _save_answer(participant_id: str, question_id: str) -> bool:
    key = f"workshop_q_{question_id}"
    value = st.session_state.get(key)
    try:  # the store refuses a value that is not one of the question's options (a crafted websocket message)
        store.save_expectation(project.id, participant_id, question_id, value)
    except (ValueError, StoreError) as exc:
        st.session_state.workshop_error = _("Not saved: {problem}.").format(problem=str(exc).rstrip("."))
        st.session_state.pop(key, None)  # the radio shows the saved answer again
        return False
    st.session_state.setdefault("workshop_saved", {})[question_id] = value
    return True


def _answer(participant_id: str, question_id: str) -> None:
    """on_change of a question's radio: save; only the questions' fragment reruns, unless the access is gone (the
    page's run says why) or the question is revealed (the answer shows under the roles' answers at once)."""
    saved = _save_answer(participant_id, question_id)
    if saved is None or (saved and question_id in revealed):
        st.rerun(scope="app")


by_question = {d.question.id: d for d in results}


def participant_view() -> None:
    me = next((p for p in people if p.id == access.participant_id), None)
    if me is None:  # came through the join link
        st.markdown(_("Answer a few questions about what you expect from the project - from **your** role. The "
                      "facilitator sees where the roles see things differently and the team settles it together."))
        with st.form("workshop_join"):
            name = st.text_input(_("Your name"), max_chars=120, key="workshop_name")
            role = st.selectbox(_("Your role"), WORKSHOP_ROLES, index=None, placeholder=_("Choose your role"), key="workshop_role",
                                format_func=lambda r: role_name(r, t))
            if st.form_submit_button(_("Join the workshop"), type="primary"):
                try:
                    _participant, token = store.join_workshop(project.id, name, role or "", browser=browser_to_remember(),
                                                   via=access.link_id)
                except (ValueError, StoreError) as exc:  # e.g. too many joins through this link in the last minute
                    st.error(_("Not joined: {problem}.").format(problem=md(str(exc).rstrip("."))))
                else:
                    st.session_state.access_key = token  # your personal link from now on
                    if not current_author():
                        st.session_state.pending_author = name  # the name for the project history, too
                    st.query_params["key"] = token  # a refresh keeps you in
                    st.rerun()
        return
    st.success(_("You take part as **{name}** ({role}). Every answer is saved at once. This page's "
                 "address is your personal link: bookmark it to come back and change your answers.").format(
        name=md(me.name), role=md(role_name(me.role, t))))
    st.session_state.workshop_saved = {}  # this run read the stored answers
    st.fragment(participant_questions)(me)
    participant_parking_lot(project.id, me.id)
    st.divider()
    st.header(_("Where the roles differ"))
    st.caption(_("The facilitator settles each disagreement with the team."))
    shown = [d for d in results if d.question.id in revealed]
    if not shown:
        st.info(_("You answer blind: nobody sees anyone else's answers until the facilitator reveals a question. "
                  "Then each role's answers show here, and this page updates by itself."))
        return
    show_heatmap(shown)
    show_flagged(can_settle=False)


def participant_questions(me) -> None:
    """The questions with this participant's answers (and, once revealed, each role's): a fragment, so an answer
    reruns only this, with what the last full run read (the live poll reruns the page when what they see changed)."""
    answers = {**me.answers, **st.session_state.get("workshop_saved", {})}  # saved since that run, too
    for number, question in enumerate(questions, start=1):
        labels = {o.value: o.label for o in question.options}
        values = list(labels)
        current = answers.get(question.id)
        with st.container(border=True):
            st.radio(question_label(number, question.text), values, index=values.index(current) if current in values else None,
                     format_func=lambda v, labels=labels: md(labels[v]), key=f"workshop_q_{question.id}",
                     on_change=_answer, args=(me.id, question.id), label_visibility="collapsed")
            st.caption(_("Study: {citations}").format(citations=md("; ".join(question.citations))))
            seen = by_question[question.id]
            if question.id in revealed and seen.roles:
                st.markdown(_("**How the roles answered** (revealed by the facilitator)"))
                st.markdown(_role_answers(seen))
    if st.session_state.get("workshop_error"):
        st.error(md(st.session_state.pop("workshop_error")))


@guarded()
def _remove(participant_id: str, name: str) -> None:
    try:
        store.remove_participant(project.id, participant_id, author=current_author())
    except StoreError as exc:
        flash("error", str(exc))
    else:
        flash("success", _("{name} was removed from the workshop; their personal link no longer works. Anyone with "
                           "the join link can join again: revoke it under Projects → Share and access to keep them out.").format(name=md(name)))


def facilitator_view() -> None:
    st.caption(_("Each participant answers from their own role; this view shows where the roles expect different things. "
                 "Making expectations between roles explicit is one of the study's four recurring themes (§8)."))
    st.caption(_("Before the room leaves, agree the release criteria (targets, the worse error, who signs off): "
                 "Plan → Release criteria (§7.3, Q1)."))
    with st.container(border=True):
        invite_panel(project.id)
        timer_controls(project.id, room.timer)
        with st.expander(_("A long join link instead (for the chat or an e-mail; shown once, works until revoked)")):
            st.markdown(_("Everyone who joins gets a personal link; you can revoke the join link under Projects → Share "
                          "and access."))
            if st.button(_("Create a join link"), key="workshop_new_join_link"):
                create_link(project.id, "participant", _("Workshop join link"))
                st.rerun()
            show_new_links(project.id, only_kind="Join link for participants")
    if not people:
        st.info(_("Nobody has joined yet."))
        return
    st.dataframe(pd.DataFrame([{_("Name"): p.name, _("Role"): role_name(p.role, t),
                                _("Answered"): _("{count} of {total}").format(count=len(p.answers), total=len(questions))}
                               for p in people]), hide_index=True, width="stretch")
    with st.popover(_("Remove a participant")):
        chosen = st.selectbox(_("Participant"), [p.id for p in people], index=None, key="workshop_remove_choice",
                              format_func=lambda i: next(f"{p.name} ({role_name(p.role, t)})" for p in people if p.id == i))
        person = next((p for p in people if p.id == chosen), None)
        st.button(_("Remove from the workshop"), key="workshop_remove", disabled=person is None, on_click=_remove,
                  args=(person.id, person.name) if person else ("", ""))
    facilitator_parking_lot(project.id, (content, snapshot.answers, snapshot.plan_version))
    reveal_panel(project.id, questions, room.revealed, {d.question.id: d.answered for d in results})
    show_heatmap(results)
    show_flagged(can_settle=True)
    record_room_panel(project.id, content, snapshot.answers, snapshot.plan_version, saved_plan, results, people)


if presenting:
    presenter_view(project.id, results, room, {d.question.id for d in results if saved_plan and settled(saved_plan, d.question)})
elif access.facilitator:
    facilitator_view()
else:
    participant_view()
