"""Fit a digest under Gmail's clipping limit. Pure: sizes in, a shorter digest out.

Gmail clips an email whose HTML passes about 102 KB and hides the rest, the unsubscribe link
included. The action alerts come first and each stays whole: they take what they need
(only a week with more alerts than fit at all loses its last, least urgent ones, counted).
What is left is shared among the other parts (hearings, what moved, new bills, enacted and
vetoed), each getting what it needs or an equal share of what remains, and within "what
moved" and "new bills" among their sections the same way. A part keeps its first entries
(the most important come first) and says how many more there are, with a link to the same
list in the web app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from tracker.digest.model import Alert, BillLine, Digest, HearingLine, Section

LIMIT = 100_000  # bytes of HTML, under Gmail's ~102 KB clipping
OVERFLOW_BYTES = 400  # what an "... and N more" line with its link costs, inlined
HEARING_BYTES = 200  # a hearing's heading and place, inlined, without its bills (at least)

LineSize = Callable[[BillLine, bool], int]  # (line, with the week's actions) -> bytes
AlertSize = Callable[[Alert], int]


def share(budget: int, demands: Sequence[int]) -> list[int]:
    """Split `budget` so that each part gets its demand, or an equal share of what the
    smaller demands leave (water-filling). Never more than asked, never below zero."""
    granted = [0] * len(demands)
    left, open_parts = max(budget, 0), sorted(range(len(demands)), key=lambda i: demands[i])
    while open_parts:
        fair = left // len(open_parts)
        index = open_parts.pop(0)
        granted[index] = min(demands[index], fair)
        left -= granted[index]
    return granted


def _keep(sizes: Sequence[int], budget: int) -> int:
    """How many of the first entries fit in `budget`."""
    used = 0
    for count, size in enumerate(sizes):
        used += size
        if used > budget:
            return count
    return len(sizes)


def _hearing_size(hearing: HearingLine, line_size: LineSize) -> int:
    return HEARING_BYTES + sum(line_size(bill, False) for bill in hearing.bills)


def _fit_sections(
    sections: tuple[Section, ...], budget: int, line_size: LineSize, with_week: bool
) -> tuple[Section, ...]:
    sizes = [[line_size(bill, with_week) for bill in s.bills] for s in sections]
    grants = share(budget, [sum(each) + OVERFLOW_BYTES for each in sizes])
    fitted = []
    for section, each, grant in zip(sections, sizes, grants, strict=True):
        kept = _keep(each, grant - OVERFLOW_BYTES)
        cut = len(section.bills) - kept
        fitted.append(replace(section, bills=section.bills[:kept], more=section.more + cut))
    return tuple(fitted)


def content_size(digest: Digest, line_size: LineSize, alert_size: AlertSize) -> int:
    """What the parts `fit` may shorten weigh in the HTML (estimated for hearing headings)."""
    alerts = sum(alert_size(alert) for alert in digest.alerts)
    hearings = sum(_hearing_size(h, line_size) for h in digest.hearings)
    moved = sum(line_size(b, True) for s in digest.moved for b in s.bills)
    new = sum(line_size(b, False) for s in digest.new_bills for b in s.bills)
    finished = sum(line_size(b, False) for b in (*digest.enacted, *digest.vetoed))
    return alerts + hearings + moved + new + finished


def fit(digest: Digest, budget: int, line_size: LineSize, alert_size: AlertSize) -> Digest:
    """The digest with its alerts, hearings, moved, new and finished parts within `budget`
    bytes, the alerts served first."""
    others = [digest.hearings, digest.moved, digest.new_bills, digest.enacted + digest.vetoed]
    reserve = OVERFLOW_BYTES * (1 + sum(1 for part in others if part))
    alert_sizes = [alert_size(alert) for alert in digest.alerts]
    kept_alerts = _keep(alert_sizes, budget - reserve)
    budget -= sum(alert_sizes[:kept_alerts])
    hearing_sizes = [_hearing_size(h, line_size) for h in digest.hearings]
    finished_lines = (*digest.enacted, *digest.vetoed)
    finished = [line_size(b, False) for b in finished_lines]

    def sections_demand(sections: tuple[Section, ...], with_week: bool) -> int:
        lines = sum(line_size(b, with_week) for s in sections for b in s.bills)
        return lines + OVERFLOW_BYTES * len(sections)

    grants = share(
        budget,
        [
            sum(hearing_sizes) + OVERFLOW_BYTES if hearing_sizes else 0,
            sections_demand(digest.moved, True),
            sections_demand(digest.new_bills, False),
            sum(finished) + OVERFLOW_BYTES if finished else 0,
        ],
    )

    kept_hearings = _keep(hearing_sizes, grants[0] - OVERFLOW_BYTES)
    kept_finished = _keep(finished, grants[3] - OVERFLOW_BYTES)
    kept_enacted = min(kept_finished, len(digest.enacted))
    return replace(
        digest,
        alerts=digest.alerts[:kept_alerts],
        alerts_more=digest.alerts_more + len(digest.alerts) - kept_alerts,
        hearings=digest.hearings[:kept_hearings],
        hearings_more=digest.hearings_more + len(digest.hearings) - kept_hearings,
        moved=_fit_sections(digest.moved, grants[1], line_size, with_week=True),
        new_bills=_fit_sections(digest.new_bills, grants[2], line_size, with_week=False),
        enacted=digest.enacted[:kept_enacted],
        vetoed=digest.vetoed[: kept_finished - kept_enacted],
        finished_more=digest.finished_more + len(finished_lines) - kept_finished,
    )
