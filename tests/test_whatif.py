"""What-if levers: adopting mitigations never raises risk, lowers it where the study says it helps."""

from datetime import date
from pathlib import Path

import pytest

from planner.answers import answers_from_document
from planner.assessment import assess
from planner.content import load_content
from planner.plan import Plan, default_plan
from planner.plan.whatif import CHANGED, KEPT, NOT_ASKED, OPEN, answer_change, apply_levers, chosen_levers, lever_effects, what_if
from planner.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content()
RISKY = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), CONTENT, "risky")
# The risky project with a hired labelling company: the labelling questions are asked, with their worst answers.
HIRED = {**RISKY, "setup_data_source": ["hired_team"], "data_labelling_spec": "not_defined",
         "data_labelling_measures_missing": ["training_session", "inter_rater_agreement", "pilot_batch", "question_channel"]}
ALL = [lever.id for lever in CONTENT.kb.levers]

# Mitigations reviewed and found to correspond to no questionnaire answer, with the reason. A new mitigation
# must either get a lever (knowledge_base.yaml › levers) or an entry here.
NO_ANSWER_MAPPING = {
    "t_shaped_hiring": "no question asks whether team members know the neighbouring discipline; staffing gaps are roles, not breadth",
}


def lever(lever_id):
    return next(lv for lv in CONTENT.kb.levers if lv.id == lever_id)


def test_every_mitigation_is_a_lever_or_reviewed_as_having_no_answer_mapping():
    mitigations = [m.id for m in CONTENT.kb.mitigations]
    with_lever = {lv.mitigation for lv in CONTENT.kb.levers}
    undecided = [m for m in mitigations if m not in with_lever and m not in NO_ANSWER_MAPPING]
    assert not undecided, f"mitigations without a lever and not listed in NO_ANSWER_MAPPING: {undecided}"
    assert not with_lever & set(NO_ANSWER_MAPPING), "a mitigation with a lever is also listed as having no answer mapping"
    assert set(NO_ANSWER_MAPPING) <= set(mitigations), "NO_ANSWER_MAPPING names a mitigation that no longer exists"
    assert all(reason.strip() and "\n" not in reason for reason in NO_ANSWER_MAPPING.values())


def test_levers_are_cited_and_name_known_mitigations_once():
    mitigations = {m.id for m in CONTENT.kb.mitigations}
    assert len(CONTENT.kb.levers) >= len(mitigations) - len(NO_ANSWER_MAPPING)
    for lv in CONTENT.kb.levers:
        assert lv.citations and lv.mitigation in mitigations
    assert len({lv.mitigation for lv in CONTENT.kb.levers}) == len(CONTENT.kb.levers)


def test_no_levers_changes_nothing():
    result = what_if(CONTENT, RISKY, default_plan(CONTENT, RISKY), [])
    assert result.answers_after == RISKY
    assert all(p.before == p.after for p in result.points)
    assert result.schedule_after == result.schedule_before


@pytest.mark.parametrize("lever_id", ALL)
def test_each_lever_alone_never_raises_a_score_and_lowers_one(lever_id):
    base = HIRED if lever_id in ("labelling_guidelines", "annotator_training") else RISKY
    result = what_if(CONTENT, base, default_plan(CONTENT, base), [lever_id])
    assert all(p.after <= p.before + 1e-9 for p in result.points)
    assert any(p.after < p.before for p in result.points)


def _candidates(question):
    """Every kind of answer the question can have: each option (or band), a full multi answer, and none."""
    if question.type == "number":
        values = [question.number.min] + [b.below for b in question.bands if b.below is not None]
    elif question.type == "multi":
        plain = [o.value for o in question.options if not o.exclusive]
        values = [[o.value] for o in question.options] + [plain] + [[v for v in plain if v != left] for left in plain]
    else:
        values = [o.value for o in question.options]
    return values + [None]


@pytest.mark.parametrize("lever_id", ALL)
def test_a_lever_never_raises_any_challenge_whatever_the_current_answer(lever_id):
    """For every answer its questions could have today, the lever leaves each challenge's likelihood no higher."""
    lv = lever(lever_id)
    base = HIRED if lever_id in ("labelling_guidelines", "annotator_training") else RISKY
    lowered = False
    for change in lv.changes:
        question = CONTENT.questions[change.question]
        for value in _candidates(question):
            answers = {k: v for k, v in base.items() if k != change.question}
            if value is not None:
                answers[change.question] = value
            before = {c.id: c.likelihood for p in assess(CONTENT, answers).points for c in p.challenges}
            after = {c.id: c.likelihood for p in assess(CONTENT, apply_levers(CONTENT, answers, [lv])).points for c in p.challenges}
            for cid, was in before.items():
                if was is not None:
                    assert after[cid] is not None and after[cid] <= was + 1e-9, (change.question, value, cid)
                    lowered |= after[cid] < was - 1e-9
    assert lowered, "the lever lowers no challenge for any answer"


def test_per_lever_effects_equal_the_engine_for_the_answers_plus_that_lever():
    changing = set()
    for base in (RISKY, HIRED):
        now = assess(CONTENT, base)
        effects = lever_effects(CONTENT, base, before=now)
        assert [e.lever.id for e in effects] == ALL
        for effect in effects:
            expected = dict(base)
            expected.update({c.question.id: c.after for c in effect.changes if c.status == CHANGED})
            scores = assess(CONTENT, expected).points
            assert [(p.point_id, p.before, p.after) for p in effect.points] == \
                [(b.id, b.score, a.score) for b, a in zip(now.points, scores, strict=True)], effect.lever.id
            changing |= {effect.lever.id} if effect.changes_anything else set()
    assert changing == set(ALL)


def test_changed_answers_carry_the_question_and_both_answer_labels():
    dictionary = {e.lever.id: e for e in lever_effects(CONTENT, RISKY)}["data_dictionary"]
    (change,) = dictionary.changes
    gaps = CONTENT.questions["data_documentation_gaps"]
    assert change.status == CHANGED and change.question.text == gaps.text
    assert change.before_label == "; ".join(gaps.option(v).label for v in RISKY["data_documentation_gaps"])
    assert change.after_label == "; ".join(gaps.option(v).label for v in ("schema", "provenance", "known_issues"))


def test_a_number_lever_only_raises_a_number_that_is_worse_and_fills_no_open_question_with_a_middling_answer():
    change = lever("domain_expert_hours").changes[0]
    assert answer_change(CONTENT, {**RISKY, "data_expert_hours": 12}, change).status == KEPT  # 12 h is better than 4 h
    moved = answer_change(CONTENT, {**RISKY, "data_expert_hours": 2}, change)
    assert (moved.status, moved.before, moved.after) == (CHANGED, 2, 4)
    open_answers = {k: v for k, v in RISKY.items() if k != "data_expert_hours"}
    assert answer_change(CONTENT, open_answers, change).status == OPEN  # 4 h is not the least risky answer
    assert apply_levers(CONTENT, {**RISKY, "data_expert_hours": 12}, [lever("domain_expert_hours")])["data_expert_hours"] == 12


def test_a_multi_lever_takes_options_out_and_leaves_none_when_nothing_is_missing():
    versioning = lever("version_data_models")
    after = apply_levers(CONTENT, {**RISKY, "int_practices_missing": ["data_versioning", "model_versioning"]}, [versioning])
    assert after["int_practices_missing"] == ["none"]
    after = apply_levers(CONTENT, {**RISKY, "int_practices_missing": ["code_review", "data_versioning"]}, [versioning])
    assert after["int_practices_missing"] == ["code_review"]
    open_answers = {k: v for k, v in RISKY.items() if k != "int_practices_missing"}
    assert answer_change(CONTENT, open_answers, versioning.changes[0]).status == OPEN  # the other gaps are unknown


def test_a_change_to_a_question_not_asked_is_marked_and_not_applied():
    change = lever("annotator_training").changes[0]
    result = answer_change(CONTENT, RISKY, change)  # provided data: the labelling questions are not asked
    assert result.status == NOT_ASKED
    assert "data_labelling_measures_missing" not in apply_levers(CONTENT, RISKY, [lever("annotator_training")])


def test_two_levers_on_one_question_keep_the_better_answer_in_either_order():
    reviews, lead = lever("product_model_reviews"), lever("bilingual_lead")
    assert apply_levers(CONTENT, RISKY, [reviews, lead])["req_team_sync"] == "shared_plan_hybrid_lead"
    assert apply_levers(CONTENT, RISKY, [lead, reviews])["req_team_sync"] == "shared_plan_hybrid_lead"


def test_all_levers_together_cut_risk_and_the_buffer():
    result = what_if(CONTENT, RISKY, default_plan(CONTENT, RISKY), ALL)
    for point in result.points:
        assert point.after < point.before - 10, point
    assert result.schedule_after.p80 < result.schedule_before.p80  # fewer drivers: R4 and D1 less likely


def test_apply_levers_does_not_touch_the_input_and_unknown_ids_are_ignored():
    answers = dict(RISKY)
    changed = apply_levers(CONTENT, answers, chosen_levers(CONTENT, ["data_contract", "no_such_lever"]))
    assert answers == RISKY
    assert changed["data_contract"] == "full_contract" and changed["data_refresh"] == "continuous_agreed"
    assert [lv.id for lv in chosen_levers(CONTENT, ["no_such_lever"])] == []


def test_adopted_levers_round_trip_in_the_plan():
    plan = Plan(adopted_levers=["data_contract", "monitoring_owner"])
    assert Plan.model_validate(plan.model_dump(mode="json")) == plan


# -- issue 14 §2: a mitigation's own work, and a buffer never shortening the plan ------------------------------------------

def test_the_buffer_lever_lowers_the_risk_but_never_shortens_the_simulated_schedule():
    """Time-boxes and a buffer change what the plan promises, not how long the work takes: with only this lever, R4 is less
    likely (the risk drops), but P50, P80 and the buffer stay exactly as they are."""
    assert lever("timeboxes_buffers").buffer
    result = what_if(CONTENT, RISKY, default_plan(CONTENT, RISKY), ["timeboxes_buffers"])
    r4 = {c.id: c.likelihood for c in result.before.challenges}["R4"], {c.id: c.likelihood for c in result.after.challenges}["R4"]
    assert r4[1] < r4[0] and any(p.after < p.before for p in result.points)
    assert result.schedule_after == result.schedule_before and result.added_tasks == ()


def test_the_buffer_lever_leaves_the_other_levers_schedule_effect_as_it_is():
    plan = default_plan(CONTENT, RISKY)
    alone = what_if(CONTENT, RISKY, plan, ["ds_in_requirements"])
    both = what_if(CONTENT, RISKY, plan, ["ds_in_requirements", "timeboxes_buffers"])
    assert both.schedule_after == alone.schedule_after
    assert both.points != alone.points  # the risk still moves with it


def test_a_mitigation_with_its_own_work_adds_it_as_a_task_with_the_planner_s_default_days():
    plan = default_plan(CONTENT, RISKY)
    result = what_if(CONTENT, RISKY, plan, ["data_contract"])
    (task,) = result.added_tasks
    effort = lever("data_contract").effort
    assert task.name == effort.task and [task.optimistic, task.likely, task.pessimistic] == effort.days
    assert "planner's default" in task.added_by and lever("data_contract").title in task.added_by
    assert result.mitigation_days == effort.days[1]
    from planner.plan.buffers import compute_buffers

    without_its_work = compute_buffers(plan, result.answers_after, result.after).summary
    assert result.schedule_after.p50 > without_its_work.p50  # the negotiation's days are in the schedule
    assert result.schedule_after.p50 - without_its_work.p50 < effort.days[2] + 1e-9


def test_a_mitigation_that_changes_no_answer_here_costs_nothing():
    result = what_if(CONTENT, RISKY, default_plan(CONTENT, RISKY), ["annotator_training"])  # not asked without a hired team
    assert result.added_tasks == () and result.mitigation_days == 0
    hired = what_if(CONTENT, HIRED, default_plan(CONTENT, HIRED), ["annotator_training"])
    assert [t.name for t in hired.added_tasks] == [lever("annotator_training").effort.task]


def test_every_mitigation_effort_is_cited_and_ordered():
    efforts = [lv for lv in CONTENT.kb.levers if lv.effort is not None]
    assert {"data_contract", "annotator_training"} <= {lv.id for lv in efforts}
    for lv in efforts:
        low, likely, high = lv.effort.days
        assert lv.effort.citations and 0 <= low <= likely <= high, lv.id
    assert [lv.id for lv in CONTENT.kb.levers if lv.buffer] == ["timeboxes_buffers"]


def test_a_lever_effort_with_unordered_days_is_refused_naming_the_fix():
    from pydantic import ValidationError

    from planner.content.schema import LeverEffort

    with pytest.raises(ValidationError, match="not ordered optimistic <= likely <= pessimistic"):
        LeverEffort(task="Negotiate", days=[5.0, 3.0, 10.0], citations=["§6.2, D1"])


def test_adopting_a_mitigation_puts_its_own_task_into_the_plan_once():
    """Issue 14 §2: the data contract's negotiation becomes a task of the stored plan, named after the mitigation; a second
    adoption (or adopting it with another lever) never adds it again, and the what-if no longer counts it on top."""
    from planner.plan.whatif import adopt_levers, mitigation_tasks, planned_task

    plan = default_plan(CONTENT, RISKY)
    adopted = adopt_levers(CONTENT, RISKY, plan, ["data_contract"])
    added = adopted.tasks[len(plan.tasks):]
    assert adopted.adopted_levers == ["data_contract"] and [t.name for t in added] == [lever("data_contract").effort.task]
    assert lever("data_contract").title in added[0].added_by and planned_task(adopted, lever("data_contract")) == added[0]
    again = adopt_levers(CONTENT, RISKY, adopted, ["data_contract", "data_dictionary"])
    assert [t.name for t in again.tasks].count(lever("data_contract").effort.task) == 1
    assert [t.name for t in again.tasks[len(adopted.tasks):]] == [lever("data_dictionary").effort.task]
    assert mitigation_tasks(CONTENT, RISKY, chosen_levers(CONTENT, ["data_contract"]), again) == ()
    result = what_if(CONTENT, RISKY, again, ["data_contract"])
    assert result.added_tasks == () and result.mitigation_days == 0  # its days are in the plan already, not counted twice


def test_a_mitigation_that_changes_no_answer_adds_no_task_when_adopted():
    from planner.plan.whatif import adopt_levers

    plan = default_plan(CONTENT, RISKY)
    assert adopt_levers(CONTENT, RISKY, plan, ["annotator_training"]).tasks == plan.tasks  # not asked without a hired team


def test_the_per_lever_table_is_simulated_again_only_when_answers_tasks_or_estimation_change(monkeypatch):
    """Issue 14: the what-if table re-simulates every lever (~1 s at 10k trials); an edit elsewhere in the plan (glossary,
    start date) or a rerun reuses it."""
    from types import SimpleNamespace

    import planner.ui.whatif_view as view
    from planner.plan.model import Estimation, GlossaryEntry

    monkeypatch.setattr(view, "st", SimpleNamespace(session_state={}))
    calls = []
    monkeypatch.setattr(view, "what_if", lambda *args, **kwargs: calls.append(args[3]) or "result")
    plan = default_plan(CONTENT, RISKY)
    before = assess(CONTENT, RISKY)
    effects = lever_effects(CONTENT, RISKY, before=before)

    def table(plan, answers=RISKY):
        return view.cached_lever_schedules("p", CONTENT, answers, plan, before, None, effects)

    table(plan)
    simulated = len(calls)
    assert simulated == sum(e.changes_anything for e in effects) > 0
    table(plan.model_copy(update={"glossary": [GlossaryEntry(term="accuracy")]}))
    table(plan.model_copy(update={"estimation": plan.estimation.model_copy(update={"start_date": date(2026, 3, 2)})}))
    table(plan.model_copy(update={"adopted_levers": ["data_contract"]}))
    assert len(calls) == simulated  # nothing the simulation reads changed
    table(plan.model_copy(update={"estimation": Estimation(seed=7)}))
    table(plan.model_copy(update={"tasks": plan.tasks[:-1]}))
    table(plan, {**RISKY, "data_contract": "full_contract"})
    assert len(calls) == 4 * simulated


def test_a_lever_adopted_in_english_is_not_added_again_when_the_plan_is_opened_in_german():
    """Issue 17 §2: a lever's task is recognised by a marker naming the lever's title, which is translated."""
    from planner.content import load_content
    from planner.plan.model import Plan
    from planner.plan.whatif import adopt_levers

    english, german = load_content(), load_content(language="de")
    lever = next(lv for lv in english.kb.levers if lv.effort is not None and lv.id == "data_contract")
    plan = adopt_levers(english, RISKY, Plan(), [lever.id])
    assert len(plan.tasks) == 1
    again = adopt_levers(german, RISKY, plan, [lever.id])
    assert len(again.tasks) == 1
