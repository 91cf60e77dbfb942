"""What changed between two sightings of one hearing, in words a lobbyist reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.rules.dates import CENTRAL
from tracker.vocab import HearingStatus


@dataclass(frozen=True)
class HearingSnapshot:
    starts_at: datetime
    time_tba: bool
    location: str
    status: str
    bills: tuple[str, ...]  # "HF 2", in agenda order


@dataclass(frozen=True)
class Change:
    kind: str  # canceled, reinstated, status, time, location, bill added, bill removed
    before: str = ""
    after: str = ""


def when(starts_at: datetime, time_tba: bool) -> str:
    local = starts_at.astimezone(CENTRAL)
    day = f"{local:%a} {local:%b} {local.day}"
    if time_tba:
        return f"{day}, time to be announced"
    return f"{day} {local:%I:%M %p}".replace(" 0", " ")


def changes_between(old: HearingSnapshot, new: HearingSnapshot) -> list[Change]:
    changes = []
    if new.status != old.status:
        if new.status == HearingStatus.CANCELED:
            changes.append(Change("canceled", old.status, new.status))
        elif old.status == HearingStatus.CANCELED:
            changes.append(Change("reinstated", old.status, new.status))
        else:
            changes.append(Change("status", old.status, new.status))
    if (old.starts_at, old.time_tba) != (new.starts_at, new.time_tba):
        changes.append(
            Change("time", when(old.starts_at, old.time_tba), when(new.starts_at, new.time_tba))
        )
    if new.location != old.location:
        changes.append(Change("location", old.location, new.location))
    changes += [Change("bill added", after=b) for b in new.bills if b not in old.bills]
    changes += [Change("bill removed", before=b) for b in old.bills if b not in new.bills]
    return changes
