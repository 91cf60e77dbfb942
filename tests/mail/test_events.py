"""SendGrid's events as effects (a table, pure), and applied to the store exactly once."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from tests.digest.samples import WEEK
from tests.digest.samples import member as sample_member
from tracker.db import session_scope
from tracker.digest.render import RenderedDigest, to_message
from tracker.models import Delivery, MailEvent, Member
from tracker.rules.mail_events import (
    NO_DELIVERY_KEY,
    NO_EVENT_ID,
    NO_TIMESTAMP,
    NOT_AN_OBJECT,
    UNKNOWN_TYPE,
    DeliveryRef,
    Effect,
    effect_of,
    last_changed,
    member_change,
    parse_delivery_key,
    read_events,
)
from tracker.store.deliveries import delivery_for
from tracker.store.mail_events import UNKNOWN_DELIVERY, record_mail_events
from tracker.store.members import add_member, remove_member
from tracker.vocab import DeliveryKind, DeliveryStatus, MailEventOutcome, MemberState

KEY = "digest-2026-03-09-17"
AT = datetime(2026, 3, 9, 13, 5, tzinfo=UTC)
BOUNCED, UNSUBSCRIBED = MemberState.BOUNCED, MemberState.UNSUBSCRIBED
REJECTED = DeliveryStatus.REJECTED
_ids = itertools.count(1)


def event(name: str, **fields: Any) -> dict[str, Any]:
    """An event as SendGrid posts it, custom args at the top level."""
    return {
        "email": "dana@valley.example.org",
        "timestamp": int(AT.timestamp()),
        "event": name,
        "sg_event_id": f"ZGVsaXZlcmVkLTAtNDY-{next(_ids)}",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
        "delivery_key": KEY,
        "member_id": "17",
        "digest_week": "2026-03-09",
        **fields,
    }


# (event, member state, delivery status, note on the delivery)
EFFECTS = [
    (
        event("bounce", type="bounce", reason="550 5.1.1 The email account does not exist"),
        BOUNCED,
        REJECTED,
        "SendGrid bounce: 550 5.1.1 The email account does not exist",
    ),
    (
        event("bounce", type="blocked", reason="421 4.7.0 Try again later"),
        None,
        None,
        "SendGrid bounce (blocked): 421 4.7.0 Try again later",
    ),
    (event("bounce", reason="unclassified"), None, None, "SendGrid bounce (no type): unclassified"),
    (
        event("dropped", reason="Bounced Address"),
        BOUNCED,
        REJECTED,
        "SendGrid dropped: Bounced Address",
    ),
    (event("dropped", reason="Invalid"), BOUNCED, REJECTED, "SendGrid dropped: Invalid"),
    (
        event("dropped", reason="Invalid SMTPAPI header"),
        None,
        None,
        "SendGrid dropped: Invalid SMTPAPI header",
    ),
    (event("dropped", reason="Spam Content"), None, None, "SendGrid dropped: Spam Content"),
    (event("dropped"), None, None, "SendGrid dropped"),
    (event("spamreport"), UNSUBSCRIBED, None, ""),
    (event("unsubscribe"), UNSUBSCRIBED, None, ""),
    (event("group_unsubscribe", asm_group_id=42), UNSUBSCRIBED, None, ""),
]


@pytest.mark.parametrize(("raw", "state", "status", "note"), EFFECTS)
def test_the_effect_of_each_event(
    raw: dict[str, Any], state: MemberState | None, status: DeliveryStatus | None, note: str
) -> None:
    effect = effect_of(raw)
    assert isinstance(effect, Effect), effect
    assert (effect.member_state, effect.delivery_status, effect.note) == (state, status, note)
    assert effect.delivery == DeliveryRef(KEY, DeliveryKind.WEEKLY, date(2026, 3, 9), 17)
    assert effect.at == AT and effect.event_id == raw["sg_event_id"]


IGNORED = [
    (event("processed"), "processed"),
    (event("deferred", response="400 try again later"), "deferred"),
    (event("delivered", response="250 OK"), "delivered"),
    (event("open"), "open"),
    (event("click", url="https://example.org"), "click"),
    (event("group_resubscribe"), "group_resubscribe"),
    (event("bounced"), UNKNOWN_TYPE),
    ({"email": "x@example.org"}, UNKNOWN_TYPE),
    ("bounce", NOT_AN_OBJECT),
    (["bounce"], NOT_AN_OBJECT),
    (event("bounce", type="bounce", delivery_key=None), NO_DELIVERY_KEY),
    (event("bounce", type="bounce", delivery_key="newsletter-2026-03"), NO_DELIVERY_KEY),
    (event("bounce", type="bounce", delivery_key="digest-2026-02-30-17"), NO_DELIVERY_KEY),
    (event("bounce", type="bounce", member_id="18"), NO_DELIVERY_KEY),
    (event("bounce", type="bounce", sg_event_id=""), NO_EVENT_ID),
    (event("bounce", type="bounce", timestamp="yesterday"), NO_TIMESTAMP),
    (event("bounce", type="bounce", timestamp=True), NO_TIMESTAMP),
    (event("bounce", type="bounce", timestamp=10**20), NO_TIMESTAMP),
]


@pytest.mark.parametrize(("raw", "why"), IGNORED)
def test_events_without_an_effect_say_why(raw: object, why: str) -> None:
    assert effect_of(raw) == why


def test_a_batch_keeps_the_effects_and_counts_the_rest() -> None:
    batch = read_events([event("delivered"), event("open"), event("open"), event("spamreport"), 3])
    assert [e.event for e in batch.effects] == ["spamreport"]
    assert batch.ignored == {"delivered": 1, "open": 2, NOT_AN_OBJECT: 1}
    assert batch.total == 5


def test_the_keys_the_senders_make_parse_back() -> None:
    rendered = RenderedDigest("Subject", "<p>x</p>", "x", "https://t.example.org/unsubscribe")
    weekly = to_message(rendered, sample_member(), WEEK)
    assert parse_delivery_key(weekly.delivery_key) == DeliveryRef(
        weekly.delivery_key, DeliveryKind.WEEKLY, WEEK, 7
    )
    assert weekly.custom_args["member_id"] == "7"
    assert parse_delivery_key("urgent-2026-03-10-17") == DeliveryRef(
        "urgent-2026-03-10-17", DeliveryKind.URGENT, date(2026, 3, 10), 17
    )
    assert parse_delivery_key("digest-2026-03-09-17.eml") is None


def _effect(state: MemberState | None) -> Effect:
    ref = DeliveryRef(KEY, DeliveryKind.WEEKLY, date(2026, 3, 9), 17)
    return Effect("ev-1", "bounce", ref, AT, member_state=state)


EARLIER, LATER = AT - timedelta(days=1), AT + timedelta(seconds=1)
CHANGES = [
    # (what the event asks, member's state, member last changed, new state, outcome)
    (BOUNCED, "active", EARLIER, BOUNCED, MailEventOutcome.APPLIED),
    (BOUNCED, "active", None, BOUNCED, MailEventOutcome.APPLIED),
    (UNSUBSCRIBED, "active", EARLIER, UNSUBSCRIBED, MailEventOutcome.APPLIED),
    (BOUNCED, "active", LATER, None, MailEventOutcome.OUTDATED),  # re-subscribed since
    (UNSUBSCRIBED, "active", AT, None, MailEventOutcome.OUTDATED),
    (BOUNCED, "unsubscribed", EARLIER, None, MailEventOutcome.SETTLED),
    (UNSUBSCRIBED, "bounced", EARLIER, None, MailEventOutcome.SETTLED),
    (None, "active", EARLIER, None, MailEventOutcome.NOTED),
]


@pytest.mark.parametrize(("asks", "state", "changed_at", "new", "outcome"), CHANGES)
def test_only_an_active_member_changes_and_only_for_a_newer_event(
    asks: MemberState | None,
    state: str,
    changed_at: datetime | None,
    new: MemberState | None,
    outcome: MailEventOutcome,
) -> None:
    assert member_change(_effect(asks), state=state, changed_at=changed_at) == (new, outcome)


def test_last_changed_is_the_latest_known_time() -> None:
    assert last_changed(EARLIER, None, LATER) == LATER
    assert last_changed(None, None) is None


# -- the store ------------------------------------------------------------------------------

SENT_AT = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)
RECEIVED = datetime(2026, 3, 9, 13, 10, tzinfo=UTC)


def sent_digest(engine: Engine, email: str = "dana@valley.example.org") -> tuple[int, str]:
    """A member created a week before, and this week's digest recorded as sent to them."""
    with session_scope(engine) as db:
        member = add_member(
            db, email=email, name="Dana", organization="Valley", now=SENT_AT - timedelta(days=7)
        )
        assert member.id is not None
        delivery = delivery_for(
            db, member_id=member.id, week=WEEK, kind=DeliveryKind.WEEKLY, now=SENT_AT
        )
        delivery.status, delivery.sent_at = DeliveryStatus.SENT.value, SENT_AT
        return member.id, f"digest-{WEEK.isoformat()}-{member.id}"


def member_and_delivery(engine: Engine, member_id: int) -> tuple[Member, Delivery]:
    with session_scope(engine) as db:
        member = db.get(Member, member_id)
        delivery = db.exec(select(Delivery).where(Delivery.member_id == member_id)).one()
        assert member is not None
        return member, delivery


def record(engine: Engine, *events: object, now: datetime = RECEIVED) -> dict[str, object]:
    with session_scope(engine) as db:
        return record_mail_events(db, read_events(events), now=now).as_dict()


def test_a_hard_bounce_marks_member_and_delivery_once(engine: Engine) -> None:
    member_id, key = sent_digest(engine)
    bounce = event(
        "bounce", type="bounce", reason="550 no such user", delivery_key=key, member_id=None
    )
    first = record(engine, bounce)
    assert first["applied"] == 1 and first["duplicates"] == 0
    member, delivery = member_and_delivery(engine, member_id)
    assert member.state == "bounced" and member.updated_at == RECEIVED
    assert (
        delivery.status == "rejected" and delivery.last_error == "SendGrid bounce: 550 no such user"
    )
    again = record(engine, bounce, now=RECEIVED + timedelta(hours=1))
    assert again["duplicates"] == 1 and again["applied"] == 0
    member, _ = member_and_delivery(engine, member_id)
    assert member.updated_at == RECEIVED, "a retried event changes nothing"
    with session_scope(engine) as db:
        rows = list(db.exec(select(MailEvent)))
    assert [(r.event, r.outcome, r.member_id, r.happened_at) for r in rows] == [
        ("bounce", "applied", member_id, AT)
    ]


def test_a_retry_does_not_overwrite_what_came_after(engine: Engine) -> None:
    member_id, key = sent_digest(engine)
    blocked = event("bounce", type="blocked", reason="421 busy", delivery_key=key, member_id=None)
    dropped = event("dropped", reason="Spam Content", delivery_key=key, member_id=None)
    record(engine, blocked)
    record(engine, dropped)
    assert record(engine, blocked)["duplicates"] == 1
    member, delivery = member_and_delivery(engine, member_id)
    assert delivery.last_error == "SendGrid dropped: Spam Content"
    assert (member.state, delivery.status) == ("active", "sent")


def test_the_same_event_twice_in_one_batch_counts_once(engine: Engine) -> None:
    member_id, key = sent_digest(engine)
    spam = event("spamreport", delivery_key=key, member_id=str(member_id))
    report = record(engine, spam, spam)
    assert (report["applied"], report["duplicates"]) == (1, 1)
    member, _ = member_and_delivery(engine, member_id)
    assert member.state == "unsubscribed" and member.unsubscribed_at == RECEIVED


def test_an_event_older_than_a_resubscription_changes_nothing(engine: Engine) -> None:
    member_id, key = sent_digest(engine)
    with session_scope(engine) as db:  # unsubscribed, then back (as a person would set it)
        member = db.get(Member, member_id)
        assert member is not None
        member.unsubscribed_at = AT - timedelta(minutes=1)
        member.updated_at = AT + timedelta(minutes=30)
    spam = event("spamreport", delivery_key=key, member_id=str(member_id))
    assert record(engine, spam)["outdated"] == 1
    member, _ = member_and_delivery(engine, member_id)
    assert member.state == "active"


def test_an_event_for_a_delivery_never_made_is_ignored(engine: Engine) -> None:
    member_id, _ = sent_digest(engine)
    other_week = event("bounce", type="bounce", delivery_key=f"digest-2026-03-16-{member_id}")
    nobody = event("bounce", type="bounce", delivery_key="digest-2026-03-09-99999")
    report = record(engine, {**other_week, "member_id": None}, {**nobody, "member_id": None})
    assert report["ignored"] == {UNKNOWN_DELIVERY: 2} and report["applied"] == 0
    member, _ = member_and_delivery(engine, member_id)
    assert member.state == "active"
    with session_scope(engine) as db:
        assert list(db.exec(select(MailEvent))) == []


def test_removing_a_member_removes_their_events(engine: Engine) -> None:
    member_id, key = sent_digest(engine)
    record(engine, event("unsubscribe", delivery_key=key, member_id=None))
    with session_scope(engine) as db:
        assert remove_member(db, email="dana@valley.example.org")
    with session_scope(engine) as db:
        assert db.get(Member, member_id) is None
        assert list(db.exec(select(MailEvent))) == []


def test_an_urgent_alert_that_bounces(engine: Engine) -> None:
    member_id, _ = sent_digest(engine)
    day = date(2026, 3, 11)
    with session_scope(engine) as db:
        urgent = delivery_for(
            db, member_id=member_id, week=day, kind=DeliveryKind.URGENT, now=SENT_AT
        )
        urgent.status = DeliveryStatus.SENT.value
    key = f"urgent-{day.isoformat()}-{member_id}"  # as jobs.urgent keys an alert
    late = int(datetime(2026, 3, 11, 14, 5, tzinfo=UTC).timestamp())
    bounce = event("bounce", type="bounce", delivery_key=key, member_id=None, timestamp=late)
    assert record(engine, bounce, now=datetime(2026, 3, 11, 14, 6, tzinfo=UTC))["applied"] == 1
    with session_scope(engine) as db:
        statuses = {d.kind: d.status for d in db.exec(select(Delivery))}
        member = db.get(Member, member_id)
    assert statuses == {"weekly": "sent", "urgent": "rejected"}
    assert member is not None and member.state == "bounced"
