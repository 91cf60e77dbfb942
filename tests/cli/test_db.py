"""`tracker db upgrade` and `tracker --version`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tracker.cli import main
from tracker.db import current_revision, head_revision, make_engine

API = "https://api.revisor.mn.gov/bills/v1/94/2025/0/"


def test_db_upgrade_creates_the_schema(runner: CliRunner, tmp_path: Path, tracker_env) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'new.db'}"
    tracker_env(database_url=url)
    result = runner.invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "newest schema" in result.output
    assert current_revision(make_engine(url)) == head_revision(url)


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("tracker, version ")
