"""Document: the open findings, the participants on the cover, the downloads (one per format) and starting over."""

from __future__ import annotations

from functools import partial

import streamlit as st

from ...filenames import safe_filename
from ...i18n import LANGUAGES, N_, Translator, from_locale
from ...plan.model import ROW_LIMITS, Plan
from ...render.formats import FORMATS
from ..language import ui_translator
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


COUNTED = {"error": (N_("1 problem"), N_("{n} problems")), "warning": (N_("1 warning"), N_("{n} warnings")),
           "open": (N_("1 open question"), N_("{n} open questions")),
           "disagreement": (N_("1 workshop disagreement not settled"), N_("{n} workshop disagreements not settled"))}


def count(t: Translator, n: int, kind: str) -> str:
    """E.g. "1 problem", "3 warnings" (COUNTED's kinds) in t's language."""
    one, many = COUNTED[kind]
    return t._(one) if n == 1 else t._(many).format(n=t.integer(n))


def document_language(plan: Plan, browser_locale: str | None) -> str:
    """The plan's document language; until one is chosen, the browser's (st.context.locale), else English."""
    return plan.language or from_locale(browser_locale)


def _language(view: PlanView) -> str:
    """The "Document language" select; a choice is saved in the plan, so it travels with the plan file."""
    current = document_language(view.plan, getattr(st.context, "locale", None))
    codes, _ = list(LANGUAGES), ui_translator()._
    st.session_state["plan_document_language"] = current  # the stored (or the browser's) language, also after another tab's change
    st.selectbox(_("Document language"), codes, format_func=LANGUAGES.get, key="plan_document_language",
                 help=_("The language of the PDF, Word and Markdown files; the page itself follows the app's language (sidebar)."),
                 on_change=on_field_change, args=(*view.ctx, "document", ("language",), "plan_document_language"))
    return current


def _downloads(view: PlanView, language: str) -> None:
    report, _ = view.report, ui_translator()._
    if language != report.language:
        report, _chart = plan_report(view.snapshot, view.plan, report.version, language)
    for column, (name, fmt) in zip(st.columns(len(FORMATS)), FORMATS.items(), strict=True):
        column.download_button(_(fmt.label), partial(fmt.to_bytes, report), safe_filename(view.project.name + fmt.stem, fmt.extension),
                               mime=fmt.mime, key=download_key(name), on_click="ignore", help=_(fmt.help) if fmt.help else None,
                               type="primary" if fmt.primary else "secondary")


def show(view: PlanView) -> None:
    report, t = view.report, ui_translator()
    _ = t._
    counts = {level: sum(f.level == level for f in report.findings) for level in ("error", "warning", "open")}
    disagreements = len(report.open_workshop_questions())
    found = [count(t, counts[level], level) for level in ("error", "warning", "open")]
    found += [count(t, disagreements, "disagreement")] if disagreements else []
    st.markdown(_("**{found}** — they are listed in the document so the team can settle them at the kickoff.")
                .format(found=", ".join(found)))
    st.text_area(_("Participants (one per line, shown on the cover)"), value="\n".join(view.plan.participants), max_chars=5000,
                 key="plan_participants", on_change=on_field_change,
                 args=(*view.ctx, "document", ("participants",), "plan_participants", participants_from_text))
    language = _language(view)
    show_error("document")
    _downloads(view, language)
    with st.expander(_("Start over")):
        if st.checkbox(_("Replace the whole plan by fresh defaults from the answers"), key="plan_reset_confirm"):
            st.button(_("Reset the plan"), key="plan_reset", on_click=reset_plan, args=view.ctx)
