"""`tracker frameworks`, `tag`, `classify` and `tagger eval` through Click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FILES
from tracker.cli import main
from tracker.db import make_engine, session_scope
from tracker.store.frameworks import current_catalog

STAFF_PLAN = """
[framework]
id = "district-777"
organization = "Independent School District 777"
name = "Board legislative priorities 2026"
year = 2026
source = "Board resolution, January 2026"

[[items]]
code = "fund-sped"
kind = "priority"
text = "Fully fund special education"
areas = ["special-education"]
"""


def test_frameworks_list_shows_every_shipped_plan(runner: CliRunner, empty_db: str) -> None:
    result = runner.invoke(main, ["frameworks", "list"])
    assert result.exit_code == 0, result.output
    for framework_id in ("amsd-2021", "amsd-roadmap", "reimagine-mn", "mnp20", "consortium-2034"):
        assert framework_id in result.output


def test_frameworks_show_nests_items_and_names_their_areas(
    runner: CliRunner, empty_db: str
) -> None:
    result = runner.invoke(main, ["frameworks", "show", "mnp20"])
    assert result.exit_code == 0, result.output
    assert "[collaboration] commitment: Collaboration" in result.output
    assert "  [collaboration-1] commitment bullet:" in result.output
    unknown = runner.invoke(main, ["frameworks", "show", "nope"])
    assert unknown.exit_code == 1 and "known: " in unknown.output


def test_a_loaded_framework_is_tagged_through_its_item_areas(
    runner: CliRunner, empty_db: str, tmp_path: Path
) -> None:
    plan = tmp_path / "district-777.toml"
    plan.write_text(STAFF_PLAN, encoding="utf-8")
    result = runner.invoke(main, ["frameworks", "load", str(plan)])
    assert result.exit_code == 0, result.output
    assert "Loaded district-777: Board legislative priorities 2026 (1 items)" in result.output
    with session_scope(make_engine(empty_db)) as db:
        catalog = current_catalog(db)
    assert "district-777/fund-sped" in catalog.area("special-education").serves


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[framework\nid=", "not valid TOML"),
        (STAFF_PLAN.replace('"special-education"', '"space-travel"'), "unknown issue area"),
        (STAFF_PLAN.replace('kind = "priority"', 'kind = "wish"'), "unknown kind 'wish'"),
    ],
)
def test_a_bad_framework_file_loads_nothing(
    runner: CliRunner, empty_db: str, tmp_path: Path, text: str, message: str
) -> None:
    plan = tmp_path / "bad.toml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["frameworks", "load", str(plan)])
    assert result.exit_code == 1 and "nothing loaded" in result.output
    assert message in result.output
    listed = runner.invoke(main, ["frameworks", "list"])
    assert "district-777" not in listed.output


def test_tag_then_tag_again(runner: CliRunner, stored: str) -> None:
    first = runner.invoke(main, ["tag"])
    assert first.exit_code == 0, first.output
    assert "no learned model yet (0 decisions)" in first.output
    assert "tagged" in first.output and " 2" in first.output
    again = runner.invoke(main, ["tag", "--changed"])
    assert "unchanged" in again.output
    assert runner.invoke(main, ["tag", "--all", "--changed"]).exit_code == 2


def test_classify_reads_json_lines_and_reports_bad_ones(runner: CliRunner, empty_db: str) -> None:
    lines = [
        {"id": "a", "title": "Special education aid increased.", "statutes": ["125A.76"]},
        {"id": "b", "title": "Walleye fishing license fees modified."},
        {"title": "no id"},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\nnot json\n"
    result = runner.invoke(main, ["classify"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row.get("id") for row in out] == ["a", "b", None, None]
    assert out[0]["relevant"] is True and out[0]["issue_areas"][0]["code"] == "special-education"
    assert out[0]["issue_areas"][0]["reasons"]
    assert out[1]["relevant"] is False and out[1]["issue_areas"] == []
    assert "'id' is required" in out[2]["error"] and out[3]["line"] == 4


def test_tagger_eval_reports_tagger_and_baseline(runner: CliRunner, empty_db: str) -> None:
    result = runner.invoke(main, ["tagger", "eval", "--labels", str(FILES / "tagger_labels.jsonl")])
    assert result.exit_code == 0, result.output
    assert "tagger" in result.output and "baseline" in result.output
    assert "F1 ratio (tagger / baseline)" in result.output
