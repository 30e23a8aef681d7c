"""The study's text and section table, shared by the citation and own-words tests."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAPER_NAME = "nahar-2022-collaboration-challenges.txt"
# Beside the repository in the workshop tree; inside it (docs/reference/) in a standalone clone.
PAPER_CANDIDATES = (ROOT.parent / "shared" / "reference" / PAPER_NAME, ROOT / "docs" / "reference" / PAPER_NAME)

# The paper's sections (Nahar, Zhou, Lewis, Kästner, ICSE 2022), number -> heading, in the paper's order.
SECTIONS = {
    "1": "Introduction",
    "2": "State of the art",
    "3": "Research design",
    "4": "Diversity of organizational structures",
    "5": "Collaboration point: requirements and planning",
    "5.1": "Common development trajectories",
    "5.2": "Product and model requirements",
    "5.3": "Project planning",
    "6": "Collaboration point: training data",
    "6.1": "Common organizational structures",
    "6.2": "Negotiating data quality and quantity",
    "7": "Collaboration point: product-model integration",
    "7.1": "Common organizational structures",
    "7.2": "Responsibility and culture clashes",
    "7.3": "Quality assurance for model and product",
    "8": "Discussion and conclusions",
}

# Where the paper discusses each challenge; sections that may go with any challenge.
CHALLENGE_SECTIONS = {
    **{f"R{n}": {"5", "5.1", "5.2"} for n in (1, 2, 3)},
    **{f"R{n}": {"5", "5.1", "5.3"} for n in (4, 5)},
    **{f"D{n}": {"6", "6.1", "6.2"} for n in range(1, 7)},
    **{f"I{n}": {"7", "7.1", "7.2"} for n in range(1, 5)},
    **{f"Q{n}": {"7", "7.3"} for n in range(1, 5)},
}
ANY_CHALLENGE = {"1", "3", "4", "8"}


def paper_path() -> Path:
    for candidate in PAPER_CANDIDATES:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"the study's text is in none of {[str(p) for p in PAPER_CANDIDATES]}")


def paper_text() -> str:
    return paper_path().read_text(encoding="utf-8")


def spaceless(text: str) -> str:
    """Lowercase letters and digits only: the extraction runs many words together."""
    return re.sub(r"[^a-z0-9]", "", text.lower())
