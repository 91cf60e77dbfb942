"""The schedule as data: every job with its id, its function and when it runs.

A job is a plain function `func(settings, *, now, **kwargs)`; `jobs.scheduler` puts these on
APScheduler and `tracker jobs run ID` runs one by hand. Ids are stable: they name the rows
of APScheduler's job store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apscheduler.triggers.cron import CronTrigger

from jobs import crawl, digest, urgent
from tracker.config import Settings
from tracker.rules.dates import CENTRAL


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: Callable[..., object]
    cron: Callable[[Settings], str]
    what: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    def trigger(self, settings: Settings) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron(settings), timezone=CENTRAL)


JOBS = (
    JobSpec(
        "crawl-bills",
        crawl.crawl_bills,
        lambda s: s.crawl_bills_cron,
        "new and changed bills every 4 hours in the daytime while the Legislature sits, then tag",
        {"only_when_sitting": True},
    ),
    JobSpec(
        "crawl-bills-interim",
        crawl.crawl_bills,
        lambda s: s.crawl_bills_interim_cron,
        "new and changed bills weekly in the interim, then tag",
        {"only_when_sitting": False},
    ),
    JobSpec(
        "crawl-bills-full",
        crawl.crawl_bills,
        lambda s: s.crawl_bills_full_cron,
        "every bill's status read again (a full pass), weekly, then tag",
        {"full": True},
    ),
    JobSpec(
        "crawl-hearings",
        crawl.crawl_hearings,
        lambda s: s.crawl_hearings_cron,
        "House and Senate hearings, members and committees, daily",
    ),
    JobSpec(
        "urgent-alerts",
        urgent.send_todays_alerts,
        lambda s: s.urgent_cron,
        "alerts on bills marked urgent to members who asked for them, after the crawls",
    ),
    JobSpec(
        "weekly-digest",
        digest.send_weekly_digest,
        lambda s: s.digest_cron,
        "the weekly update to every active member, Mondays 07:00 Central",
    ),
)


def job_spec(job_id: str) -> JobSpec:
    for spec in JOBS:
        if spec.id == job_id:
            return spec
    raise KeyError(f"no job {job_id!r}; jobs: {', '.join(spec.id for spec in JOBS)}")
