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


def test_a_missing_database_is_one_line_naming_the_upgrade(  # type: ignore[no-untyped-def]
    runner: CliRunner, tmp_path: Path, tracker_env
) -> None:
    missing = tmp_path / "typo.db"
    tracker_env(database_url=f"sqlite:///{missing}")
    commands = (
        ["bills", "list"],
        ["hearings", "list"],
        ["review", "list"],
        ["digest", "send", "--dry-run"],
        ["jobs", "run", "weekly-digest"],
    )
    for command in commands:
        result = runner.invoke(main, command)
        assert result.exit_code == 1, result.output
        assert result.output.count("\n") == 1 and "Traceback" not in result.output
        assert "no database at" in result.output and "`tracker db upgrade`" in result.output
    assert not missing.exists(), "a typo in the URL does not leave a new empty file behind"


def test_a_database_without_tables_says_so(  # type: ignore[no-untyped-def]
    runner: CliRunner, tmp_path: Path, tracker_env
) -> None:
    blank = tmp_path / "blank.db"
    blank.touch()
    tracker_env(database_url=f"sqlite:///{blank}")
    result = runner.invoke(main, ["bills", "list"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: the database at sqlite:///{blank} has no tables yet: "
        "run `tracker db upgrade` to create them\n"
    )


def test_an_empty_database_lists_no_bills_and_says_where_they_come_from(  # type: ignore[no-untyped-def]
    runner: CliRunner, empty_db: str
) -> None:
    result = runner.invoke(main, ["bills", "list"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "0 bills",
        "No bills yet: `tracker crawl` fetches them from the Revisor "
        "(or `tracker demo` builds a sample database).",
    ]


def test_a_setting_that_does_not_parse_is_one_line(runner: CliRunner, tracker_env) -> None:  # type: ignore[no-untyped-def]
    tracker_env(as_of="next Monday")
    result = runner.invoke(main, ["bills", "list"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: a setting is wrong: TRACKER_AS_OF: ")
