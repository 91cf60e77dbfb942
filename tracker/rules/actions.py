"""What an action did, from the Revisor's action text: an ordered rule table.

ACTION_TEXT is a verb phrase; its object (committee, names, dates) sits in other fields.
The first rule whose pattern matches the text (and, when given, the description) wins,
so specific rules come before general ones. Adding a rule = a row here + a row in
tests/rules/test_actions.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.vocab import ActionKind as K


@dataclass(frozen=True)
class Rule:
    pattern: str
    kinds: tuple[K, ...]
    description: str | None = None  # an extra pattern the action's description must match

    def matches(self, text: str, description: str) -> bool:
        if not re.search(self.pattern, text, re.IGNORECASE):
            return False
        return self.description is None or bool(
            re.search(self.description, description, re.IGNORECASE)
        )


_REPORT = r"^comm(?:ittee)? report\s*[:,]\s*"

RULES: tuple[Rule, ...] = (
    # Introduction and first reading in a chamber
    Rule(r"first reading.*comparison", (K.INTRODUCTION, K.REFERRAL, K.COMPARISON)),
    Rule(r"^introduction and first reading, referred to", (K.INTRODUCTION, K.REFERRAL)),
    Rule(r"^(?:senate|house) file first reading, referred to", (K.INTRODUCTION, K.REFERRAL)),
    Rule(
        r"^introduction and first reading|^(?:senate|house) file first reading", (K.INTRODUCTION,)
    ),
    Rule(r"^introduced", (K.INTRODUCTION,)),
    Rule(r"^received from (?:the )?(?:house|senate)", (K.RECEIVED,)),
    # Committee reports
    Rule(
        _REPORT + r"to (?:pass|adopt) as amended and re-?refer",
        (K.COMMITTEE_PASSED, K.COMMITTEE_AMENDED, K.COMMITTEE_REREFERRED, K.REFERRAL),
    ),
    Rule(
        _REPORT + r"to (?:pass|adopt) and re-?refer",
        (K.COMMITTEE_PASSED, K.COMMITTEE_REREFERRED, K.REFERRAL),
    ),
    Rule(_REPORT + r"to (?:pass|adopt) as amended", (K.COMMITTEE_PASSED, K.COMMITTEE_AMENDED)),
    Rule(_REPORT + r"to (?:pass|adopt)", (K.COMMITTEE_PASSED,)),
    Rule(
        _REPORT + r"without recommendation.*re-?refer",
        (K.COMMITTEE_NO_RECOMMENDATION, K.COMMITTEE_REREFERRED, K.REFERRAL),
    ),
    Rule(_REPORT + r"without recommendation", (K.COMMITTEE_NO_RECOMMENDATION,)),
    Rule(_REPORT + r"adopt previous comm", (K.COMMITTEE_PASSED,)),
    Rule(_REPORT + r"subst", (K.COMMITTEE_PASSED, K.SUBSTITUTION, K.GENERAL_ORDERS)),
    Rule(
        _REPORT + r"(?:to )?(?:be )?placed on (?:the )?general register",
        (K.COMMITTEE_PASSED, K.GENERAL_ORDERS),
    ),
    Rule(r"report of votes in committee", (K.COMMITTEE_VOTES,)),
    Rule(r"substituted in committee", (K.SUBSTITUTION,)),
    Rule(r"\blaid over\b", (K.LAID_OVER,)),
    # Referrals, comparisons, deadline returns
    Rule(r"^referred to chief clerk for comparison", (K.COMPARISON,)),
    Rule(r"^referred to .*for comparison", (K.REFERRAL, K.COMPARISON)),
    Rule(r"^referred to", (K.REFERRAL, K.COMPARISON), description=r"comparison"),
    Rule(r"^joint rule 2\.03.*waived", (K.RULE_WAIVED,)),
    Rule(r"^joint rule 2\.03.*referred", (K.DEADLINE_RETURN, K.REFERRAL)),
    Rule(
        r"(?:rule 47|rule 4\.20|interim disposition).*returned to", (K.DEADLINE_RETURN, K.REFERRAL)
    ),
    Rule(r"^general orders: stricken and re-?referred", (K.REFERRAL,)),
    Rule(r"^withdrawn and re-?referred", (K.WITHDRAWN, K.REFERRAL)),
    Rule(r"^withdrawn", (K.WITHDRAWN,)),
    Rule(r"recall and re-?refer", (K.REFERRAL,)),
    Rule(
        r"\bre-?referred to\b|^referred (?:by chair )?to|^rule 47, referred to|, referred to$",
        (K.REFERRAL,),
    ),
    # Authors
    Rule(r"^chief author (?:stricken|changed|added)|^author changed", (K.AUTHOR_CHANGED,)),
    Rule(r"^authors? added", (K.AUTHOR_ADDED,)),
    Rule(r"^authors? stricken", (K.AUTHOR_STRICKEN,)),
    # Between chambers and conference (before the floor rules: "repassed", "concur")
    Rule(r"^returned from (?:the )?(?:senate|house) with amendment", (K.RETURNED_WITH_AMENDMENT,)),
    Rule(r"message requesting concurrence", (K.CONCURRENCE_REQUESTED,)),
    Rule(
        r"(?:not concur|refuses? to concur).*conference committee",
        (K.REFUSED_CONCURRENCE, K.CONFERENCE_COMMITTEE),
    ),
    Rule(r"not concur|refuses? to concur", (K.REFUSED_CONCURRENCE,)),
    Rule(
        r"adopted conference committee report|conference committee report.*adopted",
        (K.CONFERENCE_REPORT_ADOPTED, K.REPASSED),
    ),
    Rule(r"conference committee discharged", (K.CONFERENCE_DISCHARGED,)),
    Rule(r"^(?:senate|house) conferees", (K.CONFEREES, K.CONFERENCE_COMMITTEE)),
    Rule(r"conference committee", (K.CONFERENCE_COMMITTEE,)),
    Rule(r"^motion to concur|\bconcur(?:s|red)?\b", (K.CONCURRENCE,)),
    Rule(r"\brepassed\b", (K.REPASSED,)),
    # Floor
    Rule(r"^second reading", (K.SECOND_READING,)),
    Rule(r"calendar for the day|consent calendar", (K.CALENDAR,)),
    Rule(r"^special order: amended", (K.CALENDAR, K.AMENDED)),
    Rule(r"^special order", (K.CALENDAR,)),
    Rule(r"^rule 45-amend, subst", (K.SUBSTITUTION, K.INDEFINITELY_POSTPONED)),
    Rule(r"substituted", (K.SUBSTITUTION, K.GENERAL_ORDERS)),
    Rule(r"indefinitely postponed", (K.INDEFINITELY_POSTPONED,)),
    Rule(r"^general orders|general register", (K.GENERAL_ORDERS,)),
    Rule(r"^amendments? offered", (K.AMENDMENT_OFFERED,)),
    Rule(r"^amended\b", (K.AMENDED,)),
    Rule(r"third reading reconsidered", (K.RECONSIDERED,)),
    Rule(r"(?:third reading|bill was) (?:not passed|failed)", (K.THIRD_READING, K.FAILED)),
    Rule(r"^third reading passed as amended", (K.THIRD_READING, K.PASSED, K.AMENDED)),
    Rule(r"^third reading passed", (K.THIRD_READING, K.PASSED)),
    Rule(r"^third reading", (K.THIRD_READING,)),
    Rule(r"^bill was passed", (K.PASSED,)),
    Rule(r"^resolution was adopted|^adopted\b", (K.RESOLUTION_ADOPTED,)),
    Rule(r"taken from (?:the )?table", (K.TAKEN_FROM_TABLE,)),
    Rule(r"laid on (?:the )?table|\btabled\b", (K.TABLED,)),
    # The governor and the Secretary of State
    Rule(r"line[- ]item veto", (K.LINE_ITEM_VETO,)),
    Rule(r"veto overrid|notwithstanding .*veto|passed over .*veto", (K.VETO_OVERRIDDEN,)),
    Rule(r"veto", (K.VETO,)),
    Rule(r"^presented to (?:the )?governor|^presentment date", (K.PRESENTMENT,)),
    Rule(r"governor(?:'s action)?,? approv|^approved by (?:the )?governor", (K.GOVERNOR_APPROVAL,)),
    Rule(r"^secretary of state.*chapter", (K.FILED, K.CHAPTER)),
    Rule(r"^secretary of state", (K.FILED, K.CHAPTER), description=r"chapter"),
    Rule(r"^secretary of state", (K.FILED,)),
    Rule(r"^chapter number", (K.CHAPTER,)),
    Rule(r"^effective date", (K.EFFECTIVE_DATE,)),
    # Cross-references and procedure
    Rule(r"^see\b|non-revisor companion", (K.CROSS_REFERENCE,)),
    Rule(
        r"^point of order|urgency declared|^motion (?:prevailed|did not prevail)|waived",
        (K.PROCEDURAL,),
    ),
)

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def classify_action(text: str, description: str = "") -> tuple[K, ...]:
    """The kinds of one action; (OTHER,) when no rule matches."""
    text = _SPACES.sub(" ", text).strip()
    description = _SPACES.sub(" ", description).strip()
    for rule in RULES:
        if rule.matches(text, description):
            return rule.kinds
    return (K.OTHER,)


_ROLL_CALL = re.compile(r"(\d+)\s*-\s*(\d+)")


def parse_roll_call(text: str) -> tuple[int, int] | None:
    """'115-19' -> (115, 19)."""
    match = _ROLL_CALL.search(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


_CHAPTER_IN_TEXT = re.compile(r"chapter\s*(?:number\s*)?(\d+)", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*(\d+)\b")


def parse_chapter(text: str, description: str) -> str | None:
    """The session-law chapter: 'Chapter number' + '111', 'Secretary of State' + 'Chapter 120'."""
    for source in (description, text):
        match = _CHAPTER_IN_TEXT.search(source)
        if match:
            return match.group(1)
    bare = _BARE_NUMBER.match(description)
    return bare.group(1) if bare else None
