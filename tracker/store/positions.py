"""The association's position on each bill, and the audit trail of what people change.

Every change a person makes through the web app — a position, a tag decision — writes an
AuditEvent with the values before and after, so the bill page can show who did what.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from tracker.models import AuditEvent, BillPosition, BillTag
from tracker.store.tags import decide_tag, find_tag
from tracker.vocab import Position, Priority, TagStatus, TagTarget

POSITION_FIELDS = ("position", "priority", "notes", "talking_points", "urgent")


def position_of(db: Session, bill_id: int) -> BillPosition | None:
    return db.exec(select(BillPosition).where(BillPosition.bill_id == bill_id)).first()


def _position_values(row: BillPosition | None) -> dict[str, Any] | None:
    return None if row is None else {name: getattr(row, name) for name in POSITION_FIELDS}


def set_position(
    db: Session,
    *,
    bill_id: int,
    position: Position,
    priority: Priority,
    notes: str = "",
    talking_points: str = "",
    urgent: bool = False,
    by: str,
    now: datetime,
) -> AuditEvent | None:
    """Set the position on a bill; returns the audit event, or None when nothing changed."""
    row = position_of(db, bill_id)
    before = _position_values(row)
    after = {
        "position": position.value,
        "priority": priority.value,
        "notes": notes.strip(),
        "talking_points": talking_points.strip(),
        "urgent": urgent,
    }
    if before == after:
        return None
    if row is None:
        row = BillPosition(bill_id=bill_id)
        db.add(row)
    for name, value in after.items():
        setattr(row, name, value)
    row.updated_by, row.updated_at = by, now
    event = AuditEvent(
        who=by, at=now, bill_id=bill_id, subject="position", before=before, after=after
    )
    db.add(event)
    db.flush()
    return event


def _tag_values(tag: BillTag | None) -> dict[str, Any] | None:
    if tag is None:
        return None
    return {"status": tag.status, "confidence": tag.confidence, "source": tag.source}


def decide_tag_audited(
    db: Session,
    *,
    bill_id: int,
    target: TagTarget,
    code: str,
    status: TagStatus,
    by: str,
    now: datetime,
) -> BillTag:
    """`store.tags.decide_tag`, with an AuditEvent holding the tag before and after."""
    before = _tag_values(find_tag(db, bill_id=bill_id, target=target, code=code))
    tag = decide_tag(db, bill_id=bill_id, target=target, code=code, status=status, by=by, now=now)
    db.add(
        AuditEvent(
            who=by,
            at=now,
            bill_id=bill_id,
            subject=f"tag {code}",
            before=before,
            after=_tag_values(tag),
        )
    )
    db.flush()
    return tag


def audit_for_bill(db: Session, bill_id: int, *, limit: int = 200) -> list[AuditEvent]:
    """Changes people made to a bill, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.bill_id == bill_id)
        .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
        .limit(limit)
    )
    return list(db.exec(query))
