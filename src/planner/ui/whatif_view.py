"""What-if on the Plan page: each mitigation on its own, with the answers it would change."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from ..answers import Answers
from ..assessment import Assessment
from ..content import Content
from ..i18n import Translator
from ..plan.units import DURATION_UNIT
from ..plan.whatif import CHANGED, KEPT, NOT_ASKED, AnswerChange, LeverEffect, lever_effects, planned_task, what_if
from .language import ui_translator
from .state import md

_MEMO_KEY = "plan_whatif_effects"
_SCHEDULE_KEY = "plan_whatif_schedules"


def cached_lever_effects(project_id: str, content: Content, answers: Answers, before: Assessment) -> tuple[LeverEffect, ...]:
    """Each lever's own effect, computed once per project, content and answers (one assessment per lever)."""
    key = (project_id, id(content), json.dumps(answers, sort_keys=True, default=str))
    memo = st.session_state.get(_MEMO_KEY)
    if memo is None or memo[0] != key:
        memo = (key, lever_effects(content, answers, before=before))
        st.session_state[_MEMO_KEY] = memo
    return memo[1]


def schedule_inputs(plan) -> str:
    """What of the plan a simulation reads: the tasks and the estimation settings (seed, trials, target...), not the
    start date (it only turns days into dates) nor any other section - editing those re-simulates nothing."""
    return json.dumps({"tasks": [t.model_dump(mode="json") for t in plan.tasks],
                       "estimation": plan.estimation.model_dump(mode="json", exclude={"start_date"})}, sort_keys=True)


def cached_lever_schedules(project_id: str, content: Content, answers: Answers, plan, before: Assessment, schedule_before,
                           effects: tuple[LeverEffect, ...]) -> dict[str, object]:
    """Each lever's own what-if (P80 with it, its own work), computed once per project, answers and schedule_inputs."""
    key = (project_id, id(content), json.dumps(answers, sort_keys=True, default=str), schedule_inputs(plan))
    memo = st.session_state.get(_SCHEDULE_KEY)
    if memo is None or memo[0] != key:
        memo = (key, {e.lever.id: what_if(content, answers, plan, [e.lever.id], before=before, schedule_before=schedule_before,
                                          after=e.after) for e in effects if e.changes_anything})
        st.session_state[_SCHEDULE_KEY] = memo
    return memo[1]


def signed(value: float, places: int, t: Translator) -> str:
    """A change with its sign, e.g. "+1.5" (English as Python writes it) / "+1,5"."""
    if t.english:
        return f"{value:+.{places}f}"
    return ("+" if round(value, places) >= 0 else "-") + t.fixed(abs(value), places)


def _p80(result, t: Translator) -> str:
    if result is None or result.schedule_before is None or result.schedule_after is None:
        return "–"
    return _cell(result.schedule_before.p80, result.schedule_after.p80, t)


def _chance(result, t: Translator) -> str:
    """The chance of the committed delivery now → with the mitigation (its own work included)."""
    if result is None or result.schedule_before is None or result.schedule_after is None:
        return "–"
    before, after = result.schedule_before.probability_on_time, result.schedule_after.probability_on_time
    if before is None or after is None:
        return "–"
    if abs(after - before) < 0.005:
        return t._("{before} (no change)").format(before=t.pct(before))
    return f"{t.pct(before)} → {t.pct(after)}"


def _cost(effect: LeverEffect, result, t: Translator, plan=None) -> str:
    if effect.lever.buffer:
        return t._("0 (changes the commitment, not the work)")
    task = planned_task(plan, effect.lever)
    if task is not None:
        return t._("in the plan: {likely}").format(likely=t.g(task.likely)) if task.likely is not None else t._("in the plan")
    if result is None or not result.added_tasks:
        return "0" if effect.lever.effort is None or not effect.changes_anything else "–"
    low, likely, high = (sum(getattr(x, f) for x in result.added_tasks) for f in ("optimistic", "likely", "pessimistic"))
    return f"+{t.g(likely)} ({t.g(low)}–{t.g(high)})"


def _cell(before: float | None, after: float | None, t: Translator) -> str:
    if before is None or after is None:
        return "–"
    delta = after - before
    if abs(delta) < 0.05:
        return t._("{before} (no change)").format(before=t.fixed(before))
    return f"{t.fixed(before)} → {t.fixed(after)} ({signed(delta, 1 if abs(delta) < 1 else 0, t)})"


def _gain(effect: LeverEffect) -> float:
    return sum(p.before - p.after for p in effect.points if p.before is not None and p.after is not None)


def _change_line(change: AnswerChange, t: Translator) -> str:
    question = f"**{md(change.question.text)}**"
    if change.status == CHANGED:
        return f"- {question}: {md(change.before_label)} → {md(change.after_label)}"
    if change.status == KEPT:
        return t._("- {question}: stays *{answer}* — it already signals no more risk than the mitigation's answer").format(
            question=question, answer=md(change.before_label))
    if change.status == NOT_ASKED:
        return t._("- {question}: not asked in this project, so no change").format(question=question)
    return t._("- {question}: not answered yet — answer it to see what this mitigation changes").format(question=question)


def show_lever_effects(effects: tuple[LeverEffect, ...], point_titles: dict[str, str], schedules: dict | None = None,
                       plan=None) -> None:
    """A table of each lever's own effect per collaboration point, P80 and its own work, then the answers each lever changes."""
    schedules, t = schedules or {}, ui_translator()
    _ = t._
    unit = _(DURATION_UNIT)
    committed = any(r.schedule_before is not None and r.schedule_before.target_days is not None for r in schedules.values())
    st.markdown(_("**Each mitigation on its own** — score now → with only this mitigation, per collaboration point; P80 now → "
                  "with it") + (_("; the chance of the committed delivery now → with it") if committed else "") +
                _("; the mitigation's own work in {unit} (likely, and its range: the planner's default) "
                  "(largest effect first)").format(unit=unit))
    ranked = sorted(effects, key=lambda e: (-_gain(e), not e.changes_anything))  # sorted() is stable: knowledge-base order within ties
    mitigation, chance = _("Mitigation"), _("Chance · commitment")
    p80, own = _("P80 ({unit})").format(unit=unit), _("Own work ({unit})").format(unit=unit)
    rows = [{mitigation: e.lever.title, **{point_titles[p.point_id]: _cell(p.before, p.after, t) for p in e.points},
             p80: _p80(schedules.get(e.lever.id), t), **({chance: _chance(schedules.get(e.lever.id), t)} if committed else {}),
             own: _cost(e, schedules.get(e.lever.id), t, plan)} for e in ranked]
    st.table(pd.DataFrame(rows).set_index(mitigation))
    st.markdown(_("**The answers each mitigation changes** (the questionnaire keeps today's answers until you change them)"))
    for effect in ranked:
        title = md(effect.lever.title)
        with st.expander(title if effect.changes_anything else _("{title} (changes no answer here)").format(title=title)):
            st.markdown("\n".join(_change_line(c, t) for c in effect.changes))
            st.caption(_("Source: {citations}").format(citations=md("; ".join(effect.lever.citations))))
