"""The matrix of bills × framework items: grid or heat map, CSV and XLSX exports, the stage
chart."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from tracker.rules.dates import CENTRAL
from tracker.tagging.catalog import Catalog, Framework
from tracker.web.auth import CurrentCatalog, Db, Now, SignedIn
from tracker.web.bill_query import parse_filters
from tracker.web.export import matrix_table, to_csv, to_xlsx
from tracker.web.matrix import stage_chart
from tracker.web.pages.bills import filter_choices
from tracker.web.queries import matrix_page, stage_counts_by_direction
from tracker.web.templating import render

router = APIRouter()
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_framework(catalog: Catalog, framework_id: str | None) -> Framework:
    if not catalog.frameworks:
        raise HTTPException(status_code=404, detail="No framework is loaded.")
    for framework in catalog.frameworks:
        if framework.id == framework_id:
            return framework
    if framework_id:
        raise HTTPException(status_code=404, detail=f"No framework {framework_id!r}.")
    return catalog.frameworks[0]


@router.get("/matrix")
def matrix(request: Request, db: Db, user: SignedIn, catalog: CurrentCatalog) -> Response:
    params = request.query_params
    framework = chosen_framework(catalog, params.get("framework"))
    filters = parse_filters(params)
    everything = params.get("all") == "1"
    every_item = params.get("items") == "all"
    view = "heat" if params.get("view") == "heat" else "grid"
    data = matrix_page(
        db,
        framework,
        filters,
        everything=everything,
        topics_only=not every_item,
        broad=catalog.broad,
    )
    chart = stage_chart(framework, stage_counts_by_direction(db, framework, filters))
    extra = {
        "framework": framework.id,
        "view": view,
        **({"all": "1"} if everything else {}),
        **({"items": "all"} if every_item else {}),
    }
    context: dict[str, Any] = {
        "nav": "matrix",
        "filters": filters,
        "framework": framework,
        "data": data,
        "view": view,
        "everything": everything,
        "every_item": every_item,
        "extra": extra,
        "chart": chart,
        "chart_max": max((bar.total for bar in chart), default=0),
        **filter_choices(db, catalog),
    }
    return render(request, "web/matrix.html", context)


def _export_table(request: Request, db: Db, catalog: Catalog) -> tuple[str, Any, Any]:
    params = request.query_params
    framework = chosen_framework(catalog, params.get("framework"))
    data = matrix_page(
        db,
        framework,
        parse_filters(params),
        everything=params.get("all") == "1",
        size=None,
        topics_only=params.get("items") != "all",
        broad=catalog.broad,
    )
    header, rows = matrix_table(data.matrix)
    return framework.id, header, rows


@router.get("/matrix.csv")
def matrix_csv(
    request: Request, db: Db, user: SignedIn, catalog: CurrentCatalog, now: Now
) -> Response:
    name, header, rows = _export_table(request, db, catalog)
    filename = f"matrix-{name}-{now.astimezone(CENTRAL).date().isoformat()}.csv"
    return Response(
        to_csv(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/matrix.xlsx")
def matrix_xlsx(
    request: Request, db: Db, user: SignedIn, catalog: CurrentCatalog, now: Now
) -> Response:
    name, header, rows = _export_table(request, db, catalog)
    filename = f"matrix-{name}-{now.astimezone(CENTRAL).date().isoformat()}.xlsx"
    return Response(
        to_xlsx(header, rows, title=name),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
