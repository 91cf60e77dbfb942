"""Links to the official pages of a bill, built from the configured base URL."""

from __future__ import annotations

from urllib.parse import urlencode

from tracker.records.bills import BillKey


def status_page_url(revisor_url: str, key: BillKey, year_introduced: int) -> str:
    """The Revisor's human status page: bill.php?b=House&f=HF5&ssn=0&y=2025."""
    query = urlencode(
        {
            "b": key.bill_type.chamber.label,
            "f": f"{key.bill_type.value}{key.number}",
            "ssn": key.special_session,
            "y": year_introduced,
        }
    )
    return f"{revisor_url.rstrip('/')}/bills/bill.php?{query}"
