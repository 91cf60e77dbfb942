"""Counts of right and wrong calls, and precision, recall and F1 from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[bool, bool]]) -> Scores:
    """(predicted, actual) pairs -> counts."""
    counts = Counter(pairs)
    return Scores(
        tp=counts[(True, True)],
        fp=counts[(True, False)],
        fn=counts[(False, True)],
        tn=counts[(False, False)],
    )
