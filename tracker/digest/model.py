"""What a digest holds: plain frozen records the templates read, and how one bill (with its
companion) becomes one line: "H.F. 45 / S.F. 88 (Youakim / Kunesh) – title – stage –
position – status links"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.digest.asks import SuggestedAction
from tracker.digest.inputs import (
    BillFact,
    DigestInput,
    DigestWindow,
    LegislatorFact,
    PositionFact,
    QuarterSummary,
)
from tracker.vocab import Stage


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class BillLine:
    unit: int  # the lower bill id of the companion pair
    citation: str  # "H.F. 123 / S.F. 456"
    title: str
    authors: str  # chief authors, in citation order
    stage: Stage
    position: str
    priority: str
    links: tuple[Link, ...]
    week_actions: tuple[str, ...] = ()

    @property
    def position_label(self) -> str:
        return "" if self.position in ("", "none") else self.position.title()


@dataclass(frozen=True)
class Alert:
    bill: BillLine
    reason: str
    summary: str  # for a headline: "H.F. 45 / S.F. 88 before Tuesday's hearing in ..."
    action: SuggestedAction | None
    urgent: bool
    starts_at: datetime | None = None


@dataclass(frozen=True)
class Section:
    title: str
    bills: tuple[BillLine, ...]
    more: int = 0  # bills left out to keep the email short (Gmail clips past ~100 KB)
    link: str = ""  # the same list in the web app, a path from its root


@dataclass(frozen=True)
class HearingLine:
    when: str
    committee: str
    location: str
    note: str
    url: str
    bills: tuple[BillLine, ...]


@dataclass(frozen=True)
class Digest:
    member_id: int | None
    member_name: str
    member_email: str
    organization: str
    window: DigestWindow
    association: str
    headline: str
    alerts: tuple[Alert, ...] = ()
    moved: tuple[Section, ...] = ()
    new_bills: tuple[Section, ...] = ()
    hearings: tuple[HearingLine, ...] = ()
    enacted: tuple[BillLine, ...] = ()
    vetoed: tuple[BillLine, ...] = ()
    legislators: tuple[LegislatorFact, ...] = ()  # the member's own
    member_salt: str = ""  # for the unsubscribe token
    # What was left out to keep the email short, and where the web app lists it all.
    alerts_more: int = 0
    hearings_more: int = 0
    hearings_link: str = ""
    finished_more: int = 0
    finished_link: str = ""
    quarter: QuarterSummary | None = None  # for members who asked for it

    @property
    def week_monday(self) -> date:
        return self.window.monday

    @property
    def is_empty(self) -> bool:
        parts = (self.alerts, self.moved, self.new_bills, self.hearings, self.enacted, self.vetoed)
        more = self.hearings_more or self.finished_more or self.quarter
        return not any(parts) and not more


def _day(day: date | None) -> str:
    return f"{day:%b} {day.day}" if day else "undated"


def week_actions(inputs: DigestInput, bills: tuple[BillFact, ...]) -> tuple[str, ...]:
    """The week's notable actions of a pair, and what each new version changed, in date
    order: 'Mar 5, H.F. 45 (House): ...', 'Mar 6, H.F. 45 1st Engrossment: special education
    aid for FY 2027 from $... to $...'."""
    rows = []
    for bill in bills:
        for action in inputs.week.moved.get(bill.id, ()):
            where = f" {action.committee}" if action.committee else ""
            text = f"{_day(action.action_date)}, {bill.key.citation} ({action.chamber.label}): "
            rows.append((action.action_date or date.min, text + action.text + where))
        for day, changed in bill.text_changes:
            if day in inputs.window.review:
                rows.append((day, f"{_day(day)}, {bill.key.citation} {changed}"))
    return tuple(text for _, text in sorted(rows, key=lambda row: row[0]))


def bill_line(
    inputs: DigestInput,
    bills: tuple[BillFact, ...],
    stage: Stage,
    leading: BillFact,
    position: PositionFact,
    *,
    with_week: bool = False,
) -> BillLine:
    return BillLine(
        unit=min(bill.id for bill in bills),
        citation=" / ".join(bill.key.citation for bill in bills),
        title=leading.title,
        authors=" / ".join(bill.chief_author for bill in bills if bill.chief_author),
        stage=stage,
        position=position.position,
        priority=position.priority,
        links=tuple(Link(f"{bill.key.citation} status", bill.status_url) for bill in bills),
        week_actions=week_actions(inputs, bills) if with_week else (),
    )
