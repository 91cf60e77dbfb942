"""The association's side of the demo: a lobbyist's login, the sample members, two positions
a lobbyist would set, and the week's digests sent through the file backend."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from jobs.digest import SendReport, send_digests
from tracker import store
from tracker.config import Settings
from tracker.mail import FileBackend, Sender
from tracker.records.bills import BillKey
from tracker.store.foldings import decide_folding, detect_foldings
from tracker.store.goals import add_goal
from tracker.store.members import import_members_csv
from tracker.store.positions import set_position
from tracker.store.users import create_user
from tracker.vocab import BillType, FindingStatus, Position, Priority, Role

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


# Later in the session the association took more sides: after the demo week's digests, so
# they stay the week's. Every cell of the progress report has a bill (see its README).
SESSION_POSITIONS = (
    (BillKey(94, 0, BillType.HF, 1899), Position.SUPPORT, Priority.MEDIUM),  # rides in HF 4127
    (BillKey(94, 0, BillType.HF, 2), Position.SUPPORT, Priority.HIGH),  # enacted
    (BillKey(94, 0, BillType.HF, 157), Position.SUPPORT, Priority.LOW),  # rides in HF 1 (1s)
    (BillKey(94, 0, BillType.HF, 2933), Position.SUPPORT, Priority.LOW),  # died in committee
    (BillKey(94, 0, BillType.HF, 3480), Position.SUPPORT, Priority.HIGH),  # pocket vetoed
    (BillKey(94, 0, BillType.HF, 774), Position.OPPOSE, Priority.MEDIUM),  # stopped
    (BillKey(94, 0, BillType.HF, 2789), Position.OPPOSE, Priority.LOW),  # enacted anyway
    (BillKey(94, 0, BillType.HF, 1137), Position.MONITOR, Priority.NONE),  # followed
)
SESSION_GOALS = (
    (
        "amsd-2021/sd-1",
        "Raise special education aid and the free school meals program in the E-12 bill",
        "the provisions enacted",
        "in the 2026 supplemental budget",
        (BillKey(94, 0, BillType.HF, 45), BillKey(94, 0, BillType.HF, 1899)),
    ),
    (
        "amsd-2021/belief-3",
        "Keep new testing and reporting mandates off districts",
        "mandates stopped",
        "none enacted",
        (BillKey(94, 0, BillType.HF, 1503), BillKey(94, 0, BillType.HF, 2789)),
    ),
)
# Findings the demo lobbyist confirms: both bills' language rides in the E-12 finance bill.
FOLDED = (
    (BillKey(94, 0, BillType.HF, 45), BillKey(94, 0, BillType.HF, 4127)),
    (BillKey(94, 0, BillType.HF, 1899), BillKey(94, 0, BillType.HF, 4127)),
)


def take_sides_later(db: Session, *, now: datetime, items: Iterable[str]) -> None:
    """The positions, goals and one confirmed folded-in finding of the session's later weeks."""
    ids = {}
    wanted = {k for k, _, _ in SESSION_POSITIONS} | {k for pair in FOLDED for k in pair}
    wanted |= {k for *_, keys in SESSION_GOALS for k in keys}
    for key in wanted:
        row = store.find_bill(db, key)
        if row is not None and row.id is not None:
            ids[key] = row.id
    for key, position, priority in SESSION_POSITIONS:
        if key in ids:
            set_position(
                db, bill_id=ids[key], position=position, priority=priority, by=DEMO_LOGIN, now=now
            )
    detect_foldings(db, now=now)
    for folded, host in FOLDED:
        if folded in ids and host in ids:
            decide_folding(
                db,
                bill_id=ids[folded],
                host_id=ids[host],
                status=FindingStatus.CONFIRMED,
                by=DEMO_LOGIN,
                now=now,
            )
    known = list(items)
    for item, text, measure, target, keys in SESSION_GOALS:
        add_goal(
            db,
            item_key=item,
            year=now.year,
            text=text,
            measure=measure,
            target=target,
            owner="Demo Lobbyist",
            bill_ids=[ids[k] for k in keys if k in ids],
            known_items=known,
            by=DEMO_LOGIN,
            now=now,
        )
