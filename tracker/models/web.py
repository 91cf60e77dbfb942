"""Tables of the web app: people who sign in, their login attempts (for rate limiting),
the association's position on each bill, and the audit trail of every change people make."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.models.columns import UTCDateTime, utc_column


class User(SQLModel, table=True):
    __tablename__ = "web_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, description="Stored lower-cased")
    name: str = ""
    role: str = Field(default="viewer", description="admin, staff, lobbyist or viewer")
    password_hash: str
    active: bool = True
    created_at: datetime | None = utc_column()
    last_login_at: datetime | None = utc_column()


class LoginAttempt(SQLModel, table=True):
    __tablename__ = "login_attempt"
    __table_args__ = (
        sa.Index("ix_login_attempt_email_at", "email", "at"),
        sa.Index("ix_login_attempt_ip_at", "ip", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str
    ip: str
    at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    succeeded: bool


class BillPosition(SQLModel, table=True):
    """What the association says about a bill, and how much it matters."""

    __tablename__ = "bill_position"

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", unique=True)
    position: str = Field(default="none", index=True)
    priority: str = Field(default="none", index=True)
    notes: str = Field(default="", sa_type=sa.Text())
    talking_points: str = Field(default="", sa_type=sa.Text())
    urgent: bool = False
    updated_by: str = ""
    updated_at: datetime | None = utc_column()


class AuditEvent(SQLModel, table=True):
    """One change a person made: who, when, on what, and the values before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_bill_id_at", "bill_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    who: str
    at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    bill_id: int | None = Field(default=None, foreign_key="bill.id")
    subject: str = Field(description="'tag special-education', 'position', 'user a@b.org'")
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON())
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON())


class CalendarToken(SQLModel, table=True):
    """A person's private calendar feed: the unguessable token in the URL a calendar app
    subscribes to (it cannot sign in). Revoked tokens are kept, never answered again."""

    __tablename__ = "calendar_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="web_user.id", index=True)
    token: str = Field(unique=True)
    created_at: datetime | None = utc_column()
    revoked_at: datetime | None = utc_column()


class BillReview(SQLModel, table=True):
    """When a person last reviewed a bill, and what it looked like then: its stage, text
    version and tags. The bill is back in the review queue when any of these changes."""

    __tablename__ = "bill_review"

    bill_id: int = Field(foreign_key="bill.id", primary_key=True)
    reviewed_by: str
    reviewed_at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    seen: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON())
