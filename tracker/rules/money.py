"""Dollar amounts in a bill's text: how much, for which fiscal years, for what, and whether
the bill strikes it from current law or writes it in. Pure.

The wording read (real forms of Minnesota appropriation and formula language):

* "$500,000 each year is for grants to ..."; "$3,615,000 each year from the general fund
  and $5,954,000 each year from the workforce development fund are for ..." ("each year"
  is both years of the biennium);
* "$35,000,000 in fiscal year 2026 is appropriated from the general fund to the
  commissioner of education for ..."; "$1,000,000 in fiscal year 2026 and $1,200,000 in
  fiscal year 2027 are for ...";
* formula amounts: "The basic formula allowance is $7,481 for fiscal year 2027 and later";
  "... equals $424 times the adjusted pupil units";
* E-12 appropriations, an amount a line after the clause it funds: "For literacy incentive
  aid under Minnesota Statutes, section 124D.98:" then "$53,602,000 ..... 2026";
* appropriation tables, one row a line: "Business and Community Development 20,364,000
  20,364,000", "Total Appropriation $ 145,034,000 $ 109,490,000" (the biennium's two
  years, in order).

Against current law: a stricken amount followed by an underscored one in the same clause
("$7,481" struck, "$7,551" inserted) is one change (`LawChange`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from tracker.records.bill_text import TextRun
from tracker.vocab import TextMark


class MoneyKind(StrEnum):
    APPROPRIATION = "appropriation"
    FORMULA = "formula"  # an allowance or rate the law sets ("formula allowance is $...")
    TABLE = "table"  # a row of an appropriation table: a program's two years
    OTHER = "other"  # a dollar amount of another kind (a cap, a fee, a grant limit)


@dataclass(frozen=True)
class Money:
    dollars: Decimal
    fiscal_years: tuple[int, ...]
    purpose: str  # what it funds or measures, in the text's words
    kind: MoneyKind
    mark: TextMark = TextMark.SAME
    fund: str = ""  # "general fund", when the text names one

    @property
    def key(self) -> tuple[str, str, tuple[int, ...], str]:
        """What identifies the same money in another version of the text."""
        return (self.kind.value, normalized(self.purpose), self.fiscal_years, self.fund)


@dataclass(frozen=True)
class LawChange:
    """An amount of current law the bill strikes and the one it writes in its place."""

    before: Money
    after: Money


_AMOUNT = r"\$\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?)(?!\d|,\d)"
_AMOUNT_RE = re.compile(_AMOUNT)
WINDOW = 300  # characters each side of an amount that can say what it is
_FISCAL_YEAR = re.compile(r"\bfiscal years?\s+(\d{4})(?:\s*(?:and|,|through|to)\s*(\d{4}))?", re.I)
_EACH_YEAR = re.compile(r"^\s*each year\b", re.I)
_FUND = re.compile(r"\bfrom the ([a-z][a-z \-']*? (?:fund|account))\b", re.I)
_PURPOSE = re.compile(r"\b(?:is|are)\s[^;]{0,160}?\bfor\s+(?!fiscal\b|\d{4}\b)(.+)$", re.I)
_FOR = re.compile(r"\bfor\s+(?!fiscal\b|\d{4}\b)(.+)$", re.I)
_FOR_YEAR = re.compile(r"^\s*for\s+(\d{4})\b", re.I)
_SUBJECT_VERB = re.compile(
    r"\s(?:is|equals|must be|shall be|(?:must|may|shall) not exceed|is limited to)\s*$", re.I
)
_SUBJECT = re.compile(r"([A-Za-z][A-Za-z \-']{2,80})$")
_YEARS_PHRASE = re.compile(r"\s+for fiscal years?\s+\d{4}(?:\s+and later)?", re.I)
_FORMULA_WORDS = re.compile(r"allowance|revenue|aid|rate|levy|per pupil|pupil unit|times", re.I)
_APPROPRIATION_WORDS = re.compile(r"\bappropriat|\beach year\b|\bis for\b|\bare for\b", re.I)
_PURPOSE_END = re.compile(r"\s+(?:under|in|established in|according to)\s+Minnesota Statutes\b.*$")
_TABLE_ROW = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z ,.&'()\-]{2,120}?)\s+\$?\s?(?P<first>\d{1,3}(?:,\d{3})+)"
    r"\s+\$?\s?(?P<second>\d{1,3}(?:,\d{3})+)\s*$"
)
_LEADER_YEAR = re.compile(r"^\s*\.{2,}\s*(\d{4})\b")
_FOR_CLAUSE = re.compile(r"^\s*(?:\([a-z0-9]+\)\s*)*For\s+(.+?):\s*$", re.I)
_ARTICLE = re.compile(r"^the\s+", re.I)
_CLAUSE_END = re.compile(r"(?<=[a-z0-9)])\.(?=\s|$)|;|\n")


def fiscal_biennium(year_start: int) -> tuple[int, int]:
    """The fiscal years a session's budget covers: 2025-2026 appropriates for FY 2026 and
    2027 (a Minnesota fiscal year ends June 30 of its number)."""
    return (year_start + 1, year_start + 2)


def normalized(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def money_in(runs: Sequence[TextRun], *, biennium: tuple[int, int]) -> list[Money]:
    """Every dollar amount in a section's marked text; `biennium` gives "each year" its years
    (for the 2025-2026 session, fiscal years 2026 and 2027)."""
    return list(_money_in(tuple(runs), biennium))


@lru_cache(maxsize=4096)
def _money_in(runs: tuple[TextRun, ...], biennium: tuple[int, int]) -> tuple[Money, ...]:
    """`money_in`, once per section text: a version is compared with the one before it and
    the one after."""
    text, marks = _flatten(runs)
    found: list[Money] = []
    funded = ""  # the last "For ...:" clause, which the amount lines after it fund
    for start, end in _clauses(text):
        clause = text[start:end]
        row = _TABLE_ROW.match(clause.strip())
        if row:
            found += _table_row(row, marks, start + clause.index(row.group(0)), biennium)
            continue
        heading = _FOR_CLAUSE.match(clause)
        if heading:
            funded = heading.group(1)
        previous: tuple[re.Match[str], Money] | None = None
        for match in _AMOUNT_RE.finditer(clause):
            mark = marks[start + match.start()]
            leader = _LEADER_YEAR.match(clause[match.end() :])
            if previous and not clause[previous[0].end() : match.start()].strip():
                # "$7,481 $7,551": the stricken amount and the one in its place
                money = replace(previous[1], dollars=_dollars(match), mark=mark)
            elif funded and (leader or _FOR_YEAR.match(clause[match.end() :])):
                year = leader or _FOR_YEAR.match(clause[match.end() :])
                assert year is not None
                money = Money(
                    dollars=_dollars(match),
                    fiscal_years=(int(year.group(1)),),
                    purpose=_tidy_purpose(funded),
                    kind=MoneyKind.APPROPRIATION,
                    mark=mark,
                )
            else:
                money = _amount(clause, match, mark, biennium)
            found.append(money)
            previous = (match, money)
    return tuple(found)


def law_changes(money: Sequence[Money]) -> list[LawChange]:
    """Each stricken amount paired with the underscored one that follows it for the same
    purpose and years."""
    changes = []
    for before, after in pairwise(money):
        if (
            before.mark is TextMark.STRUCK
            and after.mark is TextMark.INSERTED
            and (before.kind, before.fiscal_years) == (after.kind, after.fiscal_years)
        ):
            changes.append(LawChange(before, after))
    return changes


def _subject(before: str) -> re.Match[str] | None:
    """The words before "is" / "equals" that end `before`: what the amount is."""
    verb = _SUBJECT_VERB.search(before)
    return _SUBJECT.search(before[: verb.start()].rstrip()) if verb else None


def _flatten(runs: Sequence[TextRun]) -> tuple[str, list[TextMark]]:
    text = "".join(run.text for run in runs)
    marks = [run.mark for run in runs for _ in run.text]
    return text, marks


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, clauses after a semicolon, and lines: (start, end) offsets."""
    spans, start = [], 0
    for end_match in _CLAUSE_END.finditer(text):
        spans.append((start, end_match.start()))
        start = end_match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _amount(clause: str, match: re.Match[str], mark: TextMark, biennium: tuple[int, int]) -> Money:
    dollars = _dollars(match)
    # An amount's words sit close to it: a window keeps the patterns linear on long clauses.
    after = clause[match.end() : match.end() + WINDOW]
    before = clause[max(0, match.start() - WINDOW) : match.start()]
    # The amount's own words run to the next amount ("$X each year from A and $Y ...").
    following = _AMOUNT_RE.search(after)
    own = after[: following.start()] if following else after
    years = _years(own, biennium) or _years(after, biennium) or _years(before, biennium)
    fund = _FUND.search(own)
    purpose_match = _PURPOSE.search(own) or _PURPOSE.search(after) or _FOR.search(own)
    subject = _subject(_YEARS_PHRASE.sub("", before))
    if purpose_match and _APPROPRIATION_WORDS.search(clause):
        kind, purpose = MoneyKind.APPROPRIATION, purpose_match.group(1)
    elif subject and _FORMULA_WORDS.search(subject.group(1) + " " + own[:40]):
        kind, purpose = MoneyKind.FORMULA, subject.group(1)
    elif subject:
        kind, purpose = MoneyKind.OTHER, subject.group(1)
    elif purpose_match:
        kind, purpose = MoneyKind.OTHER, purpose_match.group(1)
    else:
        kind, purpose = MoneyKind.OTHER, before[-80:]
    return Money(
        dollars=dollars,
        fiscal_years=years,
        purpose=_tidy_purpose(purpose),
        kind=kind,
        mark=mark,
        fund=fund.group(1).lower() if fund else "",
    )


def _dollars(match: re.Match[str]) -> Decimal:
    return Decimal(match.group(1).replace(",", ""))


def _years(text: str, biennium: tuple[int, int]) -> tuple[int, ...]:
    if _EACH_YEAR.search(text):
        return biennium
    year = _FOR_YEAR.search(text)
    if year:
        return (int(year.group(1)),)
    found = _FISCAL_YEAR.search(text)
    if not found:
        return ()
    first = int(found.group(1))
    last = int(found.group(2)) if found.group(2) else first
    return tuple(range(first, last + 1)) if 0 <= last - first <= 4 else (first, last)


def _table_row(
    row: re.Match[str], marks: list[TextMark], offset: int, biennium: tuple[int, int]
) -> list[Money]:
    label = _tidy_purpose(row.group("label"))
    out = []
    for name, year in (("first", biennium[0]), ("second", biennium[1])):
        position = offset + row.start(name)
        out.append(
            Money(
                dollars=Decimal(row.group(name).replace(",", "")),
                fiscal_years=(year,),
                purpose=label,
                kind=MoneyKind.TABLE,
                mark=marks[position] if position < len(marks) else TextMark.SAME,
            )
        )
    return out


def _tidy_purpose(text: str) -> str:
    text = _PURPOSE_END.sub("", " ".join(text.split()))
    return _ARTICLE.sub("", text.strip(" ,.:;")).strip()
