"""What the pages read: a page of bills, the matrix, the stage chart, a week's hearings and
the calendar feed. Thin SQL over `tracker.web.bill_query` (which builds the bill queries) and
`tracker.web.matrix` (which shapes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from tracker import store
from tracker.models import Bill, BillPosition, BillTag, LegislativeSession
from tracker.present.calendar import hearings_calendar
from tracker.rules.dates import week_bounds
from tracker.store.hearings import HearingView
from tracker.store.tags import tags_of, tracked_bill_ids
from tracker.tagging.catalog import Framework
from tracker.vocab import TagStatus, TagTarget
from tracker.web.bill_query import (
    PAGE_SIZE,
    BillFilters,
    bills_select,
    count_select,
    filtered_ids,
    framework_clause,
    page_count,
)
from tracker.web.matrix import Matrix, directions_of, shape_matrix


@dataclass(frozen=True)
class BillRow:
    bill: Bill
    position: BillPosition | None
    areas: tuple[BillTag, ...]


@dataclass(frozen=True)
class BillPage:
    rows: tuple[BillRow, ...]
    total: int
    page: int
    pages: int


def bill_page(db: Session, filters: BillFilters, *, size: int | None = None) -> BillPage:
    size = size or PAGE_SIZE
    total = int(db.exec(count_select(filters)).one())
    page = min(filters.page, page_count(total, size))
    found = list(db.exec(bills_select(filters).offset((page - 1) * size).limit(size)))
    tags = tags_of(db, [bill.id for bill, _ in found if bill.id is not None])
    rows = tuple(
        BillRow(
            bill,
            position,
            tuple(
                tag
                for tag in tags.get(bill.id or 0, [])
                if tag.target == TagTarget.AREA.value and tag.status != TagStatus.REJECTED.value
            ),
        )
        for bill, position in found
    )
    return BillPage(rows, total, page, page_count(total, size))


def sessions(db: Session) -> list[LegislativeSession]:
    query = select(LegislativeSession).order_by(
        col(LegislativeSession.legislature).desc(), col(LegislativeSession.special_session)
    )
    return list(db.exec(query))


@dataclass(frozen=True)
class MatrixPage:
    matrix: Matrix
    total: int
    page: int
    pages: int


def matrix_page(
    db: Session,
    framework: Framework,
    filters: BillFilters,
    *,
    everything: bool = False,
    size: int | None = PAGE_SIZE,
    topics_only: bool = True,
    broad: frozenset[str] = frozenset(),
) -> MatrixPage:
    """One page of the matrix (all of it when `size` is None, for exports); its columns are
    the framework's bill topics, or every item when not `topics_only`."""
    keys = [item.key for item in framework.items if item.bill_topic or not topics_only]
    extra = () if everything else (framework_clause(keys),)
    total = int(db.exec(count_select(filters, *extra)).one())
    query = bills_select(filters, *extra)
    page = 1
    if size is not None:
        page = min(filters.page, page_count(total, size))
        query = query.offset((page - 1) * size).limit(size)
    found = list(db.exec(query))
    bill_ids = [bill.id for bill, _ in found if bill.id is not None]
    tag_rows = db.exec(
        select(BillTag.bill_id, BillTag.code, BillTag.status, BillTag.confidence).where(
            col(BillTag.bill_id).in_(bill_ids),
            col(BillTag.target) == TagTarget.ITEM.value,
            col(BillTag.code).in_(keys),
        )
    ).all()
    # A bill outside the framework has no tag on its items: the list filters alone suffice.
    counts_query = select(BillTag.code, BillTag.status, func.count()).where(
        col(BillTag.target) == TagTarget.ITEM.value, col(BillTag.code).in_(keys)
    )
    filtered = filtered_ids(filters)
    if filtered is not None:
        counts_query = counts_query.where(col(BillTag.bill_id).in_(filtered.scalar_subquery()))
    counts = db.exec(counts_query.group_by(col(BillTag.code), col(BillTag.status))).all()
    bills = [
        (bill, position.position if position else "none", position.priority if position else "none")
        for bill, position in found
    ]
    matrix = shape_matrix(framework, bills, tag_rows, counts, topics_only=topics_only, broad=broad)
    pages = 1 if size is None else page_count(total, size)
    return MatrixPage(matrix, total, page, pages)


def stage_counts_by_direction(
    db: Session, framework: Framework, filters: BillFilters
) -> list[tuple[str, str, int]]:
    """(direction key, stage, bills tagged under it, not rejected) over the filtered bills."""
    mapping = directions_of(framework)
    if not mapping:
        return []
    direction = case(mapping, value=col(BillTag.code))
    query = (
        select(direction, Bill.stage, func.count(func.distinct(Bill.id)))
        .join(Bill, col(Bill.id) == col(BillTag.bill_id))
        .where(
            col(BillTag.target) == TagTarget.ITEM.value,
            col(BillTag.code).in_(list(mapping)),
            col(BillTag.status) != TagStatus.REJECTED.value,
        )
        .group_by(direction, col(Bill.stage))
    )
    filtered = filtered_ids(filters)
    if filtered is not None:
        query = query.where(col(Bill.id).in_(filtered.scalar_subquery()))
    return [(str(key), str(stage), int(n)) for key, stage, n in db.exec(query).all()]


FEED_DAYS = 60


@dataclass(frozen=True)
class HearingsPage:
    views: list[HearingView]
    bill_urls: dict[int, str]  # agenda bill id -> its page
    tracked: set[int]


def hearings_in_week(db: Session, monday: date, *, tracked_only: bool = False) -> HearingsPage:
    tracked = tracked_bill_ids(db)
    start, end = week_bounds(monday)
    views = store.hearings_between(
        db, start, end, bill_ids=sorted(tracked) if tracked_only else None
    )
    ids = {bill_id for view in views for bill_id in view.bill_ids}
    bills: list[Bill] = list(db.exec(select(Bill).where(col(Bill.id).in_(ids))))
    urls = {bill.id: f"/bills/{store.bill_key(bill).slug}" for bill in bills if bill.id is not None}
    return HearingsPage(views, urls, tracked)


def calendar_feed(db: Session, *, now: datetime, tracked_only: bool) -> bytes:
    bill_ids = sorted(tracked_bill_ids(db)) if tracked_only else None
    views = store.hearings_between(
        db, now - timedelta(days=1), now + timedelta(days=FEED_DAYS), bill_ids=bill_ids
    )
    name = "Hearings with tracked bills" if tracked_only else "Minnesota Legislature hearings"
    return hearings_calendar(views, name=name, now=now)
