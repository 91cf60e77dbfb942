"""The weekly update: build, render and send each active member's digest exactly once.

Members are sent in batches. For each batch the deliveries are claimed and committed, then
the backend sends, then each outcome is committed. A crash or a provider failure midway
leaves the rest pending or failed, and running again sends those and nothing twice.

Through SendGrid a batch is 1,000 members (a Mail Send request's most): their digests are
rendered in pieces with markers (`render_shared`) and become one dynamic template per
mailing (`build_mailings`; a template over `TRACKER_SENDGRID_TEMPLATE_MAX_BYTES` splits the
batch), so a week costs about three requests per 1,000 members however varied their digests.
Other backends get each member's own rendering.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.engine import Engine

from tracker.config import Settings
from tracker.db import make_engine, session_scope
from tracker.digest.build import build_digest
from tracker.digest.load import load_digest_input
from tracker.digest.model import Digest
from tracker.digest.render import personalize, pieces, render_digest, render_shared, to_message
from tracker.mail import (
    Backend,
    DeliveryResult,
    Mailing,
    MemberPieces,
    OutgoingMessage,
    SendGridBackend,
    backend_from_settings,
    build_mailings,
)
from tracker.models import Member
from tracker.rules.dates import CENTRAL, monday_of
from tracker.store.deliveries import SENDING, claim, delivery_for, settle
from tracker.store.members import list_members
from tracker.vocab import DeliveryKind, DeliveryStatus, MemberState

logger = logging.getLogger(__name__)
BATCH = 100
TEMPLATE_PREFIX = "tracker-digest-"  # the names of the SendGrid templates the digest makes


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
    mailings: int = 0  # SendGrid templates made
    template_splits: int = 0  # mailings started because a template reached its byte budget


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
    sendgrid = backend if isinstance(backend, SendGridBackend) else None
    size = sendgrid.max_personalizations if sendgrid else BATCH
    pruned = False
    for start in range(0, len(members), size):
        claimed: list[Claimed] = []
        with session_scope(engine) as db:
            for member in members[start : start + size]:
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
                    claimed.append(Claimed.render(member, digest, week, settings, secret, sendgrid))
                elif delivery.status == SENDING:
                    report.unconfirmed.append(member.email)
                else:
                    report.already_sent += 1
        if backend is None or not claimed:
            continue
        if sendgrid is not None:
            if not pruned:
                sendgrid.prune_templates(prefix=TEMPLATE_PREFIX, now=now)
                pruned = True
            results = send_templated(sendgrid, claimed, week, report)
        else:
            results = backend.send([c.message for c in claimed])
        record(
            engine,
            [(c.member, c.message) for c in claimed],
            results,
            week,
            DeliveryKind.WEEKLY,
            now,
            report,
        )
    return report


@dataclass(frozen=True)
class Claimed:
    """A member whose delivery this run claimed: their email, and its pieces for SendGrid."""

    member: Member
    message: OutgoingMessage
    pieces: MemberPieces | None = None

    @classmethod
    def render(
        cls,
        member: Member,
        digest: Digest,
        week: date,
        settings: Settings,
        secret: str,
        sendgrid: SendGridBackend | None,
    ) -> Claimed:
        if sendgrid is None:
            rendered = render_digest(digest, public_url=settings.public_url, secret=secret)
            return cls(member, to_message(rendered, member, week))
        shared, values = render_shared(digest, public_url=settings.public_url, secret=secret)
        message = to_message(personalize(shared, values), member, week)
        html, text = pieces(shared)
        return cls(
            member, message, MemberPieces(message.delivery_key, message.subject, html, text, values)
        )


def template_name(week: date, mailing: Mailing) -> str:
    """ "tracker-digest-2026-03-09-<10 hex>": the week, and a hash of the template's content."""
    content = hashlib.sha256(f"{mailing.html_content}\0{mailing.plain_content}".encode())
    return f"{TEMPLATE_PREFIX}{week.isoformat()}-{content.hexdigest()[:10]}"


def send_templated(
    backend: SendGridBackend, claimed: Sequence[Claimed], week: date, report: SendReport
) -> list[DeliveryResult]:
    """The claimed members' digests as SendGrid mailings: one template and one Mail Send
    request per 1,000 members, more when a template would outgrow its byte budget."""
    members = [c.pieces for c in claimed if c.pieces is not None]
    mailings = build_mailings(
        members, max_bytes=backend.template_max_bytes, max_members=backend.max_personalizations
    )
    messages = {c.message.delivery_key: c.message for c in claimed}
    results: list[DeliveryResult] = []
    for mailing in mailings:
        name = template_name(week, mailing)
        results += backend.send_mailing(mailing, [messages[key] for key in mailing.data], name=name)
    report.mailings += len(mailings)
    report.template_splits += sum(mailing.split for mailing in mailings)
    if report.template_splits:
        logger.info(
            "digest %s: %d mailings, %d of them because a template reached %d bytes",
            week,
            report.mailings,
            report.template_splits,
            backend.template_max_bytes,
        )
    return results


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
