"""TRACKER_AS_OF: the tracker runs as of a day; every face and job asks the settings for now."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

import jobs.scheduler
from jobs.registry import JobSpec
from tracker.cli import main
from tracker.config import Settings
from tracker.rules.dates import CENTRAL
from tracker.web.app import create_app

AS_OF = date(2026, 3, 9)


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_as_of_is_that_day_at_the_current_time_of_day() -> None:
    pinned = settings(as_of="2026-03-09")
    assert pinned.today() == AS_OF
    now = pinned.now()
    assert now.tzinfo is not None and now.astimezone(CENTRAL).date() == AS_OF
    real = datetime.now(CENTRAL)
    assert (
        abs(
            now.astimezone(CENTRAL).hour * 60
            + now.astimezone(CENTRAL).minute
            - (real.hour * 60 + real.minute)
        )
        <= 1
    )


def test_unset_or_blank_is_today() -> None:
    assert settings().as_of is None
    assert settings(as_of="  ").as_of is None
    assert settings().today() == datetime.now(CENTRAL).date()


def test_a_bad_day_is_refused_with_the_settings_name() -> None:
    with pytest.raises(ValidationError, match="as_of"):
        settings(as_of="March 9")


def test_jobs_run_as_of_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[datetime] = []
    spec = JobSpec("probe", lambda s, *, now: seen.append(now), lambda s: "0 7 * * mon", "")
    monkeypatch.setattr(jobs.scheduler, "job_spec", lambda job_id: spec)
    jobs.scheduler.run_job("probe", settings(as_of="2026-03-09"))
    assert [now.astimezone(CENTRAL).date() for now in seen] == [AS_OF]


def test_the_web_app_runs_as_of_the_day(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(
        settings(
            as_of="2026-03-09",
            database_url=f"sqlite:///{tmp_path / 'as-of.db'}",
            secret_key="as-of-" + "x" * 32,
        )
    )
    assert app.state.clock().astimezone(CENTRAL).date() == AS_OF


def test_commands_run_as_of_the_day(empty_db: str, tracker_env) -> None:  # type: ignore[no-untyped-def]
    tracker_env(as_of="2026-03-11")
    result = CliRunner().invoke(main, ["hearings", "list"])
    assert result.exit_code == 0, result.output
    assert "No hearings in the week of 2026-03-09." in result.output


@pytest.fixture
def empty_db(sqlite_url: str, tracker_env) -> str:  # type: ignore[no-untyped-def]
    tracker_env(database_url=sqlite_url)
    return sqlite_url
