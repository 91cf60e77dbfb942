"""Tables of the association's members who receive the weekly digest, of each digest
delivered to each of them, and of what SendGrid reported about those deliveries afterwards.

A member follows priorities (`follows`) and has legislators (`districts`):

- `follows` holds catalog codes: an issue area ("special-education"), a framework item
  ("amsd-2021/sd-1", which covers its sub-items) or a whole framework ("amsd-2021").
  Empty means everything the association tracks, grouped by issue area.
- `districts` holds House district codes as the Legislature writes them ("49A"). Each one
  names the member's representative (district 49A) and senator (district 49), so a
  superintendent whose school district spans several legislative districts lists each.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.models.columns import json_column, utc_column
from tracker.vocab import Cadence, DeliveryKind, DeliveryStatus, MemberState


class Member(SQLModel, table=True):
    """Someone at a member school district who receives the association's updates."""

    __tablename__ = "member"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, description="Normalized by tracker.mail.validate_address")
    name: str
    organization: str = Field(default="", description="The member's school district")
    role: str = Field(
        default="other",
        description="superintendent, board member, business official, communications, other",
    )
    follows: list[str] = json_column(list)
    districts: list[str] = json_column(list)
    cadence: str = Cadence.WEEKLY.value
    quarterly_summary: bool = False  # the quarter's progress report in the next weekly update
    state: str = Field(default=MemberState.ACTIVE.value, index=True)
    token_salt: str = Field(
        default="", description="Mixed into the unsubscribe token; a new salt voids old links"
    )
    created_at: datetime | None = utc_column()
    updated_at: datetime | None = utc_column()
    unsubscribed_at: datetime | None = utc_column()


class Delivery(SQLModel, table=True):
    """One digest for one member: the weekly one for a week, or an urgent alert that week."""

    __tablename__ = "delivery"
    __table_args__ = (sa.UniqueConstraint("member_id", "week", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    week: date = Field(
        description="The Monday of the weekly digest's week; for an urgent alert, its day"
    )
    kind: str = DeliveryKind.WEEKLY.value
    status: str = Field(default=DeliveryStatus.PENDING.value, index=True)
    attempts: int = 0
    last_error: str = Field(default="", sa_type=sa.Text())
    provider_id: str = ""
    content_key: str = Field(default="", description="What an urgent alert said, to say it once")
    created_at: datetime | None = utc_column()
    sent_at: datetime | None = utc_column()


class MailEvent(SQLModel, table=True):
    """An event SendGrid reported about a delivery (a bounce, a drop, a spam report, an
    unsubscribe), kept once per `sg_event_id` so that SendGrid's retries change nothing."""

    __tablename__ = "mail_event"

    id: int | None = Field(default=None, primary_key=True)
    sg_event_id: str = Field(unique=True, description="SendGrid's id of the event")
    event: str = Field(description="SendGrid's event name: bounce, dropped, spamreport...")
    member_id: int = Field(foreign_key="member.id", index=True)
    delivery_id: int = Field(foreign_key="delivery.id")
    outcome: str = Field(description="What the tracker did with it (MailEventOutcome)")
    reason: str = Field(default="", sa_type=sa.Text())
    happened_at: datetime | None = utc_column()
    received_at: datetime | None = utc_column()
