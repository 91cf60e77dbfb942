"""Keyword-only writes and reads of what the tracker keeps. Every write is idempotent and
says what it did. Callers use `from tracker import store` and `store.<function>`."""

from tracker.store.bills import (
    FINAL_STAGES,
    UpsertResult,
    bill_key,
    ensure_committee,
    ensure_session,
    find_bill,
    fingerprint,
    status_fingerprint,
    upsert_bill,
)
from tracker.store.hearings import (
    HearingView,
    hearings_between,
    hearings_for_bill,
    mark_vanished,
    upsert_hearing,
)
from tracker.store.legislators import (
    committee_roster,
    legislators_for_authors,
    upsert_committee_roster,
    upsert_legislator,
)
from tracker.store.reads import BillDetail, bill_detail, latest_session, list_bills, stage_counts
from tracker.store.runs import (
    Baseline,
    KnownBill,
    crawl_alert_sent,
    crawl_baseline,
    crawl_runs_since,
    finish_crawl_run,
    latest_crawl_run,
    mark_interrupted,
    process_alive,
    record_crawl_alert,
    running_crawls,
    start_crawl_run,
)
from tracker.store.stages import refresh_stages
from tracker.store.texts import record_bill_text
from tracker.store.versions import note_text_unread

__all__ = [
    "FINAL_STAGES",
    "Baseline",
    "BillDetail",
    "HearingView",
    "KnownBill",
    "UpsertResult",
    "bill_detail",
    "bill_key",
    "committee_roster",
    "crawl_alert_sent",
    "crawl_baseline",
    "crawl_runs_since",
    "ensure_committee",
    "ensure_session",
    "find_bill",
    "fingerprint",
    "finish_crawl_run",
    "hearings_between",
    "hearings_for_bill",
    "latest_crawl_run",
    "latest_session",
    "legislators_for_authors",
    "list_bills",
    "mark_interrupted",
    "mark_vanished",
    "note_text_unread",
    "process_alive",
    "record_bill_text",
    "record_crawl_alert",
    "refresh_stages",
    "running_crawls",
    "stage_counts",
    "start_crawl_run",
    "status_fingerprint",
    "upsert_bill",
    "upsert_committee_roster",
    "upsert_hearing",
    "upsert_legislator",
]
