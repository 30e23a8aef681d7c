"""Milestones: snapshot the assessment at named points, follow the scores over time, compare two."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import altair as alt
import pandas as pd
import streamlit as st

from planner.answers import all_questions, progress
from planner.milestones import compare, trend
from planner.store import StoreError
from planner.ui.chart_table import chart_table
from planner.ui.state import current_author, ensure_app_navigation, get_store, guarded, md, project_content, require_project

ensure_app_navigation()

snapshot = require_project()
project = snapshot.project
content, _ = project_content(snapshot)
store = get_store()
titles = {p.id: p.title for p in content.kb.collaboration_points}

st.title(f"Milestones · {md(project.name)}")
st.caption("Save the assessment at the kickoff, at the end of exploration, before launch - or at any point you "
           "name - and see how the risk at each collaboration point moves. Risk changes as the project learns; "
           "re-assessing at milestones keeps the plan honest (§5.3, R4; §8).")

SUGGESTED = ["Kickoff", "End of exploration", "Pre-launch", "After launch"]


@guarded()
def _save() -> None:
    name = (st.session_state.get("milestones_name") or "").strip()
    try:
        saved = store.save_milestone(project.id, name, author=current_author())
    except ValueError as exc:
        st.session_state.milestones_message = ("error", f"Not saved: {exc}.")
    except StoreError as exc:
        st.session_state.milestones_message = ("error", str(exc))
    else:
        counts = progress(all_questions(content), saved.answers)
        st.session_state.milestones_message = ("success", f"Saved the milestone '{saved.name}' with "
                                               f"{counts.answered} of {counts.asked} questions answered.")
        st.session_state.milestones_name = ""


try:
    milestones = store.list_milestones(project.id)
except StoreError as exc:
    st.error(str(exc))
    st.stop()

with st.form("milestones_form", border=True):
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    taken = {m.name for m in milestones}
    suggestion = next((s for s in SUGGESTED if s not in taken), "")
    left.text_input("Name of the milestone", key="milestones_name", max_chars=80, placeholder=suggestion or "e.g. Pilot")
    right.form_submit_button("Save the current answers", on_click=_save, type="primary", width="stretch")
kind, message = st.session_state.pop("milestones_message", (None, None))
if kind:
    getattr(st, kind)(md(message))

if not milestones:
    st.info("No milestones yet. Save one now to record the risk at the kickoff.")
    st.stop()

points = trend(content, milestones, current=snapshot.answers)
order = [m.name for m in milestones] + ["Now"]
data = pd.DataFrame([{"Milestone": p.milestone, "step": order.index(p.milestone) if p.milestone in order else 0,
                      "Collaboration point": titles.get(p.point_id, p.point_id), "Score": p.score} for p in points])
labels = [f"{i + 1}. {name}" for i, name in enumerate(order)]
data["Milestone"] = [labels[s] for s in data["step"]]
chart = alt.Chart(data).mark_line(point=True).encode(
    x=alt.X("Milestone:N", sort=labels, title=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
    y=alt.Y("Score:Q", scale=alt.Scale(domain=[0, 100]), title="Risk score (0-100)"),
    color=alt.Color("Collaboration point:N", legend=alt.Legend(orient="bottom", labelLimit=320)),
    tooltip=["Milestone", "Collaboration point", alt.Tooltip("Score:Q", format=".0f")],
).properties(height=320)
st.altair_chart(chart, width="stretch", alt="Risk score of each collaboration point at each milestone")
chart_table(data.pivot_table(index="Collaboration point", columns="Milestone", values="Score", sort=False).round(0)
            .reset_index().to_dict("records"), "Risk score of each collaboration point at each milestone")

st.header("Compare two points in time")
options = [m.id for m in milestones] + ["now"]
names = {m.id: f"{m.name} ({m.created_at:%Y-%m-%d})" for m in milestones} | {"now": "Now (current answers)"}
answers_of = {m.id: m.answers for m in milestones} | {"now": snapshot.answers}
c1, c2 = st.columns(2)
first = c1.selectbox("From", options, index=0, format_func=names.get, key="milestones_from")
second = c2.selectbox("To", options, index=len(options) - 1, format_func=names.get, key="milestones_to")
result = compare(content, answers_of[first], answers_of[second])
scores = pd.DataFrame([{"Collaboration point": titles[a.id], "From": None if a.score is None else round(a.score),
                        "To": None if b.score is None else round(b.score)}
                       for a, b in zip(result.before.points, result.after.points, strict=True)])
st.table(scores.set_index("Collaboration point"))
if result.challenges:
    st.markdown("**Challenges that moved**")
    st.table(pd.DataFrame([{"Challenge": f"{c.id} {c.title}",
                            "From": "–" if c.before is None else f"{c.before:.0%}",
                            "To": "–" if c.after is None else f"{c.after:.0%}"} for c in result.challenges])
             .set_index("Challenge"))
if result.answers:
    st.markdown(f"**{len(result.answers)} answer(s) changed**")
    st.dataframe(pd.DataFrame([{"Question": a.question, "From": a.before, "To": a.after} for a in result.answers]),
                 hide_index=True, width="stretch")
else:
    st.caption("The answers are the same at both points.")

with st.expander("Delete a milestone"):
    doomed = st.selectbox("Milestone", [m.id for m in milestones], format_func=names.get, key="milestones_delete_pick")
    if st.checkbox("I want to delete this milestone", key="milestones_delete_confirm"):
        if st.button("Delete", key="milestones_delete"):
            store.delete_milestone(project.id, doomed, author=current_author())
            st.rerun()
