"""Tag a bill: is it relevant to K-12 / early-learning / P-20 advocacy, which issue areas
does it touch, and which strategic-framework items does it bear on, each with reasons.

    tagger = compile_catalog(load_catalog())      # once
    result = tagger.tag(BillSignals(title=...))   # pure, fast
    # or: tag_bill(signals, catalog)              # same, compiled catalog cached

Evidence, strongest first: statutes in the K-12 code or in an area's law; committee
referrals; the official title's "relating to" topic; phrases in the title and short
description; phrase density in the full text (capped); and, when staff decisions have
trained one, a learned model. Weights and thresholds are in `tracker.tagging.evidence.Weights`.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from tracker.rules.statutes import CHANGE_VERB, bill_statutes, cite_of
from tracker.tagging.catalog import Catalog
from tracker.tagging.evidence import Evidence, Weights
from tracker.tagging.index import CatalogIndex, official_topic

TAGGER_VERSION = "tagger-1.2"


@dataclass(frozen=True)
class BillSignals:
    """What is known of a bill. Only the title is required."""

    title: str
    short_description: str = ""
    statutes: Sequence[str] = ()
    committees: Sequence[str] = ()
    text: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "statutes", tuple(self.statutes))
        object.__setattr__(self, "committees", tuple(self.committees))


@dataclass(frozen=True)
class AreaTag:
    code: str
    name: str
    confidence: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ItemTag:
    framework: str
    code: str
    confidence: float
    reasons: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.framework}/{self.code}"


@dataclass(frozen=True)
class TagResult:
    relevant: bool
    score: float
    issue_areas: tuple[AreaTag, ...]
    framework_items: tuple[ItemTag, ...]
    reasons: tuple[str, ...] = ()
    version: str = TAGGER_VERSION

    def area_codes(self) -> list[str]:
        return [tag.code for tag in self.issue_areas]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class LearnedEvidence(Protocol):
    """What the tagger needs of a learned model (see tracker.tagging.learned.LearnedModel)."""

    version: str

    def evidence(self, signals: BillSignals) -> Mapping[str, float]: ...

    def reason(self, area: str, area_name: str, probability: float) -> str: ...


@dataclass
class _Tally:
    relevance: Evidence = field(default_factory=Evidence)
    areas: defaultdict[str, Evidence] = field(default_factory=lambda: defaultdict(Evidence))


class Tagger:
    """A catalog compiled for tagging. Build once (`compile_catalog`); `tag` is pure."""

    def __init__(self, catalog: Catalog, weights: Weights | None = None):
        self.catalog = catalog
        self.weights = weights or Weights()
        self.index = CatalogIndex(catalog, self.weights)
        digest = hashlib.sha256(
            repr((catalog.areas, catalog.relevance, catalog.frameworks, self.weights)).encode()
        ).hexdigest()
        self.version = f"{TAGGER_VERSION}+catalog.{digest[:8]}"

    def tag(self, signals: BillSignals, *, model: LearnedEvidence | None = None) -> TagResult:
        tally = _Tally()
        school_law = self._statutes(signals, tally)
        self._committees(signals, tally)
        self._phrases(signals, tally, school_law)
        if signals.text:
            self._text(signals.text, tally)
        version = self.version
        if model is not None:
            self._learned(signals, model, tally)
            version = f"{version}+learned.{model.version}"
        return self._result(tally, version)

    # --- evidence ----------------------------------------------------------------------------

    def _statutes(self, signals: BillSignals, tally: _Tally) -> bool | None:
        """Add statute evidence; True if any is school law, None if the bill cites none."""
        w = self.weights
        records = bill_statutes((signals.title, signals.short_description), signals.statutes)
        if not records:
            return None
        school_law = False
        for record in records:
            cite = cite_of(record)
            verb = CHANGE_VERB[record.change]
            where = str(cite) if cite.section else f"chapter {cite.chapter}"
            level, hits = self.index.statutes.lookup(cite)
            chapter_label = self.index.chapters.get(cite.chapter)
            if hits or chapter_label:
                school_law = True
                label = hits[0].label if hits and hits[0].label else chapter_label
                tally.relevance.add(
                    w.school_statute_relevance, f"{verb} Minnesota Statutes {where} ({label})"
                )
                weight = {
                    "subdivision": w.statute_subdivision,
                    "section": w.statute_section,
                    "chapter": w.statute_chapter,
                }.get(level, 0.0)
            else:
                level, hits = self.index.shared_statutes.lookup(cite)
                weight = w.shared_statute_area
                for hit in hits[:1]:
                    tally.relevance.add(
                        w.shared_statute_relevance,
                        f"{verb} Minnesota Statutes {where} ({hit.label}; not school law alone)",
                    )
            for hit in hits:
                label = hit.label or chapter_label or self.index.area_names[hit.area]
                tally.areas[hit.area].add(weight, f"{verb} Minnesota Statutes {where} ({label})")
        if not school_law:
            cited = ", ".join(sorted({r.section for r in records})[:4])
            tally.relevance.note(f"cites no education law ({cited})")
        return school_law

    def _committees(self, signals: BillSignals, tally: _Tally) -> None:
        # An area counts only its strongest committee: referrals nudge an area, and two
        # committees of one subject must not add up to an area on their own.
        nudges: dict[str, tuple[float, str]] = {}
        for committee in signals.committees:
            reason = f"referred to {committee.strip()}"
            for match in self.index.committees.find(committee):
                targets = match.payload
                if targets is None:
                    continue
                tally.relevance.add(targets.relevance, reason)
                for area, weight in targets.areas:
                    if weight > nudges.get(area, (0.0, ""))[0]:
                        nudges[area] = (weight, reason)
        for area, (weight, reason) in nudges.items():
            tally.areas[area].add(weight, reason)

    def _phrases(self, signals: BillSignals, tally: _Tally, school_law: bool | None) -> None:
        w = self.weights
        factor = 1.0
        topic = official_topic(signals.title) or official_topic(signals.short_description)
        if topic is not None:
            if self.index.is_education_topic(topic):
                tally.relevance.add(w.education_topic, f"official title: relating to {topic}")
            else:
                factor *= w.non_education_topic_factor
                tally.relevance.note(f"official title relates to {topic}, not education")
        if school_law is False:
            factor *= w.non_school_statutes_factor
        sources = [("title", signals.title)]
        if signals.short_description.strip() not in ("", signals.title.strip()):
            sources.append(("short description", signals.short_description))
        for source, text in sources:
            for match in self.index.phrases.find(text):
                targets = match.payload
                if targets is None:
                    continue
                reason = f"{source} mentions '{match.text}'"
                tally.relevance.add(targets.relevance * factor, reason)
                for area, weight in targets.areas:
                    tally.areas[area].add(weight * factor, reason)

    def _text(self, text: str, tally: _Tally) -> None:
        w = self.weights
        per_thousand = 1000.0 / max(1, text.count(" ") + 1)
        said = self.index.phrases.tally(text)
        hits: Counter[str] = Counter()
        strength: defaultdict[str, float] = defaultdict(float)
        phrases: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for (targets, phrase), count in said.items():
            if targets is None:  # never: tally leaves out misleading phrases
                continue
            shares = [(area, weight / w.area_phrase) for area, weight in targets.areas]
            if targets.relevance > 0:
                shares.append(("", targets.relevance / w.relevance_phrase))
            for target, share in shares:
                hits[target] += count
                strength[target] += share * count
                phrases[target][phrase] += count
        for target, count in hits.items():
            if count < w.text_min_hits:
                continue
            density = strength[target] * per_thousand
            cap = w.text_relevance_cap if target == "" else w.text_area_cap
            weight = cap * (1.0 - math.exp(-density / w.text_scale))
            top, top_count = phrases[target].most_common(1)[0]
            reason = (
                f"bill text mentions '{top}' {top_count} times"
                f" ({count} matching phrases, {count * per_thousand:.1f} per 1,000 words)"
            )
            evidence = tally.relevance if target == "" else tally.areas[target]
            evidence.add(weight, reason)

    def _learned(self, signals: BillSignals, model: LearnedEvidence, tally: _Tally) -> None:
        w = self.weights
        for area, probability in model.evidence(signals).items():
            if area not in self.index.area_names:
                continue
            reason = model.reason(area, self.index.area_names[area], probability)
            if probability > 0.5:
                weight = (probability - 0.5) * 2 * w.learned_up
                tally.areas[area].add(weight, reason)
                tally.relevance.add(weight, reason)
            elif area in tally.areas:
                tally.areas[area].factor *= 1.0 - (0.5 - probability) * 2 * w.learned_down
                tally.areas[area].note(reason)

    # --- result ------------------------------------------------------------------------------

    def _result(self, tally: _Tally, version: str) -> TagResult:
        w = self.weights
        score = tally.relevance.confidence
        relevant = score >= w.relevant
        reasons = tally.relevance.reasons(w.reasons_shown)
        areas: list[AreaTag] = []
        if relevant:
            for code, evidence in tally.areas.items():
                confidence = evidence.confidence
                if confidence >= w.area:
                    areas.append(
                        AreaTag(
                            code,
                            self.index.area_names[code],
                            round(confidence, 3),
                            evidence.reasons(w.reasons_shown),
                        )
                    )
        areas.sort(key=lambda tag: (-tag.confidence, tag.code))
        return TagResult(
            relevant=relevant,
            score=round(score, 3),
            issue_areas=tuple(areas),
            framework_items=self._items(areas),
            reasons=reasons,
            version=version,
        )

    def _items(self, areas: list[AreaTag]) -> tuple[ItemTag, ...]:
        """Items served by the tagged areas, and the items those nest under."""
        best: dict[str, float] = {}
        via: defaultdict[str, list[str]] = defaultdict(list)
        for area in areas:
            if area.confidence < self.weights.item:
                continue
            reason = f"via issue area '{area.name}' ({area.confidence:.2f})"
            for key in self.index.area_items[area.code]:
                if area.confidence > best.get(key, 0.0):
                    best[key] = area.confidence
                via[key].append(reason)
        shown = self.weights.reasons_shown
        tags = []
        for key, confidence in best.items():
            item = self.index.items[key]
            tags.append(ItemTag(item.framework, item.code, confidence, tuple(via[key][:shown])))
        tags.sort(key=lambda tag: (-tag.confidence, tag.framework, tag.code))
        return tuple(tags)


@lru_cache(maxsize=8)
def compile_catalog(catalog: Catalog) -> Tagger:
    """The compiled tagger of a catalog, built once per catalog object."""
    return Tagger(catalog)


def tag_bill(
    signals: BillSignals, catalog: Catalog, *, model: LearnedEvidence | None = None
) -> TagResult:
    return compile_catalog(catalog).tag(signals, model=model)
