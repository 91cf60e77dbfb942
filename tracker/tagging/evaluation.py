"""Measure the tagger against labeled bills, beside a plain keyword baseline.

Labeled rows are JSON lines: `title` and `is_education` are required; `statutes`,
`committees`, `text`, `alt_titles` (other titles of the same bill, given to the tagger as its
short description), `domain`, `org_mentions[].priority` and `issue_areas` (area codes staff
assigned) are optional. Relevance is scored for the tagger and the baseline in the same run;
issue areas are scored only on rows that carry `issue_areas` labels.

Everything here is pure: the caller reads the file (`tracker tagger eval --labels FILE`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.tagging.tagger import BillSignals, LearnedEvidence, Tagger, TagResult

# The baseline: the words anyone would grep a title for.
KEYWORD_BASELINE = re.compile(
    r"\b(?:schools?|education(?:al)?|students?|teachers?|pupils?|(?:pre)?kindergarten|"
    r"classrooms?|educators?|k-12|e-12)\b",
    re.IGNORECASE,
)


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

    @property
    def signals(self) -> BillSignals:
        return BillSignals(
            title=self.title,
            short_description=" / ".join(self.alt_titles),
            statutes=self.statutes,
            committees=self.committees,
            text=self.text,
        )


def parse_labels(lines: Iterable[str], source: str = "labels") -> list[LabeledBill]:
    """JSON lines -> LabeledBill rows; a bad row is a ValueError naming its line."""
    bills = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            bills.append(_labeled_bill(row, number))
        except (ValueError, TypeError, KeyError) as error:
            raise ValueError(f"{source}, line {number}: {error}") from error
    return bills


def _labeled_bill(row: dict, number: int) -> LabeledBill:
    if not isinstance(row.get("title"), str) or not isinstance(row.get("is_education"), bool):
        raise ValueError("needs a string 'title' and a true/false 'is_education'")
    areas = row.get("issue_areas")
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
        issue_areas=tuple(areas) if isinstance(areas, list) else None,
    )


def baseline_relevant(bill: LabeledBill) -> bool:
    return any(KEYWORD_BASELINE.search(text) for text in (bill.title, *bill.alt_titles))


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


@dataclass(frozen=True)
class Miss:
    id: str
    title: str
    expected: bool
    score: float
    why: str
    baseline_right: bool


@dataclass(frozen=True)
class AreaScores:
    code: str
    scores: Scores


@dataclass(frozen=True)
class EvalResult:
    n: int
    tagger: Scores
    baseline: Scores
    misclassified: tuple[Miss, ...]
    areas: tuple[AreaScores, ...]
    area_note: str
    domains: tuple[tuple[str, int, int, int], ...]  # (domain, bills, tagger right, baseline right)
    priority_hints: tuple[tuple[str, str, tuple[str, ...]], ...]  # (id, priority, tagged areas)
    version: str

    @property
    def f1_ratio(self) -> float:
        return self.tagger.f1 / self.baseline.f1 if self.baseline.f1 else float("inf")

    @property
    def area_micro(self) -> Scores:
        return Scores(
            tp=sum(a.scores.tp for a in self.areas),
            fp=sum(a.scores.fp for a in self.areas),
            fn=sum(a.scores.fn for a in self.areas),
            tn=0,
        )


def evaluate(
    bills: Sequence[LabeledBill], tagger: Tagger, *, model: LearnedEvidence | None = None
) -> EvalResult:
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
        areas=_area_scores(bills, results),
        area_note=_area_note(bills),
        domains=_domains(bills, results, baseline),
        priority_hints=tuple(
            (bill.id, priority, tuple(result.area_codes()))
            for bill, result in zip(bills, results, strict=True)
            for priority in bill.priorities[:1]
        ),
        version=tagger.version,
    )


def _why(result: TagResult) -> str:
    if not result.reasons:
        return "no evidence found"
    return "; ".join(result.reasons[:2])


def _area_scores(
    bills: Sequence[LabeledBill], results: Sequence[TagResult]
) -> tuple[AreaScores, ...]:
    labeled = [(b, r) for b, r in zip(bills, results, strict=True) if b.issue_areas is not None]
    codes = sorted({c for b, r in labeled for c in (*(b.issue_areas or ()), *r.area_codes())})
    return tuple(
        AreaScores(
            code,
            score((code in r.area_codes(), code in (b.issue_areas or ())) for b, r in labeled),
        )
        for code in codes
    )


def _area_note(bills: Sequence[LabeledBill]) -> str:
    labeled = sum(1 for b in bills if b.issue_areas is not None)
    if labeled == 0:
        return (
            "No per-area labels ('issue_areas') in this file: per-area precision and recall "
            "are not computed. Organization priority notes are listed beside the tagged areas "
            "for a human to compare."
        )
    return f"Per-area figures from the {labeled} of {len(bills)} bills with 'issue_areas' labels."


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


_HEADER = f"{'precision':>9} {'recall':>7} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"


def _row(name: str, s: Scores, width: int, *, tn: bool = True) -> str:
    line = (
        f"{name:<{width}} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
        f"{s.tp:>4} {s.fp:>4} {s.fn:>4}"
    )
    return line + (f" {s.tn:>4}" if tn else "")


def format_report(result: EvalResult) -> str:
    lines = [f"Tagger evaluation on {result.n} labeled bills ({result.version})", ""]
    lines.append(f"{'relevance':<10} {_HEADER} {'TN':>4}")
    lines.append(_row("tagger", result.tagger, 10))
    lines.append(_row("baseline", result.baseline, 10))
    lines.append(f"F1 ratio (tagger / baseline): {result.f1_ratio:.2f}")
    lines += ["", f"{'domain':<34} {'bills':>5} {'tagger ok':>9} {'baseline ok':>11}"]
    lines += [f"{d:<34} {n:>5} {t:>9} {b:>11}" for d, n, t, b in result.domains]
    lines += ["", f"Misclassified by the tagger ({len(result.misclassified)}):"]
    for miss in result.misclassified:
        kind = "missed (false negative)" if miss.expected else "false positive"
        base = "baseline right" if miss.baseline_right else "baseline wrong too"
        lines.append(f"- {miss.id}: {kind}, score {miss.score:.2f}, {base}")
        lines.append(f"    {_short(miss.title, 110)}")
        lines.append(f"    why: {_short(miss.why, 110)}")
    lines += ["", "Issue areas: " + result.area_note]
    if result.areas:
        lines.append(f"{'area':<30} {_HEADER}")
        lines += [_row(area.code, area.scores, 30, tn=False) for area in result.areas]
        lines.append(_row("micro-average", result.area_micro, 30, tn=False))
    else:
        for bill_id, priority, areas in result.priority_hints:
            lines.append(f"- {bill_id}: {_short(priority, 70)} -> {', '.join(areas) or '(none)'}")
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
