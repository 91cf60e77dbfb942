"""The weekly update: build, render and send each active member's digest exactly once.

Members are sent in batches. For each batch the deliveries are claimed and committed, then
the backend sends each member's own email, then each outcome is committed. A crash or a
provider failure midway leaves the rest pending or failed, and running again sends those
and nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.engine import Engine

from tracker.config import Settings
from tracker.db import make_engine, session_scope
from tracker.digest.build import build_digest
from tracker.digest.load import load_digest_input
from tracker.digest.render import render_digest, to_message
from tracker.mail import Backend, DeliveryResult, OutgoingMessage, backend_from_settings
from tracker.models import Member
from tracker.rules.dates import CENTRAL, monday_of
from tracker.store.deliveries import SENDING, claim, delivery_for, settle
from tracker.store.members import list_members
from tracker.vocab import DeliveryKind, DeliveryStatus, MemberState

logger = logging.getLogger(__name__)
BATCH = 100


@dataclass
class SendReport:
    week: date
    members: int = 0
    sent: list[str] = field(default_factory=list)
    already_sent: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    empty_weeks: int = 0


def this_monday(now: datetime) -> date:
    return monday_of(now.astimezone(CENTRAL).date())


def send_weekly_digest(
    settings: Settings,
    *,
    now: datetime,
    week: date | None = None,
    dry_run: bool = False,
    resend_unconfirmed: bool = False,
) -> SendReport:
    """The scheduled job: the digest of `week` (default: this week) to every active member."""
    engine = make_engine(settings.database_url)
    try:
        report = send_digests(
            engine,
            settings=settings,
            backend=None if dry_run else backend_from_settings(settings),
            week=week or this_monday(now),
            now=now,
            resend_unconfirmed=resend_unconfirmed,
        )
    finally:
        engine.dispose()
    logger.info("digest %s: %d sent, %d failed", report.week, len(report.sent), len(report.failed))
    return report


def send_digests(
    engine: Engine,
    *,
    settings: Settings,
    backend: Backend | None,
    week: date,
    now: datetime,
    resend_unconfirmed: bool = False,
) -> SendReport:
    """Send `week`'s digest to every active member; with no backend, only build and render."""
    secret = settings.check_secret()
    with session_scope(engine) as db:
        inputs = load_digest_input(
            db, week_monday=week, revisor_url=settings.revisor_url, association=settings.association
        )
        members = list_members(db, state=MemberState.ACTIVE)
    report = SendReport(week=week, members=len(members))
    for start in range(0, len(members), BATCH):
        claimed: list[tuple[Member, OutgoingMessage]] = []
        with session_scope(engine) as db:
            for member in members[start : start + BATCH]:
                assert member.id is not None
                digest = build_digest(inputs, member, week)
                report.empty_weeks += digest.is_empty
                if backend is None:
                    render_digest(digest, public_url=settings.public_url, secret=secret)
                    continue
                delivery = delivery_for(
                    db, member_id=member.id, week=week, kind=DeliveryKind.WEEKLY, now=now
                )
                if claim(delivery, resend_unconfirmed=resend_unconfirmed):
                    rendered = render_digest(digest, public_url=settings.public_url, secret=secret)
                    claimed.append((member, to_message(rendered, member, week)))
                elif delivery.status == SENDING:
                    report.unconfirmed.append(member.email)
                else:
                    report.already_sent += 1
        if backend is not None and claimed:
            deliver(engine, backend, claimed, week, DeliveryKind.WEEKLY, now, report)
    return report


def deliver(
    engine: Engine,
    backend: Backend,
    outgoing: Sequence[tuple[Member, OutgoingMessage]],
    day: date,
    kind: DeliveryKind,
    now: datetime,
    report: SendReport,
) -> None:
    """Send claimed deliveries, then record each outcome."""
    results = backend.send([message for _, message in outgoing])
    record(engine, outgoing, results, day, kind, now, report)


def record(
    engine: Engine,
    outgoing: Sequence[tuple[Member, OutgoingMessage]],
    results: Sequence[DeliveryResult],
    day: date,
    kind: DeliveryKind,
    now: datetime,
    report: SendReport,
) -> None:
    """Each provider outcome on its delivery row, and in the report."""
    by_key = {message.delivery_key: (member, message) for member, message in outgoing}
    with session_scope(engine) as db:
        for result in results:
            member, message = by_key[result.delivery_key]
            assert member.id is not None
            delivery = delivery_for(db, member_id=member.id, week=day, kind=kind, now=now)
            settle(
                db,
                delivery,
                outcome=result.outcome,
                detail=result.detail,
                provider_id=result.provider_id,
                now=now,
            )
            if delivery.status == DeliveryStatus.SENT.value:
                report.sent.append(message.to_address)
            elif delivery.status == DeliveryStatus.REJECTED.value:
                report.rejected.append((message.to_address, result.detail))
            else:
                report.failed.append((message.to_address, result.detail))
