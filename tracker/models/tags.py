"""Tables of the tagger's output and of people's decisions on it, and staff's own frameworks."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.models.columns import json_column, utc_column


class BillTag(SQLModel, table=True):
    """One bill linked to one issue area or framework item.

    `source` says who made the tag; `status` is the decision on it. A tag a person decided
    (`decided_by` set) is never changed by the tagger, which only refreshes suggestions.
    """

    __tablename__ = "bill_tag"
    __table_args__ = (
        sa.UniqueConstraint("bill_id", "target", "code"),
        # The matrix counts tags per item and status over thousands of bills from this alone.
        sa.Index("ix_bill_tag_code_status_bill_id", "code", "status", "bill_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", index=True)
    target: str
    code: str = Field(index=True, description="area code, or 'framework/item' for items")
    confidence: float = 0.0
    reasons: list[str] = json_column(list)
    status: str = Field(default="suggested", index=True)
    source: str = "auto"
    tagger_version: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = utc_column()
    created_at: datetime | None = utc_column()
    updated_at: datetime | None = utc_column()


class BillRelevance(SQLModel, table=True):
    """The tagger's verdict on a bill as a whole, and the signals it was given."""

    __tablename__ = "bill_relevance"

    bill_id: int = Field(foreign_key="bill.id", primary_key=True)
    relevant: bool = Field(index=True)
    score: float
    reasons: list[str] = json_column(list)
    tagger_version: str
    signals_fingerprint: str
    tagged_at: datetime | None = utc_column()


class FrameworkDocument(SQLModel, table=True):
    """A framework file staff loaded (`tracker frameworks load`), kept as written.

    It joins the shipped frameworks; one with the same id replaces the shipped one.
    """

    __tablename__ = "framework_document"

    framework_id: str = Field(primary_key=True)
    filename: str
    document: str = Field(sa_type=sa.Text())
    loaded_at: datetime | None = utc_column()
