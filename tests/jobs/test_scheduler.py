"""The scheduler's jobs, its job store in the tracker's database, and when the Legislature
sits."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from click.testing import CliRunner
from sqlalchemy import inspect

import jobs.crawl
from jobs.registry import JOBS
from jobs.scheduler import configure, next_runs
from jobs.spider_process import CrawlOutcome
from tracker.cli import main
from tracker.config import Settings
from tracker.db import make_engine
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import adjournment_deadline, legislature_sits
from tracker.vocab import CrawlStatus


@pytest.mark.parametrize(
    ("year", "deadline"),
    [(2024, date(2024, 5, 20)), (2025, date(2025, 5, 19)), (2026, date(2026, 5, 18))],
)
def test_the_adjournment_deadline(year: int, deadline: date) -> None:
    assert adjournment_deadline(year) == deadline


@pytest.mark.parametrize(
    ("day", "sits"),
    [
        (date(2025, 1, 14), True),
        (date(2025, 5, 19), True),
        (date(2025, 5, 20), False),
        (date(2026, 5, 18), True),
        (date(2026, 5, 19), False),
        (date(2026, 11, 23), False),
        (date(2027, 3, 1), True),
    ],
)
def test_when_the_legislature_sits(day: date, sits: bool) -> None:
    assert legislature_sits(day) is sits


def test_jobs_live_in_the_tracker_database_with_safe_defaults(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    scheduler = BackgroundScheduler()
    configure(scheduler, settings)
    scheduler.start(paused=True)
    try:
        stored = {job.id: job for job in scheduler.get_jobs()}
        assert set(stored) == {spec.id for spec in JOBS}
        for job in stored.values():
            assert job.coalesce is True and job.max_instances == 1
            assert job.misfire_grace_time == settings.misfire_grace
        digest = stored["weekly-digest"].next_run_time.astimezone(CENTRAL)
        assert (digest.weekday(), digest.hour, digest.minute) == (0, 7, 0)
    finally:
        scheduler.shutdown(wait=False)
    assert "apscheduler_jobs" in inspect(make_engine(url)).get_table_names()
    again = BackgroundScheduler()
    configure(again, settings)  # a restart replaces the stored jobs, it does not add more
    again.start(paused=True)
    assert len(again.get_jobs()) == len(JOBS)
    again.shutdown(wait=False)


def test_next_runs_follow_the_cron_settings() -> None:
    settings = Settings(_env_file=None, crawl_hearings_cron="15 5 * * *")  # type: ignore[call-arg]
    monday_noon = datetime(2026, 3, 9, 12, 0, tzinfo=CENTRAL)
    runs = {spec.id: when for spec, when in next_runs(settings, monday_noon)}
    assert runs["crawl-hearings"] == datetime(2026, 3, 10, 5, 15, tzinfo=CENTRAL)
    assert runs["crawl-bills"] == datetime(2026, 3, 9, 15, 0, tzinfo=CENTRAL)
    assert runs["weekly-digest"] == datetime(2026, 3, 16, 7, 0, tzinfo=CENTRAL)


def test_the_session_and_interim_bill_crawls_take_turns(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    crawled: list[tuple[dict[str, str], float]] = []

    def started(spider: str, args: dict[str, str], *, timeout: float) -> CrawlOutcome:
        crawled.append((args, timeout))  # which crawl the schedule asks for, not a crawl
        return CrawlOutcome(spider, CrawlStatus.FINISHED)

    monkeypatch.setattr(jobs.crawl, "run_spider", started)
    monkeypatch.setattr(jobs.crawl, "tag_changed", lambda settings, now: None)
    settings = Settings(_env_file=None, database_url=sqlite_url)  # type: ignore[call-arg]
    now = datetime(2026, 8, 3, 17, 0, tzinfo=UTC)
    assert jobs.crawl.crawl_bills(settings, now=now, only_when_sitting=True) is None
    assert crawled == [], "the session schedule does not crawl in the interim"
    jobs.crawl.crawl_bills(settings, now=now, only_when_sitting=False)
    jobs.crawl.crawl_bills(settings, now=now, full=True)
    assert [(args["session"], args["mode"], timeout) for args, timeout in crawled] == [
        ("2025-2026", "incremental", settings.crawl_timeout),
        ("2025-2026", "full", settings.crawl_full_timeout),
    ]


def test_jobs_list_names_every_job() -> None:
    result = CliRunner().invoke(main, ["jobs", "list"])
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines()] == [s.id for s in JOBS]
