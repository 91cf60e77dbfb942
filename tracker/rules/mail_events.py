"""What SendGrid's Event Webhook says about the tracker's messages, as effects. Pure.

SendGrid posts a JSON array of events; every event carries the custom args its message was
sent with as top-level fields, so `delivery_key` ("digest-2026-03-09-17": the weekly update
of the week of Monday 2026-03-09 for member 17; "urgent-2026-03-10-17": that member's urgent
alert of 2026-03-10) names the delivery row it is about.

The table of what each event does:

| event                           | member        | delivery                     |
|---------------------------------|---------------|------------------------------|
| bounce, type "bounce" (hard)    | bounced       | rejected, with the reason    |
| bounce, type "blocked" or other | -             | the reason noted             |
| dropped, "Bounced Address"      | bounced       | rejected, with the reason    |
| dropped, "Invalid"              | bounced       | rejected, with the reason    |
| dropped, any other reason       | -             | the reason noted             |
| spamreport                      | unsubscribed  | -                            |
| unsubscribe, group_unsubscribe  | unsubscribed  | -                            |
| processed, deferred, delivered, | -             | -  (counted, ignored)        |
| open, click, group_resubscribe  |               |                              |

A bounce without a `type` is only noted: marking a member bounced stops their mail until a
person steps in, while SendGrid drops every later message to a hard-bounced address with
"Bounced Address", which then marks them. "Invalid SMTPAPI header" is the tracker's fault,
not the address's, so only the exact reason "Invalid" counts.

`member_change` decides whether an effect may change the member: only an active member
changes (an unsubscribed or bounced one stays as they are), and only for an event that
happened after the tracker last changed that member (created, edited, unsubscribed or
bounced: `created_at`, `updated_at`, `unsubscribed_at`), so an old event never undoes a
later decision. Whatever makes a member active again must set `updated_at`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from tracker.vocab import DeliveryKind, DeliveryStatus, MailEventOutcome, MemberState

# How the senders build delivery keys: tracker.digest.render.to_message, jobs.urgent.
DELIVERY_KEYS = re.compile(r"(?P<kind>digest|urgent)-(?P<day>\d{4}-\d{2}-\d{2})-(?P<member>\d+)")
KEY_KINDS = {"digest": DeliveryKind.WEEKLY, "urgent": DeliveryKind.URGENT}

BOUNCING_DROP_REASONS = frozenset({"bounced address", "invalid"})
UNSUBSCRIBING = frozenset({"spamreport", "unsubscribe", "group_unsubscribe"})
INFORMATIONAL = frozenset(
    {"processed", "deferred", "delivered", "open", "click", "group_resubscribe"}
)
MAX_NOTE = 500

# Why an event was ignored, as the webhook's answer counts them.
NOT_AN_OBJECT = "not an event object"
UNKNOWN_TYPE = "unknown event type"
NO_DELIVERY_KEY = "no delivery key of the tracker"
NO_EVENT_ID = "no sg_event_id"
NO_TIMESTAMP = "no timestamp"


@dataclass(frozen=True)
class DeliveryRef:
    """The delivery row a key names: (member, week or day, kind)."""

    key: str
    kind: DeliveryKind
    day: date
    member_id: int


@dataclass(frozen=True)
class Effect:
    """What one event asks of the tracker."""

    event_id: str
    event: str
    delivery: DeliveryRef
    at: datetime
    member_state: MemberState | None = None  # bounced or unsubscribed; None leaves the member
    delivery_status: DeliveryStatus | None = None  # rejected; None leaves the status
    note: str = ""  # for the delivery's last_error; "" leaves it
    reason: str = ""  # SendGrid's words, as received


@dataclass(frozen=True)
class EventBatch:
    effects: tuple[Effect, ...] = ()
    ignored: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return len(self.effects) + sum(self.ignored.values())


def parse_delivery_key(key: str) -> DeliveryRef | None:
    """The delivery a key names, or None when it is not one the tracker makes."""
    match = DELIVERY_KEYS.fullmatch(key.strip())
    if match is None:
        return None
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        return None
    return DeliveryRef(key.strip(), KEY_KINDS[match["kind"]], day, int(match["member"]))


def read_events(events: Sequence[object]) -> EventBatch:
    """Each event's effect; everything else counted by why it was ignored. Never raises."""
    effects: list[Effect] = []
    ignored: Counter[str] = Counter()
    for event in events:
        effect = effect_of(event)
        if isinstance(effect, Effect):
            effects.append(effect)
        else:
            ignored[effect] += 1
    return EventBatch(tuple(effects), ignored)


def effect_of(event: object) -> Effect | str:
    """The effect of one event, or why it has none."""
    if not isinstance(event, dict):
        return NOT_AN_OBJECT
    name = _text(event.get("event"))
    if name in INFORMATIONAL:
        return name
    if name not in {"bounce", "dropped"} | UNSUBSCRIBING:
        return UNKNOWN_TYPE
    delivery = _delivery(event)
    if delivery is None:
        return NO_DELIVERY_KEY
    event_id = _text(event.get("sg_event_id"))
    if not event_id:
        return NO_EVENT_ID
    at = _timestamp(event.get("timestamp"))
    if at is None:
        return NO_TIMESTAMP
    reason = _text(event.get("reason"))[:MAX_NOTE]
    effect = Effect(event_id, name, delivery, at, reason=reason)
    if name in UNSUBSCRIBING:
        return replace(effect, member_state=MemberState.UNSUBSCRIBED)
    if name == "bounce":
        kind = _text(event.get("type"))
        if kind == "bounce":
            return _rejected(effect, "bounce")
        return replace(effect, note=_note(f"bounce ({kind or 'no type'})", reason))
    if reason.strip().lower() in BOUNCING_DROP_REASONS:
        return _rejected(effect, "dropped")
    return replace(effect, note=_note("dropped", reason))


def member_change(
    effect: Effect, *, state: str, changed_at: datetime | None
) -> tuple[MemberState | None, MailEventOutcome]:
    """The member's new state (None: unchanged) and what became of the event.

    `changed_at` is the last time the tracker changed the member (see `last_changed`)."""
    if effect.member_state is None:
        return None, MailEventOutcome.NOTED
    if state != MemberState.ACTIVE.value:
        return None, MailEventOutcome.SETTLED
    if changed_at is not None and effect.at <= changed_at:
        return None, MailEventOutcome.OUTDATED
    return effect.member_state, MailEventOutcome.APPLIED


def last_changed(*times: datetime | None) -> datetime | None:
    """The latest of a member's created, updated and unsubscribed times."""
    known = [t for t in times if t is not None]
    return max(known) if known else None


def _rejected(effect: Effect, event: str) -> Effect:
    return replace(
        effect,
        member_state=MemberState.BOUNCED,
        delivery_status=DeliveryStatus.REJECTED,
        note=_note(event, effect.reason),
    )


def _note(what: str, reason: str) -> str:
    return f"SendGrid {what}: {reason}" if reason else f"SendGrid {what}"


def _delivery(event: dict[str, object]) -> DeliveryRef | None:
    ref = parse_delivery_key(_text(event.get("delivery_key")))
    if ref is None:
        return None
    member_id = _text(event.get("member_id"))
    if member_id and member_id != str(ref.member_id):
        return None  # custom args that disagree: not a message the tracker sent
    return ref


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _timestamp(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None
