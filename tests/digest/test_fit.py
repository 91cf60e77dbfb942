"""Digests that fit: every email's HTML stays under the limit Gmail clips at, the action
alerts first and whole, and what was left out is counted with a link to the web app."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

import pytest

from tests.digest.samples import WEEK, act, bill
from tracker.digest.build import build_digest
from tracker.digest.fit import LIMIT, share
from tracker.digest.inputs import (
    BillFact,
    DigestInput,
    HearingFact,
    PositionFact,
    PriorityFact,
    digest_window,
)
from tracker.digest.render import render_digest
from tracker.models import Member
from tracker.rules.dates import CENTRAL
from tracker.vocab import ActionKind as K
from tracker.vocab import BillType, Chamber

URL = "https://tracker.example.org"
AREAS = [f"area-{n}" for n in range(12)]


@pytest.mark.parametrize(
    ("budget", "demands", "granted"),
    [
        (100, [10, 20, 30], [10, 20, 30]),  # enough for all
        (60, [10, 50, 50], [10, 25, 25]),  # the small one whole, the rest shared equally
        (30, [40, 40, 40], [10, 10, 10]),
        (0, [5, 5], [0, 0]),
        (-50, [5], [0]),  # nothing left after the alerts
        (90, [], []),
    ],
)
def test_share_is_water_filling(budget: int, demands: list[int], granted: list[int]) -> None:
    assert share(budget, demands) == granted
    assert sum(share(budget, demands)) <= max(budget, 0)


def busy_week(rng: random.Random, bills: int = 700, hearings: int = 30) -> DigestInput:
    """A session's busiest week: most bills move, many on hearing agendas, sides taken on a
    fifth of them (the 2,000-bill bench's shape at a size a test can render)."""
    window = digest_window(WEEK)
    facts: dict[int, BillFact] = {}
    for n in range(1, bills + 1):
        start = window.review.start - timedelta(days=rng.randint(1, 40))
        moved = window.review.start + timedelta(days=rng.randint(0, 6))
        side = rng.random() < 0.2
        facts[n] = bill(
            n,
            BillType.HF,
            n,
            act(Chamber.HOUSE, 1, start, K.INTRODUCTION, text="Introduction and first reading"),
            act(Chamber.HOUSE, 2, moved, K.COMMITTEE_PASSED, text="Committee report, to adopt"),
            title=f"Bill {n} on {rng.choice(AREAS)}, with a title as long as real ones get "
            "when they amend several sections of the education code",
            author=f"Author{n % 50}",
            tags=tuple(rng.sample(AREAS, 2)),
            position=PositionFact(rng.choice(["support", "oppose"]), "high", "One.\nTwo.")
            if side
            else None,
        )
    agendas = tuple(
        HearingFact(
            id=h,
            chamber="house",
            committee=f"Education Committee {h}",
            starts_at=datetime(2026, 3, 9 + h % 5, 8 + h % 8, tzinfo=CENTRAL),
            location="Capitol 120",
            url=f"https://www.house.mn.gov/hearing/{h}",
            bill_ids=tuple(rng.sample(sorted(facts), 8)),
        )
        for h in range(hearings)
    )
    priorities = {a: PriorityFact(a, a.replace("-", " ").title(), frozenset({a})) for a in AREAS}
    return DigestInput(window, facts, agendas, (), priorities, tuple(AREAS), "AMSD")


def members(rng: random.Random) -> list[Member]:
    return [
        Member(
            id=n,
            email=f"member{n}@example.org",
            name=f"Member {n}",
            organization="ISD 1",
            follows=[] if n % 4 == 0 else rng.sample(AREAS, rng.randint(1, 3)),
            districts=["49A"],
            token_salt=f"salt{n}",
        )
        for n in range(1, 13)
    ]


def test_every_digest_of_a_busy_week_fits_with_its_alerts_whole() -> None:
    rng = random.Random(13)
    week = busy_week(rng)
    cut_somewhere = 0
    for member in members(rng):
        digest = build_digest(week, member, WEEK)
        rendered = render_digest(digest, public_url=URL, secret="s" * 32)
        html = rendered.html
        assert len(html.encode("utf-8")) <= LIMIT, member.email
        assert rendered.unsubscribe_url.replace("&", "&amp;") in html, "the footer survives"
        shown_alerts = html.count('class="alert"')
        more_alerts = re.search(r"and (\d+) more bills the association took a side on", html)
        assert shown_alerts + int(more_alerts.group(1) if more_alerts else 0) == len(digest.alerts)
        # every alert shown is whole: its action, its reason and its links
        assert html.count("What to do:") == shown_alerts
        assert html.count("Talking points:") == shown_alerts
        cuts = re.findall(r'and (\d+) more[^<]*<a href="([^"]+)"', html)
        cut_somewhere += bool(cuts)
        for _, link in cuts:
            assert link.startswith(URL + "/"), link
        # the text twin says the same
        for count, _ in cuts:
            assert f"and {count} more" in rendered.text
    assert cut_somewhere >= 6, "a busy week is cut for most members: the test must show it"


def follower(of: str) -> Member:
    return Member(id=1, email="one@example.org", name="One", organization="ISD", follows=[of])


def test_a_digest_under_the_limit_is_not_cut() -> None:
    rng = random.Random(13)
    week = busy_week(rng, bills=40, hearings=3)
    member = follower("area-1")
    digest = build_digest(week, member, WEEK)
    rendered = render_digest(digest, public_url=URL, secret="s" * 32)
    assert 20_000 < len(rendered.html.encode()) < LIMIT
    lines = [b for part in (digest.moved, digest.new_bills) for sec in part for b in sec.bills]
    lines += [b for hearing in digest.hearings for b in hearing.bills]
    assert lines and all(f"{line.citation}</strong>" in rendered.html for line in lines)
    assert (
        "more hearings" not in rendered.html and "more bills the association" not in rendered.html
    )


def test_overflow_links_open_the_same_list_in_the_web_app() -> None:
    rng = random.Random(13)
    week = busy_week(rng)
    member = follower("area-3")
    digest = build_digest(week, member, WEEK)
    [section] = [section for section in digest.moved if section.title == "Area 3"]
    assert section.link == "/bills?tracked=1&changed_since=2026-03-02&area=area-3"
    assert digest.hearings_link == "/hearings?week=2026-03-09&tracked=1"
