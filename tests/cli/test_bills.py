"""`tracker bills list` and `tracker bills show`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tracker.cli import main

API = "https://api.revisor.mn.gov/bills/v1/94/2025/0/"


def test_bills_list_and_filters(runner: CliRunner, stored: str) -> None:
    result = runner.invoke(main, ["bills", "list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("HF 2136") and "In committee" in lines[0]
    assert lines[1].startswith("SF 1832") and "In conference committee" in lines[1]
    conference = runner.invoke(main, ["bills", "list", "--stage", "in_conference"])
    assert [line.split()[1] for line in conference.stdout.splitlines()] == ["1832"]
    later = runner.invoke(main, ["bills", "list", "--changed-since", "2025-06-01"])
    assert later.stdout == "" and "0 bills" in later.stderr


def test_bills_list_rejects_an_unknown_stage(runner: CliRunner, stored: str) -> None:
    result = runner.invoke(main, ["bills", "list", "--stage", "signed"])
    assert result.exit_code == 2 and "Invalid value for '--stage'" in result.output


def test_bills_show_prints_a_timeline(runner: CliRunner, stored: str) -> None:
    result = runner.invoke(main, ["bills", "show", "S.F. 1832"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("SF 1832  2025-2026  (revisor no. 25-00179)")
    assert "Stage: In conference committee since 2025-05-13" in out
    assert "Companion: HF 2440 (not crawled yet)" in out
    assert "bill.php?b=Senate&f=SF1832&ssn=0&y=2025" in out
    assert "Senate authors: Champion (chief)" in out
    timeline = out.split("Timeline:")[1]
    assert timeline.index("Introduction and first reading") < timeline.index("Received from Senate")
    assert "Bill was passed as amended (vote 115-19) [pg. 3477]" in timeline
    assert "2nd Unofficial Engrossment" in out


@pytest.mark.parametrize(
    ("argument", "message"),
    [("budget", "not a bill number"), ("HF 1", "HF 1 is not in the database")],
)
def test_bills_show_explains_what_is_wrong(
    runner: CliRunner, stored: str, argument: str, message: str
) -> None:
    result = runner.invoke(main, ["bills", "show", argument])
    assert result.exit_code != 0 and message in result.output
