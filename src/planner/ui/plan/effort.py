"""Effort & buffers: task estimates, the simulation's settings and what widens the estimate."""

from __future__ import annotations

import streamlit as st

from ...i18n import N_
from ...plan.buffers import commitment, days_short, delivery_target, largest_contributions, target_source_text
from ...plan.calendar import EARLIEST_START, LATEST_START
from ...plan.checks import commitment_findings
from ...plan.labels import kind_name
from ...plan.model import Estimation, Task
from ...plan.montecarlo import MAX_DAYS
from ...plan.units import DURATION_UNIT, WORKING_DAYS_PER_WEEK
from ...render.outline import TORNADO_BARS, sentence
from ..language import ui_translator
from ..plan_editing import ERRORS, PLAN_SECTIONS, on_estimate_submit, on_field_change, show_error
from ..state import md
from . import columns as col
from .view import PlanView, plan_caption, reread, section_label

FRESH = "plan_effort_fresh"  # set by a full run of the page: the fragment's view is the one just read


def editor_columns(plan) -> dict[str, dict]:
    t = ui_translator()
    _ = t._
    days = {"min_value": 0.0, "max_value": MAX_DAYS, "step": 0.5, "help": _("In {unit}").format(unit=_(DURATION_UNIT))}  # checked per row by montecarlo
    kinds = {} if t.english else {"format_func": lambda kind: kind_name(kind, t)}  # the plan keeps the id; English shows it
    return {"tasks": {
        "name": col.text(Task, "name", _("Task"), width="medium"),
        "driver": col.choice(Task, "driver", _("Uncertainty"), required=True, default="none", **kinds),
        "optimistic": st.column_config.NumberColumn(_(ESTIMATE_FIELDS["optimistic"]), **days),
        "likely": st.column_config.NumberColumn(_(ESTIMATE_FIELDS["likely"]), **days),
        "pessimistic": st.column_config.NumberColumn(_(ESTIMATE_FIELDS["pessimistic"]), **days),
        "exploratory": col.checkbox(_("Research"), default=False, help=_("Research work that gets a time-box"))}}


ESTIMATE_FIELDS = {"optimistic": N_("Optimistic"), "likely": N_("Most likely"), "pessimistic": N_("Pessimistic")}
NO_VALUE = N_("none")  # the placeholder of an empty number


def estimate_key(field: str, index: int, version) -> str:
    """The form's input of one estimate of the task at `index`, for the plan version shown (a new version: new inputs
    that show the stored values)."""
    return f"plan_estimate_{field}_{index}_{version}"


def _estimate_form(view: PlanView) -> None:
    """One task's three estimates as number inputs: Enter saves them together, at once (the table's editor waits
    150 ms after an edit before it asks the server, and saves each cell alone)."""
    _ = ui_translator()._
    tasks = view.plan.tasks
    if not tasks:
        return
    if st.session_state.get("plan_estimate_task") not in range(len(tasks)):  # e.g. after rows were deleted
        st.session_state["plan_estimate_task"] = 0
    index = st.selectbox(_("Task to estimate"), range(len(tasks)), key="plan_estimate_task",
                         format_func=lambda i: f"{i + 1}. {tasks[i].name.strip() or _('unnamed task')}")
    version = view.snapshot.plan_version
    with st.form("plan_estimate_form", border=False, enter_to_submit=True):
        cells = st.columns(4, vertical_alignment="bottom")
        for cell, (field, label) in zip(cells, ESTIMATE_FIELDS.items(), strict=False):
            cell.number_input(f"{md(_(label))} · {_(DURATION_UNIT)}", min_value=0.0, max_value=MAX_DAYS, step=0.5, value=getattr(tasks[index], field),
                              key=estimate_key(field, index, version), placeholder=_(NO_VALUE))
        cells[3].form_submit_button(_("Save estimate"), on_click=on_estimate_submit,
                                    args=(*view.ctx, index, {f: estimate_key(f, index, version) for f in ESTIMATE_FIELDS}))


def _settings(view: PlanView) -> None:
    t = ui_translator()
    _ = t._
    unit = _(DURATION_UNIT)
    est = view.plan.estimation

    def field(name: str, key: str) -> dict:
        return {"key": key, "on_change": on_field_change, "args": (*view.ctx, "effort", ("estimation", name), key)}

    c0, c1, c2, c3, c4 = st.columns(5)
    c0.date_input(_("Start date"), value=est.start_date, min_value=EARLIEST_START, max_value=LATEST_START, format="YYYY-MM-DD",
                  help=_("The day work starts. With it, P50, P80, P95 and the committed delivery get calendar dates, counting "
                         "working days Monday to Friday (weekends skipped, public holidays not). Empty: working days only."),
                  **field("start_date", "plan_start_date"))
    derived, __ = delivery_target(view.plan, view.answers)
    c1.number_input(_("Target · {unit}").format(unit=unit), **col.field_limits(Estimation, "target_days"), value=est.target_days,
                    step=1.0, placeholder=_(NO_VALUE) if derived is None else _("{days} (questionnaire)").format(days=t.g(derived)),
                    help=_("Empty: the questionnaire's weeks to the committed delivery × {days}").format(days=t.g(WORKING_DAYS_PER_WEEK)),
                    **field("target_days", "plan_target"))
    options = col.field_limits(Estimation, "distribution")["options"]
    c2.selectbox(_("Distribution"), options, index=options.index(est.distribution), **field("distribution", "plan_distribution"))
    c3.number_input(_("Trials"), **col.field_limits(Estimation, "trials"), value=est.trials, step=1000, **field("trials", "plan_trials"))
    c4.number_input(_("Seed"), **col.field_limits(Estimation, "seed"), value=est.seed, step=1, **field("seed", "plan_seed"))
    st.toggle(_("Stretch the tasks by the assessed challenges (risk drivers)"), value=est.apply_drivers,
              **field("apply_drivers", "plan_drivers"))


def _simulation(view: PlanView) -> None:
    """The simulation's results: P50, P80, P95, the buffer, the chance to meet the commitment, their dates."""
    t = ui_translator()
    _ = t._
    unit = _(DURATION_UNIT)
    result = view.report.buffers
    for problem in result.row_problems:
        if result.blocked:
            st.error(_("Fix before the simulation runs: {problem}").format(problem=md(problem)))
        else:
            st.warning(_("Note: {problem}").format(problem=md(problem)))
    if result.blocked:
        return
    if result.summary is None:
        st.info(_("Add at least one task with optimistic, most likely and pessimistic days."))
        return
    s = result.summary
    m1, m2, m3, m4, m5 = st.columns(5)
    # the unit in the label, not in the value: "214 working days" is cut to "214 wo…" in a fifth of the page
    m1.metric(_("P50 · {unit}").format(unit=unit), t.fixed(s.p50), help=_("Half of the simulated runs finish within this many working days."))
    m2.metric(_("P80 · {unit}").format(unit=unit), t.fixed(s.p80), help=_("80 of 100 simulated runs finish within this many working days."))
    m3.metric(_("P95 · {unit}").format(unit=unit), t.fixed(s.p95), help=_("95 of 100 simulated runs finish within this many working days."))
    m4.metric(_("Buffer · {unit}").format(unit=unit), t.fixed(s.buffer), help=_("P80 − P50: what to add to a median plan to finish "
                                                                                "in 80 of 100 runs."))
    m5.metric(_("Chance · commitment"), t.pct(s.probability_on_time),
              help=_("Chance to meet the committed delivery: the share of the simulated runs that finish within the target."))
    show_dates(view.report, _("below"))  # the settings come after the task table
    show_commitment(view.report)


def _charts(view: PlanView) -> None:
    """The simulated schedule's chart, what the risks add to P80 and why, and the research time-boxes."""
    t = ui_translator()
    _ = t._
    unit = _(DURATION_UNIT)
    result = view.report.buffers
    if result.blocked or result.summary is None:
        return
    # the metrics above (P50, P80, P95, the chance to meet the commitment) are this chart in words
    st.vega_lite_chart(view.duration_spec, width="stretch",
                       alt=_("Chance to finish within a number of working days: P50, P80 and P95 are above"))
    by_id = {d.id: d for d in result.drivers}
    lines = [_("- **{id} {label}** ({chance} likely): +{days} {unit} at P80 *({citation})*").format(
        id=md(cid), label=md(by_id[cid].label), chance=t.pct(by_id[cid].value), days=t.fixed(days), unit=unit,
        citation=md(by_id[cid].citation)) for cid, days in result.contributions.items() if days >= 0.5]
    if not view.plan.estimation.apply_drivers:
        lines = [_("- Risk drivers are switched off.")]
    st.markdown(_("**What the risks add to P80** (impact ranges: the planner's defaults)") + "\n"
                + "\n".join(lines or [_("- Nothing measurable.")]))
    largest = largest_contributions(result, TORNADO_BARS) if view.plan.estimation.apply_drivers else []
    if largest:
        from ..charts import tornado_spec

        st.markdown(_("**Why the buffer is this big** — the {count} risk drivers that add most to P80 (P80 with every driver "
                      "minus P80 with that one switched off, on the same simulated runs)").format(count=len(largest)))
        # the list "What the risks add to P80" above says the same in words
        st.vega_lite_chart(tornado_spec([(f"{d.label} ({d.id})", days) for d, days in largest], t), width="stretch",
                           alt=_("The risk drivers that add most to P80, in working days, as listed above"))
    for g in result.go_no_go:
        outcomes = "\n".join(_("- **{label}**, {chance}: {action}").format(label=md(label), chance=t.pct(p), action=md(action))
                             for label, p, action in g.outcomes)
        st.markdown(_("**Research time-box: {task}** — stop, show results and decide after {days} {unit} ({chance} chance it "
                      "overruns):").format(task=md(g.task), days=t.fixed(g.box_days), unit=unit, chance=t.pct(g.overrun)) + "\n" + outcomes)


def show_dates(report, where: str | None = None) -> None:
    """P50, P80, P95 (and the committed delivery) as calendar dates; a hint while the plan has no start date.
    `where`: where the start date is set, in the app's language ("above" when None)."""
    t = ui_translator()
    _ = t._
    dates = report.buffers.dates
    if dates is None:
        st.caption(_("In {unit}; set a start date {where} to see them as calendar dates.").format(
            unit=_(DURATION_UNIT), where=md(_("above") if where is None else where)))
        return
    committed = "" if dates.committed is None else _(" · committed delivery **{date}**").format(date=md(t.date(dates.committed)))
    st.markdown(_("**Dates** from the start on {start}: P50 **{p50}** · P80 **{p80}** · P95 **{p95}**").format(
        start=md(t.date(dates.start)), p50=md(t.date(dates.p50)), p80=md(t.date(dates.p80)), p95=md(t.date(dates.p95))) + committed)
    st.caption(_("Working days Monday to Friday: weekends are skipped, public holidays are not (add them to the estimates)."))


def show_commitment(report):
    """The committed delivery against the simulation: chance, P80, the buffer needed to reach 80 %; below P50 a warning.
    Returns the commitment shown (None without a target or a simulated total)."""
    t = ui_translator()
    _ = t._
    unit = _(DURATION_UNIT)
    goal = commitment(report.buffers)
    if goal is None:
        return None
    where = target_source_text(goal.source, t)
    source = _(" (from {source})").format(source=md(where)) if where else ""
    due = "" if goal.due is None else _(", due {date}").format(date=md(t.date(goal.due)))
    st.markdown(_("**Committed delivery: {days} {unit}{due}**{source} — chance of meeting it **{chance}**; P80 {p80} {unit}; "
                  "buffer needed to reach 80 %: **{short} {unit}**.").format(
                      days=t.g(goal.target_days), unit=unit, due=due, source=source, chance=t.pct(goal.chance), p80=t.fixed(goal.p80),
                      short=t.fixed(days_short(goal.to_reach_80))))
    for finding in commitment_findings(report.buffers, t):  # in the app's language, as the page's report
        st.warning(f"{md(sentence(finding.message))} *({md(finding.citation)})*", icon=":material/warning:")
    return goal


def show(view: PlanView) -> None:
    """The section as a fragment (issue 16): its edits rerun this section alone, not the whole page."""
    st.session_state[FRESH] = True
    _fragment(view, _outside(view))


def _outside(view: PlanView) -> tuple:
    """What the page shows outside this section that an edit here can change: the section labels' counts of findings,
    the page's own message about the plan (the plan version in the caption is redrawn by the fragment)."""
    return tuple(section_label(view.report, s) for s in PLAN_SECTIONS), st.session_state.get(ERRORS, {}).get("plan")


@st.fragment
def _fragment(view: PlanView, outside: tuple) -> None:
    """On its own reruns (with the arguments of the last full run) the plan is read again from the store, and the
    whole page reruns instead when something outside the section changes with it, or someone changed the answers."""
    if not st.session_state.pop(FRESH, False):
        view = reread(view)
        if view is None or _outside(view) != outside:
            st.rerun()
    if view.caption_slot is not None:
        view.caption_slot.caption(plan_caption(view.snapshot))
    _section(view)


def _section(view: PlanView) -> None:
    view.explain("effort")
    _ = ui_translator()._
    # One task's estimates, then the results right under them: an edit's new P50/P80/P95 are drawn (and seen) before
    # the task table and the charts are redrawn (issue 16: estimate edit ÷ one-widget 5.6 → 4.3 in the browser).
    _estimate_form(view)
    _simulation(view)
    st.caption(_("Estimates in {unit}.").format(unit=_(DURATION_UNIT)))  # the unit once above the table: long headers would not fit at 1280 px
    view.table("tasks", editor_columns(view.plan)["tasks"], num_rows="dynamic")
    _settings(view)
    show_error("effort")
    _charts(view)
    view.findings("effort", skip=commitment_findings(view.report.buffers, ui_translator()))  # shown beside the numbers above
