"""The bill list, the bill page, and the changes made there: tag decisions and positions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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
from tracker.store.tags import decide_area_with_items
from tracker.tagging.catalog import Catalog
from tracker.vocab import BillType, Position, Priority, Stage, TagStatus, TagTarget
from tracker.web.auth import CurrentCatalog, Db, Editor, Now, SignedIn
from tracker.web.bill_query import parse_filters
from tracker.web.queries import bill_page, sessions
from tracker.web.templating import render

router = APIRouter()
DECISIONS = {"confirm": TagStatus.CONFIRMED, "reject": TagStatus.REJECTED}
# An area decided together with the item tags it brought (store.tags.decide_area_with_items).
WITH_ITEMS = {"confirm-with-items": TagStatus.CONFIRMED, "reject-with-items": TagStatus.REJECTED}


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


@dataclass(frozen=True)
class TagSection:
    """The bill page's tags of one kind: its issue areas, or its items of one framework."""

    title: str
    tags: tuple[tuple[BillTag, str], ...]
    areas: bool = False


def tag_sections(catalog: Catalog, tags: list[BillTag]) -> list[TagSection]:
    """Area tags first, then item tags grouped by framework in the catalog's order, each
    group surest first; items of a framework no longer loaded come last, by their key."""
    areas = tuple((t, tag_label(catalog, t)) for t in tags if t.target == TagTarget.AREA.value)
    sections = [TagSection("Issue areas", areas, areas=True)] if areas else []
    items = [t for t in tags if t.target == TagTarget.ITEM.value]
    known: set[str] = set()
    for framework in catalog.frameworks:
        mine = [t for t in items if t.code.startswith(f"{framework.id}/")]
        known.update(t.code for t in mine)
        if mine:
            mine.sort(key=lambda t: (t.status != TagStatus.CONFIRMED.value, -t.confidence))
            title = f"{framework.organization}: {framework.name}"
            sections.append(TagSection(title, tuple((t, item_label(catalog, t)) for t in mine)))
    rest = tuple((t, t.code) for t in sorted(items, key=lambda t: t.code) if t.code not in known)
    if rest:
        sections.append(TagSection("Other framework items", rest))
    return sections


def item_label(catalog: Catalog, tag: BillTag) -> str:
    try:
        item = catalog.item(tag.code)
    except KeyError:
        return tag.code
    return item.short_label


def bill_context(db: Session, catalog: Catalog, detail: BillDetail) -> dict[str, Any]:
    bill_id = detail.bill.id
    assert bill_id is not None
    revisor = store.bill_key(detail.bill)
    return {
        "detail": detail,
        "bill": detail.bill,
        "tag_sections": tag_sections(catalog, list(detail.tags)),
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


def decide_with_items(
    db: Session, catalog: Catalog, *, bill_id: int, decision: str, tag: str, by: str, now: datetime
) -> None:
    """A `WITH_ITEMS` decision: an issue area (`tag`, as the forms write it) confirmed or
    rejected with the item tags it brought, each decision audited (the bill page and the
    review queue)."""
    target, code = parse_tag_choice(catalog, tag)
    if target is not TagTarget.AREA:
        raise HTTPException(status_code=400, detail="Only an issue area brings items.")
    decide_area_with_items(
        db,
        bill_id=bill_id,
        area=code,
        status=WITH_ITEMS[decision],
        by=by,
        now=now,
        catalog=catalog,
        decide=positions.decide_tag_audited,
    )


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
    if decision in WITH_ITEMS:
        decide_with_items(
            db, catalog, bill_id=detail.bill.id, decision=decision, tag=tag, by=user.email, now=now
        )
        return _after_change(request, db, catalog, slug, "web/_bill_tags.html")
    target, code = parse_tag_choice(catalog, tag)
    status = DECISIONS.get(decision, TagStatus.CONFIRMED if decision == "add" else None)
    if status is None:
        raise HTTPException(status_code=400, detail=f"Unknown decision {decision!r}.")
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
