"""Stage derivation: action sequences (chamber, date, text) -> where the bill stands."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.rules.actions import classify_action
from tracker.rules.stage import StagedAction, in_time_order, stage_of
from tracker.vocab import BillType, Chamber, Stage

H, S = Chamber.HOUSE, Chamber.SENATE


def staged(*rows: tuple[Chamber, str | None, str] | tuple[Chamber, str | None, str, str]):
    sequence = {H: 0, S: 0}
    actions = []
    for row in rows:
        chamber, day, text = row[:3]
        description = row[3] if len(row) > 3 else ""
        actions.append(
            StagedAction(
                chamber,
                sequence[chamber],
                date.fromisoformat(day) if day else None,
                classify_action(text, description),
            )
        )
        sequence[chamber] += 1
    return actions


INTRO = (H, "2025-02-03", "Introduction and first reading, referred to")
CASES = {
    "introduced only": (
        [(H, "2025-02-03", "Introduction and first reading")],
        Stage.INTRODUCED,
        "2025-02-03",
    ),
    "referred": ([INTRO], Stage.IN_COMMITTEE, "2025-02-03"),
    "report and re-referral stays in committee": (
        [INTRO, (H, "2025-02-20", "Committee report, to adopt and re-refer to")],
        Stage.IN_COMMITTEE,
        "2025-02-20",
    ),
    "final committee report": (
        [INTRO, (H, "2025-03-04", "Committee report, to adopt as amended")],
        Stage.PASSED_COMMITTEE,
        "2025-03-04",
    ),
    "second reading is on the floor": (
        [
            INTRO,
            (H, "2025-03-04", "Committee report, to adopt"),
            (H, "2025-03-05", "Second reading"),
        ],
        Stage.ON_FLOOR,
        "2025-03-05",
    ),
    "failed on the floor stays on the floor": (
        [INTRO, (H, "2025-03-05", "Second reading"), (H, "2025-03-10", "Bill was not passed")],
        Stage.ON_FLOOR,
        "2025-03-10",
    ),
    "passed the House": (
        [INTRO, (H, "2025-03-05", "Second reading"), (H, "2025-03-10", "Bill was passed")],
        Stage.PASSED_HOUSE,
        "2025-03-10",
    ),
    "a committee in the other chamber does not undo passage": (
        [
            INTRO,
            (H, "2025-03-10", "Bill was passed"),
            (S, "2025-03-11", "Received from House"),
            (S, "2025-03-11", "Referred to"),
        ],
        Stage.PASSED_HOUSE,
        "2025-03-10",
    ),
    "passed both": (
        [INTRO, (H, "2025-03-10", "Bill was passed"), (S, "2025-04-02", "Third reading Passed")],
        Stage.PASSED_BOTH,
        "2025-04-02",
    ),
    "concurrence and repassage": (
        [
            INTRO,
            (H, "2025-03-10", "Bill was passed"),
            (S, "2025-04-02", "Third reading Passed as amended"),
            (H, "2025-04-07", "Returned from Senate with amendment"),
            (H, "2025-04-08", "Motion to concur with Senate amendments"),
            (H, "2025-04-08", "Bill was repassed as amended by the Senate"),
        ],
        Stage.PASSED_BOTH,
        "2025-04-08",
    ),
    "conference": (
        [
            INTRO,
            (H, "2025-03-10", "Bill was passed"),
            (S, "2025-04-02", "Third reading Passed as amended"),
            (H, "2025-04-07", "Senate refuses to concur, conference committee of 6 requested"),
        ],
        Stage.IN_CONFERENCE,
        "2025-04-07",
    ),
    "conference report adopted by one chamber is still in conference": (
        [
            INTRO,
            (H, "2025-03-10", "Bill was passed"),
            (S, "2025-04-02", "Third reading Passed"),
            (H, "2025-04-07", "House conferees", "Pinto"),
            (S, "2025-05-15", "Senate adopted conference committee report, bill repassed"),
        ],
        Stage.IN_CONFERENCE,
        "2025-05-15",
    ),
    "conference report adopted by both": (
        [
            INTRO,
            (H, "2025-03-10", "Bill was passed"),
            (S, "2025-04-02", "Third reading Passed"),
            (H, "2025-04-07", "House conferees", "Pinto"),
            (S, "2025-05-15", "Senate adopted conference committee report, bill repassed"),
            (H, "2025-05-16", "House adopted conference committee report, bill repassed"),
        ],
        Stage.PASSED_BOTH,
        "2025-05-16",
    ),
    "presented": (
        [
            INTRO,
            (H, "2025-03-10", "Bill was passed"),
            (S, "2025-04-02", "Third reading Passed"),
            (S, "2025-04-05", "Presentment date", "04/05/25"),
        ],
        Stage.SENT_TO_GOVERNOR,
        "2025-04-05",
    ),
    "enacted": (
        [
            INTRO,
            (H, "2025-03-10", "Bill was passed"),
            (S, "2025-04-02", "Third reading Passed"),
            (H, "2025-04-05", "Presented to Governor"),
            (H, "2025-04-08", "Governor approval"),
            (H, "2025-04-08", "Secretary of State, Filed"),
            (H, None, "Chapter number", "31"),
            (H, None, "Effective date", "08/01/2025"),
        ],
        Stage.ENACTED,
        "2025-04-08",
    ),
    "line-item veto is still law": (
        [
            INTRO,
            (H, "2025-05-19", "Bill was passed"),
            (S, "2025-05-19", "Third reading Passed"),
            (H, "2025-05-21", "Presented to Governor"),
            (H, "2025-05-24", "Governor's action Line-item veto"),
        ],
        Stage.ENACTED,
        "2025-05-24",
    ),
    "veto outranks the chapter number": (
        [
            INTRO,
            (H, "2025-05-19", "Bill was passed"),
            (S, "2025-05-19", "Third reading Passed"),
            (H, "2025-05-21", "Presented to Governor"),
            (H, None, "Chapter number", "90"),
            (H, "2025-05-24", "Governor's action Veto"),
        ],
        Stage.VETOED,
        "2025-05-24",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_stage_of(name: str) -> None:
    rows, expected, reached = CASES[name]
    result = stage_of(staged(*rows), bill_type=BillType.HF)
    assert (result.stage, result.reached_on) == (expected, date.fromisoformat(reached))


def test_senate_file_substituted_by_its_house_companion_stays_where_it_was() -> None:
    actions = staged(
        (S, "2025-03-13", "Introduction and first reading"),
        (S, None, "Referred to"),
        (S, "2025-04-29", "Comm report: To pass as amended"),
        (S, "2025-04-29", "Second reading"),
        (S, None, "Referred to", "for comparison with HF2431"),
        (
            S,
            "2025-04-30",
            "Rule 45-amend, subst. General Orders",
            "HF2431, SF indefinitely postponed",
        ),
        (S, None, "See", "First Special Session, SF1"),
    )
    assert stage_of(actions, bill_type=BillType.SF).stage is Stage.ON_FLOOR


def test_a_bill_not_law_dies_when_the_session_closes() -> None:
    actions = staged(INTRO, (H, "2025-03-10", "Bill was passed"))
    alive = stage_of(
        actions, bill_type=BillType.HF, closes_on=date(2026, 5, 18), today=date(2026, 5, 18)
    )
    dead = stage_of(
        actions, bill_type=BillType.HF, closes_on=date(2026, 5, 18), today=date(2026, 5, 19)
    )
    assert alive.stage is Stage.PASSED_HOUSE
    assert (dead.stage, dead.reached_on, dead.furthest) == (
        Stage.DEAD,
        date(2026, 5, 18),
        Stage.PASSED_HOUSE,
    )


def test_enacted_bills_and_adopted_resolutions_do_not_die() -> None:
    enacted = staged(INTRO, (H, "2025-04-08", "Governor approval"))
    resolution = staged(
        (S, "2025-02-01", "Introduction and first reading"),
        (S, "2025-02-01", "Resolution was adopted"),
    )
    closed = {"closes_on": date(2026, 5, 18), "today": date(2026, 11, 22)}
    assert stage_of(enacted, bill_type=BillType.HF, **closed).stage is Stage.ENACTED
    assert stage_of(resolution, bill_type=BillType.SR, **closed).stage is Stage.PASSED_SENATE


def test_action_numbers_are_never_compared_across_chambers() -> None:
    # Senate action 1 happens after House action 5: time order, not number order.
    actions = staged(
        (H, "2025-02-03", "Introduction and first reading, referred to"),
        (H, "2025-03-10", "Bill was passed"),
        (S, "2025-03-11", "Received from House"),
        (S, None, "Referred to"),
    )
    ordered = in_time_order(actions, H)
    assert [(a.chamber, a.sequence) for a in ordered] == [(H, 0), (H, 1), (S, 0), (S, 1)]


# -- the governor's window and "as of" -------------------------------------------------------

SINE_DIE = date(2026, 5, 18)


def presented(on: str) -> list[StagedAction]:
    return staged(
        INTRO,
        (H, "2026-04-06", "Bill was passed"),
        (S, "2026-04-23", "Third reading Passed"),
        (H, on, "Presented to Governor", on),
    )


# (presented on, judged on) -> (stage, dated, the governor's deadline)
GOVERNOR_WINDOW = {
    "presented on sine die, the day after: awaiting the governor": (
        ("2026-05-18", "2026-05-19"),
        (Stage.SENT_TO_GOVERNOR, "2026-05-18", "2026-06-01"),
    ),
    "presented two days before sine die, on the 14th day: still awaiting": (
        ("2026-05-16", "2026-06-01"),
        (Stage.SENT_TO_GOVERNOR, "2026-05-16", "2026-06-01"),
    ),
    "the 15th day after adjournment: pocket vetoed, dated the window's last day": (
        ("2026-05-18", "2026-06-02"),
        (Stage.POCKET_VETOED, "2026-06-01", "2026-06-01"),
    ),
    "presented the day after sine die (a bill passed in the last days)": (
        ("2026-05-19", "2026-05-25"),
        (Stage.SENT_TO_GOVERNOR, "2026-05-19", "2026-06-01"),
    ),
    "during the session the window is already known": (
        ("2026-05-17", "2026-05-17"),
        (Stage.SENT_TO_GOVERNOR, "2026-05-17", "2026-06-01"),
    ),
    "presented three days before sine die: no window, dead after sine die": (
        ("2026-05-15", "2026-05-19"),
        (Stage.DEAD, "2026-05-18", None),
    ),
    "presented in April and still unsigned in the session: no window": (
        ("2026-04-24", "2026-04-30"),
        (Stage.SENT_TO_GOVERNOR, "2026-04-24", None),
    ),
}


@pytest.mark.parametrize("name", list(GOVERNOR_WINDOW))
def test_the_governors_window(name: str) -> None:
    (presented_on, today), (stage, dated, deadline) = GOVERNOR_WINDOW[name]
    result = stage_of(
        presented(presented_on),
        bill_type=BillType.HF,
        closes_on=SINE_DIE,
        today=date.fromisoformat(today),
    )
    assert (result.stage, result.reached_on, result.governor_deadline) == (
        stage,
        date.fromisoformat(dated),
        date.fromisoformat(deadline) if deadline else None,
    )


def test_a_bill_signed_in_the_window_is_enacted_not_pocket_vetoed() -> None:
    signed = StagedAction(H, 99, date(2026, 5, 28), classify_action("Governor approval", ""))
    actions = [*presented("2026-05-18"), signed]
    result = stage_of(actions, bill_type=BillType.HF, closes_on=SINE_DIE, today=date(2026, 7, 1))
    assert (result.stage, result.reached_on) == (Stage.ENACTED, date(2026, 5, 28))


# Judged "as of" a day, a bill stands where its actions up to that day put it.
AS_OF = {
    "before its passage": ("2026-04-01", Stage.IN_COMMITTEE, "2026-02-03"),
    "the day it passed the House": ("2026-04-06", Stage.PASSED_HOUSE, "2026-04-06"),
    "after the Senate passed it too": ("2026-05-01", Stage.PASSED_BOTH, "2026-04-23"),
}


@pytest.mark.parametrize("name", list(AS_OF))
def test_actions_after_today_have_not_happened_yet(name: str) -> None:
    today, stage, last_action = AS_OF[name]
    actions = staged(
        (H, "2026-02-03", "Introduction and first reading, referred to"),
        (H, "2026-04-06", "Bill was passed"),
        (S, "2026-04-08", "Received from House"),
        (S, None, "Referred to"),
        (S, "2026-04-23", "Third reading Passed"),
    )
    result = stage_of(
        actions, bill_type=BillType.HF, closes_on=SINE_DIE, today=date.fromisoformat(today)
    )
    assert (result.stage, result.last_action_on) == (stage, date.fromisoformat(last_action))
