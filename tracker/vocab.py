"""Closed vocabularies, each with its display labels beside it."""

from __future__ import annotations

import re
from enum import StrEnum


class Chamber(StrEnum):
    HOUSE = "house"
    SENATE = "senate"

    @property
    def label(self) -> str:
        return self.value.title()

    @property
    def other(self) -> Chamber:
        return Chamber.SENATE if self is Chamber.HOUSE else Chamber.HOUSE


class BillType(StrEnum):
    """The Revisor's file types: bills (F), resolutions (R), concurrent resolutions (C)."""

    HF = "HF"
    SF = "SF"
    HR = "HR"
    SR = "SR"
    HC = "HC"
    SC = "SC"

    @property
    def chamber(self) -> Chamber:
        return Chamber.HOUSE if self.value[0] == "H" else Chamber.SENATE

    @property
    def search_type(self) -> str:
        """The `bill_type=` value of the Revisor's status search."""
        return {"F": "bill", "R": "resolution", "C": "concurrent"}[self.value[1]]

    @property
    def citation_prefix(self) -> str:
        """How associations write the type in prose: H.F., S.F., H.R. ..."""
        return f"{self.value[0]}.{self.value[1]}."

    @classmethod
    def of(cls, chamber: Chamber, search_type: str) -> BillType:
        letter = {"bill": "F", "resolution": "R", "concurrent": "C"}[search_type]
        return cls(("H" if chamber is Chamber.HOUSE else "S") + letter)


class ActionKind(StrEnum):
    """What an action did. One action can be several kinds."""

    INTRODUCTION = "introduction"
    RECEIVED = "received"
    REFERRAL = "referral"
    COMPARISON = "comparison"
    COMMITTEE_PASSED = "committee-passed"
    COMMITTEE_AMENDED = "committee-amended"
    COMMITTEE_REREFERRED = "committee-rereferred"
    COMMITTEE_NO_RECOMMENDATION = "committee-no-recommendation"
    COMMITTEE_VOTES = "committee-votes"
    LAID_OVER = "laid-over"
    DEADLINE_RETURN = "deadline-return"
    RULE_WAIVED = "rule-waived"
    SECOND_READING = "second-reading"
    GENERAL_ORDERS = "general-orders"
    CALENDAR = "calendar"
    AMENDED = "amended"
    AMENDMENT_OFFERED = "amendment-offered"
    THIRD_READING = "third-reading"
    PASSED = "passed"
    FAILED = "failed"
    RECONSIDERED = "reconsidered"
    SUBSTITUTION = "substitution"
    INDEFINITELY_POSTPONED = "indefinitely-postponed"
    RETURNED_WITH_AMENDMENT = "returned-with-amendment"
    CONCURRENCE_REQUESTED = "concurrence-requested"
    CONCURRENCE = "concurrence"
    REFUSED_CONCURRENCE = "refused-concurrence"
    CONFERENCE_COMMITTEE = "conference-committee"
    CONFEREES = "conferees"
    CONFERENCE_REPORT_ADOPTED = "conference-report-adopted"
    CONFERENCE_DISCHARGED = "conference-discharged"
    REPASSED = "repassed"
    PRESENTMENT = "presentment"
    GOVERNOR_APPROVAL = "governor-approval"
    VETO = "veto"
    LINE_ITEM_VETO = "line-item-veto"
    VETO_OVERRIDDEN = "veto-overridden"
    CHAPTER = "chapter"
    FILED = "filed-secretary-of-state"
    EFFECTIVE_DATE = "effective-date"
    AUTHOR_ADDED = "author-added"
    AUTHOR_STRICKEN = "author-stricken"
    AUTHOR_CHANGED = "author-changed"
    WITHDRAWN = "withdrawn"
    TABLED = "tabled"
    TAKEN_FROM_TABLE = "taken-from-table"
    RESOLUTION_ADOPTED = "resolution-adopted"
    CROSS_REFERENCE = "cross-reference"
    PROCEDURAL = "procedural"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


class Stage(StrEnum):
    """Where a bill stands, derived from its actions (tracker.rules.stage)."""

    INTRODUCED = "introduced"
    IN_COMMITTEE = "in_committee"
    PASSED_COMMITTEE = "passed_committee"
    ON_FLOOR = "on_floor"
    PASSED_HOUSE = "passed_house"
    PASSED_SENATE = "passed_senate"
    PASSED_BOTH = "passed_both"
    IN_CONFERENCE = "in_conference"
    SENT_TO_GOVERNOR = "sent_to_governor"
    ENACTED = "enacted"
    VETOED = "vetoed"
    DEAD = "dead"
    POCKET_VETOED = "pocket_vetoed"  # presented at the session's end, not signed in time

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS: dict[Stage, str] = {
    Stage.INTRODUCED: "Introduced",
    Stage.IN_COMMITTEE: "In committee",
    Stage.PASSED_COMMITTEE: "Passed committee",
    Stage.ON_FLOOR: "On the floor",
    Stage.PASSED_HOUSE: "Passed the House",
    Stage.PASSED_SENATE: "Passed the Senate",
    Stage.PASSED_BOTH: "Passed both chambers",
    Stage.IN_CONFERENCE: "In conference committee",
    Stage.SENT_TO_GOVERNOR: "Sent to the governor",
    Stage.ENACTED: "Enacted",
    Stage.VETOED: "Vetoed",
    Stage.DEAD: "Died at the end of the session",
    Stage.POCKET_VETOED: "Pocket vetoed",
}


class StatuteChange(StrEnum):
    AMENDED = "amended"
    NEW_CODING = "new_coding"
    REPEALED = "repealed"

    @property
    def label(self) -> str:
        return {"amended": "amends", "new_coding": "codes anew", "repealed": "repeals"}[self.value]


class UpsertOutcome(StrEnum):
    """What a write did (Open States' importer vocabulary, plus `held`)."""

    INSERT = "insert"
    UPDATE = "update"
    NOOP = "noop"
    HELD = "held"


class CrawlStatus(StrEnum):
    """How a crawl run ended; each ending has its exit code (`tracker crawl`, `scrapy crawl`).

    finished: everything listed was read. finished_with_losses: it ran to the end but some
    bills (or listing ranges, or schedule entries) were not stored; the run names them.
    interrupted: stopped before the end (its time ran out, it was killed); the next crawl
    goes on from there. failed: it could not do its work (the source changed shape, nothing
    could be read).
    """

    RUNNING = "running"
    FINISHED = "finished"
    FINISHED_WITH_LOSSES = "finished_with_losses"
    INTERRUPTED = "interrupted"
    FAILED = "failed"

    @property
    def exit_code(self) -> int:
        return _CRAWL_EXIT_CODES[self]

    @classmethod
    def from_exit_code(cls, code: int) -> CrawlStatus:
        """The ending a crawl process's exit code stands for (any other failure: failed)."""
        return next((s for s, c in _CRAWL_EXIT_CODES.items() if c == code), cls.FAILED)


_CRAWL_EXIT_CODES = {  # a running crawl has none yet
    CrawlStatus.FINISHED: 0,
    CrawlStatus.FINISHED_WITH_LOSSES: 3,
    CrawlStatus.INTERRUPTED: 4,
    CrawlStatus.FAILED: 1,
}


class CrawlMode(StrEnum):
    """What a bill crawl fetches: only new and changed bills, or every bill listed."""

    INCREMENTAL = "incremental"
    FULL = "full"


class TagTarget(StrEnum):
    """What a tag links a bill to: an issue area, or an item of a framework ('fw/code')."""

    AREA = "area"
    ITEM = "item"


class TagStatus(StrEnum):
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class TagSource(StrEnum):
    AUTO = "auto"
    PERSON = "person"


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    LOBBYIST = "lobbyist"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return self.value.title()

    @property
    def can_edit(self) -> bool:
        """Everyone but a viewer may tag bills and set positions."""
        return self is not Role.VIEWER


class Position(StrEnum):
    NONE = "none"
    SUPPORT = "support"
    OPPOSE = "oppose"
    MONITOR = "monitor"
    NEUTRAL = "neutral"

    @property
    def label(self) -> str:
        return "No position" if self is Position.NONE else self.value.title()


class Priority(StrEnum):
    NONE = "none"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return "No priority" if self is Priority.NONE else self.value.title()


class Cadence(StrEnum):
    WEEKLY = "weekly"
    WEEKLY_AND_URGENT = "weekly+urgent"


class MemberState(StrEnum):
    ACTIVE = "active"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"


class DeliveryKind(StrEnum):
    WEEKLY = "weekly"
    URGENT = "urgent"


class SendOutcome(StrEnum):
    """What a mail backend did with one message."""

    SENT = "sent"
    """Handed over: the server or provider accepted it (or the file/console received it)."""
    REJECTED = "rejected"
    """The address was refused for good: mark it and do not send to it again."""
    FAILED = "failed"
    """Not delivered, for a reason that may pass (network, rate limit, settings): retry later."""


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    REJECTED = "rejected"
    FAILED = "failed"


class MailEventOutcome(StrEnum):
    """What the tracker did with a SendGrid event about one of its messages."""

    APPLIED = "applied"  # the member is now bounced or unsubscribed
    NOTED = "noted"  # the delivery records it; the member is left as is
    SETTLED = "settled"  # the member was already bounced or unsubscribed
    OUTDATED = "outdated"  # older than the member's last change (a re-subscription, say)


# -- hearings and committees ---------------------------------------------------------------


class MeetingChamber(StrEnum):
    """Who holds a meeting: one chamber, or both (a joint meeting, listed by each)."""

    HOUSE = "house"
    SENATE = "senate"
    JOINT = "joint"

    @property
    def label(self) -> str:
        return self.value.title()


class HearingStatus(StrEnum):
    """What the schedule says about a meeting, beyond its time and place."""

    SCHEDULED = "scheduled"
    CANCELED = "canceled"
    TIME_CHANGED = "time_changed"
    LOCATION_CHANGED = "location_changed"
    AGENDA_CHANGED = "agenda_changed"
    RESCHEDULED = "rescheduled"

    @property
    def label(self) -> str:
        return HEARING_STATUS_LABELS[self]

    @classmethod
    def from_text(cls, text: str) -> HearingStatus:
        """The status a schedule's words announce ("Canceled", "Time Changed" ...).

        Cancellation wins over any change; with no status words a meeting is scheduled.
        """
        for pattern, status in _STATUS_WORDS:
            if pattern.search(text):
                return status
        return cls.SCHEDULED


HEARING_STATUS_LABELS: dict[HearingStatus, str] = {
    HearingStatus.SCHEDULED: "Scheduled",
    HearingStatus.CANCELED: "Canceled",
    HearingStatus.TIME_CHANGED: "Time Changed",
    HearingStatus.LOCATION_CHANGED: "Location Changed",
    HearingStatus.AGENDA_CHANGED: "Agenda Changed",
    HearingStatus.RESCHEDULED: "Rescheduled",
}

# Order matters: the first match wins. Words as the House and the calendar print them
# (mn_excerpts.md C1, D: "Canceled", "Time Changed", "Location Changed", "Agenda Changed",
# "Agenda change[Revision 2]").
_STATUS_WORDS: tuple[tuple[re.Pattern[str], HearingStatus], ...] = (
    (re.compile(r"\bcancell?ed\b", re.IGNORECASE), HearingStatus.CANCELED),
    (re.compile(r"\brescheduled\b", re.IGNORECASE), HearingStatus.RESCHEDULED),
    (re.compile(r"\btime\s+change[sd]?\b", re.IGNORECASE), HearingStatus.TIME_CHANGED),
    (
        re.compile(r"\b(?:location|room)\s+change[sd]?\b", re.IGNORECASE),
        HearingStatus.LOCATION_CHANGED,
    ),
    (re.compile(r"\bagenda\s+change[sd]?\b", re.IGNORECASE), HearingStatus.AGENDA_CHANGED),
)


class SeatRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    RANKING_MINORITY = "ranking_minority"
    MEMBER = "member"

    @property
    def label(self) -> str:
        return {
            "chair": "Chair",
            "vice_chair": "Vice Chair",
            "ranking_minority": "Ranking Minority Member",
            "member": "Member",
        }[self.value]

    @classmethod
    def from_text(cls, text: str) -> SeatRole:
        """'Chair:', 'Co-Chair', 'Committee Chair', 'Co-Vice Chair', 'Republican Lead',
        'Ranking Minority Member:' ... -> a role; anything else is a member."""
        words = " ".join(text.lower().replace("-", " ").replace(":", " ").split())
        if "vice" in words:
            return cls.VICE_CHAIR
        if "ranking" in words or "minority" in words or words.endswith("lead"):
            return cls.RANKING_MINORITY
        if "chair" in words:
            return cls.CHAIR
        return cls.MEMBER


# -- bill text ------------------------------------------------------------------------------


class TextMark(StrEnum):
    """How the Revisor marks a run of a bill's text against the law it amends."""

    SAME = "same"  # current law kept, or a new section's plain text
    INSERTED = "inserted"  # underscored: new language (<ins>, "new text begin")
    STRUCK = "struck"  # stricken: old language removed (span.del, "deleted text begin")


# -- outcomes against positions -----------------------------------------------------------


class Outcome(StrEnum):
    """What became of a bill, as the association reckons it."""

    ENACTED = "enacted"
    FOLDED_IN = "folded_in"  # its language rides in another bill that was enacted
    ALIVE = "alive"
    DIED = "died"
    VETOED = "vetoed"

    @property
    def label(self) -> str:
        return {
            "enacted": "Enacted",
            "folded_in": "Folded into another bill",
            "alive": "Still alive",
            "died": "Died",
            "vetoed": "Vetoed",
        }[self.value]


class Verdict(StrEnum):
    """An outcome against the association's position."""

    WIN = "win"
    LOSS = "loss"
    PENDING = "pending"
    WATCHED = "watched"  # monitor or neutral: followed, neither won nor lost

    @property
    def label(self) -> str:
        return self.value.title()


class FindingStatus(StrEnum):
    """A folded-in finding: the detector's suggestion, or what staff decided."""

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
