"""Tables of progress on the plan: bills found folded into others (with staff's decision),
and one-year goals per framework item with the bills that serve them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from tracker.models.columns import json_column, utc_column
from tracker.vocab import FindingStatus


class BillFolding(SQLModel, table=True):
    """The detector's finding that `bill_id`'s language rides in `host_id`, or a person's."""

    __tablename__ = "bill_folding"
    __table_args__ = (sa.UniqueConstraint("bill_id", "host_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", index=True)
    host_id: int = Field(foreign_key="bill.id", index=True)
    confidence: float = 0.0
    evidence: list[Any] = json_column(list)
    status: str = Field(default=FindingStatus.SUGGESTED.value, index=True)
    detector_version: str = ""
    found_at: datetime | None = utc_column()
    decided_by: str | None = None
    decided_at: datetime | None = utc_column()


class PlanGoal(SQLModel, table=True):
    """A one-year goal under a framework item: what, how measured, the target, who owns it."""

    __tablename__ = "plan_goal"

    id: int | None = Field(default=None, primary_key=True)
    item_key: str = Field(index=True, description="'amsd-2021/sd-1'")
    year: int = Field(description="The year the goal is for")
    text: str = Field(sa_type=sa.Text())
    measure: str = ""
    target: str = ""
    owner: str = ""
    note: str = Field(default="", sa_type=sa.Text(), description="Staff's note on progress")
    created_at: datetime | None = utc_column()
    updated_at: datetime | None = utc_column()
    updated_by: str = ""


class GoalBill(SQLModel, table=True):
    __tablename__ = "goal_bill"

    goal_id: int = Field(foreign_key="plan_goal.id", primary_key=True)
    bill_id: int = Field(foreign_key="bill.id", primary_key=True)
