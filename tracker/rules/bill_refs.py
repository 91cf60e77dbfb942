"""Bill numbers in free text (hearing agendas, notes, minutes). Pure: text in, bills out.

Forms seen on Minnesota pages (mn_excerpts.md B4, C1, C3, D; mn_sources.md §5):
"HF 729", "HF1392", "H.F. 463", "H. F. 1480", "S.F. No. 2972", "S.F. 1842", zero-padded
"HF0002", and companions written together: "SF 1842/HF 2019".
"""

from __future__ import annotations

import re

from tracker.vocab import BillType

# H or S, then F (bill), R (resolution) or C (concurrent resolution), each letter maybe
# followed by a dot and a space; then "No." maybe; then the number. Not inside a word
# ("SHF 2", "ZHF 2"), and the number is not the hour of a time ("HF 2:30") nor part of
# a longer number or word ("HF 2a" is not a bill, "HF 12345678").
_BILL = re.compile(
    r"(?<![A-Za-z0-9])"
    r"([HS])\.?\s?([FRC])\.?"
    r"\s*(?:No\.?\s*)?"
    r"(\d{1,5})"
    r"(?!\d|:\d|[A-Za-z])"
)


def find_bill_refs(text: str) -> list[tuple[BillType, int]]:
    """Every bill `text` names, in order of first mention, once each.

    >>> find_bill_refs("SF 1842/HF 2019 (Boldon) and H.F. No. 2")
    [(<BillType.SF: 'SF'>, 1842), (<BillType.HF: 'HF'>, 2019), (<BillType.HF: 'HF'>, 2)]
    """
    found: dict[tuple[BillType, int], None] = {}
    for chamber, kind, digits in _BILL.findall(text or ""):
        number = int(digits)
        if number == 0:
            continue
        found.setdefault((BillType(chamber + kind), number), None)
    return list(found)


def first_bill_ref(text: str) -> tuple[BillType, int] | None:
    refs = find_bill_refs(text)
    return refs[0] if refs else None
