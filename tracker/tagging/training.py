"""Train the model shipped with the tagger (`data/model.json`; see `tracker.tagging.model`).

    model = train_shipped(catalog, bills)   # bills: the tuned part, with area labels
    path.write_text(json.dumps(model.to_json(), indent=1, sort_keys=True))

`scripts/train_tagger.py` runs it on the project's labeled files. Everything is sorted and
seeded, so the same files give the same model byte for byte. With `learned.py`, the only
module that imports scikit-learn; the tagger applies the result without it.

1. The text model learns, per area, from the catalog's own words (each area's name,
   description, scope rule and phrases, as short documents of that area) and from the
   labeled bills (a bill is a positive for the areas it is filed under, a negative for the
   others).
2. The calibration learns from the labeled bills, with text probabilities each bill's fold
   did not see (five folds by a hash of the bill), which evidence makes a suggestion right;
   the threshold is the one that files the tuned bills best (micro F1).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from tracker.tagging.catalog import Catalog
from tracker.tagging.model import (
    CALIBRATION_FEATURES,
    Calibration,
    ShippedModel,
    TextModel,
    text_features,
)
from tracker.tagging.scores import score
from tracker.tagging.tagger import BillSignals, Tagger, calibration_values, case_for

FOLDS = 5
SMALLEST_WEIGHT = 0.05  # text-model weights below this are left out of the shipped file
TEXT_C = 4.0
CALIBRATION_C = 1.0
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(11))  # 0.2 .. 0.7


@dataclass(frozen=True)
class TrainingBill:
    key: str
    signals: BillSignals
    areas: tuple[str, ...]


def catalog_documents(catalog: Catalog) -> list[tuple[dict[str, float], str]]:
    """(features, area) for each area's name, description, scope and each of its phrases."""
    documents = []
    for area in catalog.areas:
        texts = [area.name, area.description, area.scope, *area.phrases]
        for text in texts:
            if text:
                documents.append((_scaled(text_features(text.replace("*", ""), "", ())), area.code))
    return documents


def _scaled(features: dict[str, str]) -> dict[str, float]:
    scale = 1.0 / np.sqrt(max(1, len(features)))
    return {feature: float(scale) for feature in sorted(features)}


def _bill_features(bill: TrainingBill) -> dict[str, float]:
    s = bill.signals
    return _scaled(text_features(s.title, s.short_description, s.statutes))


def train_text(
    catalog: Catalog, bills: Sequence[TrainingBill], documents: list[tuple[dict[str, float], str]]
) -> TextModel:
    rows = [features for features, _ in documents] + [_bill_features(b) for b in bills]
    codes = [area.code for area in catalog.areas]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    intercepts, weights = [], {}
    names = vectorizer.get_feature_names_out()
    per_feature: dict[str, list[tuple[int, float]]] = {}
    for index, code in enumerate(codes):
        target = [area == code for _, area in documents] + [code in b.areas for b in bills]
        if not any(target):
            intercepts.append(-10.0)
            continue
        classifier = LogisticRegression(C=TEXT_C, class_weight="balanced", max_iter=5000)
        classifier.fit(matrix, target)
        intercepts.append(float(classifier.intercept_[0]))
        for name, weight in zip(names, classifier.coef_[0], strict=True):
            if abs(weight) >= SMALLEST_WEIGHT:
                per_feature.setdefault(str(name), []).append((index, round(float(weight), 4)))
    weights = {name: tuple(pairs) for name, pairs in sorted(per_feature.items())}
    return TextModel(areas=tuple(codes), intercepts=tuple(intercepts), weights=weights)


def _fold(key: str) -> int:
    return hashlib.sha256(key.encode()).digest()[1] % FOLDS


def _rows(
    tagger: Tagger, bill: TrainingBill, text: dict[str, float]
) -> list[tuple[str, dict[str, float]]]:
    _, evidence = tagger.evidence(bill.signals)
    rule = case_for(evidence)
    values = calibration_values(
        evidence, rule, text, tagger.weights.candidate, tagger.index.yielding
    )
    return sorted(values.items())


def train_shipped(
    catalog: Catalog, bills: Sequence[TrainingBill], *, version: str, trained_on: str
) -> ShippedModel:
    bills = sorted(bills, key=lambda b: b.key)
    documents = catalog_documents(catalog)
    rule_tagger = Tagger(catalog)
    # Text probabilities each bill's own fold did not learn from.
    unseen: dict[str, dict[str, float]] = {}
    for fold in range(FOLDS):
        rest = [b for b in bills if _fold(b.key) != fold]
        model = train_text(catalog, rest, documents)
        for bill in bills:
            if _fold(bill.key) == fold:
                features = text_features(
                    bill.signals.title, bill.signals.short_description, bill.signals.statutes
                )
                unseen[bill.key] = model.probabilities(features)
    table = [
        (bill, code, values)
        for bill in bills
        for code, values in _rows(rule_tagger, bill, unseen[bill.key])
    ]
    x = np.array([[values[name] for name in CALIBRATION_FEATURES] for _, _, values in table])
    y = np.array([code in bill.areas for bill, code, _ in table])
    classifier = LogisticRegression(C=CALIBRATION_C, max_iter=5000)
    classifier.fit(x, y)
    chances = classifier.predict_proba(x)[:, 1]
    threshold = _best_threshold(bills, table, chances)
    return ShippedModel(
        version=version,
        trained_on=trained_on,
        text=train_text(catalog, bills, documents),
        calibration=Calibration(
            coefficients=tuple(float(c) for c in classifier.coef_[0]),
            intercept=float(classifier.intercept_[0]),
            threshold=threshold,
        ),
    )


def _best_threshold(
    bills: Sequence[TrainingBill],
    table: Sequence[tuple[TrainingBill, str, dict[str, float]]],
    chances: np.ndarray,
) -> float:
    """The threshold whose suggestions (at least one per bill) file the bills best."""
    by_bill: dict[str, list[tuple[float, str]]] = {}
    for (bill, code, _), chance in zip(table, chances, strict=True):
        by_bill.setdefault(bill.key, []).append((float(chance), code))
    best = (-1.0, THRESHOLDS[0])
    for threshold in THRESHOLDS:
        pairs = []
        for bill in bills:
            options = sorted(by_bill.get(bill.key, []), reverse=True)
            chosen = {code for chance, code in options if chance >= threshold}
            if not chosen and options:
                chosen = {options[0][1]}
            for code in sorted(chosen | set(bill.areas)):
                pairs.append((code in chosen, code in bill.areas))
        f1 = score(pairs).f1
        if f1 > best[0] + 1e-9:
            best = (f1, threshold)
    return best[1]
