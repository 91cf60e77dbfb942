"""Tables of hearings (with their agendas and every change seen), legislators and their
committee seats."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.models.columns import UTCDateTime, json_column, utc_column
from tracker.vocab import HearingStatus


class Hearing(SQLModel, table=True):
    """One committee meeting or floor session. A re-crawl updates it in place and records a
    HearingChange; one that vanished from the schedule keeps its row, with `vanished_at`."""

    id: int | None = Field(default=None, primary_key=True)
    source_key: str = Field(unique=True)
    chamber: str = Field(description="house, senate or joint")
    committee: str
    committee_source_id: str = ""
    starts_at: datetime = Field(sa_type=UTCDateTime(), nullable=False, index=True)
    time_tba: bool = False
    location: str = ""
    chair: str = ""
    gavel: str = Field(default="", description="Who holds the gavel, when the page says")
    status: str = HearingStatus.SCHEDULED.value
    notes: str = Field(default="", sa_type=sa.Text())
    url: str = ""
    listed_by: list[str] = json_column(list)
    first_seen_at: datetime | None = utc_column()
    last_seen_at: datetime | None = utc_column()
    vanished_at: datetime | None = utc_column()


class HearingAgendaItem(SQLModel, table=True):
    __tablename__ = "hearing_agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    hearing_id: int = Field(foreign_key="hearing.id", index=True)
    position: int
    text: str = Field(sa_type=sa.Text())
    bills: list[str] = json_column(list)  # "HF 2" for each bill named, in order
    bill_id: int | None = Field(default=None, foreign_key="bill.id", index=True)


class HearingChange(SQLModel, table=True):
    """What a crawl saw change on a hearing: 'canceled', 'time', 'location', 'bill added'..."""

    __tablename__ = "hearing_change"

    id: int | None = Field(default=None, primary_key=True)
    hearing_id: int = Field(foreign_key="hearing.id", index=True)
    seen_at: datetime | None = utc_column(index=True)
    kind: str
    before: str = ""
    after: str = ""


class Legislator(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("chamber", "legislator_key"),)

    id: int | None = Field(default=None, primary_key=True)
    chamber: str
    legislator_key: str
    name: str
    last_name: str = Field(index=True)
    district: str = ""
    party: str = ""
    email: str = ""
    phone: str = ""
    office: str = ""
    url: str = ""
    updated_at: datetime | None = utc_column()


class CommitteeSeat(SQLModel, table=True):
    __tablename__ = "committee_seat"
    __table_args__ = (sa.UniqueConstraint("committee_id", "legislator_id"),)

    id: int | None = Field(default=None, primary_key=True)
    committee_id: int = Field(foreign_key="committee.id", index=True)
    legislator_id: int = Field(foreign_key="legislator.id", index=True)
    role: str = "member"
