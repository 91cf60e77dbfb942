"""The SendGrid backend against a local fake Mail Send endpoint on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.mail.fakes import API_KEY, FakeSendGrid, free_port
from tests.mail.samples import SENDER, SUBJECT, member
from tracker.mail import (
    Backoff,
    Outcome,
    Recipient,
    SendGridBackend,
    SharedBody,
    list_unsubscribe_headers,
)


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
    return SendGridBackend(SENDER, **options)  # type: ignore[arg-type]


def batch_recipients(count: int) -> list[Recipient]:
    return [
        Recipient(
            address=f"member{n}@example.org",
            name=f"Member {n}",
            delivery_key=f"digest-2025-W11.member-{n}",
            substitutions={"-first_name-": f"Member {n}", "-member_id-": str(n)},
            headers=list_unsubscribe_headers(f"https://tracker.example.org/unsubscribe/tok-{n}"),
            custom_args={"member_id": str(n)},
        )
        for n in range(count)
    ]


BODY = SharedBody(
    subject="Legislative update for -first_name-",
    html="<p>Dear -first_name-, HF 5 passed.</p>",
    text="Dear -first_name-, HF 5 passed.",
    categories=("weekly-digest", "2025-W11"),
    custom_args={"digest_id": "2025-W11", "week": "2025-W11"},
)


def test_batch_of_2500_recipients_takes_3_requests(fake_sendgrid):
    backend = sendgrid_backend(fake_sendgrid)
    results = backend.send_batch(BODY, batch_recipients(2500))

    assert fake_sendgrid.problems == []
    assert backend.requests_made == 3
    assert [len(r.body["personalizations"]) for r in fake_sendgrid.requests] == [1000, 1000, 500]
    assert {r.outcome for r in results} == {Outcome.SENT}
    assert [results[0].provider_id, results[1000].provider_id, results[2499].provider_id] == [
        "fake-1",
        "fake-2",
        "fake-3",
    ]
    first = fake_sendgrid.requests[0].body
    assert first["from"] == {"email": SENDER.address, "name": SENDER.name}
    assert first["categories"] == ["weekly-digest", "2025-W11"]
    assert first["custom_args"] == {"digest_id": "2025-W11", "week": "2025-W11"}
    assert first["personalizations"][7] == {
        "to": [{"email": "member7@example.org", "name": "Member 7"}],
        "substitutions": {"-first_name-": "Member 7", "-member_id-": "7"},
        "headers": {
            "List-Unsubscribe": "<https://tracker.example.org/unsubscribe/tok-7>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        "custom_args": {"member_id": "7", "delivery_key": "digest-2025-W11.member-7"},
    }


def test_batch_never_repeats_an_address_within_a_request(fake_sendgrid):
    twice = [*batch_recipients(2), *batch_recipients(1)]
    results = sendgrid_backend(fake_sendgrid).send_batch(BODY, twice)

    assert fake_sendgrid.problems == []
    assert [len(r.body["personalizations"]) for r in fake_sendgrid.requests] == [2, 1]
    assert [r.provider_id for r in results] == ["fake-1", "fake-1", "fake-2"]


def test_messages_with_the_same_body_share_requests(fake_sendgrid):
    messages = [member(n) for n in range(1200)]
    results = sendgrid_backend(fake_sendgrid).send(messages)

    assert fake_sendgrid.problems == []
    assert [len(r.body["personalizations"]) for r in fake_sendgrid.requests] == [1000, 200]
    assert [r.delivery_key for r in results] == [m.delivery_key for m in messages]
    personalization = fake_sendgrid.requests[0].body["personalizations"][3]
    assert personalization["subject"] == SUBJECT
    assert personalization["custom_args"] == {
        "digest_id": "2025-W11",
        "member_id": "3",
        "week": "2025-W11",
        "delivery_key": "digest-2025-W11.member-3",
    }
    assert fake_sendgrid.requests[0].body["content"][1]["value"] == messages[0].html


def test_messages_with_their_own_bodies_take_one_request_each(fake_sendgrid):
    messages = [member(n, text=f"Your bills, member {n}.") for n in range(3)]
    results = sendgrid_backend(fake_sendgrid).send(messages)

    assert fake_sendgrid.problems == []
    assert len(fake_sendgrid.requests) == 3
    assert [r.provider_id for r in results] == ["fake-1", "fake-2", "fake-3"]
    assert fake_sendgrid.requests[0].headers["Authorization"] == f"Bearer {API_KEY}"


def test_rate_limit_is_retried_after_the_wait_sendgrid_asks_for(fake_sendgrid):
    fake_sendgrid.respond(429, headers={"Retry-After": "3"}, body={"errors": [{"message": "x"}]})
    waits: list[float] = []
    results = sendgrid_backend(fake_sendgrid, waits).send([member(1)])

    assert [r.outcome for r in results] == [Outcome.SENT]
    assert results[0].provider_id == "fake-2"
    assert waits == [3.0]
    assert len(fake_sendgrid.requests) == 2


def test_rate_limit_longer_than_the_limit_gives_up_at_once(fake_sendgrid):
    fake_sendgrid.respond(429, headers={"Retry-After": "600"})
    waits: list[float] = []
    [result] = sendgrid_backend(fake_sendgrid, waits).send([member(1)])

    assert result.outcome is Outcome.FAILED
    assert "asked to wait 600 s" in result.detail
    assert waits == []


def test_server_errors_are_retried_with_back_off_then_reported(fake_sendgrid):
    for _ in range(3):
        fake_sendgrid.respond(503, body={"errors": [{"message": "service unavailable"}]})
    waits: list[float] = []
    [result] = sendgrid_backend(fake_sendgrid, waits).send([member(1)])

    assert result.outcome is Outcome.FAILED
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

    assert result.outcome is Outcome.FAILED
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

    assert result.outcome is Outcome.FAILED
    assert result.detail.startswith(f"SendGrid rejected the API key (HTTP {status})")
    assert "TRACKER_SENDGRID_API_KEY" in result.detail


def test_too_large_request_is_split_and_resent(fake_sendgrid):
    fake_sendgrid.respond(413, body={"errors": [{"message": "too large"}]})
    results = sendgrid_backend(fake_sendgrid).send_batch(BODY, batch_recipients(4))

    assert [len(r.body["personalizations"]) for r in fake_sendgrid.requests] == [4, 2, 2]
    assert [r.provider_id for r in results] == ["fake-2", "fake-2", "fake-3", "fake-3"]


def test_timeout_fails_without_resending(fake_sendgrid):
    fake_sendgrid.respond(202, delay=1.0)
    [result] = sendgrid_backend(fake_sendgrid, timeout=0.2).send([member(1)])

    assert result.outcome is Outcome.FAILED
    assert "did not answer within 0.2 s" in result.detail
    assert len(fake_sendgrid.requests) == 1


def test_unreachable_endpoint_is_reported():
    backoff = Backoff(retries=1, base=0.1, sleep=lambda _: None)
    backend = SendGridBackend(
        SENDER, api_key=API_KEY, api_url=f"http://127.0.0.1:{free_port()}", backoff=backoff
    )
    [result] = backend.send([member(1)])

    assert result.outcome is Outcome.FAILED
    assert "could not reach SendGrid" in result.detail
    assert backend.requests_made == 2


def test_nothing_to_send_makes_no_request(fake_sendgrid):
    backend = sendgrid_backend(fake_sendgrid)

    assert backend.send([]) == []
    assert backend.send_batch(BODY, []) == []
    assert backend.requests_made == 0
