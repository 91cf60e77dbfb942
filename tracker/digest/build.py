"""Build one member's digest for one week from a `DigestInput`. Pure: no database, no IO.

Order follows what association updates lead with: action alerts, then what moved (grouped
by the member's priorities), new bills, the week's hearings, and bills enacted or vetoed.
What is the same for every member (companion pairs, stages, each bill's line) is worked out
once per week (`prepare`); each member's digest then only picks and groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from tracker.digest.asks import DECISIVE, Situation, suggest_action
from tracker.digest.inputs import (
    BillFact,
    DigestInput,
    DigestWindow,
    HearingFact,
    LegislatorFact,
    PositionFact,
    PriorityFact,
)
from tracker.digest.model import Alert, BillLine, Digest, HearingLine, Section, bill_line
from tracker.models import Member
from tracker.rules.stage import FLOOR_KINDS, RANK
from tracker.vocab import ActionKind, Chamber, Stage

PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2, "none": 3}
OTHER_PRIORITIES = "Other association priorities"
OTHER_TRACKED = "Other bills the association follows"
# Lines per section and per part of the digest: past these a section says "and N more".
# Gmail clips an email past ~100 KB, and nobody reads 300 bills in an email.
MAX_SECTION_LINES = 10
MAX_PART_LINES = 40


@dataclass(frozen=True)
class Unit:
    """A bill and its companion (House file first), cited and judged together."""

    id: int  # the lower bill id of the pair
    bills: tuple[BillFact, ...]
    stage: Stage  # the furthest of the pair at the week's end
    leading: BillFact  # the bill that went furthest
    tags: frozenset[str]
    position: PositionFact


@dataclass(frozen=True)
class PreparedWeek:
    units: dict[int, Unit]
    unit_of_bill: dict[int, int]
    lines: dict[int, BillLine]
    moved_lines: dict[int, BillLine]
    moved: tuple[int, ...]
    introduced: tuple[int, ...]
    decisive: tuple[int, ...]  # units at a decisive stage on which the association took a side
    enacted: tuple[int, ...]
    vetoed: tuple[int, ...]
    agenda: dict[int, tuple[int, ...]]  # hearing id -> units on its agenda, in order
    readers: dict[tuple[tuple[str, ...], bool], Reader] = field(default_factory=dict)
    alerts: dict[tuple[int, int | None, tuple[str, ...]], Alert] = field(default_factory=dict)


def _make_unit(inputs: DigestInput, bill: BillFact) -> Unit:
    companion = inputs.bills.get(bill.companion_id) if bill.companion_id else None
    pair = sorted(
        [bill] if companion is None else [bill, companion],
        key=lambda b: (b.key.bill_type.chamber is not Chamber.HOUSE, b.key.number),
    )
    stage_at_end = inputs.week.stage_at_end
    leading = max(pair, key=lambda b: (RANK.get(stage_at_end[b.id], 0), -pair.index(b)))
    return Unit(
        id=min(b.id for b in pair),
        bills=tuple(pair),
        stage=stage_at_end[leading.id],
        leading=leading,
        tags=frozenset().union(*(b.tags for b in pair)),
        position=next((b.position for b in pair if b.position), PositionFact("none")),
    )


def prepare(inputs: DigestInput) -> PreparedWeek:
    """The week's facts shared by every member, computed on first use and kept on `inputs`."""
    cached = inputs.memo.get("prepared")
    if isinstance(cached, PreparedWeek):
        return cached
    week = inputs.week
    units: dict[int, Unit] = {}
    unit_of_bill: dict[int, int] = {}
    for bill_id in sorted(inputs.bills):
        unit = units.get(unit_of_bill.get(bill_id, -1)) or _make_unit(inputs, inputs.bills[bill_id])
        units.setdefault(unit.id, unit)
        for bill in unit.bills:
            unit_of_bill[bill.id] = unit.id

    def unit_ids(bill_ids: Iterable[int]) -> tuple[int, ...]:
        return tuple(sorted({unit_of_bill[i] for i in bill_ids}))

    def reached(stage: Stage) -> tuple[int, ...]:
        ids = (i for i, s in week.stage_at_end.items() if s is stage)
        return unit_ids(i for i in ids if week.stage_at_start[i] is not stage)

    moved = unit_ids(i for i in week.moved if i not in week.introduced)
    prepared = PreparedWeek(
        units=units,
        unit_of_bill=unit_of_bill,
        lines={
            uid: bill_line(inputs, u.bills, u.stage, u.leading, u.position)
            for uid, u in units.items()
        },
        moved_lines={
            uid: bill_line(
                inputs,
                units[uid].bills,
                units[uid].stage,
                units[uid].leading,
                units[uid].position,
                with_week=True,
            )
            for uid in moved
        },
        moved=moved,
        introduced=unit_ids(week.introduced),
        decisive=tuple(
            uid for uid, u in units.items() if u.stage in DECISIVE and u.position.takes_side
        ),
        enacted=reached(Stage.ENACTED),
        vetoed=tuple(sorted(reached(Stage.VETOED) + reached(Stage.POCKET_VETOED))),
        agenda={
            hearing.id: tuple(
                dict.fromkeys(unit_of_bill[i] for i in hearing.bill_ids if i in unit_of_bill)
            )
            for hearing in inputs.hearings
        },
    )
    inputs.memo["prepared"] = prepared
    return prepared


# -- the member's priorities ---------------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    """What one member follows, as the builder uses it."""

    priorities: tuple[PriorityFact, ...]
    follows_all: bool
    memo: dict[int, str | None] = field(default_factory=dict, compare=False)

    def section_of(self, unit: Unit) -> str | None:
        if unit.id not in self.memo:
            self.memo[unit.id] = self._section_of(unit)
        return self.memo[unit.id]

    def _section_of(self, unit: Unit) -> str | None:
        for priority in self.priorities:
            if priority.matches & unit.tags:
                return priority.label
        position = unit.position
        if position.takes_side and (position.priority == "high" or position.urgent):
            return OTHER_PRIORITIES
        return OTHER_TRACKED if self.follows_all else None

    @property
    def order(self) -> list[str]:
        return [p.label for p in self.priorities] + [OTHER_PRIORITIES, OTHER_TRACKED]


def reader_of(inputs: DigestInput, prepared: PreparedWeek, member: Member) -> Reader:
    """The member's reader, shared by every member who follows the same things."""
    codes = tuple(member.follows or inputs.default_priorities)
    key = (codes, not member.follows)
    if key not in prepared.readers:
        priorities = tuple(inputs.priorities[code] for code in codes if code in inputs.priorities)
        prepared.readers[key] = Reader(priorities, follows_all=not member.follows)
    return prepared.readers[key]


def _line_order(line: BillLine) -> tuple[int, str]:
    return (PRIORITY_ORDER.get(line.priority, 3), line.citation)


# -- links to the same lists in the web app (paths from its root) ------------------------------


def bills_link(window: DigestWindow, priority: PriorityFact | None = None) -> str:
    """The tracked bills changed since the review week began, on one priority if given: an
    issue area, a framework item, or a whole framework (its matrix)."""
    params = {"tracked": "1", "changed_since": window.review.start.isoformat()}
    if priority is not None and "/" in priority.code:
        params["item"] = priority.code
    elif priority is not None and priority.code in priority.matches:
        params["area"] = priority.code
    elif priority is not None:
        return "/matrix?" + urlencode({"framework": priority.code})
    return "/bills?" + urlencode(params)


def hearings_link(window: DigestWindow) -> str:
    return "/hearings?" + urlencode({"week": window.monday.isoformat(), "tracked": "1"})


def _sections(
    prepared: PreparedWeek,
    reader: Reader,
    unit_ids: Iterable[int],
    lines: dict[int, BillLine],
    window: DigestWindow,
) -> tuple[Section, ...]:
    grouped: dict[str, list[BillLine]] = {}
    for uid in unit_ids:
        title = reader.section_of(prepared.units[uid])
        if title is not None:
            grouped.setdefault(title, []).append(lines[uid])
    priorities = {priority.label: priority for priority in reader.priorities}
    sections, room = [], MAX_PART_LINES
    for title in dict.fromkeys(reader.order):
        if title in grouped:
            found = sorted(grouped[title], key=_line_order)
            shown = found[: max(0, min(MAX_SECTION_LINES, room))]
            room -= len(shown)
            link = bills_link(window, priorities.get(title))
            sections.append(Section(title, tuple(shown), len(found) - len(shown), link))
    return tuple(sections)


# -- alerts --------------------------------------------------------------------------------


def _floor_chamber(unit: Unit) -> Chamber:
    floor = [a for a in unit.leading.actions if FLOOR_KINDS & set(a.kinds)]
    return floor[-1].chamber if floor else unit.leading.key.bill_type.chamber


def _committee_in(unit: Unit, chamber: Chamber) -> str:
    for bill in unit.bills:
        referrals = [
            a.committee
            for a in bill.actions
            if a.chamber is chamber and ActionKind.REFERRAL in a.kinds and a.committee
        ]
        if referrals:
            return referrals[-1]
    return ""


def situation_of(
    unit: Unit, own: tuple[LegislatorFact, ...], hearing: HearingFact | None
) -> Situation:
    passed = {Stage.PASSED_HOUSE: Chamber.HOUSE, Stage.PASSED_SENATE: Chamber.SENATE}
    next_chamber = passed[unit.stage].other if unit.stage in passed else None
    return Situation(
        citation=" / ".join(b.key.citation for b in unit.bills),
        stage=unit.stage,
        position=unit.position.position,
        talking_points=unit.position.talking_points,
        hearing=hearing,
        own=own,
        floor_chamber=_floor_chamber(unit),
        next_chamber=next_chamber,
        next_committee=_committee_in(unit, next_chamber) if next_chamber else "",
    )


def _alerts(
    inputs: DigestInput, prepared: PreparedWeek, member: Member, reader: Reader
) -> tuple[Alert, ...]:
    def alertable(unit: Unit) -> bool:
        return unit.position.takes_side and reader.section_of(unit) is not None

    own = inputs.legislators_of(member.districts)
    alerts: list[Alert] = []
    heard: set[int] = set()
    for hearing in inputs.hearings:
        if hearing.canceled:
            continue
        uids = prepared.agenda[hearing.id]
        for unit in (prepared.units[uid] for uid in uids):
            if alertable(unit):
                heard.add(unit.id)
                reason = f"On the agenda of {hearing.label}, {hearing.when}"
                reason += f" ({hearing.location})" if hearing.location else ""
                alerts.append(_alert(prepared, unit, own, reason, hearing))
    for unit in (prepared.units[uid] for uid in prepared.decisive):
        if unit.id not in heard and alertable(unit):
            alerts.append(_alert(prepared, unit, own, unit.stage.label, None))
    return tuple(sorted(alerts, key=_alert_order))


def _alert(
    prepared: PreparedWeek,
    unit: Unit,
    own: tuple[LegislatorFact, ...],
    reason: str,
    hearing: HearingFact | None,
) -> Alert:
    key = (unit.id, hearing.id if hearing else None, tuple(o.key for o in own))
    if key in prepared.alerts:
        return prepared.alerts[key]
    action = suggest_action(situation_of(unit, own, hearing))
    line = prepared.lines[unit.id]
    if hearing is not None:
        summary = f"{line.citation} before {hearing.weekday}'s hearing in {hearing.label}"
    else:
        summary = f"{line.citation}, {unit.stage.label.lower()}"
    at = hearing.starts_at if hearing else None
    prepared.alerts[key] = Alert(line, reason, summary, action, unit.position.urgent, at)
    return prepared.alerts[key]


def _alert_order(alert: Alert) -> tuple[bool, int, float, str]:
    at = alert.starts_at.timestamp() if alert.starts_at else float("inf")
    return (not alert.urgent, PRIORITY_ORDER.get(alert.bill.priority, 3), at, alert.bill.citation)


# -- the digest ----------------------------------------------------------------------------


def _hearings(
    inputs: DigestInput, prepared: PreparedWeek, reader: Reader
) -> tuple[HearingLine, ...]:
    lines = []
    for hearing in sorted(inputs.hearings, key=lambda h: (h.starts_at, h.label)):
        uids = prepared.agenda[hearing.id]
        shown = [uid for uid in uids if reader.section_of(prepared.units[uid]) is not None]
        if not shown:
            continue
        note = "Canceled" if hearing.canceled else ""
        if not note and hearing.changes:
            note = "Changed: " + ", ".join(dict.fromkeys(hearing.changes))
        lines.append(
            HearingLine(
                when=hearing.when,
                committee=hearing.label,
                location=hearing.location,
                note=note,
                url=hearing.url,
                bills=tuple(prepared.lines[uid] for uid in shown),
            )
        )
    return tuple(lines)


def _headline(
    alerts: tuple[Alert, ...],
    moved: tuple[Section, ...],
    hearings: tuple[HearingLine, ...],
    enacted: tuple[BillLine, ...],
) -> str:
    if alerts:
        more = f" (and {len(alerts) - 1} more)" if len(alerts) > 1 else ""
        return f"Action needed: {alerts[0].summary}{more}"
    if enacted:
        return f"{enacted[0].citation} became law: {enacted[0].title}"
    moved_count = sum(len(section.bills) for section in moved)
    if moved_count or hearings:
        return f"{moved_count} of your bills moved; {len(hearings)} hearings ahead"
    return "A quiet week for your priorities"


def build_digest(inputs: DigestInput, member: Member, week_monday: date) -> Digest:
    """The member's digest for the week of `week_monday` (the Monday it goes out)."""
    if week_monday != inputs.window.monday:
        raise ValueError(f"inputs were gathered for {inputs.window.monday}, not {week_monday}")
    prepared = prepare(inputs)
    reader = reader_of(inputs, prepared, member)

    def finished(unit_ids: tuple[int, ...]) -> tuple[BillLine, ...]:
        units = (prepared.units[uid] for uid in unit_ids)
        return tuple(prepared.lines[u.id] for u in units if reader.section_of(u) is not None)

    window = inputs.window
    moved = _sections(prepared, reader, prepared.moved, prepared.moved_lines, window)
    hearings = _hearings(inputs, prepared, reader)
    enacted = finished(prepared.enacted)
    alerts = _alerts(inputs, prepared, member, reader)
    return Digest(
        member_id=member.id,
        member_name=member.name,
        member_email=member.email,
        organization=member.organization,
        window=inputs.window,
        association=inputs.association,
        headline=_headline(alerts, moved, hearings, enacted),
        alerts=alerts,
        moved=moved,
        new_bills=_sections(prepared, reader, prepared.introduced, prepared.lines, window),
        hearings=hearings,
        enacted=enacted,
        vetoed=finished(prepared.vetoed),
        legislators=inputs.legislators_of(member.districts),
        member_salt=member.token_salt,
        hearings_link=hearings_link(window),
        finished_link=bills_link(window),
        quarter=inputs.quarter if member.quarterly_summary else None,
    )
