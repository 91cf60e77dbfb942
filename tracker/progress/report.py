"""The quarterly report on a framework, as plain records: for each strategic direction and
belief, its goals, its bills and their outcomes, its metrics against the quarter before;
and a short summary a board member reads in two minutes. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.progress.facts import Goal, ProgressFacts
from tracker.progress.metrics import Change, Reckoner, Subject
from tracker.progress.outcomes import BillOutcome
from tracker.rules.periods import Period
from tracker.rules.stage import RANK
from tracker.tagging.catalog import Framework, FrameworkItem
from tracker.vocab import Outcome, Position, Stage, Verdict

HEADING_KINDS = ("strategic_direction", "belief")
FUNNEL = (
    ("Introduced", 1),
    ("In committee", 2),
    ("Passed a committee", 3),
    ("Passed a chamber", 5),
    ("Passed both chambers", 6),
    ("Sent to the governor", 8),
    ("Enacted", 9),
)


# A vetoed bill got as far as the governor, no further.
_FUNNEL_RANK = {
    **RANK,
    Stage.VETOED: RANK[Stage.SENT_TO_GOVERNOR],
    Stage.POCKET_VETOED: RANK[Stage.SENT_TO_GOVERNOR],
}


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    status: str  # met, partly met, on track, in progress, missed, no bills yet
    outcomes: tuple[BillOutcome, ...]


@dataclass(frozen=True)
class Heading:
    item: FrameworkItem
    change: Change
    goals: tuple[GoalStatus, ...]
    outcomes: tuple[BillOutcome, ...]  # the bills under it the association took a side on


@dataclass(frozen=True)
class QuarterlyReport:
    framework: Framework
    period: Period
    association: str
    headline: str
    summary: tuple[str, ...]
    overall: Change
    headings: tuple[Heading, ...]
    outcomes: tuple[BillOutcome, ...]
    funnel: tuple[tuple[str, int], ...]  # bills of the framework that reached each stage

    @property
    def as_of(self) -> date:
        return self.period.end


def goal_status(outcomes: Sequence[BillOutcome]) -> str:
    """From the verdicts of a goal's bills; a person's note stands beside it."""
    verdicts = Counter(o.verdict for o in outcomes if o.verdict is not Verdict.WATCHED)
    wins, losses, pending = (verdicts[v] for v in (Verdict.WIN, Verdict.LOSS, Verdict.PENDING))
    if not verdicts:
        return "no bills yet"
    if wins and not (losses or pending):
        return "met"
    if wins and losses:
        return "partly met"
    if wins:
        return "on track"
    if losses and not pending:
        return "missed"
    return "in progress"


def subtree(framework: Framework, item: FrameworkItem) -> frozenset[str]:
    """The item's key and the keys of every item under it."""
    children: dict[str, list[FrameworkItem]] = {}
    for other in framework.items:
        children.setdefault(other.parent, []).append(other)
    keys, todo = {item.key}, [item]
    while todo:
        for child in children.get(todo.pop().code, []):
            if child.key not in keys:
                keys.add(child.key)
                todo.append(child)
    return frozenset(keys)


def headings_of(framework: Framework) -> list[FrameworkItem]:
    chosen = [item for item in framework.items if item.kind in HEADING_KINDS]
    return chosen or [item for item in framework.items if not item.parent]


def build_report(facts: ProgressFacts, framework: Framework, period: Period) -> QuarterlyReport:
    reckoner = Reckoner(facts)
    everything = Subject(framework.id, framework.name, frozenset(i.key for i in framework.items))
    headings = []
    for item in headings_of(framework):
        subject = Subject(item.key, item.label, subtree(framework, item))
        bills = [b for b in reckoner.tagged(subject) if b.position is not Position.NONE]
        outcomes = tuple(reckoner.outcome(bill, period.end) for bill in sorted(bills, key=_cite))
        goals = tuple(
            _goal_status(reckoner, goal, period)
            for goal in facts.goals
            if goal.item_key in subject.matches
        )
        headings.append(Heading(item, reckoner.change(subject, period), goals, outcomes))
    overall = reckoner.change(everything, period)
    positioned = [b for b in reckoner.tagged(everything) if b.position is not Position.NONE]
    outcomes = tuple(reckoner.outcome(bill, period.end) for bill in sorted(positioned, key=_cite))
    tagged = reckoner.tagged(everything)
    ranks = [_FUNNEL_RANK.get(reckoner.standing(bill, period.end).furthest, 0) for bill in tagged]
    funnel = tuple((label, sum(rank >= at for rank in ranks)) for label, at in FUNNEL)
    headline, summary = summarize(facts.association, framework, period, overall, headings, outcomes)
    return QuarterlyReport(
        framework=framework,
        period=period,
        association=facts.association,
        headline=headline,
        summary=summary,
        overall=overall,
        headings=tuple(headings),
        outcomes=outcomes,
        funnel=funnel,
    )


def counted(n: int, noun: str) -> str:
    """'1 bill', '2 bills'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _be(n: int, one: str = "is", many: str = "are") -> str:
    return one if n == 1 else many


def summarize(
    association: str,
    framework: Framework,
    period: Period,
    overall: Change,
    headings: Sequence[Heading],
    outcomes: Sequence[BillOutcome],
) -> tuple[str, tuple[str, ...]]:
    """A headline and a few short paragraphs, in plain words."""
    now = overall.now
    who = association or "The association"
    sides = [o for o in outcomes if o.verdict is not Verdict.WATCHED]
    won = Counter(o.outcome for o in sides if o.verdict is Verdict.WIN)
    headline = (
        f"{who}, {period.label}: {now.wins} won, {now.losses} lost, {now.pending} still open "
        f"of {counted(len(sides), 'bill')} with a position under {framework.name}"
    )
    paragraphs = []
    if sides:
        hosts = sorted({o.host.citation for o in sides if o.host and o.verdict is Verdict.WIN})
        parts = [
            f"{won[Outcome.ENACTED]} enacted",
            f"{won[Outcome.FOLDED_IN]} folded into enacted bills"
            + (f" such as {', '.join(hosts[:2])}" if hosts else ""),
            f"{counted(won[Outcome.DIED] + won[Outcome.VETOED], 'opposed bill')} stopped",
        ]
        how = "; ".join(part for part in parts if not part.startswith("0 "))
        paragraphs.append(
            f"By {period.end:%B} {period.end.day}, {period.end.year}, {who} had taken a side on "
            f"{counted(len(sides), 'bill')} under this plan: {now.wins} went its way"
            + (f" ({how})" if how else "")
            + f", {now.losses} did not, and {now.pending} {_be(now.pending)} still alive."
        )
    else:
        paragraphs.append(
            f"{who} took no side on a bill under this plan by {period.end:%B} {period.end.day}, "
            f"{period.end.year}."
        )
    paragraphs.append(
        f"In the quarter, {now.moved} of the plan's {counted(now.bills, 'bill')} moved, "
        f"{counted(now.positions_taken, 'position')} {_be(now.positions_taken, 'was', 'were')} "
        f"taken ({_signed(overall.delta('positions_taken'))} on the quarter before) and "
        f"{counted(now.hearings, 'hearing')} took up the association's bills "
        f"({_signed(overall.delta('hearings'))})."
    )
    ranked = sorted(
        (h for h in headings if h.change.now.wins + h.change.now.losses),
        key=lambda h: (h.change.now.wins - h.change.now.losses, h.change.now.wins),
        reverse=True,
    )
    if ranked:
        best = ranked[0]
        label = best.item.short_label
        paragraphs.append(
            f"Strongest: {best.item.code}, {label} ({best.change.now.wins} won, "
            f"{best.change.now.losses} lost)."
        )
    goals = Counter(status.status for h in headings for status in h.goals)
    if goals:
        listed = ", ".join(f"{n} {status}" for status, n in sorted(goals.items()))
        paragraphs.append(f"One-year goals: {listed}.")
    return headline, tuple(paragraphs)


def _goal_status(reckoner: Reckoner, goal: Goal, period: Period) -> GoalStatus:
    bills = [reckoner.facts.bills[i] for i in goal.bill_ids if i in reckoner.facts.bills]
    outcomes = tuple(reckoner.outcome(bill, period.end) for bill in bills)
    return GoalStatus(goal, goal_status(outcomes), outcomes)


def _cite(bill: object) -> str:
    return str(getattr(bill, "citation", ""))


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)
