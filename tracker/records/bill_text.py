"""A bill version's text as sections, each a run of marked text: what the Revisor's page
shows, with its underscored insertions and its stricken deletions. No IO."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.records.bills import StatuteRecord
from tracker.vocab import TextMark

_SPACES = re.compile(r"[ \t\r\f\v]+")
_AROUND_BREAKS = re.compile(r" *\n *")
_BREAKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class TextRun:
    mark: TextMark
    text: str


@dataclass(frozen=True)
class SectionRecord:
    """One section of a bill version: "Sec. 4." of article 2, its heading, the statutes its
    opening names, and its text as marked runs (paragraphs separated by newlines)."""

    number: int
    heading: str
    runs: tuple[TextRun, ...]
    article: int | None = None
    article_heading: str = ""
    statutes: tuple[StatuteRecord, ...] = ()

    @property
    def label(self) -> str:
        """'article 5, section 12' or 'section 3'."""
        where = f"section {self.number}"
        return f"article {self.article}, {where}" if self.article else where

    @property
    def text(self) -> str:
        """The section as it reads if enacted: plain and inserted text, nothing stricken."""
        return joined(run.text for run in self.runs if run.mark is not TextMark.STRUCK)

    @property
    def current_law(self) -> str:
        """The section as the law reads today: plain and stricken text, no insertions."""
        return joined(run.text for run in self.runs if run.mark is not TextMark.INSERTED)


def joined(parts: object) -> str:
    """Runs glued into tidy text: spaces collapsed, paragraph breaks kept, ends trimmed."""
    text = _SPACES.sub(" ", "".join(parts))  # type: ignore[arg-type]
    return _BREAKS.sub("\n\n", _AROUND_BREAKS.sub("\n", text)).strip()


def merged(runs: list[TextRun]) -> tuple[TextRun, ...]:
    """Adjacent runs of one mark as one run; empty runs dropped."""
    out: list[TextRun] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].mark is run.mark:
            out[-1] = TextRun(run.mark, out[-1].text + run.text)
        else:
            out.append(run)
    return tuple(out)
