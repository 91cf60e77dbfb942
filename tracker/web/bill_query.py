"""The bill filters of the list and the matrix: parsed from a query string, turned into SQL.

Pure: `parse_filters` reads plain strings, `filter_clauses` and `bills_select` build
SQLAlchemy expressions without touching a database. Filtering, sorting and paging all
happen in the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, and_, exists, false, func
from sqlmodel import col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from tracker.models import Bill, BillPosition, BillTag
from tracker.rules.bill_refs import parse_bill_ref
from tracker.rules.dates import CENTRAL
from tracker.store.reads import stage_clause
from tracker.store.tags import tracked_clause
from tracker.vocab import Position, Priority, Stage, TagStatus, TagTarget

PAGE_SIZE = 50
TRACKED_NAMES = ("tracked", "relevant")


@dataclass(frozen=True)
class BillFilters:
    q: str = ""
    session: int | None = None
    stage: Stage | None = None
    area: str = ""
    item: str = ""
    position: Position | None = None
    priority: Priority | None = None
    tracked: bool = False
    changed_since: date | None = None
    page: int = 1

    def params(self, **overrides: Any) -> dict[str, str]:
        """The non-empty filters as query parameters (page 1 left out)."""
        values = asdict(replace(self, **overrides))
        out = {}
        for name, value in values.items():
            if value in (None, "", False) or (name == "page" and value == 1):
                continue
            out[name] = "1" if value is True else str(value)
        return out

    def query_string(self, **overrides: Any) -> str:
        return urlencode(self.params(**overrides))

    @property
    def active(self) -> bool:
        return bool(self.params(page=1))


def _enum_or_none(kind: Any, text: str | None) -> Any:
    try:
        return kind(text) if text else None
    except ValueError:
        return None


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _date_or_none(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def parse_filters(params: Mapping[str, str]) -> BillFilters:
    """Filters from a query string; a value that makes no sense is dropped, not an error."""
    return BillFilters(
        q=(params.get("q") or "").strip()[:200],
        session=_int_or_none(params.get("session")),
        stage=_enum_or_none(Stage, params.get("stage")),
        area=(params.get("area") or "").strip(),
        item=(params.get("item") or "").strip(),
        position=_enum_or_none(Position, params.get("position")),
        priority=_enum_or_none(Priority, params.get("priority")),
        # `relevant` is the name older links give the tracked filter
        tracked=any(params.get(name) in {"1", "on", "true", "yes"} for name in TRACKED_NAMES),
        changed_since=_date_or_none(params.get("changed_since")),
        page=max(1, _int_or_none(params.get("page")) or 1),
    )


def _like_pattern(word: str) -> str:
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_clause(q: str) -> ColumnElement[bool] | None:
    """'HF 5' finds that bill; other text finds bills whose title or description has every word."""
    if not q:
        return None
    try:
        bill_type, number = parse_bill_ref(q)
    except ValueError:
        pass
    else:
        return and_(col(Bill.bill_type) == bill_type.value, col(Bill.number) == number)
    haystack = func.lower(col(Bill.short_description) + " " + col(Bill.official_title))
    words = [word for word in q.split() if word][:8]
    return and_(*(haystack.like(_like_pattern(word), escape="\\") for word in words))


def tagged_clause(target: TagTarget, code: str) -> ColumnElement[bool]:
    """The bill has this tag, suggested or confirmed (not rejected)."""
    return exists().where(
        col(BillTag.bill_id) == col(Bill.id),
        col(BillTag.target) == target.value,
        col(BillTag.code) == code,
        col(BillTag.status) != TagStatus.REJECTED.value,
    )


def filter_clauses(filters: BillFilters) -> list[ColumnElement[bool]]:
    """WHERE clauses over Bill outer-joined to BillPosition."""
    clauses: list[ColumnElement[bool]] = []
    text = text_clause(filters.q)
    if text is not None:
        clauses.append(text)
    if filters.session is not None:
        clauses.append(col(Bill.session_id) == filters.session)
    if filters.stage is not None:
        clauses.append(stage_clause(filters.stage))
    if filters.area:
        clauses.append(tagged_clause(TagTarget.AREA, filters.area))
    if filters.item:
        clauses.append(tagged_clause(TagTarget.ITEM, filters.item))
    if filters.position is not None:
        clauses.append(func.coalesce(BillPosition.position, "none") == filters.position.value)
    if filters.priority is not None:
        clauses.append(func.coalesce(BillPosition.priority, "none") == filters.priority.value)
    if filters.tracked:
        clauses.append(tracked_clause())
    if filters.changed_since is not None:
        start = datetime.combine(filters.changed_since, time(), tzinfo=CENTRAL)
        clauses.append(col(Bill.updated_at) >= start)
    return clauses


def framework_clause(item_keys: Sequence[str]) -> ColumnElement[bool]:
    """The bill has a tag, not rejected, on one of these framework items."""
    if not item_keys:
        return false()
    tagged = select(col(BillTag.bill_id)).where(
        col(BillTag.code).in_(list(item_keys)),
        col(BillTag.target) == TagTarget.ITEM.value,
        col(BillTag.status) != TagStatus.REJECTED.value,
    )
    return col(Bill.id).in_(tagged.scalar_subquery())


def filtered_ids(filters: BillFilters) -> SelectOfScalar[int | None] | None:
    """The ids of the filtered bills, or None when nothing is filtered (every bill)."""
    clauses = filter_clauses(filters)
    if not clauses:
        return None
    return (
        select(col(Bill.id))
        .outerjoin(BillPosition, col(BillPosition.bill_id) == col(Bill.id))
        .where(*clauses)
    )


def bills_select(
    filters: BillFilters, *extra: ColumnElement[bool]
) -> Select[Bill, BillPosition | None]:
    """Bills with their position, filtered, most recent action first (not yet paged)."""
    return (
        select(Bill, BillPosition)
        .outerjoin(BillPosition, col(BillPosition.bill_id) == col(Bill.id))
        .where(*filter_clauses(filters), *extra)
        .order_by(
            col(Bill.last_action_on).desc().nulls_last(),
            col(Bill.bill_type),
            col(Bill.number),
        )
    )


def count_select(filters: BillFilters, *extra: ColumnElement[bool]) -> SelectOfScalar[int]:
    return (
        select(func.count(col(Bill.id)))
        .select_from(Bill)
        .outerjoin(BillPosition, col(BillPosition.bill_id) == col(Bill.id))
        .where(*filter_clauses(filters), *extra)
    )


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))
