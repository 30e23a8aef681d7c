"""Benchmark: the PDF of the largest plan the model accepts, against the PDF of a normal plan.

The maximal plan fills every list of `planner.plan.model.Plan` to its cap (ROW_LIMITS) and every
text to its length limit (read from the model, so raising a cap changes this benchmark too): RACI
rows × roles, decisions, parking lot, glossary, tasks, monitoring, experts, ... with ordinary words.
The report (assessment, Monte Carlo) is built beforehand with few trials: this measures rendering.
Prints the seconds (CPU and wall) and the ratio to the normal plan of bench/bench_pdf.py; the
target is that the maximal plan builds in under TARGET_S seconds of CPU time. Not a test: it
prints and never fails a build. `run()` returns the result for bench/run_all.py.
"""

from __future__ import annotations

import sys
import time
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 3.0
RUNS = 3

for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

WORDS = ("kickoff plans help teams agree on requirements data and integration before model work starts while the "
         "client and the data scientists settle what accuracy means ").split()


TEXTS = ("words", "long-word", "entities", "line-breaks")  # `python bench/bench_pdf_worst.py entities`
MODE = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in TEXTS else "words"


def _text(limit: int | None, seed: int) -> str:
    """Text up to `limit` characters (the model's cap for that field): ordinary words, or text made to be
    slow to lay out - one long word, markup characters that become entities, a line break per character."""
    limit = 60 if limit is None else limit
    if MODE == "long-word":
        return "x" * limit
    if MODE == "entities":
        return ("<&>" * limit)[:limit]
    if MODE == "line-breaks":
        from planner.text import line_breaks_allowed

        lines = "x\n" * min(line_breaks_allowed(limit), limit // 2)
        return (lines + "x" * limit)[:limit]
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < limit:
        out.append(WORDS[i % len(WORDS)])
        i += 1
    return " ".join(out)[:limit].rstrip() or "x"


def _cap(field) -> int | None:
    """max_length of a text field, from the pydantic metadata."""
    metadata = list(field.metadata)
    for arg in typing.get_args(field.annotation):
        metadata += list(getattr(arg, "__metadata__", ()))
    for item in metadata:
        limit = getattr(item, "max_length", None)
        if limit is not None:
            return limit
    return None


def _item_cap(annotation) -> int | None:
    """The text cap of a list's item type (e.g. participants: list[_text(200)])."""
    for arg in typing.get_args(annotation):
        for item in getattr(arg, "__metadata__", ()):
            if getattr(item, "max_length", None) is not None:
                return item.max_length
    return None


def _filled(model, seed: int):
    """An instance of `model` with every text at its length limit (numbers and choices at plausible values)."""
    values = {}
    for name, field in model.model_fields.items():
        if field.annotation is str or str in typing.get_args(field.annotation):
            values[name] = _text(_cap(field), seed + len(name))
    return model(**values) if values else model()


def maximal_plan():
    """The largest plan the model accepts (every cap reached)."""
    from planner.plan.model import (
        AgendaItem,
        DataAgreement,
        Decision,
        Expert,
        ExpertAccess,
        GlossaryEntry,
        MonitoringItem,
        ParkingItem,
        ROW_LIMITS,
        Plan,
        Quality,
        RaciRow,
        ReleaseCriteria,
        ReleaseCriterion,
        Role,
        Task,
    )

    fields = Plan.model_fields
    n = {name: limit for name, (limit, _) in ROW_LIMITS.items()}
    role_cap = _cap(Role.model_fields["name"])
    roles = [Role(name=f"{i:02d} " + _text(role_cap - 3, i), external=i % 5 == 0, lacks_capability=i % 7 == 0)
             for i in range(n["roles"])]
    raci_values = ("R", "A", "C", "I", "A/R", "")
    raci = [RaciRow(activity=f"{i:04d} " + _text(_cap(RaciRow.model_fields["activity"]) - 5, i),
                    cells={r.name: raci_values[(i + j) % len(raci_values)] for j, r in enumerate(roles)})
            for i in range(n["raci"])]
    tasks = [Task(name=_text(_cap(Task.model_fields["name"]), i), driver=("model", "data", "engineering", "none")[i % 4],
                  optimistic=1 + i % 5, likely=3 + i % 5, pessimistic=8 + i % 5, exploratory=i % 9 == 0)
             for i in range(n["tasks"])]
    experts = [_filled(Expert, i).model_copy(update={"hours": {"exploration": 4, "development": 2, "integration": 2,
                                                               "operation": 1}, "response_hours": 24})
               for i in range(n["experts"])]
    monitoring = [_filled(MonitoringItem, i).model_copy(update={"effort_days_per_month": 1.5, "cost_per_month": 200})
                  for i in range(n["monitoring"])]
    agenda = [_filled(AgendaItem, i).model_copy(update={"minutes": 10}) for i in range(n["agenda"])]
    release = _filled(ReleaseCriteria, 0).model_copy(update={"criteria": [_filled(ReleaseCriterion, i) for i in range(n["release_criteria"])],
                                                              "sign_off": roles[0].name, "worse_error": "false_negative"})
    return Plan(
        participants=[_text(_item_cap(fields["participants"].annotation), i) for i in range(n["participants"])],
        tasks=tasks,
        expert_access=ExpertAccess(experts=experts, escalation_path=_text(_cap(ExpertAccess.model_fields["escalation_path"]), 1)),
        data_agreement=_filled(DataAgreement, 0),
        monitoring=monitoring,
        roles=roles,
        raci=raci,
        qualities=[_filled(Quality, i) for i in range(n["qualities"])],
        glossary=[_filled(GlossaryEntry, i) for i in range(n["glossary"])],
        agenda=agenda,
        decisions=[_filled(Decision, i) for i in range(n["decisions"])],
        parking_lot=[_filled(ParkingItem, i) for i in range(n["parking_lot"])],
        release_criteria=release,
    )


def _report(plan, content, answers):
    from planner.plan.report import build_report

    small = plan.model_copy(update={"estimation": plan.estimation.model_copy(update={"trials": 1000})})
    return build_report(content, answers, small, project_name="Benchmark project")


def _seconds(report) -> tuple[float, float, int]:
    """Median CPU and wall seconds of build_pdf(report) over RUNS, and the page count.

    CPU time is the figure compared with the target: a build is single-threaded, and on a shared
    machine the wall time also counts the other processes' turns."""
    from planner.render.plan_pdf import build_pdf

    cpu, wall, pdf = [], [], b""
    for _ in range(RUNS):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        pdf = build_pdf(report)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return sorted(cpu)[RUNS // 2], sorted(wall)[RUNS // 2], pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")


def run() -> dict:
    from planner.answers import answers_from_document
    from planner.content import load_content
    from planner.plan import default_plan
    from planner.safe_yaml import load_yaml

    content = load_content()
    answers = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), content, "risky")
    normal_s, normal_wall, normal_pages = _seconds(_report(default_plan(content, answers), content, answers))
    plan = maximal_plan()
    worst_s, worst_wall, worst_pages = _seconds(_report(plan, content, answers))
    ratio = worst_s / normal_s
    print(f"pdf of the maximal plan, {MODE} ({len(plan.raci)} RACI rows × {len(plan.roles)} roles, {len(plan.decisions)} decisions, "
          f"{len(plan.tasks)} tasks, {len(plan.glossary)} glossary terms, {len(plan.parking_lot)} parked): "
          f"{worst_s:.2f} s CPU ({worst_wall:.2f} s wall), {worst_pages} pages; normal plan {normal_s:.2f} s CPU "
          f"({normal_wall:.2f} s wall), {normal_pages} pages; ratio {ratio:.1f} (target: maximal < {TARGET_S:g} s)")
    return {"name": "pdf_worst_case", "value": worst_s * 1000, "unit": "ms CPU", "target": f"< {TARGET_S * 1000:.0f} ms",
            "passed": worst_s < TARGET_S, "ratio_to_normal": ratio}


if __name__ == "__main__":
    run()
