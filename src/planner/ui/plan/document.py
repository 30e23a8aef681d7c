"""Document: the open findings, the participants on the cover, the downloads (one per format) and starting over."""

from __future__ import annotations

from functools import partial

import streamlit as st

from ...filenames import safe_filename
from ...i18n import LANGUAGES, from_locale
from ...plan.model import ROW_LIMITS, Plan
from ...render.formats import FORMATS
from ..plan_editing import on_field_change, plan_report, reset_plan, show_error
from . import columns as col
from .view import PlanView

PARTICIPANT_CHARS = col.field_limits(Plan, "participants", part="items")["max_chars"]
PARTICIPANT_ROWS = ROW_LIMITS["participants"][0]


def participants_from_text(text: str | None) -> list[str]:
    """One participant per non-empty line, cut to the plan's limits."""
    return [line.strip()[:PARTICIPANT_CHARS] for line in (text or "").splitlines() if line.strip()][:PARTICIPANT_ROWS]


def download_key(name: str) -> str:
    return f"plan_dl_{FORMATS[name].extension}"


def count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def document_language(plan: Plan, browser_locale: str | None) -> str:
    """The plan's document language; until one is chosen, the browser's (st.context.locale), else English."""
    return plan.language or from_locale(browser_locale)


def _language(view: PlanView) -> str:
    """The "Document language" select; a choice is saved in the plan, so it travels with the plan file."""
    current = document_language(view.plan, getattr(st.context, "locale", None))
    codes = list(LANGUAGES)
    st.session_state["plan_document_language"] = current  # the stored (or the browser's) language, also after another tab's change
    st.selectbox("Document language", codes, format_func=LANGUAGES.get, key="plan_document_language",
                 help="The language of the PDF, Word and Markdown files. The page itself stays in English.",
                 on_change=on_field_change, args=(*view.ctx, "document", ("language",), "plan_document_language"))
    return current


def _downloads(view: PlanView, language: str) -> None:
    report = view.report
    if language != report.language:
        report, _chart = plan_report(view.snapshot, view.plan, report.version, language)
    for column, (name, fmt) in zip(st.columns(len(FORMATS)), FORMATS.items(), strict=True):
        column.download_button(fmt.label, partial(fmt.to_bytes, report), safe_filename(view.project.name + fmt.stem, fmt.extension),
                               mime=fmt.mime, key=download_key(name), on_click="ignore", help=fmt.help,
                               type="primary" if fmt.primary else "secondary")


def show(view: PlanView) -> None:
    report = view.report
    counts = {level: sum(f.level == level for f in report.findings) for level in ("error", "warning", "open")}
    disagreements = len(report.open_workshop_questions())
    unsettled = f", {count(disagreements, 'workshop disagreement')} not settled" if disagreements else ""
    st.markdown(f"**{count(counts['error'], 'problem')}, {count(counts['warning'], 'warning')}, "
                f"{count(counts['open'], 'open question')}{unsettled}** — "
                "they are listed in the document so the team can settle them at the kickoff.")
    st.text_area("Participants (one per line, shown on the cover)", value="\n".join(view.plan.participants), max_chars=5000,
                 key="plan_participants", on_change=on_field_change,
                 args=(*view.ctx, "document", ("participants",), "plan_participants", participants_from_text))
    language = _language(view)
    show_error("document")
    _downloads(view, language)
    with st.expander("Start over"):
        if st.checkbox("Replace the whole plan by fresh defaults from the answers", key="plan_reset_confirm"):
            st.button("Reset the plan", key="plan_reset", on_click=reset_plan, args=view.ctx)
