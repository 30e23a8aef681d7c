"""Claims the fact check (../shared/reviews/factcheck.md) found contradicted, unsupported or embellished stay fixed."""

from __future__ import annotations

import pytest
import yaml

from planner.assessment import assess
from planner.content import load_content
from planner.plan.catalogue import load_catalogue
from study_paper import ROOT
from test_citations import content_texts

CONTENT = load_content()


def test_choosing_product_first_does_not_raise_the_beyond_accuracy_challenge():
    """§5.1: product-first model requirements often include latency, memory and explainability constraints."""
    for base in ({}, {"req_unspecified_qualities": "none"}, {"setup_client_relationship": "distant_formal"}):
        product_first = assess(CONTENT, {**base, "setup_trajectory": "product_first"}).challenge("R3").likelihood
        parallel = assess(CONTENT, {**base, "setup_trajectory": "parallel"}).challenge("R3").likelihood
        assert product_first == parallel, base


def test_the_scoring_example_does_not_say_product_first_signals_r3():
    assert "product-first option\nwould have signalled it" not in (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")


def test_robustness_is_cited_where_the_paper_mentions_it():
    """Robustness appears only in the paper's literature overview (§2), not in its QA section."""
    robustness = next(q for q in load_catalogue().qualities if q.name == "Robustness")
    assert list(robustness.citations) == ["§2"]


EMBELLISHMENTS = {  # phrase → what the paper says instead (fact check row)
    "mostly large tech companies": "telemetry 'most established in big tech' (#18, #50)",
    "the user interface - while the model": "only that QA teams had no ML testing process (#48)",
    "just as often held by single": "no such comparison (#41)",
    "customer complaints": "manual feedback from the product team (#61)",
    "pay for ongoing updates": "continuous model maintenance and evolution (#59)",
    "for public data at least a record": "the tool's own addition, not the study's recommendation (#30)",
    "central finding": "one of four themes (#110)",
    "ownership of decisions": "unclear responsibilities (#111)",
    "rarely go beyond accuracy and data security": "the paper's own heading, copied (own-words check)",
    "made problems more frequent in the study": "the study reports no frequencies (#108)",
}


def page_and_doc_texts():
    for path in [*sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        yield str(path.relative_to(ROOT)), " ".join(path.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("phrase", EMBELLISHMENTS)
def test_no_embellishment_of_the_study(phrase):
    found = [where for where, text in [*content_texts(), *page_and_doc_texts()] if phrase in " ".join(text.split())]
    assert not found, f"{phrase!r} ({EMBELLISHMENTS[phrase]}) in {found}"


def test_the_planners_own_numbers_next_to_citations_are_labelled_as_its_defaults():
    kb = yaml.safe_load((ROOT / "questionnaires" / "knowledge" / "knowledge_base.yaml").read_text(encoding="utf-8"))
    expert_lever = next(lever for lever in kb["levers"] if lever["id"] == "domain_expert_hours")
    assert "planner" in expert_lever["title"]
    catalogue = load_catalogue()
    for section in ("effort", "monitoring"):
        assert "planner's" in catalogue.section(section).explanation, section
    scoring = " ".join((ROOT / "docs" / "scoring.md").read_text(encoding="utf-8").split())
    assert "are the planner's defaults" in scoring and "planner's own inference" in scoring
    method = " ".join((ROOT / "pages" / "method.py").read_text(encoding="utf-8").split())
    assert "Every number is the planner's default" in method and "planner's own reading" in method
