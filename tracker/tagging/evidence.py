"""How much each kind of evidence counts, and how pieces of evidence add up.

Every signal a bill gives (a statute it amends, a committee it went to, a phrase in its
title or text) is one piece of evidence with a weight in 0..1 and a reason a lobbyist can
check. Pieces combine by noisy-OR, 1 - prod(1 - w): each piece could on its own be enough,
more pieces make the tag surer, and no pile of weak hints reaches certainty.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """The tagger's evidence weights and thresholds, in one table."""

    # Statutes. An area's own statute, matched at its most specific level.
    statute_subdivision: float = 0.9
    statute_section: float = 0.85
    statute_chapter: float = 0.6
    # A general law schools share with other governments (levy limits, PELRA, bonds).
    shared_statute_area: float = 0.35
    shared_statute_relevance: float = 0.15
    # Any K-12 chapter or area statute makes a bill relevant.
    school_statute_relevance: float = 0.95

    # Phrases in the title or short description.
    relevance_phrase: float = 0.85
    relevance_moderate_phrase: float = 0.6
    relevance_weak_phrase: float = 0.45
    area_phrase: float = 0.8
    area_phrase_relevance: float = 0.8
    area_weak_phrase: float = 0.4
    area_weak_phrase_relevance: float = 0.15
    # A phrase found with its words in another order counts for less, and so does the first
    # phrase of an overlapping pair: it qualifies the second ("school levy equalization").
    loose_factor: float = 0.75
    loose_relevance_factor: float = 0.3
    modifier_factor: float = 0.5

    # Committees the bill was referred to.
    committee_relevance: float = 0.85
    weak_committee_relevance: float = 0.3
    committee_area: float = 0.3

    # An official title "relating to education ...".
    education_topic: float = 0.9
    # Title phrases count for less when the official title's topic is not education, and
    # again when the bill amends statutes but none of them is education law.
    non_education_topic_factor: float = 0.75
    non_school_statutes_factor: float = 0.75

    # Full bill text: capped, and scaled by how densely the phrases occur (hits per 1,000
    # words, weighted by phrase strength); `text_scale` is the density at which the cap is
    # about two-thirds reached.
    text_area_cap: float = 0.5
    text_relevance_cap: float = 0.6
    text_scale: float = 4.0
    text_min_hits: int = 2

    # Learned evidence from staff decisions: a model probability p above 0.5 adds
    # (p - 0.5) * 2 * learned_up; below 0.5 it scales the area's confidence down by up to
    # learned_down.
    learned_up: float = 0.6
    learned_down: float = 0.5

    # Thresholds. `area` is used when no shipped model calibrates confidence (the model's own
    # threshold applies otherwise); `candidate` is the least text-model probability that makes
    # an area worth calibrating without any rule evidence.
    relevant: float = 0.5
    area: float = 0.45
    item: float = 0.45
    # A framework item named in its plan's own words in the title, without any area.
    item_phrase: float = 0.6
    candidate: float = 0.1
    reasons_shown: int = 4


def noisy_or(weights: list[float] | tuple[float, ...]) -> float:
    missing = 1.0
    for weight in weights:
        missing *= 1.0 - weight
    return 1.0 - missing


class Evidence:
    """Pieces of evidence for one conclusion, each with the reason a lobbyist reads.

    A note is a reason that carries no weight of its own: why title phrases were discounted,
    or why a learned model scaled the confidence down (`factor`). `statute` is the weight of
    the strongest statute among the pieces, `strong` whether a strong phrase was found as
    written: what the calibration reads besides the confidence. A nudge (a committee
    referral) counts in the confidence but alone makes no case (`substantive` stays False).
    """

    __slots__ = ("_notes", "_reasons", "factor", "statute", "strong", "substantive")

    def __init__(self) -> None:
        self._reasons: dict[str, float] = {}
        self._notes: list[str] = []
        self.factor = 1.0
        self.statute = 0.0
        self.strong = False
        self.substantive = False

    def add(self, weight: float, reason: str, *, nudge: bool = False) -> None:
        if weight <= 0:
            return
        self.substantive = self.substantive or not nudge
        if weight > self._reasons.get(reason, 0.0):
            self._reasons[reason] = min(weight, 1.0)

    def note(self, reason: str) -> None:
        if reason not in self._notes:
            self._notes.append(reason)

    @property
    def confidence(self) -> float:
        return noisy_or(tuple(self._reasons.values())) * self.factor

    def reasons(self, limit: int) -> tuple[str, ...]:
        """The strongest `limit` reasons, a count of the rest, then the notes."""
        ranked = sorted(self._reasons, key=self._reasons.__getitem__, reverse=True)
        if len(ranked) > limit:
            ranked = [*ranked[:limit], f"and {len(ranked) - limit} more"]
        return (*ranked, *self._notes)
