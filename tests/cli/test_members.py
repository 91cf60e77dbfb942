"""`tracker members ...`, `digest preview` and `bills position`, through the CLI runner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tracker.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "tracker" / "demo" / "sample" / "members.csv"


def test_members_commands_and_an_empty_preview(
    sqlite_url: str, tracker_env, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tracker_env(database_url=sqlite_url)
    runner = CliRunner()
    bad = tmp_path / "bad.csv"
    bad.write_text("email,name,organization\nnope,A,B\nok@example.org,,B\n")
    result = runner.invoke(main, ["members", "import", str(bad)])
    assert result.exit_code == 1
    assert "line 2: 'nope' is not a usable email address" in result.output
    assert "line 3: name is missing" in result.output and "nothing was imported" in result.output

    result = runner.invoke(main, ["members", "import", str(SAMPLE)])
    assert result.exit_code == 0 and "4 added" in result.output
    result = runner.invoke(
        main,
        [
            "members",
            "add",
            "new@example.org",
            "--name",
            "New",
            "--organization",
            "ISD 9",
            "--follows",
            "literacy",
            "--district",
            "49a",
        ],
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["members", "list"])
    assert (
        "new@example.org  New (ISD 9, other)  active, weekly  [49A]  follows: literacy"
        in listed.output
    )
    assert runner.invoke(main, ["members", "remove", "new@example.org"]).exit_code == 0
    assert runner.invoke(main, ["members", "remove", "new@example.org"]).exit_code == 1

    out = tmp_path / "preview.html"
    result = runner.invoke(
        main,
        [
            "digest",
            "preview",
            "--member",
            "jo.whitfield@example.org",
            "--week",
            "2026-03-11",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "week of March 9, 2026: A quiet week" in result.output
    assert "<html" in out.read_text()


def test_bills_position_needs_a_stored_bill(sqlite_url: str, tracker_env) -> None:  # type: ignore[no-untyped-def]
    tracker_env(database_url=sqlite_url)
    result = CliRunner().invoke(
        main, ["bills", "position", "HF 5", "support", "--priority", "high"]
    )
    assert result.exit_code == 1 and "HF 5 is not in the database" in result.output
