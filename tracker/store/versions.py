"""Every version's text, kept section by section (`tracker.models.versions`): written when the
crawl reads a version, read back as `SectionRecord`s to say what changed between versions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, delete, select

from tracker.models import Bill, BillVersion, LegislativeSession, SectionText, VersionSection
from tracker.records.bill_text import SectionRecord, TextRun
from tracker.records.bills import StatuteRecord, TextUnreadRecord
from tracker.rules.money import fiscal_biennium
from tracker.rules.versions import VersionChanges, compare
from tracker.store.bills import UpsertResult, find_bill
from tracker.vocab import BillType, StatuteChange, TextMark, UpsertOutcome

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def runs_digest(runs: Sequence[TextRun]) -> str:
    payload = json.dumps([[run.mark.value, run.text] for run in runs], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def record_version_sections(
    db: Session, *, version: BillVersion, sections: Sequence[SectionRecord], now: datetime
) -> bool:
    """Keep a version's sections (replacing any read before); True if they differ."""
    assert version.id is not None
    stored = version_sections(db, version.id)
    if version.text_read_at is not None and stored == tuple(sections):
        return False
    db.exec(delete(VersionSection).where(col(VersionSection.version_id) == version.id))
    for position, section in enumerate(sections, start=1):
        digest = runs_digest(section.runs)
        if db.get(SectionText, digest) is None:
            runs = [[run.mark.value, run.text] for run in section.runs]
            db.add(SectionText(digest=digest, runs=runs))
        db.add(
            VersionSection(
                version_id=version.id,
                position=position,
                article=section.article,
                article_heading=section.article_heading,
                number=section.number,
                heading=section.heading,
                statutes=[
                    [s.section, s.subdivision, s.change.value, s.statutes_year]
                    for s in section.statutes
                ],
                text_digest=digest,
            )
        )
    version.text_read_at = now
    db.flush()
    return True


def version_sections(db: Session, version_id: int) -> tuple[SectionRecord, ...]:
    rows = db.exec(
        select(VersionSection, SectionText)
        .join(SectionText, col(SectionText.digest) == col(VersionSection.text_digest))
        .where(VersionSection.version_id == version_id)
        .order_by(col(VersionSection.position))
    )
    return tuple(
        SectionRecord(
            number=row.number,
            heading=row.heading,
            runs=tuple(TextRun(TextMark(mark), text) for mark, text in text_row.runs),
            article=row.article,
            article_heading=row.article_heading,
            statutes=tuple(
                StatuteRecord(section, StatuteChange(change), subdivision, year)
                for section, subdivision, change, year in row.statutes
            ),
        )
        for row, text_row in rows
    )


def version_named(db: Session, bill: Bill, name: str) -> BillVersion | None:
    return db.exec(
        select(BillVersion).where(BillVersion.bill_id == bill.id, BillVersion.name == name)
    ).first()


def versions_read(db: Session, bill_id: int) -> list[BillVersion]:
    """The bill's versions whose text is stored, oldest first."""
    return [v for v in versions_in_order(db, bill_id) if v.text_read_at is not None]


def versions_in_order(db: Session, bill_id: int) -> list[BillVersion]:
    """Every listed version, oldest first: by posting time, undated first, then as listed
    (the order `tracker.records.bills.latest_version` ranks them in)."""
    rows = db.exec(select(BillVersion).where(BillVersion.bill_id == bill_id))
    return sorted(rows, key=lambda v: (v.posted_at is not None, v.posted_at or _EPOCH, v.id or 0))


def is_latest(db: Session, bill: Bill, version_name: str) -> bool:
    """Whether a version is the bill's newest; one its status does not list counts as newest
    (the crawl asks for the text of a listed version, so that is a status not yet stored)."""
    assert bill.id is not None
    names = [version.name for version in versions_in_order(db, bill.id)]
    return version_name not in names or names[-1] == version_name


TEXT_RETRY_WAIT = timedelta(days=7)  # a version whose page failed is asked again after this


@dataclass(frozen=True)
class VersionToRead:
    bill_type: BillType
    number: int
    name: str
    html_url: str


@dataclass(frozen=True)
class VersionTexts:
    """What a bill crawl needs to read each version once: per bill slug, the versions whose
    text is stored, and those whose page failed within TEXT_RETRY_WAIT (waiting); and the
    listed versions with neither, oldest first (the backlog)."""

    read: dict[str, frozenset[str]]
    backlog: tuple[VersionToRead, ...]
    waiting: dict[str, frozenset[str]] = field(default_factory=dict)


def version_texts(
    db: Session, *, legislature: int, special_session: int, now: datetime
) -> VersionTexts:
    rows = db.exec(
        select(Bill.bill_type, Bill.number, BillVersion)
        .join(BillVersion, col(BillVersion.bill_id) == col(Bill.id))
        .where(Bill.legislature == legislature, Bill.special_session == special_session)
    )
    read: dict[str, set[str]] = {}
    waiting: dict[str, set[str]] = {}
    backlog: list[tuple[datetime, int, VersionToRead]] = []
    for bill_type, number, version in rows:
        slug = f"{legislature}-{special_session}-{bill_type}-{number}"
        if version.text_read_at is not None:
            read.setdefault(slug, set()).add(version.name)
        elif version.text_failed_at and now - version.text_failed_at < TEXT_RETRY_WAIT:
            waiting.setdefault(slug, set()).add(version.name)
        elif version.html_url:
            wanted = VersionToRead(BillType(bill_type), number, version.name, version.html_url)
            backlog.append((version.posted_at or _EPOCH, version.id or 0, wanted))
    backlog.sort(key=lambda entry: entry[:2])
    return VersionTexts(
        {slug: frozenset(names) for slug, names in read.items()},
        tuple(wanted for *_, wanted in backlog),
        {slug: frozenset(names) for slug, names in waiting.items()},
    )


def note_text_unread(db: Session, *, record: TextUnreadRecord, now: datetime) -> UpsertResult:
    """Remember that a version's page could not be read, so that it waits before the next try."""
    bill = find_bill(db, record.key)
    version = None if bill is None else version_named(db, bill, record.version_name)
    if version is None:
        return UpsertResult(UpsertOutcome.NOOP, None, reason=f"{record.key} lists no such version")
    version.text_failed_at = now
    db.add(version)
    db.flush()
    return UpsertResult(UpsertOutcome.UPDATE, version.bill_id, ("text unread",))


def changes_between(
    db: Session, bill: Bill, *, before: BillVersion, after: BillVersion
) -> VersionChanges:
    """What changed from one stored version of a bill to another."""
    assert before.id is not None and after.id is not None
    session = db.get(LegislativeSession, bill.session_id)
    year_start = session.year_start if session else bill.year_introduced
    return compare(
        version_sections(db, before.id),
        version_sections(db, after.id),
        biennium=fiscal_biennium(year_start),
    )
