"""The bill list, the bill page, and the changes made there: tag decisions and positions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from tracker import store
from tracker.models import BillTag
from tracker.present.text import governor_window
from tracker.records.bills import BillKey
from tracker.rules.links import status_page_url
from tracker.store import positions
from tracker.store.reads import BillDetail
from tracker.tagging.catalog import Catalog
from tracker.vocab import BillType, Position, Priority, Stage, TagStatus, TagTarget
from tracker.web.auth import CurrentCatalog, Db, Editor, Now, SignedIn
from tracker.web.bill_query import parse_filters
from tracker.web.queries import bill_page, sessions
from tracker.web.templating import render

router = APIRouter()
DECISIONS = {"confirm": TagStatus.CONFIRMED, "reject": TagStatus.REJECTED}


def filter_choices(db: Session, catalog: Catalog) -> dict[str, Any]:
    """What the filter form offers: sessions, stages, areas, framework items..."""
    return {
        "sessions": sessions(db),
        "stages": list(Stage),
        "areas": catalog.areas,
        "frameworks": catalog.frameworks,
        "positions": list(Position),
        "priorities": list(Priority),
    }


@router.get("/bills")
def bills(request: Request, db: Db, user: SignedIn, catalog: CurrentCatalog) -> Response:
    filters = parse_filters(request.query_params)
    page = bill_page(db, filters)
    context = {"nav": "bills", "filters": filters, "page": page, **filter_choices(db, catalog)}
    if request.headers.get("HX-Target") == "bill-results":
        return render(request, "web/_bill_results.html", context)
    return render(request, "web/bills.html", context)


def parse_slug(slug: str) -> BillKey:
    try:
        legislature, special, bill_type, number = slug.split("-")
        return BillKey(int(legislature), int(special), BillType(bill_type), int(number))
    except ValueError:
        raise HTTPException(status_code=404, detail=f"No bill {slug!r}.") from None


def load_detail(db: Session, slug: str) -> BillDetail:
    detail = store.bill_detail(db, parse_slug(slug))
    if detail is None or detail.bill.id is None:
        raise HTTPException(status_code=404, detail="That bill is not in the tracker yet.")
    return detail


def tag_label(catalog: Catalog, tag: BillTag) -> str:
    try:
        if tag.target == TagTarget.AREA.value:
            return catalog.area(tag.code).name
        item = catalog.item(tag.code)
    except KeyError:
        return tag.code
    return f"{item.framework} {item.code}: {item.label}"


def bill_context(db: Session, catalog: Catalog, detail: BillDetail) -> dict[str, Any]:
    bill_id = detail.bill.id
    assert bill_id is not None
    revisor = store.bill_key(detail.bill)
    return {
        "detail": detail,
        "bill": detail.bill,
        "tags": [(tag, tag_label(catalog, tag)) for tag in detail.tags],
        "position": positions.position_of(db, bill_id),
        "audit": positions.audit_for_bill(db, bill_id),
        "hearings": store.hearings_for_bill(db, bill_id),
        "areas": catalog.areas,
        "frameworks": catalog.frameworks,
        "positions": list(Position),
        "priorities": list(Priority),
        "slug": revisor.slug,
        "governor_deadline": governor_window(detail),
    }


@router.get("/bills/{slug}")
def bill(request: Request, slug: str, db: Db, user: SignedIn, catalog: CurrentCatalog) -> Response:
    detail = load_detail(db, slug)
    context = bill_context(db, catalog, detail)
    revisor_url = request.app.state.settings.revisor_url
    context["status_url"] = status_page_url(
        revisor_url, store.bill_key(detail.bill), detail.bill.year_introduced
    )
    return render(request, "web/bill.html", {"nav": "bills", **context})


def parse_tag_choice(catalog: Catalog, choice: str) -> tuple[TagTarget, str]:
    """'area:special-education' or 'item:amsd-2021/sd-1', checked against the catalog."""
    target_text, _, code = choice.partition(":")
    try:
        target = TagTarget(target_text)
        if target is TagTarget.AREA:
            catalog.area(code)
        else:
            catalog.item(code)
    except (ValueError, KeyError):
        raise HTTPException(status_code=400, detail=f"No such tag: {choice!r}.") from None
    return target, code


@router.post("/bills/{slug}/tags")
def decide_tag(
    request: Request,
    slug: str,
    db: Db,
    now: Now,
    user: Editor,
    catalog: CurrentCatalog,
    decision: Annotated[str, Form()],
    tag: Annotated[str, Form()],
) -> Response:
    detail = load_detail(db, slug)
    assert detail.bill.id is not None
    status = DECISIONS.get(decision, TagStatus.CONFIRMED if decision == "add" else None)
    if status is None:
        raise HTTPException(status_code=400, detail=f"Unknown decision {decision!r}.")
    target, code = parse_tag_choice(catalog, tag)
    positions.decide_tag_audited(
        db, bill_id=detail.bill.id, target=target, code=code, status=status, by=user.email, now=now
    )
    return _after_change(request, db, catalog, slug, "web/_bill_tags.html")


@router.post("/bills/{slug}/position")
def set_position(
    request: Request,
    slug: str,
    db: Db,
    now: Now,
    user: Editor,
    catalog: CurrentCatalog,
    position: Annotated[Position, Form()],
    priority: Annotated[Priority, Form()],
    notes: Annotated[str, Form(max_length=20_000)] = "",
    talking_points: Annotated[str, Form(max_length=20_000)] = "",
    urgent: Annotated[bool, Form()] = False,
) -> Response:
    detail = load_detail(db, slug)
    assert detail.bill.id is not None
    positions.set_position(
        db,
        bill_id=detail.bill.id,
        position=position,
        priority=priority,
        notes=notes,
        talking_points=talking_points,
        urgent=urgent,
        by=user.email,
        now=now,
    )
    return _after_change(request, db, catalog, slug, "web/_bill_position.html", saved=True)


def _after_change(
    request: Request, db: Session, catalog: Catalog, slug: str, partial: str, saved: bool = False
) -> Response:
    """htmx gets the changed section and the audit history; a plain form gets a redirect."""
    if not request.headers.get("HX-Request"):
        return RedirectResponse(f"/bills/{slug}", status_code=303)
    db.flush()
    context = bill_context(db, catalog, load_detail(db, slug))
    return render(request, partial, {**context, "oob_audit": True, "saved": saved})
