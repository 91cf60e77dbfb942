"""Keyword-only writes and reads of bills. Every write is idempotent and says what it did.

A status response with fewer actions, authors or versions than what is stored is held,
not applied: the bill keeps what it had. When a later crawl returns the same thinner
response again, the result says it is `confirmable`; it is applied only when the caller
passes `apply_thin` (the store pipeline does so at the end of a crawl in which few bills
came back thinner: a real deletion, a stricken author, touches a bill or two, a layout
change touches every bill it reaches, crawl after crawl).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import and_, or_
from sqlmodel import Session, SQLModel, col, select

from tracker.models import (
    Bill,
    BillAction,
    BillAuthor,
    BillVersion,
    Committee,
    LegislativeSession,
)
from tracker.records.bills import BillKey, BillRecord
from tracker.rules.actions import classify_action, parse_chapter, parse_roll_call
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import SessionRef, session_of_bill
from tracker.rules.stage import StagedAction, stage_of
from tracker.vocab import ActionKind, BillType, Chamber, Stage, UpsertOutcome

FINAL_STAGES = (Stage.ENACTED.value, Stage.VETOED.value, Stage.DEAD.value)

Row = TypeVar("Row", bound=SQLModel)


@dataclass(frozen=True)
class UpsertResult:
    outcome: UpsertOutcome
    bill_id: int | None = None
    changes: tuple[str, ...] = ()
    reason: str = ""
    confirmable: bool = False  # a held response seen again: may be applied (`apply_thin`)


# -- sessions and committees ------------------------------------------------------------


def ensure_session(db: Session, *, ref: SessionRef) -> LegislativeSession:
    cache: dict[tuple[int, int], LegislativeSession] = db.info.setdefault("sessions", {})
    if (ref.legislature, ref.special_session) in cache:
        return cache[(ref.legislature, ref.special_session)]
    row = db.exec(
        select(LegislativeSession).where(
            LegislativeSession.legislature == ref.legislature,
            LegislativeSession.special_session == ref.special_session,
        )
    ).first()
    if row is None:
        row = LegislativeSession(
            legislature=ref.legislature,
            special_session=ref.special_session,
            name=ref.name,
            year_start=ref.year,
            year_end=ref.year_end,
            adjourned_on=ref.closes_on,
        )
        db.add(row)
        db.flush()
    cache[(ref.legislature, ref.special_session)] = row
    return row


def ensure_committee(
    db: Session, *, legislature: int, chamber: Chamber, source_id: str, name: str
) -> int:
    """The id of the committee, created or renamed as the source now names it."""
    key = source_id or f"name:{name.lower()}"
    cache: dict[tuple[int, str, str], Committee] = db.info.setdefault("committees", {})
    committee = cache.get((legislature, chamber.value, key))
    if committee is None:
        committee = db.exec(
            select(Committee).where(
                Committee.legislature == legislature,
                Committee.chamber == chamber.value,
                Committee.source_id == key,
            )
        ).first()
    if committee is None:
        committee = Committee(
            legislature=legislature, chamber=chamber.value, source_id=key, name=name
        )
        db.add(committee)
        db.flush()
    elif name and committee.name != name:
        committee.name = name
    cache[(legislature, chamber.value, key)] = committee
    assert committee.id is not None
    return committee.id


# -- bills ------------------------------------------------------------------------------


def fingerprint(value: Any) -> str:
    payload = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def status_fingerprint(record: BillRecord) -> str:
    """What a status response said, problems aside: the record's repr, which names every
    field and value (a full crawl takes one per bill; JSON of `asdict` took six times longer)."""
    said = repr(dataclasses.replace(record, problems=()))
    return hashlib.sha256(said.encode("utf-8")).hexdigest()


# Built once: a crawl looks a bill up for every response, and building the statement (and
# its cache key) each time cost as much as running it.
_FIND_BILL = select(Bill).where(
    col(Bill.legislature) == sa.bindparam("legislature"),
    col(Bill.special_session) == sa.bindparam("special_session"),
    col(Bill.bill_type) == sa.bindparam("bill_type"),
    col(Bill.number) == sa.bindparam("number"),
)


def find_bill(db: Session, key: BillKey) -> Bill | None:
    params = {
        "legislature": key.legislature,
        "special_session": key.special_session,
        "bill_type": key.bill_type.value,
        "number": key.number,
    }
    return db.exec(_FIND_BILL, params=params).first()


def bill_key(bill: Bill) -> BillKey:
    return BillKey(bill.legislature, bill.special_session, BillType(bill.bill_type), bill.number)


def upsert_bill(
    db: Session,
    *,
    record: BillRecord,
    now: datetime,
    today: date | None = None,
    apply_thin: bool = False,
) -> UpsertResult:
    """Store one bill-status response; insert, update, noop, or hold a thinner response
    (applied with `apply_thin` once the same thinner response was held before)."""
    with db.no_autoflush:  # each query below would otherwise write the rows added so far
        return _upsert_bill(db, record, now, today or now.astimezone(CENTRAL).date(), apply_thin)


def _upsert_bill(
    db: Session, record: BillRecord, now: datetime, today: date, apply_thin: bool
) -> UpsertResult:
    print_ = status_fingerprint(record)
    bill = find_bill(db, record.key)
    if bill is not None and bill.status_fingerprint == print_:
        if bill.held_fingerprint:
            bill.held_fingerprint = bill.held_reason = bill.held_since = None
        bill.checked_at = now
        return UpsertResult(UpsertOutcome.NOOP, bill.id)

    ref = session_of_bill(
        record.key.legislature, record.key.special_session, record.year_introduced
    )
    session_row = ensure_session(db, ref=ref)
    closes_on = session_row.adjourned_on or ref.closes_on
    if bill is None:
        assert session_row.id is not None
        bill = Bill(
            session_id=session_row.id,
            legislature=record.key.legislature,
            special_session=record.key.special_session,
            bill_type=record.key.bill_type.value,
            number=record.key.number,
            year_introduced=record.year_introduced,
            first_seen_at=now,
        )
        _set_fields(bill, record)
        _set_stage(bill, record, closes_on=closes_on, today=today)
        _mark_read(bill, print_, now)
        db.add(bill)
        db.flush()  # one INSERT with every field: the children need its id
        changes = _sync_children(db, bill, record, _Children([], [], []), now=now)
        _link_companion(db, bill, new=True)
        return UpsertResult(UpsertOutcome.INSERT, bill.id, tuple(changes))

    existing = _children_of(db, bill)
    shrink = _shrinkage(existing, record)
    if shrink and bill.held_fingerprint != print_:
        bill.held_fingerprint, bill.held_reason, bill.held_since = print_, shrink, now
        return UpsertResult(UpsertOutcome.HELD, bill.id, reason=shrink)
    if shrink and not apply_thin:
        return UpsertResult(
            UpsertOutcome.HELD, bill.id, reason=f"{shrink} (again)", confirmable=True
        )
    linked = bill.companion_id
    changes = _set_fields(bill, record)
    changes += _sync_children(db, bill, record, existing, now=now)
    _set_stage(bill, record, closes_on=closes_on, today=today)
    if (
        "companion_type" in changes
        or "companion_number" in changes
        or (bill.companion_number and linked is None)
    ):
        _link_companion(db, bill, new=False)
    _mark_read(bill, print_, now)
    db.flush()
    return UpsertResult(UpsertOutcome.UPDATE, bill.id, tuple(changes))


def _mark_read(bill: Bill, print_: str, now: datetime) -> None:
    bill.status_fingerprint = print_
    bill.held_fingerprint = bill.held_reason = bill.held_since = None
    bill.updated_at = bill.checked_at = now


@dataclass
class _Children:
    authors: list[BillAuthor]
    actions: list[BillAction]
    versions: list[BillVersion]


def _children_of(db: Session, bill: Bill | None) -> _Children:
    if bill is None or bill.id is None:
        return _Children([], [], [])
    return _Children(
        list(db.exec(select(BillAuthor).where(BillAuthor.bill_id == bill.id))),
        list(db.exec(select(BillAction).where(BillAction.bill_id == bill.id))),
        list(db.exec(select(BillVersion).where(BillVersion.bill_id == bill.id))),
    )


def _shrinkage(existing: _Children, record: BillRecord) -> str:
    drops = [
        f"{name} {len(stored)} -> {len(incoming)}"
        for name, stored, incoming in (
            ("actions", existing.actions, record.actions),
            ("authors", existing.authors, record.authors),
            ("versions", existing.versions, record.versions),
        )
        if len(incoming) < len(stored)
    ]
    return "fewer " + ", ".join(drops) if drops else ""


def _set_fields(bill: Bill, record: BillRecord) -> list[str]:
    changes = []
    for field, value in (
        ("year_introduced", record.year_introduced),
        ("revisor_number", record.revisor_number),
        ("short_description", record.description),
        ("status_xml_url", record.status_xml_url),
        ("companion_type", record.companion[0].value if record.companion else None),
        ("companion_number", record.companion[1] if record.companion else None),
    ):
        if getattr(bill, field) != value:
            setattr(bill, field, value)
            changes.append(field)
    return changes


def _sync_children(
    db: Session, bill: Bill, record: BillRecord, existing: _Children, *, now: datetime
) -> list[str]:
    assert bill.id is not None
    bill_id = bill.id
    changes: list[str] = []
    authors = {
        (a.chamber.value, a.position): {"name": a.name, "legislator_key": a.legislator_key}
        for a in record.authors
    }
    changes += _sync(
        db,
        BillAuthor,
        existing.authors,
        authors,
        key=lambda row: (row.chamber, row.position),
        row=lambda k, v: {"bill_id": bill_id, "chamber": k[0], "position": k[1], **v},
    )
    actions = {(a.chamber.value, a.sequence): _action_fields(db, bill, a) for a in record.actions}
    changes += _sync(
        db,
        BillAction,
        existing.actions,
        actions,
        key=lambda row: (row.chamber, row.sequence),
        row=lambda k, v: {
            "bill_id": bill_id,
            "chamber": k[0],
            "sequence": k[1],
            "first_seen_at": now,
            **v,
        },
    )
    versions = {
        v.name: {
            "label": v.label,
            "official": v.official,
            "engrossment": v.engrossment,
            "posted_at": v.posted_at,
            "html_url": v.html_url,
            "pdf_url": v.pdf_url,
        }
        for v in record.versions
    }
    changes += _sync(
        db,
        BillVersion,
        existing.versions,
        versions,
        key=lambda row: row.name,
        row=lambda k, v: {"bill_id": bill_id, "name": k, **v},
    )
    return changes


def _sync(
    db: Session,
    model: type[Row],
    existing: Sequence[Row],
    incoming: dict[Any, dict[str, Any]],
    *,
    key: Callable[[Row], Hashable],
    row: Callable[[Any, dict[str, Any]], dict[str, Any]],
) -> list[str]:
    """`sync_rows`; when nothing is stored yet (a new bill), one INSERT for all the rows."""
    name = str(model.__tablename__).removeprefix("bill_") + "s"
    if existing or not incoming:
        return sync_rows(
            db, name, existing, incoming, key=key, make=lambda k, v: model(**row(k, v))
        )
    # The table's own INSERT, many rows at once: the ORM's bulk insert splits rows whose
    # None fields differ (an action with or without a committee) into separate statements.
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    db.exec(table.insert(), params=[row(k, v) for k, v in incoming.items()])
    return [f"{name} +{len(incoming)}"]


def _action_fields(db: Session, bill: Bill, action: Any) -> dict[str, Any]:
    committee_id = None
    if action.committee_id or action.committee_name:
        committee_id = ensure_committee(
            db,
            legislature=bill.legislature,
            chamber=action.chamber,
            source_id=action.committee_id,
            name=action.committee_name,
        )
    tally = parse_roll_call(action.roll_call)
    return {
        "action_number": action.action_number,
        "action_date": action.action_date,
        "journal_page": action.journal_page,
        "text": action.text,
        "description": action.description,
        "committee_id": committee_id,
        "committee_source_id": action.committee_id,
        "committee_name": action.committee_name,
        "roll_call": action.roll_call,
        "yeas": tally[0] if tally else None,
        "nays": tally[1] if tally else None,
        "group": action.group,
        "kinds": [kind.value for kind in classify_action(action.text, action.description)],
    }


def sync_rows(
    db: Session,
    name: str,
    existing: Sequence[Row],
    incoming: dict[Any, dict[str, Any]],
    *,
    key: Callable[[Row], Hashable],
    make: Callable[[Any, dict[str, Any]], Row],
) -> list[str]:
    """Make the stored rows match `incoming` (key -> fields); say what changed."""
    stored = {key(row): row for row in existing}
    added = updated = 0
    for row_key, fields in incoming.items():
        row = stored.pop(row_key, None)
        if row is None:
            db.add(make(row_key, fields))
            added += 1
            continue
        dirty = False
        for field, value in fields.items():
            if getattr(row, field) != value:
                setattr(row, field, value)
                dirty = True
        updated += dirty
    for row in stored.values():
        db.delete(row)
    parts = [
        f"+{added}" if added else "",
        f"~{updated}" if updated else "",
        f"-{len(stored)}" if stored else "",
    ]
    summary = "".join(parts)
    return [f"{name} {summary}"] if summary else []


def _set_stage(bill: Bill, record: BillRecord, *, closes_on: date | None, today: date) -> None:
    staged = [
        StagedAction(a.chamber, a.sequence, a.action_date, classify_action(a.text, a.description))
        for a in record.actions
    ]
    store_stage(bill, staged, closes_on=closes_on, today=today)
    chapters = [
        parse_chapter(a.text, a.description)
        for a in record.actions
        if ActionKind.CHAPTER in classify_action(a.text, a.description)
    ]
    bill.chapter = next((c for c in reversed(chapters) if c), None)


def store_stage(
    bill: Bill, staged: Sequence[StagedAction], *, closes_on: date | None, today: date
) -> None:
    result = stage_of(staged, bill_type=BillType(bill.bill_type), closes_on=closes_on, today=today)
    bill.stage, bill.stage_on = result.stage.value, result.reached_on
    bill.furthest_stage, bill.last_action_on = result.furthest.value, result.last_action_on


def _link_companion(db: Session, bill: Bill, *, new: bool) -> None:
    """Link the bill and its companion both ways, whichever of them was stored first: its
    companion, and (a `new` bill) the bills waiting for it, in one query."""
    named = (bill.companion_type, bill.companion_number)
    same_session = (
        col(Bill.legislature) == bill.legislature,
        col(Bill.special_session) == bill.special_session,
    )
    # Each alternative carries the whole key, so that SQLite answers each from an index.
    wanted = []
    if named[0] and named[1]:
        wanted.append(
            and_(*same_session, col(Bill.bill_type) == named[0], col(Bill.number) == named[1])
        )
    if new:
        wanted.append(
            and_(
                *same_session,
                col(Bill.companion_type) == bill.bill_type,
                col(Bill.companion_number) == bill.number,
                col(Bill.companion_id).is_(None),
            )
        )
    bill.companion_id = None
    if not wanted:
        return
    found = db.exec(select(Bill).where(col(Bill.id) != bill.id, or_(*wanted))).all()
    for other in found:  # its companion first: a waiting bill fills only an empty link
        if (other.bill_type, other.number) == named:
            bill.companion_id = other.id
            if other.companion_id is None:
                other.companion_id = bill.id
    for other in found:
        if (other.companion_type, other.companion_number) == (bill.bill_type, bill.number):
            if other.companion_id is None:
                other.companion_id = bill.id
            if bill.companion_id is None:
                bill.companion_id = other.id
