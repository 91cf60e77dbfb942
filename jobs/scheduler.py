"""`tracker scheduler`: APScheduler 3 with its job store in the tracker's database.

Every job has an explicit id, coalesces missed runs into one, runs one instance at a time
and may start up to `misfire_grace` seconds late (after a restart). Crawls run in child
processes with a timeout (`jobs.crawl`), so a stuck crawl cannot stall the scheduler.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from tracker.config import Settings
from tracker.rules.dates import CENTRAL

JOB_TABLE = "apscheduler_jobs"


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function", as APScheduler stores it
    cron: Callable[[Settings], str]
    what: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    def trigger(self, settings: Settings) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron(settings), timezone=CENTRAL)


JOBS = (
    JobSpec(
        "crawl-bills",
        "jobs.crawl:crawl_bills",
        lambda s: s.crawl_bills_cron,
        "bill status every 4 hours in the daytime while the Legislature sits, then tag",
        {"only_when_sitting": True},
    ),
    JobSpec(
        "crawl-bills-interim",
        "jobs.crawl:crawl_bills",
        lambda s: s.crawl_bills_interim_cron,
        "bill status weekly in the interim, then tag",
        {"only_when_sitting": False},
    ),
    JobSpec(
        "crawl-hearings",
        "jobs.crawl:crawl_hearings",
        lambda s: s.crawl_hearings_cron,
        "House and Senate hearings, members and committees, daily",
    ),
    JobSpec(
        "urgent-alerts",
        "jobs.urgent:send_urgent_alerts_now",
        lambda s: s.urgent_cron,
        "alerts on bills marked urgent to members who asked for them, after the crawls",
    ),
    JobSpec(
        "weekly-digest",
        "jobs.digest:send_weekly_digest",
        lambda s: s.digest_cron,
        "the weekly update to every active member, Mondays 07:00 Central",
    ),
)


def job_spec(job_id: str) -> JobSpec:
    for spec in JOBS:
        if spec.id == job_id:
            return spec
    raise KeyError(f"no job {job_id!r}; jobs: {', '.join(spec.id for spec in JOBS)}")


def configure(scheduler: BaseScheduler, settings: Settings, *, jobstore: Any = None) -> None:
    """Put every job on `scheduler`, replacing stored definitions (ids are stable)."""
    scheduler.configure(
        jobstores={
            "default": jobstore
            or SQLAlchemyJobStore(url=settings.database_url, tablename=JOB_TABLE)
        },
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": settings.misfire_grace,
        },
        timezone=CENTRAL,
    )
    for spec in JOBS:
        scheduler.add_job(
            spec.func,
            trigger=spec.trigger(settings),
            id=spec.id,
            name=spec.what,
            kwargs=spec.kwargs,
            replace_existing=True,
        )


def next_runs(settings: Settings, now: datetime) -> list[tuple[JobSpec, datetime | None]]:
    """When each job runs next, from its trigger alone (no scheduler needed)."""
    return [(spec, spec.trigger(settings).get_next_fire_time(None, now)) for spec in JOBS]


def run_now(job_id: str) -> None:
    """Run a job in the foreground, as the scheduler would."""
    from apscheduler.util import ref_to_obj

    spec = job_spec(job_id)
    ref_to_obj(spec.func)(**spec.kwargs)
