"""Learn: plain-language cards for clients and managers on what ML can and cannot promise."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import streamlit as st

from planner.content import load_content
from planner.explainers import fired_cards
from planner.ui.language import ui_language, ui_translator
from planner.ui.state import current_snapshot, ensure_app_navigation, is_participant, md, project_content

ensure_app_navigation()
_ = ui_translator()._

# Without a project (or for a participant, who does not see the project's answers) every card is shown alike.
snapshot = None if is_participant() else current_snapshot()
project = snapshot.project if snapshot else None
content, answers = (project_content(snapshot)[0], snapshot.answers) if snapshot else (load_content(language=ui_language()), {})

fired = {f.card.id: f for f in fired_cards(content, answers)}
cards = sorted(content.kb.explainers, key=lambda c: c.id not in fired)  # cards for this project first

st.title(_("Learn: what ML can and cannot promise"))
st.markdown(_("Short explanations for clients, product owners and managers, each resting on the study "
              "(Nahar et al., ICSE 2022). Share them before the kickoff or read them together in the workshop."))
if project is not None:
    st.caption(_("{count} of {total} cards apply to **{name}** because of its answers; they come first and are also in the "
                 "kickoff plan's client appendix.").format(count=len(fired), total=len(cards), name=md(project.name)))

for card in cards:
    with st.container(border=True):
        applies = fired.get(card.id)
        st.header(md(card.title))
        if applies:
            names = " · ".join(md(content.questions[q].text) for q in applies.questions)
            st.caption(":orange[:material/priority_high:] " + _("Applies to this project — because of: {questions}").format(questions=names))
        st.markdown(md(card.body))
        st.markdown(_("**Remember:** {takeaway}").format(takeaway=md(card.takeaway)))
        st.caption(_("Study: {sources}").format(sources=md("; ".join(card.citations))))
