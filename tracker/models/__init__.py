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
from tracker.models.schedule import (
    CommitteeSeat,
    Hearing,
    HearingAgendaItem,
    HearingChange,
    Legislator,
)
from tracker.models.tags import BillRelevance, BillTag, FrameworkDocument

__all__ = [
    "Bill",
    "BillAction",
    "BillAuthor",
    "BillRelevance",
    "BillStatute",
    "BillTag",
    "BillText",
    "BillVersion",
    "Committee",
    "CommitteeSeat",
    "CrawlRun",
    "FrameworkDocument",
    "Hearing",
    "HearingAgendaItem",
    "HearingChange",
    "LegislativeSession",
    "Legislator",
    "UTCDateTime",
]
