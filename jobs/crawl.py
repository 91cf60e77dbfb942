"""The scheduled crawls: each spider in a child process with a timeout, then tagging."""

from __future__ import annotations

import logging
from datetime import datetime

from jobs.spider_process import run_spider
from jobs.tag import run_tagging
from tracker.config import Settings
from tracker.db import make_engine, session_scope, upgrade
from tracker.rules.dates import CENTRAL
from tracker.rules.sessions import current_session, legislature_sits

logger = logging.getLogger(__name__)


def crawl_bills(
    settings: Settings, *, now: datetime, only_when_sitting: bool | None = None
) -> None:
    """Crawl the current biennium's bills, then tag what changed.

    `only_when_sitting`: True skips the crawl in the interim, False skips it while the
    Legislature sits (the session and interim schedules are two jobs); None always crawls.
    """
    today = now.astimezone(CENTRAL).date()
    sits = legislature_sits(today)
    if only_when_sitting is not None and sits != only_when_sitting:
        which = "session" if sits else "interim"
        logger.info("crawl-bills skipped: the %s schedule is not the one in force", which)
        return
    upgrade(settings.database_url)
    session = current_session(today)
    run_spider("mn_bills", {"session": session.arg}, timeout=settings.crawl_timeout)
    tag_changed(settings, now=now)


def crawl_hearings(settings: Settings, *, now: datetime) -> None:
    upgrade(settings.database_url)
    run_spider("mn_hearings", {}, timeout=settings.crawl_timeout)
    run_spider("mn_legislators", {}, timeout=settings.crawl_timeout)


def tag_changed(settings: Settings, *, now: datetime) -> None:
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as db:
            report = run_tagging(db, now=now)
        logger.info("tagged: %s", report.counts.as_dict())
    finally:
        engine.dispose()
