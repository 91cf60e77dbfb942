"""`tracker demo`, the README's first command, end to end: real spiders in child processes
against the bundled sample on local replay servers, into a fresh SQLite file."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from tracker import store
from tracker.db import make_engine, session_scope
from tracker.models import BillRelevance, CrawlRun, Hearing, Legislator


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("demo")
    (folder / "tracker-demo.db").write_text("left over from an earlier run")
    completed = subprocess.run(
        [sys.executable, "-m", "tracker.cli", "demo"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout, folder / "tracker-demo.db"


def test_the_weeks_digests_are_written_to_the_outbox(demo: tuple[str, Path]) -> None:
    out, database = demo
    files = sorted((database.parent / "outbox").glob("digest-2026-03-09-*.eml"))
    assert len(files) == 4 and "4 of 4 members' digests written to" in out
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert message["Subject"].startswith("AMSD, week of March 9, 2026")
    assert "H.F. 45 / S.F. 88" in message.get_body(("plain",)).get_content()


def test_every_crawl_finished_and_stored_everything(demo: tuple[str, Path]) -> None:
    _, database = demo
    with session_scope(make_engine(f"sqlite:///{database}")) as db:
        runs = {
            run.spider + str(run.args.get("session", "")): run for run in db.exec(select(CrawlRun))
        }
        assert {run.status for run in runs.values()} == {"finished"}
        assert runs["mn_bills2025-2026"].counts["bills_insert"] == 72
        assert runs["mn_bills2025s1"].counts["bills_insert"] == 6
        assert "malformed_xml" not in runs["mn_bills2025-2026"].counts
        assert len(store.list_bills(db)) == 78
        assert len(db.exec(select(BillRelevance)).all()) == 78
        hearings = db.exec(select(Hearing)).all()
        assert len(hearings) == 12, "13 listings, the joint meeting once"
        assert {h.status for h in hearings} >= {"scheduled", "canceled", "time_changed"}
        assert any("Kunesh" in m.name for m in db.exec(select(Legislator)))


def test_the_printout_shows_tags_stages_and_the_weeks_tracked_hearings(
    demo: tuple[str, Path],
) -> None:
    out, _ = demo
    assert "Tagged with tagger-" in out and "relevant" in out
    assert "78 bills by stage:" in out and "Enacted" in out
    assert out.count("HF 45") >= 1 and "Tags (tagger-" in out
    week = out.split("Hearings with tracked bills, week of March 9, 2026:")[1]
    assert "House: Education Finance" in week and "Senate: Education Finance" in week
    assert "tracker hearings list --week 2026-03-09" in out
    assert "tracker serve" in out and "sign in as demo@example.org / " in out
