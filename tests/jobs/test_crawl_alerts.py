"""A scheduled crawl that does not finish cleanly is reported to the web app's admins through
the configured mail backend (here the file backend), once a day for each spider and ending:
the real spider, against the tests' fault-injecting Revisor."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

import jobs.crawl
from tests.replay.revisor import RevisorSite, bills_from_folder, rename_element
from tests.replay.server import Fault, FaultServer
from tracker.config import Settings, get_settings
from tracker.db import make_engine, session_scope
from tracker.demo import SAMPLE
from tracker.models.bills import CrawlAlert
from tracker.store.users import create_user
from tracker.vocab import CrawlStatus, Role

TUESDAY = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)  # the Legislature sits


@pytest.fixture
def server() -> Iterator[FaultServer]:
    site = RevisorSite(bills_from_folder(SAMPLE / "api"), texts=False)
    with FaultServer(site.answer) as running:
        yield running


@pytest.fixture
def settings(server: FaultServer, sqlite_url: str, tmp_path: Path, tracker_env) -> Settings:  # type: ignore[no-untyped-def]
    tracker_env(  # read by the job here and by the spider in its child process
        database_url=sqlite_url,
        revisor_url=server.url,
        revisor_api_url=server.url,
        download_delay="0",
        email_backend="file",
        outbox_dir=str(tmp_path / "outbox"),
        mail_from="tracker@example.org",
    )
    with session_scope(make_engine(sqlite_url)) as db:
        for address, role in (("admin@example.org", Role.ADMIN), ("staff@example.org", Role.STAFF)):
            create_user(db, email=address, password="a long password", role=role, now=TUESDAY)
    return get_settings()


def sent(settings: Settings) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for path in sorted(Path(settings.outbox_dir).glob("*.eml"))
    ]


def test_a_failed_crawl_is_told_to_the_admins_once_a_day(
    settings: Settings, server: FaultServer
) -> None:
    server.always("/bills/v1/", Fault(rewrite=rename_element("ACTIONS", "BILL_ACTIONS")))

    outcome = jobs.crawl.crawl_bills(settings, now=TUESDAY)

    assert outcome is not None and outcome.status is CrawlStatus.FAILED
    (message,) = sent(settings)
    assert message["To"] == "admin@example.org"  # the admins, not the staff
    assert message["Subject"] == "Tracker: the mn_bills crawl failed"
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "ACTIONS missing or renamed" in body and "e.g. http://127.0.0.1:" in body
    assert "Not stored:" in body

    later = jobs.crawl.crawl_bills(settings, now=TUESDAY + timedelta(hours=4))
    assert later is not None and later.status is CrawlStatus.FAILED
    assert len(sent(settings)) == 1, "the same failure the same day: no second email"

    jobs.crawl.crawl_bills(settings, now=TUESDAY + timedelta(days=1))
    assert len(sent(settings)) == 2
    with session_scope(make_engine(settings.database_url)) as db:
        alerts = db.exec(select(CrawlAlert)).all()
        assert [(a.kind, a.recipients) for a in alerts] == [
            ("mn_bills-failed", ["admin@example.org"])
        ] * 2


def test_losses_are_another_kind_of_alert_and_a_clean_crawl_sends_none(
    settings: Settings, server: FaultServer
) -> None:
    server.always("/HF/45/", Fault(truncate_to=200))
    outcome = jobs.crawl.crawl_bills(settings, now=TUESDAY)
    assert outcome is not None and outcome.status is CrawlStatus.FINISHED_WITH_LOSSES
    (message,) = sent(settings)
    assert message["Subject"] == "Tracker: the mn_bills crawl finished with losses"
    assert "HF 45: malformed status XML" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    server.clear()
    clean = jobs.crawl.crawl_bills(settings, now=TUESDAY + timedelta(hours=4))
    assert clean is not None and clean.status is CrawlStatus.FINISHED
    assert len(sent(settings)) == 1
