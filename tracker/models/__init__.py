"""Every table of the tracker. Importing this package registers them all on
`SQLModel.metadata` (Alembic's target); import tables from here."""

from tracker.models.bills import (
    Bill,
    BillAction,
    BillAuthor,
    BillStatute,
    BillText,
    BillVersion,
    Committee,
    CrawlRun,
    LegislativeSession,
)
from tracker.models.columns import UTCDateTime
from tracker.models.members import Delivery, MailEvent, Member
from tracker.models.progress import BillFolding, GoalBill, PlanGoal
from tracker.models.schedule import (
    CommitteeSeat,
    Hearing,
    HearingAgendaItem,
    HearingChange,
    Legislator,
)
from tracker.models.tags import BillRelevance, BillTag, FrameworkDocument
from tracker.models.versions import SectionText, VersionSection
from tracker.models.web import (
    AuditEvent,
    BillPosition,
    BillReview,
    CalendarToken,
    LoginAttempt,
    User,
)

__all__ = [
    "AuditEvent",
    "Bill",
    "BillAction",
    "BillAuthor",
    "BillFolding",
    "BillPosition",
    "BillRelevance",
    "BillReview",
    "BillStatute",
    "BillTag",
    "BillText",
    "BillVersion",
    "CalendarToken",
    "Committee",
    "CommitteeSeat",
    "CrawlRun",
    "Delivery",
    "FrameworkDocument",
    "GoalBill",
    "Hearing",
    "HearingAgendaItem",
    "HearingChange",
    "LegislativeSession",
    "Legislator",
    "LoginAttempt",
    "MailEvent",
    "Member",
    "PlanGoal",
    "SectionText",
    "UTCDateTime",
    "User",
    "VersionSection",
]
