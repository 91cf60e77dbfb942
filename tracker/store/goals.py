"""One-year goals per framework item, with the bills that serve them. Staff write them; the
progress report reckons their status from those bills' outcomes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, delete, select

from tracker.models import GoalBill, PlanGoal


class GoalError(ValueError):
    """A goal that cannot be stored as given; the message says why."""


def add_goal(
    db: Session,
    *,
    item_key: str,
    year: int,
    text: str,
    measure: str = "",
    target: str = "",
    owner: str = "",
    note: str = "",
    bill_ids: Iterable[int] = (),
    known_items: Iterable[str],
    by: str,
    now: datetime,
) -> PlanGoal:
    if item_key not in set(known_items):
        raise GoalError(f"no framework item {item_key!r} (write it as 'amsd-2021/sd-1')")
    if not text.strip():
        raise GoalError("a goal needs its text")
    goal = PlanGoal(
        item_key=item_key,
        year=year,
        text=text.strip(),
        measure=measure.strip(),
        target=target.strip(),
        owner=owner.strip(),
        note=note.strip(),
        created_at=now,
        updated_at=now,
        updated_by=by,
    )
    db.add(goal)
    db.flush()
    assert goal.id is not None
    link_bills(db, goal_id=goal.id, bill_ids=bill_ids)
    return goal


def link_bills(db: Session, *, goal_id: int, bill_ids: Iterable[int]) -> None:
    """The goal's bills become exactly these."""
    db.exec(delete(GoalBill).where(col(GoalBill.goal_id) == goal_id))
    for bill_id in sorted(set(bill_ids)):
        db.add(GoalBill(goal_id=goal_id, bill_id=bill_id))
    db.flush()


def note_goal(db: Session, *, goal_id: int, note: str, by: str, now: datetime) -> PlanGoal:
    goal = db.get(PlanGoal, goal_id)
    if goal is None:
        raise GoalError(f"no goal {goal_id}")
    goal.note, goal.updated_by, goal.updated_at = note.strip(), by, now
    db.flush()
    return goal


def remove_goal(db: Session, *, goal_id: int) -> bool:
    goal = db.get(PlanGoal, goal_id)
    if goal is None:
        return False
    db.exec(delete(GoalBill).where(col(GoalBill.goal_id) == goal_id))
    db.delete(goal)
    db.flush()
    return True


def list_goals(db: Session) -> list[PlanGoal]:
    return list(db.exec(select(PlanGoal).order_by(col(PlanGoal.item_key), col(PlanGoal.id))))
