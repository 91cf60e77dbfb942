"""Plain-text renderings for the command line: bill lines, timelines, count tables."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from tracker.models import Bill, BillAction
from tracker.present.labels import bill_stage_label
from tracker.rules.dates import CENTRAL
from tracker.rules.hearing_changes import when
from tracker.rules.links import status_page_url
from tracker.rules.stage import governor_deadline
from tracker.store import BillDetail, HearingView, bill_key
from tracker.store.review import QueueEntry
from tracker.store.tags import TagRunCounts
from tracker.tagging.catalog import Catalog
from tracker.vocab import ActionKind, HearingStatus, Stage, StatuteChange, TagTarget


def bill_line(bill: Bill) -> str:
    key = str(bill_key(bill)) + (f" ({bill.special_session}s)" if bill.special_session else "")
    when = _day(bill.last_action_on)
    description = textwrap.shorten(bill.short_description or bill.official_title, 70)
    return f"{key:<12} {Stage(bill.stage).label:<30} {when:<10}  {description}"


# An action's text that ends in a word wanting its object ("referred to", "for comparison
# with", "passed by") reads on into the committee or description; other text takes the
# committee in parentheses and the description after a colon.
_WANTS_OBJECT = re.compile(r"\b(?:to|with|by|from|of|in|for|on)$", re.IGNORECASE)


def action_line(action: BillAction, *, journal: bool = True) -> str:
    """'Introduction and first reading, referred to Education Policy', 'House conferees:
    Pinto, Youakim', 'Committee report, to adopt (Education Finance) (vote 12-4)'."""
    text = action.text.strip()
    committee, description = action.committee_name.strip(), action.description.strip()
    if committee:
        text = f"{text} {committee}" if _WANTS_OBJECT.search(text) else f"{text} ({committee})"
    if description:
        reads_on = not committee and _WANTS_OBJECT.search(text) is not None
        text = f"{text} {description}" if reads_on else f"{text.rstrip(':')}: {description}"
    if action.roll_call:
        text += f" (vote {action.roll_call})"
    if journal and action.journal_page:
        text += f" [pg. {action.journal_page}]"
    return text


def timeline(detail: BillDetail, *, revisor_url: str) -> str:
    bill = detail.bill
    key = bill_key(bill)
    lines = [f"{key}  {detail.session.name}  (revisor no. {bill.revisor_number or 'unknown'})"]
    if bill.short_description:
        lines.append(textwrap.fill(bill.short_description, 88))
    if bill.official_title:
        lines += ["", textwrap.fill(bill.official_title, 88)]
    lines += [
        "",
        f"Stage: {bill_stage_label(bill)}"
        + (f" since {_day(bill.stage_on)}" if bill.stage_on else ""),
    ]
    deadline = governor_window(detail)
    if deadline:
        lines.append(f"The governor has until {_day(deadline)} to sign it (else: pocket veto)")
    if bill.chapter:
        lines.append(f"Session law: chapter {bill.chapter}")
    lines.append(f"Companion: {_companion(detail)}")
    lines.append(f"Status page: {status_page_url(revisor_url, key, bill.year_introduced)}")
    for chamber in ("house", "senate"):
        names = [a.name for a in detail.authors if a.chamber == chamber]
        if names:
            lines.append(
                f"{chamber.title()} authors: {names[0]} (chief)"
                + (", " + ", ".join(names[1:]) if names[1:] else "")
            )
    lines += ["", "Timeline:"]
    for action in detail.actions:
        marker = "*" if _is_milestone(action) else " "
        lines.append(
            f" {marker} {_day(action.action_date):<10}  {action.chamber.title():<6}  "
            + action_line(action)
        )
    if detail.versions:
        lines += ["", "Text versions:"]
        for version in detail.versions:  # posted dates in Central time, as the Revisor shows them
            posted = _day(
                version.posted_at.astimezone(CENTRAL).date() if version.posted_at else None
            )
            lines.append(f"   {posted:<10}  {version.label:<28} {version.html_url}")
    if detail.statutes:
        lines += ["", "Minnesota Statutes affected:"]
        for change in StatuteChange:
            cited = [
                _cite(s.section, s.subdivision) for s in detail.statutes if s.change == change.value
            ]
            if cited:
                lines.append(
                    textwrap.fill(
                        f"   {change.label}: " + ", ".join(cited), 88, subsequent_indent="      "
                    )
                )
    return "\n".join(lines)


def review_lines(entries: Sequence[QueueEntry]) -> list[str]:
    """The review queue as text: one line a bill, then its suggested tags."""
    lines = []
    for entry in entries:
        what = ", ".join("new" if c == "new" else f"{c} changed" for c in entry.changes)
        extra = []
        if entry.takes_position and entry.position is not None:
            extra.append(f"position {entry.position.position}/{entry.position.priority}")
        if entry.hearing is not None:
            hearing = entry.hearing
            extra.append(f"hearing {when(hearing.starts_at, hearing.time_tba)} {hearing.committee}")
        lines.append(f"{bill_line(entry.bill)}")
        lines.append(f"    [{what}]" + (" " + "; ".join(extra) if extra else ""))
        areas = [t for t in entry.suggested if t.target == TagTarget.AREA.value]
        items = len(entry.suggested) - len(areas)
        if areas or items:
            named = ", ".join(f"{t.code} ({t.confidence:.2f})" for t in areas)
            more = f"{items} framework items" if items else ""
            lines.append(
                textwrap.fill(
                    "    suggested: " + "; ".join(part for part in (named, more) if part),
                    92,
                    subsequent_indent="      ",
                )
            )
    return lines


def governor_window(detail: BillDetail) -> date | None:
    """The last day the governor may sign a bill presented at the session's end, if it is."""
    if detail.bill.stage != Stage.SENT_TO_GOVERNOR:
        return None
    return governor_deadline(detail.bill.stage_on, detail.session.adjourned_on)


def tags_view(detail: BillDetail, catalog: Catalog) -> str:
    """The tagger's verdict and each tag with its status and reasons."""
    verdict = detail.relevance
    if verdict is None:
        return "Tags: not tagged yet (run `tracker tag`)"
    judged = "relevant" if verdict.relevant else "not relevant"
    lines = [f"Tags ({verdict.tagger_version}): {judged}, score {verdict.score:.2f}"]
    lines += [f"   - {reason}" for reason in verdict.reasons]
    names = {area.code: area.name for area in catalog.areas}
    names.update({item.key: f"{item.key} {item.label}" for item in catalog.items})
    for tag in detail.tags:
        who = f" by {tag.decided_by}" if tag.decided_by else ""
        label = textwrap.shorten(names.get(tag.code, tag.code), 70)
        lines.append(f"   [{tag.status}{who}] {tag.target} {label} ({tag.confidence:.2f})")
        if tag.target == TagTarget.AREA.value:
            lines += [f"        {reason}" for reason in tag.reasons]
    return "\n".join(lines)


def hearings_view(views: Sequence[HearingView], *, empty: str) -> str:
    """Hearings in time order: when, who, where, status, agenda, and what changed."""
    if not views:
        return empty
    lines = []
    for view in views:
        hearing = view.hearing
        status = (
            ""
            if hearing.status == HearingStatus.SCHEDULED
            else f"  [{hearing.status.replace('_', ' ')}]"
        )
        if hearing.vanished_at is not None:
            status += "  [no longer listed]"
        lines.append(
            f"{when(hearing.starts_at, hearing.time_tba)}  {hearing.chamber.title()}: "
            f"{hearing.committee}{status}"
        )
        if hearing.location:
            lines.append(f"    {hearing.location}")
        for item in view.agenda:
            label = item.text or " / ".join(item.bills)  # a bill listed with no description
            lines.append("    " + textwrap.shorten(f"{item.position}. {label}", 92))
        for change in view.changes:
            seen = (
                change.seen_at.astimezone(CENTRAL).strftime("%Y-%m-%d %H:%M")
                if change.seen_at
                else ""
            )
            detail = " -> ".join(part for part in (change.before, change.after) if part)
            lines.append(f"    changed {seen}: {change.kind} {detail}".rstrip())
    return "\n".join(lines)


class TaggingRun(Protocol):
    @property
    def counts(self) -> TagRunCounts: ...
    @property
    def tagger_version(self) -> str: ...
    @property
    def decisions(self) -> int: ...
    @property
    def learned_version(self) -> str | None: ...


def tagging_view(run: TaggingRun) -> str:
    """What a tagging run did, under the tagger's version and the learned model's."""
    learned = (
        f"learned model {run.learned_version}"
        if run.learned_version
        else f"no learned model yet ({run.decisions} decisions)"
    )
    return counts_table(run.counts.as_dict(), title=f"Tagged with {run.tagger_version}; {learned}")


def counts_table(counts: Mapping[str, int], *, title: str) -> str:
    width = max((len(name) for name in counts), default=0)
    rows = [f"  {name:<{width}}  {value:>6}" for name, value in counts.items()]
    return "\n".join([title, *rows])


def stage_table(bills: Iterable[Bill]) -> dict[str, int]:
    """Bills by stage, dead bills split by how far they got."""
    counts: dict[str, int] = {}
    for bill in bills:
        counts[bill_stage_label(bill)] = counts.get(bill_stage_label(bill), 0) + 1
    order = {stage.label: i for i, stage in enumerate(Stage)}
    return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0].split(" (")[0], 99), kv[0])))


_MILESTONES = {
    ActionKind.INTRODUCTION,
    ActionKind.COMMITTEE_PASSED,
    ActionKind.PASSED,
    ActionKind.REPASSED,
    ActionKind.PRESENTMENT,
    ActionKind.GOVERNOR_APPROVAL,
    ActionKind.VETO,
    ActionKind.CHAPTER,
    ActionKind.CONFERENCE_COMMITTEE,
}


def _is_milestone(action: BillAction) -> bool:
    return any(ActionKind(kind) in _MILESTONES for kind in action.kinds)


def _companion(detail: BillDetail) -> str:
    bill = detail.bill
    if detail.companion is not None:
        return f"{bill_key(detail.companion)} ({bill_stage_label(detail.companion)})"
    if bill.companion_type:
        return f"{bill.companion_type} {bill.companion_number} (not crawled yet)"
    return "none"


def _cite(section: str, subdivision: str) -> str:
    return f"{section}, subd. {subdivision}" if subdivision else section


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""
