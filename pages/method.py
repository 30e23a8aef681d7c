"""Method: how scores are made and what the study found, in plain language."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import streamlit as st

from planner import study
from planner.content import load_content
from planner.ui.language import ui_language, ui_translator
from planner.ui.state import ensure_app_navigation, md

ensure_app_navigation()
_ = ui_translator()._

content = load_content(language=ui_language())
kb = content.kb

st.title(_("Method"))
st.markdown(_(
    """
This planner turns one interview study into a kickoff checklist: *Collaboration Challenges in Building
ML-Enabled Systems: Communication, Documentation, Engineering, and Process* by Nahar, Zhou, Lewis and
Kästner (ICSE 2022, {lookup}). The authors interviewed 45 practitioners from 28 organisations -
start-ups to big tech, data scientists, engineers, managers - and checked their findings against the
literature and with the interviewees (§3). All texts in the planner are our own summaries; every question,
rule and recommendation names the part of the study it rests on: "§6.2, D3" means section 6.2 of the paper
and the planner's challenge D3, which that section discusses.
""").format(lookup=md(study.LOOKUP))
)

st.header(_("What the study found"))
st.markdown(_(
    "Problems cluster where people with different backgrounds have to hand work to each other. "
    "The study names three such collaboration points (§5–§7) and four recurring themes (§8)."
))
for point in kb.collaboration_points:
    with st.expander(f"{md(point.title)}", expanded=False):
        st.markdown(md(point.description))
        st.markdown("\n".join(f"- **{c.id} {md(c.title)}** — {md(c.summary)} *({md('; '.join(c.citations))})*"
                              for c in kb.challenges if c.collaboration_point == point.id))
st.markdown("\n".join(f"- **{md(t.title)}**: {md(t.description)} *({md('; '.join(t.citations))})*" for t in kb.themes))

st.header(_("How a score is made"))
st.markdown(_(
    """
1. **Every answer is evidence.** Each option of a question says which challenges it makes more likely and
   how strongly (a risk between 0 and 1). The best-practice answer signals 0.
2. **A challenge's likelihood** is the weighted average of the risks signalled by all answered questions
   that inform it. Questions you have not answered are left out - they are *not* counted as "no risk".
3. **Your set-up shifts the weights.** The study describes how each structure tends to go wrong; from
   that the planner infers that some combinations add to a risk - for example data handed over by a
   distant client is harder to understand (§6.1), a model-first path with an external client makes
   product requirements riskier (§5.1), and a tiny team running everything is easily overloaded by
   infrastructure work (§7.2). These combinations are the planner's own reading; the study does not count
   how often they occur. When one applies, it adds extra weight on the risky side; it can only raise a
   likelihood, never lower it.
4. **A collaboration point's score** (0-100) is the importance-weighted average of its challenges'
   likelihoods. Levels: below 25 low, below 50 medium, below 75 high, from 75 critical.
5. **Uncertainty is shown, not hidden.** Each score comes with a range: the lowest and highest it could
   reach if every open question were answered in the least or most risky way, and with the share of
   questions answered.
6. **An answer that causes a problem on its own is not averaged away.** Where the study describes one
   answer as enough for a challenge by itself - telemetry the model team cannot read (§7.3, Q4), nobody
   owning system tests (§7.3, Q3), data owners who doubt the project (§6.2, D6) - that answer sets a floor:
   the challenge is at least that likely, shown as its own line "On its own: ... → at least 80". The floor
   values (60 or 80) are the planner's defaults, not figures from the study.
7. **Weakest link.** A collaboration point is at most one level below its most likely challenge: a very
   likely challenge keeps its point at least high, a likely one at least medium, and the point says
   "at least high because D6 is very likely". The one-level rule is the planner's default, in the spirit of
   ML Test Score's minimum over its sections.

The engine is deterministic - the same answers always give the same scores - and monotone: changing an
answer to one the study ties to more risk never lowers a score (this is tested). The formula and a worked
example are in `docs/scoring.md`.
"""
))
st.header(_("What the scores are not"))
st.markdown(_(
    """
The study is qualitative: it shows which problems occur and under which structures, not how often in your
organisation. Treat a score as a structured prompt for the kickoff discussion - which conversations to have,
which agreements to write down - not as a probability of failure. The study's own limits apply: few managers,
no clients and no dedicated data experts were interviewed, and several organisations were seen through one
person (§3).

**Every number is the planner's default, not the study's.** The effects, bands, weights and importances behind
the scores encode the direction and relative strength of the study's findings; in the plan, the task days,
the monitoring days, the buffer rule (P80 − P50), the risk drivers' impact ranges on the tasks and the
example of a domain expert for 4 hours a week are starting values to edit. Figures the study does report
(such as 13 of 28 organisations building the model first) are said to be the study's where they appear.
"""
))
