"""How the plan's identifiers are shown: the workshop's roles, the task kinds and the uncertainty drivers.

They stay the same in every language (a plan, a RACI cell and a participant store them as they are); a document
shows them in its own language through the code's catalog. A name the catalog does not know (a team's own role)
is shown as it is.
"""

from __future__ import annotations

from ..i18n import ENGLISH, N_, Translator
from .participants import entry, split

# planner.domain.WORKSHOP_ROLES, marked for the catalog (tests/test_i18n.py checks that both lists agree)
ROLE_NAMES = (N_("Product owner / PM"), N_("Data scientist"), N_("Software engineer"), N_("ML / platform engineer"),
              N_("Domain expert"), N_("QA / tester"), N_("Labelling vendor"), N_("Client"), N_("Other"))
# the task kinds of plan_defaults.yaml and the uncertainty drivers of planner.plan.model.Driver (English shows the ids)
KIND_NAMES = {
    "exploration": N_("exploration"), "acquisition": N_("acquisition"), "access": N_("access"), "privacy": N_("privacy"),
    "labelling": N_("labelling"), "cleaning": N_("cleaning"), "pipeline": N_("pipeline"), "model": N_("model"),
    "rewrite": N_("rewrite"), "integration": N_("integration"), "testing": N_("testing"), "monitoring": N_("monitoring"),
    "data": N_("data"), "engineering": N_("engineering"), "none": N_("none"),
}


def role_name(name: str, t: Translator = ENGLISH) -> str:
    """A role as the document's language names it; a team's own role as it is."""
    return t._(name) if name in ROLE_NAMES else name


def role_names(names, t: Translator = ENGLISH) -> str:
    return ", ".join(role_name(n, t) for n in names)


def participant_line(line: str, t: Translator = ENGLISH) -> str:
    """A participant line ("Ana — Data scientist") with the role in the document's language; English: the line as it is."""
    name, role = split(line)
    return line if t.english or not role else entry(name, role_name(role, t))


def kind_name(kind: str, t: Translator = ENGLISH) -> str:
    """A task kind or uncertainty driver (e.g. "engineering") in the document's language."""
    return t._(KIND_NAMES[kind]) if kind in KIND_NAMES else kind
