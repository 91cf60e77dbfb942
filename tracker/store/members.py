"""Association members: the people at member districts who receive the weekly update (not
legislators on a committee: see `tracker.store.legislators`). Add, remove, list, import a
spreadsheet, unsubscribe.

`import_members_csv` checks every row before writing any: one bad row and nothing is
imported, and every bad row comes back with its line number and what is wrong with it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from tracker.models import Delivery, MailEvent, Member
from tracker.rules.addresses import InvalidAddress, validate_address
from tracker.rules.unsubscribe import new_salt, token_matches, token_member_id
from tracker.store.frameworks import current_catalog
from tracker.tagging.catalog import Catalog
from tracker.vocab import Cadence, MemberState

CSV_COLUMNS = (
    "email",
    "name",
    "organization",
    "role",
    "follows",
    "districts",
    "cadence",
    "quarterly",  # optional: yes for the quarter's progress summary in the weekly update
)
YES, NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}
REQUIRED_COLUMNS = ("email", "name", "organization")
HOUSE_DISTRICT = re.compile(r"^(\d{1,2})([AB])$")
_LIST_SEPARATORS = re.compile(r"[;,\s]+")


class MemberError(ValueError):
    """A member that cannot be stored as given; the message says why."""


@dataclass(frozen=True)
class MemberFields:
    """One member as a person typed it, checked and normalized."""

    email: str
    name: str
    organization: str
    role: str = "other"
    follows: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    cadence: Cadence = Cadence.WEEKLY
    quarterly_summary: bool = False


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


@dataclass(frozen=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# -- pure checks ---------------------------------------------------------------------------


def catalog_codes(catalog: Catalog) -> frozenset[str]:
    """What a member may follow: issue areas, framework items ('fw/code') and frameworks."""
    areas = {area.code for area in catalog.areas}
    items = {item.key for item in catalog.items}
    return frozenset(areas | items | {framework.id for framework in catalog.frameworks})


def split_list(text: str) -> tuple[str, ...]:
    """'a; b, c' -> ('a', 'b', 'c'): spreadsheets separate values every which way."""
    return tuple(part for part in _LIST_SEPARATORS.split(text.strip()) if part)


def check_member(
    *,
    email: str,
    name: str,
    organization: str,
    role: str = "",
    follows: Sequence[str] = (),
    districts: Sequence[str] = (),
    cadence: str = "",
    quarterly: str = "",
    known_codes: frozenset[str],
) -> MemberFields:
    """The member normalized, or MemberError listing everything wrong with it."""
    reasons = []
    for label, value in (("email", email), ("name", name), ("organization", organization)):
        if not value.strip():
            reasons.append(f"{label} is missing")
    normalized = ""
    if email.strip():
        try:
            normalized = validate_address(email.strip())
        except InvalidAddress as error:
            reasons.append(str(error))
    unknown = [code for code in follows if code not in known_codes]
    if unknown:
        reasons.append(f"unknown priority code(s): {', '.join(unknown)}")
    bad_districts = [d for d in districts if not HOUSE_DISTRICT.match(d.upper())]
    if bad_districts:
        reasons.append(
            f"not a House district: {', '.join(bad_districts)} (write it like 49A or 12B)"
        )
    cadences = {c.value for c in Cadence}
    if cadence.strip() and cadence.strip() not in cadences:
        reasons.append(f"cadence {cadence!r} is not one of {', '.join(sorted(cadences))}")
    if quarterly.strip().lower() not in YES | NO:
        reasons.append(f"quarterly {quarterly!r} is not yes or no")
    if reasons:
        raise MemberError("; ".join(reasons))
    return MemberFields(
        email=normalized,
        name=name.strip(),
        organization=organization.strip(),
        role=role.strip() or "other",
        follows=tuple(dict.fromkeys(follows)),
        districts=tuple(dict.fromkeys(d.upper() for d in districts)),
        cadence=Cadence(cadence.strip() or Cadence.WEEKLY.value),
        quarterly_summary=quarterly.strip().lower() in YES,
    )


def check_rows(
    rows: Iterable[tuple[int, Mapping[str, str | None]]], *, known_codes: frozenset[str]
) -> tuple[list[MemberFields], list[RowProblem]]:
    """Every row checked, duplicates within the file included; (good rows, problems)."""
    good: list[MemberFields] = []
    problems: list[RowProblem] = []
    first_seen: dict[str, int] = {}
    for line, row in rows:
        values = {name: (row.get(name) or "") for name in CSV_COLUMNS}
        try:
            fields = check_member(
                email=values["email"],
                name=values["name"],
                organization=values["organization"],
                role=values["role"],
                follows=split_list(values["follows"]),
                districts=split_list(values["districts"]),
                cadence=values["cadence"],
                quarterly=values["quarterly"],
                known_codes=known_codes,
            )
        except MemberError as error:
            problems.append(RowProblem(line, str(error)))
            continue
        key = fields.email.lower()
        if key in first_seen:
            problems.append(
                RowProblem(line, f"{fields.email} is already on line {first_seen[key]}")
            )
            continue
        first_seen[key] = line
        good.append(fields)
    return good, problems


# -- reads and writes ----------------------------------------------------------------------


def find_member(db: Session, email: str) -> Member | None:
    try:
        normalized = validate_address(email.strip())
    except InvalidAddress:
        return None
    return db.exec(select(Member).where(func.lower(Member.email) == normalized.lower())).first()


def list_members(db: Session, *, state: MemberState | None = None) -> list[Member]:
    query = select(Member).order_by(col(Member.organization), col(Member.name))
    if state is not None:
        query = query.where(Member.state == state.value)
    return list(db.exec(query))


def _store(db: Session, fields: MemberFields, *, now: datetime) -> str:
    """Insert or update one checked member; returns 'added', 'updated' or 'unchanged'."""
    member = find_member(db, fields.email)
    values: dict[str, Any] = {
        "name": fields.name,
        "organization": fields.organization,
        "role": fields.role,
        "follows": list(fields.follows),
        "districts": list(fields.districts),
        "cadence": fields.cadence.value,
        "quarterly_summary": fields.quarterly_summary,
    }
    if member is None:
        db.add(Member(email=fields.email, token_salt=new_salt(), created_at=now, **values))
        db.flush()
        return "added"
    changed = {k: v for k, v in values.items() if getattr(member, k) != v}
    if not changed:
        return "unchanged"
    for name, value in changed.items():
        setattr(member, name, value)
    member.updated_at = now
    db.flush()
    return "updated"


def add_member(
    db: Session,
    *,
    email: str,
    name: str,
    organization: str,
    role: str = "",
    follows: Sequence[str] = (),
    districts: Sequence[str] = (),
    cadence: str = "",
    quarterly_summary: bool = False,
    now: datetime,
) -> Member:
    """Add a member (or update the one with this email); MemberError says what is wrong."""
    fields = check_member(
        email=email,
        name=name,
        organization=organization,
        role=role,
        follows=follows,
        districts=districts,
        cadence=cadence,
        quarterly="yes" if quarterly_summary else "no",
        known_codes=catalog_codes(current_catalog(db)),
    )
    _store(db, fields, now=now)
    member = find_member(db, fields.email)
    assert member is not None
    return member


def remove_member(db: Session, *, email: str) -> bool:
    """Delete a member, their delivery records and what SendGrid reported about them; False
    if there was no such member."""
    member = find_member(db, email)
    if member is None:
        return False
    db.exec(delete(MailEvent).where(col(MailEvent.member_id) == member.id))
    db.exec(delete(Delivery).where(col(Delivery.member_id) == member.id))
    db.delete(member)
    db.flush()
    return True


def import_members_csv(db: Session, lines: Iterable[str], *, now: datetime) -> ImportReport:
    """Import members from CSV text (a header row naming CSV_COLUMNS, then one member a row).

    Every row is checked first; if any is bad, nothing is imported and every bad row is
    reported with its line number. Members already stored (by email) are updated.
    """
    reader = csv.DictReader(lines)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        return ImportReport(problems=[RowProblem(1, f"missing column(s): {', '.join(missing)}")])
    reader.fieldnames = header
    numbered = []
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # blank line
        numbered.append((reader.line_num, row))
    good, problems = check_rows(numbered, known_codes=catalog_codes(current_catalog(db)))
    if problems:
        return ImportReport(problems=problems)
    outcomes = [_store(db, fields, now=now) for fields in good]
    return ImportReport(
        added=outcomes.count("added"),
        updated=outcomes.count("updated"),
        unchanged=outcomes.count("unchanged"),
    )


def member_for_token(db: Session, *, token: str, secret: str) -> Member | None:
    """The member a valid unsubscribe token names; None for a forged or stale token."""
    member_id = token_member_id(token)
    member = db.get(Member, member_id) if member_id is not None else None
    if member is None or member.id is None:
        return None
    if not token_matches(token, member_id=member.id, salt=member.token_salt, secret=secret):
        return None
    return member


def unsubscribe_by_token(db: Session, *, token: str, secret: str, now: datetime) -> Member | None:
    """Unsubscribe the member a valid token names; None for a forged or stale token."""
    member = member_for_token(db, token=token, secret=secret)
    if member is None:
        return None
    if member.state != MemberState.UNSUBSCRIBED.value:
        member.state, member.unsubscribed_at = MemberState.UNSUBSCRIBED.value, now
        db.flush()
    return member
