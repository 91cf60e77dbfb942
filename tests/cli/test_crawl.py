"""`tracker crawl`: the spider in a process of its own, then the crawl's counts."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import FILES
from tests.replay.revisor import RevisorSite, bills_from_folder
from tests.replay.server import Fault, FaultServer
from tracker.cli import main
from tracker.demo import SAMPLE
from tracker.demo.replay import ReplayServer

API = "https://api.revisor.mn.gov/bills/v1/94/2025/0/"


def test_crawl_runs_the_spider_and_prints_the_counts(
    runner: CliRunner, tmp_path: Path, tracker_env
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "sample"
    target = root / "api/bills/v1/94/2025/0/HF/2136.xml"
    target.parent.mkdir(parents=True)
    shutil.copy(FILES / "mn_bills_HF2136.xml", target)
    with ReplayServer(root) as server:
        tracker_env(
            database_url=f"sqlite:///{tmp_path / 'crawl.db'}",
            revisor_url=server.url,
            revisor_api_url=server.url,
            download_delay="0.01",
        )
        result = runner.invoke(main, ["crawl", "--session", "2025-2026", "--bills", "HF2136"])
    assert result.exit_code == 0, result.output
    assert "Crawl run 1 (mn_bills): finished" in result.stdout
    assert "bills_insert" in result.stdout


def test_crawl_refuses_a_bad_session(runner: CliRunner, tracker_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tracker_env(database_url=f"sqlite:///{tmp_path / 'x.db'}")
    result = runner.invoke(main, ["crawl", "--session", "2024-2025"])
    assert result.exit_code == 2 and "biennium" in result.output


def test_crawl_exits_with_how_the_crawl_ended_and_names_what_it_lost(
    runner: CliRunner, tmp_path: Path, tracker_env
) -> None:  # type: ignore[no-untyped-def]
    site = RevisorSite(bills_from_folder(SAMPLE / "api"), texts=False)
    with FaultServer(site.answer) as server:
        server.always("/HF/45/", Fault(truncate_to=200))
        tracker_env(
            database_url=f"sqlite:///{tmp_path / 'crawl.db'}",
            revisor_url=server.url,
            revisor_api_url=server.url,
            download_delay="0",
        )
        result = runner.invoke(main, ["crawl", "--session", "2025-2026", "--full"])
        assert result.exit_code == 3, result.output  # finished with losses
        assert "Crawl run 1 (mn_bills): finished_with_losses" in result.stdout
        assert "not stored: HF 45: malformed status XML" in result.stdout
        server.clear()
        again = runner.invoke(main, ["crawl", "--session", "2025-2026"])
    assert again.exit_code == 0, again.output
    assert "Crawl run 2 (mn_bills): finished" in again.stdout
    assert "bills_unchanged" in again.stdout and "bills_insert" in again.stdout  # HF 45 now
