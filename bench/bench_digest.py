"""The weekly update for 5,000 members over a 2,000-bill week: rendering, then sending.

    .venv/bin/python bench/bench_digest.py [--members 5000] [--bills 2000] [--latency 0.075]
        [--concurrency 4]

Inputs are synthetic (no database): 1,000 companion pairs tagged to 1-2 of 30 issue areas,
a third of them moving in the week, 40 hearings, positions on one bill in ten (a fifth
of those high priority). Members follow 1-3 areas (one in ten follows everything) and have
a House district. Reports the one-off preparation, then per member building and rendering
the digest into its email (median, p95, max, total; target: all under 30 s) and the HTML
sizes: the median, the largest digest and how many pass the 100,000-byte limit (Gmail clips
longer emails; the renderer cuts them to fit).

Then sending: every email through `SendGridBackend` to the tests' fake SendGrid on
127.0.0.1, which waits `--latency` seconds before each answer (the round trip to SendGrid),
in batches of 100 as `jobs/digest.py` sends them: one request at a time, then
`--concurrency` at a time (TRACKER_SENDGRID_CONCURRENCY). The fake runs in this process, so
its own work shares the interpreter with the sender's.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jobs.digest import BATCH  # noqa: E402
from tests.mail.fakes import API_KEY, FakeSendGrid  # noqa: E402
from tracker.digest.build import build_digest, prepare  # noqa: E402
from tracker.digest.fit import LIMIT  # noqa: E402
from tracker.digest.inputs import (  # noqa: E402
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
from tracker.digest.render import render_digest, to_message  # noqa: E402
from tracker.mail import Backoff, OutgoingMessage, Sender, SendGridBackend, SendOutcome  # noqa: E402
from tracker.models import Member  # noqa: E402
from tracker.records.bills import BillKey  # noqa: E402
from tracker.rules.dates import CENTRAL  # noqa: E402
from tracker.vocab import ActionKind as K  # noqa: E402
from tracker.vocab import BillType, Chamber  # noqa: E402

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


def render_all(inputs: DigestInput, members: list[Member]) -> list[OutgoingMessage]:
    started = time.perf_counter()
    prepare(inputs)
    prepared_in = time.perf_counter() - started
    timings: list[float] = []
    messages = []
    for member in members:
        t0 = time.perf_counter()
        digest = build_digest(inputs, member, WEEK.monday)
        rendered = render_digest(digest, public_url="https://t.example.org", secret="b" * 40)
        messages.append(to_message(rendered, member, WEEK.monday))
        timings.append(time.perf_counter() - t0)
    total = prepared_in + sum(timings)
    sizes = [len(m.html.encode()) for m in messages]
    print(f"{len(members)} digests over {len(inputs.bills)} bills ({len(inputs.week.moved)} moved)")
    print(f"prepare once: {prepared_in:.2f} s")
    print(
        f"build and render, per digest: median {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms; total {total:.1f} s "
        f"(target < 30 s: {'met' if total < 30 else 'MISSED'})"
    )
    largest = max(sizes)
    over = sum(size > LIMIT for size in sizes)
    print(
        f"HTML size median {statistics.median(sizes) / 1024:.0f} KiB; largest digest "
        f"{largest:,} bytes ({largest / 1024:.0f} KiB); over the {LIMIT:,}-byte limit: {over}"
    )
    return messages


def send_all(messages: Sequence[OutgoingMessage], latency: float, concurrency: int) -> float:
    """Seconds to send every message in batches of BATCH; checks each was accepted."""
    with FakeSendGrid(latency=latency) as fake:
        backend = SendGridBackend(
            Sender("updates@bench.example.org", "Bench Assoc"),
            api_key=API_KEY,
            api_url=fake.url,
            backoff=Backoff(retries=0),
            concurrency=concurrency,
        )
        started = time.perf_counter()
        for start in range(0, len(messages), BATCH):
            results = backend.send(messages[start : start + BATCH])
            refused = [r.detail for r in results if r.outcome is not SendOutcome.SENT]
            assert not refused and not fake.problems, (refused[:3], fake.problems[:3])
            fake.requests.clear()  # what the fake keeps of 5,000 emails would fill memory
            fake.received.clear()
        took = time.perf_counter() - started
    assert backend.requests_made == len(messages)
    assert fake.most_in_flight <= concurrency
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--bills", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.075, help="seconds per answer")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--no-send", action="store_true", help="render only; send nothing")
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
    messages = render_all(inputs, members)
    if args.no_send:
        return
    megabytes = sum(len(m.html.encode()) + len(m.text.encode()) for m in messages) / 1e6
    print(
        f"SendGrid: {len(messages)} Mail Send requests ({megabytes:.0f} MB of content), "
        f"{args.latency * 1000:.0f} ms per answer"
    )
    for concurrency in dict.fromkeys((1, args.concurrency)):
        took = send_all(messages, args.latency, concurrency)
        print(
            f"  {concurrency} at a time: {took:.1f} s, "
            f"{took / len(messages) * 1000:.1f} ms per message"
        )


if __name__ == "__main__":
    main()
