"""What changed between two versions of a bill, section by section, and how the money moved.
Pure: stored sections in, changes out.

Sections are matched by what they are, not where they sit (committees renumber): first by
the statutes their opening names (section and subdivision), then by heading, then by
text that is mostly the same (rapidfuzz). Within a matched section, the words inserted and
struck between the versions come from difflib's SequenceMatcher over words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from tracker.records.bill_text import SectionRecord
from tracker.rules.money import LawChange, Money, law_changes, money_in, normalized
from tracker.vocab import TextMark

_TOKENS = re.compile(r"\n|[^\s]+")  # words, and the line breaks between paragraphs
SIMILAR_TEXT = 60.0  # rapidfuzz ratio (0-100) above which two unmatched sections are one
MAX_SNIPPET = 240


@dataclass(frozen=True)
class Edit:
    """A run of words the later version inserted, struck, or put in place of others."""

    struck: str
    inserted: str


@dataclass(frozen=True)
class SectionChange:
    before: SectionRecord
    after: SectionRecord
    edits: tuple[Edit, ...]

    @property
    def renumbered(self) -> bool:
        return (self.before.article, self.before.number) != (self.after.article, self.after.number)

    @property
    def changed(self) -> bool:
        return bool(self.edits)


@dataclass(frozen=True)
class MoneyMove:
    """One amount between two versions: added (no `before`), removed (no `after`) or changed."""

    before: Money | None
    after: Money | None

    @property
    def what(self) -> Money:
        found = self.after or self.before
        assert found is not None
        return found


@dataclass(frozen=True)
class VersionChanges:
    added: tuple[SectionRecord, ...] = ()
    removed: tuple[SectionRecord, ...] = ()
    matched: tuple[SectionChange, ...] = ()
    money: tuple[MoneyMove, ...] = ()
    current_law: tuple[LawChange, ...] = ()  # the later version against the law it amends

    @property
    def changed(self) -> tuple[SectionChange, ...]:
        return tuple(change for change in self.matched if change.changed)

    @property
    def renumbered(self) -> tuple[SectionChange, ...]:
        return tuple(change for change in self.matched if change.renumbered)

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.money)


def compare(
    before: Sequence[SectionRecord], after: Sequence[SectionRecord], *, biennium: tuple[int, int]
) -> VersionChanges:
    pairs = match_sections(before, after)
    paired_before = {id(old) for old, _ in pairs}
    paired_after = {id(new) for _, new in pairs}
    matched = tuple(SectionChange(old, new, word_edits(old.text, new.text)) for old, new in pairs)
    money_after = [m for s in after for m in money_in(s.runs, biennium=biennium)]
    return VersionChanges(
        added=tuple(s for s in after if id(s) not in paired_after),
        removed=tuple(s for s in before if id(s) not in paired_before),
        matched=matched,
        money=money_moves(
            [m for s in before for m in money_in(s.runs, biennium=biennium)], money_after
        ),
        current_law=tuple(law_changes(money_after)),
    )


def match_sections(
    before: Sequence[SectionRecord], after: Sequence[SectionRecord]
) -> list[tuple[SectionRecord, SectionRecord]]:
    """Pairs of the same section in two versions, strongest evidence first."""
    left, right = list(before), list(after)
    pairs: list[tuple[SectionRecord, SectionRecord]] = []
    for key in (_statute_key, _heading_key):
        by_key: dict[object, list[SectionRecord]] = {}
        for section in right:
            found = key(section)
            if found:
                by_key.setdefault(found, []).append(section)
        for section in list(left):
            candidates = by_key.get(key(section)) if key(section) else None
            if candidates:
                other = candidates.pop(0)
                pairs.append((section, other))
                left.remove(section)
                right.remove(other)
    for section in list(left):
        scored = [(fuzz.ratio(section.text, other.text), other) for other in right]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best is not None and best[0] >= SIMILAR_TEXT:
            pairs.append((section, best[1]))
            left.remove(section)
            right.remove(best[1])
    return pairs


def _statute_key(section: SectionRecord) -> object:
    return frozenset((s.section, s.subdivision, s.change) for s in section.statutes) or None


def _heading_key(section: SectionRecord) -> object:
    heading = normalized(section.heading)
    return (normalized(section.article_heading), heading) if heading else None


def word_edits(before: str, after: str) -> tuple[Edit, ...]:
    if before == after:
        return ()
    old, new = before.split(), after.split()
    edits = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            edits.append(Edit(_snippet(old[i1:i2]), _snippet(new[j1:j2])))
    return tuple(edits)


@dataclass(frozen=True)
class Piece:
    """A run of words of an inline comparison: kept, struck by the later version, or new."""

    mark: TextMark
    text: str


def inline_diff(before: str, after: str) -> tuple[Piece, ...]:
    """The later text with the earlier one's words woven in where they went (for a page)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    pieces: list[Piece] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece(TextMark.SAME, " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece(TextMark.STRUCK, " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece(TextMark.INSERTED, " ".join(new[j1:j2])))
    return tuple(pieces)


def _snippet(words: list[str]) -> str:
    text = " ".join(words)
    return text if len(text) <= MAX_SNIPPET else text[: MAX_SNIPPET - 1] + "…"


def money_moves(before: Sequence[Money], after: Sequence[Money]) -> tuple[MoneyMove, ...]:
    """Amounts as the bill would enact them (not stricken), matched by purpose, years, fund
    and kind: those that changed, appeared or went."""
    old = _enacted(before)
    new = _enacted(after)
    moves = []
    for key, money in new.items():
        previous = old.get(key)
        if previous is None:
            moves.append(MoneyMove(None, money))
        elif previous.dollars != money.dollars:
            moves.append(MoneyMove(previous, money))
    moves += [MoneyMove(money, None) for key, money in old.items() if key not in new]
    return tuple(moves)


def _enacted(money: Sequence[Money]) -> dict[object, Money]:
    return {m.key: m for m in money if m.mark is not TextMark.STRUCK}
