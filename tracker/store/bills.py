"""Keyword-only writes and reads of bills. Every write is idempotent and says what it did.

A status response with fewer actions, authors or versions than what is stored is held,
not applied: the bill keeps what it had. When a later crawl returns the same thinner
response again, the result says it is `confirmable`; it is applied only when the caller
passes `apply_thin` (the store pipeline does so at the end of a crawl in which few bills
came back thinner: a real deletion, a stricken author, touches a bill or two, a layout
change touches every bill it reaches, crawl after crawl).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, TypeVar

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
    data = asdict(record)
    data.pop("problems", None)
    return fingerprint(data)


def find_bill(db: Session, key: BillKey) -> Bill | None:
    return db.exec(
        select(Bill).where(
            Bill.legislature == key.legislature,
            Bill.special_session == key.special_session,
            Bill.bill_type == key.bill_type.value,
            Bill.number == key.number,
        )
    ).first()


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
    today = today or now.astimezone(CENTRAL).date()
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
    existing = _children_of(db, bill)
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
        db.add(bill)
        db.flush()
        outcome = UpsertOutcome.INSERT
    else:
        shrink = _shrinkage(existing, record)
        if shrink and bill.held_fingerprint != print_:
            bill.held_fingerprint, bill.held_reason, bill.held_since = print_, shrink, now
            return UpsertResult(UpsertOutcome.HELD, bill.id, reason=shrink)
        if shrink and not apply_thin:
            return UpsertResult(
                UpsertOutcome.HELD, bill.id, reason=f"{shrink} (again)", confirmable=True
            )
        outcome = UpsertOutcome.UPDATE

    assert bill.id is not None
    changes = _apply_status(db, bill, record, existing, now=now)
    _set_stage(bill, record, closes_on=session_row.adjourned_on or ref.closes_on, today=today)
    _link_companion(db, bill)
    bill.status_fingerprint = print_
    bill.held_fingerprint = bill.held_reason = bill.held_since = None
    bill.updated_at = bill.checked_at = now
    db.flush()
    return UpsertResult(outcome, bill.id, tuple(changes))


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


def _apply_status(
    db: Session, bill: Bill, record: BillRecord, existing: _Children, *, now: datetime
) -> list[str]:
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
    assert bill.id is not None
    bill_id = bill.id
    authors = {
        (a.chamber.value, a.position): {"name": a.name, "legislator_key": a.legislator_key}
        for a in record.authors
    }
    changes += sync_rows(
        db,
        "authors",
        existing.authors,
        authors,
        key=lambda row: (row.chamber, row.position),
        make=lambda k, v: BillAuthor(bill_id=bill_id, chamber=k[0], position=k[1], **v),
    )
    actions = {(a.chamber.value, a.sequence): _action_fields(db, bill, a) for a in record.actions}
    changes += sync_rows(
        db,
        "actions",
        existing.actions,
        actions,
        key=lambda row: (row.chamber, row.sequence),
        make=lambda k, v: BillAction(
            bill_id=bill_id, chamber=k[0], sequence=k[1], first_seen_at=now, **v
        ),
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
    changes += sync_rows(
        db,
        "versions",
        existing.versions,
        versions,
        key=lambda row: row.name,
        make=lambda k, v: BillVersion(bill_id=bill_id, name=k, **v),
    )
    return changes


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


def _link_companion(db: Session, bill: Bill) -> None:
    """Link the bill and its companion both ways, whichever of them was stored first."""
    if bill.companion_type and bill.companion_number:
        companion_key = BillKey(
            bill.legislature,
            bill.special_session,
            BillType(bill.companion_type),
            bill.companion_number,
        )
        companion = find_bill(db, companion_key)
        bill.companion_id = companion.id if companion else None
        if companion is not None and companion.companion_id is None:
            companion.companion_id = bill.id
    else:
        bill.companion_id = None
    waiting = db.exec(
        select(Bill).where(
            Bill.legislature == bill.legislature,
            Bill.special_session == bill.special_session,
            Bill.companion_type == bill.bill_type,
            Bill.companion_number == bill.number,
            col(Bill.companion_id).is_(None),
        )
    )
    for other in waiting:
        other.companion_id = bill.id
        if bill.companion_id is None:
            bill.companion_id = other.id
