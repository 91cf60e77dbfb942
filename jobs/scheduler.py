"""`tracker scheduler`: APScheduler 3 with its job store in the tracker's database.

Every job of `jobs.registry` has an explicit id, coalesces missed runs into one, runs one
instance at a time and may start up to `misfire_grace` seconds late (after a restart).
The store keeps a reference to `run_job` and the job's id, never to the job's function, so
a job can be renamed or moved without stale rows. Crawls run in child processes with a
timeout (`jobs.crawl`), so a stuck crawl cannot stall the scheduler.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler

from jobs.registry import JOBS, JobSpec, job_spec
from tracker.config import Settings, get_settings
from tracker.rules.dates import CENTRAL

JOB_TABLE = "apscheduler_jobs"


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
            "jobs.scheduler:run_job",
            trigger=spec.trigger(settings),
            id=spec.id,
            name=spec.what,
            args=[spec.id],
            replace_existing=True,
        )


def next_runs(settings: Settings, now: datetime) -> list[tuple[JobSpec, datetime | None]]:
    """When each job runs next, from its trigger alone (no scheduler needed)."""
    return [(spec, spec.trigger(settings).get_next_fire_time(None, now)) for spec in JOBS]


def run_job(job_id: str, settings: Settings | None = None, *, now: datetime | None = None) -> None:
    """Run a job as the scheduler does: the settings and the time read here, once."""
    spec = job_spec(job_id)
    settings = settings or get_settings()
    spec.func(settings, now=now or settings.now(), **spec.kwargs)
