"""The assessment as JSON, text and Markdown (CLI `assess`, Risk page downloads): floors and the weakest link are explained."""

from __future__ import annotations

import json

import pytest

from planner.assessment import assess
from planner.content import load_content
from planner.render import escape_markdown, to_json, to_markdown
from planner.render.assessment_report import to_text

CONTENT = load_content()
BLOCKER = CONTENT.questions["qa_telemetry"].option("ops_only").label


@pytest.fixture(scope="module")
def result(best_answers_except):
    return assess(CONTENT, best_answers_except({"qa_telemetry": "ops_only"}, CONTENT))


def test_json_names_the_floor_and_the_weakest_link(result):
    data = json.loads(to_json(CONTENT, result))
    integration = next(p for p in data["collaboration_points"] if p["id"] == "integration")
    mean = result.point("integration").mean
    assert integration["level"] == "high" and integration["weighted_mean"] < 25
    assert integration["score"] == round(50.0 + 0.1 * mean, 1)  # the level's floor plus a tenth of the average
    assert integration["weakest_link"] == {"challenge": "Q4", "challenge_level": "very likely", "at_least": "high",
                                           "lift": round(50.0 + 0.1 * mean - mean, 1),
                                           "note": "at least high because Q4 is very likely"}
    q4 = next(c for c in integration["challenges"] if c["id"] == "Q4")
    assert q4["floor"]["question"] == "qa_telemetry" and q4["floor"]["answer"] == BLOCKER
    assert q4["floor"]["at_least"] == 0.8 and q4["floor"]["citation"] == "§7.3, Q4"
    assert q4["trigger_details"][0]["kind"] == "floor"
    assert abs(sum(t["contribution"] for t in q4["trigger_details"]) - q4["likelihood"]) < 0.002  # the shares add up
    data_point = next(p for p in data["collaboration_points"] if p["id"] == "data")
    assert data_point["weakest_link"] is None and all(c["floor"] is None for c in data_point["challenges"])


def test_text_and_markdown_show_the_floor_line_and_the_rule(result):
    text = to_text(CONTENT, result)
    assert "  at least high because Q4 is very likely (+" in text
    assert f"on its own: qa_telemetry = {BLOCKER} -> at least 80% (+" in text
    markdown = to_markdown(CONTENT, result, "Claims")
    assert "**" + escape_markdown("at least high because Q4 is very likely (+") in markdown
    assert escape_markdown(f"on its own: qa_telemetry = {BLOCKER} -> at least 80% (+") in markdown
