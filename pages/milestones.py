"""Milestones: snapshot the assessment at named points, follow the scores over time, compare two."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import altair as alt
import pandas as pd
import streamlit as st

from planner.answers import all_questions, progress
from planner.i18n import N_
from planner.milestones import compare, kept_assessment
from planner.store import StoreError
from planner.ui.chart_table import chart_table
from planner.ui.language import ui_translator
from planner.ui.state import current_author, ensure_app_navigation, get_store, guarded, md, project_content, require_project

ensure_app_navigation()
t = ui_translator()
_ = t._

snapshot = require_project()
project = snapshot.project
content, __ = project_content(snapshot)
store = get_store()
titles = {p.id: p.title for p in content.kb.collaboration_points}

st.title(_("Milestones · {name}").format(name=md(project.name)))
st.caption(_("Save the assessment at the kickoff, at the end of exploration, before launch - or at any point you "
             "name - and see how the risk at each collaboration point moves. Risk changes as the project learns; "
             "re-assessing at milestones keeps the plan honest (§5.3, R4; §8)."))

SUGGESTED = [N_("Kickoff"), N_("End of exploration"), N_("Pre-launch"), N_("After launch")]  # names offered, in the app's language
CHART_WINDOW = 10  # milestones the chart shows unless asked for all: the page's cost does not grow with their number


@guarded()
def _save() -> None:
    name = (st.session_state.get("milestones_name") or "").strip()
    try:
        saved = store.save_milestone(project.id, name, author=current_author())
    except ValueError as exc:
        st.session_state.milestones_message = ("error", _("Not saved: {problem}.").format(problem=exc))
    except StoreError as exc:
        st.session_state.milestones_message = ("error", str(exc))
    else:
        counts = progress(all_questions(content), saved.answers)
        st.session_state.milestones_message = ("success", _("Saved the milestone '{name}' with {answered} of {asked} questions "
                                                 "answered.").format(name=saved.name, answered=counts.answered, asked=counts.asked))
        st.session_state.milestones_name = ""


try:
    milestones = store.milestone_entries(project.id)  # names only: the answers are read for what the page shows
except StoreError as exc:
    st.error(str(exc))
    st.stop()

with st.form("milestones_form", border=True):
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    taken = {m.name for m in milestones}
    suggestion = next((name for name in map(_, SUGGESTED) if name not in taken), "")
    left.text_input(_("Name of the milestone"), key="milestones_name", max_chars=80, placeholder=suggestion or _("e.g. Pilot"))
    right.form_submit_button(_("Save the current answers"), on_click=_save, type="primary", width="stretch")
kind, message = st.session_state.pop("milestones_message", (None, None))
if kind:
    getattr(st, kind)(md(message))

if not milestones:
    st.info(_("No milestones yet. Save one now to record the risk at the kickoff."))
    st.stop()

total = len(milestones)
show_all = total > CHART_WINDOW and st.toggle(_("Show all {count} milestones in the chart").format(count=total),
                                              key="milestones_chart_all")
charted = milestones if show_all or total <= CHART_WINDOW else milestones[-CHART_WINDOW:]
first_step = total - len(charted)  # milestones keep their number (1 = oldest) when only the latest are charted
try:
    saved = store.milestone_answers(project.id, [m.id for m in charted])
except StoreError as exc:
    st.error(str(exc))
    st.stop()
numbered = [(first_step + i + 1, m) for i, m in enumerate(charted) if m.id in saved]  # one deleted meanwhile is left out
labels = [f"{n}. {m.name}" for n, m in numbered] + [f"{total + 1}. " + _("Now")]
charted_answers = [saved[m.id] for __, m in numbered] + [snapshot.answers]
steps = [(label, p) for label, answers in zip(labels, charted_answers, strict=True) for p in kept_assessment(content, answers).points]
if len(charted) < total:
    st.caption(_("The chart shows the latest {count} of {total} milestones and now.").format(count=len(charted), total=total))
MILESTONE, POINT, SCORE, FROM, TO = _("Milestone"), _("Collaboration point"), _("Score"), _("From"), _("To")
data = pd.DataFrame({"Milestone": [label for label, __ in steps],
                     "Collaboration point": [titles.get(p.id, p.id) for __, p in steps], "Score": [p.score for __, p in steps]})
chart = alt.Chart(data).mark_line(point=True).encode(
    x=alt.X("Milestone:N", sort=labels, title=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
    y=alt.Y("Score:Q", scale=alt.Scale(domain=[0, 100]), title=_("Risk score (0-100)")),
    color=alt.Color("Collaboration point:N", title=POINT, legend=alt.Legend(orient="bottom", labelLimit=320)),
    tooltip=[alt.Tooltip("Milestone:N", title=MILESTONE), alt.Tooltip("Collaboration point:N", title=POINT),
             alt.Tooltip("Score:Q", title=SCORE, format=".0f")],
).properties(height=320)
st.altair_chart(chart, width="stretch", alt=_("Risk score of each collaboration point at each milestone"))
table: dict[str, dict] = {}
for label, p in steps:
    table.setdefault(label, {MILESTONE: label})[titles.get(p.id, p.id)] = None if p.score is None else round(p.score)
chart_table(list(table.values()), _("Risk score of each collaboration point at each milestone"))

st.header(_("Compare two points in time"))
options = [m.id for m in milestones] + ["now"]
names = {m.id: f"{m.name} ({m.created_at:%Y-%m-%d})" for m in milestones} | {"now": _("Now (current answers)")}
c1, c2 = st.columns(2)
first = c1.selectbox(FROM, options, index=0, format_func=names.get, key="milestones_from")
second = c2.selectbox(TO, options, index=len(options) - 1, format_func=names.get, key="milestones_to")
try:
    answers_of = store.milestone_answers(project.id, {first, second} - {"now"}) | {"now": snapshot.answers}
except StoreError as exc:
    st.error(str(exc))
    st.stop()
result = compare(content, answers_of.get(first, {}), answers_of.get(second, {}))
scores = pd.DataFrame([{POINT: titles[a.id], FROM: None if a.score is None else round(a.score),
                        TO: None if b.score is None else round(b.score)}
                       for a, b in zip(result.before.points, result.after.points, strict=True)])
st.table(scores.set_index(POINT))
if result.challenges:
    st.markdown("**" + _("Challenges that moved") + "**")
    st.table(pd.DataFrame([{_("Challenge"): f"{c.id} {c.title}", FROM: t.pct(c.before), TO: t.pct(c.after)}
                           for c in result.challenges]).set_index(_("Challenge")))
if result.answers:
    st.markdown(_("**{count} answer(s) changed**").format(count=len(result.answers)))
    st.dataframe(pd.DataFrame([{_("Question"): a.question, FROM: a.before, TO: a.after} for a in result.answers]),
                 hide_index=True, width="stretch")
else:
    st.caption(_("The answers are the same at both points."))

with st.expander(_("Delete a milestone")):
    doomed = st.selectbox(MILESTONE, [m.id for m in milestones], format_func=names.get, key="milestones_delete_pick")
    if st.checkbox(_("I want to delete this milestone"), key="milestones_delete_confirm"):
        if st.button(_("Delete"), key="milestones_delete"):
            store.delete_milestone(project.id, doomed, author=current_author())
            st.rerun()
