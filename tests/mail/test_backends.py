"""Console, file and SMTP backends (SMTP against a real aiosmtpd server), and the setting."""

from __future__ import annotations

import io
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from pydantic import ValidationError

from tests.mail.fakes import API_KEY, RecordingSmtpHandler, free_port
from tests.mail.samples import NOW, SENDER, SUBJECT, UNSUBSCRIBE, make_message, member
from tracker.mail import (
    Backoff,
    ConsoleBackend,
    FileBackend,
    MailSettings,
    SendGridBackend,
    SendOutcome,
    SmtpBackend,
    backend_from_settings,
)


def parse(raw: bytes) -> EmailMessage:
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


# -- console -----------------------------------------------------------------------------------


def test_console_prints_headers_and_text():
    stream = io.StringIO()
    results = ConsoleBackend(SENDER, stream=stream, clock=lambda: NOW).send([make_message()])

    output = stream.getvalue()
    assert f"Subject: {SUBJECT}" in output
    assert "HF 5 passed the House — see details." in output
    assert f"List-Unsubscribe: <{UNSUBSCRIBE}>" in output
    assert [r.outcome for r in results] == [SendOutcome.SENT]


# -- file --------------------------------------------------------------------------------------


def test_file_backend_writes_an_eml_that_parses_back_to_what_was_sent(tmp_path):
    message = make_message()
    [result] = FileBackend(SENDER, tmp_path / "outbox", clock=lambda: NOW).send([message])

    path = tmp_path / "outbox" / "digest-2025-W11.member-42.eml"
    assert result.outcome is SendOutcome.SENT
    assert result.provider_id == str(path)
    sent = message.to_email_message(SENDER, now=NOW)
    written = parse(path.read_bytes())
    for header in ("From", "To", "Subject", "Date", "Message-ID", *message.headers):
        assert written[header] == sent[header], header
    for kind in ("plain", "html"):
        assert written.get_body((kind,)).get_content() == sent.get_body((kind,)).get_content()


def test_file_backend_sending_a_key_again_replaces_its_file(tmp_path):
    backend = FileBackend(SENDER, tmp_path, clock=lambda: NOW)
    backend.send([make_message()])
    backend.send([make_message(subject="Corrected: HF 5 passed")])

    assert [p.name for p in tmp_path.iterdir()] == ["digest-2025-W11.member-42.eml"]
    assert parse((tmp_path / "digest-2025-W11.member-42.eml").read_bytes())["Subject"] == (
        "Corrected: HF 5 passed"
    )


def test_file_backend_reports_an_unusable_outbox(tmp_path):
    blocker = tmp_path / "outbox"
    blocker.write_text("a file where the folder should be")
    [result] = FileBackend(SENDER, blocker).send([make_message()])

    assert result.outcome is SendOutcome.FAILED
    assert "cannot create outbox folder" in result.detail


# -- SMTP against a real aiosmtpd server -------------------------------------------------------

REFUSED = "member2@district2.example.org"
BUSY = "member3@district3.example.org"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Controller, RecordingSmtpHandler]]:
    handler = RecordingSmtpHandler(
        refuse={REFUSED: "550 5.1.1 No such mailbox", BUSY: "450 4.2.1 Mailbox busy, try later"}
    )
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def smtp_backend(port: int, **changes: object) -> SmtpBackend:
    options: dict[str, object] = {"host": "127.0.0.1", "port": port, "timeout": 5.0}
    options.update(changes)
    return SmtpBackend(SENDER, clock=lambda: NOW, **options)  # type: ignore[arg-type]


def test_smtp_delivers_both_parts_and_unsubscribe_headers_in_one_connection(smtp_server):
    controller, handler = smtp_server
    results = smtp_backend(controller.port).send([member(1), member(4)])

    assert [r.outcome for r in results] == [SendOutcome.SENT, SendOutcome.SENT]
    assert results[0].provider_id == "<digest-2025-W11.member-1@mnschoolboards.example.org>"
    assert handler.sessions == 1
    assert [mail.rcpt_tos for mail in handler.received] == [
        ["member1@district1.example.org"],
        ["member4@district4.example.org"],
    ]
    received = parse(handler.received[0].content)
    assert handler.received[0].mail_from == SENDER.address
    assert received["Subject"] == SUBJECT
    assert received.get_content_type() == "multipart/alternative"
    assert received.get_body(("plain",)).get_content().strip() == member(1).text
    assert "passed the House" in received.get_body(("html",)).get_content()
    assert received["List-Unsubscribe"] == "<https://tracker.example.org/unsubscribe/tok-1>"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_smtp_refused_recipient_is_rejected_and_the_rest_still_go(smtp_server):
    controller, handler = smtp_server
    results = smtp_backend(controller.port).send([member(1), member(2), member(3), member(4)])

    assert [r.outcome for r in results] == [
        SendOutcome.SENT,
        SendOutcome.REJECTED,
        SendOutcome.FAILED,
        SendOutcome.SENT,
    ]
    assert "refused member2@district2.example.org: 550 5.1.1 No such mailbox" in results[1].detail
    assert "450 4.2.1" in results[2].detail
    assert len(handler.received) == 2


def test_smtp_unreachable_server_fails_every_message_after_backing_off():
    waits: list[float] = []
    port = free_port()
    backend = smtp_backend(port, backoff=Backoff(retries=2, base=0.5, sleep=waits.append))
    results = backend.send([member(1), member(2)])

    assert [r.outcome for r in results] == [SendOutcome.FAILED, SendOutcome.FAILED]
    assert f"could not connect to SMTP server 127.0.0.1:{port} after 3 attempt(s)" in (
        results[0].detail
    )
    assert waits == [0.5, 1.0]


# -- choosing a backend ------------------------------------------------------------------------


def settings(**values: Any) -> MailSettings:
    return MailSettings(_env_file=None, **values)


@pytest.mark.parametrize(
    ("values", "backend_type"),
    [
        ({"email_backend": "console"}, ConsoleBackend),
        ({"email_backend": "file", "outbox_dir": Path("out")}, FileBackend),
        ({"email_backend": "smtp", "smtp_host": "127.0.0.1"}, SmtpBackend),
        ({"email_backend": "sendgrid", "sendgrid_api_key": API_KEY}, SendGridBackend),
    ],
)
def test_backend_is_chosen_by_setting(values, backend_type):
    assert isinstance(backend_from_settings(settings(**values)), backend_type)


def test_file_is_the_default_backend(monkeypatch):
    monkeypatch.delenv("TRACKER_EMAIL_BACKEND", raising=False)
    assert isinstance(backend_from_settings(settings()), FileBackend)


def test_sendgrid_concurrency_is_a_setting_from_1_to_16():
    backend = backend_from_settings(
        settings(email_backend="sendgrid", sendgrid_api_key=API_KEY, sendgrid_concurrency=1)
    )
    assert isinstance(backend, SendGridBackend) and backend.concurrency == 1
    assert settings().sendgrid_concurrency == 4
    for wrong in (0, 17):
        with pytest.raises(ValidationError, match="sendgrid_concurrency"):
            settings(sendgrid_concurrency=wrong)
    with pytest.raises(ValueError, match="concurrency must be 1 or more"):
        SendGridBackend(SENDER, api_key=API_KEY, concurrency=0)


def test_sendgrid_without_a_key_is_a_clear_error():
    with pytest.raises(ValueError, match="TRACKER_SENDGRID_API_KEY"):
        backend_from_settings(settings(email_backend="sendgrid", sendgrid_api_key=None))


def test_smtp_ssl_and_starttls_are_exclusive():
    with pytest.raises(ValidationError, match="exclusive"):
        settings(smtp_ssl=True, smtp_starttls=True)
