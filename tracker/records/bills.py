"""Plain records of what a source said, passed from spiders to the store.

Spiders yield them as their items; they live here, below both, so that the store never
imports a spider.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tracker.vocab import BillType, Chamber, StatuteChange

if TYPE_CHECKING:
    from tracker.records.bill_text import SectionRecord

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, order=True)
class BillKey:
    """A bill's identity: special sessions restart numbering, so the key includes them."""

    legislature: int
    special_session: int
    bill_type: BillType
    number: int

    def __str__(self) -> str:
        return f"{self.bill_type.value} {self.number}"

    @property
    def slug(self) -> str:
        return f"{self.legislature}-{self.special_session}-{self.bill_type.value}-{self.number}"

    @property
    def citation(self) -> str:
        """As associations write it: H.F. 123."""
        return f"{self.bill_type.citation_prefix} {self.number}"


@dataclass(frozen=True)
class AuthorRecord:
    chamber: Chamber
    position: int
    name: str
    legislator_key: str | None = None


@dataclass(frozen=True)
class ActionRecord:
    chamber: Chamber
    sequence: int
    text: str
    action_number: int | None = None
    action_date: date | None = None
    journal_page: str = ""
    description: str = ""
    committee_id: str = ""
    committee_name: str = ""
    roll_call: str = ""
    group: str = ""


@dataclass(frozen=True)
class VersionRecord:
    name: str
    label: str
    official: bool
    engrossment: int | None
    posted_at: datetime | None
    html_url: str
    pdf_url: str = ""


@dataclass(frozen=True)
class StatuteRecord:
    section: str
    change: StatuteChange
    subdivision: str = ""
    statutes_year: int | None = None


@dataclass(frozen=True)
class BillRecord:
    """One bill-status response, as the source said it."""

    key: BillKey
    year_introduced: int
    session_name: str
    year_start: int
    year_end: int
    status_xml_url: str
    revisor_number: str | None = None
    description: str = ""
    companion: tuple[BillType, int] | None = None
    authors: tuple[AuthorRecord, ...] = ()
    actions: tuple[ActionRecord, ...] = ()
    versions: tuple[VersionRecord, ...] = ()
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def latest_version(self) -> VersionRecord | None:
        return latest_version(self.versions)


@dataclass(frozen=True)
class TextUnreadRecord:
    """A version's text page that could not be read, after its retries, or parsed."""

    key: BillKey
    version_name: str
    reason: str


@dataclass(frozen=True)
class BillTextRecord:
    """What a bill-text page said: its title, the statutes it touches, its plain text."""

    key: BillKey
    version_name: str
    url: str
    title: str
    statutes: tuple[StatuteRecord, ...] = ()
    text: str = ""
    sections: tuple[SectionRecord, ...] = ()  # the page's sections, marks kept


def latest_version(versions: tuple[VersionRecord, ...]) -> VersionRecord | None:
    """The newest posted version; unofficial engrossments count, ties go to the later listing."""
    if not versions:
        return None
    ranked = sorted(
        enumerate(versions),
        key=lambda pair: (pair[1].posted_at is not None, pair[1].posted_at or _EPOCH, pair[0]),
    )
    return ranked[-1][1]
