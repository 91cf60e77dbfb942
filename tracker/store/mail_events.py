"""What SendGrid reported after it accepted a message: bounces, drops, spam reports and
unsubscribes, applied to the delivery and its member (tracker.rules.mail_events says which).

Every event about a delivery the tracker made leaves a `mail_event` row under its
`sg_event_id`, with what became of it; an event whose id is already there (SendGrid retries
a batch until it gets a 2xx) is skipped, so the same event twice changes nothing. Events
that have no effect (delivered, open, click ...) are not stored: they have nothing to
repeat, and the table stays as small as the list of problems.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from tracker.models import Delivery, MailEvent, Member
from tracker.rules.mail_events import Effect, EventBatch, last_changed, member_change
from tracker.vocab import MailEventOutcome, MemberState

UNKNOWN_DELIVERY = "no such delivery"


@dataclass
class EventReport:
    """What one webhook call did, by outcome; `ignored` counts events by why."""

    received: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    ignored: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "received": self.received,
            **{outcome.value: self.outcomes[outcome.value] for outcome in MailEventOutcome},
            "duplicates": self.duplicates,
            "ignored": dict(sorted(self.ignored.items())),
        }


def record_mail_events(db: Session, batch: EventBatch, *, now: datetime) -> EventReport:
    """Apply each effect once: the delivery's status and note, then the member's state."""
    report = EventReport(received=batch.total, ignored=Counter(batch.ignored))
    ids = [effect.event_id for effect in batch.effects]
    known = select(MailEvent.sg_event_id).where(col(MailEvent.sg_event_id).in_(ids))
    seen = set(db.exec(known)) if ids else set()
    for effect in batch.effects:
        if effect.event_id in seen:
            report.duplicates += 1
            continue
        delivery = _delivery(db, effect)
        member = db.get(Member, delivery.member_id) if delivery is not None else None
        if delivery is None or member is None or delivery.id is None or member.id is None:
            report.ignored[UNKNOWN_DELIVERY] += 1
            continue
        seen.add(effect.event_id)
        outcome = _apply(effect, delivery, member, now=now)
        report.outcomes[outcome.value] += 1
        db.add(
            MailEvent(
                sg_event_id=effect.event_id,
                event=effect.event,
                member_id=member.id,
                delivery_id=delivery.id,
                outcome=outcome.value,
                reason=effect.reason,
                happened_at=effect.at,
                received_at=now,
            )
        )
    db.flush()
    return report


def _delivery(db: Session, effect: Effect) -> Delivery | None:
    ref = effect.delivery
    return db.exec(
        select(Delivery).where(
            Delivery.member_id == ref.member_id,
            Delivery.week == ref.day,
            Delivery.kind == ref.kind.value,
        )
    ).first()


def _apply(
    effect: Effect, delivery: Delivery, member: Member, *, now: datetime
) -> MailEventOutcome:
    if effect.delivery_status is not None:
        delivery.status = effect.delivery_status.value
    if effect.note:
        delivery.last_error = effect.note
    changed_at = last_changed(member.created_at, member.updated_at, member.unsubscribed_at)
    state, outcome = member_change(effect, state=member.state, changed_at=changed_at)
    if state is not None:
        member.state, member.updated_at = state.value, now
        if state is MemberState.UNSUBSCRIBED:
            member.unsubscribed_at = now
    return outcome
