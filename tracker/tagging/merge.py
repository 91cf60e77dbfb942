"""How a fresh tagger result meets the tags a bill already has.

A person's decision (a tag confirmed, rejected or added by hand) is never touched. The
tagger's own undecided suggestions are refreshed when it still makes them and withdrawn
when it no longer does; a suggestion is not a decision, so nothing a person said is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.tagging.tagger import TagResult
from tracker.vocab import TagTarget

TagKey = tuple[TagTarget, str]


@dataclass(frozen=True)
class Suggestion:
    target: TagTarget
    code: str
    confidence: float
    reasons: tuple[str, ...]

    @property
    def key(self) -> TagKey:
        return (self.target, self.code)


@dataclass(frozen=True)
class StoredTag:
    target: TagTarget
    code: str
    decided: bool
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()

    @property
    def key(self) -> TagKey:
        return (self.target, self.code)


@dataclass(frozen=True)
class TagPlan:
    add: tuple[Suggestion, ...] = ()
    refresh: tuple[Suggestion, ...] = ()
    withdraw: tuple[TagKey, ...] = ()
    decisions_kept: int = 0

    @property
    def changes(self) -> bool:
        return bool(self.add or self.refresh or self.withdraw)


def suggestions_of(result: TagResult) -> list[Suggestion]:
    areas = [
        Suggestion(TagTarget.AREA, tag.code, tag.confidence, tag.reasons)
        for tag in result.issue_areas
    ]
    items = [
        Suggestion(TagTarget.ITEM, tag.key, tag.confidence, tag.reasons)
        for tag in result.framework_items
    ]
    return areas + items


def plan_tags(stored: Iterable[StoredTag], suggestions: Iterable[Suggestion]) -> TagPlan:
    existing = {tag.key: tag for tag in stored}
    fresh = {suggestion.key: suggestion for suggestion in suggestions}
    add, refresh = [], []
    for key, suggestion in fresh.items():
        tag = existing.get(key)
        if tag is None:
            add.append(suggestion)
        elif not tag.decided and (tag.confidence, tag.reasons) != (
            suggestion.confidence,
            suggestion.reasons,
        ):
            refresh.append(suggestion)
    withdraw = [key for key, tag in existing.items() if not tag.decided and key not in fresh]
    return TagPlan(
        add=tuple(add),
        refresh=tuple(refresh),
        withdraw=tuple(sorted(withdraw)),
        decisions_kept=sum(1 for tag in existing.values() if tag.decided),
    )
