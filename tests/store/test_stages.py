"""Stages that time alone changes: refresh_stages after sine die, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy.engine import Engine

from tests.store.test_store import QUIRKS, upsert
from tracker import store
from tracker.db import session_scope

# HF 9001 (2026) as it stood before the governor acted: presented on May 22, four days after
# sine die (May 18), so the governor has until June 1 to sign it.
UNSIGNED = dataclasses.replace(
    QUIRKS,
    actions=tuple(a for a in QUIRKS.actions if "Veto" not in a.text and "Chapter" not in a.text),
)


def stage_of_unsigned(engine: Engine) -> tuple[str, date | None]:
    with session_scope(engine) as db:
        bill = store.find_bill(db, UNSIGNED.key)
        assert bill is not None
        return bill.stage, bill.stage_on


def test_a_bill_awaiting_the_governor_is_pocket_vetoed_when_the_window_closes(
    engine: Engine,
) -> None:
    upsert(engine, UNSIGNED, today=date(2026, 5, 25))
    assert stage_of_unsigned(engine) == ("sent_to_governor", date(2026, 5, 22))
    with session_scope(engine) as db:
        assert store.refresh_stages(db, today=date(2026, 6, 1)) == 0, "the 14th day: waiting"
    assert stage_of_unsigned(engine) == ("sent_to_governor", date(2026, 5, 22))
    with session_scope(engine) as db:
        assert store.refresh_stages(db, today=date(2026, 6, 2)) == 1
    assert stage_of_unsigned(engine) == ("pocket_vetoed", date(2026, 6, 1))
    with session_scope(engine) as db:
        assert store.refresh_stages(db, today=date(2026, 7, 1)) == 0, "settled: not counted again"
