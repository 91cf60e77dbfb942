"""Measure the tagger against labeled bills, beside a plain keyword baseline.

Labeled rows are JSON lines: `title` and `is_education` are required; `session`, `number`,
`statutes`, `committees`, `text`, `alt_titles` (other titles of the same bill, given to the
tagger as its short description), `domain`, `org_mentions[].priority` and `issue_areas` (the
areas the bill is filed under, the first one first, by the rule at the top of
issue_areas.toml) are optional. Area labels may also come from a second file of
{session, number, issue_areas} rows (`with_area_labels`), so a shared set's labels stay apart
from it. Relevance is scored for the tagger and the baseline in the same run; issue areas
only on rows that carry area labels.

Bills are split by a hash of session and number (`split_of`): the tagger is tuned on one
part only and measured on the other, held out.

Everything here is pure: the caller reads the files (`tracker tagger eval --labels FILE`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from tracker.tagging.area_eval import AreaLabel, AreaReport, AreaScores, area_report
from tracker.tagging.catalog import Catalog
from tracker.tagging.scores import Scores, score
from tracker.tagging.tagger import BillSignals, LearnedEvidence, Tagger, TagResult

__all__ = ["AreaScores", "Scores", "score"]

# The baseline: the words anyone would grep a title for.
KEYWORD_BASELINE = re.compile(
    r"\b(?:schools?|education(?:al)?|students?|teachers?|pupils?|(?:pre)?kindergarten|"
    r"classrooms?|educators?|k-12|e-12)\b",
    re.IGNORECASE,
)

TUNE, HELD_OUT = "tune", "held-out"
SPLITS = ("all", TUNE, HELD_OUT)


@dataclass(frozen=True)
class LabeledBill:
    id: str
    title: str
    is_education: bool
    statutes: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    text: str = ""
    alt_titles: tuple[str, ...] = ()
    domain: str = ""
    priorities: tuple[str, ...] = ()
    issue_areas: tuple[str, ...] | None = None
    session: str = ""

    @property
    def signals(self) -> BillSignals:
        return BillSignals(
            title=self.title,
            short_description=" / ".join(self.alt_titles),
            statutes=self.statutes,
            committees=self.committees,
            text=self.text,
        )

    @property
    def key(self) -> str:
        """What the split hashes: session and number, or the id alone."""
        return f"{self.session} {self.id}".strip()


def split_of(key: str) -> str:
    """'tune' or 'held-out', by the first byte of the key's SHA-256: stable, about half each."""
    return HELD_OUT if hashlib.sha256(key.encode()).digest()[0] % 2 else TUNE


def in_split(bills: Sequence[LabeledBill], split: str) -> list[LabeledBill]:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    return [b for b in bills if split == "all" or split_of(b.key) == split]


def parse_labels(lines: Iterable[str], source: str = "labels") -> list[LabeledBill]:
    """JSON lines -> LabeledBill rows; a bad row is a ValueError naming its line."""
    bills = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            bills.append(_labeled_bill(row, number))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise ValueError(f"{source}, line {number}: {error}") from error
    return bills


def _labeled_bill(row: dict, number: int) -> LabeledBill:
    if not isinstance(row.get("title"), str) or not isinstance(row.get("is_education"), bool):
        raise ValueError("needs a string 'title' and a true/false 'is_education'")
    return LabeledBill(
        id=str(row.get("id") or row.get("number") or f"line {number}"),
        title=row["title"],
        is_education=row["is_education"],
        statutes=tuple(row.get("statutes") or ()),
        committees=tuple(row.get("committees") or ()),
        text=row.get("text") or "",
        alt_titles=tuple(row.get("alt_titles") or ()),
        domain=row.get("domain") or "",
        priorities=tuple(m["priority"] for m in row.get("org_mentions") or () if m.get("priority")),
        issue_areas=_areas(row.get("issue_areas")),
        session=str(row.get("session") or ""),
    )


def _areas(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("'issue_areas' must be a list of area codes")
    return tuple(value)


def with_area_labels(
    bills: Sequence[LabeledBill], lines: Iterable[str], source: str = "area labels"
) -> list[LabeledBill]:
    """Add {session, number, issue_areas} rows to the bills they name; every bill and every
    row must meet (a row naming no bill, or a bill with no row, is a ValueError)."""
    areas: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            key = f"{row['session']} {row['number']}"
            labels = _areas(row["issue_areas"])
        except (ValueError, TypeError, KeyError) as error:
            raise ValueError(f"{source}, line {number}: {error}") from error
        if labels is None or key in areas:
            raise ValueError(f"{source}, line {number}: {key} has no areas or is listed twice")
        areas[key] = labels
    missing = [b.key for b in bills if b.key not in areas]
    unknown = sorted(set(areas) - {b.key for b in bills})
    if missing or unknown:
        raise ValueError(
            f"{source}: {len(missing)} bills without area labels ({', '.join(missing[:3])}), "
            f"{len(unknown)} labels for unknown bills ({', '.join(unknown[:3])})"
        )
    return [replace(b, issue_areas=areas[b.key]) for b in bills]


def check_area_codes(bills: Sequence[LabeledBill], catalog: Catalog) -> None:
    """A label naming an area the catalog does not have is a ValueError, not a silent miss."""
    known = {area.code for area in catalog.areas}
    for bill in bills:
        unknown = sorted(set(bill.issue_areas or ()) - known)
        if unknown:
            raise ValueError(f"{bill.key}: unknown issue area(s) {', '.join(unknown)}")
        if bill.issue_areas and not bill.is_education:
            raise ValueError(f"{bill.key}: a bill labeled not relevant has issue areas")


def baseline_relevant(bill: LabeledBill) -> bool:
    return any(KEYWORD_BASELINE.search(text) for text in (bill.title, *bill.alt_titles))


def keyword_areas(catalog: Catalog) -> Callable[[str], list[str]]:
    """The area baseline: every area one of whose listed phrases occurs word for word."""
    patterns = []
    for area in catalog.areas:
        words = [_phrase_regex(p) for p in area.phrases]
        patterns.append((area.code, re.compile(r"\b(?:" + "|".join(words) + r")", re.I)))

    def areas(text: str) -> list[str]:
        return [code for code, pattern in patterns if pattern.search(text)]

    return areas


def _phrase_regex(phrase: str) -> str:
    stem = phrase.endswith("*")
    body = re.escape(phrase.rstrip("*")).replace("\\#", r"\d+").replace("\\ ", r"[\s-]")
    return body + (r"\w*" if stem else r"(?:e?s)?\b")


@dataclass(frozen=True)
class Miss:
    id: str
    title: str
    expected: bool
    score: float
    why: str
    baseline_right: bool


@dataclass(frozen=True)
class EvalResult:
    n: int
    tagger: Scores
    baseline: Scores
    misclassified: tuple[Miss, ...]
    area: AreaReport | None
    domains: tuple[tuple[str, int, int, int], ...]  # (domain, bills, tagger right, baseline right)
    priority_hints: tuple[tuple[str, str, tuple[str, ...]], ...]  # (id, priority, tagged areas)
    version: str
    split: str = "all"

    @property
    def f1_ratio(self) -> float:
        return self.tagger.f1 / self.baseline.f1 if self.baseline.f1 else float("inf")

    @property
    def areas(self) -> tuple[AreaScores, ...]:
        return self.area.per_area if self.area else ()

    @property
    def area_micro(self) -> Scores:
        return self.area.micro if self.area else Scores()


def evaluate(
    bills: Sequence[LabeledBill],
    tagger: Tagger,
    *,
    model: LearnedEvidence | None = None,
    split: str = "all",
) -> EvalResult:
    bills = in_split(bills, split)
    results = [tagger.tag(bill.signals, model=model) for bill in bills]
    baseline = [baseline_relevant(bill) for bill in bills]
    misses = tuple(
        Miss(
            bill.id,
            bill.title,
            bill.is_education,
            result.score,
            _why(result),
            base == bill.is_education,
        )
        for bill, result, base in zip(bills, results, baseline, strict=True)
        if result.relevant != bill.is_education
    )
    return EvalResult(
        n=len(bills),
        tagger=score((r.relevant, b.is_education) for r, b in zip(results, bills, strict=True)),
        baseline=score((p, b.is_education) for p, b in zip(baseline, bills, strict=True)),
        misclassified=misses,
        area=_area_report(bills, results, tagger.catalog),
        domains=_domains(bills, results, baseline),
        priority_hints=tuple(
            (bill.id, priority, tuple(result.area_codes()))
            for bill, result in zip(bills, results, strict=True)
            for priority in bill.priorities[:1]
        ),
        version=tagger.version,
        split=split,
    )


def _area_report(
    bills: Sequence[LabeledBill], results: Sequence[TagResult], catalog: Catalog
) -> AreaReport | None:
    pairs = [(b, r) for b, r in zip(bills, results, strict=True) if b.issue_areas is not None]
    if not pairs:
        return None
    keyword = keyword_areas(catalog)
    labels = [
        AreaLabel(b.key, b.is_education, b.issue_areas or (), not b.statutes) for b, _ in pairs
    ]

    def baseline(i: int) -> list[str]:
        bill = pairs[i][0]
        if not baseline_relevant(bill):
            return []
        return keyword(" / ".join((bill.title, *bill.alt_titles)))

    return area_report(labels, [r for _, r in pairs], baseline)


def _why(result: TagResult) -> str:
    if not result.reasons:
        return "no evidence found"
    return "; ".join(result.reasons[:2])


def _domains(
    bills: Sequence[LabeledBill], results: Sequence[TagResult], baseline: Sequence[bool]
) -> tuple[tuple[str, int, int, int], ...]:
    bills_in: Counter[str] = Counter()
    tagger_ok: Counter[str] = Counter()
    baseline_ok: Counter[str] = Counter()
    for bill, result, base in zip(bills, results, baseline, strict=True):
        domain = bill.domain or "(none)"
        bills_in[domain] += 1
        tagger_ok[domain] += result.relevant == bill.is_education
        baseline_ok[domain] += base == bill.is_education
    return tuple((d, bills_in[d], tagger_ok[d], baseline_ok[d]) for d in sorted(bills_in))
