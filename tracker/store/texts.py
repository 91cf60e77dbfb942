"""The text of a bill's versions: every version's sections (`tracker.store.versions`), and for
the latest one the official title, the statutes affected and the plain text."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlmodel import Session, select

from tracker.models import BillStatute, BillText
from tracker.records.bills import BillTextRecord
from tracker.store.bills import (
    UpsertResult,
    find_bill,
    fingerprint,
    sync_rows,
)
from tracker.store.versions import is_latest, record_version_sections, version_named
from tracker.vocab import UpsertOutcome


def record_bill_text(db: Session, *, record: BillTextRecord, now: datetime) -> UpsertResult:
    """Store a version's sections; for the bill's latest version, its title, statutes and
    plain text on the bill too."""
    bill = find_bill(db, record.key)
    if bill is None or bill.id is None:
        return UpsertResult(UpsertOutcome.NOOP, None, reason=f"{record.key} is not stored")
    version = version_named(db, bill, record.version_name)
    sections_changed = version is not None and record_version_sections(
        db, version=version, sections=record.sections, now=now
    )
    if not is_latest(db, bill, record.version_name):
        outcome = UpsertOutcome.UPDATE if sections_changed else UpsertOutcome.NOOP
        return UpsertResult(outcome, bill.id, ("sections",) if sections_changed else ())
    print_ = fingerprint(
        [record.version_name, record.title, [asdict(s) for s in record.statutes], record.text]
    )
    if bill.text_fingerprint == print_:
        if sections_changed:
            return UpsertResult(UpsertOutcome.UPDATE, bill.id, ("sections",))
        return UpsertResult(UpsertOutcome.NOOP, bill.id)
    stored = list(db.exec(select(BillStatute).where(BillStatute.bill_id == bill.id)))
    if record.version_name == bill.latest_text_version and len(record.statutes) < len(stored):
        reason = f"the same version {record.version_name} now lists fewer statutes"
        return UpsertResult(UpsertOutcome.HELD, bill.id, reason=reason)
    bill_id = bill.id
    statutes = {
        (s.section, s.subdivision, s.change.value): {
            "statutes_year": s.statutes_year,
            "version_name": record.version_name,
        }
        for s in record.statutes
    }
    changes = sync_rows(
        db,
        "statutes",
        stored,
        statutes,
        key=lambda row: (row.section, row.subdivision, row.change),
        make=lambda k, v: BillStatute(
            bill_id=bill_id, section=k[0], subdivision=k[1], change=k[2], **v
        ),
    )
    if bill.official_title != record.title:
        bill.official_title = record.title
        changes.append("official_title")
    text_row = db.get(BillText, bill_id)
    if text_row is None:
        db.add(BillText(bill_id=bill_id, version_name=record.version_name, text=record.text))
    else:
        text_row.version_name, text_row.text = record.version_name, record.text
    bill.latest_text_version = record.version_name
    bill.text_fingerprint = print_
    bill.updated_at = now
    db.flush()
    return UpsertResult(
        UpsertOutcome.UPDATE, bill.id, (*changes, *(["sections"] * sections_changed))
    )
