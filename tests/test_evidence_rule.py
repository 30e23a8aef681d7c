"""The evidence rule: nothing the planner says is uncited, and citations name what they support."""

from __future__ import annotations

import re

import pytest

from planner.content import CHALLENGE_IDS, load_content
from planner.content.schema import citation_challenges

CITATION = re.compile(r"^§\d+(\.\d+)*(, [RDIQ]\d)*$")

_CONTENT = load_content()


def cited_items(content):
    """(kind, id, citations) for everything that must cite the study."""
    for s in content.sections:
        yield "section", s.section.id, list(s.section.citations)
        for q in s.questions:
            yield "question", q.id, list(q.citations)
    kb = content.kb
    for t in kb.themes:
        yield "theme", t.id, list(t.citations)
    for p in kb.collaboration_points:
        yield "collaboration point", p.id, list(p.citations)
    for c in kb.challenges:
        yield "challenge", c.id, list(c.citations)
        for i, e in enumerate(c.evidence):
            yield "evidence", f"{c.id}[{i}]", [e.citation]
    for m in kb.mitigations:
        yield "mitigation", m.id, list(m.citations)
    for r in kb.setup_rules:
        yield "setup rule", r.id, list(r.citations)


ITEMS = list(cited_items(_CONTENT))


def test_all_kinds_are_covered():
    kinds = {kind for kind, _, _ in ITEMS}
    assert kinds == {"section", "question", "theme", "collaboration point", "challenge", "evidence", "mitigation",
                     "setup rule"}
    assert sum(1 for kind, _, _ in ITEMS if kind == "evidence") >= len(CHALLENGE_IDS)


def test_pattern_rejects_malformed_citations():
    # The rule itself must be able to fail.
    for bad in ["5.2, D3", "§5.2 D3", "§5.2,D3", "§5.2, X1", "§5.2, D10", "§", "§5.2, "]:
        assert not CITATION.match(bad), bad
    for good in ["§8", "§5.2", "§6.2, D3", "§5.3, R4, R5", "§7.3, Q1"]:
        assert CITATION.match(good), good


@pytest.mark.parametrize("kind, item_id, citations", ITEMS, ids=[f"{k}:{i}" for k, i, _ in ITEMS])
def test_item_is_cited(kind, item_id, citations):
    assert citations, f"{kind} {item_id} has no citation"
    for citation in citations:
        assert CITATION.match(citation), f"{kind} {item_id}: malformed citation {citation!r}"


QUESTIONS = list(_CONTENT.questions.values())


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_question_cites_every_challenge_it_affects(question):
    named = {c for citation in question.citations for c in citation_challenges(citation)}
    missing = question.informs() - named
    assert not missing, f"{question.id} affects {sorted(missing)} but its citations do not name them"


@pytest.mark.parametrize("challenge", CHALLENGE_IDS)
def test_every_challenge_has_a_mitigation(challenge):
    mitigations = _CONTENT.mitigations_for[challenge]
    assert mitigations, f"{challenge} has no mitigation"
    for m in mitigations:
        assert challenge in m.reduces


@pytest.mark.parametrize("challenge", CHALLENGE_IDS)
def test_every_challenge_has_evidence_and_cites_itself(challenge):
    c = _CONTENT.challenges[challenge]
    assert c.evidence
    named = {x for citation in c.citations for x in citation_challenges(citation)}
    assert challenge in named, f"{challenge}'s own citations do not name it"


@pytest.mark.parametrize("rule", _CONTENT.kb.setup_rules, ids=lambda r: r.id)
def test_setup_rule_cites_every_challenge_it_affects(rule):
    named = {c for citation in rule.citations for c in citation_challenges(citation)}
    missing = set(rule.effects) - named
    assert not missing, f"setup rule {rule.id} affects {sorted(missing)} but its citations do not name them"


def test_there_are_setup_rules():
    assert len(_CONTENT.kb.setup_rules) >= 1
