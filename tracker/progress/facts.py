"""What progress is measured from: plain frozen records gathered by `tracker.progress.load`
(or built by hand in tests and the benchmark). No database here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from tracker.rules.stage import StagedAction
from tracker.vocab import BillType, FindingStatus, Position, Priority


@dataclass(frozen=True)
class FoldedInto:
    host_id: int
    confidence: float
    status: FindingStatus
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class BillProgress:
    id: int
    citation: str  # "H.F. 45"
    title: str
    url: str  # the bill's page in the web app
    bill_type: BillType
    closes_on: date | None
    actions: tuple[StagedAction, ...] = ()
    tags: frozenset[str] = frozenset()  # area codes and item keys, not rejected
    position: Position = Position.NONE
    priority: Priority = Priority.NONE
    position_days: tuple[date, ...] = ()  # days a position (not "none") was set
    hearings: tuple[tuple[int, date], ...] = ()  # (hearing id, day) it was on the agenda
    companion_id: int | None = None
    folded_into: tuple[FoldedInto, ...] = ()


@dataclass(frozen=True)
class Goal:
    id: int
    item_key: str
    year: int
    text: str
    measure: str = ""
    target: str = ""
    owner: str = ""
    note: str = ""
    bill_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ProgressFacts:
    bills: Mapping[int, BillProgress]
    goals: tuple[Goal, ...] = ()
    association: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)  # code or item key -> label
