"""Sample messages shared by the mail tests."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.mail.message import OutgoingMessage, Sender, list_unsubscribe_headers

NOW = datetime(2025, 3, 10, 14, 0, tzinfo=UTC)
SENDER = Sender("updates@mnschoolboards.example.org", "MSBA Legislative Update")
SUBJECT = "Minnesota — ‘quotes’: week of March 10"
UNSUBSCRIBE = "https://tracker.example.org/unsubscribe/tok-42"


def make_message(**changes: object) -> OutgoingMessage:
    fields: dict[str, object] = {
        "to_address": "Board.Chair@Anoka.K12.MN.US",
        "to_name": "Jordan Šimek",
        "subject": SUBJECT,
        "html": "<p>HF 5 passed the House — see <a href='https://x.example'>details</a>.</p>",
        "text": "HF 5 passed the House — see details.",
        "delivery_key": "digest-2025-W11.member-42",
        "headers": list_unsubscribe_headers(UNSUBSCRIBE),
        "categories": ("weekly-digest",),
        "custom_args": {"digest_id": "2025-W11", "member_id": "42", "week": "2025-W11"},
    }
    fields.update(changes)
    return OutgoingMessage(**fields)  # type: ignore[arg-type]


def member(number: int, **changes: object) -> OutgoingMessage:
    return make_message(
        to_address=f"member{number}@district{number % 7}.example.org",
        to_name=f"Member {number}",
        delivery_key=f"digest-2025-W11.member-{number}",
        headers=list_unsubscribe_headers(f"https://tracker.example.org/unsubscribe/tok-{number}"),
        custom_args={"digest_id": "2025-W11", "member_id": str(number), "week": "2025-W11"},
        **changes,
    )
