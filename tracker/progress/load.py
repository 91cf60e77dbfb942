"""Gather the facts progress is measured from, out of the store: every bill tagged or with a
position, the bills they are folded into and their companions; positions with the days
they were set, hearings, goals. The rest of `tracker.progress` is pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from tracker.models import (
    AuditEvent,
    Bill,
    BillAction,
    BillFolding,
    BillPosition,
    BillTag,
    GoalBill,
    Hearing,
    HearingAgendaItem,
    LegislativeSession,
    PlanGoal,
)
from tracker.progress.facts import BillProgress, FoldedInto, Goal, ProgressFacts
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import session_of_bill
from tracker.rules.stage import StagedAction
from tracker.store.bills import bill_key
from tracker.tagging.catalog import Catalog
from tracker.vocab import (
    ActionKind,
    BillType,
    Chamber,
    FindingStatus,
    Position,
    Priority,
    TagStatus,
)

CHUNK = 500


def load_progress(db: Session, catalog: Catalog, *, association: str = "") -> ProgressFacts:
    tagged = db.exec(
        select(BillTag.bill_id).where(col(BillTag.status) != TagStatus.REJECTED.value).distinct()
    )
    positioned = db.exec(
        select(BillPosition.bill_id).where(col(BillPosition.position) != Position.NONE.value)
    )
    wanted = set(tagged.all()) | set(positioned.all())
    hosts = db.exec(select(BillFolding.host_id).where(col(BillFolding.bill_id).in_(wanted)))
    wanted |= set(hosts.all())
    companions = db.exec(select(Bill.companion_id).where(col(Bill.id).in_(wanted)))
    wanted |= {i for i in companions.all() if i}
    bills: dict[int, BillProgress] = {}
    ids = sorted(wanted)
    for start in range(0, len(ids), CHUNK):
        bills.update(_bills(db, ids[start : start + CHUNK]))
    labels = {area.code: area.name for area in catalog.areas}
    labels.update({item.key: item.label for item in catalog.items})
    return ProgressFacts(
        bills=bills, goals=tuple(goals(db)), association=association, labels=labels
    )


def goals(db: Session) -> list[Goal]:
    links: defaultdict[int, list[int]] = defaultdict(list)
    for link in db.exec(select(GoalBill)):
        links[link.goal_id].append(link.bill_id)
    return [
        Goal(
            id=row.id,
            item_key=row.item_key,
            year=row.year,
            text=row.text,
            measure=row.measure,
            target=row.target,
            owner=row.owner,
            note=row.note,
            bill_ids=tuple(sorted(links.get(row.id, []))),
        )
        for row in db.exec(select(PlanGoal).order_by(col(PlanGoal.item_key), col(PlanGoal.id)))
        if row.id is not None
    ]


def _bills(db: Session, ids: list[int]) -> dict[int, BillProgress]:
    rows = list(db.exec(select(Bill).where(col(Bill.id).in_(ids))))
    actions: defaultdict[int, list[StagedAction]] = defaultdict(list)
    for action in db.exec(select(BillAction).where(col(BillAction.bill_id).in_(ids))):
        kinds = tuple(ActionKind(kind) for kind in action.kinds)
        staged = StagedAction(Chamber(action.chamber), action.sequence, action.action_date, kinds)
        actions[action.bill_id].append(staged)
    tags: defaultdict[int, set[str]] = defaultdict(set)
    live = select(BillTag.bill_id, BillTag.code).where(
        col(BillTag.bill_id).in_(ids), col(BillTag.status) != TagStatus.REJECTED.value
    )
    for bill_id, code in db.exec(live):
        tags[bill_id].add(code)
    positions = {
        p.bill_id: p
        for p in db.exec(select(BillPosition).where(col(BillPosition.bill_id).in_(ids)))
    }
    position_days: defaultdict[int, list[date]] = defaultdict(list)
    events = select(AuditEvent).where(
        col(AuditEvent.bill_id).in_(ids), AuditEvent.subject == "position"
    )
    for event in db.exec(events):
        after = event.after or {}
        if event.bill_id and after.get("position", Position.NONE.value) != Position.NONE.value:
            position_days[event.bill_id].append(event.at.astimezone(CENTRAL).date())
    hearings = _hearings(db, ids)
    foldings: defaultdict[int, list[FoldedInto]] = defaultdict(list)
    for row in db.exec(select(BillFolding).where(col(BillFolding.bill_id).in_(ids))):
        foldings[row.bill_id].append(
            FoldedInto(row.host_id, row.confidence, FindingStatus(row.status), tuple(row.evidence))
        )
    closes = _closing_days(db)
    out = {}
    for bill in rows:
        assert bill.id is not None
        key = bill_key(bill)
        position = positions.get(bill.id)
        out[bill.id] = BillProgress(
            id=bill.id,
            citation=key.citation + (f" ({bill.special_session}s)" if bill.special_session else ""),
            title=bill.short_description or bill.official_title,
            url=f"/bills/{key.slug}",
            bill_type=BillType(bill.bill_type),
            closes_on=closes.get(bill.session_id),
            actions=tuple(actions[bill.id]),
            tags=frozenset(tags[bill.id]),
            position=Position(position.position) if position else Position.NONE,
            priority=Priority(position.priority) if position else Priority.NONE,
            position_days=tuple(sorted(position_days[bill.id])),
            hearings=tuple(sorted(hearings[bill.id])),
            companion_id=bill.companion_id,
            folded_into=tuple(foldings[bill.id]),
        )
    return out


def _hearings(db: Session, ids: Iterable[int]) -> defaultdict[int, set[tuple[int, date]]]:
    found: defaultdict[int, set[tuple[int, date]]] = defaultdict(set)
    rows = db.exec(
        select(HearingAgendaItem.bill_id, Hearing.id, Hearing.starts_at)
        .join(Hearing, col(Hearing.id) == col(HearingAgendaItem.hearing_id))
        .where(col(HearingAgendaItem.bill_id).in_(list(ids)))
    )
    for bill_id, hearing_id, starts_at in rows:
        if bill_id is not None and hearing_id is not None:
            found[bill_id].add((hearing_id, starts_at.astimezone(CENTRAL).date()))
    return found


def _closing_days(db: Session) -> dict[int | None, date | None]:
    return {
        s.id: s.adjourned_on
        or session_of_bill(s.legislature, s.special_session, s.year_start).closes_on
        for s in db.exec(select(LegislativeSession))
    }
