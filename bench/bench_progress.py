"""The quarterly progress report for a 10,000-bill session, in memory.

    .venv/bin/python bench/bench_progress.py [--bills 10000] [--repeat 3]

Synthetic session: bills of 1 to 30 actions moving through committee, the floor and the
governor over 2025-2026; a third tagged to the AMSD 2021 plan's items, one in twenty with a
position, a tenth of those folded into an enacted omnibus; hearings on a fifth; 40 goals.
Also times the folded-in detector over 500 positioned bills against 1,500 carriers of 1 to
60 sections. Reports medians over repeats: detector, report built, report rendered (HTML with
its two charts), PDF.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.progress.facts import BillProgress, FoldedInto, Goal, ProgressFacts
from tracker.progress.render import report_html, report_pdf
from tracker.progress.report import build_report
from tracker.records.bill_text import SectionRecord, TextRun
from tracker.records.bills import StatuteRecord
from tracker.rules.folding import BillLanguage, find_foldings
from tracker.rules.periods import parse_quarter
from tracker.rules.stage import StagedAction
from tracker.tagging.catalog import load_catalog
from tracker.vocab import ActionKind as K
from tracker.vocab import BillType, Chamber, FindingStatus, Position, Stage, StatuteChange, TextMark

PATH = (
    (K.INTRODUCTION, K.REFERRAL),
    (K.COMMITTEE_PASSED,),
    (K.SECOND_READING,),
    (K.THIRD_READING, K.PASSED),
    (K.PASSED,),
    (K.PRESENTMENT,),
    (K.GOVERNOR_APPROVAL,),
)


def facts(rng: random.Random, bills: int) -> ProgressFacts:
    framework = load_catalog().frameworks[0]
    keys = [item.key for item in framework.items]
    out = {}
    for bill_id in range(1, bills + 1):
        start = date(2025, 1, 10) + timedelta(days=rng.randint(0, 480))
        steps = rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 7))
        actions = tuple(
            StagedAction(
                Chamber.HOUSE if n < 4 else Chamber.SENATE, n, start + timedelta(days=9 * n), kinds
            )
            for n, kinds in enumerate(PATH[:steps], start=1)
        )
        tags = frozenset(rng.sample(keys, 2)) if rng.random() < 0.33 else frozenset()
        position = (
            rng.choice((Position.SUPPORT, Position.OPPOSE))
            if rng.random() < 0.05
            else Position.NONE
        )
        folded = ()
        if position is not Position.NONE and rng.random() < 0.1:
            folded = (FoldedInto(1, 0.8, FindingStatus.SUGGESTED, ("126C.10, subd. 2 ...",)),)
        out[bill_id] = BillProgress(
            id=bill_id,
            citation=f"H.F. {bill_id}",
            title=f"Bill {bill_id}",
            url=f"/bills/{bill_id}",
            bill_type=BillType.HF,
            closes_on=date(2026, 5, 18),
            actions=actions,
            tags=tags,
            position=position,
            position_days=(start,) if position is not Position.NONE else (),
            hearings=((bill_id, start + timedelta(days=5)),) if rng.random() < 0.2 else (),
            folded_into=folded,
        )
    goals = tuple(
        Goal(n, rng.choice(keys), 2026, f"Goal {n}", bill_ids=tuple(rng.sample(range(1, bills), 3)))
        for n in range(40)
    )
    return ProgressFacts(bills=out, goals=goals, association="AMSD")


def languages(rng: random.Random, count: int, stage: Stage) -> list[BillLanguage]:
    out = []
    for n in range(count):
        sections = tuple(
            SectionRecord(
                number=s,
                heading="Special education aid.",
                runs=(TextRun(TextMark.SAME, "The aid is increased " * rng.randint(5, 60)),),
                statutes=(
                    StatuteRecord(
                        f"12{rng.randint(0, 9)}A.{rng.randint(1, 40)}",
                        StatuteChange.AMENDED,
                        str(rng.randint(1, 5)),
                    ),
                ),
            )
            for s in range(1, rng.randint(2, 60 if stage is Stage.ENACTED else 6))
        )
        out.append(
            BillLanguage(
                n + (100_000 if stage is Stage.ENACTED else 0), f"H.F. {n}", stage, sections
            )
        )
    return out


def median_seconds(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bills", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2026)
    session = facts(rng, args.bills)
    framework = load_catalog().frameworks[0]
    quarter = parse_quarter("2026Q2")
    targets = languages(rng, 500, Stage.IN_COMMITTEE)
    carriers = languages(rng, 1500, Stage.ENACTED)
    detect = median_seconds(args.repeat, lambda: find_foldings(targets, carriers))
    build = median_seconds(args.repeat, lambda: build_report(session, framework, quarter))
    report = build_report(session, framework, quarter)
    render = median_seconds(args.repeat, lambda: report_html(report, made_on=quarter.end))
    pdf = median_seconds(1, lambda: report_pdf(report, made_on=quarter.end))
    positioned = sum(b.position is not Position.NONE for b in session.bills.values())
    print(f"{args.bills} bills, {positioned} with a position")
    print(f"folded-in detector, 500 bills against 1,500 carriers: median {detect:.2f} s")
    print(f"report built: median {build:.2f} s; HTML with charts: median {render:.2f} s")
    print(f"PDF: {pdf:.2f} s")
    print(f"headline: {report.headline}")


if __name__ == "__main__":
    main()
