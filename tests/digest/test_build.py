"""The digest builder on hand-built inputs: pure, no database."""

from __future__ import annotations

from datetime import date

import pytest

from tests.digest.samples import (
    REP,
    WEEK,
    H,
    S,
    act,
    bill,
    hearing,
    inputs,
    member,
)
from tracker.digest.build import OTHER_PRIORITIES, OTHER_TRACKED, build_digest
from tracker.digest.inputs import PositionFact, SeatFact, digest_window
from tracker.vocab import ActionKind as K
from tracker.vocab import BillType, Stage

MAR = lambda day: date(2026, 3, day)  # noqa: E731
SUPPORT = PositionFact("support", "high", "Saves districts money.\nHelps kids.")

HF45 = bill(
    1,
    BillType.HF,
    45,
    act(H, 1, date(2026, 1, 20), K.INTRODUCTION, K.REFERRAL, committee="Education Finance"),
    act(
        H,
        2,
        MAR(5),
        K.COMMITTEE_PASSED,
        K.COMMITTEE_REREFERRED,
        K.REFERRAL,
        text="Committee report, to adopt and re-refer to",
        committee="Ways and Means",
    ),
    act(H, 3, MAR(11), K.COMMITTEE_PASSED, text="Committee report, to adopt"),
    title="Special education cross-subsidy reduction aid increased.",
    author="Youakim",
    companion=2,
    tags=("special-education",),
    position=SUPPORT,
)
SF88 = bill(
    2,
    BillType.SF,
    88,
    act(S, 1, date(2026, 1, 22), K.INTRODUCTION, K.REFERRAL),
    title="Special education cross-subsidy reduction aid increased.",
    author="Kunesh",
    companion=1,
    tags=("special-education",),
)
HF2 = bill(
    3,
    BillType.HF,
    2,
    act(H, 1, date(2026, 2, 2), K.INTRODUCTION),
    act(H, 2, MAR(4), K.SECOND_READING),
    act(H, 3, MAR(5), K.THIRD_READING, K.PASSED),
    title="Read Act modified.",
    author="Bennett",
    tags=("literacy",),
)
NEW = bill(
    4,
    BillType.HF,
    4410,
    act(H, 1, MAR(3), K.INTRODUCTION, K.REFERRAL),
    title="Rural school bus driver grants.",
    tags=("literacy",),
)
QUIET = bill(5, BillType.HF, 900, act(H, 1, MAR(3), K.AUTHOR_ADDED), tags=("literacy",))
LAW = bill(
    6,
    BillType.HF,
    851,
    act(H, 1, date(2026, 2, 1), K.INTRODUCTION),
    act(H, 2, MAR(6), K.GOVERNOR_APPROVAL),
    title="Facilities bill.",
    tags=("facilities",),
)


def test_window_reviews_the_week_before_and_looks_at_the_week_it_goes_out() -> None:
    window = digest_window(date(2026, 3, 11))
    assert window.monday == WEEK
    assert (window.review.start, window.review.end) == (MAR(2), MAR(9))
    assert (window.ahead.start, window.ahead.end) == (MAR(9), MAR(16))


def test_alerts_come_first_and_name_the_members_legislator_on_the_committee() -> None:
    week = inputs(HF45, SF88, HF2, hearings=(hearing((1, 3), seats=(SeatFact(REP),)),))
    digest = build_digest(week, member(("special-education", "literacy")), WEEK)
    assert [a.bill.citation for a in digest.alerts] == ["H.F. 45 / S.F. 88"]
    action = digest.alerts[0].action
    assert action is not None and action.rule == "hearing-seated-support"
    assert "Rep. Avery Example, who sits on the committee" in action.what
    assert action.talking_points == ("Saves districts money.", "Helps kids.")
    assert digest.headline.startswith("Action needed: H.F. 45 / S.F. 88 before Tuesday's")


def test_companions_are_cited_together_house_first_with_both_authors() -> None:
    digest = build_digest(inputs(SF88, HF45), member(("special-education",)), WEEK)
    (line,) = digest.moved[0].bills
    assert line.citation == "H.F. 45 / S.F. 88"
    assert line.authors == "Youakim / Kunesh"
    assert [link.label for link in line.links] == ["H.F. 45 status", "S.F. 88 status"]
    assert line.position_label == "Support"


def test_stage_is_as_of_the_weeks_end_not_today() -> None:
    digest = build_digest(inputs(HF45, SF88), member(("special-education",)), WEEK)
    (line,) = digest.moved[0].bills
    assert line.stage is Stage.IN_COMMITTEE  # re-referred on Mar 5; the Mar 11 report is later
    assert all("Mar 11" not in text for text in line.week_actions)
    assert line.week_actions == (
        "Mar 5, H.F. 45 (House): Committee report, to adopt and re-refer to Ways and Means",
    )


def test_moved_bills_are_grouped_by_the_members_priorities_in_their_order() -> None:
    digest = build_digest(
        inputs(HF45, SF88, HF2, QUIET), member(("literacy", "special-education")), WEEK
    )
    assert [s.title for s in digest.moved] == ["Literacy", "Special education"]
    assert [b.citation for b in digest.moved[0].bills] == [
        "H.F. 2"
    ]  # the author-only bill is quiet


def test_a_member_sees_only_their_priorities_and_following_nothing_means_everything() -> None:
    week = inputs(HF45, SF88, HF2, LAW, bill(9, BillType.SF, 9, act(S, 1, MAR(4), K.REFERRAL)))
    only_literacy = build_digest(week, member(("literacy",)), WEEK)
    # a high-priority bill the association took a side on reaches every member
    assert [s.title for s in only_literacy.moved] == ["Literacy", OTHER_PRIORITIES]
    assert [b.citation for b in only_literacy.moved[1].bills] == ["H.F. 45 / S.F. 88"]
    everything = build_digest(week, member(()), WEEK)
    titles = ["Special education", "Literacy", "Facilities", OTHER_TRACKED]
    assert [s.title for s in everything.moved] == titles


def test_new_bills_enacted_and_upcoming_hearings() -> None:
    week = inputs(HF45, SF88, NEW, LAW, hearings=(hearing((1,)),))
    digest = build_digest(week, member(("literacy", "facilities", "special-education")), WEEK)
    assert [b.citation for s in digest.new_bills for b in s.bills] == ["H.F. 4410"]
    assert all(b.citation != "H.F. 4410" for s in digest.moved for b in s.bills)
    assert [b.citation for b in digest.enacted] == ["H.F. 851"]
    (heard,) = digest.hearings
    assert heard.committee == "House Education Finance" and heard.when == "Tue Mar 10 1:00 PM"


def test_a_canceled_hearing_is_listed_as_such_and_raises_no_alert() -> None:
    week = inputs(HF45, SF88, hearings=(hearing((1,), status="canceled"),))
    digest = build_digest(week, member(("special-education",)), WEEK)
    assert digest.hearings[0].note == "Canceled"
    assert digest.alerts == ()


def test_an_empty_week_says_so() -> None:
    digest = build_digest(inputs(QUIET), member(("facilities",)), WEEK)
    assert digest.is_empty
    assert digest.headline == "A quiet week for your priorities"


def test_inputs_of_another_week_are_refused() -> None:
    with pytest.raises(ValueError, match="2026-03-09"):
        build_digest(inputs(), member(), date(2026, 3, 16))


def test_a_long_section_is_cut_and_says_how_many_more() -> None:
    many = [
        bill(100 + n, BillType.HF, 100 + n, act(H, 1, MAR(4), K.REFERRAL), tags=("literacy",))
        for n in range(25)
    ]
    digest = build_digest(inputs(*many), member(("literacy",)), WEEK)
    (section,) = digest.moved
    assert (len(section.bills), section.more) == (10, 15)
