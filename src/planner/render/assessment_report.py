"""An assessment as a JSON-ready dict, plain text or Markdown (CLI and downloads)."""

from __future__ import annotations

import json

from ..assessment import Assessment, ChallengeResult, PointResult
from ..content import Content
from .escape import escape_markdown


def _round(value, digits):
    return None if value is None else round(value, digits)


def _floor_dict(c: ChallengeResult) -> dict | None:
    """The answer that on its own sets the challenge's least likelihood, and how much it lifts the average."""
    t = c.floor_term
    if t is None:
        return None
    return {"question": t.ref, "answer": t.answer, "at_least": round(t.risk, 3), "lift": round(c.contribution(t), 3),
            "citation": t.citation}


def _weakest_link_dict(p: PointResult) -> dict | None:
    if not p.weakest_link:
        return None
    c = next(c for c in p.challenges if c.id == p.weakest_link)
    return {"challenge": c.id, "challenge_level": c.level, "at_least": p.level, "lift": round(p.lift, 1),
            "note": p.weakest_link_note()}


def challenge_dict(content: Content, c: ChallengeResult) -> dict:
    kb = content.challenges[c.id]
    mitigations = [m for m in content.mitigations_for[c.id]]
    return {
        "id": c.id,
        "title": c.title,
        "likelihood": _round(c.likelihood, 3),
        "low": _round(c.low, 3),
        "high": _round(c.high, 3),
        "level": c.level,
        "importance": c.importance,
        "themes": list(c.themes),
        "triggers": list(c.trigger_questions),
        "setup_rules": [t.ref for t in c.triggers if t.kind == "setup_rule"],
        "weighted_mean": _round(c.mean, 3),
        "floor": _floor_dict(c),
        "trigger_details": [
            {"kind": t.kind, "ref": t.ref, "answer": t.answer, "risk": round(t.risk, 3),
             "weight": round(t.weight, 3), "contribution": round(c.contribution(t), 3),
             **({"citation": t.citation} if t.kind == "floor" else {})}
            for t in c.triggers
        ],
        "open_questions": list(c.open_questions),
        "evidence": [{"text": e.text, "citation": e.citation} for e in kb.evidence],
        "citations": list(c.citations),
        "mitigations": [{"id": m.id, "title": m.title, "citations": list(m.citations)} for m in mitigations],
    }


def assessment_dict(content: Content, a: Assessment) -> dict:
    titles = {p.id: p.title for p in content.kb.collaboration_points}
    return {
        "profile": dict(a.profile),
        "completeness": round(a.completeness, 3),
        "answered": a.answered,
        "asked": a.asked,
        "fired_setup_rules": list(a.fired_rules),
        "collaboration_points": [
            {
                "id": p.id,
                "title": titles[p.id],
                "score": _round(p.score, 1),
                "low": _round(p.low, 1),
                "high": _round(p.high, 1),
                "level": p.level,
                "weighted_mean": _round(p.mean, 1),
                "weakest_link": _weakest_link_dict(p),
                "completeness": round(p.completeness, 3),
                "answered": p.answered,
                "asked": p.asked,
                "unanswered": list(p.unanswered),
                "challenges": [challenge_dict(content, c) for c in p.challenges],
            }
            for p in a.points
        ],
    }


def to_json(content: Content, a: Assessment) -> str:
    return json.dumps(assessment_dict(content, a), indent=2, ensure_ascii=False)


def _score(p: dict) -> str:
    if p["score"] is None:
        return "no answers yet"
    return f"{p['score']:.0f}/100 ({p['level']}; range {p['low']:.0f}–{p['high']:.0f})"


def _pct(value) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _floor_line(f: dict) -> str:
    lift = f"+{f['lift'] * 100:.0f} points over the average" if f["lift"] > 0 else "the average already reaches it"
    return f"on its own: {f['question']} = {f['answer']} -> at least {f['at_least'] * 100:.0f}% ({lift}; {f['citation']})"


def _weakest_link_line(p: dict) -> str:
    w = p["weakest_link"]
    return (f"{w['note']} (+{w['lift']:.0f} over the average {p['weighted_mean']:.0f}; "
            "planner's default: a point is at most one level below its most likely challenge)")


def to_text(content: Content, a: Assessment) -> str:
    d = assessment_dict(content, a)
    lines = [f"Completeness: {d['answered']} of {d['asked']} questions answered ({d['completeness'] * 100:.0f}%)",
             "Profile: " + ", ".join(f"{k}={_profile_value(v)}" for k, v in d["profile"].items()), ""]
    for p in d["collaboration_points"]:
        lines.append(f"{p['title']}: {_score(p)} - {p['answered']}/{p['asked']} answered")
        if p["weakest_link"]:
            lines.append(f"  {_weakest_link_line(p)}")
        for c in p["challenges"]:
            if c["likelihood"] is None:
                continue
            triggers = ", ".join(c["triggers"] + c["setup_rules"]) or "none"
            lines.append(f"  {c['id']} {c['title']}: {_pct(c['likelihood'])} {c['level']} [{'; '.join(c['citations'])}]")
            if c["floor"]:
                lines.append(f"      {_floor_line(c['floor'])}")
            lines.append(f"      triggered by: {triggers}")
            if c["likelihood"] >= 0.25 and c["mitigations"]:
                lines.append(f"      mitigate: {c['mitigations'][0]['title']}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(content: Content, a: Assessment, project_name: str = "") -> str:
    d = assessment_dict(content, a)
    e = escape_markdown
    out = [f"# Risk assessment{': ' + e(project_name) if project_name else ''}", "",
           f"{d['answered']} of {d['asked']} questions answered ({d['completeness'] * 100:.0f}%). "
           "Scores follow docs/scoring.md; citations refer to Nahar et al., ICSE 2022.", ""]
    for p in d["collaboration_points"]:
        out += [f"## {e(p['title'])}: {_score(p)}", "",
                f"{p['answered']} of {p['asked']} questions answered.", ""]
        if p["weakest_link"]:
            out += [f"**{e(_weakest_link_line(p))}**", ""]
        out += ["| Challenge | Likelihood | Triggered by | Evidence |", "|---|---|---|---|"]
        for c in p["challenges"]:
            triggers = ", ".join(c["triggers"] + c["setup_rules"]) or "–"
            if c["floor"]:
                triggers = f"{_floor_line(c['floor'])}; {triggers}"
            out.append(f"| {c['id']} {e(c['title'])} | {_pct(c['likelihood'])} {c['level']} | {e(triggers)} | "
                       f"{e('; '.join(c['citations']))} |")
        out.append("")
        for c in p["challenges"]:
            if c["likelihood"] is not None and c["likelihood"] >= 0.25:
                out.append(f"**{c['id']} – what helps:** " + "; ".join(
                    f"{e(m['title'])} ({e(', '.join(m['citations']))})" for m in c["mitigations"][:3]))
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def _profile_value(value) -> str:
    """One set-up answer for the text report: '?' when open, sources joined with '+' (data from several sources)."""
    if value is None:
        return "?"
    return "+".join(map(str, value)) if isinstance(value, list) else str(value)
