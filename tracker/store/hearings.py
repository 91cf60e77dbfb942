"""Hearings in the store: one row per meeting, updated in place, every change kept.

A meeting is known by its `source_key` (`tracker.records.schedule.hearing_key`): a time
change keeps the key, a committee's second meeting of a day has a key of its own.

A re-crawl that sees a cancellation, a new time or place, or a bill added to or dropped
from the agenda records a HearingChange with when it was seen. A meeting that is no longer
listed is marked vanished (`mark_vanished`), never deleted. A joint meeting listed by both
chambers is one row: the chamber that listed it first keeps it up to date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, delete, select

from tracker.models import Bill, Hearing, HearingAgendaItem, HearingChange
from tracker.records.schedule import HearingRecord
from tracker.rules.dates import CENTRAL
from tracker.rules.hearing_changes import Change, HearingSnapshot, changes_between
from tracker.rules.sessions import current_session
from tracker.store.bills import UpsertResult
from tracker.vocab import BillType, Chamber, UpsertOutcome


def bill_label(bill_type: BillType, number: int) -> str:
    return f"{bill_type.value} {number}"


def upsert_hearing(db: Session, *, record: HearingRecord, now: datetime) -> UpsertResult:
    hearing = db.exec(select(Hearing).where(Hearing.source_key == record.source_key)).first()
    agenda_bills = tuple(bill_label(*bill) for bill in record.bills)
    if hearing is None:
        hearing = Hearing(
            source_key=record.source_key,
            chamber=record.chamber.value,
            committee=record.committee,
            starts_at=record.starts_at,
            listed_by=[record.listed_by.value],
            first_seen_at=now,
        )
        db.add(hearing)
        _copy(hearing, record)
        hearing.last_seen_at = now
        db.flush()
        assert hearing.id is not None
        _replace_agenda(db, hearing, record)
        return UpsertResult(UpsertOutcome.INSERT, hearing.id)
    assert hearing.id is not None
    changes: list[Change] = []
    if hearing.vanished_at is not None:
        changes.append(Change("reappeared"))
        hearing.vanished_at = None
    hearing.last_seen_at = now
    if record.listed_by.value not in hearing.listed_by:
        hearing.listed_by = [*hearing.listed_by, record.listed_by.value]
    if hearing.listed_by[0] == record.listed_by.value:
        stored_bills = _agenda_bills(db, hearing.id)
        changes += changes_between(_snapshot(hearing, stored_bills), _snapshot_of(record))
        if _agenda_of(db, hearing.id) != _agenda_tuple(record) or stored_bills != agenda_bills:
            _replace_agenda(db, hearing, record)
        changed_fields = _copy(hearing, record)
    else:
        changed_fields = []
    for change in changes:
        db.add(
            HearingChange(
                hearing_id=hearing.id,
                seen_at=now,
                kind=change.kind,
                before=change.before,
                after=change.after,
            )
        )
    db.flush()
    if not changes and not changed_fields:
        return UpsertResult(UpsertOutcome.NOOP, hearing.id)
    described = tuple(c.kind for c in changes) or tuple(changed_fields)
    return UpsertResult(UpsertOutcome.UPDATE, hearing.id, described)


def _copy(hearing: Hearing, record: HearingRecord) -> list[str]:
    values = {
        "committee": record.committee,
        "committee_source_id": record.committee_id,
        "starts_at": record.starts_at,
        "time_tba": record.time_tba,
        "location": record.location,
        "chair": record.chair,
        "gavel": record.gavel,
        "status": record.status.value,
        "notes": record.notes,
        "url": record.url,
    }
    changed = [name for name, value in values.items() if getattr(hearing, name) != value]
    for name in changed:
        setattr(hearing, name, values[name])
    return changed


def _snapshot(hearing: Hearing, bills: tuple[str, ...]) -> HearingSnapshot:
    return HearingSnapshot(
        hearing.starts_at, hearing.time_tba, hearing.location, hearing.status, bills
    )


def _snapshot_of(record: HearingRecord) -> HearingSnapshot:
    bills = tuple(bill_label(*bill) for bill in record.bills)
    return HearingSnapshot(
        record.starts_at, record.time_tba, record.location, record.status.value, bills
    )


def _agenda_tuple(record: HearingRecord) -> tuple[tuple[int, str], ...]:
    return tuple((item.position, item.text) for item in record.agenda)


def _agenda_of(db: Session, hearing_id: int) -> tuple[tuple[int, str], ...]:
    rows = db.exec(
        select(HearingAgendaItem.position, HearingAgendaItem.text)
        .where(HearingAgendaItem.hearing_id == hearing_id)
        .order_by(col(HearingAgendaItem.position))
    )
    return tuple((position, text) for position, text in rows)


def _agenda_bills(db: Session, hearing_id: int) -> tuple[str, ...]:
    rows = db.exec(
        select(HearingAgendaItem)
        .where(HearingAgendaItem.hearing_id == hearing_id)
        .order_by(col(HearingAgendaItem.position))
    )
    return tuple(dict.fromkeys(bill for row in rows for bill in row.bills))


def _replace_agenda(db: Session, hearing: Hearing, record: HearingRecord) -> None:
    assert hearing.id is not None
    db.exec(delete(HearingAgendaItem).where(col(HearingAgendaItem.hearing_id) == hearing.id))
    legislature = current_session(record.starts_at.astimezone(CENTRAL).date()).legislature
    for item in record.agenda:
        bills = [bill_label(*bill) for bill in item.bills]
        first = item.bills[0] if item.bills else None
        db.add(
            HearingAgendaItem(
                hearing_id=hearing.id,
                position=item.position,
                text=item.text,
                bills=bills,
                bill_id=_bill_id(db, legislature, *first) if first else None,
            )
        )


def _bill_id(db: Session, legislature: int, bill_type: BillType, number: int) -> int | None:
    """The bill of the regular session; special sessions hear bills of their own numbering
    too, but the sources name no session on an agenda."""
    return db.exec(
        select(Bill.id)
        .where(
            Bill.legislature == legislature,
            Bill.bill_type == bill_type.value,
            Bill.number == number,
        )
        .order_by(col(Bill.special_session))
    ).first()


def mark_vanished(
    db: Session,
    *,
    listed_by: Chamber,
    seen: Iterable[str],
    window: tuple[date, date],
    now: datetime,
) -> int:
    """Hearings this chamber listed in the window, still to come, that a crawl no longer saw."""
    seen_keys = set(seen)
    first, last = window
    candidates = db.exec(
        select(Hearing).where(
            col(Hearing.vanished_at).is_(None),
            col(Hearing.starts_at) > now,
        )
    )
    vanished = 0
    for hearing in candidates:
        local_day = hearing.starts_at.astimezone(CENTRAL).date()
        if (
            hearing.source_key in seen_keys
            or listed_by.value not in hearing.listed_by
            or not first <= local_day <= last
        ):
            continue
        assert hearing.id is not None
        hearing.vanished_at = now
        db.add(HearingChange(hearing_id=hearing.id, seen_at=now, kind="vanished"))
        vanished += 1
    db.flush()
    return vanished


@dataclass(frozen=True)
class HearingView:
    hearing: Hearing
    agenda: list[HearingAgendaItem]
    changes: list[HearingChange]

    @property
    def bill_ids(self) -> set[int]:
        return {item.bill_id for item in self.agenda if item.bill_id is not None}


def hearings_between(
    db: Session,
    start: datetime,
    end: datetime,
    *,
    committee: str = "",
    bill_ids: Sequence[int] | None = None,
) -> list[HearingView]:
    """Hearings starting in [start, end), in time order; only those with one of `bill_ids`
    on the agenda when given; `committee` matches part of the name, any case."""
    query = select(Hearing).where(col(Hearing.starts_at) >= start, col(Hearing.starts_at) < end)
    if committee:
        query = query.where(col(Hearing.committee).ilike(f"%{committee}%"))
    hearings = list(db.exec(query.order_by(col(Hearing.starts_at), col(Hearing.committee))))
    views = _views(db, hearings)
    if bill_ids is not None:
        wanted = set(bill_ids)
        views = [view for view in views if view.bill_ids & wanted]
    return views


def hearings_for_bill(db: Session, bill_id: int) -> list[HearingView]:
    hearing_ids = db.exec(
        select(HearingAgendaItem.hearing_id).where(HearingAgendaItem.bill_id == bill_id)
    ).all()
    hearings = db.exec(
        select(Hearing)
        .where(col(Hearing.id).in_(set(hearing_ids)))
        .order_by(col(Hearing.starts_at))
    )
    return _views(db, list(hearings))


def _views(db: Session, hearings: list[Hearing]) -> list[HearingView]:
    ids = [h.id for h in hearings]
    agenda: defaultdict[int, list[HearingAgendaItem]] = defaultdict(list)
    for item in db.exec(
        select(HearingAgendaItem)
        .where(col(HearingAgendaItem.hearing_id).in_(ids))
        .order_by(col(HearingAgendaItem.position))
    ):
        agenda[item.hearing_id].append(item)
    changes: defaultdict[int, list[HearingChange]] = defaultdict(list)
    for change in db.exec(
        select(HearingChange)
        .where(col(HearingChange.hearing_id).in_(ids))
        .order_by(col(HearingChange.seen_at), col(HearingChange.id))
    ):
        changes[change.hearing_id].append(change)
    return [
        HearingView(h, agenda[h.id or 0], changes[h.id or 0]) for h in hearings if h.id is not None
    ]
