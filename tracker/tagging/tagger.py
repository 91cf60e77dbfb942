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
from tracker.tagging.model import ShippedModel, load_model, log_odds, text_features

TAGGER_VERSION = "tagger-2.0"
# The reason a suggestion made on thin evidence carries, so nothing relevant goes unfiled
# and nobody mistakes a guess for a finding.
THIN_EVIDENCE = "little evidence: the likeliest area, for a person to check"
# How an item's reason begins when its plan's own words link a bill to it.
OWN_WORDS = "the plan's own words"


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

    def __init__(
        self,
        catalog: Catalog,
        weights: Weights | None = None,
        shipped: ShippedModel | None = None,
    ):
        self.catalog = catalog
        self.weights = weights or Weights()
        self.index = CatalogIndex(catalog, self.weights)
        self.shipped = shipped
        digest = hashlib.sha256(
            repr((catalog.areas, catalog.relevance, catalog.frameworks, self.weights)).encode()
        ).hexdigest()
        model = f"+model.{shipped.version}" if shipped else ""
        self.version = f"{TAGGER_VERSION}+catalog.{digest[:8]}{model}"

    def tag(self, signals: BillSignals, *, model: LearnedEvidence | None = None) -> TagResult:
        tally = self._collect(signals)
        version = self.version
        if model is not None:
            self._learned(signals, model, tally)
            version = f"{version}+learned.{model.version}"
        return self._result(signals, tally, version)

    def evidence(self, signals: BillSignals) -> tuple[float, dict[str, Evidence]]:
        """The relevance score and each area's rule evidence, before any model: what the
        shipped model's calibration is trained on."""
        tally = self._collect(signals)
        return tally.relevance.confidence, dict(tally.areas)

    def _collect(self, signals: BillSignals) -> _Tally:
        tally = _Tally()
        school_law = self._statutes(signals, tally)
        self._committees(signals, tally)
        self._phrases(signals, tally, school_law)
        if signals.text:
            self._text(signals.text, tally)
        return tally

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
                evidence = tally.areas[hit.area]
                evidence.add(weight, f"{verb} Minnesota Statutes {where} ({label})")
                evidence.statute = max(evidence.statute, weight)
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
            tally.areas[area].add(weight, reason, nudge=True)

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
        for source, text in _sources(signals):
            for match in self.index.phrases.find(text):
                targets = match.payload
                if targets is None:
                    continue
                area_factor, relevance_factor, reason = factor, factor, f"{source} mentions"
                if match.loose:
                    area_factor *= w.loose_factor
                    relevance_factor *= w.loose_relevance_factor
                    reason = f"{source} mentions, in other words,"
                if match.modifier:
                    area_factor *= w.modifier_factor
                reason = f"{reason} '{match.text}'"
                tally.relevance.add(targets.relevance * relevance_factor, reason)
                for area, weight in targets.areas:
                    evidence = tally.areas[area]
                    evidence.add(weight * area_factor, reason)
                    strong = weight >= w.area_phrase and not (match.loose or match.modifier)
                    evidence.strong = evidence.strong or strong

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

    def _result(self, signals: BillSignals, tally: _Tally, version: str) -> TagResult:
        w = self.weights
        score = tally.relevance.confidence
        relevant = score >= w.relevant
        reasons = tally.relevance.reasons(w.reasons_shown)
        areas = self._areas(signals, tally) if relevant else []
        return TagResult(
            relevant=relevant,
            score=round(score, 3),
            issue_areas=tuple(areas),
            framework_items=self._items(signals, areas) if relevant else (),
            reasons=reasons,
            version=version,
        )

    def _areas(self, signals: BillSignals, tally: _Tally) -> list[AreaTag]:
        """The areas a relevant bill is filed under, surest first; at least one."""
        w = self.weights
        if self.shipped is None:
            confidence = {c: ev.confidence for c, ev in tally.areas.items() if ev.confidence > 0}
            threshold = w.area
        else:
            confidence, threshold = self._calibrated(signals, tally, case_for(tally.areas))
        chosen = [code for code, c in confidence.items() if c >= threshold]
        thin = not chosen and bool(confidence)
        if thin:
            chosen = [min(confidence, key=lambda code: (-confidence[code], code))]
        tags = []
        for code in chosen:
            evidence = tally.areas[code]
            if thin:
                evidence.note(THIN_EVIDENCE)
            tags.append(
                AreaTag(
                    code,
                    self.index.area_names[code],
                    round(confidence[code], 3),
                    evidence.reasons(w.reasons_shown),
                )
            )
        tags.sort(key=lambda tag: (-tag.confidence, tag.code))
        return tags

    def _calibrated(
        self, signals: BillSignals, tally: _Tally, rule: dict[str, float]
    ) -> tuple[dict[str, float], float]:
        """Each candidate area's chance of being right, from the shipped model."""
        assert self.shipped is not None
        w = self.weights
        features = text_features(signals.title, signals.short_description, signals.statutes)
        text = {
            code: p
            for code, p in self.shipped.text.probabilities(features).items()
            if code in self.index.area_names
        }
        candidates = calibration_values(tally, rule, text, w.candidate, self.index.yielding)
        confidence = {
            code: self.shipped.calibration.confidence(values) for code, values in candidates.items()
        }
        threshold = self.shipped.calibration.threshold
        for code, p in text.items():
            if p >= 0.3 and confidence.get(code, 0.0) >= threshold:
                telling = self.shipped.text.telling_words(code, features)
                if telling:
                    quoted = ", ".join(f"'{word}'" for word in telling)
                    tally.areas[code].note(
                        f"worded like bills filed here: {quoted} (text model {p:.2f})"
                    )
        return confidence, threshold

    def _items(self, signals: BillSignals, areas: list[AreaTag]) -> tuple[ItemTag, ...]:
        """Items the plan's own words in the title point at, items served by the tagged areas,
        and the items those nest under; never an item declared not a bill topic."""
        w = self.weights
        own: dict[str, float] = {}
        via_area: dict[str, float] = {}
        reasons: defaultdict[str, list[str]] = defaultdict(list)
        for source, text in _sources(signals):
            for match in self.index.item_phrases.find(text):
                for key in match.payload:
                    own[key] = w.item_phrase
                    reason = f"{OWN_WORDS}: {source} mentions '{match.text}'"
                    if reason not in reasons[key]:
                        reasons[key].append(reason)
        for area in areas:
            if area.confidence < w.item:
                continue
            reason = f"via issue area '{area.name}' ({area.confidence:.2f})"
            for key in self.index.area_items[area.code]:
                via_area[key] = max(via_area.get(key, 0.0), area.confidence)
                reasons[key].append(reason)
        tags = []
        for key in {**own, **via_area}:
            item = self.index.items[key]
            confidence = round(1 - (1 - own.get(key, 0.0)) * (1 - via_area.get(key, 0.0)), 3)
            shown = tuple(reasons[key][: w.reasons_shown])
            tags.append(ItemTag(item.framework, item.code, confidence, shown))
        tags.sort(key=lambda tag: (-tag.confidence, tag.framework, tag.code))
        return tuple(tags)


def _sources(signals: BillSignals) -> list[tuple[str, str]]:
    """The texts phrases are looked for in, named as reasons name them."""
    sources = [("title", signals.title)]
    if signals.short_description.strip() not in ("", signals.title.strip()):
        sources.append(("short description", signals.short_description))
    return sources


def case_for(areas: Mapping[str, Evidence]) -> dict[str, float]:
    """The rules' confidence in each area they make a case for (more than a nudge)."""
    return {code: ev.confidence for code, ev in areas.items() if ev.substantive}


def calibration_values(
    tally: _Tally | Mapping[str, Evidence],
    rule: Mapping[str, float],
    text: Mapping[str, float],
    least_text: float,
    yielding: frozenset[str] = frozenset(),
) -> dict[str, dict[str, float]]:
    """The candidate areas of a bill and what the calibration reads of each: areas with rule
    evidence or a text probability of at least `least_text` (the likeliest one when none)."""
    areas = tally.areas if isinstance(tally, _Tally) else tally
    specific = {
        code for code, ev in areas.items() if code not in yielding and (ev.strong or ev.statute)
    }
    candidates = set(rule) | {code for code, p in text.items() if p >= least_text}
    if not candidates and text:
        candidates = {max(text, key=lambda code: (text[code], code))}
    top_rule = max(rule.values(), default=0.0)
    top_text = max((text.get(code, 0.0) for code in candidates), default=0.0)
    crowd = 1.0 / max(1, len(rule))
    values = {}
    for code in sorted(candidates):
        evidence = areas.get(code)
        values[code] = {
            "rule": rule.get(code, 0.0),
            "text": log_odds(text.get(code, 0.0)),
            "rule_top": float(code in rule and rule[code] >= top_rule),
            "text_top": float(text.get(code, 0.0) >= top_text),
            "statute": evidence.statute if evidence else 0.0,
            "strong": float(evidence.strong) if evidence else 0.0,
            "crowd": crowd if code in rule else 0.0,
            "yields": float(code in yielding and bool(specific)),
        }
    return values


@lru_cache(maxsize=8)
def compile_catalog(catalog: Catalog) -> Tagger:
    """The compiled tagger of a catalog with the shipped model, built once per catalog."""
    return Tagger(catalog, shipped=load_model())


def tag_bill(
    signals: BillSignals, catalog: Catalog, *, model: LearnedEvidence | None = None
) -> TagResult:
    return compile_catalog(catalog).tag(signals, model=model)
