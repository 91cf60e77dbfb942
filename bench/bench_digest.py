"""Render the weekly digest for 5,000 members over a 2,000-bill week, in memory.

    .venv/bin/python bench/bench_digest.py [--members 5000] [--bills 2000]

Inputs are synthetic (no database): 1,000 companion pairs tagged to 1-2 of 30 issue areas,
a third of them moving in the week, 40 hearings, positions on one bill in ten (a fifth
of those high priority). Members
follow 1-3 areas (one in ten follows everything) and have a House district. Reports the
one-off preparation, total seconds and the per-digest median; target: all under 30 s.

Then SendGrid: each digest is rendered in pieces (`render_shared`) and checked to be, filled
in (`personalize`), exactly the member's own rendering; the pieces become dynamic templates,
1,000 members per mailing as `jobs/digest.py` does (`build_mailings`). Reports the mailings,
the Mail Send and template API requests they cost, the template sizes and the data sent.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import datetime, timedelta

from tracker.digest.build import build_digest, prepare
from tracker.digest.inputs import (
    ActionFact,
    BillFact,
    DigestInput,
    HearingFact,
    LegislatorFact,
    PositionFact,
    PriorityFact,
    SeatFact,
    digest_window,
)
from tracker.digest.render import personalize, pieces, render_digest, render_shared
from tracker.mail.dynamic_template import MemberPieces, build_mailings
from tracker.mail.dynamic_template import DEFAULT_MAX_BYTES, MAX_MEMBERS
from tracker.models import Member
from tracker.records.bills import BillKey
from tracker.rules.dates import CENTRAL
from tracker.vocab import ActionKind as K
from tracker.vocab import BillType, Chamber

WEEK = digest_window(datetime(2026, 3, 9).date())
AREAS = [f"area-{n}" for n in range(30)]
STEPS = [
    (K.REFERRAL,),
    (K.COMMITTEE_PASSED, K.COMMITTEE_REREFERRED, K.REFERRAL),
    (K.COMMITTEE_PASSED,),
    (K.SECOND_READING,),
    (K.THIRD_READING, K.PASSED),
]


def _bill(rng: random.Random, bill_id: int, companion: int, bill_type: BillType) -> BillFact:
    chamber = bill_type.chamber
    start = WEEK.review.start - timedelta(days=rng.randint(1, 60))
    actions = [ActionFact(chamber, 1, start, (K.INTRODUCTION,), "Introduction and first reading")]
    moving = rng.random() < 0.33
    for seq, kinds in enumerate(STEPS[: rng.randint(0, len(STEPS))], start=2):
        day = start + timedelta(days=seq * 3)
        if moving and seq == 2:
            day = WEEK.review.start + timedelta(days=rng.randint(0, 6))
        actions.append(
            ActionFact(chamber, seq, day, kinds, "Committee report", "Education Finance")
        )
    position = None
    if rng.random() < 0.1:
        side = rng.choice(["support", "oppose", "monitor"])
        priority = rng.choices(["high", "medium", "low"], weights=[2, 4, 4])[0]
        position = PositionFact(side, priority, "Point one.\nPoint two.")
    return BillFact(
        id=bill_id,
        key=BillKey(94, 0, bill_type, bill_id),
        title=f"Synthetic bill {bill_id} on {rng.choice(AREAS)} & <things>",
        status_url=f"https://www.revisor.mn.gov/bills/bill.php?f={bill_type.value}{bill_id}",
        chief_author=f"Author{bill_id % 97}",
        companion_id=companion,
        actions=tuple(actions),
        tags=frozenset(rng.sample(AREAS, rng.randint(1, 2))),
        position=position,
    )


def synthetic_week(bills: int, rng: random.Random) -> DigestInput:
    facts = {}
    for n in range(1, bills + 1, 2):
        facts[n] = _bill(rng, n, n + 1, BillType.HF)
        facts[n + 1] = _bill(rng, n + 1, n, BillType.SF)
    legislators = tuple(
        LegislatorFact(Chamber.HOUSE, str(d), f"Rep {d}", f"{d // 2 + 1}{'AB'[d % 2]}")
        for d in range(134)
    ) + tuple(LegislatorFact(Chamber.SENATE, f"s{d}", f"Sen {d}", str(d)) for d in range(1, 68))
    hearings = tuple(
        HearingFact(
            id=h,
            chamber="house",
            committee=f"Committee {h}",
            starts_at=datetime(2026, 3, 9 + h % 5, 9 + h % 8, tzinfo=CENTRAL),
            location="Capitol 120",
            bill_ids=tuple(rng.sample(sorted(facts), 6)),
            seats=tuple(SeatFact(rng.choice(legislators[:134])) for _ in range(12)),
        )
        for h in range(40)
    )
    priorities = {a: PriorityFact(a, a.replace("-", " ").title(), frozenset({a})) for a in AREAS}
    return DigestInput(WEEK, facts, hearings, legislators, priorities, tuple(AREAS), "Bench Assoc")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--bills", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(6)
    inputs = synthetic_week(args.bills, rng)
    members = [
        Member(
            id=n,
            email=f"member{n}@example.org",
            name=f"Member {n}",
            organization=f"ISD {n % 300}",
            follows=[] if n % 10 == 0 else rng.sample(AREAS, rng.randint(1, 3)),
            districts=[f"{rng.randint(1, 67)}{rng.choice('AB')}"],
            token_salt=f"salt{n}",
        )
        for n in range(1, args.members + 1)
    ]
    started = time.perf_counter()
    prepare(inputs)
    prepared_in = time.perf_counter() - started
    timings: list[float] = []  # what jobs/digest.py does per member for SendGrid
    own_timings: list[float] = []  # the plain rendering (file, smtp), to check against
    sizes: list[int] = []
    members_pieces: list[MemberPieces] = []
    mismatches = 0
    for member in members:
        t0 = time.perf_counter()
        digest = build_digest(inputs, member, WEEK.monday)
        shared, values = render_shared(digest, public_url="https://t.example.org", secret="b" * 40)
        html, text = pieces(shared)
        filled = personalize(shared, values)
        members_pieces.append(MemberPieces(str(member.id), filled.subject, html, text, values))
        timings.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        own = render_digest(digest, public_url="https://t.example.org", secret="b" * 40)
        own_timings.append(time.perf_counter() - t0)
        mismatches += filled != own
        sizes.append(len(own.html))
    total = prepared_in + sum(timings)
    print(f"{args.members} digests over {args.bills} bills ({len(inputs.week.moved)} moved)")
    print(f"prepare once: {prepared_in:.2f} s")
    print(
        f"total (build, render in pieces, fill in): {total:.1f} s; per digest median "
        f"{statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms"
    )
    print(
        f"plain rendering (file, smtp; the digest built): median "
        f"{statistics.median(own_timings) * 1000:.1f} ms, total {sum(own_timings):.1f} s"
    )
    median_kib, max_kib = statistics.median(sizes) / 1024, max(sizes) / 1024
    print(f"HTML size median {median_kib:.0f} KiB, max {max_kib:.0f} KiB")
    print("target (< 30 s):", "met" if total < 30 else "MISSED")
    same = args.members - mismatches
    print(
        f"filled-in pieces == the member's own rendering: {same} of {args.members}"
        + ("" if not mismatches else "  <-- MISMATCH")
    )

    t0 = time.perf_counter()
    mailings = []
    for start in range(0, len(members_pieces), MAX_MEMBERS):  # the job's rounds of 1,000
        mailings += build_mailings(members_pieces[start : start + MAX_MEMBERS])
    built_in = time.perf_counter() - t0
    html_kib = [len(m.html_content.encode()) / 1024 for m in mailings]
    text_kib = [len(m.plain_content.encode()) / 1024 for m in mailings]
    data_mb = [len(json.dumps(m.data)) / 1e6 for m in mailings]
    runs = [len(d["p"]) for m in mailings for d in m.data.values()]
    print(
        f"SendGrid: {len(mailings)} mailings for {len(members_pieces)} members "
        f"({sum(m.split for m in mailings)} split off by the {DEFAULT_MAX_BYTES:,}-byte budget), "
        f"built in {built_in:.1f} s"
    )
    print(
        f"  requests: {len(mailings)} Mail Send + {2 * len(mailings)} template API "
        "(create, version; plus one listing to prune old templates per run)"
    )
    print(
        f"  template HTML median {statistics.median(html_kib):.0f} KiB, max {max(html_kib):.0f}"
        f" KiB; text median {statistics.median(text_kib):.0f} KiB, max {max(text_kib):.0f} KiB"
    )
    print(
        f"  template data per Mail Send median {statistics.median(data_mb):.1f} MB, max "
        f"{max(data_mb):.1f} MB; runs per member median {statistics.median(runs):.0f}, "
        f"max {max(runs)}"
    )


if __name__ == "__main__":
    main()
