"""People who sign in to the web app: accounts, argon2 password hashes, and login checks
that refuse after too many recent failures for an email or an address (rate limiting)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from tracker.models import AuditEvent, LoginAttempt, User
from tracker.vocab import Role

LOGIN_WINDOW = timedelta(minutes=15)
_HASHER = PasswordHasher()
# Verified against when the email is unknown, so both answers take as long.
_DUMMY_HASH = _HASHER.hash("not a password anyone has")


class UserExists(ValueError):
    pass


class LoginOutcome(StrEnum):
    OK = "ok"
    BAD_CREDENTIALS = "bad-credentials"
    RATE_LIMITED = "rate-limited"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    user: User | None = None


def normalize_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    db: Session,
    *,
    email: str,
    password: str,
    role: Role,
    name: str = "",
    by: str = "",
    now: datetime,
) -> User:
    """A new account; raises UserExists when the email is taken."""
    email = normalize_email(email)
    if not email or "@" not in email:
        raise ValueError(f"not an email address: {email!r}")
    if len(password) < 8:
        raise ValueError("a password needs at least 8 characters")
    if find_user(db, email) is not None:
        raise UserExists(f"{email} already has an account")
    user = User(email=email, name=name, role=role.value, password_hash=hash_password(password))
    user.created_at = now
    db.add(user)
    db.add(
        AuditEvent(
            who=by or email,
            at=now,
            subject=f"user {email}",
            before=None,
            after={"role": role.value, "name": name, "active": True},
        )
    )
    db.flush()
    return user


def find_user(db: Session, email: str) -> User | None:
    return db.exec(select(User).where(User.email == normalize_email(email))).first()


def list_users(db: Session) -> list[User]:
    return list(db.exec(select(User).order_by(col(User.email))))


def recent_failures(db: Session, *, email: str, ip: str, now: datetime) -> int:
    """Failed logins in the last LOGIN_WINDOW for this email or from this address."""
    since = now - LOGIN_WINDOW
    query = select(func.count()).where(
        col(LoginAttempt.at) >= since,
        col(LoginAttempt.succeeded).is_(False),
        or_(col(LoginAttempt.email) == email, col(LoginAttempt.ip) == ip),
    )
    return int(db.exec(query).one())


def verify_login(
    db: Session, *, email: str, password: str, ip: str, now: datetime, limit: int
) -> LoginResult:
    """Check a login and record the attempt; refuse once `limit` recent failures are seen."""
    email = normalize_email(email)
    if recent_failures(db, email=email, ip=ip, now=now) >= limit:
        return LoginResult(LoginOutcome.RATE_LIMITED)
    user = find_user(db, email)
    if user is None:
        password_matches(_DUMMY_HASH, password)
        ok = False
    else:
        ok = password_matches(user.password_hash, password) and user.active
    db.add(LoginAttempt(email=email, ip=ip, at=now, succeeded=ok))
    if not ok or user is None:
        db.flush()
        return LoginResult(LoginOutcome.BAD_CREDENTIALS)
    user.last_login_at = now
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.flush()
    return LoginResult(LoginOutcome.OK, user)
