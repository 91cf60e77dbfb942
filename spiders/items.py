"""The items spiders yield: frozen dataclasses saying what a page said.

They are defined in `tracker.records.bills` so that the store, which sits below the spiders,
can take them without importing a spider.
"""

from tracker.records.bills import (
    ActionRecord,
    AuthorRecord,
    BillKey,
    BillRecord,
    BillTextRecord,
    StatuteRecord,
    VersionRecord,
)

BillItem = BillRecord
BillTextItem = BillTextRecord

__all__ = [
    "ActionRecord",
    "AuthorRecord",
    "BillItem",
    "BillKey",
    "BillTextItem",
    "StatuteRecord",
    "VersionRecord",
]
