"""The workshop heatmap (ui/charts.py): colours that name the answer options, readable on a phone and a projector."""

from planner.content import load_content
from planner.domain import Participant
from planner.ui.charts import HEATMAP_WRAP, divergence_heatmap_spec
from planner.workshop import divergence

CONTENT = load_content()
QUESTION = next(q for q in CONTENT.kb.expectations if q.id == "exp_system_testing")  # the longest option label


def _results(*given):
    people = [Participant(f"p{n}", f"P{n}", role, {QUESTION.id: value}) for n, (role, value) in enumerate(given)]
    return [d for d in divergence(CONTENT, people) if d.roles]


def test_each_answer_option_has_its_own_colour_and_its_label_in_the_legend():
    """The colour was "Answer (first ↔ last option)" on a 0–1 gradient: nobody could say what a shade meant."""
    values = [o.value for o in QUESTION.options]
    spec = divergence_heatmap_spec(_results(("Client", values[0]), ("Client", values[2]), ("Data scientist", values[3])))
    chart = spec["vconcat"][0]
    colour = chart["encoding"]["color"]
    assert colour["type"] == "nominal" and colour["field"] == "Answer"
    legend = [label.replace("\n", " ") for label in colour["scale"]["domain"]]
    assert legend == [o.label for o in QUESTION.options]  # every option named, in the question's order
    assert len(set(colour["scale"]["range"])) == len(QUESTION.options)  # one colour each
    rows = {(r["Role"], r["Answer in full"]): r["People"] for r in chart["data"]["values"]}
    assert rows == {("Client", QUESTION.options[0].label): 1, ("Client", QUESTION.options[2].label): 1,
                    ("Data scientist", QUESTION.options[3].label): 1}
    assert spec["resolve"]["legend"]["color"] == "independent"  # each question's legend lists its own options


def test_labels_wrap_and_stack_so_nothing_overlaps_on_a_phone():
    """At 390 px the role names overprinted ("Data sci€lient") and the heatmap collapsed to a sliver."""
    spec = divergence_heatmap_spec(_results(("Product owner / PM", "qa_team"), ("Domain expert", "product_team")))
    chart = spec["vconcat"][0]
    assert chart["encoding"]["y"]["field"] == "Role"  # role names down the side, one per row: they cannot collide
    assert chart["encoding"]["color"]["legend"]["orient"] == "bottom" and chart["encoding"]["color"]["legend"]["columns"] == 1
    assert chart["encoding"]["color"]["legend"]["labelLimit"] == 0 and "split(" in chart["encoding"]["color"]["legend"]["labelExpr"]
    lines = [*chart["title"]["text"], *(line for label in chart["encoding"]["color"]["scale"]["domain"] for line in label.split("\n"))]
    assert all(len(line) <= HEATMAP_WRAP for line in lines)
    assert " ".join(chart["title"]["text"]) == QUESTION.text
    assert chart["width"] <= 210  # plus ≤ 120 px of role names: within a phone's 358 px


def test_the_projector_version_is_larger():
    small = divergence_heatmap_spec(_results(("Client", "qa_team")))["vconcat"][0]
    large = divergence_heatmap_spec(_results(("Client", "qa_team")), large=True)["vconcat"][0]
    assert large["encoding"]["y"]["axis"]["labelFontSize"] > small["encoding"]["y"]["axis"]["labelFontSize"] >= 12
    assert large["width"] > small["width"]


def test_no_answers_no_chart():
    assert divergence_heatmap_spec(_results()) is None
