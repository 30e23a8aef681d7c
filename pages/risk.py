"""Risk: score per collaboration point, and why - triggers, evidence, mitigations."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

from functools import partial

import streamlit as st

from planner.assessment import assess
from planner.filenames import safe_filename
from planner.plan.units import DURATION_UNIT
from planner.render import to_json, to_markdown
from planner.render.point_bars import point_bars_html
from planner.ui.chart_table import chart_table, point_rows
from planner.ui.plan.effort import show_commitment, show_dates
from planner.ui.plan_editing import plan_report, read_plan
from planner.ui.state import ensure_app_navigation, md, open_project, project_content, require_project

ensure_app_navigation()

snapshot = require_project()
project = snapshot.project
content, content_problem = project_content(snapshot)
answers = snapshot.answers
result = assess(content, answers)
points = {p.id: p for p in content.kb.collaboration_points}
themes = {t.id: t for t in content.kb.themes}
mitigations = {m.id: m for m in content.kb.mitigations}

st.title(f"Risk · {md(project.name)}")
if content_problem:
    st.warning(f"A team question file could not be used and is ignored: {md(content_problem)}")
st.caption(f"{result.answered} of {result.asked} questions answered ({result.completeness:.0%}). Scores run from 0 "
           "(no signs of the study's collaboration problems) to 100; the range shows where the score could land "
           "once the open questions are answered. Each challenge shows its level and its signal strength (0-100): how "
           "strongly the answers point to that problem as the study describes it - not a probability. How it works: see Method.")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


columns = st.columns(3)
for column, p in zip(columns, result.points, strict=True):
    with column:
        value = "–" if p.score is None else f"{p.score:.0f} · {p.level}"
        with st.container(border=True):
            # The title as its own wrapping line: a metric label is cut off in a third of 1280 px.
            st.markdown(f"**{md(points[p.id].title)}**", help=md(points[p.id].description))
            st.metric(points[p.id].title, value, label_visibility="collapsed")
            if p.weakest_link:
                st.caption(md(_sentence(p.weakest_link_note())))
            provisional = " · provisional" if p.score is not None and p.completeness < 0.5 else ""
            st.progress(p.completeness, text=f"{p.answered}/{p.asked} questions that inform it answered{provisional}")

rows = [dict(title=points[p.id].title, score=p.score, low=p.low, high=p.high, level=p.level,
             completeness=p.completeness) for p in result.points]
st.html(point_bars_html(rows))  # plain HTML: drawn at once, no chart bundle to wait for (issue 16)
chart_table(point_rows(rows), "Risk score of each collaboration point", plain=True)


def show_schedule() -> None:
    """The committed delivery against the plan's simulated schedule (the Plan page's effort section has the details)."""
    plan, _ = read_plan(content, answers, snapshot.plan)
    report, _ = plan_report(snapshot, plan, str(snapshot.plan_version or "draft"))
    with st.container(border=True):
        st.markdown("**The committed delivery and what the buffer buys**")
        if report.buffers.summary is None:
            st.caption("The schedule is simulated once the plan's task estimates can be used: see the Plan page.")
        else:
            if show_commitment(report) is None:
                st.caption(f"No committed delivery yet: answer “{md(content.questions['req_weeks_to_delivery'].text)}” or set a "
                           f"target on the Plan page. P80 of the plan: {report.buffers.summary.p80:.0f} {DURATION_UNIT}.")
            show_dates(report, "on the Plan page (Effort & buffers)")
        if st.button("Open the plan's schedule", key="risk_to_plan"):
            open_project(project.id, "plan")


show_schedule()


def _signal(value) -> str:
    """A challenge's likelihood as the study-based signal strength it is (0-100), never as a probability."""
    return "–" if value is None else f"{value * 100:.0f}/100"


def show_challenge(c, expanded: bool) -> None:
    kb = content.challenges[c.id]
    header = f"{c.id} · {md(c.title)} — {c.level} (signal {_signal(c.likelihood)})"
    with st.expander(header, expanded=expanded):
        st.markdown(md(kb.summary))
        st.caption("Themes: " + ", ".join(themes[t].title for t in c.themes) + f" · Source: {md('; '.join(c.citations))}")
        if c.likelihood is None:
            st.info("No answer informs this challenge yet.")
        triggers = c.triggers
        if triggers:
            st.markdown("**Why this score** — answers and set-up that point to this challenge:")
            lines = []
            for t in triggers:
                share = c.contribution(t)
                if t.kind == "floor":
                    lift = f"+{share * 100:.0f} points over the average of the answers" if share > 0 else "the answers already reach it"
                    lines.append(f"- **On its own:** {md(t.text)} → *{md(t.answer)}* → at least {t.risk * 100:.0f}/100 "
                                 f"({lift}; {md(t.citation)})")
                elif t.kind == "answer":
                    lines.append(f"- +{share * 100:.0f} points: {md(t.text)} → *{md(t.answer)}*")
                else:
                    lines.append(f"- +{share * 100:.0f} points: set-up combination — {md(t.text)}")
            st.markdown("\n".join(lines))
        elif c.likelihood is not None:
            st.markdown("**Why this score:** every answer that informs it points away from this problem.")
        if c.open_questions:
            st.caption(f"{len(c.open_questions)} open question(s) could still move it "
                       f"(range {_signal(c.low)} to {_signal(c.high)}).")
        st.markdown("**What the study found**")
        st.markdown("\n".join(f"- {md(e.text)} *({md(e.citation)})*" for e in kb.evidence))
        st.markdown("**What helps**")
        st.markdown("\n".join(
            f"- **{md(mitigations[m].title)}** — {md(mitigations[m].description)} *({md('; '.join(mitigations[m].citations))})*"
            for m in c.mitigations))


def weakest_link_text(p) -> str:
    """Why the point is not just the average: its most likely challenge, and the answer that decides it if one does."""
    c = next(c for c in p.challenges if c.id == p.weakest_link)
    floor = c.floor_term
    blocker = f" — on its own: {md(floor.text)} → *{md(floor.answer)}* ({md(floor.citation)})" if floor is not None else ""
    return (f"**{md(_sentence(p.weakest_link_note()))}**{blocker}. {c.id}: {md(c.title)}. The average of its challenges "
            f"is {p.mean:.0f}; a point stays at most one level below its most likely challenge (the planner's default rule, "
            "see Method).")


by_point, by_theme, open_tab = st.tabs(["By collaboration point", "By theme", "Still unanswered"])

with by_point:
    for p in result.points:
        score = "no answers yet" if p.score is None else f"{p.score:.0f}/100, {p.level}"
        st.header(f"{md(points[p.id].title)} — {score}")
        if p.weakest_link:
            st.markdown(weakest_link_text(p))
        for c in p.challenges:
            show_challenge(c, expanded=c.likelihood is not None and c.likelihood >= 0.5)

with by_theme:
    st.caption("The study groups its findings into four themes; a challenge can belong to several.")
    for theme in content.kb.themes:
        members = sorted((c for c in result.challenges if theme.id in c.themes),
                         key=lambda c: -(c.likelihood if c.likelihood is not None else -1))
        scored = [c.likelihood for c in members if c.likelihood is not None]
        average = f"average likelihood {sum(scored) / len(scored):.0%}" if scored else "no answers yet"
        st.header(f"{md(theme.title)} — {average}")
        st.caption(md(theme.description))
        st.markdown("\n".join(f"- {c.id} {md(c.title)}: **{c.level}** (signal {_signal(c.likelihood)})" for c in members))

with open_tab:
    titles = {s.section.id: s.section.title for s in content.sections}
    any_open = False
    for p in result.points:
        if not p.unanswered:
            continue
        any_open = True
        st.markdown(f"**{md(points[p.id].title)}** — {len(p.unanswered)} open")
        st.markdown("\n".join(
            f"- {md(content.questions[q].text)} *({md(titles[content.section_of[q].section.id])})*"
            for q in p.unanswered))
    if not any_open:
        st.success("Every question that applies to this project is answered.")
    elif st.button("Answer the open questions", key="risk_to_questionnaire"):
        open_project(project.id, "questionnaire")

st.divider()
left, right = st.columns(2)
left.download_button("Download assessment (Markdown)", partial(to_markdown, content, result, project.name),
                     safe_filename(project.name + "-risk", "md"), mime="text/markdown", key="risk_dl_md", on_click="ignore")
right.download_button("Download assessment (JSON)", partial(to_json, content, result),
                      safe_filename(project.name + "-risk", "json"), mime="application/json", key="risk_dl_json",
                      on_click="ignore")
