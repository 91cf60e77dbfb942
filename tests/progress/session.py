"""A small session built by hand for the progress tests: nine bills, a plan of three items,
goals; every count the tests expect was worked out by hand from this table (see the
comments), not by running the code."""

from __future__ import annotations

from datetime import date

from tracker.progress.facts import BillProgress, FoldedInto, Goal, ProgressFacts
from tracker.rules.stage import StagedAction
from tracker.tagging.catalog import Framework, FrameworkItem
from tracker.vocab import ActionKind as K
from tracker.vocab import BillType, Chamber, FindingStatus, Position

SINE_DIE = date(2026, 5, 18)
H, S = Chamber.HOUSE, Chamber.SENATE

FRAMEWORK = Framework(
    id="test",
    organization="Test Association",
    name="Test plan",
    year=2026,
    source="tests",
    items=(
        FrameworkItem("test", "sd-1", "strategic_direction", "Fund schools fully."),
        FrameworkItem("test", "sd-1a", "strategy", "Special education aid.", parent="sd-1"),
        FrameworkItem("test", "belief-1", "belief", "Local control."),
    ),
)
SD1, SD1A, BELIEF = "test/sd-1", "test/sd-1a", "test/belief-1"


def act(chamber: Chamber, n: int, day: date, *kinds: K) -> StagedAction:
    return StagedAction(chamber, n, day, kinds)


INTRO = (K.INTRODUCTION, K.REFERRAL)


def bill(
    bill_id: int,
    citation: str,
    actions: tuple[StagedAction, ...],
    tags: set[str],
    position: Position = Position.NONE,
    **rest: object,
) -> BillProgress:
    bill_type = BillType.SF if citation.startswith("S") else BillType.HF
    return BillProgress(
        id=bill_id,
        citation=citation,
        title=f"Bill {citation}",
        url=f"/bills/{bill_id}",
        bill_type=bill_type,
        closes_on=rest.pop("closes_on", SINE_DIE),  # type: ignore[arg-type]
        actions=actions,
        tags=frozenset(tags),
        position=position,
        **rest,  # type: ignore[arg-type]
    )


BILLS = {
    # Enacted (win): introduced Q1, passed and approved in Q2. Position set in Q1; a Q1 hearing.
    1: bill(
        1,
        "H.F. 1",
        (
            act(H, 1, date(2026, 2, 2), *INTRO),
            act(H, 2, date(2026, 4, 10), K.PASSED),
            act(H, 3, date(2026, 5, 10), K.GOVERNOR_APPROVAL),
        ),
        {SD1A},
        Position.SUPPORT,
        position_days=(date(2026, 3, 1),),
        hearings=((10, date(2026, 2, 10)),),
    ),
    # Died in committee, folded into H.F. 3 (confirmed), which was enacted May 20 (win, folded).
    2: bill(
        2,
        "H.F. 2",
        (act(H, 1, date(2026, 3, 1), *INTRO),),
        {SD1},
        Position.SUPPORT,
        position_days=(date(2026, 4, 5),),
        hearings=((11, date(2026, 4, 7)),),
        folded_into=(FoldedInto(3, 0.4, FindingStatus.CONFIRMED, ("126C.10, subd. 2 ...",)),),
    ),
    # The omnibus: no position; passed both, enacted May 20.
    3: bill(
        3,
        "H.F. 3",
        (
            act(H, 1, date(2026, 3, 10), *INTRO),
            act(H, 2, date(2026, 4, 20), K.PASSED),
            act(S, 1, date(2026, 5, 1), K.PASSED),
            act(H, 3, date(2026, 5, 20), K.GOVERNOR_APPROVAL),
        ),
        {SD1},
    ),
    # Opposed, died in committee (win: stopped). Position and a hearing in Q2.
    4: bill(
        4,
        "H.F. 4",
        (act(H, 1, date(2026, 3, 3), *INTRO),),
        {BELIEF},
        Position.OPPOSE,
        position_days=(date(2026, 4, 20),),
        hearings=((12, date(2026, 4, 21)),),
    ),
    # Opposed, enacted (loss).
    5: bill(
        5,
        "H.F. 5",
        (
            act(H, 1, date(2026, 4, 2), *INTRO),
            act(H, 2, date(2026, 4, 20), K.PASSED),
            act(S, 1, date(2026, 5, 1), K.PASSED),
            act(H, 3, date(2026, 5, 15), K.GOVERNOR_APPROVAL),
        ),
        {BELIEF},
        Position.OPPOSE,
        position_days=(date(2026, 4, 3),),
    ),
    # Supported, passed both, presented, vetoed May 25 (loss). A hearing May 1.
    6: bill(
        6,
        "H.F. 6",
        (
            act(H, 1, date(2026, 4, 15), *INTRO),
            act(H, 2, date(2026, 4, 30), K.PASSED),
            act(S, 1, date(2026, 5, 5), K.PASSED),
            act(H, 3, date(2026, 5, 10), K.PRESENTMENT),
            act(H, 4, date(2026, 5, 25), K.VETO),
        ),
        {SD1},
        Position.SUPPORT,
        position_days=(date(2026, 4, 16),),
        hearings=((13, date(2026, 5, 1)),),
    ),
    # Supported, introduced June 1 in a session still open (pending).
    7: bill(
        7,
        "S.F. 7",
        (act(S, 1, date(2026, 6, 1), *INTRO),),
        {SD1A},
        Position.SUPPORT,
        closes_on=None,
        position_days=(date(2026, 6, 2),),
    ),
    # Monitored: followed, neither won nor lost. Moved only in Q1; position set in Q1.
    8: bill(
        8,
        "H.F. 8",
        (act(H, 1, date(2026, 1, 20), *INTRO),),
        {SD1},
        Position.MONITOR,
        position_days=(date(2026, 1, 15),),
    ),
    # Supported but tagged to no item of the plan: never counted in it.
    9: bill(9, "H.F. 9", (act(H, 1, date(2026, 4, 1), *INTRO),), set(), Position.SUPPORT),
}

GOALS = (
    Goal(
        1,
        SD1,
        2026,
        "Raise special education aid",
        "aid enacted",
        "FY 2027",
        "Lobbyist",
        "",
        (1, 2),
    ),
    Goal(2, BELIEF, 2026, "Stop new mandates", bill_ids=(5,)),
    Goal(3, SD1A, 2026, "A study of transportation costs"),
)

FACTS = ProgressFacts(bills=BILLS, goals=GOALS, association="Test Association")
