"""Hand-built digest inputs: a few bills, hearings and legislators, no database."""

from __future__ import annotations

from datetime import date, datetime

from tracker.digest.inputs import (
    ActionFact,
    BillFact,
    DigestInput,
    HearingFact,
    LegislatorFact,
    PositionFact,
    PriorityFact,
    SeatFact,
    digest_window,
)
from tracker.models import Member
from tracker.records import BillKey
from tracker.rules.dates import CENTRAL
from tracker.vocab import ActionKind as K
from tracker.vocab import BillType, Chamber

WEEK = date(2026, 3, 9)  # the digest goes out Monday March 9: reviews Mar 2-8, looks at Mar 9-15
H, S = Chamber.HOUSE, Chamber.SENATE

REP = LegislatorFact(H, "15901", "Avery Example", "49A", "rep.example@house.mn.gov")
SEN = LegislatorFact(S, "1901", "Harper Example", "49", "sen.example@senate.mn")
CHAIR = LegislatorFact(H, "15451", "Ron Kresha", "10B")


def act(
    chamber: Chamber, seq: int, day: date | None, *kinds: K, text: str = "", committee: str = ""
) -> ActionFact:
    return ActionFact(chamber, seq, day, kinds, text or kinds[0].label, committee)


def bill(
    bill_id: int,
    bill_type: BillType,
    number: int,
    *actions: ActionFact,
    title: str = "A bill",
    author: str = "",
    companion: int | None = None,
    tags: tuple[str, ...] = (),
    position: PositionFact | None = None,
) -> BillFact:
    key = BillKey(94, 0, bill_type, number)
    return BillFact(
        id=bill_id,
        key=key,
        title=title,
        status_url=f"https://www.revisor.mn.gov/bills/bill.php?f={bill_type.value}{number}",
        chief_author=author,
        companion_id=companion,
        actions=actions,
        tags=frozenset(tags),
        position=position,
        closes_on=date(2026, 5, 18),
    )


def hearing(
    bill_ids: tuple[int, ...], *, seats: tuple[SeatFact, ...] = (), status: str = "scheduled"
) -> HearingFact:
    return HearingFact(
        id=1,
        chamber="house",
        committee="Education Finance",
        starts_at=datetime(2026, 3, 10, 13, 0, tzinfo=CENTRAL),
        location="Capitol 120",
        status=status,
        url="https://www.house.mn.gov/committees/home/94005",
        bill_ids=bill_ids,
        seats=seats,
    )


PRIORITIES = {
    "special-education": PriorityFact(
        "special-education", "Special education", frozenset({"special-education"})
    ),
    "literacy": PriorityFact("literacy", "Literacy", frozenset({"literacy"})),
    "facilities": PriorityFact("facilities", "Facilities", frozenset({"facilities"})),
}


def inputs(*bills: BillFact, hearings: tuple[HearingFact, ...] = ()) -> DigestInput:
    return DigestInput(
        window=digest_window(WEEK),
        bills={b.id: b for b in bills},
        hearings=hearings,
        legislators=(REP, SEN, CHAIR),
        priorities=PRIORITIES,
        default_priorities=tuple(PRIORITIES),
    )


def member(follows: tuple[str, ...] = (), districts: tuple[str, ...] = ("49A",)) -> Member:
    return Member(
        id=7,
        email="dana@example.org",
        name="Dana Lindqvist",
        organization="Example Valley Public Schools",
        follows=list(follows),
        districts=list(districts),
        token_salt="salt-7",
    )
