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


class LastAdmin(ValueError):
    """A change that would leave no active administrator to manage accounts."""


def _active_admins(db: Session) -> int:
    query = select(func.count()).where(User.role == Role.ADMIN.value, col(User.active).is_(True))
    return int(db.exec(query).one())


def change_user(
    db: Session, *, user_id: int, role: Role, active: bool, by: str, now: datetime
) -> AuditEvent | None:
    """Change an account's role or disable / enable it; audited. A disabled account cannot
    sign in and its open sessions end at their next request. Refuses (LastAdmin) to leave
    no active administrator; returns None when nothing changed."""
    user = db.get(User, user_id)
    if user is None:
        raise KeyError(f"no account {user_id}")
    before = {"role": user.role, "active": user.active}
    after = {"role": role.value, "active": active}
    if before == after:
        return None
    was_admin = user.role == Role.ADMIN.value and user.active
    if was_admin and not (role is Role.ADMIN and active) and _active_admins(db) <= 1:
        raise LastAdmin(f"{user.email} is the only active administrator: add another first")
    user.role, user.active = role.value, active
    event = AuditEvent(who=by, at=now, subject=f"user {user.email}", before=before, after=after)
    db.add(event)
    db.flush()
    return event


def reset_password(db: Session, *, user_id: int, password: str, by: str, now: datetime) -> None:
    """Give an account a new password (to hand over in person); audited without the password."""
    user = db.get(User, user_id)
    if user is None:
        raise KeyError(f"no account {user_id}")
    if len(password) < 8:
        raise ValueError("a password needs at least 8 characters")
    user.password_hash = hash_password(password)
    db.add(
        AuditEvent(
            who=by,
            at=now,
            subject=f"user {user.email}",
            before=None,
            after={"password": "reset"},
        )
    )
    db.flush()
