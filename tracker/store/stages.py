"""Stages re-derived when time alone changes them: a session that closed kills its bills,
and a bill in the governor's window is pocket vetoed once the window has passed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from tracker.models import (
    Bill,
    BillAction,
    LegislativeSession,
)
from tracker.rules.sessions import session_of_bill
from tracker.rules.stage import StagedAction
from tracker.store.bills import (
    FINAL_STAGES,
    store_stage,
)
from tracker.vocab import ActionKind, Chamber, Stage

SETTLED = (*FINAL_STAGES, Stage.POCKET_VETOED.value)  # time alone changes these no more


def refresh_stages(db: Session, *, today: date) -> int:
    """Re-derive the stage of unfinished bills whose session has closed; returns how many died
    (dead or pocket vetoed)."""
    sessions = {s.id: s for s in db.exec(select(LegislativeSession))}
    closing = {
        sid: s.adjourned_on
        or session_of_bill(s.legislature, s.special_session, s.year_start).closes_on
        for sid, s in sessions.items()
    }
    closed = [sid for sid, closes in closing.items() if closes and closes < today]
    if not closed:
        return 0
    bills = list(
        db.exec(
            select(Bill).where(col(Bill.session_id).in_(closed), col(Bill.stage).not_in(SETTLED))
        )
    )
    actions = _staged_actions(db, [b.id for b in bills if b.id is not None])
    for bill in bills:
        store_stage(
            bill, actions.get(bill.id or 0, []), closes_on=closing[bill.session_id], today=today
        )
    db.flush()
    return sum(1 for bill in bills if bill.stage in (Stage.DEAD.value, Stage.POCKET_VETOED.value))


def _staged_actions(db: Session, bill_ids: Iterable[int]) -> dict[int, list[StagedAction]]:
    staged: dict[int, list[StagedAction]] = {}
    ids = list(bill_ids)
    for start in range(0, len(ids), 500):
        rows = db.exec(
            select(BillAction).where(col(BillAction.bill_id).in_(ids[start : start + 500]))
        )
        for row in rows:
            staged.setdefault(row.bill_id, []).append(
                StagedAction(
                    Chamber(row.chamber),
                    row.sequence,
                    row.action_date,
                    tuple(ActionKind(k) for k in row.kinds),
                )
            )
    return staged
