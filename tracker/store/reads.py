"""Reads of bills for the CLI, the web app and the digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from tracker.models import (
    Bill,
    BillAction,
    BillAuthor,
    BillRelevance,
    BillStatute,
    BillTag,
    BillVersion,
    LegislativeSession,
)
from tracker.records.bills import BillKey
from tracker.rules.stage import in_time_order
from tracker.store.bills import find_bill
from tracker.store.tags import tags_of
from tracker.vocab import BillType, Stage

# -- reads ------------------------------------------------------------------------------


def stage_clause(stage: Stage) -> ColumnElement[bool]:
    """A bill at `stage`; a dead bill also matches the stage it reached before it died."""
    return or_(
        col(Bill.stage) == stage.value,
        and_(col(Bill.stage) == Stage.DEAD.value, col(Bill.furthest_stage) == stage.value),
    )


def list_bills(
    db: Session,
    *,
    stage: str | None = None,
    changed_since: datetime | None = None,
    session_id: int | None = None,
    limit: int | None = None,
) -> list[Bill]:
    query = select(Bill)
    if stage:
        query = query.where(stage_clause(Stage(stage)))
    if changed_since:
        query = query.where(col(Bill.updated_at) >= changed_since)
    if session_id:
        query = query.where(Bill.session_id == session_id)
    query = query.order_by(col(Bill.bill_type), col(Bill.number))
    if limit:
        query = query.limit(limit)
    return list(db.exec(query))


@dataclass(frozen=True)
class BillDetail:
    bill: Bill
    session: LegislativeSession
    companion: Bill | None
    authors: list[BillAuthor]
    actions: list[BillAction]  # in time order across both chambers
    versions: list[BillVersion]
    statutes: list[BillStatute]
    relevance: BillRelevance | None = None
    tags: list[BillTag] = field(default_factory=list)  # areas first, most confident first


def bill_detail(db: Session, key: BillKey) -> BillDetail | None:
    bill = find_bill(db, key)
    if bill is None or bill.id is None:
        return None
    session_row = db.get(LegislativeSession, bill.session_id)
    assert session_row is not None
    actions = list(db.exec(select(BillAction).where(BillAction.bill_id == bill.id)))
    authors = db.exec(
        select(BillAuthor)
        .where(BillAuthor.bill_id == bill.id)
        .order_by(
            col(BillAuthor.chamber) != BillType(bill.bill_type).chamber.value,
            col(BillAuthor.position),
        )
    )
    versions = db.exec(
        select(BillVersion)
        .where(BillVersion.bill_id == bill.id)
        .order_by(col(BillVersion.posted_at), col(BillVersion.id))
    )
    statutes = db.exec(
        select(BillStatute)
        .where(BillStatute.bill_id == bill.id)
        .order_by(col(BillStatute.change), col(BillStatute.section), col(BillStatute.subdivision))
    )
    return BillDetail(
        bill=bill,
        session=session_row,
        companion=db.get(Bill, bill.companion_id) if bill.companion_id else None,
        authors=list(authors),
        actions=in_time_order(actions, BillType(bill.bill_type).chamber),
        versions=list(versions),
        statutes=list(statutes),
        relevance=db.get(BillRelevance, bill.id),
        tags=tags_of(db, [bill.id]).get(bill.id, []),
    )


def latest_session(db: Session) -> LegislativeSession | None:
    """The newest regular session stored."""
    return db.exec(
        select(LegislativeSession)
        .where(LegislativeSession.special_session == 0)
        .order_by(col(LegislativeSession.legislature).desc())
    ).first()


def stage_counts(db: Session) -> dict[str, int]:
    rows = db.exec(select(Bill.stage, func.count()).group_by(col(Bill.stage)))
    return dict(rows.all())
