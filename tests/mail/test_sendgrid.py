"""The SendGrid backend against a local fake SendGrid API on 127.0.0.1."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.mail.fakes import API_KEY, FakeSendGrid, free_port
from tests.mail.samples import SENDER, SUBJECT, member
from tracker.mail import (
    Backoff,
    Mailing,
    MemberPieces,
    SendGridBackend,
    SendOutcome,
    build_mailings,
)
from tracker.mail.dynamic_template import Marked, mark
from tracker.mail.message import Sender
from tracker.mail.sendgrid_wire import address_json

NOW = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)


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


def pieces(n: int, *, html: str = "") -> MemberPieces:
    """Member n's email in pieces: a greeting with their name, a line all share, their own."""
    name = f"Member {n} & Co"
    return MemberPieces(
        key=member(n).delivery_key,
        subject=f"Week of March 10 for member {n}",
        html=(
            "<p>Dear ",
            mark("name"),
            ",</p>\n",
            "<p>HF 5 passed.</p>",
            html or f"<p>{n % 3}</p>",
        ),
        text=("Dear ", mark("name"), ",\n", "HF 5 passed.\n", f"{n % 3}\n"),
        values={"name": Marked(name, name.replace("&", "&amp;"))},
    )


def mailings(count: int, size: int = 1000) -> list[Mailing]:
    return build_mailings([pieces(n) for n in range(count)], max_members=size)


def send_one(fake: FakeSendGrid, count: int, **changes: object):  # type: ignore[no-untyped-def]
    [mailing] = mailings(count)
    messages = [member(n) for n in range(count)]
    return sendgrid_backend(fake, **changes).send_mailing(mailing, messages, name="t")


def test_a_mailing_is_one_template_then_one_mail_send(fake_sendgrid):
    backend = sendgrid_backend(fake_sendgrid, max_personalizations=10)
    results = []
    for mailing in mailings(25, 10):
        messages = [member(int(key.rsplit("-", 1)[1])) for key in mailing.data]
        results += backend.send_mailing(mailing, messages, name="tracker-digest-2025-03-10-abc")

    assert fake_sendgrid.problems == []
    created, version, send = fake_sendgrid.requests[:3]
    assert (created.method, created.path) == ("POST", "/v3/templates")
    template_id = send.body["template_id"]
    assert (version.method, version.path) == ("POST", f"/v3/templates/{template_id}/versions")
    assert (send.method, send.path) == ("POST", "/v3/mail/send")
    assert len(fake_sendgrid.mail_sends()) == 3 and backend.mail_sends == 3
    assert len(fake_sendgrid.template_requests()) == 6 and backend.template_requests == 6
    assert [len(r.body["personalizations"]) for r in fake_sendgrid.mail_sends()] == [10, 10, 5]
    assert {r.outcome for r in results} == {SendOutcome.SENT}
    assert [r.delivery_key for r in results] == [member(n).delivery_key for n in range(25)]
    assert created.body == {"name": "tracker-digest-2025-03-10-abc", "generation": "dynamic"}
    assert version.body["subject"] == "{{{subject}}}"
    assert version.body["generate_plain_content"] is False and version.body["active"] == 1
    assert "content" not in send.body and "subject" not in send.body
    assert send.body["from"] == {"email": SENDER.address, "name": SENDER.name}
    assert send.body["categories"] == ["weekly-digest"]
    seventh = send.body["personalizations"][7]
    assert seventh["to"] == [{"email": "member7@district0.example.org", "name": "Member 7"}]
    assert (
        seventh["headers"]["List-Unsubscribe"] == "<https://tracker.example.org/unsubscribe/tok-7>"
    )
    assert seventh["custom_args"] == {
        "digest_id": "2025-W11",
        "member_id": "7",
        "week": "2025-W11",
        "delivery_key": "digest-2025-W11.member-7",
    }
    assert seventh["dynamic_template_data"]["subject"] == "Week of March 10 for member 7"
    by_address = {email.to: email for email in fake_sendgrid.rendered}
    assert len(by_address) == 25
    seven = by_address["member7@district0.example.org"]
    assert seven.subject == "Week of March 10 for member 7"
    assert seven.html == "<p>Dear Member 7 &amp; Co,</p>\n<p>HF 5 passed.</p><p>1</p>"
    assert seven.text == "Dear Member 7 & Co,\nHF 5 passed.\n1\n"
    assert seven.custom_args["delivery_key"] == "digest-2025-W11.member-7"


def test_a_template_that_cannot_be_made_fails_every_member_and_sends_nothing(fake_sendgrid):
    fake_sendgrid.respond(403, path="/v3/templates", body={"errors": [{"message": "denied"}]})
    results = send_one(fake_sendgrid, 3)

    assert [r.outcome for r in results] == [SendOutcome.FAILED] * 3
    assert results[0].detail.startswith("could not create SendGrid template t: SendGrid rejected")
    assert "Template Engine permission" in results[0].detail
    assert fake_sendgrid.mail_sends() == [] and fake_sendgrid.rendered == []


def test_a_refused_version_fails_the_members_and_the_empty_template_is_deleted(fake_sendgrid):
    refusal = {"errors": [{"message": "bad"}]}
    fake_sendgrid.respond(400, method="POST", path="/v3/templates/*", body=refusal)
    results = send_one(fake_sendgrid, 2)

    assert {r.outcome for r in results} == {SendOutcome.FAILED}
    assert "could not store the content of SendGrid template t" in results[0].detail
    assert [r.method for r in fake_sendgrid.requests] == ["POST", "POST", "DELETE"]
    assert fake_sendgrid.templates == {}
    assert fake_sendgrid.mail_sends() == []


def test_template_server_errors_are_retried(fake_sendgrid):
    fake_sendgrid.respond(503, path="/v3/templates", body={"errors": [{"message": "busy"}]})
    waits: list[float] = []
    results = send_one(fake_sendgrid, 2, waits=waits)

    assert {r.outcome for r in results} == {SendOutcome.SENT}
    assert waits == [0.5]
    assert len(fake_sendgrid.rendered) == 2


def test_a_too_large_mailing_is_split_and_resent_with_the_same_template(fake_sendgrid):
    fake_sendgrid.respond(413, path="/v3/mail/send", body={"errors": [{"message": "too large"}]})
    results = send_one(fake_sendgrid, 4)

    sends = fake_sendgrid.mail_sends()
    assert [len(r.body["personalizations"]) for r in sends] == [4, 2, 2]
    assert len({r.body["template_id"] for r in sends}) == 1
    assert [r.provider_id for r in results] == ["fake-4", "fake-4", "fake-5", "fake-5"]
    assert len(fake_sendgrid.rendered) == 4


def test_a_mailing_never_repeats_an_address_within_a_request(fake_sendgrid):
    [mailing] = build_mailings([pieces(0), pieces(1), MemberPieces("again", "s", ("x",), ("x",))])
    messages = [member(0), member(1), replace(member(1), delivery_key="again")]
    results = sendgrid_backend(fake_sendgrid).send_mailing(mailing, messages, name="t")

    assert fake_sendgrid.problems == []
    assert [len(r.body["personalizations"]) for r in fake_sendgrid.mail_sends()] == [2, 1]
    assert {r.outcome for r in results} == {SendOutcome.SENT}


def test_a_template_over_sendgrids_limit_is_not_sent(fake_sendgrid):
    [mailing] = build_mailings([pieces(0, html="x" * 1_100_000)], max_bytes=2_000_000)
    [result] = sendgrid_backend(fake_sendgrid).send_mailing(mailing, [member(0)], name="t")

    assert (
        result.outcome is SendOutcome.FAILED and "more than SendGrid's 1,048,576" in result.detail
    )
    assert fake_sendgrid.requests == []


def test_prune_deletes_the_trackers_templates_older_than_30_days(fake_sendgrid):
    old = fake_sendgrid.add_template("tracker-digest-2026-01-05-aaa", NOW - timedelta(days=40))
    recent = fake_sendgrid.add_template("tracker-digest-2026-03-02-bbb", NOW - timedelta(days=7))
    theirs = fake_sendgrid.add_template("welcome-email", NOW - timedelta(days=400))
    for n in range(201):  # past one page of 200
        fake_sendgrid.add_template(f"tracker-digest-2025-{n}", NOW - timedelta(days=60))
    backend = sendgrid_backend(fake_sendgrid)

    assert backend.prune_templates(prefix="tracker-digest-", now=NOW) == 202
    assert set(fake_sendgrid.templates) == {recent.id, theirs.id}
    assert old.id not in fake_sendgrid.templates
    listings = [r for r in fake_sendgrid.requests if r.method == "GET"]
    assert listings[0].query == {"generations": "dynamic", "page_size": "200"}
    assert [r.query.get("page_token") for r in listings] == [None, "200"]


def test_a_failure_to_prune_is_logged_and_never_raised(fake_sendgrid, caplog):
    fake_sendgrid.add_template("tracker-digest-old", NOW - timedelta(days=40))
    fake_sendgrid.add_template("tracker-digest-older", NOW - timedelta(days=50))
    for _ in range(3):  # the first delete, and its two retries
        fake_sendgrid.respond(500, method="DELETE", body={"errors": [{"message": "oops"}]})
    backend = sendgrid_backend(fake_sendgrid)
    with caplog.at_level(logging.WARNING):
        assert backend.prune_templates(prefix="tracker-digest-", now=NOW) == 1
        fake_sendgrid.respond(401, method="GET", body={"errors": [{"message": "no"}]})
        assert backend.prune_templates(prefix="tracker-digest-", now=NOW) == 0
    assert "could not delete SendGrid template tracker-digest-old" in caplog.text
    assert "could not list SendGrid templates to prune" in caplog.text


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


def test_too_large_request_is_split_and_resent(fake_sendgrid):
    fake_sendgrid.respond(413, body={"errors": [{"message": "too large"}]})
    results = sendgrid_backend(fake_sendgrid).send([member(n) for n in range(4)])

    assert [len(r.body["personalizations"]) for r in fake_sendgrid.requests] == [4, 2, 2]
    assert [r.provider_id for r in results] == ["fake-2", "fake-2", "fake-3", "fake-3"]


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
    [mailing] = mailings(1)
    assert backend.send_mailing(mailing, [], name="t") == []
    assert backend.requests_made == 0
