"""How well the tagger files bills under issue areas, measured against area labels.

Pure arithmetic over (labels, tagger results): area precision / recall / F1 (micro and per
area), the relevant bills left without any area, whether the top-confidence area is the one
the bill is filed under first, whether confidence ranks right tags above wrong ones, and a
reliability table (of the tags at confidence c, what share were right).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from tracker.tagging.scores import Scores, score
from tracker.tagging.tagger import TagResult

RELIABILITY_EDGES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass(frozen=True)
class AreaLabel:
    """A bill's labels: relevant or not, and its areas, the one it is filed under first."""

    id: str
    relevant: bool
    areas: tuple[str, ...]
    title_only: bool


@dataclass(frozen=True)
class AreaScores:
    code: str
    scores: Scores


@dataclass(frozen=True)
class ReliabilityBin:
    low: float
    high: float
    tags: int
    right: int

    @property
    def share(self) -> float:
        return self.right / self.tags if self.tags else 0.0


@dataclass(frozen=True)
class AreaError:
    id: str
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    top: str


@dataclass(frozen=True)
class AreaReport:
    bills: int
    relevant: int
    micro: Scores
    title_only: Scores
    baseline: Scores
    per_area: tuple[AreaScores, ...]
    without_area: int
    top_hits: int
    top_in_labels: int
    ranking: float  # chance a right tag's confidence beats a wrong one's (ties count half)
    tags: int
    modal_confidence: float
    at_modal_confidence: int
    reliability: tuple[ReliabilityBin, ...]
    errors: tuple[AreaError, ...]

    @property
    def top_hit_rate(self) -> float:
        return self.top_hits / self.relevant if self.relevant else 0.0


def _pairs(labels: Sequence[AreaLabel], predicted: Sequence[Sequence[str]], code: str | None):
    for label, areas in zip(labels, predicted, strict=True):
        truth = set(label.areas)
        guess = set(areas)
        codes = [code] if code else sorted(truth | guess)
        for c in codes:
            yield (c in guess, c in truth)


def area_report(
    labels: Sequence[AreaLabel],
    results: Sequence[TagResult],
    baseline: Callable[[int], Sequence[str]],
) -> AreaReport:
    """`baseline(i)` is the keyword baseline's areas for the i-th bill."""
    predicted = [r.area_codes() for r in results]
    codes = sorted({c for label in labels for c in label.areas} | {c for p in predicted for c in p})
    relevant = [i for i, label in enumerate(labels) if label.relevant]
    title_only = [i for i, label in enumerate(labels) if label.title_only]
    confidences = [
        (tag.confidence, tag.code in labels[i].areas)
        for i, result in enumerate(results)
        for tag in result.issue_areas
    ]
    modal, at_modal = (
        Counter(c for c, _ in confidences).most_common(1)[0] if confidences else (0, 0)
    )
    return AreaReport(
        bills=len(labels),
        relevant=len(relevant),
        micro=score(_pairs(labels, predicted, None)),
        title_only=score(
            _pairs([labels[i] for i in title_only], [predicted[i] for i in title_only], None)
        ),
        baseline=score(_pairs(labels, [baseline(i) for i in range(len(labels))], None)),
        per_area=tuple(AreaScores(c, score(_pairs(labels, predicted, c))) for c in codes),
        without_area=sum(1 for i in relevant if not predicted[i]),
        top_hits=sum(1 for i in relevant if predicted[i][:1] == list(labels[i].areas[:1])),
        top_in_labels=sum(
            1 for i in relevant if predicted[i][:1] and predicted[i][0] in labels[i].areas
        ),
        ranking=_ranking(confidences),
        tags=len(confidences),
        modal_confidence=float(modal),
        at_modal_confidence=at_modal,
        reliability=_reliability(confidences),
        errors=tuple(
            AreaError(
                label.id,
                tuple(c for c in label.areas if c not in areas),
                tuple(c for c in areas if c not in label.areas),
                areas[0] if areas else "",
            )
            for label, areas in zip(labels, predicted, strict=True)
            if set(areas) != set(label.areas) or areas[:1] != list(label.areas[:1])
        ),
    )


def _ranking(confidences: Sequence[tuple[float, bool]]) -> float:
    """The area under the ROC curve of confidence for right against wrong tags."""
    right = sorted(c for c, ok in confidences if ok)
    wrong = sorted(c for c, ok in confidences if not ok)
    if not right or not wrong:
        return 1.0 if right else 0.0
    wins = 0.0
    for c in right:
        below = sum(1 for w in wrong if w < c)
        ties = sum(1 for w in wrong if w == c)
        wins += below + ties / 2
    return wins / (len(right) * len(wrong))


def _reliability(confidences: Sequence[tuple[float, bool]]) -> tuple[ReliabilityBin, ...]:
    bins = []
    for low, high in pairwise(RELIABILITY_EDGES):
        inside = [ok for c, ok in confidences if low <= c < high]
        bins.append(ReliabilityBin(low, min(high, 1.0), len(inside), sum(inside)))
    return tuple(bins)
