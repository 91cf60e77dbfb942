"""Bill references in agenda text: one row per real (or realistic) written form."""

from __future__ import annotations

import pytest

from tracker.rules.bill_refs import find_bill_refs, first_bill_ref
from tracker.vocab import BillType

HF, SF, HR, SC = BillType.HF, BillType.SF, BillType.HR, BillType.SC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HF 2", [(HF, 2)]),
        ("H.F. No. 2", [(HF, 2)]),
        ("H.F. 2", [(HF, 2)]),
        ("H. F. 2, A bill for an act relating to education", [(HF, 2)]),
        ("S.F. 1842: Senator Boldon: school lunch", [(SF, 1842)]),
        ("S.F. No. 2972: A bill for an act", [(SF, 2972)]),
        ("HF0002", [(HF, 2)]),
        ("HF1392 (Lee, K.); Consumer protection", [(HF, 1392)]),
        ("III. HF 729 (Noor) Medical assistance provisions modified", [(HF, 729)]),
        ("SF 1842/HF 2019 (Boldon)", [(SF, 1842), (HF, 2019)]),
        ("HF 2 and HF 5; then HF 2 again", [(HF, 2), (HF, 5)]),
        ("HF 2, H.F. 2, HF0002", [(HF, 2)]),
        ("moved that HF1034 be re-referred to the General Register", [(HF, 1034)]),
        ("(HF 54)", [(HF, 54)]),
        ("H.R. 3 and S.C. 9", [(HR, 3), (SC, 9)]),
        ("Meeting in HF Room 10", []),
        ("HF Room", []),
        ("Starts at 10:30 AM in Capitol 120", []),
        ("HF 2:30 PM", []),
        ("SHF 20", []),
        ("HF 0", []),
        ("HF 2a", []),
        ("Testimony limited to 3 minutes; handouts by 5:00 PM", []),
        ("", []),
    ],
)
def test_find_bill_refs(text: str, expected: list[tuple[BillType, int]]) -> None:
    assert find_bill_refs(text) == expected


def test_first_bill_ref() -> None:
    assert first_bill_ref("Public testimony on SF 1197 / HF 12") == (SF, 1197)
    assert first_bill_ref("Call to order") is None
