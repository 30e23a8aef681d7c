"""Every § reference points at a section the paper has, and every challenge ID cited with it sits there.

Checked: every string in questionnaires/ (citations and texts), src/, pages/, docs/*.md, README.md,
and the rendered exports (the Markdown and PDF of the example plan, the CLI's assessment output).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from planner.answers import answers_from_document
from planner.cli import main as cli_main
from planner.content import load_content
from planner.plan import default_plan
from planner.plan.report import build_report
from planner.render.plan_markdown import plan_markdown
from planner.render.plan_pdf import build_pdf
from planner.safe_yaml import load_yaml
from study_paper import ANY_CHALLENGE, CHALLENGE_SECTIONS, ROOT, SECTIONS, paper_text, spaceless

REFERENCE = re.compile(r"§\s?(\d+(?:\.\d+)*)")
ID = r"[RDIQ]\d{1,2}(?:\s*[–-]\s*[RDIQ]?\d{1,2})?"
FOLLOWING_IDS = re.compile(rf"(?:(?:\s*(?:,|:|\band\b)\s*|\s+){ID})*")
ID_RANGE = re.compile(r"([RDIQ])(\d{1,2})(?:\s*[–-]\s*[RDIQ]?(\d{1,2}))?")


def references(text: str) -> list[tuple[str, list[str]]]:
    """Each § reference in `text` with the challenge IDs that follow it (until the next § or other text)."""
    found = []
    for match in REFERENCE.finditer(text):
        tail = FOLLOWING_IDS.match(text, match.end()).group(0)
        ids = []
        for letter, first, last in ID_RANGE.findall(tail):
            ids += [f"{letter}{n}" for n in range(int(first), int(last or first) + 1)]
        found.append((match.group(1), ids))
    return found


def problems_in(text: str) -> list[str]:
    """What is wrong with the § references in one text (empty when all point where they say)."""
    problems = []
    for section, ids in references(text):
        if section not in SECTIONS:
            problems.append(f"§{section} is not a section of the paper")
            continue
        unknown = [c for c in ids if c not in CHALLENGE_SECTIONS]
        misplaced = [c for c in ids if c in CHALLENGE_SECTIONS and section not in CHALLENGE_SECTIONS[c] | ANY_CHALLENGE]
        if unknown:
            problems.append(f"§{section}, {', '.join(unknown)}: no such challenge")
        if misplaced:
            where = "; ".join(f"{c} in §{', §'.join(sorted(CHALLENGE_SECTIONS[c]))}" for c in misplaced)
            problems.append(f"§{section}, {', '.join(misplaced)}: the paper discusses {where}")
    if re.search(r"§(?!\s?\d)", text):
        problems.append("a § without a section number")
    return problems


# -- where the texts come from ----------------------------------------------------------------------

def yaml_strings(value, where: str):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from yaml_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from yaml_strings(item, f"{where}[{index}]")
    elif isinstance(value, str):
        yield where, value


def content_texts():
    for path in sorted((ROOT / "questionnaires").rglob("*.yaml")):
        yield from yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))


def file_lines(paths):
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "§" in line:
                yield f"{path.relative_to(ROOT)}:{number}", line


def code_and_doc_texts():
    code = sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
    docs = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
    for where, line in file_lines(code):
        # in code a bare § can be part of a pattern (the citation regex); only numbered references count
        yield where, re.sub(r"§(?!\s?\d)", "", line)
    yield from file_lines(docs)


def example_report():
    content = load_content()
    answers = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), content, "risky")
    return build_report(content, answers, default_plan(content, answers), project_name="Example", date="2026-11-23")


def export_texts(capsys):
    report = example_report()
    yield "plan Markdown", plan_markdown(report)
    pdf = PdfReader(io.BytesIO(build_pdf(report, invariant=True)))
    yield "plan PDF", "\n".join(page.extract_text() for page in pdf.pages)
    for fmt in ("text", "markdown"):
        assert cli_main(["assess", str(ROOT / "examples" / "risky.yaml"), "--format", fmt]) == 0
        yield f"CLI assess --format {fmt}", capsys.readouterr().out


def failures(texts) -> tuple[int, list[str]]:
    count, wrong = 0, []
    for where, text in texts:
        count += len(references(text))
        wrong += [f"{where}: {problem}" for problem in problems_in(text)]
    return count, wrong


def report(wrong: list[str]) -> str:
    return f"{len(wrong)} wrong § references, e.g.:\n" + "\n".join(wrong[:60])


# -- the checks ------------------------------------------------------------------------------------

def test_the_section_table_follows_the_papers_headings_in_order():
    lines = [spaceless(line) for line in paper_text().splitlines()]
    position = 0
    for number, heading in SECTIONS.items():
        key = spaceless(heading.replace("organizational structures", "org") if number == "4" else heading)
        at = next((i for i in range(position, len(lines)) if lines[i].startswith(key)), None)
        assert at is not None, f"§{number} {heading!r} not found after line {position + 1} of the paper"
        position = at + 1


@pytest.mark.parametrize("text, expected", [
    ("§5.2, D3; §8", [("5.2", ["D3"]), ("8", [])]),
    ("§6.2, D1, D4, D5", [("6.2", ["D1", "D4", "D5"])]),
    ("R1–R3 (§5.2, R1–R3) and §7.3, Q1 and Q4.", [("5.2", ["R1", "R2", "R3"]), ("7.3", ["Q1", "Q4"])]),
    ("the points (§5–§7) and themes (§8)", [("5", []), ("7", []), ("8", [])]),
])
def test_a_reference_owns_the_ids_that_follow_it(text, expected):
    assert references(text) == expected


@pytest.mark.parametrize("text, problem", [
    ("§4.2, R1", "§4.2 is not a section"),
    ("§6.3, Q4", "§6.3 is not a section"),
    ("§5.2, D3", "§5.2, D3: the paper discusses D3 in §6, §6.1, §6.2"),
    ("§5.2, R4", "§5.2, R4"),
    ("§7.2, Q3", "§7.2, Q3"),
    ("§6.2, D3; §7.3, I1", "§7.3, I1"),
    ("§6.2, D9", "no such challenge"),
    ("see §", "without a section number"),
])
def test_a_wrong_reference_is_caught(text, problem):
    assert any(problem in p for p in problems_in(text)), problems_in(text)


@pytest.mark.parametrize("text", ["§8, R1, D3, I2, Q4", "§4, D6", "§1", "§5, R1, R4", "§7, Q2", "§5.3, R4, R5", "§7.3, Q1–Q4"])
def test_a_right_reference_passes(text):
    assert problems_in(text) == []


def test_every_reference_in_the_content_points_where_it_says():
    count, wrong = failures(content_texts())
    assert count > 300  # the content cites the study throughout
    assert not wrong, report(wrong)


def test_every_reference_in_code_and_docs_points_where_it_says():
    count, wrong = failures(code_and_doc_texts())
    assert count > 30
    assert not wrong, report(wrong)


def test_every_reference_in_the_exports_points_where_it_says(capsys):
    texts = list(export_texts(capsys))
    for where, text in texts:
        assert references(text), f"{where} cites nothing"
    _, wrong = failures(texts)
    assert not wrong, report(wrong)


def test_the_checked_places_exist():
    assert (ROOT / "questionnaires" / "knowledge" / "knowledge_base.yaml").is_file()
    assert all(Path(ROOT / p).is_file() for p in ("README.md", "docs/scoring.md", "docs/content-format.md", "pages/method.py"))


# -- the study is named so a reference can be looked up --------------------------------------------

DOI, ARXIV = "10.1145/3510003.3510209", "2110.10234"


def test_the_plan_pdf_and_markdown_name_the_paper_by_doi_and_arxiv_on_the_first_page():
    report = example_report()
    markdown = plan_markdown(report)
    opening = markdown[:markdown.index("\n## ")]  # the cover, before the first section
    assert DOI in opening and ARXIV in opening
    first_page = PdfReader(io.BytesIO(build_pdf(report, invariant=True))).pages[0].extract_text()
    assert DOI in re.sub(r"\s+", "", first_page) and ARXIV in first_page

