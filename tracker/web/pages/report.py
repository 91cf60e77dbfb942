"""Progress on the plan: the quarterly report (the same body as the HTML file and the PDF),
its PDF, one-year goals staff add, and the folded-in findings staff confirm or reject."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import select

from tracker import store
from tracker.models import Bill, BillFolding
from tracker.progress.load import load_progress
from tracker.progress.report import QuarterlyReport, build_report
from tracker.records.bills import BillKey
from tracker.rules.bill_refs import find_bill_refs
from tracker.rules.dates import CENTRAL
from tracker.rules.periods import Period, parse_quarter, quarter_of
from tracker.store.foldings import decide_folding, foldings_of
from tracker.store.goals import GoalError, add_goal
from tracker.tagging.catalog import Catalog, Framework
from tracker.vocab import FindingStatus
from tracker.web.auth import CurrentCatalog, Db, Editor, Now, SignedIn
from tracker.web.templating import render

router = APIRouter()
DECISIONS = {"confirm": FindingStatus.CONFIRMED, "reject": FindingStatus.REJECTED}


def _period(quarter: str, now: datetime) -> Period:
    try:
        return parse_quarter(quarter) if quarter else quarter_of(now.astimezone(CENTRAL).date())
    except ValueError as error:
        raise HTTPException(status_code=404, detail=str(error)) from error


def _framework(catalog: Catalog, framework_id: str) -> Framework:
    if not catalog.frameworks:
        raise HTTPException(status_code=404, detail="No framework is loaded.")
    for framework in catalog.frameworks:
        if framework.id == framework_id:
            return framework
    if framework_id:
        raise HTTPException(status_code=404, detail=f"No framework {framework_id!r}.")
    return catalog.frameworks[0]


def _report(
    request: Request, db: Db, catalog: Catalog, now: datetime, quarter: str, framework: str
) -> QuarterlyReport:
    facts = load_progress(db, catalog, association=request.app.state.settings.association)
    period = _period(quarter, now).until(now.astimezone(CENTRAL).date())
    return build_report(facts, _framework(catalog, framework), period)


@router.get("/report")
def report(
    request: Request,
    db: Db,
    user: SignedIn,
    catalog: CurrentCatalog,
    now: Now,
    quarter: str = "",
    framework: str = "",
) -> Response:
    from tracker.progress.render import report_context

    built = _report(request, db, catalog, now, quarter, framework)
    context = report_context(built, made_on=now.astimezone(CENTRAL).date())
    context |= {
        "nav": "report",
        "frameworks": catalog.frameworks,
        "items": built.framework.items,
        "foldings": _pending_findings(db),
        "quarter": built.period.label,
        "error": "",
    }
    return render(request, "web/report.html", context)


@router.get("/report.pdf")
def report_pdf_download(
    request: Request,
    db: Db,
    user: SignedIn,
    catalog: CurrentCatalog,
    now: Now,
    quarter: str = "",
    framework: str = "",
) -> Response:
    from tracker.progress.render import report_pdf

    built = _report(request, db, catalog, now, quarter, framework)
    name = f"progress-{built.framework.id}-{built.period.label}.pdf"
    return Response(
        report_pdf(built, made_on=now.astimezone(CENTRAL).date()),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/report/goals")
def add_goal_page(
    request: Request,
    db: Db,
    user: Editor,
    catalog: CurrentCatalog,
    now: Now,
    item: Annotated[str, Form()],
    text: Annotated[str, Form(max_length=2000)],
    quarter: Annotated[str, Form()] = "",
    measure: Annotated[str, Form(max_length=500)] = "",
    target: Annotated[str, Form(max_length=500)] = "",
    owner: Annotated[str, Form(max_length=200)] = "",
    bills: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    bill_ids = []
    for bill_type, number in find_bill_refs(bills):
        session = store.latest_session(db)
        legislature = session.legislature if session else 0
        row = store.find_bill(db, BillKey(legislature, 0, bill_type, number))
        if row is None or row.id is None:
            raise HTTPException(
                status_code=400, detail=f"{bill_type.value} {number} is not stored."
            )
        bill_ids.append(row.id)
    try:
        add_goal(
            db,
            item_key=item,
            year=now.astimezone(CENTRAL).year,
            text=text,
            measure=measure,
            target=target,
            owner=owner,
            bill_ids=bill_ids,
            known_items=[i.key for i in catalog.items],
            by=user.email,
            now=now,
        )
    except GoalError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    framework = item.split("/", 1)[0]
    return RedirectResponse(f"/report?quarter={quarter}&framework={framework}", status_code=303)


@router.post("/report/foldings")
def decide_folding_page(
    db: Db,
    user: Editor,
    now: Now,
    bill_id: Annotated[int, Form()],
    host_id: Annotated[int, Form()],
    decision: Annotated[str, Form()],
    quarter: Annotated[str, Form()] = "",
) -> Response:
    status = DECISIONS.get(decision)
    if status is None:
        raise HTTPException(status_code=400, detail=f"Unknown decision {decision!r}.")
    decide_folding(db, bill_id=bill_id, host_id=host_id, status=status, by=user.email, now=now)
    return RedirectResponse(f"/report?quarter={quarter}#foldings", status_code=303)


def _pending_findings(db: Db) -> list[tuple[str, str, str, str, BillFolding]]:
    """Every finding, suggested first: (bill, its page, the carrier, its page, the row)."""
    rows = list(db.exec(select(BillFolding.bill_id).distinct()))
    found = []
    for bill_id, foldings in foldings_of(db, rows).items():
        bill = db.get(Bill, bill_id)
        for row in foldings:
            host = db.get(Bill, row.host_id)
            if bill is None or host is None:
                continue
            key, host_key = store.bill_key(bill), store.bill_key(host)
            found.append(
                (str(key), f"/bills/{key.slug}", str(host_key), f"/bills/{host_key.slug}", row)
            )
    return sorted(found, key=lambda f: (f[4].status != FindingStatus.SUGGESTED.value, f[0]))
