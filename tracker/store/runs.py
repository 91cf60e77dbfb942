"""Crawl runs: one row per crawl with how it ended, what a bill crawl starts from (the
baseline), and the ledger of alerts sent about crawls.

A run is `running` until its crawl writes how it ended. A crawl killed from outside never
writes it: the next crawl of the same spider finds the row still `running` with a process
that is gone and marks it `interrupted` (`mark_interrupted`).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from tracker.models import Bill, CrawlRun
from tracker.models.bills import CrawlAlert
from tracker.store.versions import VersionTexts, version_texts
from tracker.vocab import BillType, CrawlMode, CrawlStatus

RESUMED_KEY = "resume_since"  # in a run's args: a full pass that goes on from an earlier one

# -- crawl runs -------------------------------------------------------------------------


def start_crawl_run(
    db: Session,
    *,
    spider: str,
    args: dict[str, Any],
    now: datetime,
    mode: str = "",
    pid: int | None = None,
    host: str = "",
) -> int:
    run = CrawlRun(
        spider=spider,
        args=args,
        started_at=now,
        status=CrawlStatus.RUNNING.value,
        mode=mode,
        pid=pid,
        host=host,
    )
    db.add(run)
    db.flush()
    assert run.id is not None
    return run.id


def finish_crawl_run(
    db: Session,
    *,
    run_id: int,
    counts: dict[str, int],
    now: datetime,
    status: CrawlStatus = CrawlStatus.FINISHED,
    error: str = "",
    lost: list[str] | None = None,
) -> None:
    run = db.get(CrawlRun, run_id)
    if run is None:
        raise LookupError(f"no crawl run {run_id}")
    run.counts, run.status, run.finished_at, run.error = dict(counts), status.value, now, error
    run.lost = list(lost or [])


def process_alive(run: CrawlRun) -> bool:
    """Whether the process of a run marked running is still alive (on this machine; a run
    started on another machine counts as gone)."""
    if run.pid is None or run.host != socket.gethostname():
        return False
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    return True


def mark_interrupted(
    db: Session,
    *,
    spider: str,
    now: datetime,
    still_running: Callable[[CrawlRun], bool] = process_alive,
    reason: str = "",
) -> list[int]:
    """Mark this spider's runs left `running` whose process is gone as interrupted; returns
    their ids. `still_running(run)` says whether a run's process is alive."""
    stale = [run for run in running_crawls(db, spider=spider) if not still_running(run)]
    for run in stale:
        run.status = CrawlStatus.INTERRUPTED.value
        run.finished_at = now
        run.error = reason or (
            "found still running when a later crawl started: the process was killed "
            "or timed out before it could say how it ended"
        )
    db.flush()
    return [run.id for run in stale if run.id is not None]


def running_crawls(db: Session, *, spider: str) -> list[CrawlRun]:
    query = select(CrawlRun).where(
        CrawlRun.spider == spider, CrawlRun.status == CrawlStatus.RUNNING.value
    )
    return list(db.exec(query.order_by(col(CrawlRun.id))))


def latest_crawl_run(db: Session, *, spider: str | None = None) -> CrawlRun | None:
    query = select(CrawlRun)
    if spider:
        query = query.where(CrawlRun.spider == spider)
    return db.exec(query.order_by(col(CrawlRun.id).desc())).first()


def crawl_runs_since(db: Session, since: datetime) -> list[CrawlRun]:
    query = select(CrawlRun).where(col(CrawlRun.started_at) >= since)
    return list(db.exec(query.order_by(col(CrawlRun.id))))


# -- what a bill crawl starts from --------------------------------------------------------


@dataclass(frozen=True)
class KnownBill:
    """What the store holds of one bill, for deciding whether to read it again."""

    status_xml_url: str
    last_action_on: date | None
    checked_at: datetime | None


@dataclass(frozen=True)
class Baseline:
    """A session's stored bills by slug; the highest number of each bill type the store
    knows (stored, or named as a companion); when the last full pass of the session was cut
    short, when that pass began: bills read since then need not be read again; and which
    versions' texts are stored and which are still to read."""

    bills: dict[str, KnownBill] = field(default_factory=dict)
    highest: dict[BillType, int] = field(default_factory=dict)
    resume_since: datetime | None = None
    versions: VersionTexts = field(default_factory=lambda: VersionTexts({}, ()))


def crawl_baseline(
    db: Session, *, legislature: int, special_session: int, session_arg: str, now: datetime
) -> Baseline:
    """What the store holds of a session, read before a crawl of it starts its run."""
    columns = (
        Bill.bill_type,
        Bill.number,
        Bill.status_xml_url,
        Bill.last_action_on,
        Bill.checked_at,
        Bill.companion_type,
        Bill.companion_number,
    )
    rows = db.connection().execute(
        sa.select(*(col(c) for c in columns)).where(  # more columns than sqlmodel types
            col(Bill.legislature) == legislature, col(Bill.special_session) == special_session
        )
    )
    bills: dict[str, KnownBill] = {}
    highest: dict[BillType, int] = {}
    for row in rows:
        slug = f"{legislature}-{special_session}-{row.bill_type}-{row.number}"
        bills[slug] = KnownBill(row.status_xml_url, row.last_action_on, row.checked_at)
        for kind, seen in ((row.bill_type, row.number), (row.companion_type, row.companion_number)):
            if kind in BillType.__members__ and seen:
                highest[BillType(kind)] = max(highest.get(BillType(kind), 0), seen)
    versions = version_texts(db, legislature=legislature, special_session=special_session, now=now)
    return Baseline(bills, highest, _resume_point(db, session_arg), versions)


def _resume_point(db: Session, session_arg: str) -> datetime | None:
    """When the latest full pass of the session began, if it did not reach its end."""
    runs = db.exec(
        select(CrawlRun)
        .where(CrawlRun.spider == "mn_bills", CrawlRun.mode == CrawlMode.FULL.value)
        .order_by(col(CrawlRun.id).desc())
    )
    for run in runs:
        if run.args.get("session") != session_arg or run.args.get("bills"):
            continue
        if run.status != CrawlStatus.INTERRUPTED.value:
            return None
        earlier = run.args.get(RESUMED_KEY)
        return datetime.fromisoformat(earlier) if earlier else run.started_at
    return None


# -- alerts about crawls ----------------------------------------------------------------


def crawl_alert_sent(db: Session, *, kind: str, day: date) -> bool:
    found = db.exec(select(CrawlAlert).where(CrawlAlert.kind == kind, CrawlAlert.day == day))
    return found.first() is not None


def record_crawl_alert(
    db: Session, *, kind: str, day: date, now: datetime, recipients: list[str], subject: str
) -> None:
    """Keep that an alert of `kind` went out on `day` (after it was sent)."""
    db.add(CrawlAlert(kind=kind, day=day, sent_at=now, recipients=recipients, subject=subject))
    db.flush()
