"""Tables of what the Legislature publishes: sessions, committees, bills and their parts,
and one row per crawl run. Closed vocabularies are stored as their string values
(see `tracker.vocab`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.models.columns import json_column, utc_column


class LegislativeSession(SQLModel, table=True):
    __tablename__ = "legislative_session"
    __table_args__ = (sa.UniqueConstraint("legislature", "special_session"),)

    id: int | None = Field(default=None, primary_key=True)
    legislature: int
    special_session: int = 0
    name: str
    year_start: int
    year_end: int
    adjourned_on: date | None = None


class Committee(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("legislature", "chamber", "source_id"),)

    id: int | None = Field(default=None, primary_key=True)
    legislature: int
    chamber: str
    source_id: str = Field(description="The source's id (94005, 3119) or 'name:<name>' if none")
    name: str


class Bill(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("legislature", "special_session", "bill_type", "number"),
        # A bill stored finds the bills that named it as their companion without a scan.
        sa.Index(
            "ix_bill_companion",
            "legislature",
            "special_session",
            "companion_type",
            "companion_number",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="legislative_session.id", index=True)
    legislature: int
    special_session: int = 0
    bill_type: str
    number: int
    year_introduced: int
    revisor_number: str | None = None
    short_description: str = ""
    official_title: str = ""
    companion_type: str | None = None
    companion_number: int | None = None
    companion_id: int | None = Field(default=None, foreign_key="bill.id")
    status_xml_url: str = ""
    stage: str = Field(default="introduced", index=True)
    stage_on: date | None = None
    furthest_stage: str = "introduced"
    chapter: str | None = None
    last_action_on: date | None = Field(default=None, index=True)
    latest_text_version: str | None = None
    status_fingerprint: str = ""
    text_fingerprint: str | None = None
    held_fingerprint: str | None = None
    held_reason: str | None = None
    held_since: datetime | None = utc_column()
    first_seen_at: datetime | None = utc_column()
    updated_at: datetime | None = utc_column(index=True)
    checked_at: datetime | None = utc_column()  # the status last read and stored (not held)


class BillAuthor(SQLModel, table=True):
    __tablename__ = "bill_author"
    __table_args__ = (sa.UniqueConstraint("bill_id", "chamber", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", index=True)
    chamber: str
    position: int = Field(description="0 = chief author in this chamber, then co-authors in order")
    name: str
    legislator_key: str | None = None


class BillAction(SQLModel, table=True):
    __tablename__ = "bill_action"
    __table_args__ = (sa.UniqueConstraint("bill_id", "chamber", "sequence"),)

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", index=True)
    chamber: str
    sequence: int = Field(description="Order within the chamber block, as the source lists it")
    action_number: int | None = None
    action_date: date | None = Field(default=None, index=True)
    journal_page: str = ""
    text: str
    description: str = ""
    committee_id: int | None = Field(default=None, foreign_key="committee.id")
    committee_source_id: str = ""
    committee_name: str = ""
    roll_call: str = ""
    yeas: int | None = None
    nays: int | None = None
    group: str = ""
    kinds: list[str] = json_column(list)
    first_seen_at: datetime | None = utc_column()


class BillVersion(SQLModel, table=True):
    __tablename__ = "bill_version"
    __table_args__ = (sa.UniqueConstraint("bill_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", index=True)
    name: str
    label: str = ""
    official: bool = True
    engrossment: int | None = None
    posted_at: datetime | None = utc_column()
    html_url: str = ""
    pdf_url: str = ""
    text_read_at: datetime | None = utc_column()  # its sections are stored (version_section)
    text_failed_at: datetime | None = utc_column()  # its page could not be read, last time


class BillStatute(SQLModel, table=True):
    __tablename__ = "bill_statute"
    __table_args__ = (sa.UniqueConstraint("bill_id", "section", "subdivision", "change"),)

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", index=True)
    section: str = Field(index=True, description="126C.10, or a chapter (124D) for new coding")
    subdivision: str = ""
    change: str
    statutes_year: int | None = None
    version_name: str = ""


class BillText(SQLModel, table=True):
    """The plain text of the latest version read, for the tagger and search."""

    __tablename__ = "bill_text"

    bill_id: int = Field(foreign_key="bill.id", primary_key=True)
    version_name: str
    text: str = Field(sa_type=sa.Text())


class CrawlRun(SQLModel, table=True):
    """One crawl: what it was asked (`args`, `mode`), how it ended (`status`: see
    `tracker.vocab.CrawlStatus`), its counts, what it lost (bills or listing ranges, each with
    its reason) and why it stopped (`error`). `pid` and `host` tell a crawl still running from
    one that was killed."""

    __tablename__ = "crawl_run"

    id: int | None = Field(default=None, primary_key=True)
    spider: str = Field(index=True)
    args: dict[str, Any] = json_column(dict)
    status: str = "running"
    started_at: datetime | None = utc_column()
    finished_at: datetime | None = utc_column()
    counts: dict[str, int] = json_column(dict)
    error: str = ""
    mode: str = ""
    pid: int | None = None
    host: str = ""
    lost: list[str] = json_column(list)


class CrawlAlert(SQLModel, table=True):
    """An email to the admins about a crawl that did not finish cleanly: one per kind of
    failure and day (Central), so a re-run the same day does not send it again."""

    __tablename__ = "crawl_alert"
    __table_args__ = (sa.UniqueConstraint("kind", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    day: date
    sent_at: datetime | None = utc_column()
    recipients: list[str] = json_column(list)
    subject: str = ""
