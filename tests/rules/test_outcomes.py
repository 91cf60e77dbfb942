"""Outcomes against positions, as a table: every position x stage x folded-in case."""

import pytest

from tracker.rules.outcomes import outcome_label, outcome_of, verdict_of
from tracker.vocab import Outcome, Position, Stage, Verdict

SUPPORT, OPPOSE = Position.SUPPORT, Position.OPPOSE


@pytest.mark.parametrize(
    ("stage", "folded", "outcome"),
    [
        (Stage.ENACTED, False, Outcome.ENACTED),
        (Stage.ENACTED, True, Outcome.ENACTED),  # enacted itself: folding is beside the point
        (Stage.DEAD, True, Outcome.FOLDED_IN),
        (Stage.IN_COMMITTEE, True, Outcome.FOLDED_IN),
        (Stage.VETOED, True, Outcome.FOLDED_IN),  # its language enacted later
        (Stage.VETOED, False, Outcome.VETOED),
        (Stage.POCKET_VETOED, False, Outcome.VETOED),
        (Stage.DEAD, False, Outcome.DIED),
        (Stage.IN_CONFERENCE, False, Outcome.ALIVE),
        (Stage.SENT_TO_GOVERNOR, False, Outcome.ALIVE),
        (Stage.INTRODUCED, False, Outcome.ALIVE),
    ],
)
def test_outcome(stage: Stage, folded: bool, outcome: Outcome) -> None:
    assert outcome_of(stage, folded_into_enacted=folded) is outcome


@pytest.mark.parametrize(
    ("position", "outcome", "verdict", "label"),
    [
        (SUPPORT, Outcome.ENACTED, Verdict.WIN, "supported and enacted"),
        (SUPPORT, Outcome.FOLDED_IN, Verdict.WIN, "supported and folded into an enacted bill"),
        (SUPPORT, Outcome.ALIVE, Verdict.PENDING, "supported and still alive"),
        (SUPPORT, Outcome.DIED, Verdict.LOSS, "supported and died"),
        (SUPPORT, Outcome.VETOED, Verdict.LOSS, "supported and vetoed"),
        (OPPOSE, Outcome.DIED, Verdict.WIN, "opposed and stopped"),
        (OPPOSE, Outcome.VETOED, Verdict.WIN, "opposed and vetoed"),
        (OPPOSE, Outcome.ENACTED, Verdict.LOSS, "opposed and enacted"),
        (OPPOSE, Outcome.FOLDED_IN, Verdict.LOSS, "opposed and folded into an enacted bill"),
        (OPPOSE, Outcome.ALIVE, Verdict.PENDING, "opposed and still alive"),
        (Position.MONITOR, Outcome.ENACTED, Verdict.WATCHED, "monitor, enacted"),
        (Position.NEUTRAL, Outcome.DIED, Verdict.WATCHED, "neutral, died"),
    ],
)
def test_verdict(position: Position, outcome: Outcome, verdict: Verdict, label: str) -> None:
    assert verdict_of(position, outcome) is verdict
    assert outcome_label(position, outcome) == label
