"""Load and cross-check the questionnaire and the knowledge base; errors name file, id and field."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..safe_yaml import load_yaml
from . import translations
from .expectation_answers import expectation_answer_problems
from .schema import (
    CHALLENGE_IDS,
    POINT_OF_PREFIX,
    Challenge,
    KnowledgeBase,
    Mitigation,
    Question,
    QuestionFile,
    Section,
    citation_challenges,
)
from .validation import check_version as _check_version
from .validation import validate as _validate

KB_NAME = "knowledge/knowledge_base.yaml"
MAX_CUSTOM_FILES = 10
KEPT_LIMIT = 256  # values one Content keeps (see Content.kept)


_DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[3] / "questionnaires"


def content_dir() -> Path:
    """Folder with the built-in content; PLANNER_CONTENT_DIR overrides it."""
    override = os.environ.get("PLANNER_CONTENT_DIR")
    return Path(override) if override else _DEFAULT_CONTENT_DIR


@dataclass(frozen=True)
class SectionContent:
    section: Section
    questions: tuple[Question, ...]
    source: str
    custom: bool = False


@dataclass(frozen=True)
class Content:
    """Everything the engine and the pages need, validated and indexed."""

    kb: KnowledgeBase
    sections: tuple[SectionContent, ...]
    questions: dict[str, Question] = field(repr=False)
    section_of: dict[str, SectionContent] = field(repr=False)
    challenges: dict[str, Challenge] = field(repr=False)
    mitigations_for: dict[str, tuple[Mitigation, ...]] = field(repr=False)

    def point_of(self, question_id: str) -> str:
        """The collaboration point (or 'setup') of a question's section."""
        return self.section_of[question_id].section.collaboration_point

    _kept: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    language: str = "en"  # of the built-in texts; team files keep their own

    def points_informed(self, question: Question) -> frozenset[str]:
        """The collaboration points whose score the question's answer can move (computed once per question)."""
        if self.questions.get(question.id) is question:
            return self._points_by_question[question.id]
        return frozenset(self.challenges[c].collaboration_point for c in question.informs())

    @functools.cached_property
    def _points_by_question(self) -> dict[str, frozenset[str]]:
        return {qid: frozenset(self.challenges[c].collaboration_point for c in q.informs()) for qid, q in self.questions.items()}

    def kept(self, key, compute):
        """`compute()`, called once per hashable `key` and then kept: for values derived from this content (which
        never changes) and what the key names. At most KEPT_LIMIT values are kept; the oldest go first."""
        try:
            return self._kept[key]
        except KeyError:
            pass
        value = self._kept[key] = compute()
        while len(self._kept) > KEPT_LIMIT:
            try:
                self._kept.pop(next(iter(self._kept)), None)
            except (RuntimeError, StopIteration):  # another thread changed the dict meanwhile: try again next time
                break
        return value


def parse_knowledge_base(raw: bytes | str | dict, source: str = KB_NAME) -> KnowledgeBase:
    data = raw if isinstance(raw, dict) else load_yaml(raw, source)
    _check_version(data, source)
    kb = _validate(KnowledgeBase, data, source)
    problems = _check_kb(kb, source)
    if problems:
        raise InputError(problems)
    return kb


def parse_question_file(raw: bytes | str | dict, source: str) -> QuestionFile:
    data = raw if isinstance(raw, dict) else load_yaml(raw, source)
    _check_version(data, source)
    return _validate(QuestionFile, data, source)


def _duplicates(ids) -> list[str]:
    seen, twice = set(), []
    for i in ids:
        if i in seen and i not in twice:
            twice.append(i)
        seen.add(i)
    return twice


def _check_kb(kb: KnowledgeBase, source: str) -> list[Problem]:
    problems: list[Problem] = []
    add = lambda where, msg: problems.append(Problem(source, where, msg))  # noqa: E731
    for kind, items in (("theme", kb.themes), ("collaboration point", kb.collaboration_points),
                        ("challenge", kb.challenges), ("mitigation", kb.mitigations), ("setup rule", kb.setup_rules)):
        for dup in _duplicates(i.id for i in items):
            add(f"{kind} {dup!r}", "id is used twice")
    known = {c.id for c in kb.challenges}
    for missing in sorted(set(CHALLENGE_IDS) - known):
        add("challenges", f"challenge {missing} is missing; all of {', '.join(CHALLENGE_IDS)} are required")
    for c in kb.challenges:
        if c.id not in CHALLENGE_IDS:
            add(f"challenge {c.id!r}", "unknown challenge id")
        elif POINT_OF_PREFIX[c.id[0]] != c.collaboration_point:
            add(f"challenge {c.id!r} › collaboration_point", f"must be {POINT_OF_PREFIX[c.id[0]]!r}")
    reduced = {cid for m in kb.mitigations for cid in m.reduces}
    for c in kb.challenges:
        if c.id not in reduced:
            add(f"challenge {c.id!r}", "no mitigation reduces it; add one with `reduces: [" + c.id + "]`")
    for m in kb.mitigations:
        for cid in m.reduces:
            if cid not in known:
                add(f"mitigation {m.id!r} › reduces", f"unknown challenge {cid!r}")
    for r in kb.setup_rules:
        named = {c for citation in r.citations for c in citation_challenges(citation)}
        for cid in r.effects:
            if cid not in known:
                add(f"setup rule {r.id!r} › effects", f"unknown challenge {cid!r}")
            elif cid not in named:
                add(f"setup rule {r.id!r} › citations", f"must name {cid}, which the rule's effects raise")
    for where, citations in _all_kb_citations(kb):
        for cid in (c for citation in citations for c in citation_challenges(citation)):
            if cid not in known:
                add(where, f"citation names unknown challenge {cid!r}")
    return problems


def _all_kb_citations(kb: KnowledgeBase):
    for t in kb.themes:
        yield f"theme {t.id!r} › citations", t.citations
    for p in kb.collaboration_points:
        yield f"collaboration point {p.id!r} › citations", p.citations
    for c in kb.challenges:
        yield f"challenge {c.id!r} › citations", c.citations
        yield f"challenge {c.id!r} › evidence", [e.citation for e in c.evidence]
    for m in kb.mitigations:
        yield f"mitigation {m.id!r} › citations", m.citations
    for r in kb.setup_rules:
        yield f"setup rule {r.id!r} › citations", r.citations


def _check_questions(files: list[tuple[str, QuestionFile]], kb: KnowledgeBase) -> list[Problem]:
    """Checks across files: unique ids, known challenges, valid show_if and setup-rule references."""
    problems: list[Problem] = []
    known = {c.id for c in kb.challenges}
    where_question: dict[str, tuple[str, Question]] = {}
    section_ids: dict[str, str] = {}
    for source, qf in files:
        if qf.section.id in section_ids:
            problems.append(Problem(source, f"section {qf.section.id!r}", f"section id already used in {section_ids[qf.section.id]}"))
        section_ids.setdefault(qf.section.id, source)
        for cid in (c for cit in qf.section.citations for c in citation_challenges(cit)):
            if cid not in known:
                problems.append(Problem(source, "section › citations", f"unknown challenge {cid!r}"))
        for q in qf.questions:
            here = f"question {q.id!r}"
            if q.id in where_question:
                problems.append(Problem(source, here, f"question id already used in {where_question[q.id][0]}"))
                continue
            where_question[q.id] = (source, q)
            for kind, groups in (("options", q.options or ()), ("bands", q.bands or ())):
                for i, group in enumerate(groups):
                    for name, named in (("effects", group.effects), ("floors", group.floors)):
                        for cid in named:
                            if cid not in known:
                                problems.append(Problem(source, f"{here} › {kind}[{i}] › {name}", f"unknown challenge {cid!r}"))
            for cid in (c for cit in q.citations for c in citation_challenges(cit)):
                if cid not in known:
                    problems.append(Problem(source, f"{here} › citations", f"unknown challenge {cid!r}"))
    for source, qf in files:
        for q in qf.questions:
            if q.show_if:
                problems += _check_reference(source, f"question {q.id!r} › show_if", q.show_if.question,
                                             q.show_if.any_of, where_question, allow_conditional=False)
    for rule in kb.setup_rules:
        for i, cond in enumerate(rule.when):
            problems += _check_reference(KB_NAME, f"setup rule {rule.id!r} › when[{i}]", cond.question,
                                         cond.any_of, where_question, allow_conditional=True)
    mitigation_ids = {m.id for m in kb.mitigations}
    known = {c.id for c in kb.challenges}
    for kind, items in (("explainer", kb.explainers), ("lever", kb.levers), ("expectation", kb.expectations)):
        for dup in _duplicates(i.id for i in items):
            problems.append(Problem(KB_NAME, f"{kind} {dup!r}", "id is used twice"))
        for item in items:
            for cid in (c for cit in item.citations for c in citation_challenges(cit)):
                if cid not in known:
                    problems.append(Problem(KB_NAME, f"{kind} {item.id!r} › citations", f"unknown challenge {cid!r}"))
    for lever in kb.levers:
        where = f"lever {lever.id!r}"
        if lever.mitigation not in mitigation_ids:
            problems.append(Problem(KB_NAME, f"{where} › mitigation", f"unknown mitigation {lever.mitigation!r}"))
        for i, change in enumerate(lever.changes):
            here = f"{where} › changes[{i}]"
            target = where_question.get(change.question)
            if target is None:
                problems.append(Problem(KB_NAME, here, f"refers to unknown question {change.question!r}"))
            else:
                problems += [Problem(KB_NAME, here, text) for text in _lever_change_problems(target[1], change)]
        for dup in _duplicates(change.question for change in lever.changes):
            problems.append(Problem(KB_NAME, f"{where} › changes", f"question {dup!r} is changed twice"))
    problems += expectation_answer_problems(kb, {qid: q for qid, (_, q) in where_question.items()}, KB_NAME)
    for card in kb.explainers:
        for t, trigger in enumerate(card.triggers):
            for i, cond in enumerate(trigger.when):
                problems += _check_reference(KB_NAME, f"explainer {card.id!r} › triggers[{t}] › when[{i}]", cond.question,
                                             cond.any_of, where_question, allow_conditional=True)
    return problems


def _effects_of(question: Question, value) -> dict[str, float]:
    """The effects the answer `value` signals (option or band); {} for a value that fits nothing."""
    if question.type == "number":
        band = next((b for b in question.bands if b.below is None or value < b.below), question.bands[-1])
        return dict(band.effects)
    option = question.option(value)
    return dict(option.effects) if option else {}


def _dominates(worse: dict[str, float], better: dict[str, float]) -> bool:
    """Whether `worse` signals at least as much risk as `better` for every challenge, and more for one."""
    keys = set(worse) | set(better)
    return all(worse.get(c, 0.0) >= better.get(c, 0.0) for c in keys) and any(worse.get(c, 0.0) > better.get(c, 0.0) for c in keys)


def _lever_change_problems(question: Question, change) -> list[str]:
    """What is wrong with one lever change: the answer must fit the question and be able to lower risk.

    The what-if applies a change only where it does not raise any risk the current answer signals
    (planner.plan.whatif); here we check that it can lower risk for at least one answer.
    """
    qid = question.id
    if question.type == "text":
        return [f"{qid!r} is a text question; its answer does not change any risk"]
    if question.type == "multi":
        if change.remove is None:
            return [f"{qid!r} is a multi question; give `remove` (the options the mitigation takes out), not `value`"]
        values = {o.value for o in question.options}
        unknown = [f"{v!r} is not an option of {qid!r}" for v in change.remove if v not in values]
        if unknown:
            return unknown
        if len(set(change.remove)) != len(change.remove):
            return ["`remove` names an option twice"]
        if not any(o.exclusive and not o.effects for o in question.options):
            return [f"{qid!r} needs an exclusive option without effects (e.g. 'none') for an answer with nothing left"]
        if not any(question.option(v).effects for v in change.remove):
            return ["none of the removed options signals any risk, so the mitigation could never lower it"]
        return []
    if change.remove is not None:
        return [f"{qid!r} is a {question.type} question; give `value` (the new answer), not `remove`"]
    if question.type == "number":
        spec = question.number
        if isinstance(change.value, bool) or not isinstance(change.value, (int, float)) or not spec.min <= change.value <= spec.max:
            return [f"{change.value!r} is not a number from {spec.min:g} to {spec.max:g}"]
        others = [dict(b.effects) for b in question.bands]
    else:
        if question.option(change.value) is None:
            return [f"{change.value!r} is not an option of {qid!r}"]
        others = [dict(o.effects) for o in question.options]
    target = _effects_of(question, change.value)
    if not any(_dominates(other, target) for other in others):
        return [f"{change.value!r} signals no less risk than any other answer to {qid!r}, so the mitigation could never lower it"]
    return []


def _check_reference(source, where, target_id, values, questions, allow_conditional) -> list[Problem]:
    if target_id not in questions:
        return [Problem(source, where, f"refers to unknown question {target_id!r}")]
    target = questions[target_id][1]
    if not allow_conditional and target.show_if is not None:
        return [Problem(source, where, f"{target_id!r} is itself conditional; refer to an unconditional question")]
    if values is None:
        return [] if target.type == "number" else [Problem(source, where, "`below`/`at_least` need a number question")]
    if target.options is None:
        return [Problem(source, where, f"{target_id!r} has no options to match")]
    option_values = {o.value for o in target.options}
    return [Problem(source, where, f"{v!r} is not an option of {target_id!r}") for v in values if v not in option_values]


def _assemble(kb: KnowledgeBase, files: list[tuple[str, QuestionFile, bool]], language: str = "en") -> Content:
    problems = _check_questions([(s, qf) for s, qf, _ in files], kb)
    if problems:
        raise InputError(problems)
    sections = tuple(
        sorted(
            (SectionContent(qf.section, tuple(qf.questions), source, custom) for source, qf, custom in files),
            key=lambda s: (s.section.order, s.section.id),
        )
    )
    questions = {q.id: q for s in sections for q in s.questions}
    section_of = {q.id: s for s in sections for q in s.questions}
    # Mitigations that name the challenge first (their main target) come first.
    mitigations_for = {
        c.id: tuple(sorted((m for m in kb.mitigations if c.id in m.reduces), key=lambda m: m.reduces.index(c.id)))
        for c in kb.challenges
    }
    return Content(kb, sections, questions, section_of, {c.id: c for c in kb.challenges}, mitigations_for, language=language)


@functools.lru_cache(maxsize=4)
def _builtin_files(folder: str, language: str = "en") -> tuple[KnowledgeBase, tuple]:
    root = Path(folder)
    if language != "en":
        _builtin_files(folder)  # the English content is valid before a translation goes in

    def read(name: str):
        raw = (root / name).read_bytes()
        return raw if language == "en" else translations.translate(root, language, name, load_yaml(raw, name))

    try:
        kb = parse_knowledge_base(read(KB_NAME), KB_NAME)
        files = tuple((p.name, parse_question_file(read(p.name), p.name), False) for p in sorted(root.glob("*.yaml")))
    except InputError as exc:
        raise exc if language == "en" else translations.translated_source(exc, language) from None
    return kb, files


def load_content(extra: tuple[tuple[str, bytes], ...] = (), language: str = "en") -> Content:
    """Built-in content plus a team's own question files (name, bytes); cached, immutable.

    `language`: the built-in texts in that language (planner.content.languages()); ids, values, effects and citations
    are the same in every language. Team files stay in the language they are written in."""
    if language != "en" and language not in translations.languages(content_dir()):
        raise InputError(Problem("language", "", f"{language!r} is not available; the content comes in "
                                                 f"{', '.join(translations.languages(content_dir()))}"))
    return _load_content(str(content_dir()), tuple(extra), language)


@functools.lru_cache(maxsize=32)
def _load_content(folder: str, extra: tuple[tuple[str, bytes], ...], language: str = "en") -> Content:
    if len(extra) > MAX_CUSTOM_FILES:
        raise InputError(Problem("question files", "", f"at most {MAX_CUSTOM_FILES} own question files are allowed"))
    kb, files = _builtin_files(folder, language)
    problems: list[Problem] = []
    custom = []
    for name, raw in extra:
        try:
            custom.append((name, parse_question_file(raw, name), True))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return _assemble(kb, list(files) + custom, language)


def check_question_file(raw: bytes | str, name: str, others: tuple[tuple[str, bytes], ...] = ()) -> Content:
    """Validate one team file together with the built-in content (and the team's other files)."""
    return load_content(tuple(others) + ((name, raw if isinstance(raw, bytes) else raw.encode("utf-8")),))


def _cache_clear() -> None:
    _load_content.cache_clear()
    translations.cache_clear()


load_content.cache_clear = _cache_clear  # type: ignore[attr-defined]
