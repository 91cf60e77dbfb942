"""The scheduled crawls: each spider in a child process with a timeout, then tagging; a crawl
that did not finish cleanly is reported to the web app's admins by email.

Bill crawls are incremental (only new and changed bills) except the weekly full pass
(`crawl-bills-full`). Two bill crawls never run at once: a crawl that finds another still
running (a long full pass) is skipped. The admins hear of a crawl that failed, was
interrupted or lost bills through the configured mail backend, at most once a day for each
spider and ending; a re-run that ends the same way that day sends nothing more.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime

from jobs.spider_process import CrawlFailed, CrawlOutcome, run_spider
from jobs.tag import run_tagging
from tracker import store
from tracker.config import Settings
from tracker.db import make_engine, session_scope, upgrade
from tracker.mail import OutgoingMessage, SendOutcome, backend_from_settings
from tracker.models import CrawlRun
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import current_session, legislature_sits
from tracker.store.users import list_users
from tracker.vocab import CrawlMode, CrawlStatus, Role

logger = logging.getLogger(__name__)


def crawl_bills(
    settings: Settings, *, now: datetime, only_when_sitting: bool | None = None, full: bool = False
) -> CrawlOutcome | None:
    """Crawl the current biennium's bills (`full`: every bill, else the new and changed
    ones), then tag what changed. Returns how the crawl ended (None: skipped).

    `only_when_sitting`: True skips the crawl in the interim, False skips it while the
    Legislature sits (the session and interim schedules are two jobs); None always crawls.
    """
    today = now.astimezone(CENTRAL).date()
    sits = legislature_sits(today)
    if only_when_sitting is not None and sits != only_when_sitting:
        which = "session" if sits else "interim"
        logger.info("crawl-bills skipped: the %s schedule is not the one in force", which)
        return None
    upgrade(settings.database_url)
    if _still_running(settings, "mn_bills"):
        logger.warning("crawl-bills skipped: another bill crawl is still running")
        return None
    mode = CrawlMode.FULL if full else CrawlMode.INCREMENTAL
    timeout = settings.crawl_full_timeout if full else settings.crawl_timeout
    args = {"session": current_session(today).arg, "mode": mode.value}
    outcome = run_crawl(settings, "mn_bills", args, timeout=timeout, now=now)
    tag_changed(settings, now=now)  # what was stored, even by a crawl cut short
    return outcome


def crawl_hearings(settings: Settings, *, now: datetime) -> None:
    upgrade(settings.database_url)
    run_crawl(settings, "mn_hearings", {}, timeout=settings.crawl_timeout, now=now)
    run_crawl(settings, "mn_legislators", {}, timeout=settings.crawl_timeout, now=now)


def run_crawl(
    settings: Settings, spider: str, args: dict[str, str], *, timeout: float, now: datetime
) -> CrawlOutcome:
    """Run one crawl; tell the admins when it did not finish cleanly."""
    try:
        outcome = run_spider(spider, args, timeout=timeout)
    except CrawlFailed as failed:
        outcome = failed.outcome
    if outcome.status is not CrawlStatus.FINISHED:
        logger.error("Crawl %s", outcome)
        alert_admins(settings, outcome, now=now)
    return outcome


def tag_changed(settings: Settings, *, now: datetime) -> None:
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as db:
            report = run_tagging(db, now=now)
        logger.info("tagged: %s", report.counts.as_dict())
    finally:
        engine.dispose()


def _still_running(settings: Settings, spider: str) -> bool:
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as db:
            return any(store.process_alive(run) for run in store.running_crawls(db, spider=spider))
    finally:
        engine.dispose()


# -- telling the admins ---------------------------------------------------------------


def alert_admins(settings: Settings, outcome: CrawlOutcome, *, now: datetime) -> int:
    """Email every active admin about a crawl that did not finish cleanly, once a day per
    spider and ending; returns how many were sent (0: already sent today, or no admins)."""
    kind = f"{outcome.spider}-{outcome.status.value}"
    day = now.astimezone(CENTRAL).date()
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as db:
            if store.crawl_alert_sent(db, kind=kind, day=day):
                logger.info("Admins already told today of %s", kind)
                return 0
            admins = [
                user for user in list_users(db) if user.active and user.role == Role.ADMIN.value
            ]
            run = store.latest_crawl_run(db, spider=outcome.spider)
            subject = (
                f"Tracker: the {outcome.spider} crawl {outcome.status.value.replace('_', ' ')}"
            )
            text = _alert_text(outcome, run)
        if not admins:
            logger.warning("No active admin account to tell that %s", outcome)
            return 0
        messages = [
            OutgoingMessage(
                to_address=user.email,
                to_name=user.name,
                subject=subject,
                text=text,
                html=f"<pre>{html.escape(text)}</pre>",
                delivery_key=f"crawl-alert-{kind}-{day.isoformat()}-{user.id}".replace("_", "-"),
            )
            for user in admins
        ]
        results = backend_from_settings(settings).send(messages)
        sent = [m.to_address for m, r in zip(messages, results, strict=True)
                if r.outcome is SendOutcome.SENT]  # fmt: skip
        if sent:
            with session_scope(engine) as db:
                store.record_crawl_alert(
                    db, kind=kind, day=day, now=now, recipients=sent, subject=subject
                )
        for message, result in zip(messages, results, strict=True):
            if result.outcome is not SendOutcome.SENT:
                logger.error("Crawl alert to %s: %s", message.to_address, result.detail)
        return len(sent)
    finally:
        engine.dispose()


def _alert_text(outcome: CrawlOutcome, run: CrawlRun | None) -> str:
    lines = [f"The {outcome.spider} crawl {outcome.status.value.replace('_', ' ')}."]
    if outcome.detail:
        lines.append(outcome.detail)
    if run is not None:
        lines += [
            "",
            f"Crawl run {run.id}, started {run.started_at:%Y-%m-%d %H:%M} UTC: {run.status}",
        ]
        if run.error:
            lines.append(run.error)
        if run.lost:
            lines += ["", "Not stored:", *(f"  {entry}" for entry in run.lost)]
        if run.counts:
            lines += ["", ", ".join(f"{k}={v}" for k, v in sorted(run.counts.items()))]
    lines += ["", "See `tracker crawl --help`; `tracker jobs run crawl-bills` runs it again."]
    return "\n".join(lines) + "\n"
