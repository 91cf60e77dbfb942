"""One row per (member, week, kind) digest: the ledger that makes sending exactly-once.

A delivery is claimed ('sending') and committed before the provider is called, and settled
('sent', 'rejected', 'failed') after. A re-run sends what is pending or failed, never what
was sent or rejected, and leaves what is still 'sending' (the provider may have taken it
before a crash) to a person: `--resend-unconfirmed` sends those again.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from tracker.models import Delivery, Member
from tracker.vocab import DeliveryKind, DeliveryStatus, MemberState, SendOutcome

SENDING = "sending"  # claimed, provider called, outcome not yet recorded
SENDABLE = {DeliveryStatus.PENDING.value, DeliveryStatus.FAILED.value}


def delivery_for(
    db: Session, *, member_id: int, week: date, kind: DeliveryKind, now: datetime
) -> Delivery:
    row = db.exec(
        select(Delivery).where(
            Delivery.member_id == member_id, Delivery.week == week, Delivery.kind == kind.value
        )
    ).first()
    if row is None:
        row = Delivery(member_id=member_id, week=week, kind=kind.value, created_at=now)
        db.add(row)
        db.flush()
    return row


def claim(delivery: Delivery, *, resend_unconfirmed: bool = False) -> bool:
    """Mark a delivery as being sent, if it should be; False when it must not be sent."""
    if delivery.status in SENDABLE or (resend_unconfirmed and delivery.status == SENDING):
        delivery.status = SENDING
        delivery.attempts += 1
        return True
    return False


def settle(
    db: Session,
    delivery: Delivery,
    *,
    outcome: SendOutcome,
    detail: str,
    provider_id: str | None,
    now: datetime,
) -> None:
    """Record what the provider said; a rejected address marks its member as bounced."""
    if outcome is SendOutcome.SENT:
        delivery.status, delivery.sent_at = DeliveryStatus.SENT.value, now
        delivery.provider_id, delivery.last_error = provider_id or "", ""
        return
    delivery.last_error = detail
    if outcome is SendOutcome.REJECTED:
        delivery.status = DeliveryStatus.REJECTED.value
        member = db.get(Member, delivery.member_id)
        if member is not None:
            member.state, member.updated_at = MemberState.BOUNCED.value, now
    else:
        delivery.status = DeliveryStatus.FAILED.value
