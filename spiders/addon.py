"""Applies the tracker's Settings (TRACKER_* environment) to a crawler's Scrapy settings."""

from __future__ import annotations

from typing import Any

from tracker.config import get_settings


class TrackerSettings:
    """A Scrapy add-on; values given with `-s` on the command line still win."""

    def update_settings(self, settings: Any) -> None:
        tracker = get_settings()
        values = {
            "USER_AGENT": tracker.user_agent,
            "PACE_DELAY": tracker.download_delay,
            "DOWNLOAD_TIMEOUT": tracker.download_timeout,
            "RETRY_TIMES": tracker.retry_times,
            "BACKOFF_BASE": tracker.backoff_base,
            "BACKOFF_MAX": tracker.backoff_max,
            "LOG_LEVEL": tracker.log_level,
            "TRACKER_DATABASE_URL": tracker.database_url,
            "TRACKER_REVISOR_URL": tracker.revisor_url,
            "TRACKER_REVISOR_API_URL": tracker.revisor_api_url,
            "TRACKER_HOUSE_URL": tracker.house_url,
            "TRACKER_SENATE_URL": tracker.senate_url,
            "TRACKER_CRAWL_INVALID_SHARE": tracker.crawl_invalid_share,
            "TRACKER_CRAWL_TEXT_BACKLOG": tracker.crawl_text_backlog,
        }
        for name, value in values.items():
            settings.set(name, value, priority="addon")
