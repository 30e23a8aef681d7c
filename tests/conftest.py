"""Shared fixtures: a temporary database, a Store, the built-in content, a team question file."""

from __future__ import annotations

import os
import textwrap

import pytest

from planner.answers import is_visible
from planner.content import load_content
from planner.store import Store

TEAM_SECTION_ID = "team_extra"
TEAM_QUESTION_ID = "team_q_one"
NUMBER_OPTIONS = """\
    number: {min: 0, max: 10, unit: weeks}
    bands:
      - below: 3
        effects: {D1: 0.5}
      - effects: {}
"""  # the team question as a number question (a replacement that changes its type)


def build_team_file(
    *,
    section_id: str = TEAM_SECTION_ID,
    question_id: str = TEAM_QUESTION_ID,
    collaboration_point: str = "data",
    qtype: str = "single",
    question_extra: str = "",
    options: str | None = None,
    question_citations: str = '["§6.2, D1"]',
    section_citations: str = '["§6.2, D1"]',
    schema_version: str | None = "1",
) -> str:
    """A minimal valid team question file (YAML text).

    `question_extra` (YAML lines, indented here) goes after `type:`; `options` replaces the whole
    options block verbatim (give already-indented lines, e.g. `    number: ...` and `    bands:`);
    a number question gets NUMBER_OPTIONS unless `options` is given.
    """
    if options is None and qtype == "number":
        options = NUMBER_OPTIONS
    if options is None:
        options = textwrap.dedent(
            """\
                options:
                  - value: fresh
                    label: Fresh data, refreshed every week
                    effects: {}
                  - value: stale
                    label: Stale data, one snapshot
                    effects: {D1: 0.5}
            """
        )
        options = textwrap.indent(options, "    ")
    extra = textwrap.indent(textwrap.dedent(question_extra), "    ") if question_extra else ""
    version = f"schema_version: {schema_version}\n" if schema_version is not None else ""
    return (
        version
        + "section:\n"
        + f"  id: {section_id}\n"
        + "  title: Team extra questions\n"
        + f"  collaboration_point: {collaboration_point}\n"
        + "  order: 60\n"
        + "  intro: Questions our team added for this project.\n"
        + f"  citations: {section_citations}\n"
        + "questions:\n"
        + f"  - id: {question_id}\n"
        + "    text: How fresh is the data the model is trained on?\n"
        + "    help: Stale data hides quality problems until production.\n"
        + "    example: One snapshot from last year.\n"
        + f"    type: {qtype}\n"
        + extra
        + options
        + f"    citations: {question_citations}\n"
    )


def least_risky(q):
    """The answer with the least total effect (a multi question's exclusive 'none'; a number in its riskless band)."""
    if q.type == "number":
        lower = q.number.min
        for band in q.bands:
            if not band.effects:
                return lower
            lower = band.below
    value = min(q.options, key=lambda o: sum(o.effects.values())).value
    return [value] if q.type == "multi" else value


def build_best_answers(fixed: dict, content=None) -> dict:
    """Every asked scored question answered with its least risky option, except the `fixed` answers."""
    content = content or load_content()
    answers = dict(fixed)
    for _ in range(5):  # show_if depends on setup answers: settle the set of asked questions
        answers = {q.id: fixed.get(q.id, least_risky(q)) for s in content.sections for q in s.questions
                   if q.scored and is_visible(q, answers)}
    return answers


@pytest.fixture(scope="session")
def best_answers_except():
    """best_answers_except({"qa_telemetry": "ops_only"}) → one risky answer, every other the least risky."""
    return build_best_answers


@pytest.fixture
def team_file():
    """The team-file builder: team_file() → minimal valid YAML text; keyword overrides tweak it."""
    return build_team_file


@pytest.fixture
def tmp_db(tmp_path, monkeypatch):
    """PLANNER_DB → a fresh database file under tmp_path; returns its path."""
    path = tmp_path / "planner-test.db"
    monkeypatch.setenv("PLANNER_DB", str(path))
    return path


IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def postgres_url():
    """One throwaway PostgreSQL server for the session (Debian's package); skipped locally, required in CI."""
    from pg_harness import postgres_bin, postgres_server

    if postgres_bin() is None:
        if IN_CI:
            pytest.fail("PostgreSQL tests must run in CI: Debian's postgresql is not installed", pytrace=False)
        pytest.skip("PostgreSQL is not installed (make test installs Debian's postgresql)")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A Store on an empty database: its own SQLite file, or a fresh schema on the test PostgreSQL server."""
    if request.param == "sqlite":
        return Store(str(tmp_path / "store.db"))
    url = request.getfixturevalue("postgres_url")
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    created = Store(url)
    request.addfinalizer(created.engine.dispose)
    return created


@pytest.fixture
def content():
    """The built-in questionnaire and knowledge base."""
    return load_content()
