"""Suggested advocacy actions: a rule table over stage × position × hearing × the member's
legislators. Pure: a `Situation` in, a `SuggestedAction` out.

Each row says when it applies and how to word who should act, what to do, by when and
why. The first row that applies wins; adding a situation = one row + one test row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.digest.inputs import HearingFact, LegislatorFact, SeatFact
from tracker.vocab import Chamber, Stage

FLOOR = frozenset({Stage.PASSED_COMMITTEE, Stage.ON_FLOOR})
ONE_CHAMBER = frozenset({Stage.PASSED_HOUSE, Stage.PASSED_SENATE})
CONFERENCE = frozenset({Stage.IN_CONFERENCE})
GOVERNOR = frozenset({Stage.PASSED_BOTH, Stage.SENT_TO_GOVERNOR})
DECISIVE = FLOOR - {Stage.PASSED_COMMITTEE} | ONE_CHAMBER | CONFERENCE | GOVERNOR
GOVERNOR_DEADLINE = (
    "within 3 days of presentment, Sundays excepted (14 days if the session has adjourned)"
)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


@dataclass(frozen=True)
class Situation:
    citation: str  # "H.F. 123 / S.F. 456"
    stage: Stage
    position: str  # support or oppose
    talking_points: str = ""
    hearing: HearingFact | None = None
    own: tuple[LegislatorFact, ...] = ()  # the member's representative(s) and senator(s)
    floor_chamber: Chamber | None = None  # where the bill awaits a floor vote
    next_chamber: Chamber | None = None  # where a bill that passed one chamber goes
    next_committee: str = ""  # the companion's committee there, if referred

    @property
    def seated(self) -> tuple[SeatFact, ...]:
        """The member's legislators who sit on the hearing's committee."""
        if self.hearing is None:
            return ()
        mine = {(legislator.chamber, legislator.key) for legislator in self.own}
        return tuple(
            seat
            for seat in self.hearing.seats
            if (seat.legislator.chamber, seat.legislator.key) in mine
        )

    def own_in(self, chamber: Chamber | None) -> tuple[LegislatorFact, ...]:
        return tuple(legislator for legislator in self.own if legislator.chamber is chamber)


@dataclass(frozen=True)
class SuggestedAction:
    rule: str
    who: str
    what: str
    by_when: str
    why: str
    talking_points: tuple[str, ...] = ()
    contacts: tuple[LegislatorFact, ...] = ()


Test = Callable[[Situation], bool]


@dataclass(frozen=True)
class ActionRule:
    name: str
    stages: frozenset[Stage] | None  # None: any stage
    position: str
    hearing: bool  # the bill is on a hearing agenda this week
    extra: Test  # what else must hold (the member's legislators, a known committee...)
    who: str
    what: str
    by_when: str
    why: str


def _always(_: Situation) -> bool:
    return True


def _seated(s: Situation) -> bool:
    return bool(s.seated)


def _not_seated(s: Situation) -> bool:
    return not s.seated


def _next_committee(s: Situation) -> bool:
    return bool(s.next_committee)


def _no_next_committee(s: Situation) -> bool:
    return not s.next_committee


def _table() -> tuple[ActionRule, ...]:
    rows = []
    for position, verb, vote, governor in (
        ("support", "support", "yes", "sign"),
        ("oppose", "oppose", "no", "veto"),
    ):
        rows += [
            ActionRule(
                f"hearing-seated-{position}",
                None,
                position,
                True,
                _seated,
                who="{seated}",
                what=f"Ask {{seated}}, who sits on the committee, to {verb} {{citation}} "
                "before {day}'s hearing in {committee}.",
                by_when="{when}",
                why=f"{{citation}} is on the agenda of {{committee}} on {{when}}; "
                f"the association is asking members to {verb} it.",
            ),
            ActionRule(
                f"hearing-committee-{position}",
                None,
                position,
                True,
                _not_seated,
                who="The members of {committee}{chair_clause}",
                what=f"Email the members of {{committee}} to {verb} {{citation}} before "
                "{day}'s hearing; if a member represents your district, say so.",
                by_when="{when}",
                why=f"{{citation}} is on the agenda of {{committee}} on {{when}}; "
                f"the association is asking members to {verb} it.",
            ),
            ActionRule(
                f"floor-{position}",
                FLOOR,
                position,
                False,
                _always,
                who="{floor_own}",
                what=f"Ask {{floor_own}} to vote {vote} on {{citation}} on the "
                "{floor_chamber} floor.",
                by_when="before the {floor_chamber} floor vote",
                why="{citation} is on its way to a {floor_chamber} floor vote.",
            ),
            ActionRule(
                f"other-chamber-committee-{position}",
                ONE_CHAMBER,
                position,
                False,
                _next_committee,
                who="{next_own}",
                what=(
                    "Ask {next_own} to press for a hearing of {citation} in the "
                    "{next_chamber} {next_committee} committee."
                    if position == "support"
                    else "Ask {next_own} to keep {citation} from advancing in the "
                    "{next_chamber} {next_committee} committee."
                ),
                by_when="before the {next_chamber} committee deadline",
                why="{citation} passed one chamber; the {next_chamber} has yet to act on it.",
            ),
            ActionRule(
                f"other-chamber-{position}",
                ONE_CHAMBER,
                position,
                False,
                _no_next_committee,
                who="{next_own}",
                what=f"Ask {{next_own}} to {verb} {{citation}} when it reaches the "
                "{next_chamber}.",
                by_when="before the {next_chamber} takes it up",
                why="{citation} passed one chamber; the {next_chamber} has yet to act on it.",
            ),
            ActionRule(
                f"conference-{position}",
                CONFERENCE,
                position,
                False,
                _always,
                who="The House and Senate conferees on {citation}{own_clause}",
                what=(
                    "Ask the conferees to keep {citation}'s provisions in the conference report."
                    if position == "support"
                    else "Ask the conferees to drop {citation}'s provisions from the "
                    "conference report."
                ),
                by_when="before the conference committee reports",
                why="{citation} is in conference: the final language is being settled now.",
            ),
            ActionRule(
                f"governor-{position}",
                GOVERNOR,
                position,
                False,
                _always,
                who="The Governor",
                what=f"Ask the Governor to {governor} {{citation}}.",
                by_when=GOVERNOR_DEADLINE,
                why="{citation} passed both chambers and goes to the Governor.",
            ),
        ]
    return tuple(rows)


ACTION_RULES: tuple[ActionRule, ...] = _table()


def _names(legislators: tuple[LegislatorFact, ...], fallback: str) -> str:
    names = [legislator.display for legislator in legislators]
    if not names:
        return fallback
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _your(chamber: Chamber | None) -> str:
    return "your senator" if chamber is Chamber.SENATE else "your representative"


def _words(s: Situation) -> dict[str, str]:
    hearing = s.hearing
    chair = hearing.chair if hearing else None
    own_clause = f", and {_names(s.own, '')}" if s.own else ""
    return {
        "citation": s.citation,
        "committee": hearing.label if hearing else "",
        "when": hearing.when if hearing else "",
        "day": hearing.weekday if hearing else "",
        "seated": _names(tuple(seat.legislator for seat in s.seated), "your legislator"),
        "chair_clause": f" (chair: {chair.display})" if chair else "",
        "floor_chamber": s.floor_chamber.label if s.floor_chamber else "",
        "floor_own": _names(s.own_in(s.floor_chamber), _your(s.floor_chamber)),
        "next_chamber": s.next_chamber.label if s.next_chamber else "",
        "next_own": _names(s.own_in(s.next_chamber), _your(s.next_chamber)),
        "next_committee": s.next_committee,
        "own_clause": own_clause,
    }


def talking_points(text: str) -> tuple[str, ...]:
    """The lobbyist's talking points, one a line, bullets stripped."""
    return tuple(p for line in text.splitlines() if (p := _BULLET.sub("", line).strip()))


def rule_for(situation: Situation) -> ActionRule | None:
    for rule in ACTION_RULES:
        if (
            (rule.stages is None or situation.stage in rule.stages)
            and rule.position == situation.position
            and rule.hearing == (situation.hearing is not None)
            and rule.extra(situation)
        ):
            return rule
    return None


def suggest_action(situation: Situation) -> SuggestedAction | None:
    """The one ask for this situation, or None when no row applies."""
    rule = rule_for(situation)
    if rule is None:
        return None
    words = _words(situation)
    if situation.hearing is not None:
        contacts = tuple(seat.legislator for seat in situation.seated)
    else:
        contacts = situation.own_in(situation.floor_chamber or situation.next_chamber)
    who = rule.who.format(**words)
    return SuggestedAction(
        rule=rule.name,
        who=who[:1].upper() + who[1:],
        what=rule.what.format(**words),
        by_when=rule.by_when.format(**words),
        why=rule.why.format(**words),
        talking_points=talking_points(situation.talking_points),
        contacts=contacts,
    )
