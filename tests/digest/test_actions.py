"""The suggested-actions table: one test row per rule row, plus the situations no row fits."""

from __future__ import annotations

import pytest

from tests.digest.samples import CHAIR, REP, SEN, H, S, hearing
from tracker.digest.asks import ACTION_RULES, Situation, suggest_action, talking_points
from tracker.digest.inputs import SeatFact
from tracker.vocab import Stage

CITE = "H.F. 123 / S.F. 456"
HEARD_WITH_REP = hearing((1,), seats=(SeatFact(CHAIR, "chair"), SeatFact(REP)))
HEARD_WITHOUT_REP = hearing((1,), seats=(SeatFact(CHAIR, "chair"),))

# (stage, position, hearing, own legislators, floor, next chamber, next committee) ->
#   (rule, who contains, what contains, by_when contains)
ROWS = [
    (
        Stage.IN_COMMITTEE,
        "support",
        HEARD_WITH_REP,
        (REP, SEN),
        None,
        None,
        "",
        "hearing-seated-support",
        "Rep. Avery Example",
        "Ask Rep. Avery Example, who sits on the committee, to support H.F. 123 / S.F. 456 "
        "before Tuesday's hearing in House Education Finance.",
        "Tue Mar 10 1:00 PM",
    ),
    (
        Stage.IN_COMMITTEE,
        "oppose",
        HEARD_WITH_REP,
        (REP,),
        None,
        None,
        "",
        "hearing-seated-oppose",
        "Rep. Avery Example",
        "to oppose H.F. 123 / S.F. 456 before Tuesday",
        "Tue Mar 10",
    ),
    (
        Stage.IN_COMMITTEE,
        "support",
        HEARD_WITHOUT_REP,
        (REP,),
        None,
        None,
        "",
        "hearing-committee-support",
        "(chair: Rep. Ron Kresha)",
        "Email the members of House Education Finance to support",
        "Tue Mar 10",
    ),
    (
        Stage.IN_COMMITTEE,
        "oppose",
        HEARD_WITHOUT_REP,
        (),
        None,
        None,
        "",
        "hearing-committee-oppose",
        "The members of House Education Finance",
        "to oppose",
        "Tue",
    ),
    (
        Stage.ON_FLOOR,
        "support",
        None,
        (REP, SEN),
        H,
        None,
        "",
        "floor-support",
        "Rep. Avery Example",
        "to vote yes on H.F. 123 / S.F. 456 on the House floor",
        "before the House floor vote",
    ),
    (
        Stage.PASSED_COMMITTEE,
        "oppose",
        None,
        (),
        S,
        None,
        "",
        "floor-oppose",
        "Your senator",
        "Ask your senator to vote no",
        "Senate floor vote",
    ),
    (
        Stage.PASSED_HOUSE,
        "support",
        None,
        (REP, SEN),
        H,
        S,
        "Education Finance",
        "other-chamber-committee-support",
        "Sen. Harper Example",
        "press for a hearing of H.F. 123 / S.F. 456 in the Senate Education Finance committee",
        "Senate committee deadline",
    ),
    (
        Stage.PASSED_SENATE,
        "oppose",
        None,
        (REP,),
        S,
        H,
        "Ways and Means",
        "other-chamber-committee-oppose",
        "Rep. Avery Example",
        "keep H.F. 123 / S.F. 456 from advancing in the House Ways and Means committee",
        "House",
    ),
    (
        Stage.PASSED_HOUSE,
        "support",
        None,
        (SEN,),
        H,
        S,
        "",
        "other-chamber-support",
        "Sen. Harper Example",
        "to support H.F. 123 / S.F. 456 when it reaches the Senate",
        "before the Senate takes it up",
    ),
    (
        Stage.PASSED_HOUSE,
        "oppose",
        None,
        (),
        H,
        S,
        "",
        "other-chamber-oppose",
        "Your senator",
        "to oppose",
        "Senate",
    ),
    (
        Stage.IN_CONFERENCE,
        "support",
        None,
        (REP,),
        None,
        None,
        "",
        "conference-support",
        "conferees on H.F. 123 / S.F. 456, and Rep. Avery Example",
        "keep H.F. 123 / S.F. 456's provisions in the conference report",
        "conference committee",
    ),
    (
        Stage.IN_CONFERENCE,
        "oppose",
        None,
        (),
        None,
        None,
        "",
        "conference-oppose",
        "The House and Senate conferees",
        "drop",
        "conference committee",
    ),
    (
        Stage.SENT_TO_GOVERNOR,
        "support",
        None,
        (),
        None,
        None,
        "",
        "governor-support",
        "The Governor",
        "Ask the Governor to sign H.F. 123 / S.F. 456.",
        "within 3 days",
    ),
    (
        Stage.PASSED_BOTH,
        "oppose",
        None,
        (),
        None,
        None,
        "",
        "governor-oppose",
        "The Governor",
        "Ask the Governor to veto",
        "14 days",
    ),
]


@pytest.mark.parametrize(
    (
        "stage",
        "position",
        "heard",
        "own",
        "floor",
        "next_chamber",
        "next_committee",
        "rule",
        "who",
        "what",
        "by_when",
    ),
    ROWS,
)
def test_action_rules(
    stage, position, heard, own, floor, next_chamber, next_committee, rule, who, what, by_when
) -> None:  # type: ignore[no-untyped-def]
    situation = Situation(
        citation=CITE,
        stage=stage,
        position=position,
        talking_points="- Point one\n2. Point two",
        hearing=heard,
        own=own,
        floor_chamber=floor,
        next_chamber=next_chamber,
        next_committee=next_committee,
    )
    action = suggest_action(situation)
    assert action is not None
    assert action.rule == rule
    assert who in action.who
    assert what in action.what
    assert by_when in action.by_when
    assert CITE in action.why
    assert action.talking_points == ("Point one", "Point two")


def test_every_rule_row_has_a_test_row() -> None:
    assert {row[7] for row in ROWS} == {rule.name for rule in ACTION_RULES}


@pytest.mark.parametrize(
    ("stage", "position"),
    [(Stage.IN_COMMITTEE, "support"), (Stage.ENACTED, "support"), (Stage.ON_FLOOR, "monitor")],
)
def test_no_ask_without_a_hearing_a_decisive_stage_or_a_side(stage: Stage, position: str) -> None:
    assert suggest_action(Situation(citation=CITE, stage=stage, position=position)) is None


def test_seated_legislators_are_the_contacts_of_a_hearing_ask() -> None:
    situation = Situation(
        CITE, Stage.IN_COMMITTEE, "support", hearing=HEARD_WITH_REP, own=(REP, SEN)
    )
    action = suggest_action(situation)
    assert action is not None and action.contacts == (REP,)


def test_talking_points_are_split_into_lines_without_bullets() -> None:
    assert talking_points("* one\n\n• two\n3) three\n") == ("one", "two", "three")
