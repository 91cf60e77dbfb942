from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from tests.mail.samples import NOW, SENDER, SUBJECT, UNSUBSCRIBE, make_message
from tracker.mail.message import InvalidMessage, Sender, list_unsubscribe_headers
from tracker.rules.addresses import InvalidAddress, validate_address


def test_address_is_normalized_domain_lowercased_local_part_kept():
    assert make_message().to_address == "Board.Chair@anoka.k12.mn.us"


@pytest.mark.parametrize(
    "address",
    ["", "no-at-sign", "two@@example.org", "space in@example.org", "trailing@", "a@b"],
)
def test_unusable_address_raises_a_clear_error(address):
    with pytest.raises(InvalidAddress, match="is not a usable email address"):
        validate_address(address)
    with pytest.raises(InvalidAddress, match=re.escape(repr(address))):
        make_message(to_address=address)


def test_list_unsubscribe_headers_offer_one_click():
    headers = list_unsubscribe_headers(UNSUBSCRIBE, mailto="unsubscribe@example.org")
    assert headers == {
        "List-Unsubscribe": (
            f"<{UNSUBSCRIBE}>, <mailto:unsubscribe@example.org?subject=unsubscribe>"
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_one_click_unsubscribe_only_over_https():
    plain = list_unsubscribe_headers("http://127.0.0.1:8000/unsubscribe?token=1.x")
    assert plain == {"List-Unsubscribe": "<http://127.0.0.1:8000/unsubscribe?token=1.x>"}
    with pytest.raises(InvalidMessage, match="http"):
        list_unsubscribe_headers("javascript:alert(1)")


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"subject": "  "}, "empty subject"),
        ({"subject": "Line\nBreak"}, "line break in its subject"),
        ({"html": ""}, "both a text and an html body"),
        ({"text": "\n"}, "both a text and an html body"),
        ({"delivery_key": "../etc/passwd"}, "delivery key"),
        ({"delivery_key": ""}, "delivery key"),
        ({"headers": {"X-Note": "one\r\nBcc: victim@example.org"}}, "line break"),
        ({"headers": {"Bad Name": "x"}}, "printable ASCII"),
        ({"headers": {"From": "someone@example.org"}}, "set by the mail package"),
        ({"categories": tuple(f"c{n}" for n in range(11))}, "at most 10 categories"),
        ({"categories": ("x" * 256,)}, "1 to 255 characters"),
        ({"custom_args": {"member_id": 42}}, "custom args are strings"),
    ],
)
def test_malformed_message_is_refused_before_any_backend(changes, complaint):
    with pytest.raises(InvalidMessage, match=complaint):
        make_message(**changes)


def test_message_is_frozen_down_to_its_headers():
    message = make_message()
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.subject = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        message.headers["X-Extra"] = "no"  # type: ignore[index]


def test_email_message_is_multipart_alternative_text_then_html():
    email = make_message().to_email_message(SENDER, now=NOW)

    assert email.get_content_type() == "multipart/alternative"
    parts = list(email.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in parts)
    assert parts[0].get_content() == "HF 5 passed the House — see details.\n"
    assert "passed the House — see" in parts[1].get_content()


def test_email_message_headers():
    message = make_message()
    email = message.to_email_message(SENDER, now=NOW)

    assert email["Subject"] == SUBJECT
    assert email["From"] == "MSBA Legislative Update <updates@mnschoolboards.example.org>"
    assert email["To"].addresses[0].addr_spec == "Board.Chair@anoka.k12.mn.us"
    assert email["To"].addresses[0].display_name == "Jordan Šimek"
    assert email["Date"].datetime == NOW
    assert email["Message-ID"] == "<digest-2025-W11.member-42@mnschoolboards.example.org>"
    assert email["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_wire_form_is_ascii_and_parses_back():
    email = make_message().to_email_message(SENDER, now=NOW)
    wire = email.as_bytes(policy=policy.SMTP)

    wire.decode("ascii")  # RFC 2047 words and quoted-printable: safe on any SMTP server
    parsed = message_from_bytes(wire, policy=policy.default)
    assert parsed["Subject"] == SUBJECT
    assert parsed.get_body(("plain",)).get_content().strip() == make_message().text


def test_message_id_is_the_same_for_every_send_of_a_delivery():
    message = make_message()
    first = message.to_email_message(SENDER, now=NOW)
    again = message.to_email_message(SENDER, now=datetime(2025, 3, 11, tzinfo=UTC))
    assert first["Message-ID"] == again["Message-ID"]


def test_date_needs_an_aware_time():
    with pytest.raises(ValueError, match="timezone-aware"):
        make_message().to_email_message(SENDER, now=datetime(2025, 3, 10, 14, 0))


def test_sender_address_is_validated():
    with pytest.raises(InvalidAddress):
        Sender("not an address")
