"""The tagging job: run after every crawl, and on demand with `tracker tag`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from tracker.store.frameworks import current_catalog
from tracker.store.tags import TagRunCounts, decisions_for_training, tag_bills
from tracker.tagging.tagger import compile_catalog


@dataclass(frozen=True)
class TaggingReport:
    counts: TagRunCounts
    tagger_version: str
    decisions: int
    learned_version: str | None


def run_tagging(db: Session, *, now: datetime, everything: bool = False) -> TaggingReport:
    """Tag the bills whose signals changed (all with `everything`), learning from decisions."""
    from tracker.tagging.learned import train  # scikit-learn, loaded only to tag

    tagger = compile_catalog(current_catalog(db))
    decisions = decisions_for_training(db)
    model = train(decisions)
    counts = tag_bills(db, tagger, now=now, model=model, everything=everything)
    return TaggingReport(
        counts=counts,
        tagger_version=tagger.version,
        decisions=len(decisions),
        learned_version=model.version if model else None,
    )
