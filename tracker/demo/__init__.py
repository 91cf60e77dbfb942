"""`tracker demo`: the offline main job, end to end on a bundled sample.

A local replay server answers like the Revisor's service from `sample/`; the real
`mn_bills` spider crawls it, in a child process, into a fresh SQLite file.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import SecretStr
from sqlmodel import Session

from jobs.spider_process import run_spider
from jobs.tag import run_tagging
from tracker import store
from tracker.config import get_settings
from tracker.db import make_engine, session_scope, upgrade
from tracker.demo.association import (
    DEMO_LOGIN,
    send_week,
    set_up_association,
    take_sides_later,
)
from tracker.demo.replay import ReplayServer
from tracker.present.text import (
    counts_table,
    hearings_view,
    stage_table,
    tagging_view,
    tags_view,
    timeline,
)
from tracker.progress.load import load_progress
from tracker.progress.report import QuarterlyReport, build_report
from tracker.records.bills import BillKey
from tracker.rules.dates import week_bounds
from tracker.rules.periods import parse_quarter
from tracker.rules.sessions import parse_session
from tracker.store.frameworks import current_catalog
from tracker.store.tags import tracked_bill_ids
from tracker.vocab import BillType

SAMPLE = Path(__file__).resolve().parent / "sample"
DEMO_SESSIONS = ("2025-2026", "2025s1")
DEMO_MEMBER = "dana.lindqvist@example.org"
FEATURED = BillKey(94, 0, BillType.HF, 45)  # special education aid, heard that week
DEMO_WEEK = date(2026, 3, 9)  # the sample's week of hearings
DEMO_AS_OF = DEMO_WEEK  # the demo runs as of that Monday (TRACKER_AS_OF)
LATER_IN_SESSION = datetime(2026, 4, 15, 16, 0, tzinfo=UTC)  # when it took more sides
SESSION_END = parse_quarter("2026Q2")  # sine die was May 18

Echo = Callable[[str], None]


def fresh_sqlite(database: str) -> str:
    path = Path(database).resolve()
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def crawl_sample(url: str, *, echo: Echo, sessions: tuple[str, ...] = DEMO_SESSIONS) -> None:
    """Serve the sample locally, one server per site as on the real web, and crawl it with
    the real spiders: bills of each session, then hearings, then members."""
    revisor = ReplayServer(SAMPLE, sites=("api", "www"))
    house = ReplayServer(SAMPLE, sites=("house",))
    senate = ReplayServer(SAMPLE, sites=("senate",))
    with revisor, house, senate:
        env = {
            "TRACKER_DATABASE_URL": url,
            "TRACKER_REVISOR_URL": revisor.url,
            "TRACKER_REVISOR_API_URL": revisor.url,
            "TRACKER_HOUSE_URL": house.url,
            "TRACKER_SENATE_URL": senate.url,
            "TRACKER_DOWNLOAD_DELAY": "0",
            "TRACKER_BACKOFF_BASE": "0.2",
            "TRACKER_AS_OF": DEMO_AS_OF.isoformat(),
        }
        for session in sessions:
            echo(f"Crawling {parse_session(session).name} from the replay server at {revisor.url}")
            run_spider("mn_bills", {"session": session}, env=env)
        echo(
            f"Crawling the week of {DEMO_WEEK:%B %-d, %Y}'s hearings from {house.url}, {senate.url}"
        )
        run_spider("mn_hearings", {}, env=env)
        echo("Crawling members and the education committees")
        run_spider("mn_legislators", {"committees": "education"}, env=env)


def session_end_report(db: Session, *, association: str) -> QuarterlyReport:
    """The progress report on the quarter the session ended in (2026Q2), as of its last day:
    the sides the association took later in the session, its goals, one confirmed finding."""
    catalog = current_catalog(db)
    take_sides_later(db, now=LATER_IN_SESSION, items=[item.key for item in catalog.items])
    facts = load_progress(db, catalog, association=association)
    return build_report(facts, catalog.frameworks[0], SESSION_END)


def write_report(report: QuarterlyReport) -> list[Path]:
    from tracker.progress.render import report_html, report_pdf

    made_on = report.period.end
    name = f"progress-{report.framework.id}-{report.period.label}"
    html, pdf = Path(f"{name}.html").resolve(), Path(f"{name}.pdf").resolve()
    html.write_text(report_html(report, made_on=made_on), encoding="utf-8")
    pdf.write_bytes(report_pdf(report, made_on=made_on))
    return [html, pdf]


def run_demo(*, database: str, echo: Echo) -> None:
    url = fresh_sqlite(database)
    echo(f"Creating a fresh SQLite database: {database}")
    upgrade(url)
    secret = secrets.token_urlsafe(32)
    update = {"database_url": url, "secret_key": SecretStr(secret), "as_of": DEMO_AS_OF}
    settings = get_settings().model_copy(update=update)
    echo(f"Running as of {DEMO_AS_OF:%A, %B %-d, %Y} (TRACKER_AS_OF), the sample's week")
    started = datetime.now(UTC)
    crawl_sample(url, echo=echo)
    engine = make_engine(url)
    with session_scope(engine) as db:
        echo("")
        for run in store.crawl_runs_since(db, started):
            args = ", ".join(f"{k}={v}" for k, v in sorted(run.args.items()) if v)
            title = f"Crawl {run.id} {run.spider} ({args}): {run.status}"
            echo(counts_table(dict(sorted(run.counts.items())), title=title))
        echo("")
        echo(tagging_view(run_tagging(db, now=settings.now())))
        bills = store.list_bills(db)
        echo("")
        echo(counts_table(stage_table(bills), title=f"{len(bills)} bills by stage:"))
        detail = store.bill_detail(db, FEATURED)
        if detail is not None:
            echo("")
            echo(timeline(detail, revisor_url=get_settings().revisor_url))
            echo("")
            echo(tags_view(detail, current_catalog(db)))
        start, end = week_bounds(DEMO_WEEK)
        tracked = store.hearings_between(db, start, end, bill_ids=sorted(tracked_bill_ids(db)))
        echo("")
        echo(f"Hearings with tracked bills, week of {DEMO_WEEK:%B %-d, %Y}:")
        echo(hearings_view(tracked, empty="none"))
        password = set_up_association(db, now=settings.now())
    outbox = Path(settings.outbox_dir).resolve()
    report = send_week(engine, settings=settings, outbox=outbox, week=DEMO_WEEK, now=settings.now())
    echo("")
    echo(
        f"Weekly update of {DEMO_WEEK:%B %-d, %Y}: {len(report.sent)} of {report.members} "
        f"members' digests written to {outbox} (the file backend; TRACKER_OUTBOX_DIR)"
    )
    with session_scope(engine) as db:
        progress = session_end_report(db, association=settings.association)
    engine.dispose()
    echo("")
    echo(f"The session's end, from the sample's whole record: {progress.headline}")
    for paragraph in progress.summary:
        echo(f"  {paragraph}")
    for path in write_report(progress):
        echo(f"  written to {path}")
    echo("")
    echo("Open the web app on the demo data:")
    echo(f"  export TRACKER_DATABASE_URL=sqlite:///{database}")
    echo(f"  export TRACKER_SECRET_KEY={secret}")
    echo(f"  export TRACKER_AS_OF={DEMO_AS_OF:%Y-%m-%d}")
    echo("  tracker serve")
    echo(f"  then open http://127.0.0.1:8000 and sign in as {DEMO_LOGIN} / {password}")
    echo("  (the same secret makes the digests' unsubscribe links work)")
    echo("")
    echo("Try next:")
    echo("  tracker bills list --stage enacted")
    echo('  tracker bills show "SF 1832"')
    echo(f"  tracker hearings list --week {DEMO_WEEK:%Y-%m-%d}")
    echo(f"  tracker hearings ics --since {DEMO_WEEK:%Y-%m-%d} --tracked --out hearings.ics")
    echo("  tracker frameworks show amsd-2021")
    echo(
        f"  tracker digest preview --member dana.lindqvist@example.org --week {DEMO_WEEK:%Y-%m-%d}"
    )
