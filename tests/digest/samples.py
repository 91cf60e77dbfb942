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
from tracker.records.bills import BillKey
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


# -- a varied week: members who follow different things in different orders, with different
# legislators, and text that looks like Handlebars ------------------------------------------

REP_10B = LegislatorFact(
    H, "15902", "Jamie O'Neil {{x}}", "10B", url="https://www.house.mn.gov/members/10B?a=1&b=2"
)
SEN_10 = LegislatorFact(S, "1902", "Kai \\ Brandt", "10", "kai.o'brandt@senate.mn")
SEN_62 = LegislatorFact(S, "1903", "Lee & Lee", "62")


def varied_week() -> DigestInput:
    """Twelve bills over three priorities, two hearings with the members' legislators on them."""
    mar = lambda day: date(2026, 3, day)  # noqa: E731
    support = PositionFact("support", "high", "Saves {{money}}.\n\\ Helps kids.")
    oppose = PositionFact("oppose", "high", "Costs districts <b>too much</b>.", urgent=True)
    areas = ("special-education", "literacy", "facilities")
    bills = []
    for n in range(12):
        area = (areas[n % 3],) + ((areas[(n + 1) % 3],) if n % 4 == 0 else ())
        steps = [act(H, 1, date(2026, 1, 10 + n), K.INTRODUCTION, K.REFERRAL)]
        if n % 2:
            steps.append(act(H, 2, mar(3 + n % 5), K.COMMITTEE_PASSED, text="Committee report"))
        if n in (4, 9):
            steps.append(act(H, 3, mar(5), K.SECOND_READING))
        if n == 10:
            steps = [act(H, 1, mar(4), K.INTRODUCTION, K.REFERRAL)]
        title = f"Bill {n} on {area[0]} {{{{not_a_tag}}}} \\{{{{x}}}} & <i>{n}</i>"
        bills.append(
            bill(
                100 + n,
                BillType.HF,
                1000 + n,
                *steps,
                title=title,
                author=f"Author {n}",
                tags=area,
                position=(support, oppose, None)[n % 3] if n < 10 else None,
            )
        )
    seats = (SeatFact(REP), SeatFact(REP_10B, "chair"), SeatFact(SEN))
    first = hearing(tuple(100 + n for n in (0, 1, 3, 6)), seats=seats)
    second = HearingFact(
        id=2,
        chamber="senate",
        committee="Education Policy",
        starts_at=datetime(2026, 3, 12, 9, 0, tzinfo=CENTRAL),
        location="Senate Building 1150",
        bill_ids=(104, 107, 109),
        seats=(SeatFact(SEN_10), SeatFact(SEN, "chair")),
    )
    return DigestInput(
        window=digest_window(WEEK),
        bills={b.id: b for b in bills},
        hearings=(first, second),
        legislators=(REP, SEN, CHAIR, REP_10B, SEN_10, SEN_62),
        priorities=PRIORITIES,
        default_priorities=tuple(PRIORITIES),
        association="Assoc {{of}} Districts",
    )


VARIED = [  # name, organization, follows, districts
    ("Ana \\ {{b}}", "ISD 1", ("literacy", "special-education"), ("49A",)),
    ("Ben", "ISD 0", ("special-education", "literacy"), ("49A",)),
    ("O'Brien & Sons", 'The "Best" <District>', ("facilities",), ("10B",)),
    ("Zoë Kowalczyk", "ISD 2", (), ("49A", "10B")),
    ("Cy", "ISD 3", ("literacy",), ()),
    ("Di", "ISD 4", ("facilities", "special-education", "literacy"), ("62A",)),
    ("Ed", "ISD 5", ("special-education",), ("10A",)),
]


def varied_members(count: int, start: int = 100) -> list[Member]:
    members = []
    for n in range(count):
        name, organization, follows, districts = VARIED[n % len(VARIED)]
        members.append(
            Member(
                id=start + n,
                email=f"member{start + n}@district{n % 5}.example.org",
                name=f"{name} {n}",
                organization=organization,
                follows=list(follows),
                districts=list(districts),
                token_salt=f"salt-{start + n}",
            )
        )
    return members
