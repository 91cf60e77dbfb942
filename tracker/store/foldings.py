"""Bills folded into others, in the store: the detector (`tracker.rules.folding`) run over the
bills the association took a position on, against every bill that passed a chamber or
more; its findings kept as suggestions, and what staff decided never touched by a re-run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from tracker.models import (
    AuditEvent,
    Bill,
    BillAction,
    BillFolding,
    BillPosition,
    BillStatute,
    BillVersion,
    SectionText,
    VersionSection,
)
from tracker.records.bill_text import SectionRecord, TextRun
from tracker.records.bills import StatuteRecord
from tracker.rules.bill_refs import find_bill_refs
from tracker.rules.folding import CARRIERS, BillLanguage, Finding, find_foldings
from tracker.store.bills import bill_key
from tracker.vocab import ActionKind, FindingStatus, Position, Stage, StatuteChange, TextMark

DETECTOR_VERSION = "folding-1"


@dataclass(frozen=True)
class FoldingRun:
    bills: int
    carriers: int
    suggested: int
    refreshed: int
    withdrawn: int
    decisions_kept: int


def positioned_bill_ids(db: Session) -> list[int]:
    rows = db.exec(
        select(BillPosition.bill_id).where(col(BillPosition.position) != Position.NONE.value)
    )
    return sorted(rows.all())


def carrier_bill_ids(db: Session) -> list[int]:
    stages = [stage.value for stage in CARRIERS]
    return sorted(i for i in db.exec(select(Bill.id).where(col(Bill.stage).in_(stages))) if i)


def detect_foldings(db: Session, *, now: datetime) -> FoldingRun:
    """Find where the positioned bills' language rides; keep what staff decided."""
    targets, carriers = positioned_bill_ids(db), carrier_bill_ids(db)
    languages = bill_languages(db, sorted(set(targets) | set(carriers)))
    findings = find_foldings(
        [languages[i] for i in targets if i in languages],
        [languages[i] for i in carriers if i in languages],
    )
    return _keep_findings(db, findings, targets, now=now)


def _keep_findings(
    db: Session, findings: Sequence[Finding], targets: Sequence[int], *, now: datetime
) -> FoldingRun:
    stored = {
        (row.bill_id, row.host_id): row
        for row in db.exec(select(BillFolding).where(col(BillFolding.bill_id).in_(targets)))
    }
    fresh = {(f.bill_id, f.host_id): f for f in findings}
    suggested = refreshed = withdrawn = kept = 0
    for key, finding in fresh.items():
        row = stored.get(key)
        if row is None:
            db.add(
                BillFolding(
                    bill_id=finding.bill_id,
                    host_id=finding.host_id,
                    confidence=finding.confidence,
                    evidence=list(finding.evidence),
                    detector_version=DETECTOR_VERSION,
                    found_at=now,
                )
            )
            suggested += 1
        elif row.status == FindingStatus.SUGGESTED.value and (
            row.confidence,
            tuple(row.evidence),
        ) != (finding.confidence, finding.evidence):
            row.confidence, row.evidence = finding.confidence, list(finding.evidence)
            row.detector_version, row.found_at = DETECTOR_VERSION, now
            refreshed += 1
    for key, row in stored.items():
        if row.status != FindingStatus.SUGGESTED.value:
            kept += 1
        elif key not in fresh:
            db.delete(row)
            withdrawn += 1
    db.flush()
    carriers = len({f.host_id for f in findings})
    return FoldingRun(len(targets), carriers, suggested, refreshed, withdrawn, kept)


def decide_folding(
    db: Session, *, bill_id: int, host_id: int, status: FindingStatus, by: str, now: datetime
) -> BillFolding:
    """Staff confirm or reject that a bill rides in another (or say so themselves); audited."""
    if status is FindingStatus.SUGGESTED:
        raise ValueError("a person confirms or rejects; 'suggested' is the detector's")
    row = db.exec(
        select(BillFolding).where(BillFolding.bill_id == bill_id, BillFolding.host_id == host_id)
    ).first()
    before = None if row is None else {"status": row.status}
    if row is None:
        row = BillFolding(bill_id=bill_id, host_id=host_id, confidence=1.0, found_at=now)
        db.add(row)
    row.status, row.decided_by, row.decided_at = status.value, by, now
    host = db.get(Bill, host_id)
    subject = f"folded into {bill_key(host)}" if host else f"folded into bill {host_id}"
    db.add(
        AuditEvent(
            who=by,
            at=now,
            bill_id=bill_id,
            subject=subject,
            before=before,
            after={"status": status.value},
        )
    )
    db.flush()
    return row


def foldings_of(db: Session, bill_ids: Iterable[int]) -> dict[int, list[BillFolding]]:
    found: defaultdict[int, list[BillFolding]] = defaultdict(list)
    query = select(BillFolding).where(col(BillFolding.bill_id).in_(list(bill_ids)))
    for row in db.exec(query.order_by(col(BillFolding.confidence).desc())):
        found[row.bill_id].append(row)
    return dict(found)


# -- what the detector reads ----------------------------------------------------------------


def bill_languages(db: Session, bill_ids: Sequence[int]) -> dict[int, BillLanguage]:
    """Each bill's latest stored version's sections, its title's statutes and its status."""
    bills = {b.id: b for b in db.exec(select(Bill).where(col(Bill.id).in_(bill_ids))) if b.id}
    sections = _latest_sections(db, list(bills))
    statutes: defaultdict[int, list[StatuteRecord]] = defaultdict(list)
    for row in db.exec(select(BillStatute).where(col(BillStatute.bill_id).in_(list(bills)))):
        statutes[row.bill_id].append(
            StatuteRecord(row.section, StatuteChange(row.change), row.subdivision)
        )
    references = _cross_references(db, bills)
    return {
        bill_id: BillLanguage(
            bill_id=bill_id,
            citation=bill_key(bill).citation,
            stage=Stage(bill.stage),
            sections=sections.get(bill_id, ()),
            chapter=bill.chapter,
            companion_id=bill.companion_id,
            cross_references=frozenset(references.get(bill_id, ())),
            statutes=tuple(statutes.get(bill_id, ())),
        )
        for bill_id, bill in bills.items()
    }


def _latest_sections(db: Session, bill_ids: list[int]) -> dict[int, tuple[SectionRecord, ...]]:
    versions = db.exec(
        select(BillVersion).where(
            col(BillVersion.bill_id).in_(bill_ids), col(BillVersion.text_read_at).is_not(None)
        )
    )
    latest: dict[int, BillVersion] = {}
    for version in versions:
        known = latest.get(version.bill_id)
        if known is None or _order(version) > _order(known):
            latest[version.bill_id] = version
    by_version = {v.id: bill_id for bill_id, v in latest.items() if v.id is not None}
    rows = db.exec(
        select(VersionSection, SectionText)
        .join(SectionText, col(SectionText.digest) == col(VersionSection.text_digest))
        .where(col(VersionSection.version_id).in_(list(by_version)))
        .order_by(col(VersionSection.version_id), col(VersionSection.position))
    )
    found: defaultdict[int, list[SectionRecord]] = defaultdict(list)
    for row, text in rows:
        found[by_version[row.version_id]].append(
            SectionRecord(
                number=row.number,
                heading=row.heading,
                runs=tuple(TextRun(TextMark(mark), words) for mark, words in text.runs),
                article=row.article,
                article_heading=row.article_heading,
                statutes=tuple(
                    StatuteRecord(section, StatuteChange(change), subdivision, year)
                    for section, subdivision, change, year in row.statutes
                ),
            )
        )
    return {bill_id: tuple(sections) for bill_id, sections in found.items()}


def _order(version: BillVersion) -> tuple[bool, str, int]:
    posted = version.posted_at.isoformat() if version.posted_at else ""
    return (version.posted_at is not None, posted, version.id or 0)


def _cross_references(db: Session, bills: dict[int, Bill]) -> dict[int, set[int]]:
    """Bills named by each bill's "See also" actions, in its legislature."""
    text = func.lower(col(BillAction.text))
    actions = db.exec(
        select(BillAction).where(
            col(BillAction.bill_id).in_(list(bills)),
            or_(text.like("see%"), text.like("%companion%")),
        )
    )
    found: defaultdict[int, set[int]] = defaultdict(set)
    for action in actions:
        if ActionKind.CROSS_REFERENCE.value not in action.kinds:
            continue
        bill = bills[action.bill_id]
        words = f"{action.text} {action.description}"
        special = 1 if "special session" in words.lower() else bill.special_session
        for bill_type, number in find_bill_refs(words):
            other = db.exec(
                select(Bill.id).where(
                    Bill.legislature == bill.legislature,
                    Bill.special_session == special,
                    Bill.bill_type == bill_type.value,
                    Bill.number == number,
                )
            ).first()
            if other and other != action.bill_id:
                found[action.bill_id].add(other)
    return dict(found)
