"""A re-crawl of the schedules, end to end: the real mn_hearings spider and store pipeline in
child processes, against replay servers whose pages changed between the two crawls."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import col, select

from jobs.spider_process import CrawlOutcome, run_spider
from tracker.cli import main
from tracker.db import make_engine, session_scope
from tracker.demo import SAMPLE
from tracker.demo.replay import ReplayServer
from tracker.models import CrawlRun, Hearing, HearingChange
from tracker.vocab import CrawlStatus

FINANCE_TUESDAY = "1:00 PM Tuesday, March 10, 2026"
AGENDA_LINE = "IV. HF 45/SF 88 (Youakim) Special education cross-subsidy reduction aid.<br>"


def crawl(folder: Path, url: str) -> CrawlOutcome:
    with (
        ReplayServer(folder, sites=("house",)) as house,
        ReplayServer(folder, sites=("senate",)) as senate,
    ):
        env = {
            "TRACKER_DATABASE_URL": url,
            "TRACKER_HOUSE_URL": house.url,
            "TRACKER_SENATE_URL": senate.url,
            "TRACKER_DOWNLOAD_DELAY": "0.01",
        }
        return run_spider("mn_hearings", {}, env=env, timeout=120)


def test_a_cancellation_and_a_changed_agenda_are_recorded_not_duplicated(
    sqlite_url: str, tmp_path: Path, tracker_env
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "sample"
    for site in ("house", "senate"):
        shutil.copytree(SAMPLE / site, folder / site)
    crawl(folder, sqlite_url)

    schedule = folder / "house" / "Schedules" / "All.html"
    page = schedule.read_text(encoding="utf-8")
    tuesday = page.index(FINANCE_TUESDAY)
    card_start = page.rindex('<div class="card border-dark', 0, tuesday)
    card = page[card_start : page.index("</div>\n  </div>", tuesday)]
    changed = (
        card.replace(
            "<b>Education Finance</b></a>",
            '<b>Education Finance</b></a> <span class="badge badge-warning">Canceled</span>',
        )
        .replace(AGENDA_LINE, "")
        .replace(
            "V. HF 4410", "V. HF 611 (Hill) Compensatory revenue uses modified.<br>VI. HF 4410"
        )
    )
    schedule.write_text(page.replace(card, changed), encoding="utf-8")
    crawl(folder, sqlite_url)

    with session_scope(make_engine(sqlite_url)) as db:
        hearings = db.exec(select(Hearing)).all()
        assert len(hearings) == 12, "no duplicate: the same 12 meetings"
        finance = next(h for h in hearings if h.source_key == "house:2026-03-10:education-finance")
        assert finance.status == "canceled"
        changes = db.exec(select(HearingChange).where(HearingChange.hearing_id == finance.id)).all()
        assert sorted((c.kind, c.before, c.after) for c in changes) == [
            ("bill added", "", "HF 611"),
            ("bill removed", "HF 45", ""),
            ("bill removed", "SF 88", ""),
            ("canceled", "scheduled", "canceled"),
        ]
        every_change = db.exec(select(HearingChange)).all()
        assert {c.hearing_id for c in every_change} == {finance.id}, "nothing else changed"
        runs = db.exec(select(CrawlRun)).all()
        assert [run.status for run in runs] == ["finished", "finished"]
    tracker_env(database_url=sqlite_url)
    listed = CliRunner().invoke(main, ["hearings", "list", "--week", "2026-03-09"])
    assert "House: Education Finance  [canceled]" in listed.output
    assert "bill removed HF 45" in listed.output


def test_a_house_page_whose_cards_changed_is_a_loss_not_a_day_without_meetings(
    sqlite_url: str, tmp_path: Path
) -> None:
    # Before: 0 House hearings read, nothing counted, the crawl "finished".
    folder = tmp_path / "sample"
    for site in ("house", "senate"):
        shutil.copytree(SAMPLE / site, folder / site)
    crawl(folder, sqlite_url)
    schedule = folder / "house" / "Schedules" / "All.html"
    schedule.write_text(
        schedule.read_text(encoding="utf-8").replace("d-print-block", "d-print-card"),
        encoding="utf-8",
    )

    assert crawl(folder, sqlite_url).status is CrawlStatus.FINISHED_WITH_LOSSES  # exit 3

    with session_scope(make_engine(sqlite_url)) as db:
        run = db.exec(select(CrawlRun).order_by(col(CrawlRun.id).desc())).first()
        assert run is not None and run.status == "finished_with_losses"
        assert run.counts["house_invalid"] == 1
        (lost,) = run.lost
        assert (
            lost.startswith("House schedule http://127.0.0.1:")
            and "no meeting cards (the page shows" in lost
        )
        house = [h for h in db.exec(select(Hearing)).all() if h.listed_by == ["house"]]
        assert house and all(h.vanished_at is None for h in house)  # not marked vanished
