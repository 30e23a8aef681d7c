"""AppTest: the Plan page through app.py - defaults, edits saved at once (data_editor via session state)."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planner.render import escape_markdown
from planner.safe_yaml import load_yaml
from planner.store import Store

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


BROWSER = "plan-page-browser-aaaaaaaaaaaa"


@pytest.fixture
def risky_project(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "plan-page.db"))
    st.cache_resource.clear()
    store = Store()
    project = store.create_project("Plan <b>page</b> :red[x]", browser=BROWSER)
    for qid, value in load_yaml(open(ROOT / "examples" / "risky.yaml", "rb").read(), "risky").items():
        if qid != "schema_version":
            store.save_answer(project.id, qid, value)
    yield store, project
    st.cache_resource.clear()


def open_plan(project_id, section=None):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["browser_key"] = BROWSER  # the browser that created the project
    at.query_params["project"] = project_id
    if section:
        at.session_state["plan_section"] = section
    at.switch_page("pages/plan.py")
    return at.run()


def test_plan_page_shows_defaults_and_buffers(risky_project):
    store, project = risky_project
    at = open_plan(project.id)
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert labels["P50 · working days"].isdigit() and labels["P80 · working days"].isdigit()  # whole days, unit in the label
    assert store.load_plan(project.id) == (None, 0)  # nothing saved until the first edit
    assert any("Plan \\<b\\>page" in t.value for t in at.title)


def test_task_edit_is_saved_at_once(risky_project):
    store, project = risky_project
    at = open_plan(project.id)
    at.session_state["plan_tasks_editor"] = {"edited_rows": {0: {"likely": 12.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    plan, version = store.load_plan(project.id)
    assert version == 1 and plan["tasks"][0]["likely"] == 12.0
    at.run()  # the same editor state is not applied twice
    assert store.load_plan(project.id)[1] == 1


def test_invalid_estimate_gets_a_row_message_and_nothing_breaks(risky_project):
    store, project = risky_project
    at = open_plan(project.id)
    at.session_state["plan_tasks_editor"] = {"edited_rows": {1: {"optimistic": 50.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    # issue 14: the wrong row blocks the simulation (it was left out before), named with its fix
    shown = [e.value.replace("\\", "") for e in at.error]  # md() escapes the brackets
    assert any("row 2 (" in v and "optimistic (50) is larger than pessimistic" in v and "swap them" in v for v in shown), shown
    assert not [m for m in at.metric if m.label.startswith(("P50", "P80"))]  # no total that silently lacks a task


def test_added_task_row(risky_project):
    store, project = risky_project
    at = open_plan(project.id)
    at.session_state["plan_tasks_editor"] = {"edited_rows": {}, "deleted_rows": [0], "added_rows": [
        {"name": "Shadow deployment", "driver": "engineering", "optimistic": 2, "likely": 4, "pessimistic": 9}]}
    at.run()
    tasks = store.load_plan(project.id)[0]["tasks"]
    assert tasks[-1]["name"] == "Shadow deployment" and not tasks[0]["name"].startswith("Exploration")


def test_raci_edit_and_findings(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "raci")
    assert not at.exception
    at.session_state["plan_raci_editor"] = {"edited_rows": {0: {"Data scientist": "A"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    row = store.load_plan(project.id)[0]["raci"][0]
    assert row["cells"]["Data scientist"] == "A"
    assert any("exactly one A, has 2" in m.value for m in at.markdown)
    # the editor shows "–" for no involvement; choosing it clears the cell
    at.session_state["plan_raci_editor"] = {"edited_rows": {0: {"Product owner / PM": "–"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    row = store.load_plan(project.id)[0]["raci"][0]
    assert row["cells"].get("Product owner / PM", "") == "" and row["cells"]["Data scientist"] == "A"
    assert not any("exactly one A" in m.value for m in at.markdown if "Model requirements" in m.value)


def test_bad_expert_hours_are_refused_with_a_message(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "experts")
    at.session_state["plan_experts_editor"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"name": "Ana", "exploration": 500.0}]}
    at.run()
    assert not at.exception
    assert any("Not saved" in w.value and "row 1" in w.value for w in at.warning)
    assert store.load_plan(project.id) == (None, 0)


def test_data_agreement_field_saves(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "data_agreement")
    at.text_area(key="plan_agreement_quantity").input("50,000 labelled claims").run()
    assert store.load_plan(project.id)[0]["data_agreement"]["quantity"] == "50,000 labelled claims"


def test_stale_edit_is_refused(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "data_agreement")
    from planner.content import load_content
    from planner.plan import default_plan

    store.save_plan(project.id, default_plan(load_content(), store.load_answers(project.id)).model_dump(mode="json"))
    at.text_area(key="plan_agreement_contact").input("Bea").run()
    assert any("someone else changed the plan" in w.value for w in at.warning)
    assert store.load_plan(project.id)[0]["data_agreement"]["contact"] != "Bea"


def test_every_section_renders(risky_project):
    _, project = risky_project
    for section in ("effort", "experts", "data_agreement", "monitoring", "raci", "qualities", "release_criteria", "whatif", "document"):
        at = open_plan(project.id, section)
        assert not at.exception, section


def test_reset_restores_defaults(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "data_agreement")
    at.text_area(key="plan_agreement_quantity").input("10 rows").run()
    at.session_state["plan_section"] = "document"
    at.run()
    at.checkbox(key="plan_reset_confirm").check().run()
    at.button(key="plan_reset").click().run()
    assert not at.exception
    plan, version = store.load_plan(project.id)
    assert version == 2 and plan["data_agreement"]["quantity"] == ""
    at.session_state["plan_section"] = "data_agreement"
    at.run()
    assert at.text_area(key="plan_agreement_quantity").value == ""


def test_what_if_compares_and_adopts_mitigations(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "whatif")
    assert not at.exception
    table = at.table[0].value
    assert list(table.columns) == ["Now", "With the mitigations", "Change"]
    assert (table["Now"] == table["With the mitigations"]).all()  # nothing chosen yet
    at.session_state["plan_whatif"] = ["data_contract", "monitoring_owner"]
    at.run()
    assert not at.exception
    table = at.table[0].value
    changes = [float(c) for c in table["Change"]]
    assert min(changes) < 0 and max(changes) <= 0
    at.button(key="plan_whatif_adopt").click()
    at.run()
    assert not at.exception
    stored, _ = store.load_plan(project.id)
    assert stored["adopted_levers"] == ["data_contract", "monitoring_owner"]
    assert any("2 mitigation(s) adopted" in s.value for s in at.success)
    # the answers stay as they are: adopting is a commitment, not a new answer
    assert store.snapshot(project.id).answers["data_contract"] != "full_contract"


def test_what_if_shows_each_mitigations_own_effect_and_the_answers_it_changes(risky_project):
    from planner.assessment import assess
    from planner.content import load_content
    from planner.plan.whatif import apply_levers

    store, project = risky_project
    content = load_content()
    answers = store.snapshot(project.id).answers
    at = open_plan(project.id, "whatif")
    assert not at.exception
    own = at.table[1].value  # after the combined table
    titles = {p.id: p.title for p in content.kb.collaboration_points}
    assert list(own.columns) == [*(titles[p] for p in ("requirements", "data", "integration")), "P80 (working days)",
                                 "Chance · commitment", "Own work (working days)"]
    assert set(own.index) == {lever.title for lever in content.kb.levers}  # every lever, each on its own
    now = assess(content, answers)
    dictionary = next(lv for lv in content.kb.levers if lv.id == "data_dictionary")
    alone = assess(content, apply_levers(content, answers, [dictionary]))
    assert any(a.score < b.score for b, a in zip(now.points, alone.points, strict=True))
    for cell, b, a in zip(own.loc[dictionary.title].iloc[:3], now.points, alone.points, strict=True):
        assert cell.startswith(f"{b.score:.0f}")  # the score now, then with only this lever (the engine's result)
        assert (f"→ {a.score:.0f} (" in cell) if abs(a.score - b.score) >= 0.05 else cell.endswith("(no change)")
    expander = next(e for e in at.expander if e.label == escape_markdown(dictionary.title))
    text = " ".join(m.value for m in expander.markdown)
    gaps = content.questions["data_documentation_gaps"]
    assert escape_markdown(gaps.text) in text
    assert escape_markdown(gaps.option("definitions").label) in text and "→" in text  # labels, not ids
    assert "data_documentation_gaps" not in text and "definitions;" not in text
    labelling = next(e for e in at.expander if e.label.startswith(escape_markdown("Written labelling guidelines")))
    assert "changes no answer here" in labelling.label
    assert "not asked in this project" in " ".join(m.value for m in labelling.markdown)


def test_the_workshops_open_disagreements_show_on_plan_workshop(risky_project):
    store, project = risky_project
    open_question = {"expectation": "exp_timeline", "question": "How certain is the <b>timeline</b>?",
                     "answers": [{"role": "Client", "answers": "1× Fixed date and scope"},
                                 {"role": "Data scientist", "answers": "1× Exploratory *time-boxed*"}]}
    store.save_plan(project.id, {"open_questions": [open_question]}, author="Fran", change="workshop")
    at = open_plan(project.id, "workshop")
    assert not at.exception
    values = [m.value for m in at.markdown]
    at_question = values.index(f"*{escape_markdown('How certain is the <b>timeline</b>?')}*")
    assert values[at_question + 1] == (f"- Client: {escape_markdown('1× Fixed date and scope')}"
                                       f"\n- Data scientist: {escape_markdown('1× Exploratory *time-boxed*')}")
    document = open_plan(project.id, "document")
    assert any("open questions, 1 workshop disagreement not settled**" in m.value for m in document.markdown)


def test_workshop_agenda_decisions_and_parking_lot(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "workshop")
    assert not at.exception
    assert any("topics" in c.value and "of 120 planned minutes" in c.value for c in at.caption)
    at.session_state["plan_decisions_editor"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"topic": "Error budget", "decision": "At most 5% false alarms <b>", "owner": "PO", "decided_on": "2026-11-23"}]}
    at.run()
    assert not at.exception
    at.session_state["plan_parking_editor"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"question": "Who pays for labelling after launch?", "owner": "", "due": ""}]}
    at.run()
    stored, _ = store.load_plan(project.id)
    assert stored["decisions"][0]["decision"] == "At most 5% false alarms <b>"
    assert stored["parking_lot"][0]["question"] == "Who pays for labelling after launch?"
    assert len(stored["agenda"]) == 8 and sum(a["minutes"] for a in stored["agenda"]) == 120
    at.button(key="plan_timer_start").click()
    at.run()
    assert not at.exception
    assert at.session_state["plan_timer_index"] == 0 and at.session_state["plan_timer_started"] is not None
    at.button(key="plan_timer_next").click()
    at.run()
    assert at.session_state["plan_timer_index"] == 1
    at.button(key="plan_timer_stop").click()
    at.run()
    assert at.session_state["plan_timer_started"] is None and not at.exception


def test_an_older_plan_without_agenda_can_get_the_suggested_one(risky_project):
    store, project = risky_project
    store.save_plan(project.id, {"schema_version": 1, "participants": ["Ana"]}, 0)
    at = open_plan(project.id, "workshop")
    at.button(key="plan_agenda_fill").click()
    at.run()
    assert not at.exception
    stored, _ = store.load_plan(project.id)
    assert len(stored["agenda"]) == 8 and stored["participants"] == ["Ana"]


def _editor_frame(at, key):
    """The DataFrame a data_editor shows."""
    return next(e for e in at.get("data_editor") if e.key == key).value


def test_monitoring_costs_state_their_currency_and_no_literal_none(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "monitoring")
    assert not at.exception
    frame = _editor_frame(at, "plan_monitoring_editor")
    assert (frame["cost_per_month"] == "").all()  # empty cells: a number cell without a value reads "None"
    assert any(escape_markdown("person-days/month; no costs entered yet.") in c.value for c in at.caption)
    at.text_input(key="plan_currency").set_value("CHF")
    at.run()
    at.session_state["plan_monitoring_editor"] = {"edited_rows": {0: {"cost_per_month": "1,200"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    plan = store.load_plan(project.id)[0]
    assert plan["currency"] == "CHF" and plan["monitoring"][0]["cost_per_month"] == 1200.0
    assert any(escape_markdown("CHF 1,200.00 per month.") in c.value for c in at.caption)


def test_durations_are_working_days_on_the_page(risky_project):
    _, project = risky_project
    at = open_plan(project.id)
    shown = [m for m in at.metric if m.label.startswith(("P50", "P80", "P95", "Buffer"))]
    assert len(shown) == 4 and all(m.label.endswith(" · working days") and m.value.isdigit() for m in shown)


def test_a_cost_that_is_not_an_amount_is_refused_with_a_message(risky_project):
    store, project = risky_project
    at = open_plan(project.id, "monitoring")
    at.session_state["plan_monitoring_editor"] = {"edited_rows": {1: {"cost_per_month": "lots"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert any("row 2" in w.value and "is not an amount" in w.value for w in list(at.warning) + list(at.error))
    assert store.load_plan(project.id)[1] == 0  # nothing saved


@pytest.mark.parametrize("name", ["Product owner / PM", " product OWNER / pm ", "Activity"])
def test_duplicate_or_fixed_column_role_is_refused_and_raci_still_renders(risky_project, name):
    store, project = risky_project
    at = open_plan(project.id, "raci")
    at.session_state["plan_roles_editor"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [{"name": name}]}
    at.run()
    assert not at.exception
    assert any("Not saved" in w.value and "role" in w.value and name.strip() in w.value.replace("\\", "") for w in at.warning)
    assert store.load_plan(project.id) == (None, 0)  # nothing saved
    assert [e.key for e in at.dataframe] == ["plan_roles_editor", "plan_raci_editor"]  # both editors render
    at.run()
    assert not at.exception


def test_old_plan_with_duplicate_roles_renders_disambiguated_and_says_so(risky_project):
    store, project = risky_project
    roles = [{"name": "PO"}, {"name": "PO"}, {"name": "po"}, {"name": "activity"}]
    raci = [{"activity": "Data collection", "cells": {"PO": "A", "po": "R", "activity": "C"}}]
    store.save_plan(project.id, {"schema_version": 1, "roles": roles, "raci": raci}, 0)
    at = open_plan(project.id, "raci")
    assert not at.exception
    assert any("PO (2)" in w.value.replace("\\", "") and "next edit" in w.value for w in at.warning)
    assert [e.key for e in at.dataframe] == ["plan_roles_editor", "plan_raci_editor"]
    at.session_state["plan_raci_editor"] = {"edited_rows": {0: {"PO": "A/R"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    stored, version = store.load_plan(project.id)
    assert version == 2 and [r["name"] for r in stored["roles"]] == ["PO", "PO (2)", "po (3)", "activity (4)"]
    assert stored["raci"][0]["cells"] == {"PO": "A/R", "PO (2)": "", "po (3)": "R", "activity (4)": "C"}
    assert not any("next edit" in w.value for w in at.warning)


def test_agenda_timer_shows_a_markdown_topic_literally(risky_project):
    store, project = risky_project
    topic = "![t](http://127.0.0.1:1/agenda.png) :red[AGENDA] $x^2$"
    store.save_plan(project.id, {"schema_version": 1, "agenda": [{"topic": topic, "minutes": 10}]}, 0)
    at = open_plan(project.id, "workshop")
    at.button(key="plan_timer_start").click()
    at.run()
    assert not at.exception
    [bar] = at.get("progress")
    assert "\\!\\[t\\]\\(http" in bar.proto.text and "\\:red\\[AGENDA\\] \\$x^2\\$" in bar.proto.text


def test_a_plan_that_cannot_be_read_shows_defaults_and_is_replaced_at_the_next_edit(risky_project):
    store, project = risky_project
    store.save_plan(project.id, {"schema_version": 1, "tasks": "not a list"}, 0)
    at = open_plan(project.id, "data_agreement")
    assert not at.exception
    assert any("could not be read" in w.value for w in at.warning)
    at.text_area(key="plan_agreement_quantity").input("50,000 labelled claims").run()
    assert not at.exception
    stored, version = store.load_plan(project.id)
    assert version == 2 and stored["data_agreement"]["quantity"] == "50,000 labelled claims" and stored["tasks"]
    assert not any("could not be read" in w.value for w in at.warning)


def _downloads(at) -> list[tuple[str, str]]:
    """(label, key) of every download button."""
    return [(b.proto.label, b.proto.id.split("-", 2)[-1]) for b in at.get("download_button")]


def test_the_download_buttons_are_the_plan_formats(risky_project, monkeypatch):
    from planner.render.formats import FORMATS, Format

    store, project = risky_project
    at = open_plan(project.id, "document")
    assert _downloads(at) == [(f.label, f"plan_dl_{f.extension}") for f in FORMATS.values()]
    assert [key for _, key in _downloads(at)] == ["plan_dl_pdf", "plan_dl_docx", "plan_dl_md", "plan_dl_csv", "plan_dl_json"]  # the keys the page always had, Word and JSON
    assert [b.proto.label for b in at.get("download_button") if b.proto.type == "primary"] == ["Download the kickoff plan (PDF)"]
    monkeypatch.setitem(FORMATS, "text", Format("txt", "text/plain", lambda report: "plain", "Download as text", "plain text"))
    at = open_plan(project.id, "document")
    assert _downloads(at)[-1] == ("Download as text", "plan_dl_txt")  # one entry in FORMATS is one more button


def test_the_effort_section_shows_the_commitment_and_a_sorted_tornado_chart_of_the_top_drivers(risky_project):
    """Issue 14 §2: the risky example commits to 0 weeks: a cited warning with the shortfall, shown once; the tornado's bars are
    the drivers that add most to P80, largest first, at most 8."""
    store, project = risky_project
    at = open_plan(project.id)
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "Committed delivery: 0 working days" in text and "buffer needed to reach 80 %" in text
    warnings = [w.value for w in at.warning if "falls short of the median run by" in w.value]
    assert len(warnings) == 1 and escape_markdown("§5.3, R4") in warnings[0]
    assert "falls short of the median run" not in text  # not repeated in the section's checks
    (chart,) = [c for c in at.get("vega_lite_chart") if "added to P80" in c.proto.spec]
    import pyarrow as pa

    rows = pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()  # the spec's own data (no named datasets)
    days = [row["days"] for row in rows]
    assert 3 <= len(days) <= 8 and days == sorted(days, reverse=True) and rows[0]["label"].endswith("(R4)")


def test_the_duration_chart_marks_the_questionnaire_s_committed_delivery(risky_project):
    store, project = risky_project
    store.save_answer(project.id, "req_weeks_to_delivery", 40)
    at = open_plan(project.id)
    assert not at.exception
    specs = [c.proto.spec for c in at.get("vega_lite_chart") if "Chance to finish within" in c.proto.spec]
    assert specs and '"target"' in specs[0] and "200" in specs[0]


def test_what_if_shows_risk_p80_and_each_mitigation_s_own_work_side_by_side(risky_project):
    """Issue 14 §2: the data contract takes days to negotiate (a task in the comparison, its days in P80); time-boxes and a
    buffer lower the risk but never shorten the schedule."""
    from planner.content import load_content

    store, project = risky_project
    levers = {lv.id: lv for lv in load_content().kb.levers}
    at = open_plan(project.id, "whatif")
    own = at.table[1].value
    assert own.loc[levers["data_contract"].title, "Own work (working days)"] == "+5 (3–15)"
    buffer_row = own.loc[levers["timeboxes_buffers"].title]
    assert buffer_row["P80 (working days)"].endswith("(no change)") and buffer_row["Own work (working days)"].startswith("0 ")
    at.session_state["plan_whatif"] = ["data_contract", "timeboxes_buffers"]
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Their own work · working days"] == "+5"
    text = "\n".join(m.value for m in at.markdown)
    assert escape_markdown(levers["data_contract"].effort.task) in text and "the planner's default" in text
    assert any("Time-boxes and a buffer do not make the work shorter" in c.value for c in at.caption)


def test_the_per_mitigation_table_shows_what_each_does_to_the_chance_of_the_committed_date(risky_project):
    """Issue 14 (done when): a PM buys the chance of the committed date up with mitigations; each one's effect on it shows."""
    from planner.content import load_content

    store, project = risky_project
    store.save_answer(project.id, "req_weeks_to_delivery", 46)  # a commitment near the risky plan's P50
    levers = {lv.id: lv for lv in load_content().kb.levers}
    at = open_plan(project.id, "whatif")
    assert not at.exception
    own = at.table[1].value
    chances = own["Chance · commitment"]
    assert chances.loc[levers["timeboxes_buffers"].title].endswith("(no change)")  # a buffer changes no work
    moved = [tuple(int(x.strip().rstrip("%")) for x in c.split("→")) for c in chances if "→" in c]
    assert any(after > before for before, after in moved)  # at least one mitigation buys the chance up
    assert any("chance of the committed delivery now → with it" in m.value for m in at.markdown)


def test_release_criteria_are_edited_and_saved_at_once(risky_project):
    """Issue 15 §3: suggested rows to agree, targets, which error is worse, who signs off and when - each saved at once."""
    store, project = risky_project
    at = open_plan(project.id, "release_criteria")
    assert not at.exception
    frame = _editor_frame(at, "plan_release_editor")
    assert len(frame) == 3 and not frame["agreed"].any() and frame["suggested_by"].str.startswith("suggested").all()
    assert any("no role signs off the release" in m.value for m in at.markdown)
    at.session_state["plan_release_editor"] = {"edited_rows": {0: {"metric": "Recall of ICU cases", "target": ">= 0.85", "agreed": True}},
                                               "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    row = store.load_plan(project.id)[0]["release_criteria"]["criteria"][0]
    assert (row["metric"], row["target"], row["agreed"]) == ("Recall of ICU cases", ">= 0.85", True)
    at.selectbox(key="plan_release_sign_off").select("Product owner / PM").run()
    at.selectbox(key="plan_release_worse").select("false_negative").run()
    at.text_area(key="plan_release_fn").input("A late transfer to intensive care").run()
    at.text_input(key="plan_release_when").input("Before the pilot").run()
    assert not at.exception
    saved = store.load_plan(project.id)[0]["release_criteria"]
    assert (saved["sign_off"], saved["worse_error"], saved["false_negative_cost"], saved["evaluated_when"]) == (
        "Product owner / PM", "false_negative", "A late transfer to intensive care", "Before the pilot")
    assert not any("no role signs off" in m.value for m in at.markdown)
    at.session_state["plan_release_editor"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [{"metric": "x" * 201}]}
    at.run()
    assert any("Not saved" in w.value and "row 4" in w.value and "metric" in w.value for w in at.warning)
    assert len(store.load_plan(project.id)[0]["release_criteria"]["criteria"]) == 3


def test_an_older_plan_without_release_criteria_can_get_the_suggested_ones(risky_project):
    store, project = risky_project
    store.save_plan(project.id, {"schema_version": 1, "participants": ["Ana"]}, 0)
    at = open_plan(project.id, "release_criteria")
    assert any("no release criterion is set" in m.value for m in at.markdown)
    at.button(key="plan_release_fill").click()
    at.run()
    assert not at.exception
    stored, _ = store.load_plan(project.id)
    assert len(stored["release_criteria"]["criteria"]) == 3 and stored["participants"] == ["Ana"]
def test_a_start_date_gives_the_plan_and_the_risk_page_the_same_calendar_dates(risky_project):
    """Issue 14 §2: dates come from a start date, entered on the effort section and stored in the plan."""
    from datetime import date

    from planner.content import load_content
    from planner.plan.calendar import date_text, finish_date
    from planner.ui.plan_editing import plan_report, read_plan

    store, project = risky_project
    at = open_plan(project.id)
    assert any("set a start date below" in c.value for c in at.caption)  # empty: working days only
    at.date_input(key="plan_start_date").set_value(date(2026, 3, 2)).run()
    assert not at.exception
    stored, _ = store.load_plan(project.id)
    assert stored["estimation"]["start_date"] == "2026-03-02"
    snapshot = store.snapshot(project.id)
    report, _ = plan_report(snapshot, read_plan(load_content(), snapshot.answers, snapshot.plan)[0], "1")
    p80 = escape_markdown(date_text(finish_date(date(2026, 3, 2), report.buffers.summary.p80)))
    assert report.buffers.dates.p80 == finish_date(date(2026, 3, 2), report.buffers.summary.p80)
    text = "\n".join(m.value for m in at.markdown)
    assert f"P80 **{p80}**" in text and "weekends are skipped" in "\n".join(c.value for c in at.caption)
    at.switch_page("pages/risk.py").run()
    assert not at.exception
    assert f"P80 **{p80}**" in "\n".join(m.value for m in at.markdown)


def test_adopting_a_mitigation_adds_its_own_task_to_the_stored_plan_once(risky_project):
    """Issue 14 §2: the data contract's negotiation becomes a task named after the mitigation; adopting again adds none."""
    from planner.content import load_content

    store, project = risky_project
    contract = next(lv for lv in load_content().kb.levers if lv.id == "data_contract")
    at = open_plan(project.id, "whatif")
    for chosen in (["data_contract"], [], ["data_contract"]):
        at.session_state["plan_whatif"] = chosen
        at.run()
        at.button(key="plan_whatif_adopt").click()
        at.run()
        assert not at.exception
    stored, _ = store.load_plan(project.id)
    added = [t for t in stored["tasks"] if t["name"] == contract.effort.task]
    assert len(added) == 1 and contract.title in added[0]["added_by"] and stored["adopted_levers"] == ["data_contract"]
    assert [added[0]["optimistic"], added[0]["likely"], added[0]["pessimistic"]] == contract.effort.days
    assert any(escape_markdown(contract.effort.task) in s.value for s in at.success)
    own = at.table[1].value
    assert own.loc[contract.title, "Own work (working days)"] == "in the plan: 5"


def test_the_document_language_is_chosen_on_the_page_and_saved_in_the_plan(risky_project):
    """Issue 17 §2: a "Document language" select; until one is chosen it shows the browser's language (English in AppTest)."""
    store, project = risky_project
    at = open_plan(project.id, "document")
    assert not at.exception
    (select,) = [s for s in at.selectbox if s.label == "Document language"]
    assert select.value == "en" and store.load_plan(project.id) == (None, 0)  # the browser's default is not saved
    select.set_value("de").run()
    assert not at.exception
    plan, _ = store.load_plan(project.id)
    assert plan["language"] == "de"
    at = open_plan(project.id, "document")
    assert [s.value for s in at.selectbox if s.label == "Document language"] == ["de"]


def test_the_document_language_defaults_to_the_browser_locale():
    from planner.plan.model import Plan
    from planner.ui.plan.document import document_language

    assert document_language(Plan(), "de-AT") == "de" and document_language(Plan(), "fr-FR") == "en"
    assert document_language(Plan(), None) == "en" and document_language(Plan(language="en"), "de-DE") == "en"


def _estimate_inputs(at) -> dict:
    return {n.label.split(" · ")[0]: n for n in at.number_input if n.key and n.key.startswith("plan_estimate_")}


def test_the_estimate_form_saves_one_tasks_three_estimates_together(risky_project):
    """Issue 16: an estimate edit through number inputs (the table's editor waits 150 ms before it asks the server);
    all three at once, so a wider range is not refused halfway (most likely above the old pessimistic)."""
    store, project = risky_project
    at = open_plan(project.id)
    p80_before = {m.label: m.value for m in at.metric}["P80 · working days"]
    at.selectbox(key="plan_estimate_task").set_value(1).run()
    inputs = _estimate_inputs(at)
    assert set(inputs) == {"Optimistic", "Most likely", "Pessimistic"}
    inputs["Most likely"].set_value(70.0)
    inputs["Pessimistic"].set_value(90.0)
    at.button[[b.label for b in at.button].index("Save estimate")].click().run()
    assert not at.exception
    plan, version = store.load_plan(project.id)
    assert version == 1 and (plan["tasks"][1]["likely"], plan["tasks"][1]["pessimistic"]) == (70.0, 90.0)
    assert {m.label: m.value for m in at.metric}["P80 · working days"] != p80_before
    shown = _estimate_inputs(at)  # the stored values, in fresh inputs for the new version
    assert (shown["Most likely"].value, shown["Pessimistic"].value) == (70.0, 90.0)
    assert _editor_frame(at, "plan_tasks_editor")["likely"][1] == 70.0  # the table shows the same


def test_the_estimate_form_refuses_a_stale_edit(risky_project):
    store, project = risky_project
    at = open_plan(project.id)
    store.save_plan(project.id, store.load_plan(project.id)[0] or {"schema_version": 1}, expected_version=0)  # someone else
    _estimate_inputs(at)["Most likely"].set_value(9.0)
    at.button[[b.label for b in at.button].index("Save estimate")].click().run()
    assert not at.exception
    assert any("someone else changed the plan" in w.value for w in at.warning)


def test_the_tornado_spec_is_the_altair_chart_it_replaces():
    """Issue 16: the tornado chart as a plain Vega-Lite dict (Altair built and validated it in ~0.2-0.5 s per estimate
    edit); the same marks, encodings and rows as the Altair layer chart it replaces."""
    import textwrap

    import altair as alt
    import pandas as pd

    from planner.ui.charts import TORNADO_WRAP, tornado_spec

    bars = [("A long risk driver label that wraps over two lines on a phone screen (R4)", 12.3), ("Short (I4)", 0.4)]
    rows = []
    for n, (label, days) in enumerate(bars):
        lines = textwrap.wrap(label, TORNADO_WRAP, max_lines=2, placeholder="…")
        rows.append({"rank": n, "label": label, "upper": lines[0] if len(lines) == 2 else "", "lower": lines[-1],
                     "days": float(days), "shown": f"+{days:.0f} d"})
    base = alt.Chart(pd.DataFrame(rows))
    y = alt.Y("rank:O", axis=None, title=None)
    x = alt.X("days:Q", title="Working days added to P80", scale=alt.Scale(domain=[0, 12.3 * 1.15], nice=False),
              axis=alt.Axis(labelFontSize=12, titleFontSize=12, tickCount=5))
    tooltip = [alt.Tooltip("label:N", title="Risk driver"), alt.Tooltip("days:Q", title="Adds to P80 (working days)", format=".1f")]
    text = {"align": "left", "baseline": "bottom", "fontSize": 13, "color": "#263238"}
    chart = (base.mark_bar(size=16, color="#b45309", cornerRadiusEnd=3, yOffset=12).encode(x=x, y=y, tooltip=tooltip)
             + base.mark_text(align="left", dx=5, dy=12, fontSize=12, fontWeight="bold", color="#263238").encode(x="days:Q", y=y, text="shown:N")
             + base.mark_text(dy=0, **text).encode(x=alt.datum(0), y=y, text="lower:N")
             + base.mark_text(dy=-16, **text).encode(x=alt.datum(0), y=y, text="upper:N")).properties(height=alt.Step(68)).to_dict()
    spec = tornado_spec(bars)
    assert spec["layer"] == chart["layer"] and spec["height"] == chart["height"] == {"step": 68}
    assert spec["data"]["values"] == next(iter(chart["datasets"].values()))
    assert tornado_spec([("Short (I4)", 3)])["height"] == {"step": 52}  # one line per label: narrower rows


def test_a_plan_edit_reuses_what_the_report_takes_from_the_answers(risky_project):
    """Issue 16: the assessment (and the answer lines, cards) depend on the answers only, so an estimate edit does not
    assess the answers again; the report is the one built from scratch."""
    from planner.content import load_content
    from planner.plan import default_plan
    from planner.plan.editing import with_estimates
    from planner.plan.report import build_report
    from planner.ui.plan_editing import plan_report

    store, project = risky_project
    snapshot = store.snapshot(project.id)
    plan = default_plan(load_content(), snapshot.answers)
    edited = with_estimates(plan, 0, {"optimistic": 1.0, "likely": 30.0, "pessimistic": 90.0})
    (first, _), (second, _) = plan_report(snapshot, plan, "1"), plan_report(snapshot, edited, "2")
    assert second.assessment is first.assessment and second.answer_lines is first.answer_lines
    fresh = build_report(load_content(), snapshot.answers, edited, project_name=snapshot.project.name,
                         project_description=snapshot.project.description, language="en")
    assert second.assessment == fresh.assessment and second.findings == fresh.findings and second.cards == fresh.cards
    assert second.buffers.summary == fresh.buffers.summary
