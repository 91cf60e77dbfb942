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
    gavel: str = ""  # who holds the gavel when the page says ("Cheryl Youakim", "Senate")
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


_JOINT_NOISE = re.compile(r"\b(?:joint|house|senate|committees?|meetings?|hearings?|of|the|on)\b")
_JOINT_PARTS = re.compile(r"\s+and\s+|\s*[/&;,+]\s*")


def joint_name(committee: str) -> str:
    """The committees of a joint meeting, whatever order a page lists them in: the parts
    between "and" (or / & ; ,) without the chamber words, sorted. 'Joint Senate and House
    Education Finance Committees' -> 'education-finance'; 'Education Policy and Education
    Finance' and 'Education Finance and Education Policy' -> the same."""
    parts = {slugify(_JOINT_NOISE.sub(" ", part)) for part in _JOINT_PARTS.split(committee.lower())}
    return "-".join(sorted(part for part in parts if part)) or slugify(committee)


def hearing_key(
    chamber: MeetingChamber,
    committee: str,
    starts_at: datetime,
    *,
    site_id: str = "",
    ordinal: int = 1,
) -> str:
    """A meeting's stable key: the site's own meeting id when it gives one, else the
    chamber, committee and local date: not the time, so that a meeting whose time changed
    keeps its key. A committee that meets again the same day gets `ordinal` 2, 3 ... (its
    meetings of that day in time order, as the page lists them) after the date's key.
    Joint meetings always use the content form (`joint_name`), so that the House card and
    the Senate JSON entry for the same meeting get the same key."""
    if site_id and chamber is not MeetingChamber.JOINT:
        return f"{chamber.value}:{site_id}"
    name = joint_name(committee) if chamber is MeetingChamber.JOINT else slugify(committee)
    again = f":{ordinal}" if ordinal > 1 else ""
    return f"{chamber.value}:{starts_at:%Y-%m-%d}:{name}{again}"
