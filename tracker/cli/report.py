"""`tracker report` (progress on the plan, bills folded into others) and `tracker goals`."""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import Session, select

from tracker import store
from tracker.cli.app import main
from tracker.cli.common import find_bill_key, open_db
from tracker.config import get_settings
from tracker.models import Bill, BillFolding
from tracker.progress.load import load_progress
from tracker.progress.report import build_report
from tracker.rules.dates import CENTRAL
from tracker.rules.periods import parse_quarter, quarter_of
from tracker.store.foldings import decide_folding, detect_foldings, foldings_of
from tracker.store.frameworks import current_catalog
from tracker.store.goals import GoalError, add_goal, list_goals
from tracker.tagging.catalog import Catalog, Framework
from tracker.vocab import FindingStatus


@main.group()
def report() -> None:
    """Progress on the strategic plan: outcomes against positions, goals, the quarterly report."""


@report.command("progress")
@click.option("--quarter", default="", help="2026Q2 (default: this quarter).")
@click.option(
    "--framework", "framework_id", default="", help="A framework id (default: the first)."
)
@click.option("--format", "kind", type=click.Choice(["html", "pdf"]), default="html")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Where to write it.")
def report_progress(quarter: str, framework_id: str, kind: str, out: Path | None) -> None:
    """Build the quarterly progress report (refreshing the folded-in suggestions first)."""
    from tracker.progress.render import report_html, report_pdf

    settings = get_settings()
    now, today = settings.now(), settings.today()
    try:
        period = parse_quarter(quarter) if quarter else quarter_of(today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--quarter") from error
    period = period.until(today)
    with open_db() as db:
        detect_foldings(db, now=now)
        catalog = current_catalog(db)
        framework = _framework(catalog, framework_id)
        built = build_report(
            load_progress(db, catalog, association=settings.association), framework, period
        )
    out = out or Path(f"progress-{framework.id}-{period.label}.{kind}")
    made_on = today
    if kind == "pdf":
        out.write_bytes(report_pdf(built, made_on=made_on))
    else:
        out.write_text(report_html(built, made_on=made_on), encoding="utf-8")
    click.echo(built.headline)
    for paragraph in built.summary:
        click.echo(f"  {paragraph}")
    click.echo(f"Wrote {out}", err=True)


@report.command("foldings")
def report_foldings() -> None:
    """Find which positioned bills ride in others, and list every finding with its evidence."""
    with open_db() as db:
        run = detect_foldings(db, now=get_settings().now())
        click.echo(
            f"{run.bills} bills with a position; {run.suggested} new suggestions, "
            f"{run.refreshed} refreshed, {run.withdrawn} withdrawn, {run.decisions_kept} decided"
        )
        _echo_foldings(db)


@report.command("fold")
@click.argument("bill")
@click.option("--into", "host", required=True, help="The bill its language rides in.")
@click.option("--reject", is_flag=True, help="Say it is not folded in (default: confirm).")
@click.option("--by", default="cli", show_default=True, help="Who decided (the audit trail).")
def report_fold(bill: str, host: str, reject: bool, by: str) -> None:
    """Confirm (or --reject) that a bill rides in another: "HF 45" --into "HF 4127"."""
    status = FindingStatus.REJECTED if reject else FindingStatus.CONFIRMED
    with open_db() as db:
        ids = []
        for text in (bill, host):
            row = store.find_bill(db, find_bill_key(db, text))
            if row is None or row.id is None:
                raise click.ClickException(f"{text} is not in the database")
            ids.append(row.id)
        decide_folding(
            db, bill_id=ids[0], host_id=ids[1], status=status, by=by, now=get_settings().now()
        )
    click.echo(f"{bill} folded into {host}: {status.value}")


@main.group()
def goals() -> None:
    """One-year goals per framework item, with the bills that serve them."""


@goals.command("add")
@click.argument("item")
@click.option("--text", required=True, help="The goal, in a sentence.")
@click.option("--year", type=int, help="The year it is for (default: this year).")
@click.option("--measure", default="", help="How progress is measured.")
@click.option("--target", default="", help="What counts as met.")
@click.option("--owner", default="", help="Who owns it.")
@click.option("--bill", "bills", multiple=True, help="A bill that serves it, e.g. HF45.")
@click.option("--note", default="", help="A note on progress.")
def goals_add(
    item: str,
    text: str,
    year: int | None,
    measure: str,
    target: str,
    owner: str,
    bills: tuple[str, ...],
    note: str,
) -> None:
    """Add a goal under a framework item, e.g. amsd-2021/sd-1 --text "Fund special education"."""
    now = get_settings().now()
    with open_db(upgrade_first=True) as db:
        bill_ids = []
        for text_ in bills:
            row = store.find_bill(db, find_bill_key(db, text_))
            if row is None or row.id is None:
                raise click.ClickException(f"{text_} is not in the database")
            bill_ids.append(row.id)
        try:
            goal = add_goal(
                db,
                item_key=item,
                year=year or now.astimezone(CENTRAL).year,
                text=text,
                measure=measure,
                target=target,
                owner=owner,
                note=note,
                bill_ids=bill_ids,
                known_items=[i.key for i in current_catalog(db).items],
                by="cli",
                now=now,
            )
        except GoalError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Goal {goal.id} added under {item}")


@goals.command("list")
def goals_list() -> None:
    """Every goal: id, framework item, year, text, measure, target, owner."""
    with open_db() as db:
        for goal in list_goals(db):
            click.echo(
                f"{goal.id:>4}  {goal.item_key:<22} {goal.year}  {goal.text}"
                + (f"  [measure: {goal.measure}; target: {goal.target}]" if goal.measure else "")
                + (f"  owner: {goal.owner}" if goal.owner else "")
            )


def _framework(catalog: Catalog, framework_id: str) -> Framework:
    if not catalog.frameworks:
        raise click.ClickException("no framework is loaded")
    if not framework_id:
        return catalog.frameworks[0]
    for framework in catalog.frameworks:
        if framework.id == framework_id:
            return framework
    known = ", ".join(f.id for f in catalog.frameworks)
    raise click.ClickException(f"no framework {framework_id!r}; known: {known}")


def _echo_foldings(db: Session) -> None:
    bill_ids = sorted({row.bill_id for row in db.exec(select(BillFolding))})
    for bill_id, rows in foldings_of(db, bill_ids).items():
        bill = db.get(Bill, bill_id)
        for row in rows:
            host = db.get(Bill, row.host_id)
            if bill is None or host is None:
                continue
            click.echo(
                f"{store.bill_key(bill)} -> {store.bill_key(host)}  {row.status}  "
                f"{row.confidence:.2f}"
            )
            for said in row.evidence:
                click.echo(f"    {said}")
