"""Plain records of what the House and Senate said about hearings, members and committees.

The spiders `mn_hearings` and `mn_legislators` yield them; the store takes them. Like
`tracker.records.bills`, they sit below both so that the store never imports a spider.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from tracker.vocab import BillType, Chamber, HearingStatus, MeetingChamber, SeatRole


@dataclass(frozen=True)
class AgendaItemRecord:
    """One agenda line. `bill_type`/`number` is the first bill it names (None when it names
    none); `other_bills` are further bills on the same line (a companion: "SF 1842/HF 2019")."""

    position: int
    bill_type: BillType | None
    number: int | None
    text: str
    other_bills: tuple[tuple[BillType, int], ...] = ()

    @property
    def bills(self) -> tuple[tuple[BillType, int], ...]:
        if self.bill_type is None or self.number is None:
            return self.other_bills
        return ((self.bill_type, self.number), *self.other_bills)


@dataclass(frozen=True)
class HearingRecord:
    """One meeting as one chamber's schedule listed it.

    `starts_at` is aware, in America/Chicago; when the page gives no time (`time_tba`)
    it is midnight of the meeting's day. A joint meeting has chamber JOINT and the same
    `source_key` whichever chamber listed it (`listed_by`), so the store keeps one.
    """

    source_key: str
    chamber: MeetingChamber
    committee: str
    starts_at: datetime
    listed_by: Chamber
    url: str
    committee_id: str = ""
    time_tba: bool = False
    location: str = ""
    chair: str = ""
    status: HearingStatus = HearingStatus.SCHEDULED
    notes: str = ""
    agenda: tuple[AgendaItemRecord, ...] = ()
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def bills(self) -> tuple[tuple[BillType, int], ...]:
        """Every bill on the agenda, in order, once each."""
        seen: dict[tuple[BillType, int], None] = {}
        for item in self.agenda:
            for bill in item.bills:
                seen.setdefault(bill, None)
        return tuple(seen)


@dataclass(frozen=True)
class LegislatorRecord:
    """A member as the chamber's site lists them; `legislator_key` is the site's member id
    (House `/members/profile/{id}`, Senate `mem_id`)."""

    chamber: Chamber
    legislator_key: str
    name: str
    last_name: str
    district: str
    party: str
    url: str
    email: str = ""
    phone: str = ""
    office: str = ""
    problems: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class CommitteeSeat:
    legislator_key: str
    name: str
    role: SeatRole = SeatRole.MEMBER


@dataclass(frozen=True)
class CommitteeRecord:
    chamber: Chamber
    source_id: str
    name: str
    url: str
    memberships: tuple[CommitteeSeat, ...] = ()
    problems: tuple[str, ...] = field(default=(), compare=False)


# -- keys ------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """'Education Finance' -> 'education-finance'; accents folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded.lower()))


_JOINT_NOISE = re.compile(
    r"\b(?:joint|house|senate|committees?|meetings?|hearings?|and|of|the|on)\b"
)


def hearing_key(
    chamber: MeetingChamber, committee: str, starts_at: datetime, *, site_id: str = ""
) -> str:
    """A meeting's stable key: the site's own meeting id when it gives one, else the
    chamber, committee and local date: not the time, so that a meeting whose time changed
    keeps its key (a committee meeting twice a day without a site id would collide: the
    sources seen so far give none). Joint meetings always use the content
    form, with the chamber words dropped from the committee name, so that the House card
    and the Senate JSON entry for the same meeting get the same key."""
    if site_id and chamber is not MeetingChamber.JOINT:
        return f"{chamber.value}:{site_id}"
    name = slugify(committee)
    if chamber is MeetingChamber.JOINT:
        name = slugify(_JOINT_NOISE.sub(" ", committee.lower())) or name
    return f"{chamber.value}:{starts_at:%Y-%m-%d}:{name}"
