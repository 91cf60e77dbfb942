"""Urgent alerts: between weekly updates, members who asked for them (cadence weekly+urgent)
hear at once about bills the association marked urgent. Pure: a digest in, an alert out."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from tracker.digest.model import Digest


def urgent_alert(digest: Digest) -> Digest | None:
    """The digest cut down to its urgent action alerts; None when there is none."""
    alerts = tuple(alert for alert in digest.alerts if alert.urgent)
    if not alerts:
        return None
    more = f" (and {len(alerts) - 1} more)" if len(alerts) > 1 else ""
    return replace(
        digest,
        headline=f"Urgent: {alerts[0].summary}{more}",
        alerts=alerts,
        moved=(),
        new_bills=(),
        hearings=(),
        enacted=(),
        vetoed=(),
    )


def alert_key(alert: Digest) -> str:
    """What an alert says, so the same news is not sent twice."""
    said = "\n".join(f"{a.bill.citation}|{a.reason}|{a.summary}" for a in alert.alerts)
    return hashlib.sha256(said.encode()).hexdigest()[:16]
