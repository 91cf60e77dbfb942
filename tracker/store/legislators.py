"""Legislators and their committee seats; bill authors matched to legislators."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, delete, select

from tracker.models import BillAuthor, CommitteeSeat, Legislator
from tracker.records.schedule import CommitteeRecord, LegislatorRecord
from tracker.store.bills import UpsertResult, ensure_committee
from tracker.vocab import UpsertOutcome

_FIELDS = ("name", "last_name", "district", "party", "email", "phone", "office", "url")


def _find(db: Session, chamber: str, key: str) -> Legislator | None:
    return db.exec(
        select(Legislator).where(Legislator.chamber == chamber, Legislator.legislator_key == key)
    ).first()


def upsert_legislator(db: Session, *, record: LegislatorRecord, now: datetime) -> UpsertResult:
    member = _find(db, record.chamber.value, record.legislator_key)
    outcome = UpsertOutcome.UPDATE
    if member is None:
        member = Legislator(
            chamber=record.chamber.value,
            legislator_key=record.legislator_key,
            name=record.name,
            last_name=record.last_name,
        )
        db.add(member)
        outcome = UpsertOutcome.INSERT
    # A blank field on a list page does not erase what a profile page said.
    changed = [
        name
        for name in _FIELDS
        if getattr(record, name) and getattr(member, name) != getattr(record, name)
    ]
    for name in changed:
        setattr(member, name, getattr(record, name))
    if outcome is UpsertOutcome.UPDATE and not changed:
        return UpsertResult(UpsertOutcome.NOOP, member.id)
    member.updated_at = now
    db.flush()
    return UpsertResult(outcome, member.id, tuple(changed))


def upsert_committee_roster(
    db: Session, *, record: CommitteeRecord, legislature: int, now: datetime
) -> UpsertResult:
    """The committee and its seats as the page lists them now (seats replaced whole)."""
    committee_id = ensure_committee(
        db,
        legislature=legislature,
        chamber=record.chamber,
        source_id=record.source_id,
        name=record.name,
    )
    wanted: dict[int, str] = {}
    for seat in record.memberships:
        member = _find(db, record.chamber.value, seat.legislator_key)
        if member is None:  # seated but not on the members list yet: keep the seat anyway
            member = Legislator(
                chamber=record.chamber.value,
                legislator_key=seat.legislator_key,
                name=seat.name,
                last_name=seat.name.split()[-1] if seat.name else "",
                updated_at=now,
            )
            db.add(member)
            db.flush()
        assert member.id is not None
        wanted[member.id] = seat.role.value
    stored = {
        seat.legislator_id: seat.role
        for seat in db.exec(select(CommitteeSeat).where(CommitteeSeat.committee_id == committee_id))
    }
    if stored == wanted:
        return UpsertResult(UpsertOutcome.NOOP, committee_id)
    db.exec(delete(CommitteeSeat).where(col(CommitteeSeat.committee_id) == committee_id))
    for legislator_id, role in wanted.items():
        db.add(CommitteeSeat(committee_id=committee_id, legislator_id=legislator_id, role=role))
    db.flush()
    return UpsertResult(UpsertOutcome.UPDATE, committee_id, ("seats",))


def folded(name: str) -> str:
    """'Youakim, Cheryl' / 'Cheryl Youakim' / 'Cheryl Yóuakim' -> comparable words."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(sorted(ascii_name.replace(",", " ").replace(".", " ").split()))


def legislators_for_authors(db: Session, authors: Iterable[BillAuthor]) -> dict[int, Legislator]:
    """Author id -> legislator: by the legislator key where the data has it, else by name
    and chamber (accents, order and punctuation ignored)."""
    members = list(db.exec(select(Legislator)))
    by_key = {(m.chamber, m.legislator_key): m for m in members}
    by_name = {(m.chamber, folded(m.name)): m for m in members}
    by_last = {}
    for member in members:
        key = (member.chamber, folded(member.last_name))
        by_last[key] = None if key in by_last else member  # ambiguous last names match none
    found = {}
    for author in authors:
        match = (
            by_key.get((author.chamber, author.legislator_key or ""))
            or by_name.get((author.chamber, folded(author.name)))
            or by_last.get((author.chamber, folded(author.name)))
        )
        if match is not None and author.id is not None:
            found[author.id] = match
    return found


def committee_roster(db: Session, committee_id: int) -> list[tuple[Legislator, str]]:
    """A committee's legislators, each with their seat's role (chair, vice_chair, member...)."""
    rows = db.exec(
        select(Legislator, CommitteeSeat.role)
        .join(CommitteeSeat, col(CommitteeSeat.legislator_id) == col(Legislator.id))
        .where(CommitteeSeat.committee_id == committee_id)
        .order_by(col(Legislator.last_name))
    )
    return [(legislator, role) for legislator, role in rows]
