"""The association's side of the demo: a lobbyist's login, the sample members, two positions
a lobbyist would set, and the week's digests sent through the file backend."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from jobs.digest import SendReport, send_digests
from tracker import store
from tracker.config import Settings
from tracker.mail import FileBackend, Sender
from tracker.records.bills import BillKey
from tracker.store.members import import_members_csv
from tracker.store.positions import set_position
from tracker.store.users import create_user
from tracker.vocab import BillType, Position, Priority, Role

MEMBERS_CSV = Path(__file__).resolve().parent / "sample" / "members.csv"
DEMO_LOGIN = "demo@example.org"
DEMO_POSITIONS = (
    (
        BillKey(94, 0, BillType.HF, 45),
        Position.SUPPORT,
        Priority.HIGH,
        "The special education cross-subsidy costs districts about $800 per student.\n"
        "Closing it frees general-fund dollars for classrooms.",
    ),
    (BillKey(94, 0, BillType.HF, 1503), Position.OPPOSE, Priority.MEDIUM, ""),
)


def set_up_association(db: Session, *, now: datetime) -> str:
    """Add the demo login, the sample members and the demo positions; the login's password."""
    password = secrets.token_urlsafe(12)
    create_user(
        db, email=DEMO_LOGIN, password=password, role=Role.LOBBYIST, name="Demo Lobbyist", now=now
    )
    report = import_members_csv(db, MEMBERS_CSV.read_text(encoding="utf-8").splitlines(), now=now)
    if report.problems:
        raise RuntimeError(f"{MEMBERS_CSV}: {report.problems}")
    for key, position, priority, talking_points in DEMO_POSITIONS:
        bill = store.find_bill(db, key)
        if bill is not None and bill.id is not None:
            set_position(
                db,
                bill_id=bill.id,
                position=position,
                priority=priority,
                talking_points=talking_points,
                by=DEMO_LOGIN,
                now=now,
            )
    return password


def send_week(
    engine: Engine, *, settings: Settings, outbox: Path, week: date, now: datetime
) -> SendReport:
    backend = FileBackend(Sender(settings.mail_from, settings.mail_from_name), outbox)
    return send_digests(engine, settings=settings, backend=backend, week=week, now=now)
