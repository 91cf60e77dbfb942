"""Urgent alerts, run after each crawl: members with cadence weekly+urgent hear at once about
bills the association marked urgent, at most one alert a day, and the same news only once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from jobs.digest import SendReport, deliver
from tracker.config import Settings
from tracker.db import make_engine, session_scope
from tracker.digest.build import build_digest
from tracker.digest.load import load_digest_input
from tracker.digest.render import render_digest, to_message
from tracker.digest.urgent import alert_key, urgent_alert
from tracker.mail import Backend, OutgoingMessage, backend_from_settings
from tracker.models import Delivery, Member
from tracker.rules.dates import CENTRAL, monday_of
from tracker.store.deliveries import claim, delivery_for
from tracker.store.members import list_members
from tracker.vocab import Cadence, DeliveryKind, DeliveryStatus, MemberState

CATEGORY = "urgent-alert"


def send_todays_alerts(settings: Settings, *, now: datetime) -> SendReport:
    """The job: today's urgent alerts through TRACKER_EMAIL_BACKEND."""
    engine = make_engine(settings.database_url)
    try:
        return send_urgent_alerts(
            engine,
            settings=settings,
            backend=backend_from_settings(settings),
            day=now.astimezone(CENTRAL).date(),
            now=now,
        )
    finally:
        engine.dispose()


def send_urgent_alerts(
    engine: Engine, *, settings: Settings, backend: Backend, day: date, now: datetime
) -> SendReport:
    secret = settings.check_secret()
    monday = monday_of(day)
    with session_scope(engine) as db:
        inputs = load_digest_input(
            db,
            week_monday=monday,
            revisor_url=settings.revisor_url,
            association=settings.association,
        )
        members = [
            member
            for member in list_members(db, state=MemberState.ACTIVE)
            if member.cadence == Cadence.WEEKLY_AND_URGENT.value
        ]
    report = SendReport(week=day, members=len(members))
    outgoing: list[tuple[Member, OutgoingMessage]] = []
    with session_scope(engine) as db:
        for member in members:
            assert member.id is not None
            alert = urgent_alert(build_digest(inputs, member, monday))
            if alert is None:
                continue
            key = alert_key(alert)
            if _already_said(db, member.id, key):
                report.already_sent += 1
                continue
            delivery = delivery_for(
                db, member_id=member.id, week=day, kind=DeliveryKind.URGENT, now=now
            )
            if not claim(delivery):  # one urgent alert a day: the rest waits for tomorrow's
                report.already_sent += 1
                continue
            delivery.content_key = key
            rendered = render_digest(alert, public_url=settings.public_url, secret=secret)
            message = replace(
                to_message(rendered, member, day),
                delivery_key=f"urgent-{day.isoformat()}-{member.id}",
                categories=(CATEGORY,),
            )
            outgoing.append((member, message))
    if outgoing:
        deliver(engine, backend, outgoing, day, DeliveryKind.URGENT, now, report)
    return report


def _already_said(db: Session, member_id: int, key: str) -> bool:
    return (
        db.exec(
            select(Delivery.id).where(
                Delivery.member_id == member_id,
                Delivery.kind == DeliveryKind.URGENT.value,
                Delivery.status == DeliveryStatus.SENT.value,
                Delivery.content_key == key,
            )
        ).first()
        is not None
    )
