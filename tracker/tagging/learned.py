"""Learned evidence from staff decisions: once lobbyists have confirmed or rejected enough tags
for an area, a model trained on those decisions adds its opinion to the rules.

    decisions = [Decision.of(signals, "special-education", accepted=True), ...]
    model = train(decisions)          # None until some area has enough decisions
    tagger.tag(signals, model=model)  # "similar to 12 bills staff tagged 'Special education'"

One TF-IDF vocabulary (words and word pairs of title, description, statutes, committees)
is shared; each area with at least `MIN_DECISIONS` decisions of both kinds gets its own
logistic regression. The model is a plain picklable object, stored by the caller.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from tracker.tagging.decisions import Decision, signals_text
from tracker.tagging.tagger import BillSignals

MIN_DECISIONS = 20


class LearnedModel:
    """Per-area probabilities that staff would accept the tag, from their past decisions."""

    def __init__(
        self,
        vectorizer: TfidfVectorizer,
        areas: list[str],
        coefficients: np.ndarray,
        intercepts: np.ndarray,
        accepted: dict[str, int],
        version: str,
    ):
        self.vectorizer = vectorizer
        self.areas = areas
        self.coefficients = coefficients
        self.intercepts = intercepts
        self.accepted = accepted
        self.version = version

    def evidence(self, signals: BillSignals) -> dict[str, float]:
        features = self.vectorizer.transform([signals_text(signals)])
        logits = features @ self.coefficients.T + self.intercepts
        probabilities = 1.0 / (1.0 + np.exp(-np.asarray(logits).ravel()))
        return {area: float(p) for area, p in zip(self.areas, probabilities, strict=True)}

    def reason(self, area: str, area_name: str, probability: float) -> str:
        count = self.accepted.get(area, 0)
        if probability > 0.5:
            return (
                f"similar to {count} bills staff tagged '{area_name}' (learned {probability:.2f})"
            )
        return f"unlike the {count} bills staff tagged '{area_name}' (learned {probability:.2f})"


def train(
    decisions: Iterable[Decision], *, min_decisions: int = MIN_DECISIONS
) -> LearnedModel | None:
    """A model for every area with enough decisions of both kinds; None when there is none.

    When staff decided the same bill and area twice, the later decision counts.
    """
    latest: dict[tuple[str, str], bool] = {}
    for decision in decisions:
        latest[(decision.text, decision.area)] = decision.accepted
    by_area: dict[str, list[tuple[str, bool]]] = {}
    for (text, area), accepted in latest.items():
        by_area.setdefault(area, []).append((text, accepted))
    trainable = {
        area: rows
        for area, rows in sorted(by_area.items())
        if len(rows) >= min_decisions and len({accepted for _, accepted in rows}) == 2
    }
    if not trainable:
        return None
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    vectorizer.fit(sorted({text for text, _ in latest}))
    coefficients, intercepts = [], []
    for rows in trainable.values():
        classifier = LogisticRegression(class_weight="balanced", C=4.0, max_iter=1000)
        classifier.fit(vectorizer.transform([t for t, _ in rows]), [a for _, a in rows])
        coefficients.append(classifier.coef_[0])
        intercepts.append(classifier.intercept_[0])
    digest = hashlib.sha256(repr(sorted(latest.items())).encode()).hexdigest()[:8]
    return LearnedModel(
        vectorizer=vectorizer,
        areas=list(trainable),
        coefficients=np.vstack(coefficients),
        intercepts=np.array(intercepts),
        accepted={area: sum(a for _, a in rows) for area, rows in trainable.items()},
        version=f"{len(latest)}d.{digest}",
    )
