"""Outcomes, metrics, goals and the quarterly report on the hand-built session of
tests/progress/session.py; every expected number below was counted by hand from it."""

from __future__ import annotations

from datetime import date

from tests.progress.session import FACTS, FRAMEWORK, SD1, SD1A
from tracker.progress.metrics import Reckoner, Subject
from tracker.progress.outcomes import outcomes_as_of
from tracker.progress.report import build_report, goal_status
from tracker.rules.periods import parse_quarter
from tracker.vocab import Outcome, Stage, Verdict

Q2 = parse_quarter("2026Q2")


def test_every_positioned_bill_has_its_outcome_at_the_quarters_end() -> None:
    outcomes = {o.bill.citation: o for o in outcomes_as_of(FACTS, Q2.end)}
    assert {c: (o.outcome, o.verdict) for c, o in outcomes.items()} == {
        "H.F. 1": (Outcome.ENACTED, Verdict.WIN),
        "H.F. 2": (Outcome.FOLDED_IN, Verdict.WIN),
        "H.F. 4": (Outcome.DIED, Verdict.WIN),
        "H.F. 5": (Outcome.ENACTED, Verdict.LOSS),
        "H.F. 6": (Outcome.VETOED, Verdict.LOSS),
        "S.F. 7": (Outcome.ALIVE, Verdict.PENDING),
        "H.F. 8": (Outcome.DIED, Verdict.WATCHED),
        "H.F. 9": (Outcome.DIED, Verdict.LOSS),  # not in the plan, but it has a position
    }
    folded = outcomes["H.F. 2"]
    assert folded.host is not None and folded.host.citation == "H.F. 3"
    assert folded.label == "supported and folded into an enacted bill"
    assert outcomes["H.F. 4"].label == "opposed and stopped"


def test_before_the_omnibus_passed_the_folded_bill_was_not_yet_won() -> None:
    """As of May 19 H.F. 3 was not law yet (approved May 20): H.F. 2 had died, a loss."""
    outcome = next(o for o in outcomes_as_of(FACTS, date(2026, 5, 19)) if o.bill.id == 2)
    assert (outcome.outcome, outcome.verdict) == (Outcome.DIED, Verdict.LOSS)


def test_a_direction_counts_the_items_under_it_this_quarter_and_the_one_before() -> None:
    subject = Subject(SD1, "Fund schools fully.", frozenset({SD1, SD1A}))
    change = Reckoner(FACTS).change(subject, Q2)
    now, before = change.now, change.before
    # Tagged: H.F. 1 (sd-1a), 2, 3, 6, S.F. 7 (sd-1a), H.F. 8.
    assert (now.bills, before.bills) == (6, 6)
    # Moved in Q2: H.F. 1, 3, 6, S.F. 7; in Q1: H.F. 1, 2, 3, 8.
    assert (now.moved, before.moved) == (4, 4)
    # Positions set in Q2: H.F. 2, 6, S.F. 7; in Q1: H.F. 1, 8.
    assert (now.positions_taken, before.positions_taken) == (3, 2)
    # Hearings: Q2 #11 (H.F. 2) and #13 (H.F. 6); Q1 #10 (H.F. 1).
    assert (now.hearings, before.hearings) == (2, 1)
    assert (now.wins, now.folded_wins, now.losses, now.pending) == (2, 1, 1, 1)
    assert now.verdicts[Verdict.WATCHED] == 1
    # As of March 31 everything with a side was still open; H.F. 6 was not yet introduced.
    assert (before.wins, before.losses, before.pending) == (0, 0, 4)
    assert change.delta("wins") == 2 and change.delta("positions_taken") == 1
    assert now.stages[Stage.ENACTED] == 2 and now.stages[Stage.DEAD] == 2
    assert now.stages[Stage.VETOED] == 1 and now.stages[Stage.IN_COMMITTEE] == 1


def test_goal_status_table() -> None:
    outcomes = outcomes_as_of(FACTS, Q2.end)
    by_id = {o.bill.id: o for o in outcomes}
    assert goal_status([by_id[1], by_id[2]]) == "met"
    assert goal_status([by_id[5]]) == "missed"
    assert goal_status([by_id[1], by_id[6]]) == "partly met"
    assert goal_status([by_id[1], by_id[7]]) == "on track"
    assert goal_status([by_id[7]]) == "in progress"
    assert goal_status([by_id[8]]) == "no bills yet"  # watched only
    assert goal_status([]) == "no bills yet"


def test_the_quarterly_report() -> None:
    report = build_report(FACTS, FRAMEWORK, Q2)
    assert report.headline == (
        "Test Association, 2026Q2: 3 won, 2 lost, 1 still open of 6 bills with a position "
        "under Test plan"
    )
    assert report.summary[0] == (
        "By June 30, 2026, Test Association had taken a side on 6 bills under this plan: 3 went "
        "its way (1 enacted; 1 folded into enacted bills such as H.F. 3; 1 opposed bill "
        "stopped), 2 did not, and 1 is still alive."
    )
    # Moved in Q2: H.F. 1, 3, 5, 6 and S.F. 7; positions set: H.F. 2, 4, 5, 6 and S.F. 7.
    assert report.summary[1].startswith(
        "In the quarter, 5 of the plan's 8 bills moved, 5 positions"
    )
    assert [h.item.code for h in report.headings] == ["sd-1", "belief-1"]
    sd1, belief = report.headings
    assert [g.status for g in sd1.goals] == ["met", "no bills yet"]
    assert [g.status for g in belief.goals] == ["missed"]
    assert [o.bill.citation for o in belief.outcomes] == ["H.F. 4", "H.F. 5"]
    assert report.summary[-1] == "One-year goals: 1 met, 1 missed, 1 no bills yet."
    # Furthest stages: 1 enacted, 2 committee, 3 enacted, 4 committee, 5 enacted,
    # 6 vetoed (reached the governor), S.F. 7 committee, 8 committee.
    assert report.funnel == (
        ("Introduced", 8),
        ("In committee", 8),
        ("Passed a committee", 4),
        ("Passed a chamber", 4),
        ("Passed both chambers", 4),
        ("Sent to the governor", 4),
        ("Enacted", 3),
    )


def test_a_law_enacted_before_a_bill_was_introduced_does_not_carry_it() -> None:
    from dataclasses import replace

    from tracker.progress.facts import FoldedInto, ProgressFacts
    from tracker.vocab import FindingStatus

    late = replace(
        FACTS.bills[7],
        folded_into=(FoldedInto(1, 0.9, FindingStatus.CONFIRMED, ("...",)),),
        closes_on=FACTS.bills[2].closes_on,
    )  # S.F. 7 was introduced June 1; H.F. 1 was approved May 10
    facts = ProgressFacts(bills={**FACTS.bills, 7: late}, goals=(), association="A")
    outcome = next(o for o in outcomes_as_of(facts, Q2.end) if o.bill.id == 7)
    assert outcome.outcome is Outcome.DIED and outcome.host is None


def test_a_direction_no_bill_bears_on_says_so_and_stays_out_of_the_chart() -> None:
    import dataclasses

    from tracker.progress.render import report_html
    from tracker.tagging.catalog import FrameworkItem

    leaders = FrameworkItem(
        "test", "sd-2", "strategic_direction", "Leaders collaborate.", bill_topic=False
    )
    plan = dataclasses.replace(FRAMEWORK, items=(*FRAMEWORK.items, leaders))
    report = build_report(FACTS, plan, Q2)
    assert [h.item.code for h in report.headings] == ["sd-1", "belief-1", "sd-2"]
    html = report_html(report, made_on=date(2026, 7, 1))
    section = html.split('id="sd-2"', 1)[1]
    assert "Not a bill topic in the plan" in section.split("</section>", 1)[0]
    assert "No bill under it has a position." not in section.split("</section>", 1)[0]
