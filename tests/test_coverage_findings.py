"""Issue 12, coverage: findings the fact check listed as absent now change a question or advice."""

from __future__ import annotations

from planner.answers import is_visible
from planner.assessment.engine import assess, fired_rules
from planner.content import load_content
from planner.plan.checks import agreement_findings
from planner.plan.defaults import default_plan

CONTENT = load_content()

# The walkthrough's hospital: the client supplies patient images, an annotation vendor labels them.
HOSPITAL = {"setup_data_source": ["provided", "hired_team"], "setup_client_relationship": "external_collaborative",
            "data_sensitivity": ["health", "personal"]}


def test_data_from_a_client_and_a_labelling_vendor_can_be_said_and_asks_both_sides():
    q = CONTENT.questions["setup_data_source"]
    assert q.type == "multi"
    for follow_up in ("data_labelling_spec", "data_team_buy_in", "data_access_obstacles", "data_contract"):
        assert is_visible(CONTENT.questions[follow_up], HOSPITAL), follow_up


def test_patient_data_from_a_client_raises_d6_where_it_showed_0_percent():
    d6 = assess(CONTENT, HOSPITAL).challenge("D6")
    assert d6.level in ("likely", "very likely"), d6.likelihood
    assert "sensitive_data_owned_elsewhere" in {r.id for r in fired_rules(CONTENT, HOSPITAL)}
    no_sensitive = assess(CONTENT, {**HOSPITAL, "data_sensitivity": ["none"]}).challenge("D6")
    assert no_sensitive.likelihood is None or no_sensitive.likelihood < d6.likelihood


def test_sensitive_data_makes_privacy_terms_and_label_definitions_open_points_of_the_agreement():
    plan = default_plan(CONTENT, HOSPITAL)
    texts = [f.message for f in agreement_findings(plan, HOSPITAL)]
    assert any(t.startswith("Privacy and security") and "health" in t for t in texts)
    assert any(t.startswith("Label definitions") and "hired data team" in t for t in texts)
    assert "Privacy and security review (approvals, de-identification, allowed environments)" in [t.name for t in plan.tasks]
    plain = {"setup_data_source": ["public"], "data_sensitivity": ["none"]}
    plain_texts = [f.message for f in agreement_findings(default_plan(CONTENT, plain), plain)]
    assert not any(t.startswith(("Privacy and security", "Label definitions")) for t in plain_texts)


def test_one_stored_data_source_from_before_still_counts():
    old, new = assess(CONTENT, {"setup_data_source": "provided"}), assess(CONTENT, {"setup_data_source": ["provided"]})
    assert [(c.id, c.likelihood) for c in old.challenges] == [(c.id, c.likelihood) for c in new.challenges]


def test_model_first_as_a_deliberate_step_is_less_risky_than_model_first_without_the_product():
    """§8: a model-first step can reduce risk, as long as the product is not neglected."""
    step = assess(CONTENT, {"setup_trajectory": "model_first_step"}).point("requirements")
    blind = assess(CONTENT, {"setup_trajectory": "model_first"}).point("requirements")
    assert step.score < blind.score
    assert "§8" in CONTENT.questions["setup_trajectory"].citations


def test_outsourced_model_development_raises_requirements_risk_and_a_distant_one_more():
    own = assess(CONTENT, {"setup_model_developer": "own_team"}).challenge("R2").likelihood
    outsourced = {"setup_model_developer": "outsourced"}
    assert assess(CONTENT, outsourced).challenge("R2").likelihood > (own or 0)
    distant = {**outsourced, "setup_client_relationship": "distant_formal"}
    assert "outsourced_model_team_far_from_product" in {r.id for r in fired_rules(CONTENT, distant)}


def test_who_decides_on_data_and_buy_in_for_a_data_team_are_asked():
    power = CONTENT.questions["data_negotiation_power"]
    assert not power.option("model_team").effects and power.option("data_owner").effects["D6"] > 0
    buy_in = CONTENT.questions["data_team_buy_in"]
    assert buy_in.show_if.any_of == ["hired_team"] and buy_in.option("disputed").effects["D1"] > 0


def test_why_monitoring_is_skipped_is_asked_and_has_a_lever():
    q = CONTENT.questions["qa_monitoring_obstacles"]
    assert {o.value for o in q.options} == {"none", "seen_as_hard", "no_process", "not_aware"}
    lever = next(lv for lv in CONTENT.kb.levers if lv.mitigation == "explain_testing_in_production")
    assert lever.changes[0].question == q.id
    worried = assess(CONTENT, {q.id: ["not_aware"]}).challenge("Q4").likelihood
    assert worried and worried > 0.5


def test_the_document_and_the_findings_agree_on_which_agreement_fields_are_required():
    """The walkthrough: label definitions were optional although a hired data team labels the data; the PDF, Word and
    Markdown table marks every field the findings call open with * and OPEN."""
    from planner.plan.report import build_report
    from planner.render import document as d
    from planner.render.outline import plan_document

    answers = {**HOSPITAL, "data_access_obstacles": ["none"]}
    report = build_report(CONTENT, answers, default_plan(CONTENT, answers), project_name="X-ray triage")
    table = next(block for block in plan_document(report).blocks
                 if isinstance(block, d.Table) and block.columns[0].label == "Item")
    starred = [str(row[0]).rstrip(" *") for row in table.rows if str(row[0]).endswith(" *")]
    opened = [f.message.split(" is not agreed yet")[0] for f in report.findings_for("data_agreement")]
    assert "Label definitions and guidelines" in starred and starred == opened
    assert list(report.required_agreement_fields)[:3] == ["quantity", "quality_thresholds", "label_definitions"]


def test_the_plan_defaults_conditions_name_real_questions_options_and_fields():
    """A typo in plan_defaults.yaml (a question id, an option, an agreement field) would make a condition never hold."""
    from planner.plan.catalogue import load_catalogue

    catalogue = load_catalogue()
    conditions = [(f"task {t.name!r}", t.when) for t in catalogue.tasks if t.when is not None]
    conditions += [(f"agreement field {r.field!r}", r.when) for r in catalogue.data_agreement.mandatory_when]
    for where, when in conditions:
        question = CONTENT.questions.get(when.question)
        assert question is not None, f"{where}: no question {when.question!r}"
        unknown = [v for v in when.any_of if question.option(v) is None]
        assert not unknown, f"{where}: {when.question} has no option {unknown}"
    assert {r.field for r in catalogue.data_agreement.mandatory_when} <= set(catalogue.data_agreement.labels)
    assert set(catalogue.data_agreement.mandatory) <= set(catalogue.data_agreement.labels)
