"""Kickoff plan documents: the PDF (text extracted with pypdf) and the Markdown export."""

import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from planner.answers import answers_from_document
from planner.content import load_content
from planner.plan import Plan, default_plan
from planner.plan.catalogue import load_catalogue
from planner.plan.model import DataAgreement, GlossaryEntry, MonitoringItem, Quality, RaciRow, Role, Task
from planner.plan.report import build_report
from planner.render.plan_markdown import plan_markdown
from planner.render.plan_pdf import build_pdf
from planner.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content()
RISKY = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), CONTENT, "risky")

HOSTILE = {
    "markup": "<b>bold</b> & <i>x</i> &amp; </para>",
    "image": '<img src="file:///etc/passwd" width="500"/>',
    "font": '<font color="red" size="40">big</font>',
    "link": '<a href="javascript:alert(1)">click</a>',
    "cyrillic": "Данные от клиента",
    "greek": "Ακρίβεια μοντέλου",
    "latin": "Zürich Ærø façade",
}
EXOTIC = {  # fallback glyphs are allowed for these, a crash is not
    "emoji": "launch 🚀 👩‍💻 done",
    "arabic": "بيانات التدريب",
    "cjk": "训练数据 モデル",
    "rtl_override": "abc\u202edef",
    "controls": "tab\there\x00nul\x07bell",
}


def reader_of(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader_of(pdf).pages)


FOOTER = re.compile(r"ML kickoff planner · based on Nahar et al\., ICSE 2022\npage \d+ of \n\d+\n")


def body_text(pdf: bytes, project_name: str) -> str:
    """The pages' text without header and footer, so text split across a page break joins up again."""
    pages = []
    for page in reader_of(pdf).pages:
        text = FOOTER.sub("", page.extract_text(), count=1)
        pages.append(text.removeprefix(f"Kickoff plan\n{project_name}\n"))
    return "".join(pages)


def squash(text: str) -> str:
    """Text without whitespace: wrapped lines and split words compare equal to the original."""
    return re.sub(r"\s+", "", text)


def report_for(plan: Plan, answers=None, **kwargs):
    kwargs.setdefault("project_name", "Test project")
    kwargs.setdefault("date", "2026-11-23")
    return build_report(CONTENT, RISKY if answers is None else answers, plan, **kwargs)


def hostile_plan(texts: dict[str, str]) -> Plan:
    plan = default_plan(CONTENT, RISKY)
    values = [*texts.values()] * 7  # enough values for every field below
    plan.participants = [f"{key}: {value}"[:200] for key, value in texts.items()]
    plan.tasks = [*plan.tasks, *[Task(name=v[:200], driver="model", optimistic=1, likely=2, pessimistic=3) for v in values]]
    plan.data_agreement = DataAgreement(quantity=values[0], quality_thresholds=values[1], contact=values[2])
    plan.monitoring = [*plan.monitoring, MonitoringItem(item=values[3], owner=values[4], feedback_path=values[5])]
    plan.roles = [*plan.roles, Role(name=values[6][:80])]
    plan.raci = [*plan.raci, RaciRow(activity=values[0][:200], cells={values[6][:80]: "A/R"})]
    plan.qualities = [Quality(name="Latency", target=values[1]), Quality(name="Fairness", not_needed=True, reason=values[2])]
    plan.glossary = [GlossaryEntry(term=values[3][:120], meaning=values[4], pitfall=values[5])]
    return plan


@pytest.fixture(scope="module")
def risky_pdf():
    plan = default_plan(CONTENT, RISKY)
    report = report_for(plan)
    return report, build_pdf(report, invariant=True)


def test_pdf_has_every_section_and_numbers(risky_pdf):
    report, pdf = risky_pdf
    reader = reader_of(pdf)
    text = pdf_text(pdf)
    for section in load_catalogue().sections:
        assert section.title in text, section.title
    for title in ("Summary", "Risk per collaboration point", "Open questions", "Sign-off", "Appendix: answers"):
        assert title in text
    s = report.buffers.summary
    for value in (s.p50, s.p80, s.p95, s.buffer):
        assert f"{value:.0f}" in text  # whole working days, as the app shows them
    for point in report.assessment.points:
        assert f"{point.score:.0f} / 100" in text
    for finding in report.findings:
        assert squash(finding.message) in squash(text), finding.message
    n = len(reader.pages)
    assert n > 8
    assert f"page1of{n}" in squash(text) and f"page{n}of{n}" in squash(text)  # Y is a form XObject


def test_pdf_metadata_and_bookmarks(risky_pdf):
    _, pdf = risky_pdf
    reader = reader_of(pdf)
    assert reader.metadata.title == "Kickoff plan: Test project"
    assert reader.metadata.author == "ML kickoff planner"

    def titles(outline):
        for entry in outline:
            yield from titles(entry) if isinstance(entry, list) else [entry.title]

    found = list(titles(reader.outline))
    for section in load_catalogue().sections:
        assert section.title in found
    assert "Appendix: answers" in found and "Open questions" in found


def test_pdf_answers_appendix_cites_every_answer(risky_pdf):
    report, pdf = risky_pdf
    text = squash(pdf_text(pdf))
    assert report.answer_lines
    for line in report.answer_lines:
        assert squash(line.question) in text
        assert squash(line.answer) in text
        assert squash(line.citations) in text


def test_pdf_invariant_output_is_byte_identical():
    plan = default_plan(CONTENT, RISKY)
    first = build_pdf(report_for(plan), invariant=True)
    second = build_pdf(report_for(plan), invariant=True)
    assert first == second
    changed = plan.model_copy(update={"participants": ["Somebody else"]})
    assert build_pdf(report_for(changed), invariant=True) != first


def test_pdf_shows_hostile_text_literally():
    plan = hostile_plan(HOSTILE)
    pdf = build_pdf(report_for(plan, project_name=HOSTILE["markup"], project_description=HOSTILE["image"]), invariant=True)
    text = squash(pdf_text(pdf))
    for key, value in HOSTILE.items():
        assert squash(value) in text, key
    reader = reader_of(pdf)
    assert reader.metadata.title == "Kickoff plan: " + HOSTILE["markup"]
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for name in xobjects:
            assert xobjects[name].get_object().get("/Subtype") != "/Image", "user markup became an image"
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert "/URI" not in action and "/JS" not in action, "user markup became a link"
    assert b"/JavaScript" not in pdf and b"/URI" not in pdf


def test_pdf_survives_scripts_emoji_and_control_characters():
    plan = hostile_plan(EXOTIC)
    pdf = build_pdf(report_for(plan, project_name=EXOTIC["emoji"]), invariant=True)
    text = pdf_text(pdf)
    assert "launch" in text and "done" in text
    assert "\ufffd" in text  # emoji / CJK fall back to the replacement glyph instead of crashing
    assert "nul" in text and "\x00" not in text


def test_pdf_long_answer_and_long_word_wrap_across_pages():
    word = "abcdefghij" * 1000  # 10,000 characters, no space
    essay = ("The client will send monthly extracts. " * 520)[:2000]  # the question's limit: longer ones count as unanswered
    answers = {**RISKY, "setup_ml_purpose": essay, "data_expert_names": word}
    plan = default_plan(CONTENT, RISKY)
    plan.data_agreement = DataAgreement(quantity="q" * 2000, contact=("x" * 40 + " ") * 48)
    plan.tasks = [*plan.tasks, Task(name="y" * 200, driver="data", optimistic=1, likely=2, pessimistic=3)]
    pdf = build_pdf(report_for(plan, answers, project_description=word), invariant=True)
    text = squash(body_text(pdf, "Test project"))
    assert word in text
    assert squash(essay) in text
    # a 2,000-character cell may split across a page, below the repeated header row
    assert "q" * 2000 in text.replace("ItemAgreed", "") and "y" * 200 in text
    assert len(reader_of(pdf).pages) > 20


def test_pdf_raci_with_500_rows_and_many_roles():
    plan = default_plan(CONTENT, RISKY)
    roles = [Role(name=f"Role number {i}") for i in range(20)]
    rows = [RaciRow(activity=f"Activity {i}", cells={roles[i % 20].name: "A", roles[(i + 1) % 20].name: "R"}) for i in range(500)]
    plan = plan.model_copy(update={"roles": roles, "raci": rows})
    pdf = build_pdf(report_for(plan), invariant=True)
    text = pdf_text(pdf)
    assert "Activity 499" in text and "Role number 19" in text
    assert "Roles 17–20 of 20" in text  # 20 roles print as three tables of at most 8 roles


def test_pdf_of_an_empty_plan_and_no_answers():
    pdf = build_pdf(report_for(Plan(), answers={}, project_name=""), invariant=True)
    text = pdf_text(pdf)
    for expected in ("Untitled project", "No tasks yet.", "No domain experts named yet.", "The matrix is empty.",
                     "No questions answered yet.", "no answers yet"):
        assert expected in text, expected


def test_pdf_with_invalid_estimates_lists_the_rows():
    """Issue 14: a wrong row blocks the simulation (it was left out before); the PDF names it with the fix."""
    plan = Plan(tasks=[Task(name="Backwards", optimistic=9, likely=5, pessimistic=2), Task(name="Fine", optimistic=1, likely=2,
                                                                                          pessimistic=4)])
    text = " ".join(pdf_text(build_pdf(report_for(plan), invariant=True)).split())
    assert "Rows to fix before the simulation runs" in text and "row 1 (Backwards)" in text and "swap them" in text
    assert "The simulation waits until the wrong estimate rows" in text


# -- Markdown -------------------------------------------------------------------------------------------------

def markdown_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def test_markdown_has_every_section_and_the_same_numbers(risky_pdf):
    report, _ = risky_pdf
    text = plan_markdown(report)
    for section in load_catalogue().sections:
        assert f"## {section.title}" in text, section.title
    s = report.buffers.summary
    assert f"| Total duration, P80: 80 of 100 simulated runs finish within | {s.p80:.0f} |" in text
    for line in report.answer_lines:
        assert line.question.replace("\\", "") in text.replace("\\", "")
    html = markdown_html(text)
    assert html.count("<h1>") == 1
    assert html.count("<table>") >= 8


def test_markdown_keeps_user_markup_inert():
    hostile = {**HOSTILE, "md_image": "![x](http://evil/x.png)", "md_link": "[click](javascript:alert(1))",
               "heading": "# Not a heading", "list": "1. not a list", "pipe": "a | b || c", "streamlit": ":red[alert] $x^2$",
               "multiline": "first line\n\n    indented code?\n---"}
    plan = hostile_plan(hostile)
    text = plan_markdown(report_for(plan, project_name=hostile["heading"], project_description=hostile["multiline"]))
    html = markdown_html(text)
    for tag in ("<img", "<a ", "<b>", "<font", "<i>x", "<pre", "<code", "<ol", "<hr"):
        assert tag not in html, tag
    assert html.count("<h1>") == 1 and "<h1>Kickoff plan: # Not a heading</h1>" in html
    assert "&lt;img src=&quot;file:\u2060///etc/passwd&quot;" in html  # a word joiner keeps `://` from linking
    for row in (line for line in text.splitlines() if line.startswith("| ") and "a \\| b" in line):
        assert row.count(" | ") == row.replace("\\|", "").count(" | ")  # escaped pipes do not add columns


def test_markdown_of_an_empty_plan():
    text = plan_markdown(report_for(Plan(), answers={}, project_name=""))
    assert text.startswith("# Kickoff plan: Untitled project")
    assert "No tasks yet." in text and "The matrix is empty." in text and "No questions answered yet." in text


def test_client_appendix_holds_the_triggered_cards(risky_pdf):
    report, pdf = risky_pdf
    assert report.cards
    text = squash(pdf_text(pdf))
    markdown = plan_markdown(report)
    assert "For the client: what ML can and cannot promise" in pdf_text(pdf)
    for fired in report.cards:
        assert squash(fired.card.title) in text and squash(fired.card.takeaway) in text
        assert f"### {fired.card.title}" in markdown.replace("\\", "")
    quiet = build_pdf(report_for(Plan(), answers={}), invariant=True)
    assert "For the client" not in pdf_text(quiet)


def test_adopted_mitigations_on_the_summary_page():
    plan = default_plan(CONTENT, RISKY).model_copy(update={"adopted_levers": ["data_contract", "no_such_lever"]})
    report = report_for(plan)
    assert [lever.id for lever in report.adopted.levers] == ["data_contract"]
    first_pages = "".join(p.extract_text() for p in reader_of(build_pdf(report, invariant=True)).pages[:3])
    assert "Mitigations adopted at the kickoff" in first_pages
    assert "A written data supply agreement with the provider" in first_pages
    assert "Training data" in first_pages and "→" in first_pages
    assert "### Mitigations adopted at the kickoff" in plan_markdown(report)


def test_workshop_section_in_pdf_and_markdown():
    from planner.plan.model import Decision, ParkingItem

    plan = default_plan(CONTENT, RISKY).model_copy(update={
        "decisions": [Decision(topic="Error budget", decision="At most 5% <i>false</i> alarms", owner="PO", decided_on="2026-11-23")],
        "parking_lot": [ParkingItem(question="Who pays for labelling after launch?")]})
    report = report_for(plan)
    text = pdf_text(build_pdf(report, invariant=True))
    for expected in ("Kickoff workshop", "Agenda", "Decision log", "At most 5% <i>false</i> alarms", "Parking lot",
                     "Who pays for labelling after launch?", "Total"):
        assert expected in text, expected
    markdown = plan_markdown(report)
    assert "## Kickoff workshop" in markdown and "At most 5% \\<i\\>false\\</i\\> alarms" in markdown
    assert "Kickoff workshop" not in pdf_text(build_pdf(report_for(Plan(), answers={}), invariant=True))


def test_the_workshop_leaves_its_open_disagreements_and_participants_in_every_format():
    """Issue 15: the signed plan lists what the room did not agree on (with each role's answers) and who was there."""
    from planner.plan.model import OpenQuestion, RoleAnswers
    from planner.render import document as d
    from planner.render.outline import plan_document

    plan = default_plan(CONTENT, RISKY).model_copy(update={
        "participants": ["Ana — Product owner / PM", "Bo <b>DS</b> — Data scientist", "Dee"],
        "open_questions": [OpenQuestion(expectation="exp_model_quality", question="How good must the model be before it goes live?",
                                        answers=[RoleAnswers(role="Product owner / PM", answers="2× Near-perfect <i>!</i>"),
                                                 RoleAnswers(role="Data scientist", answers="1× Roughly right is fine")])]})
    report = report_for(plan)
    text = squash(body_text(build_pdf(report, invariant=True), "Test project"))
    for expected in ("Disagreements the workshop did not settle", "How good must the model be before it goes live?",
                     "Product owner / PM: 2× Near-perfect <i>!</i>", "Data scientist: 1× Roughly right is fine",
                     "Bo <b>DS</b> — Data scientist"):
        assert squash(expected) in text, expected
    markdown = plan_markdown(report)
    assert "Disagreements the workshop did not settle" in markdown and "Near-perfect \\<i\\>!\\</i\\>" in markdown
    blocks = list(d.walk(plan_document(report).blocks))
    sign_off = next(b for b in blocks if isinstance(b, d.Table) and [c.label for c in b.columns][-2:] == ["Signature", "Date"])
    assert [row[:2] for row in sign_off.rows][:4] == [("Product owner / PM", "Ana"), ("Data scientist", "Bo <b>DS</b>"), ("", "Dee"),
                                                       ("Software engineer", "")]  # then the roles nobody there holds
    cover = next(b for b in blocks if isinstance(b, d.Table) and b.rows and b.rows[-1][0] == "Participants")
    assert cover.rows[-1][1] == "Ana — Product owner / PM\nBo <b>DS</b> — Data scientist\nDee"
    open_table = next(b for b in blocks if isinstance(b, d.Table) and [c.label for c in b.columns][:2] == ["Question", "How each role answered"])
    assert open_table.rows[0][1] == "Product owner / PM: 2× Near-perfect <i>!</i>; Data scientist: 1× Roughly right is fine"  # no line
    # breaks: a PDF cell keeps only a few lines, and " / " (how it joins the rest) is inside role names
    counts = next(b for b in blocks if isinstance(b, d.Table) and [c.label for c in b.columns] == ["Open points", "Count"])
    assert ("Disagreements the workshop did not settle", "1") in counts.rows
    without = squash(body_text(build_pdf(report_for(default_plan(CONTENT, RISKY)), invariant=True), "Test project"))
    assert squash("Disagreements the workshop did not settle") not in without


def test_monitoring_costs_carry_the_plan_currency_and_an_empty_total_is_not_zero():
    plan = default_plan(CONTENT, RISKY).model_copy(update={"currency": "CHF"})
    report = report_for(plan)
    markdown = plan_markdown(report)
    text = pdf_text(build_pdf(report, invariant=True))
    for document in (markdown, squash(text)):
        assert squash("Cost / month (CHF)") in squash(document)
        assert "0.00" not in document  # no costs entered: the total is "–", not a made-up zero
    costed = plan.model_copy(update={"monitoring": [plan.monitoring[0].model_copy(update={"cost_per_month": 1200.0})]})
    assert "1,200.00" in plan_markdown(report_for(costed))


def test_durations_say_working_days_in_every_format():
    report = report_for(default_plan(CONTENT, RISKY))
    markdown, text = plan_markdown(report), pdf_text(build_pdf(report, invariant=True))
    for document in (squash(markdown), squash(text)):
        assert squash("Tasks (working days)") in document and squash("Total duration (working days)") in document
        assert "(days)" not in document


# -- links from user text -------------------------------------------------------------------------------------

URLS = ["http://127.0.0.1:1/track.png", "https://example.com/a?b=c", "HTTPS://EXAMPLE.COM", "ftp://files.example.org/x",
        "see www.example.com/x.", "(www.example.com)", "x_www.example.com", "mailto:ana@example.com", "ana.lima+po@example.co.uk",
        "xmpp:bo@example.org", "<https://example.com>", "Ana <ana@example.com>, Bo"]


@pytest.mark.parametrize("text", URLS)
def test_escaped_text_never_becomes_a_link_but_reads_the_same(text):
    from gfm_autolink import autolinks

    from planner.render.escape import escape_markdown, escape_markdown_file

    assert autolinks(text.replace("<", " "))  # the stand-in does find the link in the raw text
    for escaped in (escape_markdown(text), escape_markdown_file(text)):
        assert autolinks(escaped) == [], escaped
        shown = re.sub(r"<[^>]+>", "", markdown_html(escaped)).strip().replace("&lt;", "<").replace("&gt;", ">")
        assert shown.replace("\u2060", "").replace("&amp;", "&") == text  # only invisible word joiners were added


def test_markdown_export_and_app_text_with_urls_have_no_links():
    from gfm_autolink import autolinks

    from planner.render.escape import escape_markdown

    url = "http://127.0.0.1:1/track.png www.example.com ana@example.com"
    plan = hostile_plan({"url": url})
    text = plan_markdown(report_for(plan, project_name=url, project_description=url))
    assert autolinks(text) == [] and text.count("127.0.0.1") > 10
    assert autolinks(f"**{escape_markdown(url)}**") == []


# -- builds at the same time ----------------------------------------------------------------------------------

def test_a_pdf_builds_while_another_is_in_layout(monkeypatch):
    """No process-wide lock around a build: one user's large PDF does not hold up another's."""
    import threading

    from planner.render import plan_pdf

    in_layout, release = threading.Event(), threading.Event()
    original = plan_pdf._PlanDoc.afterFlowable

    def after_flowable(doc, flowable):  # the slow document stops in the middle of its layout
        if doc.header == "Slow project" and not release.is_set():
            in_layout.set()
            release.wait(60)
        original(doc, flowable)

    monkeypatch.setattr(plan_pdf._PlanDoc, "afterFlowable", after_flowable)
    slow_report, quick_report = report_for(Plan(), project_name="Slow project"), report_for(Plan(), project_name="Quick")
    results = {}
    slow = threading.Thread(target=lambda: results.setdefault("slow", build_pdf(slow_report)), daemon=True)
    quick = threading.Thread(target=lambda: results.setdefault("quick", build_pdf(quick_report)), daemon=True)
    slow.start()
    assert in_layout.wait(60)
    quick.start()
    quick.join(60)
    finished_while_slow_waited = not quick.is_alive() and slow.is_alive()
    release.set()
    slow.join(60)
    quick.join(60)
    assert finished_while_slow_waited, "the second PDF waited for the first one"
    assert "Quick" in pdf_text(results["quick"]) and "Slow project" in pdf_text(results["slow"])


def test_pdfs_built_in_parallel_equal_one_built_alone():
    from concurrent.futures import ThreadPoolExecutor

    reports = [report_for(default_plan(CONTENT, RISKY), project_name=f"Project {i}") for i in range(3)]
    alone = [build_pdf(r, invariant=True) for r in reports]
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(lambda r: build_pdf(r, invariant=True), reports * 2))
    assert together == alone * 2


def test_escaped_text_is_one_fragment_per_style():
    """reportlab starts a fragment at every entity; merged runs keep escaped user text quick to lay out."""
    from planner.render.plan_pdf import Paragraph, _styles, markup

    plain = Paragraph(markup("<&> " * 250), _styles()["cell"])
    assert len(plain.frags) == 1 and plain.frags[0].text == "<&> " * 249 + "<&>"
    mixed = Paragraph(f"<b>{markup('a & b')}</b> {markup('<c>')}<br/>d", _styles()["cell"])
    assert [f.text for f in mixed.frags if hasattr(f, "text")][:2] == ["a & b", " <c>"]
    text = pdf_text(build_pdf(report_for(Plan(decisions=[{"decision": "<&> " * 200}])), invariant=True))
    assert "<&> <&>" in text


def test_a_pdf_text_keeps_at_most_a_dozen_lines_and_loses_no_words():
    from planner.render.plan_pdf import MAX_LINES, clean

    text = "\n".join(f"line{i}" for i in range(40))
    shown = clean(text)
    assert shown.count("\n") == MAX_LINES - 1
    assert all(f"line{i}" in shown for i in range(40))
    assert clean("a\nb") == "a\nb"


def test_plain_cells_wrap_at_spaces_then_hyphens_and_never_overflow():
    from reportlab.pdfbase import pdfmetrics

    from planner.render.plan_pdf import FONT, _wrap_plain, register_fonts

    register_fonts()
    width = pdfmetrics.stringWidth("person-days", FONT, 8) - 1
    assert _wrap_plain("Effort (person-days/month)", FONT, 8, width).split("\n")[:2] == ["Effort", "(person-"]
    text = "a " * 30 + "x" * 300 + " <b>&amp;</b>"
    lines = _wrap_plain(text, FONT, 8, 60)
    assert all(pdfmetrics.stringWidth(line, FONT, 8) <= 60 for line in lines.split("\n"))
    assert "".join(lines.split()) == "".join(text.split())  # nothing lost, markup kept as text


def test_plan_names_a_blocking_answer_first_and_the_weakest_link(best_answers_except):
    """Issue 12: telemetry the model team cannot read (§7.3, Q4), every other answer the best one: Q4 is at least 80 and
    integration at least high; PDF and Markdown say why, with the answer as Q4's first trigger."""
    answers = best_answers_except({"qa_telemetry": "ops_only"}, CONTENT)
    report = report_for(default_plan(CONTENT, answers), answers)
    assert report.assessment.point("integration").weakest_link == "Q4"
    blocker = CONTENT.questions["qa_telemetry"].option("ops_only").label
    markdown = plan_markdown(report)
    q4 = markdown[markdown.index("**Q4 "):]
    first = next(line for line in q4.splitlines() if line.startswith("- "))
    assert first.startswith("- **On its own:** ") and blocker in first and "at least 80%" in first
    assert "**At least high because Q4 is very likely** (the average of its challenges is 14;" in markdown
    text = squash(body_text(build_pdf(report, invariant=True), "Test project"))
    assert squash(f"On its own: {CONTENT.questions['qa_telemetry'].text} → {blocker} → at least 80%") in text
    assert squash("At least high because Q4 is very likely (the average of its challenges is 14;") in text


def test_a_markdown_heading_keeps_a_project_name_that_ends_in_hashes():
    """'Team ##' must not lose its '##' as a closing sequence of the heading."""
    from planner.render.plan_markdown import plan_markdown

    text = plan_markdown(report_for(default_plan(CONTENT, RISKY), project_name="Team ##"))
    first = text.splitlines()[0]
    assert first.startswith("# ") and first.endswith("Team \\#\\#")


def test_release_criteria_in_pdf_markdown_and_json():
    """Issue 15 §3: the criteria the room agreed, which error is worse, the sign-off and when, in every format; user text literal."""
    import json

    from planner.plan.model import ReleaseCriteria, ReleaseCriterion
    from planner.render.plan_json import plan_json

    release = ReleaseCriteria(criteria=[ReleaseCriterion(metric="Recall of <b>ICU</b> cases", target=">= 0.85 & stable", baseline="Triage nurses",
                                                         evaluation_data="2024 admissions, held out", subgroups="Each hospital", agreed=True)],
                              worse_error="false_negative", false_negative_cost="A late transfer to intensive care", sign_off="Product owner",
                              evaluated_when="Before the pilot")
    report = report_for(default_plan(CONTENT, RISKY).model_copy(update={"release_criteria": release}))
    text = squash(pdf_text(build_pdf(report, invariant=True)))
    for expected in ("Release criteria", "Recall of <b>ICU</b> cases", ">= 0.85 & stable", "Triage nurses", "Each hospital", "agreed",
                     "A miss is worse", "A late transfer to intensive care", "Signed off by", "Before the pilot"):
        assert squash(expected) in text, expected
    assert squash("Cost of a false positive (false alarm)OPEN") in text  # not agreed yet
    markdown = plan_markdown(report)
    assert "## Release criteria" in markdown and "Recall of \\<b\\>ICU\\</b\\> cases" in markdown and "A miss is worse" in markdown
    assert json.loads(plan_json(report))["plan"]["release_criteria"]["criteria"][0]["target"] == ">= 0.85 & stable"
    suggested = plan_markdown(report_for(default_plan(CONTENT, RISKY)))
    assert "| suggested |" in suggested and "row 2 suggested by" in suggested
    assert "No release criteria yet." in plan_markdown(report_for(Plan(), answers={}))
