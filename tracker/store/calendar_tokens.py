"""Private calendar feeds: each person's unguessable token, for the URL a calendar app
(Outlook, Google Calendar, Apple Calendar), which cannot sign in, subscribes to."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from tracker.models import AuditEvent, CalendarToken, User

TOKEN_BYTES = 32  # 256 random bits, URL-safe: 43 characters


def active_token(db: Session, *, user_id: int) -> CalendarToken | None:
    query = select(CalendarToken).where(
        CalendarToken.user_id == user_id, col(CalendarToken.revoked_at).is_(None)
    )
    return db.exec(query.order_by(col(CalendarToken.id).desc())).first()


def revoke_tokens(db: Session, *, user_id: int, by: str, now: datetime) -> int:
    """Revoke the person's feed URL: calendars subscribed to it get 404 from now on."""
    tokens = list(
        db.exec(
            select(CalendarToken).where(
                CalendarToken.user_id == user_id, col(CalendarToken.revoked_at).is_(None)
            )
        )
    )
    for token in tokens:
        token.revoked_at = now
    if tokens:
        db.add(_audit(db, user_id, by, now, "revoked"))
    db.flush()
    return len(tokens)


def create_token(db: Session, *, user_id: int, by: str, now: datetime) -> CalendarToken:
    """A new feed URL for the person; the one they had, if any, stops working."""
    revoke_tokens(db, user_id=user_id, by=by, now=now)
    token = CalendarToken(user_id=user_id, token=secrets.token_urlsafe(TOKEN_BYTES), created_at=now)
    db.add(token)
    db.add(_audit(db, user_id, by, now, "created"))
    db.flush()
    return token


def user_for_token(db: Session, token: str) -> User | None:
    """The active account whose live token this is; None for a wrong, revoked or disabled one."""
    if not token or len(token) > 100:
        return None
    row = db.exec(
        select(CalendarToken).where(
            CalendarToken.token == token, col(CalendarToken.revoked_at).is_(None)
        )
    ).first()
    if row is None or not secrets.compare_digest(row.token, token):
        return None
    user = db.get(User, row.user_id)
    return user if user is not None and user.active else None


def _audit(db: Session, user_id: int, by: str, now: datetime, what: str) -> AuditEvent:
    user = db.get(User, user_id)
    email = user.email if user else str(user_id)
    return AuditEvent(
        who=by, at=now, subject=f"calendar feed {email}", before=None, after={"feed": what}
    )
