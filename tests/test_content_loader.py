"""Built-in content loads; every bad question file / knowledge base is refused naming file, id and field."""

from __future__ import annotations

import copy
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from planner.content import CHALLENGE_IDS, check_question_file, load_content
from planner.content.loader import KB_NAME, MAX_CUSTOM_FILES, content_dir, parse_knowledge_base
from planner.errors import InputError

TEAM = "team.yaml"
QID = "team_q_one"
KB_PATH = Path(__file__).resolve().parents[1] / "questionnaires" / "knowledge" / "knowledge_base.yaml"


def refused(text: str | bytes, name: str = TEAM, others=()) -> str:
    """check_question_file must refuse; return all problems joined (one per line)."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    with pytest.raises(InputError) as info:
        check_question_file(raw, name, others)
    problems = [str(p) for p in info.value.problems]
    assert problems
    return "\n".join(problems)


def assert_names(message: str, *parts: str) -> None:
    for part in parts:
        assert part in message, f"{part!r} not in:\n{message}"


# -- the built-in content -------------------------------------------------------------------------

def test_builtin_content_size(content):
    assert 40 <= len(content.questions) <= 70


def test_builtin_sections_in_order(content):
    assert [s.section.id for s in content.sections] == ["setup", "requirements", "data", "integration", "qa_monitoring"]
    assert [s.section.collaboration_point for s in content.sections] == [
        "setup", "requirements", "data", "integration", "integration"]
    orders = [s.section.order for s in content.sections]
    assert orders == sorted(orders)
    assert not any(s.custom for s in content.sections)


def test_builtin_question_ids_unique_and_indexed(content):
    ids = [q.id for s in content.sections for q in s.questions]
    assert len(ids) == len(set(ids)) == len(content.questions)
    for s in content.sections:
        for q in s.questions:
            assert content.section_of[q.id] is s


@pytest.mark.parametrize("challenge", CHALLENGE_IDS)
def test_every_challenge_is_reachable(content, challenge):
    assert challenge in content.challenges
    informing = [q.id for q in content.questions.values() if challenge in q.informs()]
    assert informing, f"no option or band names {challenge}"


def test_knowledge_base_complete(content):
    assert sorted(content.challenges) == sorted(CHALLENGE_IDS)
    assert {t.id for t in content.kb.themes} == {"communication", "documentation", "engineering", "process"}
    assert {p.id for p in content.kb.collaboration_points} == {"requirements", "data", "integration"}


def test_load_content_is_cached(content):
    assert load_content() is content


def test_team_file_is_valid_and_added(team_file, content):
    loaded = check_question_file(team_file().encode(), TEAM)
    assert len(loaded.questions) == len(content.questions) + 1
    section = loaded.section_of[QID]
    assert section.custom and section.source == TEAM and section.section.id == "team_extra"
    assert loaded.sections[-1] is section  # order 60 sorts after the built-in sections
    assert loaded.questions[QID].informs() == {"D1"}
    assert loaded.points_informed(loaded.questions[QID]) == {"data"}


def test_load_content_with_extra(team_file):
    loaded = load_content(extra=((TEAM, team_file().encode()),))
    assert QID in loaded.questions


def test_too_many_team_files_refused(team_file):
    extra = tuple(
        (f"t{i}.yaml", team_file(section_id=f"team_s{i}", question_id=f"team_q_{i}").encode())
        for i in range(MAX_CUSTOM_FILES + 1)
    )
    with pytest.raises(InputError) as info:
        load_content(extra=extra)
    assert str(MAX_CUSTOM_FILES) in str(info.value)


def test_two_team_files_checked_together(team_file):
    other = ("other.yaml", team_file(section_id="team_other", question_id="team_q_two").encode())
    loaded = check_question_file(team_file(), TEAM, (other,))
    assert {"team_q_one", "team_q_two"} <= set(loaded.questions)
    message = refused(team_file(section_id="team_third"), TEAM, (other, ("dup.yaml", other[1])))
    assert_names(message, "dup.yaml", "team_other", "already used")


# -- bad question files ---------------------------------------------------------------------------

def test_unknown_field(team_file):
    message = refused(team_file(question_extra="colour: red\n"))
    assert_names(message, TEAM, QID, "colour", "unknown field")


def test_unknown_section_field(team_file):
    message = refused(team_file().replace("  order: 60\n", "  order: 60\n  owner: me\n"))
    assert_names(message, TEAM, "section", "owner", "unknown field")


def test_missing_field(team_file):
    message = refused(team_file().replace("    help: Stale data hides quality problems until production.\n", ""))
    assert_names(message, TEAM, QID, "help", "missing")


def test_missing_schema_version(team_file):
    message = refused(team_file(schema_version=None))
    assert_names(message, TEAM, "schema_version", "required")


def test_future_schema_version(team_file):
    message = refused(team_file(schema_version="2"))
    assert_names(message, TEAM, "schema_version", "2", "not supported")


def test_wrong_top_level_type(team_file):
    message = refused("- " + team_file().replace("\n", "\n  ").rstrip() + "\n")
    assert_names(message, TEAM, "top level", "mapping")


def test_duplicate_question_id_within_file(team_file):
    text = team_file()
    second = text.split("questions:\n", 1)[1]
    message = refused(text + second)
    assert_names(message, TEAM, QID, "already used")


def test_duplicate_question_id_across_files(team_file, content):
    message = refused(team_file(question_id="setup_trajectory"))
    assert_names(message, TEAM, "setup_trajectory", "already used", content.section_of["setup_trajectory"].source)


def test_duplicate_section_id(team_file, content):
    message = refused(team_file(section_id="data"))
    data_source = next(s.source for s in content.sections if s.section.id == "data")
    assert_names(message, TEAM, "section 'data'", "already used", data_source)


@pytest.mark.parametrize("challenge", ["Z9", "R9", "D7", "Q0"])
def test_option_refers_to_unknown_challenge(team_file, challenge):
    message = refused(team_file().replace("{D1: 0.5}", f"{{{challenge}: 0.5}}"))
    assert_names(message, TEAM, QID, "effects", challenge)


@pytest.mark.parametrize("risk", ["1.5", "-0.1", "2", ".nan", "true", "'0.5'"])
def test_effect_out_of_range_or_wrong_type(team_file, risk):
    message = refused(team_file().replace("{D1: 0.5}", f"{{D1: {risk}}}"))
    assert_names(message, TEAM, QID, "effects", "D1")


def test_unquoted_no_as_option_value(team_file):
    text = team_file().replace("value: stale", "value: no")
    message = refused(text)
    line = text.splitlines().index("      - value: no") + 1
    assert_names(message, TEAM, QID, "value", "'no'", f"line {line}")


def test_scale_values_not_consecutive(team_file):
    text = team_file(qtype="scale").replace("value: fresh", "value: 1").replace("value: stale", "value: 3")
    message = refused(text)
    assert_names(message, TEAM, QID, "consecutive")


def test_scale_with_text_values(team_file):
    message = refused(team_file(qtype="scale"))
    assert_names(message, TEAM, QID, "scale")


def test_scale_consecutive_is_accepted(team_file):
    text = team_file(qtype="scale").replace("value: fresh", "value: 1").replace("value: stale", "value: 2")
    assert check_question_file(text, TEAM).questions[QID].type == "scale"


def test_exclusive_on_single_question(team_file):
    text = team_file().replace("        label: Fresh data, refreshed every week\n",
                               "        label: Fresh data, refreshed every week\n        exclusive: true\n")
    message = refused(text)
    assert_names(message, TEAM, QID, "exclusive")


NUMBER_WITHOUT_BANDS = "    number: {min: 0, max: 10}\n"
NUMBER_WITH_BANDS = textwrap.indent(textwrap.dedent("""\
    number: {min: 0, max: 10, unit: weeks}
    bands:
      - below: %s
        effects: {D1: 0.5}
      - below: %s
        effects: {}
      - effects: {}
"""), "    ")


def test_number_question_without_bands(team_file):
    message = refused(team_file(qtype="number", options=NUMBER_WITHOUT_BANDS))
    assert_names(message, TEAM, QID, "bands")


def test_number_question_with_bands_accepted(team_file):
    loaded = check_question_file(team_file(qtype="number", options=NUMBER_WITH_BANDS % (3, 5)), TEAM)
    assert loaded.questions[QID].informs() == {"D1"}


@pytest.mark.parametrize("first, second", [(5, 3), (3, 3)])
def test_bands_not_ascending(team_file, first, second):
    message = refused(team_file(qtype="number", options=NUMBER_WITH_BANDS % (first, second)))
    assert_names(message, TEAM, QID, "ascending")


def test_band_outside_number_range(team_file):
    message = refused(team_file(qtype="number", options=NUMBER_WITH_BANDS % (3, 50)))
    assert_names(message, TEAM, QID, "band")


def test_show_if_unknown_question(team_file):
    message = refused(team_file(question_extra="show_if: {question: setup_nothing_here, any_of: [x]}\n"))
    assert_names(message, TEAM, QID, "show_if", "setup_nothing_here")


def test_show_if_unknown_option_value(team_file):
    message = refused(team_file(question_extra="show_if: {question: setup_data_source, any_of: [nowhere]}\n"))
    assert_names(message, TEAM, QID, "show_if", "'nowhere'", "setup_data_source")


def test_show_if_known_value_accepted(team_file, content):
    value = content.questions["setup_data_source"].options[0].value
    text = team_file(question_extra=f"show_if: {{question: setup_data_source, any_of: [{value}]}}\n")
    assert check_question_file(text, TEAM).questions[QID].show_if.question == "setup_data_source"


@pytest.mark.parametrize("citation", ["5.2 D3", "§5.2 D3", "§5.2,D3", "5.2", "§5.2, D3,", "§ 5.2", "§5.2, d3", ""])
def test_citation_in_wrong_format(team_file, citation):
    message = refused(team_file(question_citations=f'["{citation}"]'))
    assert_names(message, TEAM, QID, "citations")


def test_citation_list_empty(team_file):
    message = refused(team_file(question_citations="[]"))
    assert_names(message, TEAM, QID, "citations")


@pytest.mark.parametrize("challenge", ["D9", "X1", "R6"])
def test_citation_names_unknown_challenge(team_file, challenge):
    message = refused(team_file(question_citations=f'["§6.2, D1, {challenge}"]'))
    assert_names(message, TEAM, QID, "citations", challenge)


def test_section_citation_names_unknown_challenge(team_file):
    message = refused(team_file(section_citations='["§6.2, D9"]'))
    assert_names(message, TEAM, "section", "citations", "D9")


@pytest.mark.parametrize("field, limit", [("text", 300), ("help", 800), ("example", 300)])
def test_text_over_length_limit(team_file, field, limit):
    lines = team_file().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(f"    {field}: "))
    lines[index] = f"    {field}: {'x' * (limit + 1)}\n"
    message = refused("".join(lines))
    assert_names(message, TEAM, QID, field, str(limit))


def test_text_at_length_limit_accepted(team_file):
    text = team_file().replace("How fresh is the data the model is trained on?", "x" * 300)
    assert len(check_question_file(text, TEAM).questions[QID].text) == 300


def test_more_than_twelve_options(team_file):
    options = "    options:\n" + "".join(
        f"      - value: o{i}\n        label: Option {i}\n        effects: {{D1: 0.5}}\n" for i in range(13))
    message = refused(team_file(options=options))
    assert_names(message, TEAM, QID, "options", "12")


def test_no_option_has_effects(team_file):
    message = refused(team_file().replace("{D1: 0.5}", "{}"))
    assert_names(message, TEAM, QID, "effects")


@pytest.mark.parametrize("weight", ["0", "5.5", "-1"])
def test_weight_out_of_range(team_file, weight):
    message = refused(team_file(question_extra=f"weight: {weight}\n"))
    assert_names(message, TEAM, QID, "weight")


def test_bad_question_id(team_file):
    message = refused(team_file(question_id="Team-Q"))
    assert_names(message, TEAM, "Team-Q", "id")


def test_duplicate_option_values(team_file):
    message = refused(team_file().replace("value: stale", "value: fresh"))
    assert_names(message, TEAM, QID, "unique")


def test_alias_in_question_file(team_file):
    text = team_file().replace("    example: One snapshot from last year.\n", "    example: *shared\n")
    message = refused(text)
    line = text.splitlines().index("    example: *shared") + 1
    assert_names(message, TEAM, "alias", f"line {line}")


def test_anchor_in_question_file(team_file):
    text = team_file().replace("    example: One snapshot", "    example: &shared One snapshot")
    assert_names(refused(text), TEAM, "anchor")


def test_oversize_question_file(team_file):
    text = team_file() + "# " + "x" * (512 * 1024) + "\n"
    assert_names(refused(text), TEAM, "limit")


def test_several_problems_are_all_reported(team_file):
    text = team_file(question_extra="colour: red\n").replace("    help: Stale data hides quality problems until production.\n", "")
    message = refused(text)
    assert_names(message, "colour", "help")


# -- knowledge base -------------------------------------------------------------------------------

KB_SOURCE = "kb.yaml"


@pytest.fixture
def kb_data():
    return yaml.safe_load(KB_PATH.read_text(encoding="utf-8"))


def kb_text(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def kb_refused(data) -> str:
    with pytest.raises(InputError) as info:
        parse_knowledge_base(kb_text(data), KB_SOURCE)
    return "\n".join(str(p) for p in info.value.problems)


def test_knowledge_base_round_trip_is_valid(kb_data):
    kb = parse_knowledge_base(kb_text(kb_data), KB_SOURCE)
    assert {c.id for c in kb.challenges} == set(CHALLENGE_IDS)


def test_kb_missing_challenge(kb_data):
    kb_data["challenges"] = [c for c in kb_data["challenges"] if c["id"] != "D4"]
    message = kb_refused(kb_data)
    assert_names(message, KB_SOURCE, "challenges", "D4", "missing")


def test_kb_duplicate_mitigation_id(kb_data):
    kb_data["mitigations"].append(copy.deepcopy(kb_data["mitigations"][0]))
    message = kb_refused(kb_data)
    assert_names(message, KB_SOURCE, f"mitigation {kb_data['mitigations'][0]['id']!r}", "twice")


def test_kb_mitigation_reduces_unknown_challenge(kb_data):
    kb_data["mitigations"][0]["reduces"].append("R9")
    message = kb_refused(kb_data)
    assert_names(message, KB_SOURCE, f"mitigation {kb_data['mitigations'][0]['id']!r}", "reduces", "R9")


def test_kb_challenge_with_wrong_collaboration_point(kb_data):
    next(c for c in kb_data["challenges"] if c["id"] == "D1")["collaboration_point"] = "integration"
    message = kb_refused(kb_data)
    assert_names(message, KB_SOURCE, "challenge 'D1'", "collaboration_point", "'data'")


def test_kb_challenge_without_mitigation(kb_data):
    for m in kb_data["mitigations"]:
        m["reduces"] = [c for c in m["reduces"] if c != "Q4"] or ["Q1"]
    message = kb_refused(kb_data)
    assert_names(message, KB_SOURCE, "challenge 'Q4'", "mitigation")


def test_kb_setup_rule_effect_on_unknown_challenge(kb_data):
    rule = kb_data["setup_rules"][0]
    rule["effects"]["R9"] = 0.5
    assert_names(kb_refused(kb_data), KB_SOURCE, f"setup rule {rule['id']!r}", "effects", "R9")


def test_kb_evidence_citation_names_unknown_challenge(kb_data):
    challenge = kb_data["challenges"][0]
    challenge["evidence"][0]["citation"] = "§5.2, R7"
    assert_names(kb_refused(kb_data), KB_SOURCE, f"challenge {challenge['id']!r}", "evidence", "R7")


def test_kb_unknown_field(kb_data):
    kb_data["challenges"][0]["severity"] = 3
    assert_names(kb_refused(kb_data), KB_SOURCE, kb_data["challenges"][0]["id"], "severity", "unknown field")


@pytest.mark.parametrize("version", [None, 2])
def test_kb_schema_version(kb_data, version):
    if version is None:
        del kb_data["schema_version"]
    else:
        kb_data["schema_version"] = version
    assert_names(kb_refused(kb_data), KB_SOURCE, "schema_version")


@pytest.fixture
def content_copy(tmp_path, monkeypatch):
    """A writable copy of questionnaires/, active via PLANNER_CONTENT_DIR (caches cleared around it)."""
    folder = tmp_path / "questionnaires"
    shutil.copytree(content_dir(), folder)
    monkeypatch.setenv("PLANNER_CONTENT_DIR", str(folder))
    load_content.cache_clear()
    yield folder
    load_content.cache_clear()


def _edit_first_rule_condition(folder: Path, **changes) -> tuple[str, dict]:
    path = folder / KB_NAME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = data["setup_rules"][0]
    rule["when"][0].update(changes)
    path.write_bytes(kb_text(data))
    return rule["id"], rule["when"][0]


def test_kb_setup_rule_refers_to_unknown_question(content_copy):
    rule_id, _ = _edit_first_rule_condition(content_copy, question="setup_no_such_question")
    with pytest.raises(InputError) as info:
        load_content()
    assert_names(str(info.value), KB_NAME, f"setup rule {rule_id!r}", "when[0]", "setup_no_such_question")


def test_kb_setup_rule_refers_to_unknown_value(content_copy):
    rule_id, condition = _edit_first_rule_condition(content_copy, any_of=["no_such_value"])
    with pytest.raises(InputError) as info:
        load_content()
    assert_names(str(info.value), KB_NAME, f"setup rule {rule_id!r}", "'no_such_value'", condition["question"])


def test_content_copy_itself_is_valid(content_copy):
    assert len(load_content().questions) >= 40


def test_load_content_follows_content_dir_changes(tmp_path, monkeypatch):
    load_content.cache_clear()
    try:
        load_content()  # cached from the built-in folder
        folder = tmp_path / "broken"
        shutil.copytree(content_dir(), folder)
        _edit_first_rule_condition(folder, question="setup_no_such_question")
        monkeypatch.setenv("PLANNER_CONTENT_DIR", str(folder))
        with pytest.raises(InputError):
            load_content()
    finally:
        monkeypatch.delenv("PLANNER_CONTENT_DIR", raising=False)
        load_content.cache_clear()


def _edit_kb(folder: Path, edit) -> None:
    path = folder / KB_NAME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_bytes(kb_text(data))


@pytest.mark.parametrize("edit, expected", [
    (lambda kb: kb["levers"][0]["changes"][0].update(value="no_such_value"), "'no_such_value' is not an option"),
    (lambda kb: kb["levers"][0]["changes"][0].update(question="no_such_question"), "unknown question 'no_such_question'"),
    (lambda kb: kb["levers"][0].update(mitigation="no_such_mitigation"), "unknown mitigation 'no_such_mitigation'"),
    (lambda kb: kb["levers"][3]["changes"][0].update(value=100), "is not a number from"),
    (lambda kb: kb["levers"][0].update(citations=["§5.2, R9"]), "unknown challenge 'R9'"),
    (lambda kb: kb["explainers"][0]["triggers"][0]["when"][0].update(any_of=["no_such_value"]), "'no_such_value' is not an option"),
    (lambda kb: kb["explainers"][1].update(id=kb["explainers"][0]["id"]), "id is used twice"),
])
def test_kb_levers_and_explainers_are_checked(content_copy, edit, expected):
    _edit_kb(content_copy, edit)
    with pytest.raises(InputError) as info:
        load_content()
    assert expected in str(info.value)
    assert KB_NAME in str(info.value)


def _lever_changes(kb: dict, lever_id: str) -> list:
    return next(lever for lever in kb["levers"] if lever["id"] == lever_id)["changes"]


@pytest.mark.parametrize("edit, expected", [
    (lambda kb: _lever_changes(kb, "ds_in_requirements")[0].update(value="never"),
     "'never' signals no less risk than any other answer to 'req_ds_in_elicitation'"),
    (lambda kb: _lever_changes(kb, "domain_expert_hours")[0].update(value=0), "0 signals no less risk than any other answer"),
    (lambda kb: _lever_changes(kb, "data_dictionary")[0].update(remove=None, value="definitions"), "give `remove`"),
    (lambda kb: _lever_changes(kb, "ds_in_requirements")[0].update(value=None, remove=["never"]), "give `value`"),
    (lambda kb: _lever_changes(kb, "ds_in_requirements")[0].update(remove=["never"]), "either `value`"),
    (lambda kb: _lever_changes(kb, "data_dictionary")[0].update(remove=["no_such_value"]),
     "'no_such_value' is not an option of 'data_documentation_gaps'"),
    (lambda kb: _lever_changes(kb, "data_dictionary")[0].update(remove=["none"]), "none of the removed options signals any risk"),
    (lambda kb: _lever_changes(kb, "ds_in_requirements")[0].update(question="setup_ml_purpose", value="x"), "is a text question"),
    (lambda kb: _lever_changes(kb, "data_contract")[1].update(question="data_contract", value="full_contract"),
     "question 'data_contract' is changed twice"),
])
def test_lever_changes_must_fit_their_question_and_be_able_to_lower_risk(content_copy, edit, expected):
    _edit_kb(content_copy, edit)
    with pytest.raises(InputError) as info:
        load_content()
    assert expected in str(info.value)
    assert KB_NAME in str(info.value)


# -- a settled workshop question sets a questionnaire answer (issue 15) -------------------------------------------

def _expectation_option(kb: dict, expectation_id: str, value: str) -> dict:
    expectation = next(e for e in kb["expectations"] if e["id"] == expectation_id)
    return next(o for o in expectation["options"] if o["value"] == value)


def test_every_expectation_answer_names_an_existing_question_and_option(content):
    """Each mapping names an unconditional single-choice question and one of its options; no question is set by two."""
    mapped, owners = 0, {}
    for expectation in content.kb.expectations:
        for option in expectation.options:
            if option.answer is None:
                continue
            question = content.questions[option.answer.question]
            assert question.type in ("single", "scale") and question.show_if is None, option.answer
            assert question.option(option.answer.value) is not None, option.answer
            assert owners.setdefault(question.id, expectation.id) == expectation.id, option.answer
            mapped += 1
    assert mapped >= 9 and {"req_error_expectations", "qa_system_test_owner", "data_refresh"} <= set(owners)


@pytest.mark.parametrize("edit, expected", [
    (lambda kb: _expectation_option(kb, "exp_system_testing", "qa_team")["answer"].update(value="qa_team"),
     "expectation 'exp_system_testing' › qa_team › answer: 'qa_team' is not an option of 'qa_system_test_owner'"),
    (lambda kb: _expectation_option(kb, "exp_system_testing", "qa_team")["answer"].update(question="qa_no_such_question"),
     "refers to unknown question 'qa_no_such_question'"),
    (lambda kb: _expectation_option(kb, "exp_system_testing", "qa_team").update(
        answer={"question": "qa_checks_missing", "value": "fairness"}), "'qa_checks_missing' is a multi question"),
    (lambda kb: _expectation_option(kb, "exp_system_testing", "qa_team").update(
        answer={"question": "data_labelling_spec", "value": "verbal"}), "'data_labelling_spec' is itself conditional"),
    (lambda kb: _expectation_option(kb, "exp_timeline", "fixed").update(
        answer={"question": "data_refresh", "value": "on_request"}), "expectation 'exp_data_changes': 'data_refresh' is already set by 'exp_timeline'"),
    (lambda kb: _expectation_option(kb, "exp_system_testing", "qa_team").update(
        answer={"question": "data_refresh", "value": "on_request"}), "its options set answers to more than one question"),
])
def test_an_expectation_answer_that_does_not_fit_is_refused(content_copy, edit, expected):
    _edit_kb(content_copy, edit)
    with pytest.raises(InputError) as info:
        load_content()
    assert expected in str(info.value) and KB_NAME in str(info.value)


# -- floors: an answer that on its own makes a challenge at least this likely (docs/scoring.md) ----------------

FLOORED = "effects: {D1: 0.5}\n        floors: {D1: 0.8}\n        floor_citation: \"§6.2, D1\""


def test_floor_with_citation_is_accepted(team_file):
    content = check_question_file(team_file().replace("effects: {D1: 0.5}", FLOORED), TEAM)
    stale = content.questions[QID].option("stale")
    assert stale.floors == {"D1": 0.8} and stale.floor_citation == "§6.2, D1"


@pytest.mark.parametrize("change, words", [
    (("\n        floor_citation: \"§6.2, D1\"", ""), ["floor_citation", "by itself"]),
    (("floors: {D1: 0.8}", "floors: {D1: 1.5}"), ["floors", "D1"]),
    (("floors: {D1: 0.8}", "floors: {D5: 0.8}"), ["effect on D5"]),
    (("\"§6.2, D1\"", "\"§6.2, D5\""), ["floor_citation", "must name D1"]),
    (("\"§6.2, D1\"", "\"6.2\""), ["floor_citation", "must look like"]),
    (("floors: {D1: 0.8}", "floors: {}"), ["floor_citation"]),
])
def test_bad_floor_is_refused(team_file, change, words):
    text = team_file().replace("effects: {D1: 0.5}", FLOORED).replace(*change)
    assert_names(refused(text), TEAM, QID, *words)


def test_floor_on_unknown_challenge_is_refused(team_file):
    text = team_file().replace("effects: {D1: 0.5}", "effects: {D9: 0.5}\n        floors: {D9: 0.8}\n        floor_citation: \"§6.2, D9\"")
    assert_names(refused(text), TEAM, QID, "floors", "unknown challenge 'D9'")


def test_riskier_answer_without_the_floor_is_refused(team_file):
    """Switching to an answer at least as risky everywhere must never lower a likelihood: it keeps the floor."""
    options = """\
    options:
      - value: fresh
        label: Fresh data
        effects: {}
      - value: stale
        label: Stale data
        effects: {D1: 0.5}
        floors: {D1: 0.8}
        floor_citation: "§6.2, D1"
      - value: none
        label: No data
        effects: {D1: 1.0}
"""
    assert_names(refused(team_file(options=options)), TEAM, QID, "option 'none'", "option 'stale'", "floors: {D1: 0.8}")
