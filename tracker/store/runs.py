"""One row per crawl run, with its counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from tracker.models import (
    CrawlRun,
)
from tracker.vocab import CrawlStatus

# -- crawl runs -------------------------------------------------------------------------


def start_crawl_run(db: Session, *, spider: str, args: dict[str, Any], now: datetime) -> int:
    run = CrawlRun(spider=spider, args=args, started_at=now, status=CrawlStatus.RUNNING.value)
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
) -> None:
    run = db.get(CrawlRun, run_id)
    if run is None:
        raise LookupError(f"no crawl run {run_id}")
    run.counts, run.status, run.finished_at, run.error = dict(counts), status.value, now, error


def latest_crawl_run(db: Session, *, spider: str | None = None) -> CrawlRun | None:
    query = select(CrawlRun)
    if spider:
        query = query.where(CrawlRun.spider == spider)
    return db.exec(query.order_by(col(CrawlRun.id).desc())).first()


def crawl_runs_since(db: Session, since: datetime) -> list[CrawlRun]:
    query = select(CrawlRun).where(col(CrawlRun.started_at) >= since)
    return list(db.exec(query.order_by(col(CrawlRun.id))))
