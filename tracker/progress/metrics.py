"""Metrics per framework item or issue area for a period, and the change from the period
before: bills tagged, bills that moved, positions taken, hearings with the association's
bills, outcomes against positions (folded-in counted apart) and bills by stage. Pure.

Testimony slots are not recorded by the tracker yet, so they are not counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker.progress.facts import BillProgress, ProgressFacts
from tracker.progress.outcomes import BillOutcome, outcome_as_of, standing_on
from tracker.rules.periods import Period
from tracker.rules.stage import StageResult
from tracker.vocab import Outcome, Position, Stage, Verdict


@dataclass(frozen=True)
class Subject:
    """What is counted: a framework item (with the items under it) or an issue area."""

    key: str
    label: str
    matches: frozenset[str]  # tag codes that count as it


@dataclass(frozen=True)
class Tally:
    subject: Subject
    period: Period
    bills: int = 0  # tagged with it
    moved: int = 0  # with an action dated in the period
    positions_taken: int = 0  # positions set in the period
    hearings: int = 0  # distinct hearings in the period with one of its bills on the agenda
    outcomes: Mapping[Outcome, int] = field(default_factory=dict)
    verdicts: Mapping[Verdict, int] = field(default_factory=dict)
    folded_wins: int = 0
    folded_losses: int = 0
    stages: Mapping[Stage, int] = field(default_factory=dict)

    @property
    def wins(self) -> int:
        return self.verdicts.get(Verdict.WIN, 0)

    @property
    def losses(self) -> int:
        return self.verdicts.get(Verdict.LOSS, 0)

    @property
    def pending(self) -> int:
        return self.verdicts.get(Verdict.PENDING, 0)


@dataclass(frozen=True)
class Change:
    now: Tally
    before: Tally

    def delta(self, name: str) -> int:
        return int(getattr(self.now, name)) - int(getattr(self.before, name))


class Reckoner:
    """Stages and outcomes worked out once per bill and day, for many subjects."""

    def __init__(self, facts: ProgressFacts) -> None:
        self.facts = facts
        self._standing: dict[tuple[int, date], StageResult] = {}
        self._outcomes: dict[tuple[int, date], BillOutcome] = {}

    def standing(self, bill: BillProgress, day: date) -> StageResult:
        key = (bill.id, day)
        if key not in self._standing:
            self._standing[key] = standing_on(bill, day)
        return self._standing[key]

    def stage(self, bill: BillProgress, day: date) -> Stage:
        return self.standing(bill, day).stage

    def outcome(self, bill: BillProgress, day: date) -> BillOutcome:
        key = (bill.id, day)
        if key not in self._outcomes:
            self._outcomes[key] = outcome_as_of(self.facts, bill, day)
        return self._outcomes[key]

    def tagged(self, subject: Subject) -> list[BillProgress]:
        return [bill for bill in self.facts.bills.values() if bill.tags & subject.matches]

    def tally(self, subject: Subject, period: Period) -> Tally:
        bills = self.tagged(subject)
        positioned = [b for b in bills if b.position is not Position.NONE]
        outcomes = [self.outcome(bill, period.end) for bill in positioned]
        return Tally(
            subject=subject,
            period=period,
            bills=len(bills),
            moved=sum(any(a.action_date in period for a in b.actions) for b in bills),
            positions_taken=sum(any(d in period for d in b.position_days) for b in positioned),
            hearings=len({h for b in bills for h, day in b.hearings if day in period}),
            outcomes=Counter(o.outcome for o in outcomes),
            verdicts=Counter(o.verdict for o in outcomes),
            folded_wins=sum(o.folded and o.verdict is Verdict.WIN for o in outcomes),
            folded_losses=sum(o.folded and o.verdict is Verdict.LOSS for o in outcomes),
            stages=Counter(self.stage(bill, period.end) for bill in bills),
        )

    def change(self, subject: Subject, period: Period) -> Change:
        return Change(self.tally(subject, period), self.tally(subject, period.previous()))


def changes(facts: ProgressFacts, subjects: Sequence[Subject], period: Period) -> list[Change]:
    reckoner = Reckoner(facts)
    return [reckoner.change(subject, period) for subject in subjects]
