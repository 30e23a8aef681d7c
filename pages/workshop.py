"""Workshop: participants answer expectation questions from their role; the facilitator sees where roles diverge."""

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from planner.plan import Plan, default_plan
from planner.store import StoreError
from planner.store.store import WORKSHOP_ROLES
from planner.ui.state import current_author, ensure_app_navigation, get_store, md, project_content, require_project
from planner.workshop import divergence, settle, settled

ensure_app_navigation()

snapshot = require_project()
project = snapshot.project
content, _ = project_content(snapshot)
store = get_store()
questions = content.kb.expectations

try:
    people = store.participants(project.id)
except StoreError as exc:
    st.error(str(exc))
    st.stop()
token = st.query_params.get("participant") or st.session_state.get("workshop_participant")
me = next((p for p in people if p.id == token), None)

st.title(f"Workshop · {md(project.name)}")

if "join" in st.query_params or token:  # participant view
    if token and me is None:
        st.error("This participant link is not valid for this project (anymore). Join again below.")
    if me is None:
        st.markdown("Answer a few questions about what you expect from the project - from **your** role. The "
                    "facilitator sees where the roles see things differently and the team settles it together.")
        with st.form("workshop_join"):
            name = st.text_input("Your name", max_chars=120, key="workshop_name")
            role = st.selectbox("Your role", WORKSHOP_ROLES, index=None, placeholder="Choose your role", key="workshop_role")
            if st.form_submit_button("Join the workshop", type="primary"):
                try:
                    joined = store.join_workshop(project.id, name, role or "")
                except (ValueError, StoreError) as exc:
                    st.error(f"Not joined: {md(str(exc))}.")
                else:
                    st.session_state.workshop_participant = joined.id
                    st.query_params["participant"] = joined.id  # a refresh keeps you in
                    st.query_params.pop("join", None)
                    st.rerun()
        st.stop()

    st.success(f"You take part as **{md(me.name)}** ({md(me.role)}). Every answer is saved at once.")

    def _answer(question_id: str) -> None:
        try:
            store.save_expectation(project.id, me.id, question_id, st.session_state[f"workshop_q_{question_id}"])
        except StoreError as exc:
            st.session_state.workshop_error = str(exc)

    for number, question in enumerate(questions, start=1):
        labels = {o.value: o.label for o in question.options}
        values = list(labels)
        current = me.answers.get(question.id)
        with st.container(border=True):
            st.radio(f"**{number}.** {md(question.text)}", values, index=values.index(current) if current in values else None,
                     format_func=lambda v, labels=labels: md(labels[v]), key=f"workshop_q_{question.id}",
                     on_change=_answer, args=(question.id,))
            st.caption(f"Study: {md('; '.join(question.citations))}")
    if st.session_state.get("workshop_error"):
        st.error(md(st.session_state.pop("workshop_error")))
    st.stop()

# facilitator view
st.caption("Each participant answers from their own role; this view shows where the roles expect different things. "
           "Unspoken, diverging expectations between roles are the study's central finding (§8).")
st.markdown("**Join link for participants** — share this page's address with `&join=1` at the end, e.g.:")
st.code(f"…/workshop?project={project.id}&join=1", language=None)
if not people:
    st.info("Nobody has joined yet.")
    st.stop()
st.dataframe(pd.DataFrame([{"Name": p.name, "Role": p.role, "Answered": f"{len(p.answers)} of {len(questions)}"}
                           for p in people]), hide_index=True, width="stretch")

results = divergence(content, people)
rows = []
for d in results:
    for role in d.roles:
        rows.append({"Question": d.question.text, "Role": role.role, "Position": role.mean_position,
                     "Answers": ", ".join(f"{n}× {next(o.label for o in d.question.options if o.value == v)}"
                                          for v, n in role.answers.items())})
if rows:
    chart = alt.Chart(pd.DataFrame(rows)).mark_rect().encode(
        x=alt.X("Role:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=140)),
        y=alt.Y("Question:N", title=None, sort=[d.question.text for d in results], axis=alt.Axis(labelLimit=360)),
        color=alt.Color("Position:Q", scale=alt.Scale(domain=[0, 1], scheme="blueorange"),
                        title="Answer (first ↔ last option)"),
        tooltip=["Question", "Role", "Answers"],
    ).properties(height=alt.Step(38))
    st.altair_chart(chart, width="stretch")

plan = Plan.model_validate(snapshot.plan) if snapshot.plan else default_plan(content, snapshot.answers)


def _settle(question) -> None:
    key = f"workshop_settle_{question.id}"
    try:
        updated = settle(plan, question, st.session_state.get(f"{key}_value"), st.session_state.get(f"{key}_note", ""),
                         current_author(), date.today().isoformat())
        store.save_plan(project.id, updated.model_dump(mode="json"), expected_version=snapshot.plan_version,
                        author=current_author(), change="workshop")
    except (ValueError, StoreError) as exc:  # PlanConflictError is a StoreError
        st.session_state.workshop_settle_error = f"Not recorded: {exc}"


flagged = [d for d in results if d.flagged]
st.subheader(f"{len(flagged)} question(s) where the roles disagree")
if st.session_state.get("workshop_settle_error"):
    st.error(md(st.session_state.pop("workshop_settle_error")))
for d in flagged:
    with st.container(border=True):
        st.markdown(f"**{md(d.question.text)}** — spread {d.spread:.0%} over {d.answered} answers")
        st.markdown("\n".join(f"- {md(r.role)}: " + md(", ".join(
            f"{n}× {next(o.label for o in d.question.options if o.value == v)}" for v, n in r.answers.items()))
            for r in d.roles))
        st.info(f"Discuss: {md(d.question.prompt)} *({md('; '.join(d.question.citations))})*")
        done = settled(plan, d.question)
        if done:
            st.success(f"Settled: {md(done.decision)}" + (f" ({md(done.owner)}, {md(done.decided_on)})" if done.owner else ""))
        with st.form(f"workshop_settle_{d.question.id}_form", border=False):
            left, right = st.columns([2, 3])
            labels = {o.value: o.label for o in d.question.options}
            left.selectbox("The team settles on", list(labels), format_func=labels.get, index=None,
                           key=f"workshop_settle_{d.question.id}_value", placeholder="Choose the settled answer")
            right.text_input("Note (why, conditions)", max_chars=500, key=f"workshop_settle_{d.question.id}_note")
            st.form_submit_button("Change the settled answer" if done else "Record in the decision log",
                                  on_click=_settle, args=(d.question,))
if flagged:
    st.caption("Settled answers go into the plan's decision log (Plan → Workshop) and the PDF, with who and when.")
