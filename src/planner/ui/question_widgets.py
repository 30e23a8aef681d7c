"""One widget per question type; every change is validated and saved immediately.

`show_question` renders a question whose answer changes other parts of the page (a trigger of follow-up
questions or of an explainer card) as before: its answers rerun the whole page. Every other question's widget is its
own fragment: its answers rerun that widget alone, unless the answer changes the page after all (it became answered
or unanswered, so the counts and the "Clear answer" button change; a message appears or goes: a conflict, a failed
save, an answer that was not valid): then the callback asks for a full rerun with st.rerun(scope="app"). The label
and the help caption around the widget never change with its answer, so they are drawn by full runs only: a fragment
run sends the browser one element, not four (issue 16).
"""

from __future__ import annotations

import streamlit as st

from ..answers import fit_stored, normalise
from ..assessment import answer_label
from ..content import Question
from ..store import ConflictError, StoreError
from .language import ui_translator
from .state import current_author, get_store, guarded, md

KEY_PREFIX = "quest_q_"


def question_label(number: int, text: str, suffix: str = "") -> str:
    """Show "**6.** question text" (escaped Markdown) and return the widget's label as plain text, "6. question text".

    Streamlit copies a widget's label string as it is into aria-label: a Markdown label is read out as "star star 6".
    So the widget gets the plain label, collapsed (label_visibility="collapsed"), and the page shows the Markdown one.
    """
    st.markdown(f"**{number}.** {md(text)}{md(suffix)}")
    return f"{number}. {text}{suffix}"


def widget_key(question_id: str) -> str:
    return KEY_PREFIX + question_id


def resolve_exclusive(question: Question, previous: list, chosen: list) -> list:
    """Picking an exclusive option ("none of these") drops the others, and vice versa."""
    added = [v for v in chosen if v not in previous]
    if any(question.option(v).exclusive for v in added):
        return [v for v in added if question.option(v).exclusive][-1:]
    return [v for v in chosen if not question.option(v).exclusive] if added else chosen


def _to_widget(question: Question, value):
    if question.type == "multi":
        return list(value or [])
    if question.type == "text":
        return value or ""
    return value


def sync_widget(question: Question, stored_value, stored_version: int) -> None:
    """Put the stored answer into the widget unless this session already shows that version.

    Widget state is dropped when a page is left and is per browser tab; the store is the truth,
    so a newer stored version (another tab, a refresh) replaces what the widget holds.
    """
    key = widget_key(question.id)
    seen = st.session_state.setdefault("quest_seen_versions", {})
    if key not in st.session_state or seen.get(question.id) != stored_version:
        st.session_state[key] = _to_widget(question, stored_value)
        seen[question.id] = stored_version


@guarded()
def _save(project_id: str, question: Question, answered: bool) -> bool:
    """Validate and save the widget's value; True when the whole page must rerun: the question became answered
    or unanswered (the counts), a message about it appears or goes (it is drawn outside the widget's fragment), or
    the stored answer may now differ from the widget (a conflict or a failed save: only a full run puts it back,
    see sync_widget)."""
    _ = ui_translator()._
    key = widget_key(question.id)
    seen = st.session_state.setdefault("quest_seen_versions", {})
    value = st.session_state.get(key)
    if question.type == "multi":
        previous = st.session_state.setdefault("quest_multi_prev", {}).get(question.id, [])
        value = resolve_exclusive(question, previous, value or [])
        st.session_state[key] = value
    errors = st.session_state.setdefault("quest_errors", {})
    try:
        normalised = normalise(question, value)
    except ValueError as exc:
        errors[question.id] = _("Not saved: the answer {problem}.").format(problem=exc)
        return True
    try:
        seen[question.id] = get_store().save_answer(project_id, question.id, normalised, seen.get(question.id, 0),
                                                    author=current_author())
        had_message = errors.pop(question.id, None) is not None
        return had_message or (normalised is not None) != answered
    except ConflictError as exc:
        st.session_state[key] = _to_widget(question, fit_stored(question, exc.current_value))  # never trusted as stored
        seen[question.id] = exc.current_version
        errors[question.id] = _("Someone else changed this answer while you were editing; their answer is shown "
                                "now. Change it again if yours should win.")
        return True
    except StoreError as exc:
        # The widget shows what the user clicked, which is not stored: the next run puts the stored answer back.
        seen.pop(question.id, None)
        errors[question.id] = _("Not saved: your answer “{answer}” to “{question}”. {problem} The answer stored before is shown "
                                "again.").format(answer=md(_shown_value(question, normalised)), question=md(question.text),
                                                 problem=md(str(exc)))
        return True


def _shown_value(question: Question, value) -> str:
    """The answer as the user picked it, for a message (option labels, not values; long text cut)."""
    if value is None or value == []:
        return ui_translator()._("(cleared)")
    try:
        text = str(answer_label(question, value))
    except (KeyError, ValueError, TypeError, AttributeError):
        text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _changed(project_id: str, question: Question, answered: bool, in_fragment: bool) -> None:
    """on_change of a question's widget: save; in a fragment, rerun the whole page if the answer changes more
    than this question (`answered` comes from the last full run, which every change of it causes). Outside a
    fragment the interaction reruns the page anyway (st.rerun there would only add a second run)."""
    if _save(project_id, question, answered) is not False and in_fragment:  # None: access is gone, the full run says why
        st.rerun(scope="app")


def _clear(project_id: str, question: Question, answered: bool) -> None:
    """on_click of "Clear answer": the button is outside every fragment, so its click reruns the page anyway."""
    st.session_state[widget_key(question.id)] = _to_widget(question, None)
    _changed(project_id, question, answered, in_fragment=False)


def show_question(project_id: str, question: Question, number: int, answered: bool, trigger: bool) -> None:
    """The label, the widget, then why-we-ask / example in one caption, the "Clear answer" button and a message, one
    element after the other. A trigger question's widget (its answer changes other parts of the page) is part of the
    page, any other one its own fragment.

    No columns: in the browser every element of the page is drawn again at each (fragment) run, so each question
    keeps to few elements (three blocks fewer than a two-column layout; issue 16)."""
    _ = ui_translator()._
    unit = f" ({question.number.unit})" if question.type == "number" and question.number.unit else ""
    label = question_label(number, question.text, unit)
    if trigger:
        question_widget(project_id, question, label, answered)
    else:
        widget_fragment(project_id, question, label, answered)
    st.caption(help_caption(question))
    if answered:  # it appears and goes with full runs only: answering or clearing changes the counts
        st.button(_("Clear answer"), key=f"quest_clear_{question.id}", type="tertiary", on_click=_clear,
                  args=(project_id, question, answered))
    error = st.session_state.get("quest_errors", {}).get(question.id)
    if error:
        st.warning(error)


@st.fragment
def widget_fragment(project_id: str, question: Question, label: str, answered: bool) -> None:
    """One question's widget as a fragment: its answers rerun only this function, with the arguments of the last
    full run (so the stored value and version are synced outside it, by sync_widget on full runs only)."""
    question_widget(project_id, question, label, answered, in_fragment=True)


def question_widget(project_id: str, question: Question, label: str, answered: bool, in_fragment: bool = False) -> None:
    """The question's widget (its label collapsed: question_label shows it), for a multiple choice with the options
    picked in full."""
    _ = ui_translator()._
    key = widget_key(question.id)
    args = dict(key=key, on_change=_changed, args=(project_id, question, answered, in_fragment), label_visibility="collapsed")
    if question.type in ("single", "scale"):
        values = [o.value for o in question.options]
        labels = {o.value: (f"{o.value} – {o.label}" if question.type == "scale" else o.label) for o in question.options}
        st.radio(label, values, index=None, format_func=lambda v: md(labels.get(v, str(v))), **args)
    elif question.type == "multi":
        st.session_state.setdefault("quest_multi_prev", {})[question.id] = list(st.session_state.get(key) or [])
        labels = {o.value: o.label for o in question.options}
        exclusive = any(o.exclusive for o in question.options)  # "Select all" would pick a contradiction
        st.multiselect(label, [o.value for o in question.options], format_func=lambda v: labels.get(v, str(v)),
                       placeholder=_("Choose all that apply"), wrap=True, select_all=not exclusive, **args)
        chosen = [labels[v] for v in st.session_state.get(key) or [] if v in labels]
        if chosen:  # long labels are cut off inside the chips: say in full what is picked
            st.caption(_("Chosen: {options}").format(options="; ".join(md(c) for c in chosen)))
    elif question.type == "number":
        spec = question.number
        step = 1 if spec.integer else None
        low, high = (int(spec.min), int(spec.max)) if spec.integer else (spec.min, spec.max)
        st.number_input(label, min_value=low, max_value=high, step=step, placeholder=_("Not answered"), **args)
    else:
        st.text_area(label, max_chars=question.max_length or 2000, height=90,
                     placeholder=_("Type and click outside to save"), **args)


def help_caption(question: Question) -> str:
    """Why we ask, an example and the sources (Markdown, user text escaped); for an unscored question, that it is an
    optional note."""
    _ = ui_translator()._
    optional = ("*" + _("Optional note: it appears in the plan document but does not count towards the questions answered "
                        "or the scores.") + "*  \n" if not question.scored else "")
    return optional + _("**Why we ask:** {help}  \n**Example:** {example}  \n*Source: {sources}*").format(
        help=md(question.help), example=md(question.example), sources=md("; ".join(question.citations)))
