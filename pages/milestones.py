"""Milestones: snapshot the assessment at named points, follow the scores over time, compare two."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import altair as alt
import pandas as pd
import streamlit as st

from planner.answers import all_questions, progress
from planner.milestones import compare, kept_assessment
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
CHART_WINDOW = 10  # milestones the chart shows unless asked for all: the page's cost does not grow with their number


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
    milestones = store.milestone_entries(project.id)  # names only: the answers are read for what the page shows
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

total = len(milestones)
show_all = total > CHART_WINDOW and st.toggle(f"Show all {total} milestones in the chart", key="milestones_chart_all")
charted = milestones if show_all or total <= CHART_WINDOW else milestones[-CHART_WINDOW:]
first_step = total - len(charted)  # milestones keep their number (1 = oldest) when only the latest are charted
try:
    saved = store.milestone_answers(project.id, [m.id for m in charted])
except StoreError as exc:
    st.error(str(exc))
    st.stop()
numbered = [(first_step + i + 1, m) for i, m in enumerate(charted) if m.id in saved]  # one deleted meanwhile is left out
labels = [f"{n}. {m.name}" for n, m in numbered] + [f"{total + 1}. Now"]
charted_answers = [saved[m.id] for _, m in numbered] + [snapshot.answers]
steps = [(label, p) for label, answers in zip(labels, charted_answers, strict=True) for p in kept_assessment(content, answers).points]
if len(charted) < total:
    st.caption(f"The chart shows the latest {len(charted)} of {total} milestones and now.")
data = pd.DataFrame({"Milestone": [label for label, _ in steps],
                     "Collaboration point": [titles.get(p.id, p.id) for _, p in steps], "Score": [p.score for _, p in steps]})
chart = alt.Chart(data).mark_line(point=True).encode(
    x=alt.X("Milestone:N", sort=labels, title=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
    y=alt.Y("Score:Q", scale=alt.Scale(domain=[0, 100]), title="Risk score (0-100)"),
    color=alt.Color("Collaboration point:N", legend=alt.Legend(orient="bottom", labelLimit=320)),
    tooltip=["Milestone", "Collaboration point", alt.Tooltip("Score:Q", format=".0f")],
).properties(height=320)
st.altair_chart(chart, width="stretch", alt="Risk score of each collaboration point at each milestone")
table: dict[str, dict] = {}
for label, p in steps:
    table.setdefault(label, {"Milestone": label})[titles.get(p.id, p.id)] = None if p.score is None else round(p.score)
chart_table(list(table.values()), "Risk score of each collaboration point at each milestone")

st.header("Compare two points in time")
options = [m.id for m in milestones] + ["now"]
names = {m.id: f"{m.name} ({m.created_at:%Y-%m-%d})" for m in milestones} | {"now": "Now (current answers)"}
c1, c2 = st.columns(2)
first = c1.selectbox("From", options, index=0, format_func=names.get, key="milestones_from")
second = c2.selectbox("To", options, index=len(options) - 1, format_func=names.get, key="milestones_to")
try:
    answers_of = store.milestone_answers(project.id, {first, second} - {"now"}) | {"now": snapshot.answers}
except StoreError as exc:
    st.error(str(exc))
    st.stop()
result = compare(content, answers_of.get(first, {}), answers_of.get(second, {}))
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
