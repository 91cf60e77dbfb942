"""Commands on priorities: frameworks, tagging bills, batch classification, evaluation."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from jobs.tag import run_tagging
from tracker.cli.app import main
from tracker.cli.common import open_db
from tracker.config import get_settings
from tracker.present.text import tagging_view
from tracker.store.frameworks import current_catalog, load_framework_file
from tracker.tagging.batch import classify_lines
from tracker.tagging.catalog import CatalogError, load_catalog
from tracker.tagging.evaluation import evaluate, format_report, parse_labels
from tracker.tagging.tagger import compile_catalog

# -- frameworks --------------------------------------------------------------------------


@main.group()
def frameworks() -> None:
    """The strategic plans bills are tagged to."""


@frameworks.command("list")
def frameworks_list() -> None:
    """Every framework: id, organization, plan, items by kind."""
    with open_db(upgrade_first=True) as db:
        catalog = current_catalog(db)
    for framework in catalog.frameworks:
        kinds = Counter(item.kind for item in framework.items)
        summary = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(kinds.items()))
        click.echo(f"{framework.id:<18} {framework.organization}: {framework.name}")
        click.echo(f"{'':<18} {len(framework.items)} items ({summary})")


@frameworks.command("show")
@click.argument("framework_id")
def frameworks_show(framework_id: str) -> None:
    """A framework's items, nested as in the plan, with the issue areas that serve each."""
    with open_db(upgrade_first=True) as db:
        catalog = current_catalog(db)
    chosen = next((f for f in catalog.frameworks if f.id == framework_id), None)
    if chosen is None:
        known = ", ".join(f.id for f in catalog.frameworks)
        raise click.ClickException(f"no framework {framework_id!r}; known: {known}")
    click.echo(f"{chosen.organization}: {chosen.name} ({chosen.year})")
    click.echo(f"Source: {chosen.source}")
    served_by: dict[str, list[str]] = {}
    for area in catalog.areas:
        for key in area.serves:
            served_by.setdefault(key, []).append(area.name)
    depth = {item.code: 0 for item in chosen.items}
    for item in chosen.items:
        depth[item.code] = depth[item.parent] + 1 if item.parent else 0
        indent = "  " * depth[item.code]
        click.echo(f"\n{indent}[{item.code}] {item.kind.replace('_', ' ')}: {item.label}")
        if item.key in served_by:
            click.echo(f"{indent}  areas: {', '.join(served_by[item.key])}")


@frameworks.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def frameworks_load(file: Path) -> None:
    """Add a framework file (TOML, the format of tracker/tagging/data/frameworks/*.toml)."""
    try:
        with open_db(upgrade_first=True) as db:
            framework, replaced = load_framework_file(db, file, now=get_settings().now())
    except CatalogError as error:
        raise click.ClickException(f"nothing loaded: {error}") from error
    verb = "Replaced" if replaced else "Loaded"
    click.echo(f"{verb} {framework.id}: {framework.name} ({len(framework.items)} items)")
    click.echo("Run `tracker tag` to tag bills to it.")


# -- tag ---------------------------------------------------------------------------------


@main.command()
@click.option("--all", "everything", is_flag=True, help="Re-tag every bill.")
@click.option(
    "--changed", is_flag=True, help="Tag bills whose title, text or statutes changed (default)."
)
def tag(everything: bool, changed: bool) -> None:
    """Tag bills to issue areas and framework items; people's decisions are kept."""
    if everything and changed:
        raise click.UsageError("--all and --changed exclude each other")
    with open_db(upgrade_first=True) as db:
        report = run_tagging(db, now=get_settings().now(), everything=everything)
    click.echo(tagging_view(report))


@main.command()
def classify() -> None:
    """Tag bills given as JSON lines on stdin; one JSON line per bill on stdout."""
    tagger = compile_catalog(load_catalog())
    for line in classify_lines(sys.stdin, tagger):
        click.echo(line)


@main.group()
def tagger() -> None:
    """Measure the tagger."""


@tagger.command("eval")
@click.option(
    "--labels",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="JSON lines: {id, title, is_education, issue_areas?, statutes?, ...}.",
)
def tagger_eval(labels: Path) -> None:
    """Precision, recall and F1 against labels, beside a keyword baseline."""
    try:
        bills = parse_labels(labels.read_text(encoding="utf-8").splitlines(), str(labels))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(format_report(evaluate(bills, compile_catalog(load_catalog()))))
