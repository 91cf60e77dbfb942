"""How a bill the association took a position on fared: its outcome (enacted, folded into
another bill, alive, died, vetoed) and the verdict against the position, as tables. Pure.

    outcome_of(Stage.DEAD, folded_into_enacted=True) -> Outcome.FOLDED_IN
    verdict_of(Position.SUPPORT, Outcome.FOLDED_IN)  -> Verdict.WIN

A bill whose language an enacted bill carries counts as folded in when it did not pass
itself, whether it died or is still alive (most Minnesota education bills ride in an
omnibus that way). Folded-in wins and losses are counted apart in the reports.
"""

from __future__ import annotations

from tracker.vocab import Outcome, Position, Stage, Verdict

ENACTED_STAGES = frozenset({Stage.ENACTED})
VETOED_STAGES = frozenset({Stage.VETOED, Stage.POCKET_VETOED})
DEAD_STAGES = frozenset({Stage.DEAD})

VERDICTS: dict[tuple[Position, Outcome], Verdict] = {
    (Position.SUPPORT, Outcome.ENACTED): Verdict.WIN,
    (Position.SUPPORT, Outcome.FOLDED_IN): Verdict.WIN,
    (Position.SUPPORT, Outcome.ALIVE): Verdict.PENDING,
    (Position.SUPPORT, Outcome.DIED): Verdict.LOSS,
    (Position.SUPPORT, Outcome.VETOED): Verdict.LOSS,
    (Position.OPPOSE, Outcome.ENACTED): Verdict.LOSS,
    (Position.OPPOSE, Outcome.FOLDED_IN): Verdict.LOSS,
    (Position.OPPOSE, Outcome.ALIVE): Verdict.PENDING,
    (Position.OPPOSE, Outcome.DIED): Verdict.WIN,
    (Position.OPPOSE, Outcome.VETOED): Verdict.WIN,
}

LABELS: dict[tuple[Position, Outcome], str] = {
    (Position.SUPPORT, Outcome.ENACTED): "supported and enacted",
    (Position.SUPPORT, Outcome.FOLDED_IN): "supported and folded into an enacted bill",
    (Position.SUPPORT, Outcome.ALIVE): "supported and still alive",
    (Position.SUPPORT, Outcome.DIED): "supported and died",
    (Position.SUPPORT, Outcome.VETOED): "supported and vetoed",
    (Position.OPPOSE, Outcome.ENACTED): "opposed and enacted",
    (Position.OPPOSE, Outcome.FOLDED_IN): "opposed and folded into an enacted bill",
    (Position.OPPOSE, Outcome.ALIVE): "opposed and still alive",
    (Position.OPPOSE, Outcome.DIED): "opposed and stopped",
    (Position.OPPOSE, Outcome.VETOED): "opposed and vetoed",
}


def outcome_of(stage: Stage, *, folded_into_enacted: bool = False) -> Outcome:
    if stage in ENACTED_STAGES:
        return Outcome.ENACTED
    if folded_into_enacted:  # a vetoed bill's language enacted later (a special session)
        return Outcome.FOLDED_IN
    if stage in VETOED_STAGES:
        return Outcome.VETOED
    return Outcome.DIED if stage in DEAD_STAGES else Outcome.ALIVE


def verdict_of(position: Position, outcome: Outcome) -> Verdict:
    return VERDICTS.get((position, outcome), Verdict.WATCHED)


def outcome_label(position: Position, outcome: Outcome) -> str:
    return LABELS.get((position, outcome), f"{position.label.lower()}, {outcome.label.lower()}")
