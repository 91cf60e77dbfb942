"""The model shipped with the tagger (`data/model.json`), read and applied without scikit-learn.

Two parts, both trained by `scripts/train_tagger.py` (`tracker.tagging.training`) on the
tuned part of the labeled bills and on the catalog's own words:

- a text model: for each issue area, a logistic regression over the words, word pairs and
  statutes of a bill's title and description ("bills worded like this are filed under
  special education");
- a calibration: a logistic regression that turns a bill's evidence for an area (the rules'
  confidence, the text model's, which is strongest, statutes, strong phrases) into the
  chance a lobbyist would file the bill there, and the threshold above which it is suggested.

Features are sparse and binary, scaled by 1/sqrt(count) per bill, so applying a model is a
sum of a few dictionary lookups.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.rules.statutes import parse_cite
from tracker.tagging.words import STOPWORDS, stem, words

MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.json"
# What the calibration reads of an area's evidence, in this order.
CALIBRATION_FEATURES = (
    "rule",  # the rules' noisy-OR confidence
    "text",  # the text model's log-odds, within -5..5
    "rule_top",  # 1 when no other area has more rule evidence
    "text_top",  # 1 when no other area has a higher text probability
    "statute",  # the weight of the area's strongest statute
    "strong",  # 1 when a strong phrase of the area is in the title as written
    "crowd",  # 1 / the number of areas with rule evidence
    "yields",  # 1 for an area that yields (issue_areas.toml) when another has strong evidence
)


def log_odds(p: float) -> float:
    p = min(max(p, _FLOOR), 1 - _FLOOR)
    return math.log(p / (1 - p))


# Words of the Legislature's forms that say nothing of a bill's subject ("A bill for an act
# relating to ...; amending Minnesota Statutes ...; appropriating money").
BOILERPLATE = frozenset(
    stem(word)
    for word in [
        "bill",
        "act",
        "relating",
        "amending",
        "minnesota",
        "statutes",
        "section",
        "sections",
        "subdivision",
        "subdivisions",
        "chapter",
        "chapters",
        "law",
        "laws",
        "proposing",
        "coding",
        "money",
        "appropriating",
        "appropriated",
        "providing",
        "provided",
        "modifying",
        "modified",
        "establishing",
        "established",
        "clarifying",
        "clarified",
        "made",
        "changes",
        "certain",
        "fiscal",
        "year",
        "years",
        "hf",
        "sf",
        "companion",
        "supplement",
    ]
)


def text_features(title: str, description: str, statutes: Sequence[str]) -> dict[str, str]:
    """The features of a bill the text model reads, each with the words it came from."""
    features: dict[str, str] = {}
    for text in (title, description):
        found = words(text)
        previous = -1
        for i, (raw, stem_) in enumerate(zip(found.raw, found.stem, strict=True)):
            if raw in STOPWORDS or stem_ in BOILERPLATE or raw.isdigit():
                previous = -1
                continue
            features.setdefault(f"w:{stem_}", raw)
            if previous >= 0 and found.clause[previous] == found.clause[i]:
                pair = f"b:{found.stem[previous]}_{stem_}"
                features.setdefault(pair, f"{found.raw[previous]} {raw}")
            previous = i
    for statute in statutes:
        cite = parse_cite(statute)
        if cite is not None:
            features.setdefault(f"s:{cite.chapter}", f"chapter {cite.chapter}")
            if cite.section:
                features.setdefault(f"s:{cite.section}", f"section {cite.section}")
    return features


# Probabilities are read within 0.0067..0.9933 (log-odds -5..5); an area below that counts as
# having none, and is not even computed.
_FLOOR = 0.0067
_LEAST_LOGIT = math.log(_FLOOR / (1 - _FLOOR))


def sigmoid(x: float) -> float:
    if x < -35:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class TextModel:
    areas: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, tuple[tuple[int, float], ...]]  # feature -> (area index, weight)

    def probabilities(self, features: Collection[str]) -> dict[str, float]:
        """Each area's probability, leaving out those below the floor the calibration reads
        (they count as none); every feature counts in the scale, known or not."""
        scale = 1.0 / math.sqrt(max(1, len(features)))
        logits = list(self.intercepts)
        weights = self.weights
        for feature in features:
            pairs = weights.get(feature)
            if pairs:
                for index, weight in pairs:
                    logits[index] += weight * scale
        return {
            area: sigmoid(logit)
            for area, logit in zip(self.areas, logits, strict=True)
            if logit >= _LEAST_LOGIT
        }

    def telling_words(self, area: str, features: Mapping[str, str], limit: int = 2) -> list[str]:
        """The bill's words that speak most for an area, as written in the bill."""
        own = self._by_area().get(self.areas.index(area), {})
        weighted = sorted(
            (
                (own[feature], shown)
                for feature, shown in features.items()
                if own.get(feature, 0) > 0
            ),
            key=lambda pair: -pair[0],
        )
        return list(dict.fromkeys(shown for _, shown in weighted))[:limit]

    def _by_area(self) -> dict[int, dict[str, float]]:
        cached: dict[int, dict[str, float]] | None = self.__dict__.get("_by_area_cache")
        if cached is None:
            cached = {}
            for feature, pairs in self.weights.items():
                for index, weight in pairs:
                    cached.setdefault(index, {})[feature] = weight
            object.__setattr__(self, "_by_area_cache", cached)
        return cached


@dataclass(frozen=True)
class Calibration:
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float

    def confidence(self, values: Mapping[str, float]) -> float:
        logit = self.intercept
        for name, coefficient in zip(CALIBRATION_FEATURES, self.coefficients, strict=True):
            logit += coefficient * values[name]
        return sigmoid(logit)


@dataclass(frozen=True)
class ShippedModel:
    version: str
    text: TextModel
    calibration: Calibration
    trained_on: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "trained_on": self.trained_on,
            "areas": list(self.text.areas),
            "intercepts": [round(b, 6) for b in self.text.intercepts],
            "weights": {
                feature: [[i, round(w, 6)] for i, w in pairs]
                for feature, pairs in sorted(self.text.weights.items())
            },
            "calibration": {
                "features": list(CALIBRATION_FEATURES),
                "coefficients": [round(c, 6) for c in self.calibration.coefficients],
                "intercept": round(self.calibration.intercept, 6),
                "threshold": self.calibration.threshold,
            },
        }

    def dumps(self) -> str:
        """The model as stable JSON text, one text feature a line (readable diffs)."""
        data = self.to_json()
        weights = data.pop("weights")
        head = json.dumps(data, sort_keys=True, indent=1)
        lines = [
            f" {json.dumps(feature)}: {json.dumps(pairs, separators=(',', ':'))}"
            for feature, pairs in weights.items()
        ]
        return head[:-2] + ',\n "weights": {\n' + ",\n".join(lines) + "\n }\n}\n"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ShippedModel:
        calibration = data["calibration"]
        if tuple(calibration["features"]) != CALIBRATION_FEATURES:
            raise ValueError("the model's calibration reads other features than this tagger's")
        return cls(
            version=str(data["version"]),
            trained_on=str(data.get("trained_on", "")),
            text=TextModel(
                areas=tuple(data["areas"]),
                intercepts=tuple(float(b) for b in data["intercepts"]),
                weights={
                    feature: tuple((int(i), float(w)) for i, w in pairs)
                    for feature, pairs in data["weights"].items()
                },
            ),
            calibration=Calibration(
                coefficients=tuple(float(c) for c in calibration["coefficients"]),
                intercept=float(calibration["intercept"]),
                threshold=float(calibration["threshold"]),
            ),
        )


def load_model(path: Path = MODEL_FILE) -> ShippedModel | None:
    """The shipped model, or None when there is none (a tagger without it uses rules alone)."""
    if not path.is_file():
        return None
    try:
        return ShippedModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a tagger model: {error}") from error
