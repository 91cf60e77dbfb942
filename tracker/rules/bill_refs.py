"""Bill numbers in free text (hearing agendas, notes, minutes). Pure: text in, bills out.

Forms seen on Minnesota pages (mn_excerpts.md B4, C1, C3, D; mn_sources.md §5):
"HF 729", "HF1392", "H.F. 463", "H. F. 1480", "S.F. No. 2972", "S.F. 1842", zero-padded
"HF0002", and companions written together: "SF 1842/HF 2019".
"""

from __future__ import annotations

import re

from tracker.records.schedule import AgendaItemRecord
from tracker.vocab import BillType

# H or S, then F (bill), R (resolution) or C (concurrent resolution), each letter maybe
# followed by a dot and a space; then "No." maybe; then the number.
_BILL = r"([HS])\.?\s?([FRC])\.?\s*(?:No\.?\s*)?(\d{1,5})"
# In free text: not inside a word ("SHF 2", "ZHF 2"), and the number is not the hour of a
# time ("HF 2:30") nor part of a longer number or word ("HF 2a" is not a bill, "HF 12345678").
_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])" + _BILL + r"(?!\d|:\d|[A-Za-z])")
# As a person types one: the whole input, any case ("hf0005", "H.F. No. 5").
_TYPED = re.compile(r"\s*" + _BILL + r"\s*", re.IGNORECASE)


def parse_bill_ref(text: str) -> tuple[BillType, int]:
    """'HF 5', 'H.F. No. 5', 'hf0005' -> (HF, 5). Raises ValueError on anything else."""
    match = _TYPED.fullmatch(text)
    if not match or int(match.group(3)) == 0:
        raise ValueError(f"not a bill number: {text!r} (expected e.g. HF5, SF 1832, H.F. 2)")
    return BillType((match.group(1) + match.group(2)).upper()), int(match.group(3))


def find_bill_refs(text: str) -> list[tuple[BillType, int]]:
    """Every bill `text` names, in order of first mention, once each.

    >>> find_bill_refs("SF 1842/HF 2019 (Boldon) and H.F. No. 2")
    [(<BillType.SF: 'SF'>, 1842), (<BillType.HF: 'HF'>, 2019), (<BillType.HF: 'HF'>, 2)]
    """
    found: dict[tuple[BillType, int], None] = {}
    for chamber, kind, digits in _IN_TEXT.findall(text or ""):
        number = int(digits)
        if number == 0:
            continue
        found.setdefault((BillType(chamber + kind), number), None)
    return list(found)


def first_bill_ref(text: str) -> tuple[BillType, int] | None:
    refs = find_bill_refs(text)
    return refs[0] if refs else None


def agenda_item(
    position: int, text: str, *, named: tuple[BillType, int] | None = None
) -> AgendaItemRecord:
    """An agenda line with the bills its text names; `named` (a bill the source gives in a
    field of its own) comes first."""
    refs = find_bill_refs(text)
    if named is not None:
        refs = [named, *(ref for ref in refs if ref != named)]
    if not refs:
        return AgendaItemRecord(position, None, None, text)
    (bill_type, number), *rest = refs
    return AgendaItemRecord(position, bill_type, number, text, tuple(rest))
