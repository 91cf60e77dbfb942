"""Loose dates and session identifiers."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.rules.dates import parse_local_datetime, parse_loose_date
from tracker.rules.sessions import SessionRef, current_session, parse_session, session_of_bill


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-10 00:00:00", date(2025, 3, 10)),
        ("05/27/2026", date(2026, 5, 27)),
        ("05/15/24", date(2024, 5, 15)),
        ("05/27/226", date(2026, 5, 27)),  # a typo in real data
        ("05/272026", date(2026, 5, 27)),  # another one Open States patches by hand
        ("Chapter 120 05/27/26", date(2026, 5, 27)),
        ("", None),
        ("   ", None),
        (None, None),
        ("various dates", None),
        ("13/45/2026", None),
    ],
)
def test_parse_loose_date(text: str | None, expected: date | None) -> None:
    assert parse_loose_date(text) == expected


def test_local_datetimes_are_central_and_aware() -> None:
    posted = parse_local_datetime("2025-03-10 09:08:06")
    assert posted is not None and posted.utcoffset() is not None
    assert posted.isoformat() == "2025-03-10T09:08:06-05:00"


@pytest.mark.parametrize(
    ("text", "legislature", "special", "code", "name"),
    [
        ("2025-2026", 94, 0, "0942025", "2025-2026"),
        ("2023-2024", 93, 0, "0932023", "2023-2024"),
        ("2025s1", 94, 1, "1942025", "2025 1st Special Session"),
        ("2025 special 1", 94, 1, "1942025", "2025 1st Special Session"),
        ("2020s7", 91, 7, "7912020", "2020 7th Special Session"),
        ("0942025", 94, 0, "0942025", "2025-2026"),
        ("0942026", 94, 0, "0942025", "2025-2026"),
    ],
)
def test_parse_session(text: str, legislature: int, special: int, code: str, name: str) -> None:
    ref = parse_session(text)
    assert (ref.legislature, ref.special_session, ref.search_code, ref.name) == (
        legislature,
        special,
        code,
        name,
    )


@pytest.mark.parametrize("text", ["2024-2025", "2025-2027", "2025s0", "94th", "0942024", ""])
def test_bad_sessions_say_what_is_expected(text: str) -> None:
    with pytest.raises(ValueError, match=r"2025|biennium|special|legislature"):
        parse_session(text)


def test_sessions_close() -> None:
    assert parse_session("2025-2026").closes_on == date(2026, 5, 18)
    assert parse_session("2025s1").closes_on == date(2025, 6, 10)
    assert parse_session("2027-2028").closes_on == date(2029, 1, 1)
    assert session_of_bill(94, 0, 2026) == SessionRef(94, 0, 2025)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 1, 1), "2025-2026"),
        (date(2026, 11, 22), "2025-2026"),
        (date(2027, 1, 12), "2027-2028"),
    ],
)
def test_current_session(today: date, expected: str) -> None:
    assert current_session(today).name == expected
