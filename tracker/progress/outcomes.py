"""What became of each bill the association took a position on, as of a day. Pure.

A bill and its companion are one measure: the pair stands where the further of the two
stands. A bill folded into another counts as folded in once that bill is enacted, when a
person confirmed the finding, or when the detector suggested it with at least
`SUGGESTION_COUNTS_AT` confidence and nobody rejected it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.progress.facts import BillProgress, ProgressFacts
from tracker.rules.outcomes import outcome_label, outcome_of, verdict_of
from tracker.rules.stage import RANK, StageResult, stage_as_of
from tracker.vocab import FindingStatus, Outcome, Position, Stage, Verdict

SUGGESTION_COUNTS_AT = 0.5


@dataclass(frozen=True)
class BillOutcome:
    bill: BillProgress
    stage: Stage  # of the pair, as of the day
    outcome: Outcome
    verdict: Verdict
    label: str  # "supported and folded into an enacted bill"
    host: BillProgress | None = None  # the enacted bill it rides in
    evidence: tuple[str, ...] = ()

    @property
    def folded(self) -> bool:
        return self.outcome is Outcome.FOLDED_IN


def standing_on(bill: BillProgress, day: date) -> StageResult:
    return stage_as_of(bill.actions, bill_type=bill.bill_type, closes_on=bill.closes_on, day=day)


def stage_on(bill: BillProgress, day: date) -> Stage:
    return standing_on(bill, day).stage


def pair_stage(facts: ProgressFacts, bill: BillProgress, day: date) -> Stage:
    stages = [stage_on(bill, day)]
    companion = facts.bills.get(bill.companion_id) if bill.companion_id else None
    if companion is not None:
        stages.append(stage_on(companion, day))
    if Stage.ENACTED in stages:
        return Stage.ENACTED
    return max(stages, key=lambda stage: RANK.get(stage, 0) if stage is not Stage.DEAD else -1)


def outcome_as_of(facts: ProgressFacts, bill: BillProgress, day: date) -> BillOutcome:
    stage = pair_stage(facts, bill, day)
    host, evidence = _enacted_carrier(facts, bill, day)
    outcome = outcome_of(stage, folded_into_enacted=host is not None)
    return BillOutcome(
        bill=bill,
        stage=stage,
        outcome=outcome,
        verdict=verdict_of(bill.position, outcome),
        label=outcome_label(bill.position, outcome),
        host=host if outcome is Outcome.FOLDED_IN else None,
        evidence=evidence if outcome is Outcome.FOLDED_IN else (),
    )


def outcomes_as_of(facts: ProgressFacts, day: date) -> list[BillOutcome]:
    """Every bill with a position, in citation order."""
    positioned = [b for b in facts.bills.values() if b.position is not Position.NONE]
    return [outcome_as_of(facts, bill, day) for bill in sorted(positioned, key=_order)]


def _enacted_carrier(
    facts: ProgressFacts, bill: BillProgress, day: date
) -> tuple[BillProgress | None, tuple[str, ...]]:
    """The enacted bill its language rides in: enacted by `day`, and not before the bill was
    introduced (a law passed earlier cannot carry a later bill)."""
    introduced = min((a.action_date for a in bill.actions if a.action_date), default=None)
    for folding in sorted(bill.folded_into, key=lambda f: -f.confidence):
        if folding.status is FindingStatus.REJECTED:
            continue
        if folding.status is FindingStatus.SUGGESTED and folding.confidence < SUGGESTION_COUNTS_AT:
            continue
        host = facts.bills.get(folding.host_id)
        if host is None or pair_stage(facts, host, day) is not Stage.ENACTED:
            continue
        enacted_on = standing_on(host, day).reached_on
        if introduced and enacted_on and enacted_on < introduced:
            continue
        return host, folding.evidence
    return None, ()


def _order(bill: BillProgress) -> tuple[str, int]:
    letters, _, number = bill.citation.partition(" ")
    return (letters, int(number) if number.isdigit() else 0)
