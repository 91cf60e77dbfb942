"""The tagging job: run after every crawl, and on demand with `tracker tag`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from tracker.present.text import counts_table
from tracker.store.frameworks import current_catalog
from tracker.store.tags import TagRunCounts, decisions_for_training, tag_bills
from tracker.tagging.learned import train
from tracker.tagging.tagger import compile_catalog


@dataclass(frozen=True)
class TaggingReport:
    counts: TagRunCounts
    tagger_version: str
    decisions: int
    learned_version: str | None

    def describe(self) -> str:
        learned = (
            f"learned model {self.learned_version}"
            if self.learned_version
            else f"no learned model yet ({self.decisions} decisions)"
        )
        title = f"Tagged with {self.tagger_version}; {learned}"
        return counts_table(self.counts.as_dict(), title=title)


def run_tagging(db: Session, *, now: datetime, everything: bool = False) -> TaggingReport:
    """Tag the bills whose signals changed (all with `everything`), learning from decisions."""
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
