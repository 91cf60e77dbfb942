"""The README documents every command, setting and spider; .env.example every setting."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from jobs.spider_process import spider_names
from tracker.cli import main
from tracker.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "tracker") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths += command_paths(command, path)
        else:
            paths.append(path)
    return paths


@pytest.mark.parametrize("command", command_paths(main))
def test_every_command_is_in_the_readme(command: str) -> None:
    short = command.replace("tracker crawl bills", "tracker crawl")
    assert f"`{command}" in README or f"`{short}" in README


@pytest.mark.parametrize("name", [f"TRACKER_{n.upper()}" for n in Settings.model_fields])
def test_every_setting_is_documented(name: str) -> None:
    assert f"`{name}`" in README
    assert f"{name}=" in ENV_EXAMPLE


@pytest.mark.parametrize("spider", spider_names())
def test_every_spider_is_in_the_readme(spider: str) -> None:
    assert f"`{spider}`" in README or f"crawl {spider}" in README


def test_the_quick_start_has_the_two_commands_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/tracker demo" in README
    assert ".venv/bin/pytest" in README and ".venv/bin/pytest" in ci
