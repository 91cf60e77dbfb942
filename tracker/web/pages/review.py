"""The review queue: tracked bills that are new or changed since someone last looked, most
urgent first, cleared in place: confirm or reject suggestions (all at once or one by one),
set a position, mark reviewed; every decision audited as on the bill page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from tracker.models import Bill
from tracker.store import positions, review
from tracker.store.tags import tags_of
from tracker.vocab import Position, Priority, TagStatus, TagTarget
from tracker.web.auth import CurrentCatalog, Db, Editor, Now, SignedIn
from tracker.web.pages.bills import DECISIONS, parse_tag_choice, tag_label
from tracker.web.templating import remember_review_count, render

router = APIRouter()
PAGE = 50  # bills shown at once: clearing them brings the next ones


@router.get("/review")
def review_page(
    request: Request, db: Db, user: SignedIn, now: Now, catalog: CurrentCatalog
) -> Response:
    entries, waiting = review.review_queue(db, now=now, limit=PAGE)
    remember_review_count(request, waiting)
    labels = {
        (tag.target, tag.code): tag_label(catalog, tag) for entry in entries for tag in entry.tags
    }
    context = {
        "nav": "review",
        "entries": entries,
        "waiting": waiting,
        "labels": labels,
        "positions": list(Position),
        "priorities": list(Priority),
    }
    return render(request, "web/review.html", context)


def _bill(db: Session, bill_id: int) -> Bill:
    bill = db.get(Bill, bill_id)
    if bill is None or bill.id is None:
        raise HTTPException(status_code=404, detail="That bill is not in the tracker.")
    return bill


def _back(bill_id: int) -> RedirectResponse:
    return RedirectResponse(f"/review#bill-{bill_id}", status_code=303)


@router.post("/review/{bill_id}/tags")
def decide_tags(
    bill_id: int,
    db: Db,
    now: Now,
    user: Editor,
    catalog: CurrentCatalog,
    decision: Annotated[str, Form()],
    tag: Annotated[str, Form()] = "",
) -> Response:
    """One suggestion (`tag`), or every suggestion of the bill at once (no `tag`)."""
    bill = _bill(db, bill_id)
    status = DECISIONS.get(decision)
    if status is None:
        raise HTTPException(status_code=400, detail=f"Unknown decision {decision!r}.")
    if tag:
        chosen = [parse_tag_choice(catalog, tag)]
    else:
        entry_tags = tags_of(db, [bill_id]).get(bill_id, [])
        chosen = [
            (TagTarget(t.target), t.code)
            for t in entry_tags
            if t.status == TagStatus.SUGGESTED.value
        ]
    for target, code in chosen:
        positions.decide_tag_audited(
            db, bill_id=bill_id, target=target, code=code, status=status, by=user.email, now=now
        )
    return _back(bill.id or bill_id)


@router.post("/review/{bill_id}/position")
def set_position(
    bill_id: int,
    db: Db,
    now: Now,
    user: Editor,
    position: Annotated[Position, Form()],
    priority: Annotated[Priority, Form()],
) -> Response:
    """The position and priority; notes, talking points and urgency stay as they were."""
    _bill(db, bill_id)
    current = positions.position_of(db, bill_id)
    positions.set_position(
        db,
        bill_id=bill_id,
        position=position,
        priority=priority,
        notes=current.notes if current else "",
        talking_points=current.talking_points if current else "",
        urgent=current.urgent if current else False,
        by=user.email,
        now=now,
    )
    return _back(bill_id)


@router.post("/review/{bill_id}/done")
def mark_reviewed(
    bill_id: int, db: Db, now: Now, user: Editor, next: Annotated[int | None, Form()] = None
) -> Response:
    """The bill leaves the queue until it changes; the page opens on the next one."""
    _bill(db, bill_id)
    review.mark_reviewed(db, bill_id=bill_id, by=user.email, now=now)
    return RedirectResponse(f"/review#bill-{next}" if next else "/review", status_code=303)
