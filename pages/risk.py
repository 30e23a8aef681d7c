"""Risk: score per collaboration point, and why - triggers, evidence, mitigations."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

from functools import partial

import streamlit as st

from planner.assessment import assess
from planner.filenames import safe_filename
from planner.plan.units import DURATION_UNIT
from planner.render import to_json, to_markdown
from planner.render.outline import LEVELS
from planner.render.point_bars import point_bars_html
from planner.ui.chart_table import chart_table, point_rows
from planner.ui.language import ui_language, ui_translator
from planner.ui.plan.effort import show_commitment, show_dates
from planner.ui.plan_editing import plan_report, read_plan
from planner.ui.state import ensure_app_navigation, md, open_project, project_content, require_project

ensure_app_navigation()
t = ui_translator()
_ = t._

snapshot = require_project()
project = snapshot.project
content, content_problem = project_content(snapshot)
answers = snapshot.answers
result = assess(content, answers)
points = {p.id: p for p in content.kb.collaboration_points}
themes = {t.id: t for t in content.kb.themes}
mitigations = {m.id: m for m in content.kb.mitigations}

st.title(_("Risk · {name}").format(name=md(project.name)))
if content_problem:
    st.warning(_("A team question file could not be used and is ignored: {problem}").format(problem=md(content_problem)))
st.caption(_("{answered} of {asked} questions answered ({share}). Scores run from 0 (no signs of the study's collaboration "
             "problems) to 100; the range shows where the score could land once the open questions are answered. Each "
             "challenge shows its level and its signal strength (0-100): how strongly the answers point to that problem as "
             "the study describes it - not a probability. How it works: see Method.").format(
    answered=result.answered, asked=result.asked, share=t.pct(result.completeness)))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _level(level: str) -> str:
    """A risk or challenge level ("high", "very likely") in the app's language."""
    return _(LEVELS.get(level, level))


def _note(p) -> str:
    """The weakest-link note ("At least high because D6 is very likely") in the app's language."""
    c = next(c for c in p.challenges if c.id == p.weakest_link)
    return _sentence(_("at least {level} because {challenge} is {challenge_level}").format(
        level=_level(p.level), challenge=c.id, challenge_level=_level(c.level)))


# No st.metric and no st.progress here: a new session would first load their browser code (issue 16: with the hidden
# st.html of ui/preload.py, Risk from a new session went from 6.1 to 4.9 times a one-widget page); the bars below draw
# the score and the share answered.
columns = st.columns(3)
for column, p in zip(columns, result.points, strict=True):
    with column:
        value = "–" if p.score is None else f"{t.fixed(p.score)} · {_level(p.level)}"
        with st.container(border=True):
            st.markdown(f"**{md(points[p.id].title)}**", help=md(points[p.id].description))
            st.header(value, anchor=False)  # h2 under the page title (axe: heading order)
            if p.weakest_link:
                st.caption(md(_note(p)))
            provisional = _(" · provisional") if p.score is not None and p.completeness < 0.5 else ""
            st.caption(_("{answered}/{asked} questions that inform it answered").format(
                answered=p.answered, asked=p.asked) + provisional)

rows = [dict(title=points[p.id].title, score=p.score, low=p.low, high=p.high, level=p.level,
             completeness=p.completeness) for p in result.points]
st.html(point_bars_html(rows, t))  # plain HTML: drawn at once, no chart bundle to wait for (issue 16)
chart_table(point_rows(rows), _("Risk score of each collaboration point"), plain=True)


def show_schedule() -> None:
    """The committed delivery against the plan's simulated schedule (the Plan page's effort section has the details)."""
    plan, __ = read_plan(content, answers, snapshot.plan)
    report, __ = plan_report(snapshot, plan, str(snapshot.plan_version or "draft"), ui_language())
    with st.container(border=True):
        st.markdown("**" + _("The committed delivery and what the buffer buys") + "**")
        if report.buffers.summary is None:
            st.caption(_("The schedule is simulated once the plan's task estimates can be used: see the Plan page."))
        else:
            if show_commitment(report) is None:
                st.caption(_("No committed delivery yet: answer “{question}” or set a target on the Plan page. P80 of the plan: "
                             "{p80} {unit}.").format(question=md(content.questions["req_weeks_to_delivery"].text),
                                                     p80=t.fixed(report.buffers.summary.p80), unit=_(DURATION_UNIT)))
            show_dates(report, _("on the Plan page (Effort & buffers)"))
        if st.button(_("Open the plan's schedule"), key="risk_to_plan"):
            open_project(project.id, "plan")


show_schedule()


def _signal(value) -> str:
    """A challenge's likelihood as the study-based signal strength it is (0-100), never as a probability."""
    return "–" if value is None else f"{t.fixed(value * 100)}/100"


def show_challenge(c) -> None:
    """A challenge's header (level and signal) as an expander whose explanation is written only while it is open."""
    kb = content.challenges[c.id]
    header = _("{id} · {title} — {level} (signal {signal})").format(id=c.id, title=md(c.title), level=_level(c.level),
                                                                     signal=_signal(c.likelihood))
    box = st.expander(header, key=f"risk_open_{c.id}", on_change="rerun")
    if not box.open:
        return
    with box:
        st.markdown(md(kb.summary))
        st.caption(_("Themes: {themes} · Source: {sources}").format(themes=md(", ".join(themes[i].title for i in c.themes)),
                                                                     sources=md("; ".join(c.citations))))
        if c.likelihood is None:
            st.info(_("No answer informs this challenge yet."))
        if c.triggers:
            st.markdown(_("**Why this score** — answers and set-up that point to this challenge:"))
            st.markdown("\n".join(_trigger_line(c, trigger) for trigger in c.triggers))
        elif c.likelihood is not None:
            st.markdown(_("**Why this score:** every answer that informs it points away from this problem."))
        if c.open_questions:
            st.caption(_("{count} open question(s) could still move it (range {low} to {high}).").format(
                count=len(c.open_questions), low=_signal(c.low), high=_signal(c.high)))
        st.markdown("**" + _("What the study found") + "**")
        st.markdown("\n".join(f"- {md(e.text)} *({md(e.citation)})*" for e in kb.evidence))
        st.markdown("**" + _("What helps") + "**")
        st.markdown("\n".join(
            f"- **{md(mitigations[m].title)}** — {md(mitigations[m].description)} *({md('; '.join(mitigations[m].citations))})*"
            for m in c.mitigations))


def _trigger_line(c, trigger) -> str:
    """One answer (or set-up combination) behind a challenge's score, as a Markdown list item."""
    points = t.fixed(c.contribution(trigger) * 100)
    if trigger.kind == "floor":
        lift = (_("+{points} points over the average of the answers").format(points=points) if c.contribution(trigger) > 0
                else _("the answers already reach it"))
        return _("- **On its own:** {question} → *{answer}* → at least {risk}/100 ({lift}; {source})").format(
            question=md(trigger.text), answer=md(trigger.answer), risk=t.fixed(trigger.risk * 100), lift=lift,
            source=md(trigger.citation))
    if trigger.kind == "answer":
        return _("- +{points} points: {question} → *{answer}*").format(points=points, question=md(trigger.text),
                                                                        answer=md(trigger.answer))
    return _("- +{points} points: set-up combination — {rule}").format(points=points, rule=md(trigger.text))


def weakest_link_text(p) -> str:
    """Why the point is not just the average: its most likely challenge, and the answer that decides it if one does."""
    c = next(c for c in p.challenges if c.id == p.weakest_link)
    floor = c.floor_term
    blocker = _(" — on its own: {question} → *{answer}* ({source})").format(
        question=md(floor.text), answer=md(floor.answer), source=md(floor.citation)) if floor is not None else ""
    return (f"**{md(_note(p))}**{blocker}. {c.id}: {md(c.title)}. "
            + _("The average of its challenges is {mean}; a point stays at most one level below its most likely challenge "
                "(the planner's default rule, see Method).").format(mean=t.fixed(p.mean)))


@st.fragment
def show_details() -> None:
    """The challenges by point, by theme, and the open questions. Only the chosen tab is written, and in it the texts of
    the challenges someone opened: a new session's first view no longer waits for the texts of all 19 (it took the
    Risk page 14.6 times a one-widget page, with them closed 6.3; issue 16). Each header keeps the level and the signal,
    each point its deciding challenge and answer. Choosing a tab or opening a challenge reruns this part alone."""
    by_point, by_theme, open_tab = st.tabs([_("By collaboration point"), _("By theme"), _("Still unanswered")],
                                           key="risk_tab", on_change="rerun")
    if by_point.open:
        with by_point:
            st.caption(_("Open a challenge to see why it scores as it does, what the study found and what helps."))
            for p in result.points:
                score = _("no answers yet") if p.score is None else f"{t.fixed(p.score)}/100, {_level(p.level)}"
                st.header(f"{md(points[p.id].title)} — {score}")
                if p.weakest_link:
                    st.markdown(weakest_link_text(p))
                for c in p.challenges:
                    show_challenge(c)
    if by_theme.open:
        with by_theme:
            show_themes()
    if open_tab.open:
        with open_tab:
            show_open_questions()


def show_themes() -> None:
    st.caption(_("The study groups its findings into four themes; a challenge can belong to several."))
    for theme in content.kb.themes:
        members = sorted((c for c in result.challenges if theme.id in c.themes),
                         key=lambda c: -(c.likelihood if c.likelihood is not None else -1))
        scored = [c.likelihood for c in members if c.likelihood is not None]
        average = _("average likelihood {share}").format(share=t.pct(sum(scored) / len(scored))) if scored else _("no answers yet")
        st.header(f"{md(theme.title)} — {average}")
        st.caption(md(theme.description))
        st.markdown("\n".join(_("- {id} {title}: **{level}** (signal {signal})").format(
            id=c.id, title=md(c.title), level=_level(c.level), signal=_signal(c.likelihood)) for c in members))


def show_open_questions() -> None:
    titles = {s.section.id: s.section.title for s in content.sections}
    any_open = False
    for p in result.points:
        if not p.unanswered:
            continue
        any_open = True
        st.markdown(_("**{point}** — {count} open").format(point=md(points[p.id].title), count=len(p.unanswered)))
        st.markdown("\n".join(
            f"- {md(content.questions[q].text)} *({md(titles[content.section_of[q].section.id])})*"
            for q in p.unanswered))
    if not any_open:
        st.success(_("Every question that applies to this project is answered."))
    elif st.button(_("Answer the open questions"), key="risk_to_questionnaire"):
        open_project(project.id, "questionnaire")


show_details()

st.divider()
left, right = st.columns(2)
left.download_button(_("Download assessment (Markdown)"), partial(to_markdown, content, result, project.name),
                     safe_filename(project.name + "-risk", "md"), mime="text/markdown", key="risk_dl_md", on_click="ignore")
right.download_button(_("Download assessment (JSON)"), partial(to_json, content, result),
                      safe_filename(project.name + "-risk", "json"), mime="application/json", key="risk_dl_json",
                      on_click="ignore")
