"""People's verdicts on area tags, as the learned model learns from them. Plain data: the
store reads decisions without loading scikit-learn (`tracker.tagging.learned` does)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.tagging.tagger import BillSignals

TEXT_CHARS = 4000  # of full bill text used, after the title fields


@dataclass(frozen=True)
class Decision:
    """A lobbyist's verdict on one area tag of one bill."""

    text: str
    area: str
    accepted: bool

    @classmethod
    def of(cls, signals: BillSignals, area: str, accepted: bool) -> Decision:
        return cls(signals_text(signals), area, accepted)


def signals_text(signals: BillSignals) -> str:
    """The text a decision is learned from and a bill is judged by."""
    parts = [
        signals.title,
        signals.short_description,
        " ".join(f"statute {s}" for s in signals.statutes),
        " ".join(f"committee {c}" for c in signals.committees),
        signals.text[:TEXT_CHARS],
    ]
    return "\n".join(part for part in parts if part)
