"""A catalog compiled for tagging: phrase matchers and a statute index, built once.

Every phrase of every area and of the relevance rules goes into one matcher (one regular
expression), each phrase carrying what it is evidence for: `PhraseTargets`. A phrase that
several areas list carries all of them. A phrase listed as misleading cancels whatever it
overlaps, unless some area lists it as a phrase of its own ("financial literacy" is
misleading for literacy but a phrase of curriculum mandates): then it counts for that area
only, which is the point of listing it as misleading for the other.

A longer phrase also keeps the relevance of the general words inside it: "school property"
(a weak safety phrase) still counts as much as "school" does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.rules.statutes import Cite
from tracker.tagging.catalog import Catalog, StatuteSpec
from tracker.tagging.evidence import Weights
from tracker.tagging.phrases import PhraseMatcher, phrase_key


@dataclass(frozen=True)
class PhraseTargets:
    phrase: str
    areas: tuple[tuple[str, float], ...]
    relevance: float


@dataclass
class _Draft:
    phrase: str
    areas: dict[str, float] = field(default_factory=dict)
    relevance: float = 0.0

    def want(self, area: str | None, weight: float, relevance: float) -> None:
        if area is not None:
            self.areas[area] = max(self.areas.get(area, 0.0), weight)
        self.relevance = max(self.relevance, relevance)


def _sample_text(phrase: str) -> str:
    """A phrase as text it would match, to find the general words inside it."""
    return phrase.replace("*", "").replace("#", "1")


def build_matcher(
    general: Iterable[tuple[str, float]],
    by_area: Iterable[tuple[str, str, float, float]],
    misleading: Iterable[str],
) -> PhraseMatcher[PhraseTargets | None]:
    """general: (phrase, relevance); by_area: (area, phrase, area weight, relevance)."""
    spellings: dict[str, list[str]] = {}
    drafts: dict[str, _Draft] = {}
    general_relevance: dict[str, float] = {}
    for phrase, relevance in general:
        key = _spelled(spellings, phrase)
        drafts.setdefault(key, _Draft(phrase)).want(None, 0.0, relevance)
        general_relevance[key] = max(general_relevance.get(key, 0.0), relevance)
    for area, phrase, weight, relevance in by_area:
        key = _spelled(spellings, phrase)
        drafts.setdefault(key, _Draft(phrase)).want(area, weight, relevance)
    cancel = {
        key: None for key in (_spelled(spellings, p) for p in misleading) if key not in drafts
    }

    plain: PhraseMatcher[float | None] = PhraseMatcher(
        [(p, relevance) for key, relevance in general_relevance.items() for p in spellings[key]]
        + [(p, None) for key in cancel for p in spellings[key]]
    )
    for draft in drafts.values():
        inside = [m.payload for m in plain.find(_sample_text(draft.phrase)) if m.payload]
        draft.relevance = max([draft.relevance, *inside])

    entries: list[tuple[str, PhraseTargets | None]] = []
    for key, draft in drafts.items():
        targets = PhraseTargets(draft.phrase, tuple(sorted(draft.areas.items())), draft.relevance)
        entries += [(spelling, targets) for spelling in spellings[key]]
    entries += [(spelling, None) for key in cancel for spelling in spellings[key]]
    return PhraseMatcher(entries)


def _spelled(spellings: dict[str, list[str]], phrase: str) -> str:
    """Record a spelling of a phrase under its key; return the key."""
    key = phrase_key(phrase)
    known = spellings.setdefault(key, [])
    if phrase.lower() not in (p.lower() for p in known):
        known.append(phrase)
    return key


@dataclass(frozen=True)
class StatuteHit:
    area: str
    label: str


class StatuteIndex:
    """Which areas a cite belongs to, at the most specific level any area names."""

    LEVELS = ("subdivision", "section", "chapter")

    def __init__(self, specs: Iterable[tuple[str, StatuteSpec]]):
        self._by_key: dict[tuple[str, ...], list[StatuteHit]] = {}
        for area, spec in specs:
            self._by_key.setdefault(_key(spec.cite), []).append(StatuteHit(area, spec.label))

    def lookup(self, cite: Cite) -> tuple[str, list[StatuteHit]]:
        """(level, hits) at the most specific level with a hit; ("", []) when none."""
        for level, key in zip(self.LEVELS, _lookup_keys(cite), strict=True):
            if key and key in self._by_key:
                return level, self._by_key[key]
        return "", []


def _key(cite: Cite) -> tuple[str, ...]:
    if cite.subdivision:
        return ("subdivision", cite.section, cite.subdivision)
    if cite.section:
        return ("section", cite.section)
    return ("chapter", cite.chapter)


def _lookup_keys(cite: Cite) -> tuple[tuple[str, ...] | None, ...]:
    return (
        ("subdivision", cite.section, cite.subdivision) if cite.subdivision else None,
        ("section", cite.section) if cite.section else None,
        ("chapter", cite.chapter),
    )


_TOPIC = re.compile(r"^\s*(?:a bill for an act\s+)?relating to\s+([^;:]+)", re.IGNORECASE)


def official_topic(title: str) -> str | None:
    """'A bill for an act relating to education finance; ...' -> 'education finance'."""
    match = _TOPIC.match(title)
    return match.group(1).strip().rstrip(".") if match else None


class CatalogIndex:
    """Everything `tag_bill` needs from a catalog, compiled once."""

    def __init__(self, catalog: Catalog, weights: Weights):
        rules = catalog.relevance
        misleading = [*rules.misleading, *(p for a in catalog.areas for p in a.misleading)]
        self.phrases = build_matcher(
            [(p, weights.relevance_phrase) for p in rules.phrases]
            + [(p, weights.relevance_moderate_phrase) for p in rules.moderate_phrases]
            + [(p, weights.relevance_weak_phrase) for p in rules.weak_phrases],
            [
                (a.code, p, weights.area_phrase, weights.area_phrase_relevance)
                for a in catalog.areas
                for p in a.phrases
            ]
            + [
                (a.code, p, weights.area_weak_phrase, weights.area_weak_phrase_relevance)
                for a in catalog.areas
                for p in a.weak_phrases
            ],
            misleading,
        )
        self.committees = build_matcher(
            [(p, weights.committee_relevance) for p in rules.committees]
            + [(p, weights.weak_committee_relevance) for p in rules.weak_committees],
            [(a.code, p, weights.committee_area, 0.0) for a in catalog.areas for p in a.committees],
            misleading,
        )
        self.topics = build_matcher(
            ((topic, weights.education_topic) for topic in rules.education_topics), (), misleading
        )
        self.statutes = StatuteIndex((a.code, s) for a in catalog.areas for s in a.statutes)
        self.shared_statutes = StatuteIndex(
            (a.code, s) for a in catalog.areas for s in a.shared_statutes
        )
        self.chapters = {spec.cite.chapter: spec.label for spec in rules.chapters}
        self.area_names = {a.code: a.name for a in catalog.areas}
        self.yielding = frozenset(a.code for a in catalog.areas if a.yields)
        self.items = {item.key: item for item in catalog.items}
        self.area_items = {a.code: self._with_ancestors(a.serves) for a in catalog.areas}
        # The plan's own words for its items: one matcher, each phrase carrying its items.
        worded: dict[str, list[str]] = {}
        for item in catalog.items:
            if item.bill_topic:
                for phrase in item.phrases:
                    worded.setdefault(phrase_key(phrase), [phrase]).append(item.key)
        # Found as written only: a plan's words are few, and loosely they would find much.
        self.item_phrases: PhraseMatcher[tuple[str, ...]] = PhraseMatcher(
            ((keys[0], self._with_ancestors(keys[1:])) for keys in worded.values()), loose=False
        )

    def _with_ancestors(self, keys: Iterable[str]) -> tuple[str, ...]:
        """The items an area serves, each followed by the items it nests under."""
        found: dict[str, None] = {}
        for key in keys:
            while key and key not in found:
                item = self.items[key]
                if item.bill_topic:
                    found[key] = None
                key = f"{item.framework}/{item.parent}" if item.parent else ""
        return tuple(found)

    def is_education_topic(self, topic: str) -> bool:
        """Whether an official title's "relating to" topic is education."""
        return any(match.payload for match in self.topics.find(topic))
