"""A bill's stage, derived from its classified actions.

Milestones are cumulative: a later committee referral in the second chamber does not undo
"passed the House". Actions are taken in time order across both chamber blocks (action
numbers restart per chamber, so they are never compared across blocks); a blank date
inherits the date of the action before it in the same block. Actions dated after `today`
have not happened yet (TRACKER_AS_OF runs the tracker as of an earlier day).

The governor's window (Minn. Const. art. IV, sec. 23): a bill presented in the last three
days of the session is not dead at sine die; the governor has 14 days after adjournment to
sign it, and one not signed by then is pocket vetoed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, TypeVar

from tracker.vocab import ActionKind as K
from tracker.vocab import BillType, Chamber, Stage

RANK: dict[Stage, int] = {
    Stage.INTRODUCED: 1,
    Stage.IN_COMMITTEE: 2,
    Stage.PASSED_COMMITTEE: 3,
    Stage.ON_FLOOR: 4,
    Stage.PASSED_HOUSE: 5,
    Stage.PASSED_SENATE: 5,
    # Same rank: the later of "passed both" and "in conference" is where the bill stands.
    Stage.PASSED_BOTH: 6,
    Stage.IN_CONFERENCE: 6,
    Stage.SENT_TO_GOVERNOR: 8,
    Stage.ENACTED: 9,
    Stage.VETOED: 10,
}

ENACTED_KINDS = frozenset({K.GOVERNOR_APPROVAL, K.CHAPTER, K.FILED, K.LINE_ITEM_VETO})
FLOOR_KINDS = frozenset({K.SECOND_READING, K.GENERAL_ORDERS, K.CALENDAR, K.THIRD_READING})
REFERRAL_KINDS = frozenset({K.REFERRAL, K.COMPARISON, K.DEADLINE_RETURN})
LAST_DAYS_OF_SESSION = 3  # presented in these (or after), a bill gets the governor's window
GOVERNOR_DAYS_AFTER_ADJOURNMENT = 14


@dataclass(frozen=True)
class StagedAction:
    """The slice of an action the stage rules read."""

    chamber: Chamber
    sequence: int
    action_date: date | None
    kinds: tuple[K, ...]


@dataclass(frozen=True)
class StageResult:
    stage: Stage
    reached_on: date | None
    furthest: Stage  # the stage before death, or the stage itself
    last_action_on: date | None
    governor_deadline: date | None = None  # the last day the governor may sign it


def governor_deadline(presented_on: date | None, closes_on: date | None) -> date | None:
    """The last day the governor may sign a bill presented in the session's last three days
    (or after sine die): 14 days after adjournment. None for a bill presented earlier, which
    the governor acts on while the Legislature still sits, or when a date is unknown."""
    if presented_on is None or closes_on is None:
        return None
    if presented_on <= closes_on - timedelta(days=LAST_DAYS_OF_SESSION):
        return None
    return closes_on + timedelta(days=GOVERNOR_DAYS_AFTER_ADJOURNMENT)


class Placed(Protocol):
    """Anything with the fields that place an action in time (a StagedAction, a stored row)."""

    @property
    def chamber(self) -> str: ...
    @property
    def sequence(self) -> int: ...
    @property
    def action_date(self) -> date | None: ...


P = TypeVar("P", bound=Placed)


def dated_in_time_order(actions: Sequence[P], origin: Chamber) -> list[tuple[P, date | None]]:
    """Both chamber blocks merged by date, each action with its effective date: a blank
    date inherits the date of the action before it in its block (None before any date)."""
    keyed: list[tuple[date, int, int, P, date | None]] = []
    for block_order, chamber in enumerate((origin, origin.other)):
        last_known: date | None = None
        block = sorted((a for a in actions if a.chamber == chamber), key=lambda a: a.sequence)
        for action in block:
            last_known = action.action_date or last_known
            keyed.append(
                ((last_known or date.min), block_order, action.sequence, action, last_known)
            )
    keyed.sort(key=lambda row: row[:3])
    return [(row[3], row[4]) for row in keyed]


def in_time_order(actions: Sequence[P], origin: Chamber) -> list[P]:
    """Both chamber blocks merged by date; blank dates inherit their block's previous date."""
    return [action for action, _ in dated_in_time_order(actions, origin)]


def stage_of(
    actions: Sequence[StagedAction],
    *,
    bill_type: BillType,
    closes_on: date | None = None,
    today: date | None = None,
) -> StageResult:
    """Where the bill stands on `today`; after `closes_on` a bill that is not law is dead,
    but for one in the governor's window (then pocket vetoed once the window has passed)."""
    origin = bill_type.chamber
    stage, reached_on = Stage.INTRODUCED, None
    passed: set[Chamber] = set()
    conference_adopted: set[Chamber] = set()
    in_conference = False
    adopted_resolution = False
    last_known: date | None = None

    for action, effective in dated_in_time_order(actions, origin):
        if today is not None and effective is not None and effective > today:
            break  # in time order: this and every later action has not happened yet
        last_known = action.action_date or last_known
        kinds = set(action.kinds)
        candidate: Stage | None = None
        if kinds & {K.INTRODUCTION, K.RECEIVED}:
            candidate = Stage.INTRODUCED
        if kinds & REFERRAL_KINDS:
            candidate = Stage.IN_COMMITTEE
        if kinds & {K.COMMITTEE_PASSED, K.COMMITTEE_NO_RECOMMENDATION}:
            rereferred = K.COMMITTEE_REREFERRED in kinds
            candidate = Stage.IN_COMMITTEE if rereferred else Stage.PASSED_COMMITTEE
        if kinds & FLOOR_KINDS:
            candidate = Stage.ON_FLOOR
        if (K.PASSED in kinds and K.FAILED not in kinds) or K.RESOLUTION_ADOPTED in kinds:
            passed.add(action.chamber)
            adopted_resolution = K.RESOLUTION_ADOPTED in kinds
            candidate = _passage_stage(passed)
        if kinds & {K.REFUSED_CONCURRENCE, K.CONFERENCE_COMMITTEE, K.CONFEREES}:
            in_conference = True
            candidate = Stage.IN_CONFERENCE
        if K.CONFERENCE_REPORT_ADOPTED in kinds:
            conference_adopted.add(action.chamber)
            both = len(conference_adopted) == 2
            candidate = Stage.PASSED_BOTH if both else Stage.IN_CONFERENCE
        elif K.REPASSED in kinds and not in_conference:
            candidate = Stage.PASSED_BOTH
        if K.PRESENTMENT in kinds:
            candidate = Stage.SENT_TO_GOVERNOR
        if kinds & ENACTED_KINDS or K.VETO_OVERRIDDEN in kinds:
            candidate = Stage.ENACTED
        if K.VETO in kinds:
            candidate = Stage.VETOED
        if candidate is not None and _advances(
            stage, candidate, override=K.VETO_OVERRIDDEN in kinds
        ):
            stage, reached_on = candidate, last_known

    finished = stage in (Stage.ENACTED, Stage.VETOED) or _resolution_done(
        bill_type, adopted_resolution, passed
    )
    deadline = governor_deadline(reached_on, closes_on) if stage is Stage.SENT_TO_GOVERNOR else None
    if closes_on and today and today > closes_on and not finished:
        if deadline is None:
            return StageResult(Stage.DEAD, closes_on, stage, last_known)
        if today > deadline:
            return StageResult(Stage.POCKET_VETOED, deadline, stage, last_known, deadline)
    return StageResult(stage, reached_on, stage, last_known, deadline)


def _passage_stage(passed: set[Chamber]) -> Stage:
    if len(passed) == 2:
        return Stage.PASSED_BOTH
    return Stage.PASSED_HOUSE if Chamber.HOUSE in passed else Stage.PASSED_SENATE


def _advances(current: Stage, candidate: Stage, *, override: bool) -> bool:
    if override:
        return True
    return RANK[candidate] >= RANK[current]


def _resolution_done(bill_type: BillType, adopted: bool, passed: set[Chamber]) -> bool:
    """A simple resolution is done when its chamber adopts it; a concurrent one, when both do."""
    if bill_type in (BillType.HR, BillType.SR):
        return adopted
    if bill_type in (BillType.HC, BillType.SC):
        return adopted and len(passed) == 2
    return False


def stage_as_of(
    actions: Sequence[StagedAction],
    *,
    bill_type: BillType,
    closes_on: date | None,
    day: date,
) -> StageResult:
    """Where the bill stood at the end of `day`, from the actions dated up to then (a blank
    date counts as the date before it in its chamber)."""
    staged = [
        action
        for action, effective in dated_in_time_order(actions, bill_type.chamber)
        if effective is None or effective <= day
    ]
    return stage_of(staged, bill_type=bill_type, closes_on=closes_on, today=day)
