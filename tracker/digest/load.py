"""Gather a week's `DigestInput` from the store: the only part of the digest that reads the
database. Everything after it is pure."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from itertools import pairwise

from sqlmodel import Session, col, select

from tracker.digest.inputs import (
    ActionFact,
    BillFact,
    DigestInput,
    HearingFact,
    LegislatorFact,
    PositionFact,
    PriorityFact,
    QuarterSummary,
    SeatFact,
    Window,
    digest_window,
)
from tracker.models import (
    Bill,
    BillAction,
    BillAuthor,
    BillPosition,
    BillTag,
    BillVersion,
    Committee,
    LegislativeSession,
    Legislator,
)
from tracker.present.changes import summary
from tracker.progress.load import load_progress
from tracker.progress.report import build_report
from tracker.rules.dates import CENTRAL
from tracker.rules.links import status_page_url
from tracker.rules.periods import quarter_of
from tracker.rules.sessions import session_of_bill
from tracker.store.bills import bill_key
from tracker.store.frameworks import current_catalog
from tracker.store.hearings import HearingView, hearings_between
from tracker.store.legislators import committee_roster
from tracker.store.tags import tracked_bill_ids
from tracker.store.versions import changes_between, versions_read
from tracker.tagging.catalog import Catalog
from tracker.vocab import ActionKind, BillType, Chamber, TagStatus

CHUNK = 500


def priorities_of(catalog: Catalog) -> dict[str, PriorityFact]:
    """Every code a member may follow, with the tag codes that count as it."""
    found = {a.code: PriorityFact(a.code, a.name, frozenset({a.code})) for a in catalog.areas}
    for framework in catalog.frameworks:
        keys = frozenset(item.key for item in framework.items)
        found[framework.id] = PriorityFact(framework.id, framework.name, keys)
        for item in framework.items:
            children = {
                f"{framework.id}/{i.code}" for i in framework.items if i.parent == item.code
            }
            found[item.key] = PriorityFact(item.key, item.label, frozenset({item.key, *children}))
    return found


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]


def _in_scope(db: Session) -> list[int]:
    """Tracked bills (relevant, confirmed or with a position) and their companions."""
    ids = tracked_bill_ids(db)
    companions = set()
    for chunk in _chunks(sorted(ids)):
        rows = db.exec(select(Bill.companion_id).where(col(Bill.id).in_(chunk)))
        companions |= {c for c in rows if c is not None}
    return sorted(ids | companions)


def _text_changes(
    db: Session, bills: list[Bill], review: Window
) -> dict[int, tuple[tuple[date, str], ...]]:
    """For each bill with a version posted in the review week: the day, and what it changed
    against the version before it, in one line."""
    start = datetime.combine(review.start, time(0), tzinfo=CENTRAL)
    end = datetime.combine(review.end, time(0), tzinfo=CENTRAL)
    ids = [bill.id for bill in bills if bill.id is not None]
    posted = db.exec(
        select(BillVersion.bill_id).where(
            col(BillVersion.bill_id).in_(ids),
            col(BillVersion.posted_at) >= start,
            col(BillVersion.posted_at) < end,
            col(BillVersion.text_read_at).is_not(None),
        )
    )
    by_id = {bill.id: bill for bill in bills}
    found: dict[int, tuple[tuple[date, str], ...]] = {}
    for bill_id in sorted(set(posted.all())):
        read = versions_read(db, bill_id)
        lines = []
        for before, after in pairwise(read):
            if after.posted_at is None or not start <= after.posted_at < end:
                continue
            changes = changes_between(db, by_id[bill_id], before=before, after=after)
            lines.append(
                (after.posted_at.astimezone(CENTRAL).date(), summary(changes, version=after.label))
            )
        found[bill_id] = tuple(lines)
    return found


def _bills(db: Session, ids: list[int], revisor_url: str, review: Window) -> dict[int, BillFact]:
    actions: defaultdict[int, list[ActionFact]] = defaultdict(list)
    authors: dict[tuple[int, str], str] = {}
    tags: defaultdict[int, set[str]] = defaultdict(set)
    positions: dict[int, PositionFact] = {}
    bills: list[Bill] = []
    for chunk in _chunks(ids):
        bills += db.exec(select(Bill).where(col(Bill.id).in_(chunk)))
        for a in db.exec(select(BillAction).where(col(BillAction.bill_id).in_(chunk))):
            kinds = tuple(ActionKind(k) for k in a.kinds)
            fact = ActionFact(
                Chamber(a.chamber), a.sequence, a.action_date, kinds, a.text, a.committee_name
            )
            actions[a.bill_id].append(fact)
        chiefs = select(BillAuthor).where(
            col(BillAuthor.bill_id).in_(chunk), BillAuthor.position == 0
        )
        for author in db.exec(chiefs):
            authors[(author.bill_id, author.chamber)] = author.name
        live_tags = select(BillTag.bill_id, BillTag.code).where(
            col(BillTag.bill_id).in_(chunk), BillTag.status != TagStatus.REJECTED.value
        )
        for bill_id, code in db.exec(live_tags):
            tags[bill_id].add(code)
        for p in db.exec(select(BillPosition).where(col(BillPosition.bill_id).in_(chunk))):
            positions[p.bill_id] = PositionFact(p.position, p.priority, p.talking_points, p.urgent)
    sessions = {s.id: s for s in db.exec(select(LegislativeSession))}
    changes = _text_changes(db, bills, review)
    facts = {}
    for bill in bills:
        assert bill.id is not None
        key = bill_key(bill)
        session = sessions[bill.session_id]
        closes = (
            session.adjourned_on
            or session_of_bill(
                session.legislature, session.special_session, session.year_start
            ).closes_on
        )
        facts[bill.id] = BillFact(
            id=bill.id,
            key=key,
            title=bill.short_description or bill.official_title,
            status_url=status_page_url(revisor_url, key, bill.year_introduced),
            chief_author=authors.get((bill.id, BillType(bill.bill_type).chamber.value), ""),
            companion_id=bill.companion_id,
            actions=tuple(actions[bill.id]),
            tags=frozenset(tags[bill.id]),
            position=positions.get(bill.id),
            closes_on=closes,
            text_changes=changes.get(bill.id, ()),
        )
    return facts


def _legislator(row: Legislator) -> LegislatorFact:
    return LegislatorFact(
        Chamber(row.chamber), row.legislator_key, row.name, row.district, row.email, row.url
    )


def _seats(db: Session, view: HearingView) -> tuple[SeatFact, ...]:
    hearing = view.hearing
    chambers = [hearing.chamber] if hearing.chamber in ("house", "senate") else ["house", "senate"]
    query = select(Committee).where(col(Committee.chamber).in_(chambers))
    if hearing.committee_source_id:
        query = query.where(Committee.source_id == hearing.committee_source_id)
    else:
        query = query.where(Committee.name == hearing.committee)
    committee = db.exec(query.order_by(col(Committee.legislature).desc())).first()
    if committee is None:
        return ()
    assert committee.id is not None
    seats = committee_roster(db, committee.id)
    return tuple(SeatFact(_legislator(member), role) for member, role in seats)


def _hearing(db: Session, view: HearingView) -> HearingFact:
    h = view.hearing
    assert h.id is not None
    bill_ids = tuple(dict.fromkeys(i.bill_id for i in view.agenda if i.bill_id is not None))
    return HearingFact(
        id=h.id,
        chamber=h.chamber,
        committee=h.committee,
        starts_at=h.starts_at,
        time_tba=h.time_tba,
        location=h.location,
        status=h.status,
        url=h.url,
        bill_ids=bill_ids,
        seats=_seats(db, view),
        changes=tuple(c.kind for c in view.changes),
        vanished=h.vanished_at is not None,
    )


def load_digest_input(
    db: Session, *, week_monday: date, revisor_url: str, association: str = ""
) -> DigestInput:
    """Everything the week's digests need, read in a few queries."""
    window = digest_window(week_monday)
    catalog = current_catalog(db)
    start = datetime.combine(window.ahead.start, time(0), tzinfo=CENTRAL)
    end = datetime.combine(window.ahead.end, time(0), tzinfo=CENTRAL)
    return DigestInput(
        window=window,
        bills=_bills(db, _in_scope(db), revisor_url, window.review),
        hearings=tuple(_hearing(db, view) for view in hearings_between(db, start, end)),
        legislators=tuple(_legislator(row) for row in db.exec(select(Legislator))),
        priorities=priorities_of(catalog),
        default_priorities=tuple(area.code for area in catalog.areas),
        association=association,
        quarter=_closed_quarter(db, catalog, window.review, association),
    )


def _closed_quarter(
    db: Session, catalog: Catalog, review: Window, association: str
) -> QuarterSummary | None:
    """The progress summary of a quarter whose last day falls in the review week."""
    quarter = quarter_of(review.start)
    if quarter.end not in review or not catalog.frameworks:
        return None
    framework = catalog.frameworks[0]
    report = build_report(load_progress(db, catalog, association=association), framework, quarter)
    link = f"/report?quarter={quarter.label}&framework={framework.id}"
    return QuarterSummary(quarter.label, report.headline, report.summary, link)
