"""What a digest is built from: plain frozen records, gathered once a week by
`tracker.digest.load` (or built by hand in tests and the benchmark). No database here.

The digest of the week of Monday M goes out that Monday: it reviews the seven days before
(M-7 to M, "what moved") and looks ahead to the week starting M ("upcoming hearings"),
as association updates published on Mondays do (MSBA's Weekly Advocate: In Review, Look
Ahead). `digest_window` is the one place that says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from tracker.records.bills import BillKey
from tracker.rules.dates import CENTRAL, monday_of
from tracker.rules.hearing_changes import when
from tracker.rules.stage import StagedAction, dated_in_time_order, stage_of
from tracker.vocab import ActionKind, Chamber, HearingStatus, Stage

# Actions that change nothing a member acts on: a week with only these is not "moved".
QUIET_KINDS = frozenset(
    {
        ActionKind.AUTHOR_ADDED,
        ActionKind.AUTHOR_STRICKEN,
        ActionKind.AUTHOR_CHANGED,
        ActionKind.CROSS_REFERENCE,
        ActionKind.PROCEDURAL,
        ActionKind.EFFECTIVE_DATE,
    }
)


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # exclusive

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


@dataclass(frozen=True)
class DigestWindow:
    monday: date
    review: Window
    ahead: Window


def digest_window(week: date) -> DigestWindow:
    monday = monday_of(week)
    return DigestWindow(
        monday=monday,
        review=Window(monday - timedelta(days=7), monday),
        ahead=Window(monday, monday + timedelta(days=7)),
    )


@dataclass(frozen=True)
class ActionFact:
    chamber: Chamber
    sequence: int
    action_date: date | None
    kinds: tuple[ActionKind, ...]
    text: str
    committee: str = ""


@dataclass(frozen=True)
class PositionFact:
    position: str  # support, oppose, monitor, neutral, none
    priority: str = "none"  # high, medium, low, none
    talking_points: str = ""
    urgent: bool = False

    @property
    def takes_side(self) -> bool:
        return self.position in ("support", "oppose")


@dataclass(frozen=True)
class BillFact:
    id: int
    key: BillKey
    title: str
    status_url: str
    chief_author: str = ""
    companion_id: int | None = None
    actions: tuple[ActionFact, ...] = ()
    tags: frozenset[str] = frozenset()  # area codes and 'fw/code' item keys not rejected
    position: PositionFact | None = None
    closes_on: date | None = None  # the session's last day, after which an unfinished bill dies
    # A new version posted (day, what it changed in one line, money first), for "what moved".
    text_changes: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class LegislatorFact:
    chamber: Chamber
    key: str
    name: str
    district: str = ""
    email: str = ""
    url: str = ""

    @property
    def display(self) -> str:
        return f"{'Rep.' if self.chamber is Chamber.HOUSE else 'Sen.'} {self.name}"


@dataclass(frozen=True)
class SeatFact:
    legislator: LegislatorFact
    role: str = "member"  # chair, vice_chair, ranking_minority, member


@dataclass(frozen=True)
class HearingFact:
    id: int
    chamber: str  # house, senate or joint
    committee: str
    starts_at: datetime
    time_tba: bool = False
    location: str = ""
    status: str = HearingStatus.SCHEDULED.value
    url: str = ""
    bill_ids: tuple[int, ...] = ()
    seats: tuple[SeatFact, ...] = ()
    changes: tuple[str, ...] = ()  # 'time', 'location', 'bill added' ... as seen by crawls
    vanished: bool = False

    @cached_property
    def label(self) -> str:
        if self.chamber in ("house", "senate") and not self.committee.startswith(
            ("House", "Senate")
        ):
            return f"{self.chamber.title()} {self.committee}"
        return self.committee

    @cached_property
    def when(self) -> str:
        return when(self.starts_at, self.time_tba)

    @cached_property
    def weekday(self) -> str:
        return f"{self.starts_at.astimezone(CENTRAL):%A}"

    @property
    def canceled(self) -> bool:
        return self.status == HearingStatus.CANCELED or self.vanished

    @property
    def chair(self) -> LegislatorFact | None:
        return next((s.legislator for s in self.seats if s.role == "chair"), None)


@dataclass(frozen=True)
class PriorityFact:
    """Something a member follows, and the tag codes that count as it."""

    code: str
    label: str
    matches: frozenset[str]


@dataclass(frozen=True)
class WeekFacts:
    """Per-bill facts of the week, the same for every member (computed once)."""

    stage_at_end: Mapping[int, Stage]
    stage_at_start: Mapping[int, Stage]
    moved: Mapping[int, tuple[ActionFact, ...]]  # notable actions dated in the review week
    introduced: frozenset[int]


@dataclass(frozen=True)
class QuarterSummary:
    """The progress report's headline and summary of a quarter that closed in the review
    week, for members who asked for it."""

    label: str  # 2026Q2
    headline: str
    paragraphs: tuple[str, ...]
    link: str  # the report in the web app, from its root


@dataclass(frozen=True)
class DigestInput:
    window: DigestWindow
    bills: Mapping[int, BillFact]
    hearings: tuple[HearingFact, ...] = ()  # those starting in the look-ahead week
    legislators: tuple[LegislatorFact, ...] = ()
    priorities: Mapping[str, PriorityFact] = field(default_factory=dict)
    default_priorities: tuple[str, ...] = ()  # what a member following nothing sees, in order
    association: str = ""
    quarter: QuarterSummary | None = None
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def week(self) -> WeekFacts:
        review = self.window.review
        return WeekFacts(
            stage_at_end={i: stage_on(b, review.last_day) for i, b in self.bills.items()},
            stage_at_start={
                i: stage_on(b, review.start - timedelta(days=1)) for i, b in self.bills.items()
            },
            moved={
                i: notable
                for i, b in self.bills.items()
                if (notable := tuple(a for a in b.actions if _notable(a, review)))
            },
            introduced=frozenset(
                i
                for i, b in self.bills.items()
                if any(
                    ActionKind.INTRODUCTION in a.kinds and a.action_date in review
                    for a in b.actions
                )
            ),
        )

    @cached_property
    def legislators_by_district(self) -> Mapping[str, tuple[LegislatorFact, ...]]:
        by_district: dict[str, list[LegislatorFact]] = {}
        for legislator in self.legislators:
            by_district.setdefault(legislator.district.upper(), []).append(legislator)
        return {district: tuple(found) for district, found in by_district.items()}

    def legislators_of(self, districts: tuple[str, ...] | list[str]) -> tuple[LegislatorFact, ...]:
        """A member's representatives (House district '49A') and senators (district '49')."""
        found: dict[tuple[Chamber, str], LegislatorFact] = {}
        for district in districts:
            house = district.upper()
            for legislator in self.legislators_by_district.get(house, ()):
                if legislator.chamber is Chamber.HOUSE:
                    found[(legislator.chamber, legislator.key)] = legislator
            for legislator in self.legislators_by_district.get(house.rstrip("AB"), ()):
                if legislator.chamber is Chamber.SENATE:
                    found[(legislator.chamber, legislator.key)] = legislator
        return tuple(found.values())


def _notable(action: ActionFact, review: Window) -> bool:
    return action.action_date in review and not set(action.kinds) <= QUIET_KINDS


def stage_on(bill: BillFact, day: date) -> Stage:
    """The bill's stage at the end of `day`, from the actions dated up to then."""
    origin = bill.key.bill_type.chamber
    staged = [
        StagedAction(action.chamber, action.sequence, action.action_date, action.kinds)
        for action, effective in dated_in_time_order(bill.actions, origin)
        if effective is None or effective <= day
    ]
    result = stage_of(staged, bill_type=bill.key.bill_type, closes_on=bill.closes_on, today=day)
    return result.stage
