"""What-if levers: adopting mitigations never raises risk, lowers it where the study says it helps."""

from pathlib import Path

from planner.answers import answers_from_document
from planner.content import load_content
from planner.plan import Plan, default_plan
from planner.plan.whatif import apply_levers, chosen_levers, what_if
from planner.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content()
RISKY = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), CONTENT, "risky")
ALL = [lever.id for lever in CONTENT.kb.levers]


def test_levers_are_cited_and_name_known_mitigations():
    mitigations = {m.id for m in CONTENT.kb.mitigations}
    assert len(CONTENT.kb.levers) >= 8
    for lever in CONTENT.kb.levers:
        assert lever.citations and lever.mitigation in mitigations


def test_no_levers_changes_nothing():
    result = what_if(CONTENT, RISKY, default_plan(CONTENT, RISKY), [])
    assert result.answers_after == RISKY
    assert all(p.before == p.after for p in result.points)
    assert result.schedule_after == result.schedule_before


def test_each_lever_alone_never_raises_a_score_and_lowers_its_point():
    plan = default_plan(CONTENT, RISKY)
    for lever in CONTENT.kb.levers:
        result = what_if(CONTENT, RISKY, plan, [lever.id])
        assert all(p.after <= p.before + 1e-9 for p in result.points), lever.id
        assert any(p.after < p.before for p in result.points), lever.id


def test_all_levers_together_cut_risk_and_the_buffer():
    result = what_if(CONTENT, RISKY, default_plan(CONTENT, RISKY), ALL)
    for point in result.points:
        assert point.after < point.before - 10, point
    assert result.schedule_after.p80 < result.schedule_before.p80  # fewer drivers: R4 and D1 less likely


def test_apply_levers_does_not_touch_the_input_and_unknown_ids_are_ignored():
    answers = dict(RISKY)
    changed = apply_levers(answers, chosen_levers(CONTENT, ["data_contract", "no_such_lever"]))
    assert answers == RISKY
    assert changed["data_contract"] == "full_contract" and changed["data_refresh"] == "continuous_agreed"
    assert [lever.id for lever in chosen_levers(CONTENT, ["no_such_lever"])] == []


def test_adopted_levers_round_trip_in_the_plan():
    plan = Plan(adopted_levers=["data_contract", "monitoring_owner"])
    assert Plan.model_validate(plan.model_dump(mode="json")) == plan
