"""Risk engine: from answers to explained risk per collaboration point."""

from .engine import answer_label, assess, fired_rules
from .model import Assessment, ChallengeResult, PointResult, Term, challenge_level, point_level

__all__ = ["Assessment", "ChallengeResult", "PointResult", "Term", "answer_label", "assess",
           "challenge_level", "fired_rules", "point_level"]
