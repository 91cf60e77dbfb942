"""Legislative sessions: how users name them, how the Revisor codes them, when they end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

FIRST_LEGISLATURE_YEAR = 1837  # legislature n starts in odd year 1837 + 2n (94th: 2025)

_REGULAR = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")
_SPECIAL = re.compile(r"^\s*(\d{4})\s*(?:s|\s+special\s*(?:session)?\s*)(\d)\s*$", re.IGNORECASE)
_SEARCH_CODE = re.compile(r"^\s*(\d)(\d{2})(\d{4})\s*$")


@dataclass(frozen=True)
class SessionRef:
    legislature: int
    special_session: int
    year: int  # the first year: of the biennium, or of the special session

    @property
    def search_code(self) -> str:
        """The `session=` code of the Revisor's status search: 0942025, 1942025."""
        return f"{self.special_session}{self.legislature:02d}{self.year}"

    @property
    def name(self) -> str:
        if self.special_session == 0:
            return f"{self.year}-{self.year + 1}"
        return f"{self.year} {ordinal(self.special_session)} Special Session"

    @property
    def arg(self) -> str:
        """The form `tracker crawl --session` takes."""
        return self.name if self.special_session == 0 else f"{self.year}s{self.special_session}"

    @property
    def year_end(self) -> int:
        return self.year + 1 if self.special_session == 0 else self.year

    @property
    def closes_on(self) -> date | None:
        """When bills not yet law die: sine die of the session, else the biennium's end."""
        known = KNOWN_ADJOURNMENTS.get((self.legislature, self.special_session))
        if known:
            return known
        if self.special_session == 0:
            return date(self.year + 2, 1, 1)
        return None


# Sine die dates we know (mn_sources.md §1.1): the 2026 session ended May 18, 2026; the
# 2025 first special session sat June 9-10, 2025.
KNOWN_ADJOURNMENTS: dict[tuple[int, int], date] = {
    (94, 0): date(2026, 5, 18),
    (94, 1): date(2025, 6, 10),
}


def legislature_of(year: int) -> int:
    return (year - FIRST_LEGISLATURE_YEAR) // 2


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def parse_session(text: str) -> SessionRef:
    """'2025-2026' (regular), '2025s1' or '2025 special 1' (special), or a code '0942025'."""
    regular = _REGULAR.match(text)
    if regular:
        start, end = int(regular.group(1)), int(regular.group(2))
        if end != start + 1 or (start - FIRST_LEGISLATURE_YEAR) % 2:
            raise ValueError(
                f"{text!r} is not a biennium: Minnesota's run from an odd year, e.g. 2025-2026"
            )
        return SessionRef(legislature_of(start), 0, start)
    special = _SPECIAL.match(text)
    if special:
        year, number = int(special.group(1)), int(special.group(2))
        if number < 1:
            raise ValueError(f"{text!r}: special sessions are numbered from 1")
        return SessionRef(legislature_of(year), number, year)
    code = _SEARCH_CODE.match(text)
    if code:
        special_session, legislature, year = (int(g) for g in code.groups())
        if legislature != legislature_of(year):
            raise ValueError(f"{text!r}: legislature {legislature} did not sit in {year}")
        start = year if special_session else year - (year - FIRST_LEGISLATURE_YEAR) % 2
        return SessionRef(legislature, special_session, start)
    raise ValueError(
        f"unknown session {text!r}: use 2025-2026 for the regular session, 2025s1 for the "
        "2025 first special session"
    )


def session_of_bill(legislature: int, special_session: int, year_introduced: int) -> SessionRef:
    if special_session == 0:
        start = FIRST_LEGISLATURE_YEAR + 2 * legislature
        return SessionRef(legislature, 0, start)
    return SessionRef(legislature, special_session, year_introduced)


def current_session(today: date) -> SessionRef:
    """The regular session of the biennium `today` falls in."""
    start = today.year - (today.year - FIRST_LEGISLATURE_YEAR) % 2
    return SessionRef(legislature_of(start), 0, start)


def adjournment_deadline(year: int) -> date:
    """The first Monday after the third Saturday in May (Minn. Stat. 3.05): the latest day a
    regular session may sit in `year`."""
    first = date(year, 5, 1)
    third_saturday = first + timedelta(days=(5 - first.weekday()) % 7 + 14)
    return third_saturday + timedelta(days=2)


def legislature_sits(today: date) -> bool:
    """Whether a regular session may be sitting: from January 1 to sine die (known, else the
    constitutional deadline). Special sessions are called ad hoc and are not foreseen here."""
    ref = current_session(today)
    known = KNOWN_ADJOURNMENTS.get((ref.legislature, 0))
    last = known if known and known.year == today.year else adjournment_deadline(today.year)
    return date(today.year, 1, 1) <= today <= last
