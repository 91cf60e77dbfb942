"""What changed between versions, for every version of a 10,000-bill session, in memory.

    .venv/bin/python bench/bench_versions.py [--bills 10000] [--repeat 3]

Synthetic bills of realistic shape: most have 1 to 6 sections, one in twenty is an omnibus
of 40 to 160 sections in articles; sections run 60 to 400 words with dollar amounts and
struck/underscored runs. Bills have 1 to 4 versions; each engrossment rewrites about a
fifth of the sections, strikes or adds a few, renumbers what follows, and moves money.
Reports the median over repeats of the time to compare every consecutive pair of versions
(sections matched, word edits, money read), and per pair.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.records.bill_text import SectionRecord, TextRun
from tracker.records.bills import StatuteRecord
from tracker.rules import money
from tracker.rules.versions import compare
from tracker.vocab import StatuteChange, TextMark

WORDS = [
    "school",
    "district",
    "pupil",
    "aid",
    "revenue",
    "commissioner",
    "education",
    "program",
    "grant",
    "student",
    "teacher",
    "fiscal",
    "year",
    "under",
    "section",
    "subdivision",
    "must",
    "may",
    "shall",
    "report",
    "general",
    "fund",
    "special",
    "transportation",
    "literacy",
    "prekindergarten",
    "paraprofessional",
    "levy",
    "adjusted",
    "units",
    "board",
]
HEADINGS = ["Basic revenue.", "Special education aid.", "Definitions.", "Eligibility.", "Report."]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    if rng.random() < 0.3:
        year = rng.choice((2026, 2027))
        text += f" ${rng.randint(1, 900) * 1000:,} in fiscal year {year} is for grants"
    return text + "."


def section(rng: random.Random, number: int, article: int | None) -> SectionRecord:
    runs = [TextRun(TextMark.SAME, sentence(rng, rng.randint(60, 400)))]
    if rng.random() < 0.5:
        old, new = rng.randint(100, 9000), rng.randint(100, 9000)
        runs += [
            TextRun(TextMark.SAME, " The allowance is "),
            TextRun(TextMark.STRUCK, f"${old:,}"),
            TextRun(TextMark.SAME, " "),
            TextRun(TextMark.INSERTED, f"${new:,}"),
            TextRun(TextMark.SAME, " for fiscal year 2027."),
        ]
    cite = f"12{rng.randint(0, 9)}{rng.choice('ABCD')}.{rng.randint(1, 99):02d}"
    statute = StatuteRecord(cite, StatuteChange.AMENDED, str(rng.randint(1, 9)))
    return SectionRecord(
        number=number,
        heading=rng.choice(HEADINGS),
        runs=tuple(runs),
        article=article,
        statutes=(statute,) if rng.random() < 0.8 else (),
    )


def first_version(rng: random.Random) -> list[SectionRecord]:
    if rng.random() < 0.05:
        sections, number = [], 0
        for article in range(1, rng.randint(3, 8)):
            for index in range(1, rng.randint(10, 25)):
                number += 1
                sections.append(section(rng, index, article))
        return sections
    return [section(rng, n, None) for n in range(1, rng.randint(2, 7))]


def engrossment(rng: random.Random, sections: list[SectionRecord]) -> list[SectionRecord]:
    out = []
    for old in sections:
        roll = rng.random()
        if roll < 0.05:
            continue  # struck
        if roll < 0.25:
            runs = (*old.runs, TextRun(TextMark.SAME, " " + sentence(rng, rng.randint(5, 30))))
            old = replace(old, runs=runs)
        out.append(old)
    if rng.random() < 0.3:
        out.insert(rng.randint(0, len(out)), section(rng, 0, out[0].article if out else None))
    return [replace(s, number=n) for n, s in enumerate(out, start=1)]


def session(rng: random.Random, bills: int) -> list[list[list[SectionRecord]]]:
    out = []
    for _ in range(bills):
        versions = [first_version(rng)]
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            versions.append(engrossment(rng, versions[-1]))
        out.append(versions)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bills", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bills = session(random.Random(2026), args.bills)
    pairs = sum(len(versions) - 1 for versions in bills)
    sections = sum(len(v) for versions in bills for v in versions)
    seconds = []
    for _ in range(args.repeat):
        money._money_in.cache_clear()  # each run reads every section's money afresh
        started = time.perf_counter()
        for versions in bills:
            for before, after in pairwise(versions):
                compare(before, after, biennium=(2026, 2027))
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    print(
        f"{args.bills} bills, {sum(len(v) for v in bills)} versions, {sections} sections, "
        f"{pairs} pairs of versions compared"
    )
    print(
        f"all changes: median {median:.1f} s over {args.repeat} runs "
        f"(min {min(seconds):.1f}, max {max(seconds):.1f}); "
        f"{1000 * median / max(pairs, 1):.2f} ms a pair"
    )


if __name__ == "__main__":
    main()
