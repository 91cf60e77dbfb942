"""The SendGrid backend against a local fake SendGrid API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from tests.mail.fakes import API_KEY, FakeSendGrid, free_port
from tests.mail.samples import SENDER, SUBJECT, member
from tracker.mail import Backoff, SendGridBackend, SendOutcome
from tracker.mail.message import Sender
from tracker.mail.sendgrid_wire import address_json


@pytest.fixture
def fake_sendgrid() -> Iterator[FakeSendGrid]:
    with FakeSendGrid() as fake:
        yield fake


def sendgrid_backend(fake: FakeSendGrid, waits: list[float] | None = None, **changes: object):
    backoff = Backoff(
        retries=2, base=0.5, maximum=30.0, sleep=(waits if waits is not None else []).append
    )
    options: dict[str, object] = {"api_key": API_KEY, "api_url": fake.url, "backoff": backoff}
    options.update(changes)
    sender = options.pop("sender", SENDER)
    return SendGridBackend(sender, **options)  # type: ignore[arg-type]


def test_each_message_is_one_mail_send_request_of_its_own(fake_sendgrid):
    messages = [member(n, text=f"Your bills, member {n}.") for n in range(3)]
    messages.append(replace(member(3), to_address=messages[0].to_address))  # the same person
    results = sendgrid_backend(fake_sendgrid).send(messages)

    assert fake_sendgrid.problems == []
    assert [r.outcome for r in results] == [SendOutcome.SENT] * 4
    assert [r.delivery_key for r in results] == [m.delivery_key for m in messages]
    assert [r.provider_id for r in results] == ["fake-1", "fake-2", "fake-3", "fake-4"]
    assert [r.path for r in fake_sendgrid.requests] == ["/v3/mail/send"] * 4
    second = fake_sendgrid.requests[1]
    assert second.headers["Authorization"] == f"Bearer {API_KEY}"
    assert second.body == {
        "personalizations": [
            {
                "to": [{"email": "member1@district1.example.org", "name": "Member 1"}],
                "custom_args": {
                    "digest_id": "2025-W11",
                    "member_id": "1",
                    "week": "2025-W11",
                    "delivery_key": "digest-2025-W11.member-1",
                },
                "headers": {
                    "List-Unsubscribe": "<https://tracker.example.org/unsubscribe/tok-1>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            }
        ],
        "from": {"email": SENDER.address, "name": SENDER.name},
        "subject": SUBJECT,
        "content": [
            {"type": "text/plain", "value": "Your bills, member 1."},
            {"type": "text/html", "value": messages[1].html},
        ],
        "categories": ["weekly-digest"],
    }
    received = {email.custom_args["delivery_key"]: email for email in fake_sendgrid.received}
    assert received[messages[2].delivery_key].text == "Your bills, member 2."


def test_a_refused_message_fails_alone(fake_sendgrid):
    fake_sendgrid.respond(400, body={"errors": [{"field": "content", "message": "bad"}]})
    results = sendgrid_backend(fake_sendgrid).send([member(n) for n in range(3)])

    assert [r.outcome for r in results] == [
        SendOutcome.FAILED,
        SendOutcome.SENT,
        SendOutcome.SENT,
    ]
    assert results[0].detail == "SendGrid refused the request (HTTP 400): content: bad"
    assert [email.to for email in fake_sendgrid.received] == [
        member(1).to_address,
        member(2).to_address,
    ]


def test_requests_in_flight_at_once_keep_each_result_with_its_message():
    messages = [member(n, text=f"Your bills, member {n}.") for n in range(12)]
    with FakeSendGrid(latency=0.05) as fake:
        backend = sendgrid_backend(fake, concurrency=4)
        results = backend.send(messages)

    assert fake.problems == []
    assert 1 < fake.most_in_flight <= 4
    assert backend.requests_made == 12
    assert [r.delivery_key for r in results] == [m.delivery_key for m in messages]
    received = {email.custom_args["delivery_key"]: email for email in fake.received}
    for message, result in zip(messages, results, strict=True):
        assert result.outcome is SendOutcome.SENT
        assert received[message.delivery_key].message_id == result.provider_id
        assert received[message.delivery_key].text == message.text


def test_one_at_a_time_by_default(fake_sendgrid):
    fake_sendgrid.latency = 0.01
    sendgrid_backend(fake_sendgrid).send([member(n) for n in range(5)])
    assert fake_sendgrid.most_in_flight == 1


def test_names_with_commas_or_semicolons_go_out_without_them(fake_sendgrid):
    """SendGrid refuses a request whose To or From name holds a comma or a semicolon (its
    documented Mail Send limitation), so one "Johnson, P." would fail every member with him."""
    messages = [
        member(1),
        replace(member(2), to_name="Johnson, P."),
        replace(member(3), to_name="Lee; Kim"),
    ]
    sender = Sender(SENDER.address, "AMSD, Legislative Update")
    results = sendgrid_backend(fake_sendgrid, sender=sender).send(messages)

    assert fake_sendgrid.problems == []
    assert [r.outcome for r in results] == [SendOutcome.SENT] * 3
    bodies = [r.body for r in fake_sendgrid.mail_sends()]
    names = [p["to"][0]["name"] for body in bodies for p in body["personalizations"]]
    assert names == ["Member 1", "Johnson P.", "Lee Kim"]
    assert {body["from"]["name"] for body in bodies} == {"AMSD Legislative Update"}


@pytest.mark.parametrize(
    ("name", "sent"),
    [
        ("Johnson, P.", {"name": "Johnson P."}),
        ("Johnson,P.", {"name": "Johnson P."}),
        ("Lee ; Kim;, Park", {"name": "Lee Kim Park"}),
        ("Board Chair,", {"name": "Board Chair"}),
        ("Jordan Šimek", {"name": "Jordan Šimek"}),
        ('O\'Brien "Bo"', {"name": 'O\'Brien "Bo"'}),
        (" ,; ", {}),
        ("", {}),
    ],
)
def test_address_json_names(name, sent):
    assert address_json("a@example.org", name) == {"email": "a@example.org", **sent}


def test_rate_limit_is_retried_after_the_wait_sendgrid_asks_for(fake_sendgrid):
    fake_sendgrid.respond(429, headers={"Retry-After": "3"}, body={"errors": [{"message": "x"}]})
    waits: list[float] = []
    results = sendgrid_backend(fake_sendgrid, waits).send([member(1)])

    assert [r.outcome for r in results] == [SendOutcome.SENT]
    assert results[0].provider_id == "fake-2"
    assert waits == [3.0]
    assert len(fake_sendgrid.requests) == 2


def test_rate_limit_longer_than_the_limit_gives_up_at_once(fake_sendgrid):
    fake_sendgrid.respond(429, headers={"Retry-After": "600"})
    waits: list[float] = []
    [result] = sendgrid_backend(fake_sendgrid, waits).send([member(1)])

    assert result.outcome is SendOutcome.FAILED
    assert "asked to wait 600 s" in result.detail
    assert waits == []


def test_server_errors_are_retried_with_back_off_then_reported(fake_sendgrid):
    for _ in range(3):
        fake_sendgrid.respond(503, body={"errors": [{"message": "service unavailable"}]})
    waits: list[float] = []
    [result] = sendgrid_backend(fake_sendgrid, waits).send([member(1)])

    assert result.outcome is SendOutcome.FAILED
    assert result.detail == (
        "SendGrid server error (HTTP 503) persisted after 2 retries: service unavailable"
    )
    assert waits == [0.5, 1.0]


def test_bad_request_reports_the_api_error_messages(fake_sendgrid):
    error = {
        "field": "personalizations.0.to.0.email",
        "message": "Does not contain a valid address.",
    }
    fake_sendgrid.respond(400, body={"errors": [error]})
    [result] = sendgrid_backend(fake_sendgrid).send([member(1)])

    assert result.outcome is SendOutcome.FAILED
    assert result.detail == (
        "SendGrid refused the request (HTTP 400): "
        "personalizations.0.to.0.email: Does not contain a valid address."
    )


@pytest.mark.parametrize("status", [401, 403])
def test_refused_api_key_says_so(fake_sendgrid, status):
    fake_sendgrid.respond(
        status, body={"errors": [{"field": None, "message": "The provided authorization grant"}]}
    )
    [result] = sendgrid_backend(fake_sendgrid).send([member(1)])

    assert result.outcome is SendOutcome.FAILED
    assert result.detail.startswith(f"SendGrid rejected the API key (HTTP {status})")
    assert "TRACKER_SENDGRID_API_KEY" in result.detail


def test_a_message_too_large_fails_with_the_reason(fake_sendgrid):
    fake_sendgrid.respond(413, body={"errors": [{"message": "too large"}]})
    results = sendgrid_backend(fake_sendgrid).send([member(1), member(2)])

    assert [r.outcome for r in results] == [SendOutcome.FAILED, SendOutcome.SENT]
    assert results[0].detail == "SendGrid refused the message as too large (HTTP 413): too large"
    assert len(fake_sendgrid.requests) == 2, "not resent"


def test_timeout_fails_without_resending(fake_sendgrid):
    fake_sendgrid.respond(202, delay=1.0)
    [result] = sendgrid_backend(fake_sendgrid, timeout=0.2).send([member(1)])

    assert result.outcome is SendOutcome.FAILED
    assert "did not answer within 0.2 s" in result.detail
    assert len(fake_sendgrid.requests) == 1


def test_unreachable_endpoint_is_reported():
    backoff = Backoff(retries=1, base=0.1, sleep=lambda _: None)
    backend = SendGridBackend(
        SENDER, api_key=API_KEY, api_url=f"http://127.0.0.1:{free_port()}", backoff=backoff
    )
    [result] = backend.send([member(1)])

    assert result.outcome is SendOutcome.FAILED
    assert "could not reach SendGrid" in result.detail
    assert backend.requests_made == 2


def test_nothing_to_send_makes_no_request(fake_sendgrid):
    backend = sendgrid_backend(fake_sendgrid)

    assert backend.send([]) == []
    assert backend.requests_made == 0
