"""The report's charts, drawn by matplotlib (its object API: no pyplot, no screen) as SVG:
outcomes against positions per direction, and the stage funnel. Each comes back as a `data:`
URI an <img> can show (in the web app, whose Content-Security-Policy allows data: images, and
in the PDF)."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from tracker.progress.report import QuarterlyReport

COLORS = {
    "Won: enacted": "#1b7a3e",
    "Won: folded in": "#6cc08b",
    "Lost": "#c0392b",
    "Still open": "#b8c4d0",
}


def _svg_uri(figure: Figure) -> str:
    out = io.BytesIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def outcomes_chart(report: QuarterlyReport) -> str:
    """One bar per direction or belief: the bills won (enacted, folded in), lost, open."""
    labels: list[str] = []
    series: dict[str, list[int]] = {name: [] for name in COLORS}
    for heading in report.headings:
        tally = heading.change.now
        if not heading.item.bill_topic and not heading.outcomes:
            continue  # a direction no bill bears on: an empty bar says nothing
        labels.append(f"{heading.item.code}  {heading.item.short_label}")
        series["Won: enacted"].append(tally.wins - tally.folded_wins)
        series["Won: folded in"].append(tally.folded_wins)
        series["Lost"].append(tally.losses)
        series["Still open"].append(tally.pending)
    figure = Figure(figsize=(7.5, 0.45 * max(len(labels), 2) + 0.9))
    axes = figure.subplots()
    left = [0] * len(labels)
    for name, values in series.items():
        axes.barh(labels, values, left=left, color=COLORS[name], label=name)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlim(left=0, right=max(max(left, default=0), 1))
    axes.set_xlabel("Bills with a position")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.set_title("Outcomes against positions", fontsize=11, loc="left")
    _tidy(axes)
    return _svg_uri(figure)


def funnel_chart(funnel: Sequence[tuple[str, int]]) -> str:
    """How many of the plan's bills reached each stage (as far as each got)."""
    labels = [label for label, _ in funnel]
    counts = [count for _, count in funnel]
    figure = Figure(figsize=(7.5, 3.0))
    axes = figure.subplots()
    bars = axes.barh(labels, counts, color="#0b5cad")
    axes.bar_label(bars, padding=3, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(left=0, right=max(max(counts, default=0), 1) * 1.08)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("Bills tagged to the plan")
    axes.set_title("How far the plan's bills got", fontsize=11, loc="left")
    _tidy(axes)
    return _svg_uri(figure)


def _tidy(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)
