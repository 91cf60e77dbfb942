"""`tracker demo`: the offline main job, end to end on a bundled sample.

A local replay server answers like the Revisor's service from `sample/`; the real
`mn_bills` spider crawls it, in a child process, into a fresh SQLite file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tracker import store
from tracker.config import get_settings
from tracker.crawling import run_spider
from tracker.db import make_engine, session_scope, upgrade
from tracker.records import BillKey
from tracker.replay import ReplayServer
from tracker.rules.sessions import parse_session
from tracker.textviews import counts_table, stage_table, timeline
from tracker.vocab import BillType

SAMPLE = Path(__file__).resolve().parent / "sample"
DEMO_SESSIONS = ("2025-2026", "2025s1")
FEATURED = BillKey(94, 0, BillType.SF, 1832)

Echo = Callable[[str], None]


def fresh_sqlite(database: str) -> str:
    path = Path(database).resolve()
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def crawl_sample(url: str, *, echo: Echo, sessions: tuple[str, ...] = DEMO_SESSIONS) -> None:
    """Serve the sample locally and crawl each session of it with the real spider."""
    with ReplayServer(SAMPLE) as server:
        env = {
            "TRACKER_DATABASE_URL": url,
            "TRACKER_REVISOR_URL": server.url,
            "TRACKER_REVISOR_API_URL": server.url,
            "TRACKER_DOWNLOAD_DELAY": "0",
            "TRACKER_BACKOFF_BASE": "0.2",
        }
        for session in sessions:
            echo(f"Crawling {parse_session(session).name} from the replay server at {server.url}")
            run_spider("mn_bills", {"session": session}, env=env)


def run_demo(*, database: str, echo: Echo) -> None:
    url = fresh_sqlite(database)
    echo(f"Creating a fresh SQLite database: {database}")
    upgrade(url)
    started = datetime.now(UTC)
    crawl_sample(url, echo=echo)
    engine = make_engine(url)
    with session_scope(engine) as db:
        echo("")
        for run in store.crawl_runs_since(db, started):
            echo(
                counts_table(
                    dict(sorted(run.counts.items())),
                    title=f"Crawl {run.id} ({run.args.get('session')}): {run.status}",
                )
            )
        bills = store.list_bills(db)
        echo("")
        echo(counts_table(stage_table(bills), title=f"{len(bills)} bills by stage:"))
        detail = store.bill_detail(db, FEATURED)
        if detail is not None:
            echo("")
            echo(timeline(detail, revisor_url=get_settings().revisor_url))
    engine.dispose()
    echo("")
    echo("Try next:")
    echo(f"  export TRACKER_DATABASE_URL=sqlite:///{database}")
    echo("  tracker bills list --stage enacted")
    echo('  tracker bills show "HF 2136"')
    echo("  tracker bills list --changed-since 2025-01-01")
