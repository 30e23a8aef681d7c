"""Plan: buffers, expert access, data agreement, monitoring, ownership, qualities - edited and saved at once."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import time
from functools import partial

import pandas as pd
import streamlit as st

from planner.filenames import safe_filename
from planner.plan.catalogue import load_catalogue
from planner.plan.defaults import default_agenda
from planner.plan.units import DURATION_UNIT, EFFORT_UNIT, monitoring_total
from planner.plan.whatif import what_if
from planner.ui.plan_editing import (
    PHASES,
    PLAN_SECTIONS,
    RACI_CHOICES,
    RACI_EMPTY,
    RENAMED_ROLES,
    TABLES,
    apply_pending_edits,
    load_plan,
    on_field_change,
    on_table_change,
    plan_report,
    reset_plan,
    show_error,
)
from planner.ui.state import ensure_app_navigation, get_store, md, project_content, require_project
from planner.ui.whatif_view import cached_lever_effects, show_lever_effects

ensure_app_navigation()

snapshot = require_project()
project = snapshot.project
content, content_problem = project_content(snapshot)
answers = snapshot.answers
if apply_pending_edits(project.id, content, answers, snapshot.plan_version):
    snapshot = get_store().snapshot(project.id)
plan = load_plan(project.id, content, answers, snapshot.plan, snapshot.plan_version)
catalogue = load_catalogue()
report, duration_spec = plan_report(snapshot, plan, str(snapshot.plan_version or "draft"))
ctx = (project.id, content, answers)

st.title(f"Kickoff plan · {md(project.name)}")
st.caption("Generated from your answers and the risk assessment; every change is saved at once. "
           + ("Showing defaults until the first edit." if snapshot.plan is None else f"Plan version {snapshot.plan_version}."))
show_error("plan")


def explain(section_id: str) -> None:
    info = catalogue.section(section_id)
    st.caption(f"{md(info.explanation)}  \n*Source: {md('; '.join(info.citations))}*")


def findings(section_id: str) -> None:
    items = report.findings_for(section_id)
    if items:
        icon = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]", "open": ":blue[:material/help:]"}
        st.markdown("\n".join(f"- {icon.get(f.level, '')} {md(f.message)} *({md(f.citation)})*" for f in items))


def table(section: str, frame: pd.DataFrame, columns: dict, **kwargs) -> None:
    spec = TABLES[section]
    for name, config in columns.items():  # an all-empty number column would be "object" and show a literal "None"
        if config.get("type_config", {}).get("type") == "number" and name in frame:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    st.data_editor(frame, key=spec.key, column_config=columns, on_change=on_table_change, args=(*ctx, section),
                   hide_index=True, width="stretch", height="content", **kwargs)  # every row visible, no inner scroll
    show_error(section)


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


SECTIONS = PLAN_SECTIONS


def _label(section_id: str) -> str:
    count = sum(f.level in ("error", "warning") for f in report.findings_for(section_id))
    return SECTIONS[section_id] + (f" ({count})" if count else "")


# Only the chosen section is rendered: a rerun after an edit stays cheap.
if st.session_state.get("plan_section") not in SECTIONS:
    st.session_state.plan_section = "effort"
def _keep_section() -> None:
    if st.session_state.plan_section is None:  # clicking the selected pill again would deselect it
        st.session_state.plan_section = st.session_state.get("plan_last_section", "effort")
    st.session_state.plan_last_section = st.session_state.plan_section


current = st.segmented_control("Plan section", list(SECTIONS), format_func=_label, key="plan_section",
                               on_change=_keep_section, label_visibility="collapsed") or "effort"

if current == "effort":
    explain("effort")
    cfg = st.column_config
    st.caption(f"Estimates in {DURATION_UNIT}.")  # the unit once above the table: long headers would not fit at 1280 px
    days = {"min_value": 0.0, "max_value": 3650.0, "step": 0.5, "help": f"In {DURATION_UNIT}"}
    table("tasks", frame(TABLES["tasks"].rows(plan), ["name", "driver", "optimistic", "likely", "pessimistic", "exploratory"]),
          {"name": cfg.TextColumn("Task", width="medium", max_chars=200),
           "driver": cfg.SelectboxColumn("Uncertainty", options=["model", "data", "engineering", "none"], required=True,
                                         default="none"),
           "optimistic": cfg.NumberColumn("Optimistic", **days),
           "likely": cfg.NumberColumn("Most likely", **days),
           "pessimistic": cfg.NumberColumn("Pessimistic", **days),
           "exploratory": cfg.CheckboxColumn("Research", default=False, help="Research work that gets a time-box")},
          num_rows="dynamic")
    est = plan.estimation
    c1, c2, c3, c4 = st.columns(4)
    c1.number_input(f"Target ({DURATION_UNIT} from start)", min_value=0.0, max_value=3650.0, value=est.target_days, step=1.0,
                    key="plan_target", placeholder="none", on_change=on_field_change,
                    args=(*ctx, "effort", ("estimation", "target_days"), "plan_target"))
    c2.selectbox("Distribution", ["pert", "triangular"], index=["pert", "triangular"].index(est.distribution),
                 key="plan_distribution", on_change=on_field_change,
                 args=(*ctx, "effort", ("estimation", "distribution"), "plan_distribution"))
    c3.number_input("Trials", min_value=100, max_value=1_000_000, value=est.trials, step=1000, key="plan_trials",
                    on_change=on_field_change, args=(*ctx, "effort", ("estimation", "trials"), "plan_trials"))
    c4.number_input("Seed", min_value=0, max_value=2**32 - 1, value=est.seed, step=1, key="plan_seed",
                    on_change=on_field_change, args=(*ctx, "effort", ("estimation", "seed"), "plan_seed"))
    st.toggle("Widen estimates by the study's uncertainty drivers", value=est.apply_drivers, key="plan_drivers",
              on_change=on_field_change, args=(*ctx, "effort", ("estimation", "apply_drivers"), "plan_drivers"))
    show_error("effort")
    result = report.buffers
    for problem in result.row_problems:
        st.warning(f"Left out of the simulation: {md(problem)}")
    if result.summary is None:
        st.info("Add at least one task with optimistic, most likely and pessimistic days.")
    else:
        s = result.summary
        m1, m2, m3, m4, m5 = st.columns(5)
        m1.metric("P50", f"{s.p50:.0f} {DURATION_UNIT}")
        m2.metric("P80", f"{s.p80:.0f} {DURATION_UNIT}")
        m3.metric("P95", f"{s.p95:.0f} {DURATION_UNIT}")
        m4.metric("Buffer (P80 − P50)", f"{s.buffer:.0f} {DURATION_UNIT}")
        m5.metric("Chance to meet target", "–" if s.probability_on_time is None else f"{s.probability_on_time:.0%}")
        st.vega_lite_chart(duration_spec, width="stretch")
        lines = [f"- **{md(d.label)}** ({md(d.source)}, {d.value:.0%}): +{result.contributions.get(d.id, 0):.1f} {DURATION_UNIT} at P80 "
                 f"*({md(d.citation)})*" for d in result.drivers] if est.apply_drivers else ["- Drivers are switched off."]
        st.markdown("**What widens the estimate**\n" + "\n".join(lines))
        if result.timeboxes:
            st.markdown("**Research time-boxes** — stop, show results and decide at:\n" + "\n".join(
                f"- {md(name)}: {days:.0f} {DURATION_UNIT}" for name, days in result.timeboxes))
    findings("effort")

if current == "experts":
    explain("experts")
    cfg = st.column_config
    hours = {p: cfg.NumberColumn(f"h/week {p}", min_value=0.0, max_value=80.0, step=0.5) for p in PHASES}
    table("experts", frame(TABLES["experts"].rows(plan), ["name", "role", *PHASES, "response_hours", "reachable"]),
          {"name": cfg.TextColumn("Name", max_chars=200), "role": cfg.TextColumn("Knows about", max_chars=200), **hours,
           "response_hours": cfg.NumberColumn("Answers within (h)", min_value=0.0, max_value=2000.0),
           "reachable": cfg.CheckboxColumn("Reachable", default=True)}, num_rows="dynamic")
    st.text_area("Escalation path when data questions stay unanswered", value=plan.expert_access.escalation_path,
                 max_chars=2000, key="plan_escalation", on_change=on_field_change,
                 args=(*ctx, "experts", ("expert_access", "escalation_path"), "plan_escalation"))
    show_error("experts")
    findings("experts")

if current == "data_agreement":
    explain("data_agreement")
    info = catalogue.data_agreement
    for field, label in info.labels.items():
        mandatory = " (required)" if field in info.mandatory else ""
        st.text_area(md(label) + mandatory, value=getattr(plan.data_agreement, field), max_chars=2000, height=70,
                     key=f"plan_agreement_{field}", on_change=on_field_change,
                     args=(*ctx, "data_agreement", ("data_agreement", field), f"plan_agreement_{field}"))
    show_error("data_agreement")
    findings("data_agreement")

if current == "monitoring":
    explain("monitoring")
    cfg = st.column_config
    st.caption(f"Effort in {EFFORT_UNIT}, costs per month in {md(plan.currency)}.")
    table("monitoring", frame(TABLES["monitoring"].rows(plan),
                              ["item", "effort_days_per_month", "cost_per_month", "owner", "feedback_path"]),
          {"item": cfg.TextColumn("Line item", width="medium", max_chars=200),
           "effort_days_per_month": cfg.NumberColumn("Effort", min_value=0.0, max_value=1000.0, step=0.5, help=f"In {EFFORT_UNIT}"),
           "cost_per_month": cfg.TextColumn(f"Cost ({plan.currency})", max_chars=20,
                                            help="Per month: an amount such as 1200 or 1,200.50; leave empty while unknown."),
           "owner": cfg.SelectboxColumn("Owner", options=[r.name for r in plan.roles] or [""]),
           "feedback_path": cfg.TextColumn("Feedback path", width="medium", max_chars=1000, help="How findings reach the model team")},
          num_rows="dynamic")
    st.caption(md(monitoring_total(plan)))
    st.text_input("Currency of the costs", value=plan.currency, max_chars=12, key="plan_currency",
                  on_change=on_field_change, args=(*ctx, "monitoring", ("currency",), "plan_currency"),
                  help="Any code or sign, e.g. EUR, USD, CHF, £. The planner's default is EUR.")
    findings("monitoring")

if current == "raci":
    explain("raci")
    show_error(RENAMED_ROLES)
    cfg = st.column_config
    st.markdown("**Roles** — mark roles in another organisation as external, and roles the team lacks.")
    table("roles", frame(TABLES["roles"].rows(plan), ["name", "external", "lacks_capability"]),
          {"name": cfg.TextColumn("Role", required=True, max_chars=80),
           "external": cfg.CheckboxColumn("External", default=False),
           "lacks_capability": cfg.CheckboxColumn("Missing / not staffed", default=False)}, num_rows="dynamic")
    st.markdown("**Who does what** — R responsible, A accountable (exactly one), C consulted, I informed.")
    role_columns = {r.name: cfg.SelectboxColumn(r.name, options=RACI_CHOICES, default=RACI_EMPTY) for r in plan.roles}
    table("raci", frame(TABLES["raci"].rows(plan), ["activity", *[r.name for r in plan.roles]]),
          {"activity": cfg.TextColumn("Activity", required=True, width="medium", max_chars=120), **role_columns},
          num_rows="dynamic")
    findings("raci")

if current == "qualities":
    explain("qualities")
    cfg = st.column_config
    table("qualities", frame(TABLES["qualities"].rows(plan), ["name", "target", "not_needed", "reason"]),
          {"name": cfg.TextColumn("Quality", max_chars=120), "target": cfg.TextColumn("Target", width="large", max_chars=500),
           "not_needed": cfg.CheckboxColumn("Not needed", default=False),
           "reason": cfg.TextColumn("Why not needed", width="medium", max_chars=500)}, num_rows="dynamic")
    findings("qualities")
    explain("glossary")
    table("glossary", frame(TABLES["glossary"].rows(plan), ["term", "meaning", "pitfall"]),
          {"term": cfg.TextColumn("Term", max_chars=120), "meaning": cfg.TextColumn("Agreed meaning", width="large", max_chars=500),
           "pitfall": cfg.TextColumn("How it gets misread", width="large", max_chars=500)}, num_rows="dynamic")

if current == "workshop":
    cfg = st.column_config
    st.caption("Run the kickoff from here: a timed agenda per collaboration point (more time where the risk is "
               "higher), a log of the decisions taken and a parking lot for questions nobody can answer yet. All "
               "three go into the PDF (§8: make expectations explicit and write decisions down).")
    st.markdown("**Agenda**")
    table("agenda", frame(TABLES["agenda"].rows(plan), ["topic", "minutes", "citation"]),
          {"topic": cfg.TextColumn("Topic", width="large", max_chars=200),
           "minutes": cfg.NumberColumn("Minutes", min_value=0.0, max_value=600.0, step=5.0),
           "citation": cfg.TextColumn("Study", max_chars=80)}, num_rows="dynamic")
    if not plan.agenda:  # plans saved before agendas existed
        st.session_state.plan_agenda_suggested = [a.model_dump() for a in default_agenda(content, answers)]
        st.button("Fill in the suggested agenda", key="plan_agenda_fill", on_click=on_field_change,
                  args=(*ctx, "workshop", ("agenda",), "plan_agenda_suggested"))
    topics = [(a.topic, a.minutes or 0) for a in plan.agenda if a.topic.strip()]
    st.caption(f"{len(topics)} topics, {sum(m for _, m in topics):g} minutes in all.")

    def _timer() -> None:
        started = st.session_state.get("plan_timer_started")
        index = st.session_state.get("plan_timer_index", 0)
        if started is None or index >= len(topics):
            if index >= len(topics) and started is not None:
                st.success("Agenda done.")
            if topics and st.button("Start the agenda timer", key="plan_timer_start"):
                st.session_state.plan_timer_started, st.session_state.plan_timer_index = time.time(), 0
                st.rerun()
            return
        topic, minutes = topics[index]
        elapsed = time.time() - started
        budget = minutes * 60
        label = f"{index + 1}/{len(topics)} · {md(topic)} — {int(elapsed // 60)}:{int(elapsed % 60):02d} of {minutes:g} min"
        st.progress(min(elapsed / budget, 1.0) if budget else 1.0, text=label)
        if budget and elapsed > budget:
            st.warning(f"Over time by {int((elapsed - budget) // 60)}:{int((elapsed - budget) % 60):02d} - "
                       "park the rest of the topic or decide now.")
        left, right = st.columns(2)
        if left.button("Next topic", key="plan_timer_next"):
            st.session_state.plan_timer_index, st.session_state.plan_timer_started = index + 1, time.time()
            st.rerun()
        if right.button("Stop the timer", key="plan_timer_stop"):
            st.session_state.plan_timer_started = None
            st.rerun()

    running = st.session_state.get("plan_timer_started") is not None
    st.fragment(_timer, run_every=1.0 if running else None)()

    st.markdown("**Decision log**")
    table("decisions", frame(TABLES["decisions"].rows(plan), ["topic", "decision", "owner", "decided_on"]),
          {"topic": cfg.TextColumn("Topic", max_chars=200), "decision": cfg.TextColumn("Decision", width="large", max_chars=1000),
           "owner": cfg.TextColumn("Owner", max_chars=200), "decided_on": cfg.TextColumn("Date", max_chars=40)},
          num_rows="dynamic")
    st.markdown("**Parking lot** — questions to settle after the workshop")
    table("parking_lot", frame(TABLES["parking_lot"].rows(plan), ["question", "owner", "due"]),
          {"question": cfg.TextColumn("Question", width="large", max_chars=500), "owner": cfg.TextColumn("Owner", max_chars=200),
           "due": cfg.TextColumn("Due", max_chars=40)}, num_rows="dynamic")

if current == "whatif":
    st.caption("Switch on mitigations the team could commit to and compare risk and schedule with and without "
               "them. Each switch stands for answers the questionnaire would then get; adopting them records the "
               "commitment in the plan (and the PDF), the answers stay as they are today. Below, each mitigation's "
               "own effect and the answers it would change; a mitigation never makes an answer riskier.")
    levers = {lever.id: lever for lever in content.kb.levers}
    if "plan_whatif" not in st.session_state:
        st.session_state.plan_whatif = [i for i in plan.adopted_levers if i in levers]
    chosen = st.pills("Mitigations", list(levers), selection_mode="multi", key="plan_whatif",
                      format_func=lambda i: levers[i].title)
    result = what_if(content, answers, plan, chosen, before=report.assessment, schedule_before=report.buffers.summary)
    titles = {p.id: p.title for p in content.kb.collaboration_points}

    def score(value) -> str:
        return "–" if value is None else f"{value:.0f}"

    st.table(pd.DataFrame([{"Collaboration point": titles[p.point_id], "Now": score(p.before),
                            "With the mitigations": score(p.after),
                            "Change": "–" if p.before is None or p.after is None else f"{p.after - p.before:+.0f}"}
                           for p in result.points]).set_index("Collaboration point"))
    before, after = result.schedule_before, result.schedule_after
    if before is not None and after is not None:
        def delta(now: float, then: float) -> str | None:
            return None if abs(now - then) < 0.05 else f"{now - then:+.1f} {DURATION_UNIT}"

        c1, c2, c3 = st.columns(3)
        c1.metric("P80 total duration (with them)", f"{after.p80:.0f} {DURATION_UNIT}", delta(after.p80, before.p80), delta_color="inverse")
        c2.metric("Recommended buffer (with them)", f"{after.buffer:.0f} {DURATION_UNIT}", delta(after.buffer, before.buffer),
                  delta_color="inverse")
        c3.metric("P50 total duration (with them)", f"{after.p50:.0f} {DURATION_UNIT}", delta(after.p50, before.p50), delta_color="inverse")
        st.caption("Schedule: the same tasks and seed; the mitigations lower the ML-uncertainty and data-adequacy "
                   "drivers that widen the pessimistic estimates (§5.3, R4; §6.2, D1).")
    if result.levers:
        st.markdown("\n".join(f"- **{md(lever.title)}** *({md('; '.join(lever.citations))})*" for lever in result.levers))
    adopted = [i for i in plan.adopted_levers if i in levers]
    if sorted(chosen or []) != sorted(adopted):
        st.button("Adopt these mitigations into the plan", key="plan_whatif_adopt", type="primary",
                  on_click=on_field_change, args=(*ctx, "whatif", ("adopted_levers",), "plan_whatif", list))
    elif adopted:
        st.success(f"{len(adopted)} mitigation(s) adopted; the PDF lists them on its summary page.")
    show_error("whatif")
    show_lever_effects(cached_lever_effects(project.id, content, answers, report.assessment), titles)

if current == "document":
    counts = {level: sum(f.level == level for f in report.findings) for level in ("error", "warning", "open")}
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    st.markdown(f"**{count(counts['error'], 'problem')}, {count(counts['warning'], 'warning')}, "
                f"{count(counts['open'], 'open question')}** — "
                "they are listed in the document so the team can settle them at the kickoff.")
    st.text_area("Participants (one per line, shown on the cover)", value="\n".join(plan.participants), max_chars=5000,
                 key="plan_participants", on_change=on_field_change,
                 args=(*ctx, "document", ("participants",), "plan_participants",
                       lambda text: [line.strip()[:200] for line in (text or "").splitlines() if line.strip()][:100]))
    show_error("document")


    def _pdf(report) -> bytes:
        from planner.render.plan_pdf import build_pdf

        return build_pdf(report)

    def _markdown(report) -> bytes:
        from planner.render.plan_markdown import plan_markdown

        return plan_markdown(report).encode("utf-8")

    def _tickets(report) -> bytes:
        from planner.render.csv_export import plan_items_csv

        return plan_items_csv(report).encode("utf-8-sig")

    left, right, third = st.columns(3)
    third.download_button("Tasks and mitigations (CSV for Jira/GitHub)", partial(_tickets, report),
                          safe_filename(project.name + "-tickets", "csv"), mime="text/csv", key="plan_dl_csv",
                          on_click="ignore", help="One row per ticket: summary, description, type, labels, estimate, "
                                                  "source. Cells that look like formulas are neutralised.")
    left.download_button("Download the kickoff plan (PDF)", partial(_pdf, report), safe_filename(project.name + "-kickoff-plan", "pdf"),
                         mime="application/pdf", key="plan_dl_pdf", on_click="ignore", type="primary")
    right.download_button("Download as Markdown", partial(_markdown, report), safe_filename(project.name + "-kickoff-plan", "md"),
                          mime="text/markdown", key="plan_dl_md", on_click="ignore")
    with st.expander("Start over"):
        if st.checkbox("Replace the whole plan by fresh defaults from the answers", key="plan_reset_confirm"):
            st.button("Reset the plan", key="plan_reset", on_click=reset_plan, args=ctx)
