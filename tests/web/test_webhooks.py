"""SendGrid's Event Webhook through the real app on a real SQLite database, signed the way
SendGrid signs: ECDSA P-256 with SHA-256 over the timestamp header followed by the raw body,
base64 in X-Twilio-Email-Event-Webhook-Signature (sendgrid.helpers.eventwebhook checks it)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi.testclient import TestClient
from sqlmodel import select

from jobs.digest import send_digests
from tests.web.conftest import Clock
from tracker.config import Settings, WebSettings
from tracker.db import make_engine, session_scope
from tracker.mail import FileBackend, Sender
from tracker.models import Delivery, MailEvent, Member
from tracker.store.members import add_member
from tracker.web.app import create_app
from tracker.web.pages.webhooks import PATH

SECRET = "test-secret-" + "x" * 32
WEEK, NEXT_WEEK = date(2026, 3, 9), date(2026, 3, 16)
SENT_AT = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)
BOUNCED_AT = datetime(2026, 3, 9, 13, 4, tzinfo=UTC)
DANA, ELI = "dana@valley.example.org", "eli@lakes.example.org"


def public_key_setting(key: ec.EllipticCurvePrivateKey) -> str:
    """The public key as SendGrid shows it: base64 DER, no PEM lines."""
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode()


@pytest.fixture(scope="module")
def signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def signed(key: ec.EllipticCurvePrivateKey, body: bytes, at: datetime) -> dict[str, str]:
    timestamp = str(int(at.timestamp()))
    signature = key.sign(timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    return {
        "Content-Type": "application/json",
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
    }


def settings(url: str, **changes: Any) -> Settings:
    return Settings(_env_file=None, database_url=url, secret_key=SECRET, **changes)  # type: ignore[call-arg]


@pytest.fixture
def hooked(
    web_db: tuple[str, dict[str, int]], clock: Clock, signing_key: ec.EllipticCurvePrivateKey
) -> Iterator[TestClient]:
    """The app with the webhook on: TRACKER_SENDGRID_WEBHOOK_PUBLIC_KEY set."""
    url, _ = web_db
    app = create_app(
        settings(url, sendgrid_webhook_public_key=public_key_setting(signing_key)),
        WebSettings(secret_key=SECRET),
        clock=clock,
    )
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


@pytest.fixture
def sent(web_db: tuple[str, dict[str, int]], tmp_path: Path) -> dict[str, str]:
    """Two members, and the weekly update of March 9 sent to both through the file
    backend: each member's email and delivery key, as the sender made it."""
    url, _ = web_db
    engine = make_engine(url)
    with session_scope(engine) as db:
        for email, name in ((DANA, "Dana"), (ELI, "Eli")):
            add_member(
                db, email=email, name=name, organization="ISD", now=SENT_AT - timedelta(days=7)
            )
    outbox = tmp_path / "outbox-1"
    report = send_digests(
        engine,
        settings=settings(url),
        backend=FileBackend(Sender("updates@example.org", "Update"), outbox),
        week=WEEK,
        now=SENT_AT,
    )
    assert sorted(report.sent) == [DANA, ELI]
    keys = {}
    for path in outbox.glob("*.eml"):
        to = next(line for line in path.read_text().splitlines() if line.startswith("To:"))
        keys[DANA if DANA in to else ELI] = path.stem
    engine.dispose()
    assert set(keys) == {DANA, ELI}
    return keys


def bounce(key: str, **fields: Any) -> dict[str, Any]:
    return {
        "email": DANA,
        "timestamp": int(BOUNCED_AT.timestamp()),
        "event": "bounce",
        "type": "bounce",
        "reason": "550 5.1.1 The email account that you tried to reach does not exist",
        "sg_event_id": "Ym91bmNlLTAtMjE3NjQ1OS1nNDVyQ2dP",
        "sg_message_id": "gK4i8eRzRgu.filterdrecv-5645d9c87f-6r2ch-1-5DBB1B6C-4.0",
        "smtp-id": "<gK4i8eRzRgu@ismtpd0039p1iad1.sendgrid.net>",
        "tls": 1,
        "delivery_key": key,
        "digest_week": key.split("-", 1)[1][:10],
        "member_id": key.rsplit("-", 1)[1],
        **fields,
    }


def post(
    client: TestClient,
    events: object,
    key: ec.EllipticCurvePrivateKey | None,
    at: datetime,
    *,
    body: bytes | None = None,
) -> Any:
    raw = body if body is not None else json.dumps(events).encode()
    headers = signed(key, raw, at) if key else {"Content-Type": "application/json"}
    return client.post(PATH, content=raw, headers=headers)


def member_states(url: str) -> dict[str, str]:
    with session_scope(make_engine(url)) as db:
        return {m.email: m.state for m in db.exec(select(Member))}


def stored_events(url: str) -> list[str]:
    with session_scope(make_engine(url)) as db:
        return [row.sg_event_id for row in db.exec(select(MailEvent))]


def test_a_hard_bounce_marks_the_member_and_later_weeks_skip_them(
    hooked: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
    tmp_path: Path,
) -> None:
    url, _ = web_db
    delivered = {**bounce(sent[ELI]), "event": "delivered", "sg_event_id": "ZGVsaXZlcmVk"}
    response = post(hooked, [bounce(sent[DANA]), delivered], signing_key, clock.now)
    assert response.status_code == 200, response.text
    assert response.json()["applied"] == 1 and response.json()["ignored"] == {"delivered": 1}
    assert member_states(url) == {DANA: "bounced", ELI: "active"}
    with session_scope(make_engine(url)) as db:
        rows = {d.member_id: d for d in db.exec(select(Delivery))}
        dana = db.exec(select(Member).where(Member.email == DANA)).one()
        assert dana.id is not None
        assert rows[dana.id].status == "rejected"
        assert "550 5.1.1" in rows[dana.id].last_error
    outbox = tmp_path / "outbox-2"
    report = send_digests(
        make_engine(url),
        settings=settings(url),
        backend=FileBackend(Sender("updates@example.org", "Update"), outbox),
        week=NEXT_WEEK,
        now=datetime(2026, 3, 16, 12, 0, tzinfo=UTC),
    )
    assert report.sent == [ELI]
    assert [p.stem.rsplit("-", 1)[1] for p in outbox.glob("*.eml")] == [sent[ELI].rsplit("-")[-1]]


def test_a_replayed_event_changes_nothing_the_second_time(
    hooked: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    url, _ = web_db
    blocked = bounce(sent[DANA], type="blocked", reason="421 busy", sg_event_id="YmxvY2tlZA")
    dropped = bounce(sent[DANA], event="dropped", reason="Spam Content", sg_event_id="ZHJvcA")
    assert post(hooked, [blocked], signing_key, clock.now).json()["noted"] == 1
    assert post(hooked, [dropped], signing_key, clock.now).json()["noted"] == 1
    clock.advance(minutes=5)
    retry = post(hooked, [blocked], signing_key, clock.now)  # SendGrid retries the first batch
    assert retry.status_code == 200 and retry.json()["duplicates"] == 1
    assert retry.json()["noted"] == 0
    with session_scope(make_engine(url)) as db:
        errors = [d.last_error for d in db.exec(select(Delivery)) if d.last_error]
    assert errors == ["SendGrid dropped: Spam Content"], "the retry did not overwrite the drop"
    assert sorted(stored_events(url)) == ["YmxvY2tlZA", "ZHJvcA"]
    assert member_states(url) == {DANA: "active", ELI: "active"}


def test_a_spam_report_unsubscribes(
    hooked: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    url, _ = web_db
    spam = {k: v for k, v in bounce(sent[ELI], event="spamreport").items() if k != "type"}
    assert post(hooked, [spam], signing_key, clock.now).json()["applied"] == 1
    assert member_states(url) == {DANA: "active", ELI: "unsubscribed"}


@pytest.mark.parametrize(
    "attack",
    ["another key", "tampered body", "garbage signature", "unsigned", "stale", "future"],
)
def test_a_request_sendgrid_did_not_sign_just_now_is_refused(
    attack: str,
    hooked: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    url, _ = web_db
    body = json.dumps([bounce(sent[DANA])]).encode()
    headers = signed(signing_key, body, clock.now)
    if attack == "another key":
        headers = signed(ec.generate_private_key(ec.SECP256R1()), body, clock.now)
    elif attack == "tampered body":
        body = body.replace(sent[DANA].encode(), sent[ELI].encode())
    elif attack == "garbage signature":
        headers["X-Twilio-Email-Event-Webhook-Signature"] = "bm90IGEgc2lnbmF0dXJl"
    elif attack == "unsigned":
        headers = {"Content-Type": "application/json"}
    elif attack == "stale":  # a real signature, captured and replayed 11 minutes later
        headers = signed(signing_key, body, clock.now - timedelta(minutes=11))
    elif attack == "future":
        headers = signed(signing_key, body, clock.now + timedelta(minutes=11))
    response = hooked.post(PATH, content=body, headers=headers)
    assert response.status_code == 403, response.text
    assert member_states(url) == {DANA: "active", ELI: "active"}
    assert stored_events(url) == []


def test_a_signature_a_few_minutes_old_is_still_good(
    hooked: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    url, _ = web_db
    response = post(hooked, [bounce(sent[DANA])], signing_key, clock.now - timedelta(minutes=9))
    assert response.status_code == 200 and member_states(url)[DANA] == "bounced"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'[{"event": "bounce"', "not JSON"),
        (b"", "not JSON"),
        (b'{"event": "bounce"}', "JSON array"),
        ('["caf\u00e9"]'.encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_malformed_body_is_a_400_that_says_why(
    body: bytes,
    message: str,
    hooked: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    url, _ = web_db
    response = post(hooked, None, signing_key, clock.now, body=body)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert member_states(url) == {DANA: "active", ELI: "active"}


def test_a_body_larger_than_any_batch_is_refused_unread(
    hooked: TestClient, clock: Clock, signing_key: ec.EllipticCurvePrivateKey
) -> None:
    body = b"[" + b" " * (4 * 1024 * 1024) + b"]"
    response = post(hooked, None, signing_key, clock.now, body=body)
    assert response.status_code == 413 and "larger" in response.json()["error"]


def test_a_timestamp_that_is_not_a_unix_time_is_refused(
    hooked: TestClient, clock: Clock, signing_key: ec.EllipticCurvePrivateKey
) -> None:
    body = b"[]"
    for timestamp in ("9" * 5000, "1773154800.5", "\u00b2".encode("latin-1")):
        headers = {
            **signed(signing_key, body, clock.now),
            "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
        }
        assert hooked.post(PATH, content=body, headers=headers).status_code == 403


def test_events_the_tracker_did_not_send_are_counted_and_ignored(
    hooked: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    url, _ = web_db
    events = [
        bounce("newsletter-2026-03", member_id="1", sg_event_id="bmV3cw"),
        {**bounce(sent[DANA], sg_event_id="bm8ta2V5"), "delivery_key": None, "member_id": None},
        bounce(f"digest-2026-03-16-{sent[DANA].rsplit('-', 1)[1]}", sg_event_id="bmV4dA"),
        bounce(sent[DANA], event="group_resubscribe", sg_event_id="cmVzdWI"),
        bounce(sent[DANA], event="machine_opened", sg_event_id="bWFjaGluZQ"),
    ]
    response = post(hooked, events, signing_key, clock.now)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "received": 5,
        "applied": 0,
        "noted": 0,
        "settled": 0,
        "outdated": 0,
        "duplicates": 0,
        "ignored": {
            "group_resubscribe": 1,
            "no delivery key of the tracker": 2,
            "no such delivery": 1,
            "unknown event type": 1,
        },
    }
    assert member_states(url) == {DANA: "active", ELI: "active"}
    assert stored_events(url) == []


def test_without_a_key_the_webhook_is_off(
    client: TestClient,
    sent: dict[str, str],
    web_db: tuple[str, dict[str, int]],
    clock: Clock,
    signing_key: ec.EllipticCurvePrivateKey,
) -> None:
    url, _ = web_db
    for key in (signing_key, None):
        response = post(client, [bounce(sent[DANA])], key, clock.now)
        assert response.status_code == 404
    assert member_states(url) == {DANA: "active", ELI: "active"}


def test_a_key_that_is_not_an_ecdsa_public_key_stops_the_app(
    web_db: tuple[str, dict[str, int]],
) -> None:
    url, _ = web_db
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    rsa_der = rsa_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for bad in ("not-a-key", base64.b64encode(rsa_der).decode()):
        with pytest.raises(ValueError, match="TRACKER_SENDGRID_WEBHOOK_PUBLIC_KEY"):
            create_app(
                settings(url, sendgrid_webhook_public_key=bad), WebSettings(secret_key=SECRET)
            )


def test_the_key_may_be_pasted_as_a_pem_block(signing_key: ec.EllipticCurvePrivateKey) -> None:
    pem = signing_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    configured = settings("sqlite://", sendgrid_webhook_public_key=pem.decode())
    assert configured.sendgrid_webhook_public_key == public_key_setting(signing_key)
    assert settings("sqlite://", sendgrid_webhook_public_key="").sendgrid_webhook_public_key is None
