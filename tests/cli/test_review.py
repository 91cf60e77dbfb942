"""`tracker review list`: the review queue on the command line."""

from __future__ import annotations

from click.testing import CliRunner

from tracker.cli import main


def test_review_list_shows_what_waits(runner: CliRunner, stored: str) -> None:
    empty = runner.invoke(main, ["review", "list"])
    assert empty.exit_code == 0 and "0 bills wait for review" in empty.output
    runner.invoke(main, ["bills", "position", "SF 1832", "support", "--priority", "high"])
    result = runner.invoke(main, ["review", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("SF 1832")
    assert lines[1].strip() == "[new] position support/high"
    assert "1 bills wait for review" in result.output
