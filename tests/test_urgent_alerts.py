"""Urgent alerts between weekly updates: only to members who asked, only for bills marked
urgent, at most once a day, and the same news only once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.engine import Engine

from jobs.digest import SendReport
from jobs.urgent import send_urgent_alerts
from tests.store.test_hearings import HOUSE, SENATE
from tests.store.test_store import HF2136, SF1832, upsert
from tests.test_digest_send import SETTINGS, Recording
from tracker import store
from tracker.db import session_scope
from tracker.mail import DeliveryResult, OutgoingMessage
from tracker.records.bills import BillKey
from tracker.store.members import add_member
from tracker.store.positions import set_position
from tracker.vocab import BillType, Position, Priority

NOW = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
URGENT_MEMBER = "urgent@district1.example.org"


@pytest.fixture
def urgent_bill_on_an_agenda(engine: Engine) -> Engine:
    upsert(engine, HF2136)
    upsert(engine, SF1832)  # on the Senate Education Policy agenda of Wed Mar 11
    with session_scope(engine) as db:
        for record in HOUSE + SENATE:
            store.upsert_hearing(db, record=record, now=NOW)
        bill = store.find_bill(db, BillKey(94, 0, BillType.SF, 1832))
        assert bill is not None and bill.id is not None
        set_position(
            db,
            bill_id=bill.id,
            position=Position.SUPPORT,
            priority=Priority.HIGH,
            urgent=True,
            talking_points="Hourly school workers need summer unemployment insurance.",
            by="lobbyist@amsd.org",
            now=NOW,
        )
        add_member(
            db,
            email=URGENT_MEMBER,
            name="Ana",
            organization="ISD 1",
            cadence="weekly+urgent",
            now=NOW,
        )
        add_member(
            db, email="weekly@district2.example.org", name="Ben", organization="ISD 2", now=NOW
        )
    return engine


class Keeping(Recording):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[OutgoingMessage] = []

    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        self.messages += messages
        return super().send(messages)


def alert(engine: Engine, day: date, backend: Recording) -> SendReport:
    return send_urgent_alerts(engine, settings=SETTINGS, backend=backend, day=day, now=NOW)


def test_an_urgent_bill_on_an_agenda_alerts_who_asked_once(
    urgent_bill_on_an_agenda: Engine,
) -> None:
    backend = Keeping()
    report = alert(urgent_bill_on_an_agenda, date(2026, 3, 10), backend)
    assert report.sent == [URGENT_MEMBER], "the weekly-only member waits for Monday"
    (message,) = backend.messages
    assert "Urgent: " in message.subject and "S.F. 1832" in message.subject
    assert message.delivery_key.startswith("urgent-2026-03-10-")
    assert message.categories == ("urgent-alert",)
    assert "Hourly school workers need summer unemployment insurance." in message.text
    assert "WHAT MOVED" not in message.text, "an alert carries its alerts, not the whole week"
    again = alert(urgent_bill_on_an_agenda, date(2026, 3, 10), backend)
    assert again.sent == [] and again.already_sent == 1
    next_day = alert(urgent_bill_on_an_agenda, date(2026, 3, 11), backend)
    assert next_day.sent == [], "the same news is not sent twice"
    assert backend.sent[URGENT_MEMBER] == 1
