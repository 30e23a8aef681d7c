"""Own words: no run of 8 or more words shared with the paper, outside the paper's title cited as a title.

The same check as ../shared/tools/own_words.py: every string in questionnaires/, every string literal in
pages/ and src/, docs/*.md and README.md, against the paper's extracted text. Two matchers: word n-grams,
and a "spaceless" one (the extraction runs many words together: "datascientistsoftenwork...").
"""

from __future__ import annotations

import ast
import re
import unicodedata

import pytest
import yaml

from planner import study
from study_paper import ROOT, paper_text

RUN = 8  # words
CONTRACTION_TAILS = {"t", "s", "re", "ll", "ve", "d", "m"}  # the paper's "don t" is glued back to "dont"


def norm_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def paper_words() -> list[str]:
    glued: list[str] = []
    for word in norm_words(paper_text()):
        if glued and word in CONTRACTION_TAILS:
            glued[-1] += word
        else:
            glued.append(word)
    return glued


class Paper:
    def __init__(self, words: list[str]):
        self.grams = {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}
        self.spaceless = "".join(words)

    def shared_runs(self, words: list[str]) -> list[str]:
        """Each maximal run of at least RUN words that the paper also has."""
        runs, i = [], 0
        while i <= len(words) - RUN:
            window = words[i:i + RUN]
            if tuple(window) in self.grams or "".join(window) in self.spaceless:
                j = i + RUN
                while j < len(words) and "".join(words[i:j + 1]) in self.spaceless:
                    j += 1
                runs.append(" ".join(words[i:j]))
                i = j
            else:
                i += 1
        return runs


TITLE = norm_words(study.TITLE)


def without_title(words: list[str]) -> list[list[str]]:
    """The words around each mention of the paper's title (a title cited as a title is not copied prose)."""
    parts, start, i = [], 0, 0
    while i < len(words):
        if words[i:i + len(TITLE)] == TITLE:
            parts.append(words[start:i])
            i = start = i + len(TITLE)
        else:
            i += 1
    return [*parts, words[start:]]


def yaml_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from yaml_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from yaml_strings(item)
    elif isinstance(value, str):
        yield value


def tool_texts():
    for path in sorted((ROOT / "questionnaires").rglob("*.yaml")):
        for text in yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield str(path.relative_to(ROOT)), text
    for path in [*sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "src").rglob("*.py")), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value
    for path in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paper():
    return Paper(paper_words())


def copied(paper: Paper, text: str) -> list[str]:
    return [run for part in without_title(norm_words(text)) for run in paper.shared_runs(part)]


def test_the_check_finds_a_copied_sentence_even_across_glued_words(paper):
    sentence = "product requirements cannot be established without involving data scientists for model prototyping"
    assert copied(paper, f"We agree. {sentence.title()}!") == [sentence]
    glued = "disagreements and frustrations around training data were the most common collaboration challenges"
    assert copied(paper, glued)  # the paper has it as "disagreementsandfrustrationsaroundtrainingdatawerethemost common ..."
    assert copied(paper, "Data scientists and engineers should talk to each other early and often.") == []


def test_the_papers_title_cited_as_a_title_is_allowed(paper):
    assert copied(paper, f"Based on *{study.TITLE}* (Nahar et al., ICSE 2022).") == []
    part = "collaboration challenges in building ml enabled systems communication documentation"
    assert copied(paper, f"We studied {part} today.") == [part]  # only the whole title, as a title, is exempt


def test_the_planners_texts_are_its_own_words(paper):
    found = [f"{where}: “{run}”" for where, text in tool_texts() for run in copied(paper, text)]
    assert not found, f"{len(found)} runs of {RUN}+ words shared with the paper:\n" + "\n".join(found)
