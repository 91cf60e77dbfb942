"""What changed between two versions of a bill: a version picker, the money first, then each
section removed, added, changed (inline, struck and inserted words marked) or renumbered."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from tracker import store
from tracker.present.changes import dollars, fiscal_years, money_line, section_name, summary
from tracker.rules.versions import inline_diff
from tracker.store.versions import changes_between, versions_read
from tracker.web.auth import Db, SignedIn
from tracker.web.pages.bills import load_detail
from tracker.web.templating import render

router = APIRouter()


@router.get("/bills/{slug}/changes")
def bill_changes(
    request: Request, slug: str, db: Db, user: SignedIn, start: int = 0, end: int = 0
) -> Response:
    """`start` and `end` number the versions whose text is stored, from 1 (default: the
    newest two)."""
    detail = load_detail(db, slug)
    assert detail.bill.id is not None
    read = versions_read(db, detail.bill.id)
    end = end if 1 <= end <= len(read) else len(read)
    start = start if 1 <= start < end else end - 1
    context = {
        "nav": "bills",
        "bill": detail.bill,
        "slug": slug,
        "versions": read,
        "start": start,
        "end": end,
        "changes": None,
    }
    if start >= 1:
        before, after = read[start - 1], read[end - 1]
        changes = changes_between(db, detail.bill, before=before, after=after)
        context |= {
            "changes": changes,
            "before": before,
            "after": after,
            "summary": summary(changes, version=after.label or after.name),
            "money_line": money_line,
            "section_name": section_name,
            "dollars": dollars,
            "fiscal_years": fiscal_years,
            "inline_diff": inline_diff,
            "key": store.bill_key(detail.bill),
        }
    return render(request, "web/bill_changes.html", context)
