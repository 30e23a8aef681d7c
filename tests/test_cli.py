"""`python -m planner` end to end, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from planner.answers import DOCUMENT_KIND
from planner.content import load_content

ROOT = Path(__file__).resolve().parents[1]


def run(*args, timeout: int = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PLANNER_CONTENT_DIR", "PLANNER_DB")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def risky_answers(content) -> dict:
    """The most risky answer to every unconditional question."""
    answers = {}
    for q in content.questions.values():
        if q.show_if is not None:
            continue
        if q.type in ("single", "scale"):
            answers[q.id] = q.options[-1].value
        elif q.type == "multi":
            answers[q.id] = [o.value for o in q.options if not o.exclusive]
        elif q.type == "number":
            answers[q.id] = int(q.number.min) if q.number.integer else q.number.min
        else:
            answers[q.id] = "We have not written this down yet."
    return answers


@pytest.fixture(scope="module")
def builtin():
    return load_content()


@pytest.fixture(scope="module")
def answers_dir(tmp_path_factory, builtin):
    folder = tmp_path_factory.mktemp("cli")
    risky = risky_answers(builtin)
    (folder / "risky.yaml").write_text(yaml.safe_dump(risky, allow_unicode=True), encoding="utf-8")
    (folder / "risky.json").write_text(json.dumps(risky), encoding="utf-8")
    (folder / "minimal.yaml").write_text("setup_trajectory: model_first\n", encoding="utf-8")
    export = {"schema_version": 1, "kind": DOCUMENT_KIND, "project": {"name": "Exported"},
              "answers": {"setup_trajectory": "parallel"}, "question_files": []}
    (folder / "export.json").write_text(json.dumps(export), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def risky_json(answers_dir):
    result = run("assess", answers_dir / "risky.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# -- questions ------------------------------------------------------------------------------------

def test_questions_json(builtin):
    result = run("questions", "--format", "json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == [q.id for s in builtin.sections for q in s.questions]
    for item in items:
        for key in ("id", "section", "collaboration_point", "text", "type", "options", "citations"):
            assert key in item, (item["id"], key)
        assert item["collaboration_point"] in ("setup", "requirements", "data", "integration")
        assert item["citations"] and all(c.startswith("§") for c in item["citations"])
        assert isinstance(item["options"], list)
        if item["type"] in ("single", "multi", "scale"):
            assert len(item["options"]) >= 2
            assert all("value" in o and "label" in o for o in item["options"])
        else:
            assert item["options"] == []


def test_questions_text():
    result = run("questions")
    assert result.returncode == 0, result.stderr
    assert "setup_trajectory" in result.stdout and "==" in result.stdout


def test_questions_output_file(tmp_path):
    out = tmp_path / "questions.json"
    result = run("questions", "--format", "json", "-o", out)
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))


# -- assess ---------------------------------------------------------------------------------------

def test_assess_json_shape(risky_json):
    d = risky_json
    assert set(d["profile"]) >= {"trajectory", "data_source", "integration"}
    assert d["profile"]["trajectory"] is not None
    assert 0 < d["completeness"] <= 1
    assert [p["id"] for p in d["collaboration_points"]] == ["requirements", "data", "integration"]
    for p in d["collaboration_points"]:
        for key in ("score", "level", "challenges"):
            assert key in p
        assert p["challenges"]
        for c in p["challenges"]:
            for key in ("id", "likelihood", "triggers", "citations", "mitigations"):
                assert key in c, (c.get("id"), key)
            assert c["citations"]
            assert all("id" in m and "title" in m for m in c["mitigations"])


def test_assess_risky_answers_are_high(risky_json):
    for p in risky_json["collaboration_points"]:
        assert p["score"] is not None and p["score"] >= 50, p["id"]
        assert p["level"] in ("high", "critical")
    triggered = [c for p in risky_json["collaboration_points"] for c in p["challenges"] if c["triggers"]]
    assert triggered
    assert {c["id"][0] for c in triggered} >= {"R", "D", "I"}


def test_assess_profile_reflects_answers(answers_dir):
    result = run("assess", answers_dir / "minimal.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    d = json.loads(result.stdout)
    assert d["profile"]["trajectory"] == "model_first"
    assert d["profile"]["data_source"] is None
    assert d["completeness"] < 0.5


def test_assess_json_answers_and_export_files(answers_dir, risky_json):
    result = run("assess", answers_dir / "risky.json", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == risky_json
    result = run("assess", answers_dir / "export.json", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["trajectory"] == "parallel"


@pytest.mark.parametrize("fmt, marker", [("text", "Completeness"), ("markdown", "# Risk assessment")])
def test_assess_text_and_markdown(answers_dir, fmt, marker):
    result = run("assess", answers_dir / "risky.yaml", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert marker in result.stdout
    assert "R1" in result.stdout


def test_assess_default_format_is_text(answers_dir):
    result = run("assess", answers_dir / "minimal.yaml")
    assert result.returncode == 0 and result.stdout.startswith("Completeness")


@pytest.mark.parametrize(
    "text, expected",
    [("setup_trajectory: zzz_unknown\n", "setup_trajectory"),
     ("zzz_no_such_question: 1\nyyy: 2\n", "zzz_no_such_question"),
     ("setup_trajectory: no\n", "line 1"),
     ("- a\n- b\n", "top level"),
     ("a: 1\na: 2\n", "duplicate"),
     ("", "empty")],
)
def test_assess_bad_file_one_line(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    line = one_error_line(run("assess", path, "--format", "json"))
    assert str(path) in line and expected in line


def test_assess_missing_file_one_line(tmp_path):
    path = tmp_path / "nope.yaml"
    line = one_error_line(run("assess", path))
    assert str(path) in line


def test_assess_directory_one_line(tmp_path):
    one_error_line(run("assess", tmp_path))


def test_assess_json_huge_integer_one_line(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"setup_team_size": ' + "9" * 5000 + "}", encoding="utf-8")
    one_error_line(run("assess", path))


# -- validate and --questions ---------------------------------------------------------------------

def test_validate_good_team_file(tmp_path, team_file):
    path = tmp_path / "team.yaml"
    path.write_text(team_file(), encoding="utf-8")
    result = run("validate", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 1 file(s), 1 question(s)")


def test_validate_bad_team_file(tmp_path, team_file):
    path = tmp_path / "team.yaml"
    path.write_text(team_file().replace("{D1: 0.5}", "{D1: 1.5}"), encoding="utf-8")
    line = one_error_line(run("validate", path))
    assert "team.yaml" in line and "team_q_one" in line and "D1" in line


def test_validate_two_files_clashing(tmp_path, team_file):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(team_file(), encoding="utf-8")
    second.write_text(team_file(section_id="team_other"), encoding="utf-8")
    line = one_error_line(run("validate", first, second))
    assert "team_q_one" in line and "already used" in line


def test_questions_option_adds_team_file(tmp_path, team_file):
    team = tmp_path / "team.yaml"
    team.write_text(team_file(), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("setup_trajectory: model_first\nteam_q_one: stale\n", encoding="utf-8")

    line = one_error_line(run("assess", answers, "--format", "json"))
    assert "team_q_one" in line and "unknown question" in line

    result = run("assess", answers, "--format", "json", "--questions", team)
    assert result.returncode == 0, result.stderr
    d = json.loads(result.stdout)
    d1 = next(c for p in d["collaboration_points"] for c in p["challenges"] if c["id"] == "D1")
    assert "team_q_one" in d1["triggers"]

    listed = run("questions", "--format", "json", "--questions", team)
    assert listed.returncode == 0
    assert json.loads(listed.stdout)[-1]["id"] == "team_q_one"


def test_questions_option_with_bad_team_file(tmp_path, team_file):
    team = tmp_path / "team.yaml"
    team.write_text(team_file(schema_version="2"), encoding="utf-8")
    line = one_error_line(run("questions", "--questions", team))
    assert "team.yaml" in line and "schema_version" in line


EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) if (ROOT / "examples").is_dir() else []


@pytest.mark.skipif(not EXAMPLES, reason="no examples/ folder yet")
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_shipped_examples_assess(path):
    result = run("assess", path.relative_to(ROOT), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [p["id"] for p in json.loads(result.stdout)["collaboration_points"]] == ["requirements", "data", "integration"]


# -- plan ------------------------------------------------------------------------------------------------------

def test_plan_pdf_from_answers(tmp_path, answers_dir):
    from pypdf import PdfReader

    out = tmp_path / "plan.pdf"
    result = run("plan", answers_dir / "risky.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert reader.metadata.title == "Kickoff plan: risky"
    assert "Ownership matrix (RACI)" in text and "Appendix: answers" in text


def test_plan_markdown_to_stdout_matches_the_pdf_numbers(answers_dir):
    result = run("plan", answers_dir / "risky.yaml", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Kickoff plan: risky")
    assert "| Total duration, P80: 80 of 100 simulated runs finish within |" in result.stdout


def test_plan_uses_the_plan_of_a_project_export(tmp_path, answers_dir):
    from planner.safe_yaml import load_yaml

    answers = load_yaml((answers_dir / "risky.yaml").read_bytes(), "risky")
    document = {"schema_version": 1, "kind": DOCUMENT_KIND, "project": {"name": "Exported <b>project</b>"},
                "answers": answers,
                "plan": {"schema_version": 1, "participants": ["Ana Lima (PO)"],
                         "tasks": [{"name": "Only task", "driver": "model", "optimistic": 2, "likely": 4, "pessimistic": 9}]}}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))
    result = run("plan", path, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Kickoff plan: Exported \\<b\\>project\\</b\\>")
    assert "Ana Lima (PO)" in result.stdout and "| 1 | Only task | model | 2 | 4 | 9 |" in result.stdout


def test_plan_with_separate_plan_file_and_bad_plan(tmp_path, answers_dir):
    good = tmp_path / "plan.yaml"
    good.write_text("schema_version: 1\nparticipants: [Somebody]\n")
    result = run("plan", answers_dir / "risky.yaml", "--plan", good, "--format", "markdown")
    assert result.returncode == 0 and "Somebody" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ntasks:\n  - name: x\n    optimistic: lots\n")
    line = one_error_line(run("plan", answers_dir / "risky.yaml", "--plan", bad, "--format", "markdown"))
    assert "bad.yaml" in line and "optimistic" in line


def test_plan_pdf_needs_an_output_file(answers_dir):
    line = one_error_line(run("plan", answers_dir / "risky.yaml"))
    assert "-o plan.pdf" in line


def test_plan_tickets_csv_is_formula_safe(tmp_path, answers_dir):
    import csv
    import io

    plan = tmp_path / "plan.yaml"
    plan.write_text('schema_version: 1\ntasks:\n  - {name: "=HYPERLINK(\\"http://x\\")", driver: model, optimistic: 1, likely: 2, '
                    'pessimistic: 4, exploratory: true}\n')
    result = run("plan", answers_dir / "risky.yaml", "--plan", plan, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["Summary", "Description", "Issue Type", "Labels", "Estimate (working days)", "Source", "Due date"]
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")" and rows[1][4] == "2.0" and "research" in rows[1][3]
    assert "time-box" in rows[1][1]
    mitigations = [r for r in rows[1:] if "mitigation" in r[3]]
    assert len(mitigations) >= 5 and all(r[5].startswith("§") for r in mitigations)
    assert len({r[0] for r in mitigations}) == len(mitigations)  # each mitigation once
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_an_administrator_can_list_projects_and_mint_a_link(tmp_path, monkeypatch, capsys):
    from planner.cli import main
    from planner.store import Store

    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "admin.db"))
    project = Store().create_project("Lost links")
    assert main(["projects"]) == 0
    assert f"{project.id}  Lost links  (0 facilitator link(s)" in capsys.readouterr().out
    assert main(["link", project.id, "--base-url", "https://planner.example/"]) == 0
    url = capsys.readouterr().out.strip()
    assert url.startswith(f"https://planner.example/?project={project.id}&key=")
    assert Store().resolve_token(project.id, url.rsplit("key=", 1)[1]).facilitator
    assert main(["link", "AAAAAAAAAAAAAAAA"]) == 1
    assert "no project with id 'AAAAAAAAAAAAAAAA'" in capsys.readouterr().err


def test_a_new_link_is_built_on_planner_public_url_and_a_bad_one_exits_2_before_any_link(tmp_path, monkeypatch, capsys):
    from planner.cli import main
    from planner.store import Store

    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "admin.db"))
    project = Store().create_project("Room")
    monkeypatch.setenv("PLANNER_PUBLIC_URL", "https://kickoff.example/planner")
    assert main(["link", project.id, "--role", "participant"]) == 0
    assert capsys.readouterr().out.startswith(f"https://kickoff.example/planner/workshop?project={project.id}&key=")
    monkeypatch.setenv("PLANNER_PUBLIC_URL", "kickoff.example")
    assert main(["link", project.id]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: PLANNER_PUBLIC_URL = 'kickoff.example' is not a usable address") and err.count("\n") == 1
    assert len(Store().links(project.id)) == 1  # nothing was created


@pytest.mark.parametrize("case", ["text-file", "no-folder", "file-as-folder", "postgres-down"])
@pytest.mark.parametrize("command", [["projects"], ["link", "AAAAAAAAAAAAAAAA"]])
def test_an_unusable_database_exits_2_with_one_line_naming_planner_db(tmp_path, case, command):
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting notes, not a database\n" * 50)
    (tmp_path / "a-file").write_text("x")
    setting = {"text-file": str(notes), "no-folder": "/proc/x/planner.db", "file-as-folder": str(tmp_path / "a-file" / "p.db"),
               "postgres-down": "postgresql+psycopg://planner:s3cret-pass@127.0.0.1:1/x"}[case]
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_CONTENT_DIR"}
    env.update(PLANNER_DB=setting, PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run([sys.executable, "-m", "planner", *command], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    line = one_error_line(result)
    assert "The planner cannot open its database" in line and "PLANNER_DB" in line and "s3cret-pass" not in line
    assert result.stdout == ""


HOSTILE_TERMINAL = "a\u001b]0;pwned\u0007\u001b[31mRED\u009b31m\u007f\r\u0085 end"
HOSTILE_C1 = "a]0;pwned\u009b31mRED\u007f\r\u0085 end"  # what an answer may still hold: DEL, C1, CR


@pytest.mark.parametrize("args", [("plan", "--format", "markdown"), ("assess", "--format", "markdown"), ("plan", "--format", "csv")])
def test_text_output_carries_no_terminal_control_characters(tmp_path, args):
    answers = tmp_path / "esc\u001b]0;name\u0007\u009b31m.json"  # the file name is the project name in Markdown
    answers.write_text(json.dumps({"setup_ml_purpose": HOSTILE_TERMINAL, "setup_trajectory": "parallel"}), encoding="utf-8")
    command, *rest = args
    refused = run(command, answers, *rest)  # C0 controls (ESC, BEL) in an answer are refused outright
    assert refused.returncode != 0 and "U+001B" in refused.stderr and refused.stderr.count("\n") == 1
    assert "\x1b" not in refused.stderr and "\x07" not in refused.stderr  # the file name in the message is inert too
    answers.write_text(json.dumps({"setup_ml_purpose": HOSTILE_C1, "setup_trajectory": "parallel"}), encoding="utf-8")
    result = run(command, answers, *rest)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out.txt"
    assert run(command, answers, *rest, "-o", out).returncode == 0
    for text in (result.stdout, out.read_bytes().decode("utf-8")):
        assert not [c for c in text.replace("\r\n", "\n") if ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f], repr(text[:80])
    if args == ("plan", "--format", "markdown"):
        assert "a]0;pwned" in result.stdout.replace("\\", "") and "31mRED" in result.stdout  # the text itself is kept
    if args == ("plan", "--format", "csv"):
        assert out.read_bytes().count(b"\r\n") >= 2  # CSV keeps its CR LF line ends


def test_team_question_text_with_control_characters_prints_inert(tmp_path, team_file):
    team = tmp_path / "team.yaml"  # YAML refuses raw control characters, but its escapes can write them
    team.write_text(team_file().replace("text: How fresh is the data the model is trained on?",
                                              'text: "How \\e]0;pwned\\a fresh \\u009b31m is \\x7f the data?"'), encoding="utf-8")
    text = run("questions", "--questions", team)
    assert text.returncode == 0, text.stderr
    assert "How ]0;pwned fresh 31m is  the data?" in text.stdout
    result = run("questions", "--format", "json", "--questions", team)
    assert result.returncode == 0, result.stderr
    for out in (text.stdout, result.stdout):
        assert not [c for c in out if ord(c) < 32 and c != "\n" or 0x7f <= ord(c) <= 0x9f]
    question = next(q for q in json.loads(result.stdout) if q["id"] == "team_q_one")
    assert question["text"] == "How \x1b]0;pwned\x07 fresh \x9b31m is \x7f the data?"  # JSON keeps the data, escaped


def _plan_format_choices() -> list[str]:
    from planner.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return next(a for a in sub.choices["plan"]._actions if a.dest == "format").choices


def test_plan_formats_are_the_shared_format_table(monkeypatch, tmp_path, answers_dir, capsys):
    from planner.cli import main
    from planner.render.formats import FORMATS, Format

    assert _plan_format_choices() == list(FORMATS) == ["pdf", "docx", "markdown", "csv", "json"]
    monkeypatch.setitem(FORMATS, "text", Format("txt", "text/plain", lambda report: f"plain {report.project_name}", "Text", "plain"))
    assert _plan_format_choices()[-1] == "text"  # one entry in FORMATS is one more choice
    assert main(["plan", str(answers_dir / "risky.yaml"), "--format", "text"]) == 0
    assert capsys.readouterr().out == "plain risky\n"
    monkeypatch.setitem(FORMATS, "blob", Format("bin", "application/octet-stream", lambda report: b"\x00", "Blob", "bytes",
                                                binary=True))
    assert main(["plan", str(answers_dir / "risky.yaml"), "--format", "blob"]) == 1  # bytes need -o
    assert "a BLOB needs an output file: add -o plan.bin" in capsys.readouterr().err
    assert main(["plan", str(answers_dir / "risky.yaml"), "--format", "blob", "-o", str(tmp_path / "x.bin")]) == 0
    assert (tmp_path / "x.bin").read_bytes() == b"\x00"


def test_plan_as_word_needs_an_output_file_and_writes_a_docx(tmp_path, answers_dir, capsys):
    from planner.cli import main

    assert main(["plan", str(answers_dir / "risky.yaml"), "--format", "docx"]) == 1
    assert "needs an output file: add -o plan.docx" in capsys.readouterr().err
    out = tmp_path / "plan.docx"
    assert main(["plan", str(answers_dir / "risky.yaml"), "--format", "docx", "-o", str(out)]) == 0
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Kickoff plan" in text and "Risk per collaboration point" in text


def test_plan_json_prints_the_plan_with_its_schedule_summary(answers_dir, capsys):
    """Issue 14: p50/p80/p95/buffer in working days, target and its chance, each driver with probability and P80 share."""
    from planner.cli import main

    assert main(["plan", str(answers_dir / "risky.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    s = data["schedule"]
    assert s["unit"] == "working days" and s["p50"] <= s["p80"] <= s["p95"] and s["buffer"] == pytest.approx(s["p80"] - s["p50"])
    assert s["target_days"] is not None and 0 <= s["chance_of_target"] <= 1
    assert len(s["drivers"]) == 19 and all({"id", "probability", "contribution_p80"} <= set(d) for d in s["drivers"])
    shares = [d["contribution_p80"] for d in s["drivers"]]
    assert shares == sorted(shares, reverse=True)
    assert data["plan"]["tasks"] and all("added_by" in t for t in data["plan"]["tasks"])


def test_plan_start_date_gives_the_json_schedule_its_calendar_dates(answers_dir, capsys):
    """Issue 14 §2: `--start-date` sets the plan's start; the dates are the core's, counting working days."""
    from datetime import date

    from planner.cli import main
    from planner.plan.calendar import finish_date

    example = str(ROOT / "examples" / "well-prepared.yaml")
    assert main(["plan", example, "--format", "json", "--start-date", "2026-03-02"]) == 0
    data = json.loads(capsys.readouterr().out)
    s, start = data["schedule"], date(2026, 3, 2)
    assert data["plan"]["estimation"]["start_date"] == "2026-03-02" and s["dates"]["start"] == "2026-03-02"
    assert [s["dates"][k] for k in ("p50", "p80", "p95", "committed")] == [
        finish_date(start, days).isoformat() for days in (s["p50"], s["p80"], s["p95"], s["target_days"])]
    assert main(["plan", example, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schedule"]["dates"] is None


def test_a_new_project_id_never_starts_with_a_dash_so_the_command_line_reads_it_as_the_id(monkeypatch):
    """token_urlsafe starts with "-" once in 64 ids; `link <id>` then failed with "the following arguments are required"."""
    import planner.store.projects as projects

    drawn = iter(["-starts-like-an-option", "a-plain-id"])
    monkeypatch.setattr(projects.secrets, "token_urlsafe", lambda n: next(drawn))
    assert projects.new_project_id() == "a-plain-id"
