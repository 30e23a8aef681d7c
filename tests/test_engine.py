"""The risk engine (planner.assessment) on the built-in content: determinism, extremes,
monotonicity, uncertainty, setup reweighting, triggers and conditional questions.

Everything here is pure: no Streamlit, no database.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from planner.answers import is_visible, normalise
from planner.assessment import assess, fired_rules
from planner.content import POINT_IDS, load_content
from planner.render import assessment_dict

ENGINE_CONTENT = load_content()
SCORED = [q for s in ENGINE_CONTENT.sections for q in s.questions if q.scored]
ALL_QUESTIONS = [q for s in ENGINE_CONTENT.sections for q in s.questions]
TOL = 1e-9

# database=None: no .hypothesis/ folder in the repository; failures print their example instead.
PROPERTY = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SMALL_PROPERTY = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------------------------
# helpers (independent of the engine's own helpers where the engine is what is being checked)
# ---------------------------------------------------------------------------------------------
def total(effects: dict) -> float:
    return sum(effects.values())


def combined(effect_dicts) -> dict:
    """1 - prod(1 - r) per challenge, written out independently of the engine."""
    keep: dict[str, float] = {}
    for effects in effect_dicts:
        for cid, r in effects.items():
            keep[cid] = 1.0 - (1.0 - keep.get(cid, 0.0)) * (1.0 - r)
    return keep


def band_ranges(q):
    """(lower, upper, band) for each band of a number question; value in band iff lower <= v < upper."""
    lower = q.number.min
    out = []
    for band in q.bands:
        upper = band.below if band.below is not None else math.inf
        out.append((lower, upper, band))
        lower = band.below if band.below is not None else lower
    return out


def value_in_band(q, lower, upper):
    v = math.ceil(lower) if q.number.integer else lower
    assert v < upper and v <= q.number.max, f"no value in band of {q.id}"
    return int(v) if q.number.integer else float(v)


def floors_of(q, value) -> dict:
    """Floor per challenge an answer sets on its own: the highest among chosen options (docs/scoring.md)."""
    if q.type in ("single", "scale"):
        groups = [q.option(value)]
    elif q.type == "multi":
        groups = [q.option(v) for v in value]
    else:
        groups = [band for lower, upper, band in band_ranges(q) if lower <= value < upper or (upper == math.inf and value >= lower)]
    out: dict[str, float] = {}
    for g in groups:
        for cid, f in g.floors.items():
            out[cid] = max(out.get(cid, 0.0), f)
    return out


def signalled(q, value) -> dict:
    """Risk per challenge an answer signals (independent re-implementation of the doc's rules)."""
    if q.type in ("single", "scale"):
        return dict(q.option(value).effects)
    if q.type == "multi":
        return combined(q.option(v).effects for v in value)
    if q.type == "number":
        for lower, upper, band in band_ranges(q):
            if lower <= value < upper or (upper == math.inf and value >= lower):
                return dict(band.effects)
    return {}


def best_value(q):
    if q.type in ("single", "scale"):
        return min(q.options, key=lambda o: total(o.effects)).value
    if q.type == "multi":
        no_risk = [o for o in q.options if o.exclusive and not o.effects]
        if no_risk:
            return [no_risk[0].value]
        return [min(q.options, key=lambda o: total(o.effects)).value]  # something must be picked (e.g. a data source)
    if q.type == "number":
        lower, upper, _ = min(band_ranges(q), key=lambda r: total(r[2].effects))
        return value_in_band(q, lower, upper)
    raise AssertionError(q.type)


def worst_value(q):
    if q.type in ("single", "scale"):
        return max(q.options, key=lambda o: total(o.effects)).value
    if q.type == "multi":
        together = [o.value for o in q.options if not o.exclusive]
        together_total = total(combined(q.option(v).effects for v in together))
        exclusives = [o for o in q.options if o.exclusive]
        riskiest = max(exclusives, key=lambda o: total(o.effects), default=None)
        if riskiest is not None and total(riskiest.effects) > together_total:
            return [riskiest.value]
        return together
    if q.type == "number":
        lower, upper, _ = max(band_ranges(q), key=lambda r: total(r[2].effects))
        return value_in_band(q, lower, upper)
    raise AssertionError(q.type)


def visible_ids(answers) -> frozenset:
    return frozenset(q.id for q in SCORED if is_visible(q, answers))


def complete(chooser, fixed: dict | None = None) -> dict:
    """Answer every visible scored question with chooser(q), keeping `fixed`; repeat until the set
    of visible questions is stable (show_if depends on setup answers)."""
    fixed = dict(fixed or {})
    answers = dict(fixed)
    for _ in range(10):
        before = visible_ids(answers)
        answers = {q.id: fixed.get(q.id, chooser(q)) for q in SCORED if q.id in before}
        if visible_ids(answers) == before:
            return answers
    raise AssertionError("visible questions never became stable")


def rule_ids(answers) -> set:
    return {r.id for r in fired_rules(ENGINE_CONTENT, answers)}


def without_rules(content, rule_ids_to_drop=None):
    """The same content with some (default: all) setup rules removed."""
    keep = [r for r in content.kb.setup_rules if rule_ids_to_drop is not None and r.id not in rule_ids_to_drop]
    return dataclasses.replace(content, kb=content.kb.model_copy(update={"setup_rules": keep}))


def likelihood(result, cid):
    return result.challenge(cid).likelihood


def _le(a, b):
    """a <= b with tolerance, None only comparable to None."""
    if a is None or b is None:
        return True
    return a <= b + TOL


def assert_not_lower(before, after, what: str):
    """Nothing in `after` is lower than in `before`: challenge likelihood/low/high, point score/low/high."""
    for c in before.challenges:
        c2 = after.challenge(c.id)
        for field in ("likelihood", "low", "high"):
            a, b = getattr(c, field), getattr(c2, field)
            if a is not None:
                assert b is not None, f"{what}: {c.id}.{field} became undefined"
                assert b >= a - TOL, f"{what}: {c.id}.{field} fell {a} -> {b}"
    for p in before.points:
        p2 = after.point(p.id)
        for field in ("score", "low", "high"):
            a, b = getattr(p, field), getattr(p2, field)
            if a is not None:
                assert b is not None, f"{what}: {p.id}.{field} became undefined"
                assert b >= a - TOL * 100, f"{what}: point {p.id}.{field} fell {a} -> {b}"


# ---------------------------------------------------------------------------------------------
# strategies
# ---------------------------------------------------------------------------------------------
def value_strategy(q):
    if q.type in ("single", "scale"):
        return st.sampled_from([o.value for o in q.options])
    if q.type == "multi":
        exclusive = [o.value for o in q.options if o.exclusive]
        free = [o.value for o in q.options if not o.exclusive]
        subsets = st.lists(st.sampled_from(free), min_size=1, max_size=len(free), unique=True)
        return st.one_of(subsets, st.sampled_from(exclusive).map(lambda v: [v])) if exclusive else subsets
    if q.type == "number":
        spec = q.number
        edges = [b.below for b in q.bands if b.below is not None] + [spec.min, spec.max]
        edges = [e for e in edges if spec.min <= e <= spec.max and (not spec.integer or e == int(e))]
        if spec.integer:
            base = st.integers(int(math.ceil(spec.min)), int(math.floor(spec.max)))
            edge = st.sampled_from([int(e) for e in edges])
        else:
            base = st.floats(spec.min, spec.max, allow_nan=False, allow_infinity=False)
            edge = st.sampled_from([float(e) for e in edges])
        return st.one_of(base, edge)
    controls = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]  # refused when saved
    return st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=controls), max_size=30)


@st.composite
def answer_sets(draw, questions=ALL_QUESTIONS):
    """A random valid answer set: every question unanswered or a valid (normalised) value.
    Hidden (show_if) questions may be answered too - the engine must ignore them."""
    answers = {}
    for q in questions:
        if draw(st.booleans()):
            value = normalise(q, draw(value_strategy(q)))
            if value is not None:
                answers[q.id] = value
    return answers


@st.composite
def sparse_answer_sets(draw, questions=ALL_QUESTIONS):
    """Only a few questions answered - the early, uncertain phase of a project."""
    chosen = draw(st.lists(st.sampled_from(questions), min_size=1, max_size=5, unique_by=lambda q: q.id))
    answers = {}
    for q in chosen:
        value = normalise(q, draw(value_strategy(q)))
        if value is not None:
            answers[q.id] = value
    return answers


ANY_ANSWERS = st.one_of(answer_sets(), sparse_answer_sets())


def _dominates(b_effects: dict, a_effects: dict) -> bool:
    keys = set(a_effects) | set(b_effects)
    return all(b_effects.get(c, 0.0) >= a_effects.get(c, 0.0) for c in keys)


DOMINATING_SWITCHES = [
    (q.id, a.value, b.value)
    for q in SCORED if q.type in ("single", "scale")
    for a in q.options for b in q.options
    if a.value != b.value and _dominates(b.effects, a.effects)
]
MULTI_QUESTIONS = [q for q in SCORED if q.type == "multi"]


# ---------------------------------------------------------------------------------------------
# fixtures computed once
# ---------------------------------------------------------------------------------------------
BEST = complete(best_value)
WORST = complete(worst_value)


def test_helpers_see_content_shape():
    """Guards the helpers: enough content for the properties below to mean something."""
    assert len(SCORED) >= 30
    assert len(DOMINATING_SWITCHES) >= 20
    assert {q.id for q in MULTI_QUESTIONS} >= {"setup_missing_roles", "req_unspecified_qualities"}
    assert normalise(ENGINE_CONTENT.questions["setup_missing_roles"], ["none"]) == ["none"]


# ---------------------------------------------------------------------------------------------
# determinism
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("answers", [{}, BEST, WORST], ids=["empty", "best", "worst"])
def test_same_answers_give_identical_results(answers):
    first = assessment_dict(ENGINE_CONTENT, assess(ENGINE_CONTENT, answers))
    second = assessment_dict(ENGINE_CONTENT, assess(ENGINE_CONTENT, dict(answers)))
    reordered = assessment_dict(ENGINE_CONTENT, assess(ENGINE_CONTENT, dict(reversed(list(answers.items())))))
    assert first == second == reordered
    assert assess(ENGINE_CONTENT, answers) == assess(ENGINE_CONTENT, answers)


@SMALL_PROPERTY
@given(answer_sets())
def test_determinism_property(answers):
    a = assess(ENGINE_CONTENT, answers)
    b = assess(ENGINE_CONTENT, dict(sorted(answers.items(), reverse=True)))
    assert assessment_dict(ENGINE_CONTENT, a) == assessment_dict(ENGINE_CONTENT, b)


# ---------------------------------------------------------------------------------------------
# extremes
# ---------------------------------------------------------------------------------------------
def test_all_best_answers_are_low_everywhere():
    result = assess(ENGINE_CONTENT, BEST)
    assert result.answered == result.asked == len(visible_ids(BEST))
    assert result.completeness == 1.0
    for p in result.points:
        assert p.score is not None
        assert p.level == "low", (p.id, p.score)
        assert p.score < 25, (p.id, p.score)


def test_all_worst_answers_are_high_or_critical_everywhere():
    result = assess(ENGINE_CONTENT, WORST)
    assert result.completeness == 1.0
    for p in result.points:
        assert p.level in ("high", "critical"), (p.id, p.score)
        assert p.score >= 50
    best = assess(ENGINE_CONTENT, BEST)
    for p in result.points:
        assert p.score > best.point(p.id).score


def test_full_answers_have_a_closed_range():
    """With every visible question answered there is no uncertainty left: low == score == high."""
    for answers in (BEST, WORST):
        for p in assess(ENGINE_CONTENT, answers).points:
            assert p.low == pytest.approx(p.score) and p.high == pytest.approx(p.score)


# ---------------------------------------------------------------------------------------------
# monotonicity
# ---------------------------------------------------------------------------------------------
@PROPERTY
@given(answer_sets(), st.sampled_from(DOMINATING_SWITCHES))
def test_switching_to_a_dominating_option_never_lowers_anything(answers, switch):
    qid, a, b = switch
    with_a, with_b = {**answers, qid: a}, {**answers, qid: b}
    assume(visible_ids(with_a) == visible_ids(with_b))
    assume(rule_ids(with_a) <= rule_ids(with_b))
    assert_not_lower(assess(ENGINE_CONTENT, with_a), assess(ENGINE_CONTENT, with_b), f"{qid}: {a} -> {b}")


@PROPERTY
@given(answer_sets(), st.sampled_from(MULTI_QUESTIONS), st.data())
def test_adding_a_multi_option_never_lowers_anything(answers, q, data):
    free = [o.value for o in q.options if not o.exclusive]
    chosen = data.draw(st.lists(st.sampled_from(free), min_size=1, max_size=len(free) - 1, unique=True), label="chosen")
    extra = data.draw(st.sampled_from([v for v in free if v not in chosen]), label="extra")
    before = {**answers, q.id: normalise(q, chosen)}
    after = {**answers, q.id: normalise(q, chosen + [extra])}
    assume(visible_ids(before) == visible_ids(after))
    assume(rule_ids(before) <= rule_ids(after))
    assert_not_lower(assess(ENGINE_CONTENT, before), assess(ENGINE_CONTENT, after), f"{q.id}: +{extra}")


@SMALL_PROPERTY
@given(answer_sets())
def test_a_setup_rule_firing_never_lowers_anything(answers):
    fired = rule_ids(answers)
    with_rules = assess(ENGINE_CONTENT, answers)
    assert set(with_rules.fired_rules) == fired
    bare = assess(without_rules(ENGINE_CONTENT), answers)
    assert bare.fired_rules == ()
    assert_not_lower(bare, with_rules, f"rules {sorted(fired)}")
    # each fired rule on its own, too
    for rid in fired:
        one_less = assess(without_rules(ENGINE_CONTENT, {rid}), answers)
        assert_not_lower(one_less, with_rules, f"rule {rid}")


def test_a_fired_rule_strictly_raises_its_challenges():
    """Not just 'never lower': a rule that fires moves its challenges up (they are below 1)."""
    answers = complete(best_value, {"setup_data_source": "provided", "setup_client_relationship": "distant_formal"})
    assert "provided_data_distant_client" in rule_ids(answers)
    with_rule = assess(ENGINE_CONTENT, answers)
    bare = assess(without_rules(ENGINE_CONTENT, {"provided_data_distant_client"}), answers)
    for cid in ("D1", "D2", "D3"):
        assert likelihood(with_rule, cid) > likelihood(bare, cid) + 0.01


# ---------------------------------------------------------------------------------------------
# unanswered = uncertainty
# ---------------------------------------------------------------------------------------------
def test_no_answers_means_unknown_not_no_risk():
    result = assess(ENGINE_CONTENT, {})
    assert result.answered == 0
    assert result.asked > 0
    assert result.completeness == 0
    assert result.fired_rules == ()
    for p in result.points:
        assert p.score is None
        assert p.level == "unknown"
        assert p.completeness == 0
        assert p.low is not None and p.high is not None and p.low < p.high
    for c in result.challenges:
        assert c.likelihood is None and c.level == "unknown"
        assert c.terms == ()
        assert c.open_questions


def test_answering_one_question_changes_completeness():
    empty = assess(ENGINE_CONTENT, {})
    q = ENGINE_CONTENT.questions["req_ml_literacy"]
    assert ENGINE_CONTENT.points_informed(q) == {"requirements"}
    one = assess(ENGINE_CONTENT, {q.id: best_value(q)})
    assert one.answered == 1
    assert one.completeness == pytest.approx(1 / one.asked)
    assert one.completeness > empty.completeness
    req = one.point("requirements")
    assert req.answered == 1 and req.completeness > 0
    assert req.score == 0.0 and req.level == "low"  # answered with the best option: known low, not unknown
    assert one.point("data").score is None  # the others stay unknown


def test_text_answers_do_not_count_towards_completeness():
    text = assess(ENGINE_CONTENT, {"setup_ml_purpose": "Flag claims for review"})
    assert text.answered == 0 and text.completeness == 0


@SMALL_PROPERTY
@given(ANY_ANSWERS)
def test_challenge_ranges_are_ordered(answers):
    for c in assess(ENGINE_CONTENT, answers).challenges:
        if c.low is not None:
            assert c.low <= c.high + TOL
        if not c.open_questions and c.likelihood is not None:
            assert c.low == pytest.approx(c.likelihood) == c.high


@SMALL_PROPERTY
@given(ANY_ANSWERS)
@example({"data_quality_known": "profiled"})
def test_point_score_lies_within_its_range(answers):
    for p in assess(ENGINE_CONTENT, answers).points:
        if p.score is not None:
            assert p.low - TOL <= p.score <= p.high + TOL, (p.id, p.low, p.score, p.high)


@SMALL_PROPERTY
@given(ANY_ANSWERS)
@example({"req_unspecified_qualities": ["latency"]})
def test_challenge_likelihood_lies_within_its_range(answers):
    for c in assess(ENGINE_CONTENT, answers).challenges:
        if c.likelihood is not None:
            assert c.low - TOL <= c.likelihood <= c.high + TOL, (c.id, c.low, c.likelihood, c.high)


def test_point_score_within_range_concrete_example():
    q = ENGINE_CONTENT.questions["data_quality_known"]
    result = assess(ENGINE_CONTENT, {q.id: best_value(q)})
    data = result.point("data")
    assert data.score == 0.0
    assert data.low <= data.score <= data.high, (data.low, data.score, data.high)


# ---------------------------------------------------------------------------------------------
# setup reweighting - the study's examples (§6.1, §5.1, §7.2)
# ---------------------------------------------------------------------------------------------
def _rule_terms(result, cid, rid):
    return [t for t in result.challenge(cid).terms if t.kind == "setup_rule" and t.ref == rid]


def _rule(rid):
    return next(r for r in ENGINE_CONTENT.kb.setup_rules if r.id == rid)


def _pair(setup_a: dict, setup_b: dict):
    """Two complete answer sets that differ only in the given setup answers."""
    base = complete(best_value, setup_a)
    other = {**base, **setup_b}
    assert visible_ids(base) == visible_ids(other)
    return assess(ENGINE_CONTENT, base), assess(ENGINE_CONTENT, other)


def test_provided_data_with_distant_client_raises_d3_and_d1():
    rid = "provided_data_distant_client"
    near, far = _pair({"setup_data_source": "provided", "setup_client_relationship": "own_product"},
                      {"setup_client_relationship": "distant_formal"})
    assert rid not in near.fired_rules and rid in far.fired_rules
    for cid in ("D3", "D1"):
        assert likelihood(far, cid) > likelihood(near, cid)
        assert rid in [t.ref for t in far.challenge(cid).triggers if t.kind == "setup_rule"]
        assert not _rule_terms(near, cid, rid)
        (term,) = _rule_terms(far, cid, rid)
        assert term.risk == 1.0
        assert term.weight == pytest.approx(_rule(rid).weight * _rule(rid).effects[cid])
    # D1 is not informed by the client relationship at all: the rule alone moves it
    assert "setup_client_relationship" not in [t.ref for t in far.challenge("D1").terms]
    exported = {c["id"]: c for p in assessment_dict(ENGINE_CONTENT, far)["collaboration_points"] for c in p["challenges"]}
    assert rid in exported["D3"]["setup_rules"] and rid in exported["D1"]["setup_rules"]


def test_model_first_with_distant_client_raises_r1_r2():
    rid = "model_first_external_client"
    parallel, model_first = _pair({"setup_trajectory": "parallel", "setup_client_relationship": "distant_formal"},
                                  {"setup_trajectory": "model_first"})
    assert rid in model_first.fired_rules and rid not in parallel.fired_rules
    for cid in ("R1", "R2"):
        assert likelihood(model_first, cid) > likelihood(parallel, cid)
        (term,) = _rule_terms(model_first, cid, rid)
        assert term.kind == "setup_rule" and term in model_first.challenge(cid).triggers
        assert term.weight == pytest.approx(_rule(rid).weight * _rule(rid).effects[cid])
    assert model_first.point("requirements").score > parallel.point("requirements").score


def test_small_all_in_one_team_raises_i1():
    rid = "small_all_in_one_team"
    api, all_in_one = _pair({"setup_integration": "model_as_api", "setup_team_size": 10},
                            {"setup_integration": "all_in_one", "setup_team_size": 2})
    assert rid in all_in_one.fired_rules and rid not in api.fired_rules
    assert likelihood(all_in_one, "I1") > likelihood(api, "I1")
    (term,) = _rule_terms(all_in_one, "I1", rid)
    assert term.weight == pytest.approx(_rule(rid).weight * _rule(rid).effects["I1"])
    assert all_in_one.point("integration").score > api.point("integration").score


def test_team_size_rule_boundary():
    """`below: 4` - 3 people fire the rule, 4 do not."""
    base = complete(best_value, {"setup_integration": "all_in_one"})
    assert "small_all_in_one_team" in rule_ids({**base, "setup_team_size": 3})
    assert "small_all_in_one_team" not in rule_ids({**base, "setup_team_size": 4})


# ---------------------------------------------------------------------------------------------
# triggers and contributions
# ---------------------------------------------------------------------------------------------
def _check_triggers(answers):
    result = assess(ENGINE_CONTENT, answers)
    shown = visible_ids(answers)
    for c in result.challenges:
        expected = {
            qid for qid in shown if qid in answers
            and signalled(ENGINE_CONTENT.questions[qid], answers[qid]).get(c.id, 0.0) > least(ENGINE_CONTENT.questions[qid], c.id)
        }
        assert set(c.trigger_questions) == expected, c.id
        assert len(c.trigger_questions) == len(set(c.trigger_questions))
        if c.likelihood is not None:
            assert sum(c.contribution(t) for t in c.terms) == pytest.approx(c.likelihood)
            assert sum(c.contribution(t) for t in c.triggers) == pytest.approx(c.likelihood)
            assert all(c.contribution(t) >= 0 for t in c.terms)
        # an answer that is a floor on its own first, then the averaged terms strongest first
        floors = [t for t in c.terms if t.kind == "floor"]
        assert len(floors) <= 1 and (not floors or c.terms[0] is floors[0])
        strengths = [t.weight * t.risk for t in c.terms if t.kind != "floor"]
        assert strengths == sorted(strengths, reverse=True)
    return result


def test_triggers_worst_and_best():
    worst = _check_triggers(WORST)
    assert sum(bool(c.trigger_questions) for c in worst.challenges) >= len(worst.challenges) - 3
    best = _check_triggers(BEST)
    assert sum(len(c.trigger_questions) for c in best.challenges) < sum(len(c.trigger_questions) for c in worst.challenges)


@SMALL_PROPERTY
@given(answer_sets())
def test_triggers_property(answers):
    _check_triggers(answers)


def _singles_and_groups(q, cid):
    if q.type == "multi":
        singles = [o.effects.get(cid, 0.0) for o in q.options]
        together = combined(o.effects for o in q.options if not o.exclusive).get(cid, 0.0)
        return singles + [together]
    groups = q.options if q.options else q.bands
    return [g.effects.get(cid, 0.0) for g in groups]


def strength(q, cid) -> float:
    """hi_qc: the largest effect on c any answer to q can have (docs/scoring.md)."""
    return max(_singles_and_groups(q, cid))


def least(q, cid) -> float:
    """lo_qc: the smallest effect on c any single answer to q can have."""
    values = _singles_and_groups(q, cid)
    return min(values[:-1] if q.type == "multi" else values)


def documented_likelihood(answers, cid):
    """likelihood(c) = Σ W·r / Σ W with W = w_q·(hi − lo), r = (e − lo)/(hi − lo); rules add r = 1, W = weight·effect."""
    num = den = 0.0
    for qid in visible_ids(answers):
        q = ENGINE_CONTENT.questions[qid]
        spread = strength(q, cid) - least(q, cid)
        if spread > 0 and qid in answers:
            num += q.weight * (signalled(q, answers[qid]).get(cid, 0.0) - least(q, cid))
            den += q.weight * spread
    for r in fired_rules(ENGINE_CONTENT, answers):
        if r.effects.get(cid, 0) > 0:
            num += r.weight * r.effects[cid]
            den += r.weight * r.effects[cid]
    if not den:
        return None
    floor = max((floors_of(ENGINE_CONTENT.questions[qid], answers[qid]).get(cid, 0.0)
                 for qid in visible_ids(answers) if qid in answers), default=0.0)
    return max(num / den, floor)


def documented_score(challenges) -> float:
    """score(p) = max(importance-weighted mean, lower limit of the level one below its most likely normal+ challenge)."""
    mean = 100 * sum(c.importance * c.likelihood for c in challenges) / sum(c.importance for c in challenges)
    normal = [c.likelihood for c in challenges if c.importance >= 1.0]
    top = max(normal, default=0.0)
    one_below = 0.0 if top < 0.25 else 0.0 if top < 0.5 else 25.0 if top < 0.75 else 50.0
    return max(mean, one_below)


@pytest.mark.parametrize("answers", [BEST, WORST, {"setup_trajectory": "model_first", "req_ml_literacy": 2}],
                         ids=["best", "worst", "partial"])
def test_likelihood_and_score_match_the_documented_formula(answers):
    result = assess(ENGINE_CONTENT, answers)
    for c in result.challenges:
        expected = documented_likelihood(answers, c.id)
        if expected is None:
            assert c.likelihood is None, c.id
        else:
            assert c.likelihood == pytest.approx(expected), c.id
    for p in result.points:
        own = [c for c in result.challenges if c.point == p.id and c.likelihood is not None]
        if not own:
            assert p.score is None
            continue
        assert p.score == pytest.approx(documented_score(own))


def test_documented_worked_example():
    """docs/scoring.md, 'Worked example': R1 94 % (46-97 %), requirements 96 (critical), range 20-99."""
    answers = {"setup_trajectory": "model_first", "setup_client_relationship": "distant_formal",
               "req_ds_in_elicitation": "afterwards"}
    result = assess(ENGINE_CONTENT, answers)
    r1 = result.challenge("R1")
    assert r1.likelihood == pytest.approx(4.8 / 5.1)
    assert r1.level == "very likely"
    assert round(100 * r1.low) == 46 and round(100 * r1.high) == 97
    req = result.point("requirements")
    assert round(req.score) == 96 and req.level == "critical"
    assert (round(req.low), round(req.high)) == (20, 99)
    assert result.challenge("R3").likelihood is None  # the trajectory does not inform R3 (§5.1)
    assert "model_first_external_client" in result.fired_rules


# ---------------------------------------------------------------------------------------------
# conditional questions
# ---------------------------------------------------------------------------------------------
def test_hidden_answer_does_not_count():
    hidden_q = ENGINE_CONTENT.questions["data_labelling_spec"]
    assert hidden_q.show_if is not None and hidden_q.show_if.any_of == ["hired_team"]
    base = complete(best_value, {"setup_data_source": "public"})
    assert hidden_q.id not in base
    with_hidden = {**base, hidden_q.id: worst_value(hidden_q)}
    assert not is_visible(hidden_q, with_hidden)

    plain, hidden = assess(ENGINE_CONTENT, base), assess(ENGINE_CONTENT, with_hidden)
    assert assessment_dict(ENGINE_CONTENT, plain) == assessment_dict(ENGINE_CONTENT, hidden)
    assert hidden.answered == plain.answered and hidden.asked == plain.asked
    for c in hidden.challenges:
        assert hidden_q.id not in [t.ref for t in c.terms]
        assert hidden_q.id not in c.open_questions
    for p in hidden.points:
        assert hidden_q.id not in p.unanswered

    # ...but with the matching setup it is asked and counted
    hired = complete(best_value, {"setup_data_source": "hired_team"})
    hired_worst = {**hired, hidden_q.id: worst_value(hidden_q)}
    result = assess(ENGINE_CONTENT, hired_worst)
    assert any(hidden_q.id in c.trigger_questions for c in result.challenges)
    assert result.asked == assess(ENGINE_CONTENT, hired).asked


def test_rule_on_a_hidden_question_does_not_fire():
    hidden_q = ENGINE_CONTENT.questions["data_labelling_spec"]
    rule = ENGINE_CONTENT.kb.setup_rules[0].model_copy(update={
        "id": "vague_labelling_spec",
        "when": [ENGINE_CONTENT.kb.setup_rules[0].when[0].model_copy(
            update={"question": hidden_q.id, "any_of": [worst_value(hidden_q)]})],
    })
    content = dataclasses.replace(
        ENGINE_CONTENT, kb=ENGINE_CONTENT.kb.model_copy(update={"setup_rules": [rule]}))
    answers = {**complete(best_value, {"setup_data_source": "public"}), hidden_q.id: worst_value(hidden_q)}
    assert not is_visible(hidden_q, answers)
    assert assess(content, answers).fired_rules == ()


def test_visible_conditional_question_unanswered_is_open():
    answers = {"setup_data_source": "hired_team"}
    result = assess(ENGINE_CONTENT, answers)
    assert "data_labelling_spec" in result.point("data").unanswered
    assert "data_labelling_spec" not in assess(ENGINE_CONTENT, {"setup_data_source": "public"}).point("data").unanswered


@pytest.mark.parametrize("pid", POINT_IDS)
def test_points_are_in_a_fixed_order(pid):
    result = assess(ENGINE_CONTENT, {})
    assert [p.id for p in result.points] == list(POINT_IDS)
    assert result.point(pid).id == pid


# -- a stored answer that does not fit its question counts as unanswered, never a TypeError ---------------------

def test_a_text_answer_to_a_number_question_is_unanswered(team_file):
    from planner.content import check_question_file

    content = check_question_file(team_file(qtype="number"), "team.yaml")
    result = assess(content, {"team_q_one": "stale"})
    assert result == assess(content, {})
    assert "team_q_one" in result.challenge("D1").open_questions


@pytest.mark.parametrize("qid, value", [("setup_team_size", "twelve"), ("setup_team_size", [3]), ("setup_trajectory", "sideways"),
                                        ("setup_trajectory", 3), ("setup_missing_roles", "data_scientist"), ("setup_ml_purpose", 7)])
def test_misfitting_stored_answers_are_left_out(qid, value):
    assert qid in ENGINE_CONTENT.questions
    assert assess(ENGINE_CONTENT, {qid: value}) == assess(ENGINE_CONTENT, {})


# ---------------------------------------------------------------------------------------------
# floors (an answer that on its own makes a challenge at least this likely) and the weakest link
# ---------------------------------------------------------------------------------------------
CHALLENGE_ORDER = ("unlikely", "possible", "likely", "very likely")
POINT_ORDER = ("low", "medium", "high", "critical")
FLOORED = [(q, g) for q in SCORED for g in (q.options or q.bands or ()) if g.floors]


def without_floors(content):
    """The same content with every floor removed (the weighted means alone)."""
    def bare(q):
        strip = {"floors": {}, "floor_citation": None}
        return q.model_copy(update={"options": [o.model_copy(update=strip) for o in q.options] if q.options else None,
                                    "bands": [b.model_copy(update=strip) for b in q.bands] if q.bands else None})
    sections = tuple(dataclasses.replace(s, questions=tuple(bare(q) for q in s.questions)) for s in content.sections)
    questions = {q.id: q for s in sections for q in s.questions}
    return dataclasses.replace(content, sections=sections, questions=questions,
                               section_of={q.id: s for s in sections for q in s.questions})


def given_floors(answers) -> dict:
    """Highest floor per challenge among the visible given answers."""
    out: dict[str, float] = {}
    for qid in visible_ids(answers):
        if qid in answers:
            for cid, f in floors_of(ENGINE_CONTENT.questions[qid], answers[qid]).items():
                out[cid] = max(out.get(cid, 0.0), f)
    return out


def test_builtin_floors_are_few_and_cited():
    """4-10 answers the study describes as causing a problem by themselves, each cited to where it says so."""
    assert 4 <= len(FLOORED) <= 10
    assert {cid for _, g in FLOORED for cid in g.floors} >= {"Q4", "D6", "Q3", "I4"}
    assert all(g.floor_citation.startswith(("§6.2", "§7.2", "§7.3")) for _, g in FLOORED)
    assert without_floors(ENGINE_CONTENT).questions["qa_telemetry"].option("ops_only").floors == {}


@PROPERTY
@given(ANY_ANSWERS)
def test_a_floor_answer_never_yields_below_its_floor(answers):
    result = assess(ENGINE_CONTENT, answers)
    for cid, floor in given_floors(answers).items():
        c = result.challenge(cid)
        assert c.likelihood >= floor - TOL and c.low >= floor - TOL, (cid, floor, c.likelihood, c.low)
        assert c.terms[0].kind == "floor" and c.terms[0].risk == pytest.approx(floor)


@SMALL_PROPERTY
@given(ANY_ANSWERS)
def test_floors_never_lower_anything_and_their_lift_adds_up(answers):
    bare = assess(without_floors(ENGINE_CONTENT), answers)
    floored = assess(ENGINE_CONTENT, answers)
    assert_not_lower(bare, floored, "floors")
    for c in floored.challenges:
        if c.likelihood is not None:
            assert c.mean == pytest.approx(bare.challenge(c.id).likelihood)
            assert sum(c.contribution(t) for t in c.triggers) == pytest.approx(c.likelihood)


@PROPERTY
@given(ANY_ANSWERS)
def test_a_point_is_at_most_one_level_below_its_most_likely_challenge(answers):
    result = assess(ENGINE_CONTENT, answers)
    for p in result.points:
        rated = [c for c in p.challenges if c.likelihood is not None and c.importance >= 1.0]
        if p.score is None or not rated:
            continue
        top = max(CHALLENGE_ORDER.index(c.level) for c in rated)
        assert POINT_ORDER.index(p.level) >= top - 1, (p.id, p.level, [(c.id, c.level) for c in rated])
        assert p.low <= p.score + TOL * 100 and p.score <= p.high + TOL * 100
        if p.weakest_link:  # the rule lifted the score into the level, plus a tenth of the average, and says why
            floor = {1: 25.0, 2: 50.0, 3: 75.0}[POINT_ORDER.index(p.level)]
            assert p.score > p.mean and p.score == pytest.approx(floor + 0.1 * p.mean)
            named = result.challenge(p.weakest_link)
            assert CHALLENGE_ORDER.index(named.level) == top
            assert p.weakest_link_note() == f"at least {p.level} because {named.id} is {named.level}"
        else:
            assert p.score == pytest.approx(p.mean)


def test_data_owners_who_doubt_the_project_keep_the_data_point_at_least_high():
    """Issue 12: D6 very likely (in-house data, owners doubt the value) used to leave the data point low or medium."""
    answers = complete(best_value, {"setup_data_source": "in_house", "data_access_obstacles": ["value_doubted", "other_priorities"]})
    result = assess(ENGINE_CONTENT, answers)
    d6, data = result.challenge("D6"), result.point("data")
    assert d6.level == "very likely"
    assert data.mean < 25 and data.score == pytest.approx(50 + 0.1 * data.mean) and data.level == "high"
    assert data.weakest_link == "D6" and data.weakest_link_note() == "at least high because D6 is very likely"
    assert data.lift == pytest.approx(50 + 0.1 * data.mean - data.mean)
    bare = assess(without_floors(ENGINE_CONTENT), answers).point("data")
    # without floors the good answers to the other D6 questions (who decides on data, no sensitive data) dilute
    # D6 below 'very likely' and the point falls to medium: the floors are what keep the blocker visible
    assert bare.level == "medium" and assess(without_floors(ENGINE_CONTENT), answers).challenge("D6").level != "very likely"
    assert assess(ENGINE_CONTENT, {**answers, "data_access_obstacles": ["none"]}).point("data").level == "low"


def test_telemetry_the_model_team_cannot_read_floors_q4_and_lifts_integration():
    """Issue 12: the study's Q4 case, otherwise best answers: Q4 at least 80, integration at least high."""
    answers = complete(best_value, {"qa_telemetry": "ops_only"})
    result = assess(ENGINE_CONTENT, answers)
    q4 = result.challenge("Q4")
    floor = q4.terms[0]
    assert (floor.kind, floor.ref, floor.risk, floor.citation) == ("floor", "qa_telemetry", 0.8, "§7.3, Q4")
    assert floor.answer == ENGINE_CONTENT.questions["qa_telemetry"].option("ops_only").label
    assert q4.mean < 0.25 and q4.likelihood == pytest.approx(0.8) and q4.level == "very likely"
    assert q4.contribution(floor) == pytest.approx(0.8 - q4.mean)
    integration = result.point("integration")
    assert integration.level == "high" and integration.weakest_link == "Q4"
    assert assess(without_floors(ENGINE_CONTENT), answers).point("integration").level == "low"


def test_documented_floor_example():
    """docs/scoring.md, 'Worked example: one blocking answer': Q4 27.6 % → 80 %, integration 31 → 53 (high), range 51-96."""
    answers = {"qa_telemetry": "ops_only", "qa_drift_monitoring": "automated_alerts",
               "qa_retraining_decision": "agreed_triggers", "qa_feedback_path": "built_in"}
    result = assess(ENGINE_CONTENT, answers)
    q4 = result.challenge("Q4")
    assert q4.mean == pytest.approx(1.35 / 4.9) and q4.likelihood == pytest.approx(0.8) and q4.level == "very likely"
    floor, telemetry = q4.triggers
    assert (round(100 * q4.contribution(floor)), round(100 * q4.contribution(telemetry))) == (52, 28)
    integration = result.point("integration")
    assert integration.mean == pytest.approx(100 * 1.4 * 0.8 / 3.6) and round(integration.mean) == 31
    assert integration.score == pytest.approx(50 + 0.1 * integration.mean) and round(integration.score) == 53
    assert integration.level == "high" and integration.weakest_link_note() == "at least high because Q4 is very likely"
    assert (round(integration.low), round(integration.high)) == (51, 96)
    bare = assess(without_floors(ENGINE_CONTENT), answers)
    assert round(100 * bare.challenge("Q4").likelihood) == 28
    assert round(bare.point("integration").score) == 11 and bare.point("integration").level == "low"


def test_an_open_floor_question_widens_the_range_to_its_floor():
    """high = every open question answered most riskily: an open question whose answer could set a floor reaches it."""
    answers = {k: v for k, v in BEST.items() if k != "qa_system_test_owner"}
    q3 = assess(ENGINE_CONTENT, answers).challenge("Q3")
    assert q3.open_questions == ("qa_system_test_owner",)
    assert q3.high == pytest.approx(0.8) and q3.low == q3.likelihood == 0.0
    assert assess(without_floors(ENGINE_CONTENT), answers).challenge("Q3").high < 0.8
    assert assess(ENGINE_CONTENT, {**answers, "qa_system_test_owner": "nobody"}).challenge("Q3").likelihood == pytest.approx(0.8)
